"""Resolve links to notes and statements to facts: one relationship per fact.

A statement written from either side, under any alias of its type, is the same fact once
it is put in the ontology's canonical direction; the copies merge into one relationship
that remembers every file and every way it was written.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from .biolink import EDGE_TERMS
from .identifiers import relationship_type_name
from .links import LinkTarget
from .model import Entity, Graph, Node, ParsedNote, Relationship, Statement
from .names import link_key, permalink_key, slugify
from .ontology import Ontology, RelationshipMatch, RelationshipType, a_or_an
from .problems import Problem, Report, Severity
from .properties import to_property

# Relationship properties the importer owns; YAML keys of the same name become `yaml_<key>`.
OWN_RELATIONSHIP_PROPERTIES = {
    "sources", "stated_as", "annotation", "sign", "aspect", "clinical_effect", "statements", "undeclared_type",
    "gardens", "id", "said", "said_by", "values_by_note", *EDGE_TERMS,
}  # fmt: skip


FactKey = tuple[str, str, str]  # (relationship type, source id, target id): one relationship


def fact_properties(rel_type: RelationshipType | None, statements: list[Statement], sign: int | None) -> dict[str, Any]:
    """The properties of the relationship that carries these statements of one fact; `sign`
    is the fact's (see `Ontology.sign`)."""
    merged = _edge_properties(statements)
    if len(statements) == 1:
        # Most facts are stated once, and their rows are made while relationships are written:
        # spelt out, this path costs a quarter less than the general one (bench/RESULTS.md).
        (statement,) = statements
        merged["sources"] = [statement.file]
        merged["stated_as"] = [statement.written_type] if statement.written_type else []
        merged["statements"] = 1
        if statement.annotation:
            merged["annotation"] = statement.annotation
    else:
        by_place = sorted(statements, key=lambda s: (s.file, s.line))
        annotations = list(dict.fromkeys(s.annotation for s in by_place if s.annotation))
        merged["sources"] = sorted({s.file for s in statements})
        merged["stated_as"] = sorted({s.written_type for s in statements if s.written_type})
        merged["statements"] = len(statements)
        if annotations:
            merged["annotation"] = "; ".join(annotations)
    if sign is not None:
        merged["sign"] = sign
        if rel_type is not None and rel_type.aspect is not None:
            merged["aspect"] = rel_type.aspect
    if rel_type is not None and rel_type.clinical_effect is not None:
        merged["clinical_effect"] = rel_type.clinical_effect
    if rel_type is None:
        merged["undeclared_type"] = True
    return merged


def _note_properties(statements: list[Statement]) -> dict[str, Any]:
    """The edge properties one note gives a fact: when it states the fact more than once (a
    published note keeps an older copy of an edited edge), the later edit wins, by last_modified."""
    if len(statements) > 1:
        statements = sorted(statements, key=lambda s: (str(s.properties.get("last_modified", "")), s.line))
    merged: dict[str, Any] = {}
    for statement in statements:
        for key, value in statement.properties.items():
            stored = to_property(value)
            if stored is not None:
                merged[f"yaml_{key}" if key in OWN_RELATIONSHIP_PROPERTIES else key] = stored
    return merged


def _edge_properties(statements: list[Statement]) -> dict[str, Any]:
    """The edge properties of a fact. Where notes give one property different values, none
    overwrites another: the property lists every value (in the order of the notes), and
    `values_by_note` (JSON text) says which note gave which."""
    if len(statements) == 1 or len({s.file for s in statements}) == 1:
        return _note_properties(statements)
    by_note: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        by_note[statement.file].append(statement)
    said = {file: _note_properties(sts) for file, sts in sorted(by_note.items())}
    merged: dict[str, Any] = {}
    differ: dict[str, dict[str, Any]] = {}
    for key in dict.fromkeys(k for properties in said.values() for k in properties):
        values = {file: properties[key] for file, properties in said.items() if key in properties}
        distinct = list(dict.fromkeys(json.dumps(v, sort_keys=True) for v in values.values()))
        if len(distinct) == 1:
            merged[key] = next(iter(values.values()))
        else:
            merged[key] = to_property([json.loads(v) for v in distinct])
            differ[key] = values
    if differ:
        merged["values_by_note"] = json.dumps(differ, ensure_ascii=False, sort_keys=True)
    return merged


