"""`onto import-kg`: a KGX graph (PrimeKG, Hetionet, a Translator or Monarch export) beside
the gardens, owned by its source as a garden's data is owned by its garden.

Read back through the ontology, the inverse of what `biolink.BiolinkTerms` writes:

* a node's first category the ontology reads as a type (`category_reads_as`) gives its
  label; a node of no such category keeps a label made from its first category, with
  `undeclared_type`, as a note of an undeclared type does;
* an edge's predicate and qualifiers give the relationship type whose `biolink` says the same;
  else a type whose `biolink` is that predicate alone; else the type the predicate's name
  means (`treated_by` is TREATS turned round); else AFFECTS, which an edge's direction
  qualifier signs (`effect_direction`), for any other `affects`; else a type named after the
  predicate, with `undeclared_type`.

A node joins a garden's entity when one of its identifiers (its `id`, its `xref`) is one the
garden's note gives; else when its name is one name of exactly one entity (the rule of
`names.link_key`, as a link finds a note). Joined, it is one node that both describe, as a
node two gardens describe (shared.py): the garden's note shows first. Every other node keeps
its KGX id. The rows go to the database through the writer gardens use: a re-import replaces
what the source wrote before and touches no other source or garden.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .biolink import EDGE_TERMS
from .identifiers import label_name, relationship_type_name
from .names import link_key
from .ontology import EntityType, Ontology, RelationshipType
from .problems import Report
from .properties import string_list
from .resolve import node_keys
from .sync import RelationshipKey

_LIST_SEPARATOR = "|"  # KGX TSV's list separator
_QUALIFIERS = ("qualified_predicate", "object_aspect_qualifier", "object_direction_qualifier", "negated")
_DIRECTIONS = {"increased": "increases", "upregulated": "increases", "decreased": "decreases",
               "downregulated": "decreases"}  # fmt: skip
# Node fields that are KGX's own and become onto's properties under onto's names.
_NODE_FIELDS = {"id", "name", "category", "xref", "synonym"}


def read_records(path: Path, report: Report) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, record) of a KGX file: JSON Lines, or TSV with `|` between list items."""
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".tsv":
            reader = csv.DictReader(handle, delimiter="\t")
            for row in reader:
                yield reader.line_num, {k: _tsv_value(k, v) for k, v in row.items() if k and v not in (None, "")}
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                report.error(str(path), number, "bad-kgx", f"not a JSON object: {error}")
                continue
            if not isinstance(record, dict):
                report.error(str(path), number, "bad-kgx", "not a JSON object")
                continue
            yield number, record


def _tsv_value(key: str, value: str) -> Any:
    listed = key in ("category", "xref", "synonym", "provided_by", "publications", "knowledge_source")
    return value.split(_LIST_SEPARATOR) if listed else value


@dataclass(frozen=True)
class TypeMatch:
    type: RelationshipType | None
    name: str  # the relationship type written: the declared one's, or one made from the predicate
    reversed: bool = False
    effect_direction: str | None = None


class BiolinkReader:
    """The ontology's types of Biolink categories and predicates."""

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology
        self._types = {
            category: et
            for category, key in ontology.category_types.items()
            if (et := ontology.entity_type_by_key(key)) is not None
        }
        self._exact: dict[tuple[Any, ...], RelationshipType] = {}
        self._bare: dict[str, RelationshipType] = {}
        for rt in ontology.relationship_types:
            terms = dict(rt.biolink)
            self._exact.setdefault(_signature(terms), rt)
            if set(terms) == {"predicate"}:
                self._bare.setdefault(terms["predicate"], rt)
        self._affects = next((rt for rt in ontology.relationship_types if rt.sign_from_edge and
                              dict(rt.biolink).get("predicate") == "biolink:affects"), None)  # fmt: skip

    def entity_type(self, categories: list[str]) -> tuple[EntityType | None, str]:
        """The type of a node's categories, and its label."""
        for category in categories:
            if category in self._types:
                return self._types[category], self._types[category].label
        first = categories[0] if categories else "biolink:NamedThing"
        return None, label_name(first.partition(":")[2] or first)

    def relationship(self, edge: dict[str, Any]) -> TypeMatch:
        predicate = str(edge.get("predicate") or "biolink:related_to")
        found = self._exact.get(_signature(edge)) or (None if _qualified(edge) else self._bare.get(predicate))
        if found is not None:
            return TypeMatch(found, found.name)
        direction = _DIRECTIONS.get(str(edge.get("object_direction_qualifier", "")))
        if predicate == "biolink:affects" and self._affects is not None:
            return TypeMatch(self._affects, self._affects.name, effect_direction=direction)
        local = predicate.partition(":")[2] or predicate
        match = self.ontology.relationship(local)
        if match is not None:
            return TypeMatch(match.type, match.type.name, reversed=match.reversed)
        return TypeMatch(None, relationship_type_name(local))


