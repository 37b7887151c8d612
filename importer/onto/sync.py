"""Keep a database equal to a garden folder: write what changed, remove what left.

A re-import finds, from the saved state of the last one (`state`, `incremental`), the part
of the graph an edit can have changed, as it was and as it is, and writes only the rows
that differ:

* rows that are new or differ are written: created when the database lacks them (a node,
  or a relationship with an end this import created), else merged;
* rows the garden no longer has are released: the garden's notes leave their `sources`
  (and a node's `gardens` loses the garden's name), and what no garden holds any more is
  deleted, unless it is a node that relationships made by hand still use.

When the saved state cannot be trusted (first import, another machine, a wiped database,
an import that died), the whole garden is resolved, the rows the graph holds for the garden
are read from it, and every row is written: slower, never wrong.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .biolink import BiolinkTerms
from .model import Graph, Node, Relationship
from .ontology import Ontology

RelationshipKey = tuple[str, str, str]  # (type, source id, target id)


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
    relationship_rows: Iterable[dict[str, Any]] = field(default_factory=list, repr=False)
    node_deletes: list[str] = field(default_factory=list, repr=False)
    relationship_deletes: list[RelationshipKey] = field(default_factory=list, repr=False)

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
    """The rows to write for a garden's whole graph, which it empties (see `rows_of`)."""
    rows = rows_of(graph.nodes, graph.relationships, garden, ontology)
    graph.nodes, graph.relationships = [], []
    return rows


def rows_of(nodes: list[Node], relationships: list[Relationship], garden: str, ontology: Ontology) -> Rows:
    """The rows to write for these nodes and relationships of one garden. Takes over their
    property dicts, which it changes in place (a 100,000-note garden holds a million of
    them): use the nodes and relationships no more."""
    stub_labels = sorted({t.label for t in ontology.entity_types})
    terms = BiolinkTerms(ontology)
    node_rows = {node.id: node_row(node, garden, stub_labels, terms) for node in nodes}
    relationship_rows = {
        (rel.type, rel.source, rel.target): relationship_row(rel, garden, terms) for rel in relationships
    }
    return Rows(node_rows, relationship_rows)


def node_row(node: Node, garden: str, stub_labels: list[str], terms: BiolinkTerms) -> dict[str, Any]:
    properties = node.properties
    stub = properties.get("stub") is True
    file = properties.get("file")
    properties["category"] = terms.category(node.labels)
    return {
        "id": node.id,
        "labels": list(node.labels),
        # A stub's type comes from the links to it and may change; an entity's is in its id.
        "drop_labels": [label for label in stub_labels if label not in node.labels] if stub else [],
        "properties": properties,
        "sources": [f"{garden}/{file}"] if isinstance(file, str) and not stub else [],
    }


def relationship_row(rel: Relationship, garden: str, terms: BiolinkTerms) -> dict[str, Any]:
    properties = rel.properties
    sources = properties.pop("sources", [])
    properties.update(terms.edge(rel.type, properties, garden))
    return {
        "type": rel.type,
        "source": rel.source,
        "target": rel.target,
        "properties": properties,
        "sources": [f"{garden}/{s}" for s in sources],
    }


def plan_changes(
    node_rows: dict[str, dict[str, Any]],
    relationship_keys: AbstractSet[RelationshipKey],
    relationship_rows: Iterable[dict[str, Any]],
    graph_nodes: Iterable[str],
    graph_relationships: Iterable[RelationshipKey],
) -> Changes:
    """Every row written; created or updated as the graph holds its key or not; what the graph
    holds for the garden beyond the rows is released. `relationship_rows` (one per key) may
    be a generator: the rows are made as they are written."""
    changes = Changes("full")
    held_nodes, held_relationships = set(graph_nodes), set(graph_relationships)
    changes.node_rows = list(node_rows.values())
    changes.nodes_updated = len(held_nodes & node_rows.keys())
    changes.nodes_created = len(node_rows) - changes.nodes_updated
    changes.node_deletes = sorted(held_nodes - node_rows.keys())
    changes.nodes_deleted = len(changes.node_deletes)
    changes.relationship_rows = relationship_rows
    changes.relationships_updated = len(held_relationships & relationship_keys)
    changes.relationships_created = len(relationship_keys) - changes.relationships_updated
    changes.relationship_deletes = sorted(held_relationships - relationship_keys)
    changes.relationships_deleted = len(changes.relationship_deletes)
    return changes


def diff_rows(old: Rows, new: Rows) -> Changes:
    """The rows that differ between two versions of part of a garden's graph."""
    changes = Changes("incremental")
    for key, row in new.nodes.items():
        before = old.nodes.get(key)
        if before != row:
            changes.node_rows.append(row)
            changes.nodes_created += before is None
            changes.nodes_updated += before is not None
    changes.node_deletes = sorted(old.nodes.keys() - new.nodes.keys())
    changes.nodes_deleted = len(changes.node_deletes)
    relationship_rows = []
    for rel_key, row in new.relationships.items():
        before = old.relationships.get(rel_key)
        if before != row:
            relationship_rows.append(row)
            changes.relationships_created += before is None
            changes.relationships_updated += before is not None
    changes.relationship_rows = relationship_rows
    changes.relationship_deletes = sorted(old.relationships.keys() - new.relationships.keys())
    changes.relationships_deleted = len(changes.relationship_deletes)
    return changes


class BadGardenName(Exception):
    """A --garden name that cannot prefix the notes' paths."""


def garden_name(root: Path, given: str | None) -> str:
    """`--garden`, or the folder's name; never empty and never holding "/" (it prefixes sources)."""
    name = (given if given is not None else root.resolve().name).strip()
    if not name or "/" in name:
        raise BadGardenName(f"garden name {name!r}: give a name that is not empty and has no '/' (--garden NAME)")
    return name