def id_type(entity_id: str) -> str | None:
    """The type key of a note's id (`<type>:<slug>`); None for a stub, whose type links guess."""
    type_key, _, _ = entity_id.partition(":")
    return None if type_key == "stub" else type_key


class NameIndex:
    """Finds the note a link means: by permalink, slug, title, alias or file name.

    Subclasses say where the names live: in memory for a whole garden (`GardenNames`), or
    in the saved state of the last import, for a re-import that resolves a few notes again.
    """

    def candidates(self, key: str) -> list[tuple[int, str, str]]:
        """(priority, entity id, entity type) of every note with this name key."""
        raise NotImplementedError

    def permalink(self, key: str) -> str | None:
        """The id of the first note, by file, published under this permalink."""
        raise NotImplementedError

    def resolve(self, link: LinkTarget, wanted_types: tuple[str, ...]) -> tuple[str | None, list[str]]:
        """The id of the note, or None; and the other candidates when it was a guess."""
        if link.permalink:
            found = self.permalink(permalink_key(link.permalink))
            if found:
                return found, []
        candidates = self.candidates(link_key(link.name))
        if not candidates and link.permalink:  # a garden published under another prefix
            candidates = self.candidates(link_key(_last_segment(link.permalink)))
        if not candidates:
            return None, []
        best = min(p for p, _, _ in candidates)
        types = {i: t for p, i, t in candidates if p == best}
        ids = sorted(types)
        if len(ids) > 1 and wanted_types:  # the note of the first wanted type that has one
            rank = {t: n for n, t in enumerate(wanted_types)}
            fitting = sorted((i for i in ids if types[i] in rank), key=lambda i: rank[types[i]])
            ids = fitting or ids
        return ids[0], ids[1:]


def _last_segment(permalink: str) -> str:
    return permalink.strip("/").rsplit("/", 1)[-1]


def name_keys(entity: Entity) -> list[tuple[str, int]]:
    """(name key, priority) of every name a link may use for this note; lower priority wins."""
    stem = PurePosixPath(entity.file).with_suffix("")
    keys: list[tuple[str, int]] = []
    for priority, name in (
        (0, entity.slug),
        (1, entity.name),
        *((2, alias) for alias in entity.aliases),
        (3, stem.name),
        (4, str(stem)),
    ):
        key = link_key(name)
        if key and (key, priority) not in keys:
            keys.append((key, priority))
    return keys


def path_fallbacks(link: LinkTarget) -> tuple[list[LinkTarget], tuple[str, ...]]:
    """For a link written as a vault path (`[[entities/organ/Brain|Brain]]`), what to look up
    when the path names no note: its last part, then the name it shows; and its folders.
    Obsidian finds a note by its name wherever it lies, and so `[[Brain]]` is the same note."""
    if not link.path:
        return [], ()
    folders, _, last = link.name.rstrip("/").rpartition("/")
    tries = [LinkTarget(last)] if last.strip() else []
    if link.display and link.display != last:
        tries.append(LinkTarget(link.display))
    return tries, tuple(f for f in folders.split("/") if f)


def entity_permalink_key(entity: Entity) -> str | None:
    return permalink_key(entity.permalink) if entity.permalink else None


def lookup_keys(statements: list[Statement]) -> tuple[set[str], set[str]]:
    """The name keys and permalink keys resolving these statements may look up: when the notes
    holding one of them change, a re-import resolves these statements again."""
    names: set[str] = set()
    permalinks: set[str] = set()
    for st in statements:
        names.add(link_key(st.target.name))
        names.update(link_key(t.name) for t in path_fallbacks(st.target)[0])
        if st.target.permalink:
            permalinks.add(permalink_key(st.target.permalink))
            names.add(link_key(_last_segment(st.target.permalink)))
    return names, permalinks


class GardenNames(NameIndex):
    """The names of a whole garden's notes, in memory."""

    def __init__(self, entities: list[Entity]) -> None:
        self._permalinks: dict[str, str] = {}
        self._names: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for e in sorted(entities, key=lambda e: e.file):
            key = entity_permalink_key(e)
            if key:
                self._permalinks.setdefault(key, e.id)
            for key, priority in name_keys(e):
                self._names[key].append((priority, e.id, e.type))

    def candidates(self, key: str) -> list[tuple[int, str, str]]:
        return self._names.get(key, [])

    def permalink(self, key: str) -> str | None:
        return self._permalinks.get(key)


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value; ties go to the smallest, so every import picks the same one."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def path_id(entity: Entity) -> str:
    """The id of a note whose type and slug another note has already: from its path instead."""
    return f"{entity.type}:{slugify(str(PurePosixPath(entity.file).with_suffix('')))}"