def _signature(terms: dict[str, Any]) -> tuple[Any, ...]:
    return (terms.get("predicate"), *(terms.get(q) for q in _QUALIFIERS))


def _qualified(edge: dict[str, Any]) -> bool:
    return any(edge.get(q) not in (None, "", False) for q in _QUALIFIERS)


@dataclass
class Joins:
    """The gardens' entities a KG node may join: by identifier, and by the key of a name."""

    by_xref: dict[str, str]
    by_key: dict[str, str | None]  # None: the name means several entities

    @classmethod
    def of(cls, entities: list[dict[str, Any]]) -> Joins:
        by_xref: dict[str, str] = {}
        by_key: dict[str, str | None] = {}
        for entity in entities:
            for xref in entity.get("xref") or []:
                by_xref.setdefault(xref, entity["id"])
            for key in entity.get("keys") or []:
                by_key[key] = entity["id"] if by_key.get(key, entity["id"]) == entity["id"] else None
        return cls(by_xref, by_key)

    def find(self, ids: list[str], name: str | None) -> tuple[str | None, str | None]:
        """(the entity's id, how: "identifier" or "name"), or (None, None)."""
        for kgx_id in ids:
            if kgx_id in self.by_xref:
                return self.by_xref[kgx_id], "identifier"
        found = self.by_key.get(link_key(name)) if name else None
        return (found, "name") if found else (None, None)


@dataclass
class KgRows:
    nodes: dict[str, dict[str, Any]]
    relationships: dict[RelationshipKey, dict[str, Any]]
    joined_by_identifier: int = 0
    joined_by_name: int = 0
    edges: int = 0


def kg_rows(
    nodes_file: Path, edges_file: Path, source: str, ontology: Ontology, joins: Joins, report: Report
) -> KgRows:
    """The node and relationship rows of a KGX graph, as an import writes rows (sync.py)."""
    reader = BiolinkReader(ontology)
    rows = KgRows({}, {})
    ids: dict[str, str] = {}  # KGX id -> the node's id in the graph
    for line, record in read_records(nodes_file, report):
        kgx_id = record.get("id")
        if not isinstance(kgx_id, str) or not kgx_id.strip():
            report.error(str(nodes_file), line, "bad-kgx", "a node with no id")
            continue
        row = _node_row(record, kgx_id, source, reader, joins, rows, str(nodes_file), line, report)
        ids[kgx_id] = row["id"]
        held = rows.nodes.get(row["id"])
        if held is not None:  # two KG nodes joined the same entity: one node, both ids
            held["properties"]["xref"] += [x for x in row["properties"]["xref"] if x not in held["properties"]["xref"]]
            held["sources"] += row["sources"]
        else:
            rows.nodes[row["id"]] = row
    for line, record in read_records(edges_file, report):
        rows.edges += 1
        subject, obj = ids.get(str(record.get("subject"))), ids.get(str(record.get("object")))
        if subject is None or obj is None:
            missing = record.get("subject") if subject is None else record.get("object")
            report.warning(
                str(edges_file), line, "no-target", f"the edge names a node the nodes file lacks: {missing!r}"
            )
            continue
        _add_edge(rows, record, subject, obj, source, reader)
    return rows


