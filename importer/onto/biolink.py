"""The Biolink Model terms of the graph: a node's `category`, a relationship's `predicate`,
its qualifiers and provenance, all read from the ontology (`biolink` of each type, and the
`provenance` block), so that KGX tools and Biolink's validators read onto's graph as they
read the public knowledge graphs.

The Browser labels and relationship types stay onto's own; these are properties beside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .names import slugify
from .ontology import Ontology, Provenance

NAMED_THING = "biolink:NamedThing"  # a stub no link gave a type, or an undeclared type
RELATED_TO = {"predicate": "biolink:related_to"}  # an undeclared relationship type: nothing more is said
# Properties these terms give a relationship; YAML keys of the same name become `yaml_<key>`.
EDGE_TERMS = (
    "predicate", "qualified_predicate", "object_aspect_qualifier", "object_direction_qualifier", "negated",
    "knowledge_level", "agent_type", "primary_knowledge_source",
)  # fmt: skip


class BiolinkTerms:
    """The Biolink terms of one ontology, looked up per row while rows are made."""

    def __init__(self, ontology: Ontology) -> None:
        self._category = {et.label: et.biolink or NAMED_THING for et in ontology.entity_types}
        self._edge = {rt.name: dict(rt.biolink) or RELATED_TO for rt in ontology.relationship_types}
        self._provenance = ontology.provenance

    def category(self, labels: Iterable[str]) -> list[str]:
        """A node's categories, most specific first: its type's (the first label the ontology knows)."""
        for label in labels:
            if label in self._category:
                return [self._category[label]]
        return [NAMED_THING]

    def edge(self, rel_type: str, properties: dict[str, Any], garden: str) -> dict[str, Any]:
        """A relationship's predicate, qualifiers and provenance. Its primary knowledge source is
        the resource its edge YAML names (`source: PrimeKG`) when the ontology knows it, else the
        garden's own."""
        provenance = self._provenance
        resource = _first_resource(properties.get("source"), provenance.resources)
        if resource is None:
            kind, source = provenance.garden, garden_source(provenance, garden)
        else:
            kind, source = provenance.resource, resource
        return {
            **self._edge.get(rel_type, RELATED_TO),
            "knowledge_level": kind.knowledge_level,
            "agent_type": kind.agent_type,
            "primary_knowledge_source": source,
        }


def garden_source(provenance: Provenance, garden: str) -> str:
    """The Information Resource id of a garden's own knowledge: `infores:onto-garden-<garden>`."""
    return f"infores:{provenance.source_prefix}-{slugify(garden)}"


def _first_resource(value: Any, resources: dict[str, str]) -> str | None:
    """The infores of the first resource the edge's `source` names (a list where notes differ)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip().casefold() in resources:
            return resources[item.strip().casefold()]
    return None
