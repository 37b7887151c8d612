"""Resolve links to notes and statements to facts: one relationship per fact.

A statement written from either side, under any alias of its type, is the same fact once
it is put in the ontology's canonical direction; the copies merge into one relationship
that remembers every file and every way it was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from .identifiers import relationship_type_name
from .links import LinkTarget
from .model import Entity, Graph, Node, ParsedNote, Relationship, Statement
from .ontology import Ontology, RelationshipType
from .parse import slugify
from .problems import Report
from .properties import to_property

# Relationship properties the importer owns; YAML keys of the same name become `yaml_<key>`.
OWN_RELATIONSHIP_PROPERTIES = {"sources", "stated_as", "annotation", "sign", "statements", "undeclared_type"}
_IGNORED_IN_NAMES = re.compile(r"[\s_\-\u2010-\u2015]+")


def link_key(name: str) -> str:
    """Names that differ only by case, spacing, `_` or `-` are one name ("Bone_Fractures")."""
    return _IGNORED_IN_NAMES.sub("", unicodedata.normalize("NFKC", name).casefold())


def _permalink_key(permalink: str) -> str:
    return permalink.strip().strip("/").casefold()


@dataclass
class _Fact:
    type: RelationshipType | None  # None: undeclared
    name: str
    source: str
    target: str
    statements: list[Statement] = field(default_factory=list)

    def properties(self) -> dict[str, Any]:
        statements = self.statements
        if len(statements) > 1:  # later edits of the same edge win, by last_modified
            statements = sorted(statements, key=lambda s: (str(s.properties.get("last_modified", "")), s.file, s.line))
        merged: dict[str, Any] = {}
        for statement in statements:
            for key, value in statement.properties.items():
                stored = to_property(value)
                if stored is not None:
                    merged[f"yaml_{key}" if key in OWN_RELATIONSHIP_PROPERTIES else key] = stored
        by_place = sorted(statements, key=lambda s: (s.file, s.line)) if len(statements) > 1 else statements
        annotations = list(dict.fromkeys(s.annotation for s in by_place if s.annotation))
        merged["sources"] = sorted({s.file for s in statements})
        merged["stated_as"] = sorted({s.written_type for s in statements if s.written_type})
        merged["statements"] = len(statements)
        if annotations:
            merged["annotation"] = "; ".join(annotations)
        if self.type is not None and self.type.sign is not None:
            merged["sign"] = self.type.sign
        if self.type is None:
            merged["undeclared_type"] = True
        return merged


class NameIndex:
    """Finds the note a link means: by permalink, slug, title, alias or file name."""

    def __init__(self, entities: list[Entity]) -> None:
        self.by_id = {e.id: e for e in entities}
        self._permalinks: dict[str, str] = {}
        self._names: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for e in entities:
            if e.permalink:
                self._permalinks.setdefault(_permalink_key(e.permalink), e.id)
            stem = PurePosixPath(e.file).with_suffix("")
            for priority, name in (
                (0, e.slug),
                (1, e.name),
                *((2, alias) for alias in e.aliases),
                (3, stem.name),
                (4, str(stem)),
            ):
                key = link_key(name)
                if key and (priority, e.id) not in self._names[key]:
                    self._names[key].append((priority, e.id))

    def resolve(self, link: LinkTarget, wanted_types: tuple[str, ...]) -> tuple[str | None, list[str]]:
        """The id of the note, or None; and the other candidates when it was a guess."""
        if link.permalink:
            found = self._permalinks.get(_permalink_key(link.permalink))
            if found:
                return found, []
        candidates = self._names.get(link_key(link.name), [])
        if not candidates and link.permalink:  # a garden published under another prefix
            candidates = self._names.get(link_key(link.permalink.strip("/").rsplit("/", 1)[-1]), [])
        if not candidates:
            return None, []
        best = min(p for p, _ in candidates)
        ids = sorted(i for p, i in candidates if p == best)
        if len(ids) > 1 and wanted_types:
            fitting = [i for i in ids if self.by_id[i].type in wanted_types]
            ids = fitting or ids
        return ids[0], ids[1:]


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value; ties go to the smallest, so every import picks the same one."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _deduplicate_ids(notes: list[ParsedNote], report: Report) -> list[ParsedNote]:
    """The notes with unique ids; the parsed notes are left as they are (a re-import reuses them)."""
    seen: dict[str, str] = {}
    unique = []
    for note in notes:
        entity = note.entity
        if entity.id in seen:
            new_id = f"{entity.type}:{slugify(str(PurePosixPath(entity.file).with_suffix('')))}"
            report.warning(
                entity.file,
                None,
                "duplicate-id",
                f"{seen[entity.id]} already has type and slug {entity.id!r}; this note is {new_id!r}",
            )
            note = ParsedNote(replace(entity, id=new_id), note.statements)
        seen[note.entity.id] = note.entity.file
        unique.append(note)
    return unique


def _duplicate_names(notes: list[ParsedNote], report: Report) -> None:
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for note in notes:
        by_name[(note.entity.type, link_key(note.entity.name))].append(note.entity.file)
    for (type_, _), files in sorted(by_name.items()):
        for file in files[1:]:
            report.warning(file, None, "duplicate-name", f"another {type_} note has the same name: {files[0]}")


def resolve(notes: list[ParsedNote], ontology: Ontology, report: Report) -> Graph:
    notes = _deduplicate_ids(sorted(notes, key=lambda n: n.entity.file), report)
    _duplicate_names(notes, report)
    index = NameIndex([n.entity for n in notes])
    default = ontology.default_relationship

    facts: dict[tuple[str, str, str], _Fact] = {}
    stub_names: dict[str, Counter[str]] = defaultdict(Counter)
    stub_types: dict[str, Counter[str]] = defaultdict(Counter)
    undeclared: dict[tuple[str, str], list[int]] = defaultdict(list)
    unresolved: dict[tuple[str, str], list[int]] = defaultdict(list)
    total = dropped = 0

    for note in notes:
        for st in note.statements:
            total += 1
            written = st.written_type
            match = ontology.relationship(written) if written else None
            if written is None:  # a list item with no heading: its annotation may name the type
                match = ontology.relationship(st.annotation) if st.annotation else None
                written = st.annotation if match is not None and st.annotation else default.name
                if match is None:
                    match = ontology.relationship(default.name)
                    report.info(st.file, st.line, "no-heading", f"list item with no heading; stored as {default.name}")
            rel_type = match.type if match else None
            name = rel_type.name if rel_type else relationship_type_name(written)
            if rel_type is None:
                undeclared[(st.file, written)].append(st.line)
            st = st if st.written_type == written else replace(st, written_type=written)

            note_is_subject = st.outgoing != (match.reversed if match else False)
            wanted: tuple[str, ...] = ()
            hint_type = ontology.entity_type(st.type_hint) if st.type_hint else None
            if hint_type is not None:
                wanted = (hint_type.key,)
            elif rel_type is not None:
                wanted = rel_type.range if note_is_subject else rel_type.domain

            linked, others = index.resolve(st.target, wanted)
            if linked is None:
                key = link_key(st.target.name)
                if not key:
                    dropped += 1
                    report.warning(st.file, st.line, "empty-link", "a link with no target name; statement skipped")
                    continue
                linked = f"stub:{key}"
                stub_names[linked][st.target.name] += 1
                if len(wanted) == 1:
                    stub_types[linked][wanted[0]] += 1
                unresolved[(st.file, st.target.name)].append(st.line)
            elif others:
                report.warning(
                    st.file,
                    st.line,
                    "ambiguous-link",
                    f"[[{st.target.name}]] could be {', '.join([linked, *others])}; linked to {linked}",
                )

            if linked == note.entity.id:
                # Nothing is lost, and published gardens list each note as related to itself: info, not a warning.
                report.info(st.file, st.line, "self-link", f"[[{st.target.name}]] is this note itself; kept as written")
            source, target = (note.entity.id, linked) if note_is_subject else (linked, note.entity.id)
            if rel_type is not None and rel_type.symmetric and target < source:
                source, target = target, source
            fact = facts.get((source, name, target))
            if fact is None:
                fact = facts[(source, name, target)] = _Fact(rel_type, name, source, target)
            fact.statements.append(st)

    for (file, written), lines in sorted(undeclared.items()):
        close = ontology.suggest_relationship(written)
        hint = f" (did you mean {close}?)" if close else ""
        times = f" ({len(lines)} statements)" if len(lines) > 1 else ""
        report.warning(
            file,
            lines[0],
            "unknown-relationship",
            f"relationship type {written!r} is not in the ontology{hint}; "
            f"imported as {relationship_type_name(written)}{times}",
        )
    for (file, name), lines in sorted(unresolved.items()):
        report.info(file, lines[0], "unresolved-link", f"[[{name}]] is no note in the garden; linked to a stub")

    nodes = [Node(n.entity.id, (n.entity.label,), {**n.entity.properties, "id": n.entity.id}) for n in notes]
    for stub_id, names in sorted(stub_names.items()):
        name = _most_common(names)
        properties: dict[str, Any] = {"id": stub_id, "name": name, "stub": True}
        labels: tuple[str, ...] = ()
        if stub_types[stub_id]:
            type_key = _most_common(stub_types[stub_id])
            entity_type = ontology.entity_type_by_key(type_key)
            if entity_type is not None:
                properties["type"] = entity_type.key
                labels = (entity_type.label,)
        nodes.append(Node(stub_id, labels, properties))

    relationships = [
        Relationship(f.name, f.source, f.target, f.properties())
        for f in sorted(facts.values(), key=lambda f: (f.name, f.source, f.target))
    ]
    return Graph(
        nodes=nodes,
        relationships=relationships,
        statements=total,
        statements_written=total - dropped,
        statements_dropped=dropped,
        stubs=len(stub_names),
    )