def duplicate_ids(group: list[Entity]) -> dict[str, tuple[str, Problem | None]]:
    """Final id, and the warning if any, of each note (by file) of notes with one type and slug:
    the first by file keeps the id, the others take one made from their path."""
    first, *others = sorted(group, key=lambda e: e.file)
    found: dict[str, tuple[str, Problem | None]] = {first.file: (first.id, None)}
    for entity in others:
        new_id = path_id(entity)
        message = f"{first.file} already has type and slug {entity.id!r}; this note is {new_id!r}"
        found[entity.file] = (new_id, Problem(Severity.WARNING, entity.file, None, "duplicate-id", message))
    return found


def duplicate_names(files: list[str], type_: str) -> dict[str, Problem]:
    """The warnings for notes of one type that share a name (by file: all but the first)."""
    first, *others = sorted(files)
    message = f"another {type_} note has the same name: {first}"
    return {file: Problem(Severity.WARNING, file, None, "duplicate-name", message) for file in others}


def name_group(entity: Entity) -> str:
    return f"{entity.type}\0{link_key(entity.name)}"


@dataclass(slots=True)
class NoteLinks:
    """What one note states once its links are resolved."""

    facts: list[tuple[FactKey, Statement]]
    stubs: list[tuple[str, str, str | None]]  # (stub id, name as written, the one type the link wanted)
    problems: list[Problem]
    statements: int
    dropped: int


@dataclass(slots=True)
class _NoteFindings:
    """What resolving one note found, gathered by kind and line so each is reported once."""

    undeclared: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    unresolved: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    misfits: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    turned: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    reported: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    read_as: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(list))

    def report_into(self, report: Report, ontology: Ontology) -> None:
        for (file, written), lines in sorted(self.undeclared.items()):
            close = ontology.suggest_relationship(written)
            hint = f" (did you mean {close}?)" if close else ""
            report.warning(
                file,
                lines[0],
                "unknown-relationship",
                f"relationship type {written!r} is not in the ontology{hint}; "
                f"imported as {relationship_type_name(written)}{_times(lines)}",
            )
        for (file, written, why), lines in sorted(self.misfits.items()):
            report.warning(file, lines[0], "domain-range", f"{written}: {why}; imported as written{_times(lines)}")
        for (file, written, how), lines in sorted(self.turned.items()):
            report.info(file, lines[0], "turned-round", f"{written}: {how}{_times(lines)}")
        for (file, written, how), lines in sorted(self.read_as.items()):
            report.info(file, lines[0], "read-as", f"relationship type {written!r} read as {how}{_times(lines)}")
        for (file, written, how), lines in sorted(self.reported.items()):
            report.info(file, lines[0], "reported-claim", f"{written}: {how}{_times(lines)}")
        for (file, name), lines in sorted(self.unresolved.items()):
            report.info(file, lines[0], "unresolved-link", f"[[{name}]] is no note in the garden; linked to a stub")


def _reading(match: RelationshipMatch) -> str:
    """How a name read by rule was read, for the report."""
    turned = ", written from the other side" if match.reversed else ""
    kind = f", the linked note {a_or_an(match.hint)}" if match.hint else ""
    return f"{match.type.name}{turned}{kind} ({match.rule})"


def _times(lines: list[int]) -> str:
    return f" ({len(lines)} statements)" if len(lines) > 1 else ""


