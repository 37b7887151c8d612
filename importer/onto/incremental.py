"""Resolve again only what an edit can have changed, against the saved state of the last import.

A note's relationships depend on its own text, on its id, and on which notes the names
its links use lead to. So after some notes were edited, added or deleted:

1. the notes sharing a type and slug with an edited note may trade ids (the first by file
   keeps the plain id);
2. the names of every note that was edited or changed id may now lead elsewhere: the notes
   whose links use one of those names are resolved again, with the edited ones;
3. a relationship is stated only by the notes at its two ends, so every relationship those
   notes state, before or after, is rebuilt from the notes at its ends; a stub is rebuilt
   from how often each note names it.

What comes out is the part of the graph the edit can have changed, as it was and as it is;
`sync.diff_rows` turns that into rows to write and delete. The test suite checks the result
against resolving the whole garden again, on random edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .garden import NoteChanges
from .model import Node, ParsedNote, Relationship, Statement
from .ontology import Ontology
from .problems import Problem, Severity
from .resolve import (
    FactKey,
    NoteLinks,
    duplicate_ids,
    duplicate_names,
    entity_node,
    entity_permalink_key,
    fact_relationship,
    name_group,
    name_keys,
    resolve_note,
    stub_node,
)
from .state import NAME, PERMALINK, GardenState
from .sync import Changes, diff_rows, rows_of


@dataclass
class PartialGraph:
    """The nodes and relationships an edit can have changed, before and after it."""

    old_nodes: dict[str, Node] = field(default_factory=dict)
    new_nodes: dict[str, Node] = field(default_factory=dict)
    old_relationships: dict[FactKey, Relationship] = field(default_factory=dict)
    new_relationships: dict[FactKey, Relationship] = field(default_factory=dict)
    notes_resolved: int = 0  # notes whose links were resolved again


@dataclass
class Update:
    """What a re-import writes, and the summary's figures after it."""

    changes: Changes
    counts: dict[str, int]


def plan_update(state: GardenState, changes: NoteChanges, ontology: Ontology, garden: str) -> Update:
    """Apply `changes` to the state, inside the caller's transaction (commit it once the graph
    has the rows, or roll it back), and say which rows to write and delete."""
    partial = update_state(state, changes, ontology)
    old = rows_of(list(partial.old_nodes.values()), list(partial.old_relationships.values()), garden, ontology)
    new = rows_of(list(partial.new_nodes.values()), list(partial.new_relationships.values()), garden, ontology)
    row_changes = diff_rows(old, new)
    row_changes.notes_parsed = len(changes.changed)
    state.save_totals()
    totals = state.totals()
    folder_failed = sum(p.severity is Severity.ERROR for p in changes.folder_problems)
    relationships = state.counts["relationships"]
    relationships += row_changes.relationships_created - row_changes.relationships_deleted
    counts = {
        "notes": totals["notes"],
        "entities": totals["entities"],
        "skipped": totals["notes"] - totals["entities"] - totals["failed_notes"],
        "failed": totals["failed_notes"] + folder_failed,
        "statements": totals["statements"],
        "statements_written": totals["statements"] - totals["statements_dropped"],
        "statements_dropped": totals["statements_dropped"],
        "relationships": relationships,
        "stubs": totals["stubs"],
    }
    state.set_meta("counts", counts)
    state.set_meta("folder_problems", changes.folder_problems)
    state.refresh_files({**changes.changed, **changes.touched}, changes.deleted)
    state.refresh_problems()
    return Update(row_changes, counts)


def _name_entries(note: ParsedNote) -> set[tuple[str, int, str, str]]:
    entity = note.entity
    return {(key, priority, entity.id, entity.type) for key, priority in name_keys(entity)}


