"""Keep a database equal to a garden folder: write what changed, remove what left.

An import computes the garden's whole graph (unchanged notes come parsed from the
previous import's state), compares its rows with the rows that import wrote, and writes
only the difference:

* rows that are new or differ are written: created when the database lacks them (a node,
  or a relationship with an end this import created), else merged;
* rows the garden no longer has are released: the garden's name and notes leave their
  `gardens` and `sources`, and what no garden holds any more is deleted, unless it is a
  node that relationships made by hand still use.

When the saved state cannot be trusted (first import, another machine, a wiped database,
an import that died), the previous rows are read from the graph instead and every row is
written: slower, never wrong.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Graph
from .ontology import Ontology
from .state import RelationshipKey, RowStamp


@dataclass
class Rows:
    """One garden's graph as the rows `write.Neo4jWriter` takes, keyed for comparison."""

    nodes: dict[str, dict[str, Any]]
    relationships: dict[RelationshipKey, dict[str, Any]]


@dataclass
class Changes:
    """What an import writes (or, for a dry run, would write)."""

    mode: str  # "full": previous rows read from the graph; "incremental": from the saved state; "unchanged"
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_deleted: int = 0
    nodes_kept_for_hand_made: int = 0
    notes_parsed: int = 0  # the others were unchanged, and their previous parse was reused
    seconds: dict[str, float] = field(default_factory=dict)  # where the time went, by phase
    node_rows: list[dict[str, Any]] = field(default_factory=list, repr=False)
    relationship_rows: list[dict[str, Any]] = field(default_factory=list, repr=False)
    node_deletes: list[str] = field(default_factory=list, repr=False)
    relationship_deletes: list[RelationshipKey] = field(default_factory=list, repr=False)
    node_stamps: dict[str, RowStamp] = field(default_factory=dict, repr=False)  # of every row, for the next import
    relationship_stamps: dict[RelationshipKey, RowStamp] = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "nodes": {"created": self.nodes_created, "updated": self.nodes_updated, "deleted": self.nodes_deleted},
            "relationships": {
                "created": self.relationships_created,
                "updated": self.relationships_updated,
                "deleted": self.relationships_deleted,
            },
            "nodes_kept_for_hand_made": self.nodes_kept_for_hand_made,
            "notes_parsed": self.notes_parsed,
            "seconds": self.seconds,
        }


def fingerprint(ontology: Ontology) -> str:
    """Saved state is only reused by the same onto code with the same ontology."""
    digest = hashlib.sha1(repr(ontology).encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):  # an upgrade or an edit of the parser
        stat = module.stat()
        digest.update(f"{module.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def new_token() -> str:
    return uuid.uuid4().hex


def garden_rows(graph: Graph, garden: str, ontology: Ontology) -> Rows:
    """The rows to write for one garden. Takes over the graph's property dicts, which it
    changes in place (a 100,000-note garden holds a million of them): use the graph no more."""
    stub_labels = sorted({t.label for t in ontology.entity_types})
    nodes: dict[str, dict[str, Any]] = {}
    for node in graph.nodes:
        properties = node.properties
        stub = properties.get("stub") is True
        file = properties.get("file")
        nodes[node.id] = {
            "id": node.id,
            "labels": list(node.labels),
            # A stub's type comes from the links to it and may change; an entity's is in its id.
            "drop_labels": [label for label in stub_labels if label not in node.labels] if stub else [],
            "properties": properties,
            "sources": [f"{garden}/{file}"] if isinstance(file, str) and not stub else [],
        }
    relationships: dict[RelationshipKey, dict[str, Any]] = {}
    for rel in graph.relationships:
        properties = rel.properties
        sources = properties.pop("sources", [])
        relationships[(rel.type, rel.source, rel.target)] = {
            "type": rel.type,
            "source": rel.source,
            "target": rel.target,
            "properties": properties,
            "sources": [f"{garden}/{s}" for s in sources],
        }
    graph.nodes, graph.relationships = [], []
    return Rows(nodes, relationships)


def stamp(row: dict[str, Any]) -> RowStamp:
    text = repr((sorted(row["properties"].items()), row.get("labels"), row["sources"]))
    return hashlib.blake2b(text.encode(), digest_size=12).digest()


def _compare(
    rows: dict[Any, dict[str, Any]],
    stamps: dict[Any, RowStamp],
    previous: Iterable[Any] | None,
) -> tuple[list[dict[str, Any]], int, int, list[Any], dict[Any, RowStamp]]:
    """(rows to write, created, updated, keys to release, every row's stamp) against the saved
    stamps, or, when `previous` is given (the keys the graph holds), against those, writing every row."""
    writes: list[dict[str, Any]] = []
    created = updated = 0
    new_stamps = {key: stamp(row) for key, row in rows.items()}
    if previous is not None:
        held = set(previous)
        for key, row in rows.items():
            writes.append(row)
            if key in held:
                updated += 1
            else:
                created += 1
        return writes, created, updated, sorted(held - rows.keys()), new_stamps
    for key, row in rows.items():
        before = stamps.get(key)
        if before is None:
            created += 1
            writes.append(row)
        elif before != new_stamps[key]:
            updated += 1
            writes.append(row)
    return writes, created, updated, sorted(stamps.keys() - rows.keys()), new_stamps


def plan_changes(
    rows: Rows,
    node_stamps: dict[str, RowStamp] | None,
    relationship_stamps: dict[RelationshipKey, RowStamp] | None,
    graph_nodes: Iterable[str] | None = None,
    graph_relationships: Iterable[RelationshipKey] | None = None,
) -> Changes:
    """Compare with the saved stamps, or, when given, with the keys read from the graph."""
    full = graph_nodes is not None
    node_rows, nc, nu, node_deletes, nodes_now = _compare(rows.nodes, node_stamps or {}, graph_nodes)
    rel_rows, rc, ru, rel_deletes, rels_now = _compare(
        rows.relationships, relationship_stamps or {}, graph_relationships
    )
    return Changes(
        mode="full" if full else "incremental",
        nodes_created=nc,
        nodes_updated=nu,
        nodes_deleted=len(node_deletes),
        relationships_created=rc,
        relationships_updated=ru,
        relationships_deleted=len(rel_deletes),
        node_rows=node_rows,
        relationship_rows=rel_rows,
        node_deletes=node_deletes,
        relationship_deletes=rel_deletes,
        node_stamps=nodes_now,
        relationship_stamps=rels_now,
    )


class BadGardenName(Exception):
    """A --garden name that cannot prefix the notes' paths."""


def garden_name(root: Path, given: str | None) -> str:
    """`--garden`, or the folder's name; never empty and never holding "/" (it prefixes sources)."""
    name = (given if given is not None else root.resolve().name).strip()
    if not name or "/" in name:
        raise BadGardenName(f"garden name {name!r}: give a name that is not empty and has no '/' (--garden NAME)")
    return name
