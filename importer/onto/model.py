"""The typed records passed between the stages read -> parse -> resolve -> write."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from .links import LinkTarget


@dataclass(frozen=True, slots=True)
class Statement:
    """One relationship a note states, exactly as written, before any resolution."""

    file: str
    line: int
    written_type: str | None  # "ACTIVATED_BY", "May Detect"; None: a list item with no heading
    target: LinkTarget
    outgoing: bool = True  # False for `<- LINK` items: the link is the subject
    annotation: str | None = None
    # The item's YAML block; statements of identical blocks share one dict: never change it.
    properties: dict[str, Any] = field(default_factory=dict)
    type_hint: str | None = None  # "(condition)" after a list item's link
    form: str = "inline"  # "inline" field or relationship "list" item

    def __reduce__(self) -> tuple[type[Statement], tuple[Any, ...]]:
        return Statement, _statement_fields(self)


# Pickled as the tuple of its fields: dataclasses pickle frozen, slotted classes field by
# field in Python, which was much of saving a large garden's state (bench/RESULTS.md, "behind the code").
_statement_fields = attrgetter(*(f.name for f in fields(Statement)))


@dataclass(slots=True)
class Entity:
    """A typed note, ready to become a node."""

    id: str
    name: str
    type: str  # the ontology's type key, or a sanitised key when undeclared
    label: str
    declared: bool
    file: str
    line: int  # where the type was read (frontmatter line), for messages
    slug: str
    permalink: str | None
    aliases: list[str]
    properties: dict[str, Any]  # everything stored on the node besides id/labels


@dataclass(slots=True)
class ParsedNote:
    entity: Entity
    statements: list[Statement]


@dataclass(slots=True)
class Node:
    id: str
    labels: tuple[str, ...]  # beside :Entity
    properties: dict[str, Any]


@dataclass(slots=True)
class Relationship:
    type: str
    source: str
    target: str
    properties: dict[str, Any]


@dataclass(slots=True)
class Graph:
    nodes: list[Node]
    relationships: list[Relationship]
    statements: int  # statements parsed from typed notes
    statements_written: int  # of those, how many a relationship carries
    statements_dropped: int  # of those, how many were reported and not written
    stubs: int