def update_state(state: GardenState, changes: NoteChanges, ontology: Ontology) -> PartialGraph:
    """Apply `changes` to the state (inside the caller's transaction) and return what changed."""
    edited = set(changes.changed) | changes.deleted
    stored_before = state.stored(edited)
    before = {file: stored.note for file, stored in stored_before.items()}
    parsed_now = {file: record.parsed for file, record in changes.changed.items()}

    # 1. Ids: every group of notes sharing a type and slug that an edited note leaves or joins.
    bases = {stored.base_id for stored in stored_before.values() if stored.base_id}
    bases |= {parsed.entity.id for parsed in parsed_now.values() if parsed is not None}
    final_id: dict[str, str] = {}
    id_changed: dict[str, tuple[ParsedNote, ParsedNote]] = {}
    for base in bases:
        members = state.stored(f for f in state.files_where("base_id", base) if f not in edited)
        group = [replace(s.note.entity, id=base) for s in members.values() if s.note is not None]
        group += [p.entity for p in parsed_now.values() if p is not None and p.entity.id == base]
        if not group:
            continue
        for file, (new_id, _) in duplicate_ids(group).items():
            final_id[file] = new_id
            stored = members.get(file)
            if stored is not None and stored.note is not None and stored.note.entity.id != new_id:
                id_changed[file] = (stored.note, _renamed(stored.note, new_id))

    after: dict[str, ParsedNote | None] = {
        file: _renamed(parsed, final_id[file]) if parsed is not None else None for file, parsed in parsed_now.items()
    }
    old: dict[str, ParsedNote | None] = {file: before.get(file) for file in edited}
    for file, (was, now) in id_changed.items():
        old[file], after[file] = was, now

    # 2. Names that now lead elsewhere, and the notes whose links use them.
    old_names = {(file, *e) for file, note in old.items() if note is not None for e in _name_entries(note)}
    new_names = {(file, *e) for file, note in after.items() if note is not None for e in _name_entries(note)}
    changed_names = {entry[1] for entry in old_names ^ new_names}
    old_links_to = {(file, entity_permalink_key(n.entity), n.entity.id) for file, n in old.items() if n is not None}
    new_links_to = {(file, entity_permalink_key(n.entity), n.entity.id) for file, n in after.items() if n is not None}
    changed_permalinks = {entry[1] for entry in old_links_to ^ new_links_to if entry[1]}
    readers = (state.users(NAME, changed_names) | state.users(PERMALINK, changed_permalinks)) - old.keys()
    for file, stored in state.stored(readers).items():
        old[file] = after[file] = stored.note  # the same note with the same id; its links may lead elsewhere

    names = state.names()
    old_links = {file: resolve_note(note, names, ontology) for file, note in old.items() if note is not None}

    # 3. The state becomes the new garden's.
    for file in edited:
        state.forget_note(file, before.get(file))
    for file, record in changes.changed.items():
        state.put_note(file, record, after[file])
    for file, (was, now) in id_changed.items():
        state.change_id(file, was.entity, now.entity)
    for file, record in changes.touched.items():
        state.touch_note(file, record.size, record.mtime_ns)
    new_links = {file: resolve_note(note, names, ontology) for file, note in after.items() if note is not None}
    for file, note_links in new_links.items():
        state.set_resolution(file, note_links.statements, note_links.dropped, note_links.problems)
    _update_group_problems(state, bases, {name_group(n.entity) for n in [*old.values(), *after.values()] if n})

    partial = PartialGraph(notes_resolved=len(new_links))
    for note in old.values():
        if note is not None:
            partial.old_nodes[note.entity.id] = entity_node(note.entity)
    for note in after.values():
        if note is not None:
            partial.new_nodes[note.entity.id] = entity_node(note.entity)
    _rebuild_stubs(state, old_links, new_links, partial, ontology)
    _rebuild_relationships(state, old, after, old_links, new_links, partial, ontology)
    return partial


def _renamed(note: ParsedNote, entity_id: str) -> ParsedNote:
    return note if note.entity.id == entity_id else ParsedNote(replace(note.entity, id=entity_id), note.statements)


