"""The import as a whole: read -> parse -> resolve -> sync -> write, with a summary that reconciles.

Every statement parsed from a typed note is either carried by a relationship or reported;
`ImportSummary.reconciles` checks exactly that.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .garden import GardenNotFound, NoteProgress, collector_paused, file_stamps, read_garden
from .model import Graph, ParsedNote
from .ontology import Ontology
from .problems import Problem, Report
from .resolve import resolve
from .server import default_cache
from .sinks import Sink
from .state import GardenContent, GardenState, load_content, load_state, save_content, save_state, state_file
from .sync import Changes, Rows, fingerprint, garden_name, garden_rows, new_token, plan_changes
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
        return [p for p in self.problems if p.severity.value == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity.value == "warning"]

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
            "info": [p.as_dict() for p in self.problems if p.severity.value == "info"],
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
) -> ImportSummary:
    """Import into a Neo4jWriter (kept in sync with the folder), export to another sink, or,
    with no sink, only check the garden."""
    if isinstance(sink, Neo4jWriter):
        with collector_paused():
            return _sync(root, sink, ontology, _SyncOptions(garden, strict, dry_run, full, state_dir, on_note))
    started = time.perf_counter()
    name = garden_name(root, garden)
    scan = scan_garden(root, ontology, on_note)
    write = not dry_run and not (strict and scan.report.errors) and sink is not None
    if write and sink is not None:
        sink.ensure_schema()
        sink.write_nodes(scan.graph.nodes)
        sink.write_relationships(scan.graph.relationships)
        sink.finalize()
    counts = _counts(scan.notes, scan.parsed, scan.skipped, scan.failed, scan.graph)
    return _summary(name, counts, write, started, scan.report.sorted())


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


def _sync(root: Path, writer: Neo4jWriter, ontology: Ontology, options: _SyncOptions) -> ImportSummary:
    started = time.perf_counter()
    if not root.is_dir():
        raise GardenNotFound(f"{root}: not a folder of notes")
    writer.check_server()
    name, folder = garden_name(root, options.garden), str(root.resolve())
    state_path = state_file(options.state_dir or default_cache(), writer.database_id(), name)
    fingerprint_now = fingerprint(ontology)
    state = None if options.full else load_state(state_path, fingerprint_now, root)
    current = state is not None and state.token is not None and state.token == writer.token(name)
    if current and state is not None and file_stamps(root) == state.files:  # nothing to do, not even parsing
        return _summary(name, state.counts, False, started, list(state.problems), Changes("unchanged"))

    # Reading and resolving touch no database: they run before the lock is taken.
    content = load_content(state_path, state) if state is not None else None
    phases = {"state_s": time.perf_counter() - started}
    read = read_garden(root, ontology, options.on_note, content.notes if content is not None else None)
    phases["read_s"] = time.perf_counter() - started - sum(phases.values())
    graph = resolve(read.parsed, ontology, read.report)
    counts = _counts(read.notes, read.parsed, read.skipped, read.failed, graph)
    rows = garden_rows(graph, name, ontology)
    phases["resolve_s"] = time.perf_counter() - started - sum(phases.values())
    problems = read.report.sorted()

    if options.dry_run or (options.strict and read.report.errors):
        changes = _plan(writer, name, rows, read.parsed_now, state, content)
        changes.seconds = {k: round(v, 3) for k, v in phases.items()}
        return _summary(name, counts, False, started, problems, changes)

    writer.ensure_schema()
    with writer.import_lock():  # from comparing to writing, no other import writes
        changes = _plan(writer, name, rows, read.parsed_now, state, content)
        phases["plan_s"] = time.perf_counter() - started - sum(phases.values())
        writer.keep_lock()
        # Pickling the parsed notes takes seconds; it runs while the database works, and the
        # small state that names it is written only after the import succeeded.
        saved = GardenContent(new_token(), read.records, changes.node_stamps, changes.relationship_stamps)
        saving = threading.Thread(target=save_content, args=(state_path, saved), name="onto-save-state")
        saving.start()
        writer.begin(name)
        new_nodes = writer.missing_nodes([row["id"] for row in changes.node_rows])
        writer.write_nodes(name, changes.node_rows, new_nodes)
        phases["write_nodes_s"] = time.perf_counter() - started - sum(phases.values())
        writer.write_relationships(name, changes.relationship_rows, new_nodes)
        phases["write_relationships_s"] = time.perf_counter() - started - sum(phases.values())
        writer.release_relationships(name, changes.relationship_deletes)
        changes.nodes_kept_for_hand_made = writer.release_nodes(name, changes.node_deletes)
        phases["delete_s"] = time.perf_counter() - started - sum(phases.values())
        token = new_token()
        writer.finish(name, token, folder, {k: counts[k] for k in ("notes", "entities", "relationships", "stubs")})
        saving.join()
    files = {file: (record.size, record.mtime_ns) for file, record in read.records.items()}
    save_state(state_path, GardenState(fingerprint_now, folder, token, files, counts, tuple(problems), saved.key))
    phases["save_s"] = time.perf_counter() - started - sum(phases.values())
    changes.seconds = {k: round(v, 3) for k, v in phases.items()}
    return _summary(name, counts, True, started, problems, changes)


def _plan(
    writer: Neo4jWriter,
    name: str,
    rows: Rows,
    notes_parsed: int,
    state: GardenState | None,
    content: GardenContent | None,
) -> Changes:
    """Compare with the saved stamps while the graph's token still matches them (checked here,
    under the lock when writing), else with the keys the graph holds."""
    if state is not None and content is not None and state.token is not None and state.token == writer.token(name):
        changes = plan_changes(rows, content.nodes, content.relationships)
    else:
        changes = plan_changes(rows, None, None, writer.owned_nodes(name), writer.owned_relationships(name))
    changes.notes_parsed = notes_parsed
    return changes