def _node_row(
    record: dict[str, Any], kgx_id: str, source: str, reader: BiolinkReader, joins: Joins, rows: KgRows,
    file: str, line: int, report: Report,
) -> dict[str, Any]:  # fmt: skip
    categories = string_list(record.get("category"))
    entity_type, label = reader.entity_type(categories)
    if entity_type is None:
        report.warning(file, line, "unknown-type", f"no type of the ontology is {categories or 'uncategorised'}; "
                                                    f"imported as :{label}")  # fmt: skip
    name = str(record.get("name") or kgx_id)
    xref = list(dict.fromkeys([kgx_id, *string_list(record.get("xref"))]))
    joined, how = joins.find(xref, record.get("name"))
    rows.joined_by_identifier += how == "identifier"
    rows.joined_by_name += how == "name"
    node_id = joined or kgx_id
    aliases = string_list(record.get("synonym"))
    properties: dict[str, Any] = {
        "id": node_id,
        "name": name,
        "type": entity_type.key if entity_type else label.lower(),
        "category": categories or ["biolink:NamedThing"],
        "xref": xref,
        "aliases": aliases,
        "knowledge_graph": source,
        "keys": node_keys(name, node_id, (link_key(a) for a in aliases)),
    }
    if entity_type is None:
        properties["undeclared_type"] = True
    if aliases:
        properties["alias_text"] = "; ".join(aliases)
    for key, value in record.items():
        if key not in _NODE_FIELDS and key not in properties and value not in (None, "", []):
            properties[key] = value if isinstance(value, (str, int, float, bool, list)) else json.dumps(value)
    return {"id": node_id, "labels": [label], "drop_labels": [], "properties": properties,
            "sources": [f"{source}/{kgx_id}"]}  # fmt: skip


def _add_edge(rows: KgRows, record: dict[str, Any], subject: str, obj: str, source: str, reader: BiolinkReader) -> None:
    match = reader.relationship(record)
    start, end = (obj, subject) if match.reversed else (subject, obj)
    key = (match.name, start, end)
    edge_id = str(record.get("id") or f"{record.get('subject')}|{record.get('predicate')}|{record.get('object')}")
    held = rows.relationships.get(key)
    if held is not None:  # several KG edges state one fact
        held["properties"]["statements"] += 1
        held["sources"].append(f"{source}/{edge_id}")
        return
    properties: dict[str, Any] = {
        **{term: record[term] for term in EDGE_TERMS if record.get(term) not in (None, "")},
        "predicate": record.get("predicate") or "biolink:related_to",
        "stated_as": [str(record.get("predicate"))],
        "statements": 1,
        "knowledge_graph": source,
    }
    if match.type is None:
        properties["undeclared_type"] = True
    if match.effect_direction is not None:
        properties[reader.ontology.edge_direction.key] = match.effect_direction
    sign = _sign(match, properties, reader.ontology, rows, start, end)
    if sign is not None:
        properties["sign"] = sign
        if match.type is not None and match.type.aspect is not None:
            properties["aspect"] = match.type.aspect
    if match.type is not None and match.type.clinical_effect is not None:
        properties["clinical_effect"] = match.type.clinical_effect
    for name, value in record.items():
        if name not in properties and name not in ("subject", "object", "id") and value not in (None, "", []):
            properties[name] = value if isinstance(value, (str, int, float, bool, list)) else json.dumps(value)
    rows.relationships[key] = {"type": match.name, "source": start, "target": end, "properties": properties,
                               "sources": [f"{source}/{edge_id}"]}  # fmt: skip


def _sign(match: TypeMatch, properties: dict[str, Any], ontology: Ontology, rows: KgRows, start: str, end: str
          ) -> int | None:  # fmt: skip
    """The fact's sign by the ontology's rule (`Ontology.sign`), between the two ends' types."""
    if match.type is None:
        return None
    edge_sign = ontology.edge_direction.sign(properties)
    types = [rows.nodes[n]["properties"]["type"] if n in rows.nodes else None for n in (start, end)]
    return ontology.sign(match.type, types[0], types[1], {edge_sign} if edge_sign is not None else set())
