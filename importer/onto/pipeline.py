"""The import as a whole: read -> parse -> resolve -> sink, with a summary that reconciles.

Every statement parsed from a typed note is either carried by a relationship or reported;
`ImportSummary.reconciles` checks exactly that.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .model import Graph, ParsedNote
from .ontology import Ontology
from .parse import parse_note
from .problems import Problem, Report
from .read import discover, read_bytes, read_note, relative
from .resolve import resolve
from .server import default_cache
from .sinks import Sink
from .state import GardenContent, GardenState, NoteRecord, load_content, load_state, save_state, state_file
from .sync import Changes, fingerprint, garden_name, garden_rows, new_token, plan_changes
from .write import Neo4jWriter


class GardenNotFound(Exception):
    """The path given to import or check is not a folder."""


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
class GardenRead:
    """Every note of a garden read and parsed, before links are resolved."""

    notes: int
    parsed: list[ParsedNote]
    skipped: int
    failed: int
    report: Report
    records: dict[str, NoteRecord]  # per file, for the next import to reuse
    reparsed: int  # notes parsed this time; the rest came unchanged from the previous import
    removed: int  # notes the previous import read that are gone

    @property
    def changed(self) -> bool:
        return self.reparsed > 0 or self.removed > 0


@dataclass
class GardenScan:
    """What reading and parsing a garden found, before anything is written."""

    notes: int
    parsed: list[ParsedNote]
    skipped: int
    failed: int
    graph: Graph
    report: Report


NoteProgress = Callable[[int, int], None]  # called with (notes read, notes found) after each note


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a garden's millions of small objects are made.

    They hold no reference cycles, so the collector finds nothing, yet its full passes over
    them cost a third of resolving a 10,000-note garden (measured); reference counting
    still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_one(root: Path, path: Path, ontology: Ontology, previous: NoteRecord | None) -> tuple[NoteRecord, bool]:
    """The note's record, and whether it was parsed now; an unchanged note reuses `previous`."""
    report = Report()
    try:
        stat = path.stat()
        size, mtime_ns = stat.st_size, stat.st_mtime_ns
    except OSError:
        size = mtime_ns = -1
    if previous is not None and size >= 0 and (size, mtime_ns) == (previous.size, previous.mtime_ns):
        return previous, False
    data = read_bytes(root, path, report)
    if data is None:
        return NoteRecord(size, mtime_ns, b"", None, True, tuple(report.problems)), True
    digest = hashlib.blake2b(data, digest_size=16).digest()
    if previous is not None and previous.digest == digest:  # touched, not changed
        return replace(previous, size=size, mtime_ns=mtime_ns), False
    raw = read_note(root, path, report, data)
    parsed = parse_note(raw, ontology, report) if raw is not None else None
    failed = parsed is None and bool(report.errors)
    return NoteRecord(size, mtime_ns, digest, parsed, failed, tuple(report.problems)), True


# A first read of a large garden parses on every core: notes are independent until resolve.
PARALLEL_FROM = 2000  # notes; below this, starting processes costs more than it saves
_CHUNK = 500
_worker_ontology: Ontology | None = None


def _can_fork() -> bool:
    # fork copies only the calling thread: with other threads running, a lock one of them holds
    # could stay held in the child forever. spawn re-runs the caller's main module, which a
    # library cannot ask of its callers. So: fork, on a platform that has it, from one thread.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _start_worker(ontology: Ontology) -> None:
    global _worker_ontology
    _worker_ontology = ontology
    gc.disable()  # as in _collector_paused: nothing here makes cycles


def _read_chunk(root: Path, paths: list[Path]) -> list[tuple[NoteRecord, bool]]:
    assert _worker_ontology is not None
    return [_read_one(root, path, _worker_ontology, None) for path in paths]


def _read_in_parallel(root: Path, paths: list[Path], ontology: Ontology) -> Iterator[tuple[NoteRecord, bool]]:
    chunks = [paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    workers = min(os.cpu_count() or 1, 8)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(ontology,)) as pool:
        for chunk in pool.map(_read_chunk, [root] * len(chunks), chunks):
            yield from chunk


def read_garden(
    root: Path,
    ontology: Ontology,
    on_note: NoteProgress | None = None,
    previous: dict[str, NoteRecord] | None = None,
) -> GardenRead:
    """Read and parse every note; a note whose size, mtime or bytes match `previous` is not parsed again."""
    if not root.is_dir():
        raise GardenNotFound(f"{root}: not a folder of notes")
    previous = previous or {}
    report = Report()
    paths = discover(root, report)
    failed = len(report.errors)  # files discover() could not take (pipes, devices)
    parsed: list[ParsedNote] = []
    records: dict[str, NoteRecord] = {}
    skipped = reparsed = 0
    if previous or len(paths) < PARALLEL_FROM or not _can_fork():
        results: Iterable[tuple[NoteRecord, bool]] = (
            _read_one(root, path, ontology, previous.get(relative(root, path))) for path in paths
        )
    else:
        results = _read_in_parallel(root, paths, ontology)
    for done, (path, (record, parsed_now)) in enumerate(zip(paths, results, strict=True), start=1):
        file = relative(root, path)
        reparsed += parsed_now
        records[file] = record
        report.problems.extend(record.problems)
        if record.parsed is not None:
            parsed.append(record.parsed)
        elif record.failed:
            failed += 1
        else:
            skipped += 1
        if on_note is not None:
            on_note(done, len(paths))
    removed = len(previous.keys() - records.keys())
    return GardenRead(len(paths), parsed, skipped, failed, report, records, reparsed, removed)


