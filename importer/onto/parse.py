"""Parse one note: frontmatter into an Entity, body into Statements.

Which notes are entities: those with a `type` (or `dg-entity-type`) in their frontmatter,
else those whose folder is named after a declared type. Other pages (dashboards, drafts)
are skipped and reported as such.
"""

from __future__ import annotations

import sys
from pathlib import PurePosixPath
from typing import Any

from .body import Body, parse_body
from .identifiers import label_name
from .links import PLACEHOLDER, LinkTarget, make_template
from .model import Entity, ParsedNote, Statement
from .names import slugify, type_key
from .ontology import Ontology
from .problems import Report, brief
from .properties import string_list, to_property
from .read import RawNote
from .storable import fit, storable_keys, storable_link
from .xrefs import XREF_KEYS, note_xrefs

TYPE_KEYS = ("type", "dg-entity-type")
NAME_KEYS = ("title", "name")
# Node properties the importer owns; frontmatter keys of the same name are kept as `frontmatter_<key>`.
OWN_PROPERTIES = {
    "id", "name", "type", "file", "stub", "undeclared_type", "alias_text", "keys", "sources", "gardens", "said",
    "said_by", "category", "xref",
}  # fmt: skip


def _written_type(raw: RawNote, report: Report) -> tuple[str | None, bool]:
    """The type as written and whether the note is broken because of it."""
    for key in TYPE_KEYS:
        if key not in raw.metadata:
            continue
        value = raw.metadata[key]
        line = raw.frontmatter_lines.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None, False
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
            report.warning(raw.file, line, "type-list", f"`{key}` is a list of one; using {value[0]!r}")
            return value[0].strip(), False
        if not isinstance(value, str):
            report.error(raw.file, line, "bad-type", f"`{key}` must be one text value such as 'hormone', not {value!r}")
            return None, True
        return value.strip(), False
    return None, False


def _name(raw: RawNote, body: Body, report: Report) -> str:
    for key in NAME_KEYS:
        value = raw.metadata.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return fit(str(value).strip(), f"the {key}", raw.file, raw.frontmatter_lines.get(key), report)
    if body.first_heading:
        return fit(body.first_heading, "the first heading", raw.file, body.first_heading_line, report)
    return PurePosixPath(raw.file).stem


def parse_note(raw: RawNote, ontology: Ontology, report: Report) -> ParsedNote | None:
    written, broken = _written_type(raw, report)
    if broken:
        return None
    body = parse_body(raw.body, raw.body_line, raw.file, report)
    type_line = next((raw.frontmatter_lines[k] for k in TYPE_KEYS if k in raw.frontmatter_lines), 1)

    entity_type = ontology.entity_type(written) if written else None
    if written is None:
        entity_type = ontology.entity_type(raw.folder) if raw.folder else None
        if entity_type is None:
            dropped = f"; its {len(body.statements)} statements were not imported" if body.statements else ""
            severity = report.warning if body.statements else report.info
            severity(raw.file, None, "no-type", f"skipped: not an entity (no `type` in frontmatter){dropped}")
            return None

    if entity_type is not None:
        key, label, declared = entity_type.key, entity_type.label, True
    else:
        assert written is not None
        key, label, declared = type_key(written), label_name(written), False
        close = ontology.suggest_entity_type(written)
        hint = f" (did you mean {close!r}?)" if close else ""
        message = f"type {brief(written)} is not in the ontology{hint}; imported as :{label}"
        report.warning(raw.file, type_line, "unknown-type", message)

    name = _name(raw, body, report)
    slug_value = raw.metadata.get("slug")
    slug = (
        slugify(str(slug_value))
        if isinstance(slug_value, (str, int)) and str(slug_value).strip()
        else slugify(PurePosixPath(raw.file).stem)
    )
    permalink = raw.metadata.get("permalink")
    alias_key = "aliases" if "aliases" in raw.metadata else "alias"
    aliases = [
        fit(alias, "an alias", raw.file, raw.frontmatter_lines.get(alias_key), report)
        for alias in string_list(raw.metadata.get(alias_key))
    ]

    properties: dict[str, Any] = {}
    frontmatter = storable_keys(
        {str(k): v for k, v in raw.metadata.items()}, raw.file, raw.frontmatter_lines.get, "the frontmatter", report
    )
    linked = _frontmatter_statements(raw, frontmatter, report)
    xref, identifier_keys = note_xrefs(frontmatter, entity_type, ontology, raw.file, raw.frontmatter_lines.get, report)
    for k, v in frontmatter.items():
        if k in TYPE_KEYS or k in ("aliases", "alias", "tags") or k in linked or k in identifier_keys:
            continue
        stored = to_property(v)
        if stored is not None:
            properties[f"frontmatter_{k}" if k in OWN_PROPERTIES else k] = stored
    properties.update(
        name=name,
        type=key,
        file=raw.file,
        slug=slug,
        aliases=aliases,
        tags=[t.lstrip("#") for t in string_list(raw.metadata.get("tags"))],
    )
    if xref:
        properties["xref"] = xref
    if aliases:
        properties["alias_text"] = "; ".join(aliases)  # for the full-text index, which skips lists
    if not declared:
        properties["undeclared_type"] = True

    for unlinked in body.unlinked_fields:
        match = ontology.relationship(unlinked.key)
        if match is not None:
            report.warning(
                raw.file,
                unlinked.line,
                "no-target",
                f"{unlinked.key}:: names no linked note ({unlinked.value!r}); "
                f"write it as [[{unlinked.value or 'Target'}]]",
            )

    entity = Entity(
        id=f"{key}:{slug}",
        name=name,
        type=key,
        label=label,
        declared=declared,
        file=raw.file,
        line=type_line,
        slug=slug,
        permalink=str(permalink) if isinstance(permalink, str) and permalink.strip() else None,
        aliases=aliases,
        properties=properties,
    )
    return ParsedNote(entity, [*(st for sts in linked.values() for st in sts), *body.statements])


# Keys that are the note's own, whatever their value: never read as relationships.
_NOT_RELATIONSHIPS = {*TYPE_KEYS, *NAME_KEYS, *XREF_KEYS, "aliases", "alias", "tags", "slug", "permalink"}


def _frontmatter_statements(raw: RawNote, frontmatter: dict[str, Any], report: Report) -> dict[str, list[Statement]]:
    """The statements of frontmatter keys whose value is a link or a list of links
    (`activates: "[[mTOR Pathway]]"`): each is a relationship typed by its key, as an inline
    field is, and not a property. Keyed by the frontmatter key."""
    found: dict[str, list[Statement]] = {}
    for key, value in frontmatter.items():
        if key in _NOT_RELATIONSHIPS:
            continue
        links = _links_in(value)
        if not links:
            continue
        line = raw.frontmatter_lines.get(key) or 1
        found[key] = [
            Statement(raw.file, line, sys.intern(key), storable_link(link, raw.file, line, report), form="frontmatter")
            for link in links
        ]
    return found


def _links_in(value: Any) -> list[LinkTarget] | None:
    """The links a frontmatter value is made of (`"[[A]]"`, `["[[A]]", "[[B|b]]"]`), or None when it
    is anything else. Unquoted, `[[A]]` is YAML for a list holding a list: read as the link it meant."""
    found: list[LinkTarget] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, list) and len(item) == 1 and isinstance(item[0], str):
            item = f"[[{item[0]}]]"
        if not isinstance(item, str):
            return None
        template = make_template(item)
        if not template.links or PLACEHOLDER.sub("", template.text).strip(" ,;"):
            return None
        found.extend(link for link in template.links if link is not None)
    return found