def resolve_note(note: ParsedNote, index: NameIndex, ontology: Ontology) -> NoteLinks:
    """Resolve one note's statements; `note.entity.id` is its final id."""
    entity_id, own_type = note.entity.id, note.entity.type
    default = ontology.default_relationship
    reports_as = ontology.reports_as(own_type)
    report = Report()
    found = _NoteFindings()
    facts: list[tuple[FactKey, Statement]] = []
    stubs: list[tuple[str, str, str | None]] = []
    dropped = 0

    for st in note.statements:
        written = st.written_type
        match = ontology.relationship(written) if written else None
        if written is None:  # a list item with no heading: its annotation may name the type
            match = ontology.relationship(st.annotation) if st.annotation else None
            written = st.annotation if match is not None and st.annotation else default.name
            if match is None:
                match = ontology.relationship(default.name)
                report.info(st.file, st.line, "no-heading", f"list item with no heading; stored as {default.name}")
        rel_type = match.type if match else None
        if rel_type is None:
            found.undeclared[(st.file, written)].append(st.line)
        st = st if st.written_type == written else replace(st, written_type=written)

        note_is_subject = st.outgoing != (match.reversed if match else False)
        hint_type = ontology.entity_type(st.type_hint) if st.type_hint else None
        if match is not None and match.rule is not None:
            found.read_as[(st.file, written, _reading(match))].append(st.line)
            if hint_type is None and match.hint is not None:
                hint_type = ontology.entity_type_by_key(match.hint)
        wanted = (hint_type.key,) if hint_type else _expected(rel_type, note_is_subject)
        linked, others = index.resolve(st.target, wanted)
        looked_up = st.target
        tries, folders = path_fallbacks(st.target) if linked is None else ([], ())
        if tries:  # a vault path that names no note: its last part, its folder a hint of its kind
            kind = next((k for f in reversed(folders) if (k := ontology.entity_type(f)) is not None), None)
            if kind is not None and hint_type is None:
                hint_type, wanted = kind, (kind.key,)
            for candidate in tries:
                linked, others = index.resolve(candidate, wanted)
                if linked is not None:
                    break
            looked_up = tries[0]
        if rel_type is not None:
            ends = (own_type, id_type(linked) if linked is not None else None)
            rel_type, note_is_subject = _fit(st, rel_type, note_is_subject, ends, reports_as, ontology, found)
            _check_direction(st, rel_type, ontology, report)
        name = rel_type.name if rel_type else relationship_type_name(written)

        if linked is None:
            key = link_key(looked_up.name)
            if not key:
                dropped += 1
                report.warning(st.file, st.line, "empty-link", "a link with no target name; statement skipped")
                continue
            linked = f"stub:{key}"
            stub_type = hint_type.key if hint_type else rel_type.end_type(note_is_subject) if rel_type else None
            stubs.append((linked, looked_up.name, stub_type))
            found.unresolved[(st.file, st.target.name)].append(st.line)
        elif others:
            report.warning(
                st.file,
                st.line,
                "ambiguous-link",
                f"[[{st.target.name}]] could be {', '.join([linked, *others])}; linked to {linked}",
            )

        if linked == entity_id:
            # Nothing is lost, and published gardens list each note as related to itself: info, not a warning.
            report.info(st.file, st.line, "self-link", f"[[{st.target.name}]] is this note itself; kept as written")
        source, target = (entity_id, linked) if note_is_subject else (linked, entity_id)
        if rel_type is not None and rel_type.symmetric and target < source:
            source, target = target, source
        facts.append(((name, source, target), st))

    found.report_into(report, ontology)
    return NoteLinks(facts, stubs, report.problems, len(note.statements), dropped)


def _fit(
    st: Statement,
    rel_type: RelationshipType,
    note_is_subject: bool,
    ends: tuple[str, str | None],
    reports_as: RelationshipType | None,
    ontology: Ontology,
    found: _NoteFindings,
) -> tuple[RelationshipType, bool]:
    """The type and direction a statement is stored with, its ends (the note's type and the
    linked note's) checked against the type's domain and range."""
    own_type, linked_type = ends
    subject_type, object_type = (own_type, linked_type) if note_is_subject else (linked_type, own_type)
    written = st.written_type or rel_type.name
    if note_is_subject and reports_as is not None and own_type not in rel_type.domain:
        # A paper's ACTIVATES:: [[SIRT1]] says what it found, not that the paper activates SIRT1.
        found.reported[(st.file, written, f"a {own_type} note reports it: stored as {reports_as.name}")].append(st.line)
        return reports_as, note_is_subject
    if subject_type is not None and ontology.written_backwards(rel_type, subject_type, object_type):
        how = f"{rel_type.name} goes to {a_or_an(subject_type)}, not from one: read the other way round"
        found.turned[(st.file, written, how)].append(st.line)
        return rel_type, not note_is_subject
    if (why := ontology.misfit(rel_type, subject_type, object_type)) is not None:
        signed = rel_type.sign is not None or (
            rel_type.sign_from_edge and ontology.edge_direction.sign(st.properties) is not None
        )
        found.misfits[(st.file, written, why + (" (no sign kept)" if signed else ""))].append(st.line)
    return rel_type, note_is_subject