def scan_garden(root: Path, ontology: Ontology, on_note: NoteProgress | None = None) -> GardenScan:
    read = read_garden(root, ontology, on_note)
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
        with _collector_paused():
            return _sync(root, sink, ontology, garden, strict, dry_run, full, state_dir, on_note)
    started = time.perf_counter()
    name = garden_name(root, garden)
    with _collector_paused():
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


def _file_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every note: all a re-import with nothing to do needs to read."""
    stamps = {}
    for path in discover(root, Report()):
        try:
            stat = path.stat()
        except OSError:
            return {}  # unreadable now: let the full read report it
        stamps[relative(root, path)] = (stat.st_size, stat.st_mtime_ns)
    return stamps


def _sync(
    root: Path,
    writer: Neo4jWriter,
    ontology: Ontology,
    garden: str | None,
    strict: bool,
    dry_run: bool,
    full: bool,
    state_dir: Path | None,
    on_note: NoteProgress | None,
) -> ImportSummary:
    if not root.is_dir():
        raise GardenNotFound(f"{root}: not a folder of notes")
    writer.check_server()
    if dry_run:
        return _sync_locked(root, writer, ontology, garden, strict, dry_run, full, state_dir, on_note)
    writer.ensure_schema()
    with writer.import_lock():  # what is compared and what is written must not change under us
        return _sync_locked(root, writer, ontology, garden, strict, dry_run, full, state_dir, on_note)


def _sync_locked(
    root: Path,
    writer: Neo4jWriter,
    ontology: Ontology,
    garden: str | None,
    strict: bool,
    dry_run: bool,
    full: bool,
    state_dir: Path | None,
    on_note: NoteProgress | None,
) -> ImportSummary:
    started = time.perf_counter()
    name, folder = garden_name(root, garden), str(root.resolve())
    state_path = state_file(state_dir or default_cache(), writer.database_id(), name)
    fingerprint_now = fingerprint(ontology)
    state = None if full else load_state(state_path, fingerprint_now, root)
    trusted = state is not None and state.token is not None and state.token == writer.token(name)
    if trusted and state is not None and _file_stamps(root) == state.files:  # nothing to do, not even parsing
        return _summary(name, state.counts, False, started, list(state.problems), Changes("unchanged"))

    content = load_content(state_path, state) if state is not None else None
    trusted = trusted and content is not None
    phases = {"state_s": time.perf_counter() - started}
    read = read_garden(root, ontology, on_note, content.notes if content is not None else None)
    phases["read_s"] = time.perf_counter() - started - sum(phases.values())
    graph = resolve(read.parsed, ontology, read.report)
    counts = _counts(read.notes, read.parsed, read.skipped, read.failed, graph)
    rows = garden_rows(graph, name, ontology)
    phases["resolve_s"] = time.perf_counter() - started - sum(phases.values())
    if trusted and content is not None:
        changes = plan_changes(rows, content.nodes, content.relationships)
    else:
        changes = plan_changes(rows, None, None, writer.owned_nodes(name), writer.owned_relationships(name))
    problems = read.report.sorted()
    write = not dry_run and not (strict and read.report.errors)
    if write:
        writer.begin(name)
        new_nodes = writer.missing_nodes([row["id"] for row in changes.node_rows])
        writer.write_nodes(name, changes.node_rows)
        writer.write_relationships(name, changes.relationship_rows, new_nodes)
        writer.release_relationships(name, changes.relationship_deletes)
        changes.nodes_kept_for_hand_made = writer.release_nodes(name, changes.node_deletes)
        phases["write_s"] = time.perf_counter() - started - sum(phases.values())
        token = new_token()
        writer.finish(name, token, folder, {k: counts[k] for k in ("notes", "entities", "relationships", "stubs")})
        files = {file: (record.size, record.mtime_ns) for file, record in read.records.items()}
        saved = GardenContent(new_token(), read.records, changes.node_stamps, changes.relationship_stamps)
        state = GardenState(fingerprint_now, folder, token, files, counts, tuple(problems), saved.key)
        save_state(state_path, state, saved)
        phases["save_s"] = time.perf_counter() - started - sum(phases.values())
    changes.seconds = {k: round(v, 3) for k, v in phases.items()}
    return _summary(name, counts, write, started, problems, changes)
