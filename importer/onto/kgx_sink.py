"""KGX JSON Lines (`nodes.jsonl`, `edges.jsonl`): a garden's graph as the Biolink world reads it.

A node's KGX `id` is its first external identifier (`xref`, checked against the Bioregistry
when the note was read) unless another node gives the same one, else its onto id under the
local prefix `ONTO:`, its colon a dot (`ONTO:hormone.igf-1`; a CURIE has one colon); every id
not chosen stays in `xref`. `category`, `predicate`, the qualifiers and the provenance are the properties the
import already gives (`biolink.BiolinkTerms`); the PMIDs and DOIs an annotation or an
edge's `study_references` cites become `publications`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .biolink import EDGE_TERMS, garden_source
from .ontology import Ontology

LOCAL_PREFIX = "ONTO"
# Node properties written under another name (Biolink's, or onto_ where Biolink means something
# else by it), and onto's own bookkeeping, left out.
_NODE_RENAMED = {"aliases": "synonym", "type": "onto_type", "file": "onto_file"}
_NODE_LEFT_OUT = {"category", "xref", "keys", "alias_text", "stub", "said", "said_by"}
_CITED = re.compile(r"\b(?:PMID[:\s]*(\d{1,9})|doi:\s*(10\.\d{4,9}/[^\s,;()]+))", re.IGNORECASE)


def local_id(onto_id: str) -> str:
    """`hormone:igf-1` as a CURIE under the local prefix: `ONTO:hormone.igf-1`; what a CURIE's
    local part cannot hold (`/` in a stub's name) percent-encoded, as in an IRI."""
    return f"{LOCAL_PREFIX}:{quote(onto_id.replace(':', '.', 1), safe='-._~')}"


class KgxSink:
    """Writes `nodes.jsonl` and `edges.jsonl` into a folder. Node ids are chosen once all node rows
    are in (an identifier two notes share is nobody's), so nodes are held until the edges come."""

    def __init__(self, out: Path, garden: str, ontology: Ontology) -> None:
        self.out, self.garden = out, garden
        self.source = garden_source(ontology.provenance, garden)
        self.nodes_file, self.edges_file = out / "nodes.jsonl", out / "edges.jsonl"
        self.nodes = self.edges = 0
        self._rows: list[dict[str, Any]] = []
        self._ids: dict[str, str] = {}

    def write_nodes(self, rows: Iterable[dict[str, Any]]) -> None:
        self._rows.extend(rows)

    def write_relationships(self, rows: Iterable[dict[str, Any]]) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self._write_nodes()
        with self.edges_file.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(_line(self._edge(row)))
                self.edges += 1

    def finalize(self) -> None:
        if self._rows:  # a garden with no relationships
            self.out.mkdir(parents=True, exist_ok=True)
            self._write_nodes()
            self.edges_file.touch()

    def _write_nodes(self) -> None:
        if not self._rows:
            return
        first = [(row.get("properties", {}).get("xref") or [None])[0] for row in self._rows]
        shared = {x for x in first if x is not None and first.count(x) > 1}
        with self.nodes_file.open("w", encoding="utf-8") as handle:
            for row, xref in zip(self._rows, first, strict=True):
                own = xref is not None and xref not in shared
                self._ids[row["id"]] = xref if own else local_id(row["id"])
                handle.write(_line(self._node(row)))
                self.nodes += 1
        self._rows = []

    def _node(self, row: dict[str, Any]) -> dict[str, Any]:
        properties = row["properties"]
        kgx_id = self._ids[row["id"]]
        record = {
            "id": kgx_id,
            "category": properties.get("category") or ["biolink:NamedThing"],
            "name": properties.get("name"),
            "xref": [x for x in [*properties.get("xref", []), local_id(row["id"])] if x != kgx_id] or None,
            "provided_by": [self.source],
            "onto_id": row["id"],
            "onto_labels": row["labels"],
            "onto_sources": row["sources"],
        }
        for key, value in properties.items():
            if key not in _NODE_LEFT_OUT and key not in record and value not in (None, [], ""):
                record[_NODE_RENAMED.get(key, key)] = value
        return {k: v for k, v in record.items() if v is not None}

    def _edge(self, row: dict[str, Any]) -> dict[str, Any]:
        properties = row["properties"]
        subject, obj = self._ids[row["source"]], self._ids[row["target"]]
        key = f"{row['type']}|{row['source']}|{row['target']}".encode()
        record: dict[str, Any] = {
            "id": f"{LOCAL_PREFIX}:edge-{hashlib.sha1(key).hexdigest()[:16]}",
            "subject": subject,
            "object": obj,
            **{term: properties[term] for term in EDGE_TERMS if properties.get(term) is not None},
            "onto_type": row["type"],
            "onto_sources": row["sources"],
        }
        publications = _cited(properties.get("annotation"), properties.get("study_references"))
        if publications:
            record["publications"] = publications
        for name, value in properties.items():
            if name not in record and name not in EDGE_TERMS and value not in (None, [], ""):
                record[name] = value
        return record


def _cited(*texts: Any) -> list[str]:
    """The PMIDs and DOIs written in these texts (or lists of texts), as CURIEs, in order."""
    found: list[str] = []
    for text in texts:
        for item in text if isinstance(text, list) else [text]:
            for pmid, doi in _CITED.findall(str(item)) if item is not None else []:
                curie = f"PMID:{pmid}" if pmid else f"doi:{doi.rstrip('.')}"
                if curie not in found:
                    found.append(curie)
    return found


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n"
