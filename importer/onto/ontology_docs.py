"""docs/ontology.md, made from the ontology files (`onto ontology docs`), so the two never drift."""

from __future__ import annotations

from .ontology import Ontology, RelationshipType

HEADER = """\
# The ontology

Made from `ontology/entity_types.yaml` and `ontology/relationship_types.yaml` by
`onto ontology docs > docs/ontology.md`; a test fails when the two differ. What each field
means is said at the top of each file; names the files do not list are read by rule
([grammar](grammar.md#from-statements-to-relationships)).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{_cell(n)}`" for n in names)


def _kinds(types: tuple[str, ...]) -> str:
    return ", ".join(types) if types else "any"


def _effect(rel: RelationshipType) -> str:
    if rel.sign is not None:
        return f"{'+1' if rel.sign > 0 else '-1'} ({rel.aspect})"
    if rel.sign_from_edge:
        return "from the edge"
    if rel.clinical_effect:
        return rel.clinical_effect
    return ""


def _biolink(rel: RelationshipType) -> str:
    terms = dict(rel.biolink)
    predicate = str(terms.pop("predicate", "biolink:related_to"))
    how = ", ".join(f"{k.removeprefix('object_').removesuffix('_qualifier')}: {v}" for k, v in sorted(terms.items()))
    return f"`{predicate}`" + (f" ({_cell(how)})" if how else "")


def ontology_markdown(ontology: Ontology) -> str:
    lines = [HEADER, f"## Entity types ({len(ontology.entity_types)})", ""]
    lines += [
        "| key | label | Biolink | identifiers | aliases | description |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for et in ontology.entity_types:
        lines.append(
            f"| `{et.key}` | `{et.label}` | `{et.biolink}` | {', '.join(et.identifiers)} | {_names(et.aliases)} | "
            f"{_cell(et.description)} |"
        )
    lines += ["", "A knowledge graph's node (`onto import-kg`) is read as a type by its category:", ""]
    lines += ["| Biolink category | read as |", "| --- | --- |"]
    lines += [f"| `{category}` | `{key}` |" for category, key in ontology.category_types.items()]
    lines += ["", f"## Relationship types ({len(ontology.relationship_types)})", ""]
    lines.append(
        f"A list item with no heading is `{ontology.default_relationship_name}`; a heading that only "
        f"names a kind of note, with no type of that kind's plural name, is `{ontology.association_name}`. "
        "A sign holds only from "
        f"{_kinds(ontology.signed_sources)} to {_kinds(ontology.signed_targets)}."
    )
    lines += [
        "",
        "| name | inverse | sign or effect | Biolink | domain | range | aliases | inverse aliases | description |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rel in ontology.relationship_types:
        inverse = "symmetric" if rel.symmetric else f"`{rel.inverse}`" if rel.inverse else ""
        lines.append(
            f"| `{rel.name}` | {inverse} | {_effect(rel)} | {_biolink(rel)} | {_kinds(rel.domain)} | "
            f"{_kinds(rel.range)} | {_names(rel.aliases)} | {_names(rel.inverse_aliases)} | {_cell(rel.description)} |"
        )
    return "\n".join(lines) + "\n"