def _expected(rel_type: RelationshipType | None, note_is_subject: bool) -> tuple[str, ...]:
    """The types the linked note may have: the type's range, or its domain when the link is the
    subject (the preferred first, when several notes share the name)."""
    if rel_type is None:
        return ()
    return rel_type.range if note_is_subject else rel_type.domain


def _check_direction(st: Statement, rel_type: RelationshipType, ontology: Ontology, report: Report) -> None:
    """A signed type whose edge says the opposite direction: the type wins, and the note is told."""
    sign = rel_type.sign
    said = ontology.edge_direction.sign(st.properties) if sign is not None and st.properties else None
    if sign is not None and said is not None and said != sign:
        value = st.properties[ontology.edge_direction.key]
        report.warning(
            st.file,
            st.line,
            "edge-direction",
            f"{st.written_type} says {'raises' if sign > 0 else 'lowers'}, "
            f"its {ontology.edge_direction.key} says {value!r}; kept the sign of {rel_type.name}",
        )


def node_keys(name: str, entity_id: str, other_keys: Iterable[str] = ()) -> list[str]:
    """The `keys` of a node, what a name given to a query is matched against (names.py): its
    name's key first, then every other name a link may use for it, then its id's."""
    return list(dict.fromkeys(k for k in (link_key(name), *other_keys, link_key(entity_id)) if k))


def entity_node(entity: Entity) -> Node:
    keys = node_keys(entity.name, entity.id, (key for key, _ in name_keys(entity)))
    return Node(entity.id, (entity.label,), {**entity.properties, "id": entity.id, "keys": keys})


def stub_node(stub_id: str, names: Counter[str], types: Counter[str], ontology: Ontology) -> Node:
    """A stub is named as most links to it name it, and typed as most of them want."""
    name = _most_common(names)
    properties: dict[str, Any] = {"id": stub_id, "name": name, "stub": True, "keys": node_keys(name, stub_id)}
    labels: tuple[str, ...] = ()
    if types:
        entity_type = ontology.entity_type_by_key(_most_common(types))
        if entity_type is not None:
            properties["type"] = entity_type.key
            labels = (entity_type.label,)
    return Node(stub_id, labels, properties)


def count_stubs(links: list[NoteLinks]) -> dict[str, tuple[Counter[str], Counter[str]]]:
    """For each stub: how often each name was written for it, and each type wanted of it."""
    counts: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for note_links in links:
        for stub_id, name, wanted in note_links.stubs:
            names, types = counts.get(stub_id) or counts.setdefault(stub_id, (Counter(), Counter()))
            names[name] += 1
            if wanted is not None:
                types[wanted] += 1
    return counts


def fact_relationship(key: FactKey, statements: list[Statement], ontology: Ontology) -> Relationship:
    """The relationship of one fact, from every statement of it. Its type is the ontology's
    type of that name (None: undeclared), as resolving named it."""
    name, source, target = key
    rel_type = ontology.relationship_by_name(name)
    sign = None
    if rel_type is not None:
        edge_signs = {s for st in statements if (s := ontology.edge_direction.sign(st.properties)) is not None}
        sign = ontology.sign(rel_type, id_type(source), id_type(target), edge_signs)
    return Relationship(name, source, target, fact_properties(rel_type, statements, sign))


# The statements of one fact: most facts are stated once, and a list for each of a million
# of them would be 100 MB, so a lone statement is kept as itself.
FactStatements = Statement | list[Statement]


def merge_facts(links: list[NoteLinks]) -> dict[FactKey, FactStatements]:
    """Every note's statements, by the fact they state; the notes' lists are emptied as they
    are taken (at 100,000 notes they hold two million tuples nobody needs again).

    Only the statements are kept: the key holds the rest (see `fact_relationship`)."""
    facts: dict[FactKey, FactStatements] = {}
    for note_links in links:
        for key, st in note_links.facts:
            stated = facts.get(key)
            if stated is None:
                facts[key] = st
            elif isinstance(stated, list):
                stated.append(st)
            else:
                facts[key] = [stated, st]
        note_links.facts = []
    return facts