def _update_group_problems(state: GardenState, bases: set[str], name_groups: set[str]) -> None:
    """Warnings about shared ids and names, again for every note of a group an edit touched."""
    id_problems: dict[str, Problem | None] = {}
    name_problems: dict[str, Problem | None] = {}
    id_members: dict[str, set[str]] = {}  # each group read and judged once
    name_members: dict[str, set[str]] = {}

    def id_group(base: str) -> set[str]:
        if base not in id_members:
            members = state.stored(state.files_where("base_id", base))
            group = [replace(s.note.entity, id=base) for s in members.values() if s.note is not None]
            if group:
                id_problems.update((file, problem) for file, (_, problem) in duplicate_ids(group).items())
            id_members[base] = set(members)
        return id_members[base]

    def names_group(key: str) -> set[str]:
        if key not in name_members:
            files = state.files_where("name_group", key)
            if files:
                found = duplicate_names(files, key.split("\0", 1)[0])
                name_problems.update((file, found.get(file)) for file in files)
            name_members[key] = set(files)
        return name_members[key]

    touched = set().union(*map(id_group, bases), *map(names_group, name_groups))
    for file, stored in state.stored(touched).items():
        if stored.note is None:
            continue
        id_group(stored.base_id or stored.note.entity.id)
        names_group(name_group(stored.note.entity))
        problems = [p for p in (id_problems.get(file), name_problems.get(file)) if p is not None]
        state.set_group_problems(file, problems)


def _rebuild_stubs(
    state: GardenState,
    old_links: dict[str, NoteLinks],
    new_links: dict[str, NoteLinks],
    partial: PartialGraph,
    ontology: Ontology,
) -> None:
    """Stubs count how often each note names them: take the old counts off, put the new ones on."""
    stub_ids = {s[0] for links in (*old_links.values(), *new_links.values()) for s in links.stubs}
    for stub_id in sorted(stub_ids):
        names, types = state.stub_counts(stub_id)
        if names:
            partial.old_nodes[stub_id] = stub_node(stub_id, names, types, ontology)
        for links, sign in ((old_links, -1), (new_links, 1)):
            for note_links in links.values():
                for linked, name, wanted in note_links.stubs:
                    if linked == stub_id:
                        names[name] += sign
                        if wanted is not None:
                            types[wanted] += sign
        names, types = +names, +types  # drop what reached zero
        state.set_stub(stub_id, names, types)
        if names:
            partial.new_nodes[stub_id] = stub_node(stub_id, names, types, ontology)


def _rebuild_relationships(
    state: GardenState,
    old: dict[str, ParsedNote | None],
    after: dict[str, ParsedNote | None],
    old_links: dict[str, NoteLinks],
    new_links: dict[str, NoteLinks],
    partial: PartialGraph,
    ontology: Ontology,
) -> None:
    """Every relationship the re-resolved notes state, before or after, from the notes at its ends."""
    old_owner = {note.entity.id: file for file, note in old.items() if note is not None}
    new_owner = {note.entity.id: file for file, note in after.items() if note is not None}
    unchanged: dict[str, NoteLinks | None] = {}  # other notes at an end: the same links before and after
    names = state.names()

    def links_of(entity_id: str, owner: dict[str, str], links: dict[str, NoteLinks]) -> NoteLinks | None:
        if entity_id in owner:
            return links.get(owner[entity_id])
        if entity_id not in unchanged:  # a stub, or a note outside the edit (the same id before and after)
            stored = state.note_with_id(entity_id)
            note = stored.note if stored is not None and stored.file not in old.keys() | after.keys() else None
            unchanged[entity_id] = resolve_note(note, names, ontology) if note is not None else None
        return unchanged[entity_id]

    keys = {key for links in (*old_links.values(), *new_links.values()) for key, _ in links.facts}
    for key in sorted(keys):
        _, source, target = key
        for owner, links, into in (
            (old_owner, old_links, partial.old_relationships),
            (new_owner, new_links, partial.new_relationships),
        ):
            statements: list[Statement] = []
            for end in dict.fromkeys((source, target)):
                note_links = links_of(end, owner, links)
                if note_links is None:
                    continue
                statements.extend(statement for fact_key, statement in note_links.facts if fact_key == key)
            if statements:
                into[key] = fact_relationship(key, _in_garden_order(statements), ontology)


def _in_garden_order(statements: list[Statement]) -> list[Statement]:
    # A full import meets statements note by note in file order; merging keeps ties in that order.
    return sorted(statements, key=lambda s: s.file)
