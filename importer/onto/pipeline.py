"""The import as a whole: read -> parse -> resolve -> sync -> write, with a summary that reconciles.

Every statement parsed from a typed note is either carried by a relationship or reported;
`ImportSummary.reconciles` checks exactly that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .biolink import BiolinkTerms
from .garden import GardenNotFound, NoteProgress, collector_for_new_objects, collector_paused, read_changes, read_garden
from .incremental import plan_update
from .kgx_import import Joins, KgRows, kg_rows
from .model import Graph, ParsedNote
from .ontology import Ontology
from .problems import Problem, Report, Severity
from .read import discover, stamps
from .resolve import resolve, resolve_garden, resolve_into
from .server import default_cache
from .sinks import Sink
from .state import STATE_FAILURES, GardenState, StateBuild, StateNotSaved, state_file
from .sync import Changes, fingerprint, garden_name, garden_rows, new_token, node_row, plan_changes, relationship_row
from .write import Neo4jWriter


@dataclass
class ImportSummary:
    garden: str
    notes: int  # Markdown files found
    entities: int  # typed notes, one node each
    skipped: int  # pages that are no entity (no type)
    failed: int  # notes that could not be read or parsed
    statements: int
    statements_written: int
    statements_dropped: int
    relationships: int
    stubs: int
    written: bool  # False for a dry run, a strict run that found errors, or nothing to write
    elapsed_s: float
    problems: list[Problem] = field(default_factory=list)
    changes: Changes | None = None  # what a database import changed (or, dry, would change)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def reconciles(self) -> bool:
        return self.statements == self.statements_written + self.statements_dropped

    def as_dict(self) -> dict[str, Any]:
        return {
            "garden": self.garden,
            "notes": self.notes,
            "entities": self.entities,
            "skipped": self.skipped,
            "failed": self.failed,
            "statements": self.statements,
            "statements_written": self.statements_written,
            "statements_dropped": self.statements_dropped,
            "relationships": self.relationships,
            "stubs": self.stubs,
            "written": self.written,
            "reconciles": self.reconciles,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "info": [p.as_dict() for p in self.problems if p.severity is Severity.INFO],
            "changes": self.changes.as_dict() if self.changes is not None else None,
            "elapsed_s": round(self.elapsed_s, 3),
        }


@dataclass
class GardenScan:
    """What reading and parsing a garden found, before anything is written."""

    notes: int
    parsed: list[ParsedNote]
    skipped: int
    failed: int
    graph: Graph
    report: Report


def scan_garden(root: Path, ontology: Ontology, on_note: NoteProgress | None = None) -> GardenScan:
    read = read_garden(root, ontology, on_note)
    with collector_paused():
        graph = resolve(read.parsed, ontology, read.report)
    return GardenScan(read.notes, read.parsed, read.skipped, read.failed, graph, read.report)


def import_garden(
    root: Path,
    sink: Sink | Neo4jWriter | None,
    ontology: Ontology,
    *,
    garden: str | None = None,
    strict: bool = False,
    dry_run: bool = False,
    full: bool = False,
    state_dir: Path | None = None,
    on_note: NoteProgress | None = None,
    info: bool = True,
) -> ImportSummary:
    """Import into a Neo4jWriter (kept in sync with the folder), export to another sink, or,
    with no sink, only check the garden.

    `info=False` leaves info-level problems out of the summary: a large garden has 100,000s
    of them, and loading them is most of a re-import that has little else to do."""
    if isinstance(sink, Neo4jWriter):
        options = _SyncOptions(garden, strict, dry_run, full, state_dir, on_note, info)
        with collector_paused():
            return _sync(root, sink, ontology, options)
    started = time.perf_counter()
    name = garden_name(root, garden)
    scan = scan_garden(root, ontology, on_note)
    write = not dry_run and not (strict and scan.report.errors) and sink is not None
    counts = _counts(scan.notes, scan.parsed, scan.skipped, scan.failed, scan.graph)
    if write and sink is not None:
        rows = garden_rows(scan.graph, name, ontology)
        sink.write_nodes(rows.nodes.values())
        sink.write_relationships(rows.relationships.values())
        sink.finalize()
    return _summary(name, counts, write, started, _listed(scan.report.sorted(), info))


def _listed(problems: list[Problem], info: bool) -> list[Problem]:
    return problems if info else [p for p in problems if p.severity is not Severity.INFO]


def _summary(
    garden: str,
    counts: dict[str, int],
    written: bool,
    started: float,
    problems: list[Problem],
    changes: Changes | None = None,
) -> ImportSummary:
    c = counts
    return ImportSummary(
        garden, c["notes"], c["entities"], c["skipped"], c["failed"], c["statements"], c["statements_written"],
        c["statements_dropped"], c["relationships"], c["stubs"], written, time.perf_counter() - started,
        problems, changes,
    )  # fmt: skip


def _timed_summary(
    garden: str,
    counts: dict[str, int],
    written: bool,
    started: float,
    problems: list[Problem],
    changes: Changes,
    phases: dict[str, float],
) -> ImportSummary:
    """The summary of an import that planned (and maybe wrote) `changes`, with where its time went."""
    changes.seconds = {k: round(v, 3) for k, v in phases.items()}
    return _summary(garden, counts, written, started, problems, changes)


def _counts(notes: int, parsed: list[ParsedNote], skipped: int, failed: int, graph: Graph) -> dict[str, int]:
    return {
        "notes": notes,
        "entities": len(parsed),
        "skipped": skipped,
        "failed": failed,
        "statements": graph.statements,
        "statements_written": graph.statements_written,
        "statements_dropped": graph.statements_dropped,
        "relationships": len(graph.relationships),
        "stubs": graph.stubs,
    }


@dataclass(frozen=True)
class _SyncOptions:
    garden: str | None
    strict: bool
    dry_run: bool
    full: bool
    state_dir: Path | None
    on_note: NoteProgress | None
    info: bool


def _sync(root: Path, writer: Neo4jWriter, ontology: Ontology, options: _SyncOptions) -> ImportSummary:
    started = time.perf_counter()
    if not root.is_dir():
        raise GardenNotFound(f"{root}: not a folder of notes")
    writer.check_server()
    name = garden_name(root, options.garden)
    state_path = state_file(options.state_dir or default_cache(), writer.database_id(), name)
    fingerprint_now = fingerprint(ontology)
    notices: list[Problem] = []  # about this import, not the garden: not saved with the state
    state = None
    if not options.full:
        try:
            state = GardenState.open(state_path, fingerprint_now, root)
        except STATE_FAILURES as error:
            notices.append(_state_unusable(state_path, error))
    try:
        if state is not None:
            try:
                summary = _sync_changes(root, writer, ontology, options, name, state, started)
            except STATE_FAILURES as error:  # raised before the graph was touched (after: StateNotSaved)
                notices.append(_state_unusable(state_path, error))
                state.close()
                state = None
                summary = None
            if summary is not None:
                return summary
        return _sync_all(root, writer, ontology, options, name, state, state_path, fingerprint_now, started, notices)
    finally:
        if state is not None:
            state.close()


def _state_unusable(path: Path, error: Exception) -> Problem:
    return Problem(
        Severity.WARNING, str(path), None, "state-unusable",
        f"the saved state of the last import could not be used ({type(error).__name__}: {error}); "
        "this import compared the whole garden with the graph instead",
    )  # fmt: skip


def _elapsed(phases: dict[str, float], started: float) -> float:
    """Seconds since the last phase ended (or the import started)."""
    return time.perf_counter() - started - sum(phases.values())


def _sync_changes(
    root: Path,
    writer: Neo4jWriter,
    ontology: Ontology,
    options: _SyncOptions,
    name: str,
    state: GardenState,
    started: float,
) -> ImportSummary | None:
    """Write what changed since the import that saved `state`; None when the graph was not
    written by that import (the caller then does a full import)."""
    phases: dict[str, float] = {}
    # From here on this import reads one version of the state: another import of the same
    # garden that is changing it finishes first.
    state.begin(immediate=True)
    try:
        if state.token is None or state.token != writer.token(name):
            state.rollback()
            return None
        report = Report()
        found = discover(root, report)
        known = state.files()
        if stamps(found) == known and report.problems == state.meta("folder_problems"):
            state.rollback()
            problems = state.problems(info=options.info)
            return _summary(name, state.counts, False, started, problems, Changes("unchanged"))
        phases["state_s"] = _elapsed(phases, started)
        changes_read = read_changes(ontology, found, report.problems, known, state.records)
        phases["read_s"] = _elapsed(phases, started)
        update = plan_update(state, changes_read, ontology, name)
        changes, counts = update.changes, update.counts
        problems = state.problems(info=options.info)
        phases["resolve_s"] = _elapsed(phases, started)
        if options.dry_run or (options.strict and any(p.severity is Severity.ERROR for p in problems)):
            state.rollback()
            return _timed_summary(name, counts, False, started, problems, changes, phases)

        writer.ensure_schema()
        with writer.import_lock(), collector_for_new_objects():
            if writer.token(name) != state.token:  # another import wrote this garden since we looked
                state.rollback()
                return None
            token = _write(writer, name, root, changes, counts, phases, started)
            try:
                state.set_meta("token", token)
                state.commit()
            except STATE_FAILURES as error:  # the graph is written; its new token tells the next import
                raise StateNotSaved(f"{state.path}: could not save the import's state: {error}") from error
    except BaseException:
        with suppress(*STATE_FAILURES):  # the failure that matters is the one being raised
            state.rollback()
        raise
    phases["save_s"] = _elapsed(phases, started)
    return _timed_summary(name, counts, True, started, problems, changes, phases)


def _write(
    writer: Neo4jWriter,
    name: str,
    root: Path,
    changes: Changes,
    counts: dict[str, int],
    phases: dict[str, float],
    started: float,
    after_nodes: Callable[[], None] = lambda: None,
) -> str:
    """Write the changes (under the caller's import lock) and return the graph's new token."""
    writer.begin(name)
    new_nodes = writer.missing_nodes([row["id"] for row in changes.node_rows])
    writer.write_nodes(name, changes.node_rows, new_nodes)
    phases["write_nodes_s"] = _elapsed(phases, started)
    after_nodes()
    writer.write_relationships(name, changes.relationship_rows, new_nodes)
    phases["write_relationships_s"] = _elapsed(phases, started)
    writer.release_relationships(name, changes.relationship_deletes)
    changes.nodes_kept_for_hand_made = writer.release_nodes(name, changes.node_deletes)
    phases["delete_s"] = _elapsed(phases, started)
    token = new_token()
    graph_counts = {k: counts[k] for k in ("notes", "entities", "relationships", "stubs")}
    writer.finish(name, token, str(root.resolve()), graph_counts)
    return token


def _sync_all(
    root: Path,
    writer: Neo4jWriter,
    ontology: Ontology,
    options: _SyncOptions,
    name: str,
    state: GardenState | None,
    state_path: Path,
    fingerprint_now: str,
    started: float,
    notices: list[Problem],
) -> ImportSummary:
    """Resolve the whole garden and write every row, comparing with what the graph holds."""
    phases = {"state_s": time.perf_counter() - started}
    # Notes the saved state holds unchanged are not parsed again, even when it is not trusted.
    previous = None
    if state is not None:
        try:
            previous = state.records()
        except STATE_FAILURES as error:
            notices.append(_state_unusable(state_path, error))
    read = read_garden(root, ontology, options.on_note, previous)
    del previous
    phases["read_s"] = _elapsed(phases, started)
    resolved = resolve_garden(read.parsed, ontology, relationships=False)
    graph = resolve_into(resolved, read.report)
    counts = {
        **_counts(read.notes, read.parsed, read.skipped, read.failed, graph),
        "relationships": len(resolved.facts),
    }
    stub_labels = sorted({t.label for t in ontology.entity_types})
    terms = BiolinkTerms(ontology)
    node_rows = {node.id: node_row(node, name, stub_labels, terms) for node in graph.nodes}
    # Made one by one as they are written: a million rows at once would take gigabytes.
    relationship_rows = (relationship_row(relationship, name, terms) for relationship in resolved.relationships())
    phases["resolve_s"] = _elapsed(phases, started)
    problems = [*notices, *_listed(read.report.sorted(), options.info)]

    def plan() -> Changes:
        owned = writer.owned_nodes(name), writer.owned_relationships(name)
        changes = plan_changes(node_rows, resolved.facts.keys(), relationship_rows, *owned)
        changes.notes_parsed = read.parsed_now
        return changes

    if options.dry_run or (options.strict and read.report.errors):
        changes = plan()
        return _timed_summary(name, counts, False, started, problems, changes, phases)

    writer.ensure_schema()
    # From comparing to writing, no other import writes.
    with writer.import_lock(), collector_for_new_objects():
        changes = plan()
        phases["plan_s"] = _elapsed(phases, started)
        writer.keep_lock()
        meta = {
            "fingerprint": fingerprint_now,
            "root": str(root.resolve()),
            "counts": counts,
            "folder_problems": read.folder_problems,
        }
        saving: StateBuild | None = None

        def save_state() -> None:
            # Begun once the nodes are written, beside the relationship writes: beside the node
            # writes it slowed them by half (bench/RESULTS.md, "behind the code").
            nonlocal saving
            saving = StateBuild(state_path, read.records, resolved, meta)

        try:
            token = _write(writer, name, root, changes, counts, phases, started, after_nodes=save_state)
        except BaseException:
            if saving is not None:
                saving.abandon()
            raise
        assert saving is not None  # _write returns only after the nodes are written
        saving.finish(token)
    phases["save_s"] = _elapsed(phases, started)
    return _timed_summary(name, counts, True, started, problems, changes, phases)


def import_knowledge_graph(
    nodes_file: Path, edges_file: Path, writer: Neo4jWriter, ontology: Ontology, source: str, *, dry_run: bool = False
) -> ImportSummary:
    """Load a KGX graph beside the gardens, owned by `source` as a garden's data is (kgx_import)."""
    started = time.perf_counter()
    writer.check_server()
    report = Report()
    joins = Joins.of(writer.others_entities(source))
    phases = {"state_s": time.perf_counter() - started}
    rows = kg_rows(nodes_file, edges_file, source, ontology, joins, report)
    phases["read_s"] = _elapsed(phases, started)
    written = sum(r["properties"]["statements"] for r in rows.relationships.values())
    counts = {
        "notes": len(rows.nodes), "entities": len(rows.nodes), "skipped": 0, "failed": len(report.errors),
        "statements": rows.edges, "statements_written": written, "statements_dropped": rows.edges - written,
        "relationships": len(rows.relationships), "stubs": 0,
    }  # fmt: skip
    problems = [*report.sorted(), *_joined(source, rows)]

    def plan() -> Changes:
        owned = writer.owned_nodes(source), writer.owned_relationships(source)
        return plan_changes(rows.nodes, rows.relationships.keys(), rows.relationships.values(), *owned)

    if dry_run:
        changes = plan()
        return _timed_summary(source, counts, False, started, problems, changes, phases)
    writer.ensure_schema()
    with writer.import_lock(), collector_for_new_objects():
        changes = plan()
        phases["plan_s"] = _elapsed(phases, started)
        _write(writer, source, nodes_file.parent, changes, counts, phases, started)
    return _timed_summary(source, counts, True, started, problems, changes, phases)


def _joined(source: str, rows: KgRows) -> list[Problem]:
    message = f"{rows.joined_by_identifier} nodes joined a garden's entity by identifier, {rows.joined_by_name} by name"
    return [Problem(Severity.INFO, source, None, "joined", message)]