@dataclass
class ResolvedGarden:
    """A whole garden resolved: its graph, and per note what a re-import needs to redo only part."""

    graph: Graph  # its relationships left empty when not asked for: see `facts`
    notes: list[ParsedNote]  # sorted by file, each with its final id
    links: list[NoteLinks]  # in the order of notes
    group_problems: dict[str, list[Problem]]  # duplicate ids and names, by file
    stubs: dict[str, tuple[Counter[str], Counter[str]]]
    facts: dict[FactKey, FactStatements]  # one per relationship: the statements of it
    ontology: Ontology

    def relationships(self, keys: Iterable[FactKey] | None = None) -> Iterator[Relationship]:
        """The relationship of each fact (of `keys`, in their order; else all), made as they are
        asked for: a million of them at once would take gigabytes."""
        for key in self.facts if keys is None else keys:
            stated = self.facts[key]
            yield fact_relationship(key, stated if isinstance(stated, list) else [stated], self.ontology)


def final_notes(notes: list[ParsedNote]) -> tuple[list[ParsedNote], dict[str, list[Problem]]]:
    """The notes sorted by file, with unique ids; and the warnings about shared ids and names."""
    notes = sorted(notes, key=lambda n: n.entity.file)
    problems: dict[str, list[Problem]] = defaultdict(list)
    by_id: dict[str, list[Entity]] = defaultdict(list)
    by_name: dict[str, list[Entity]] = defaultdict(list)
    for note in notes:
        by_id[note.entity.id].append(note.entity)
        by_name[name_group(note.entity)].append(note.entity)
    new_ids: dict[str, str] = {}
    for group in by_id.values():
        if len(group) > 1:
            for file, (new_id, problem) in duplicate_ids(group).items():
                new_ids[file] = new_id
                if problem is not None:
                    problems[file].append(problem)
    for group in by_name.values():
        if len(group) > 1:
            for file, problem in duplicate_names([e.file for e in group], group[0].type).items():
                problems[file].append(problem)
    notes = [
        ParsedNote(replace(n.entity, id=new_ids[n.entity.file]), n.statements)
        if new_ids.get(n.entity.file, n.entity.id) != n.entity.id
        else n
        for n in notes
    ]
    return notes, dict(problems)


def resolve_garden(notes: list[ParsedNote], ontology: Ontology, *, relationships: bool = True) -> ResolvedGarden:
    """Resolve a whole garden. With `relationships=False` the graph's relationships are not
    made: the caller makes each from `facts` when it needs it (a million of them at once
    take gigabytes)."""
    notes, group_problems = final_notes(notes)
    index = GardenNames([n.entity for n in notes])
    links = [resolve_note(note, index, ontology) for note in notes]
    stubs = count_stubs(links)
    facts = merge_facts(links)
    nodes = [entity_node(n.entity) for n in notes]
    nodes.extend(stub_node(stub_id, *stubs[stub_id], ontology) for stub_id in sorted(stubs))
    total = sum(note_links.statements for note_links in links)
    dropped = sum(note_links.dropped for note_links in links)
    graph = Graph(
        nodes=nodes,
        relationships=[],
        statements=total,
        statements_written=total - dropped,
        statements_dropped=dropped,
        stubs=len(stubs),
    )
    resolved = ResolvedGarden(graph, notes, links, group_problems, stubs, facts, ontology)
    if relationships:
        graph.relationships = list(resolved.relationships(sorted(facts)))
    return resolved


def resolve(notes: list[ParsedNote], ontology: Ontology, report: Report) -> Graph:
    """The graph of a whole garden; what resolving found is added to `report`."""
    return resolve_into(resolve_garden(notes, ontology), report)


def resolve_into(resolved: ResolvedGarden, report: Report) -> Graph:
    """The resolved garden's graph; what resolving found is added to `report`."""
    for problems in resolved.group_problems.values():
        report.problems.extend(problems)
    for note_links in resolved.links:
        report.problems.extend(note_links.problems)
    return resolved.graph
