"""Read a whole garden: every note read and parsed, before links are resolved.

A note whose size and mtime (or, failing that, bytes) match the previous import's record is
not parsed again. A first read of a large garden parses on every core: notes are
independent until resolve.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .body import forget_lines
from .forking import can_fork
from .model import ParsedNote
from .ontology import Ontology
from .parse import parse_note
from .problems import Problem, Report
from .read import FoundNote, discover, read_bytes, read_note, stamps
from .state import NoteRecord


class GardenNotFound(Exception):
    """The path given to import or check is not a folder."""


@dataclass
class GardenRead:
    """Every note of a garden read and parsed, before links are resolved."""

    notes: int
    parsed: list[ParsedNote]
    skipped: int
    failed: int
    report: Report
    records: dict[str, NoteRecord]  # per file, for the next import to reuse
    parsed_now: int  # notes parsed this time; the rest came unchanged from the previous import
    folder_problems: list[Problem]  # files found but not taken as notes (pipes, devices)


@dataclass
class NoteChanges:
    """The notes that differ from what the last import read, each read and parsed."""

    notes: int  # notes found
    changed: dict[str, NoteRecord]  # new, or with other bytes
    touched: dict[str, NoteRecord]  # the same bytes with a new mtime: not parsed again
    deleted: set[str]
    folder_problems: list[Problem]


NoteProgress = Callable[[int, int], None]  # called with (notes read, notes found) after each note


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a garden's millions of small objects are made.

    They hold no reference cycles, so the collector finds nothing, yet its full passes over
    them cost much of the time of resolving a garden (bench/RESULTS.md, "behind the code"); reference counting
    still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def collector_for_new_objects() -> Iterator[None]:
    """Run the collector again, over objects made from here on only.

    The database driver makes reference cycles for each transaction, with the batch's rows
    among them; with the collector paused they were never freed: gigabytes over the writes of
    a large garden (bench/RESULTS.md, "behind the code"). Freezing what exists keeps the
    garden's millions of objects out of the collector's passes, so collecting costs next to
    nothing.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()
        gc.unfreeze()


def _read_one(found: FoundNote, ontology: Ontology, previous: NoteRecord | None) -> tuple[NoteRecord, bool]:
    """The note's record, and whether it was parsed now; an unchanged note reuses `previous`."""
    report = Report()
    size, mtime_ns = found.stamp
    if previous is not None and size >= 0 and (size, mtime_ns) == (previous.size, previous.mtime_ns):
        return previous, False
    data = read_bytes(found.location, found.file, report)
    if data is None:
        return NoteRecord(size, mtime_ns, b"", None, True, tuple(report.problems)), True
    digest = hashlib.blake2b(data, digest_size=16).digest()
    if previous is not None and previous.digest == digest:  # touched, not changed
        return replace(previous, size=size, mtime_ns=mtime_ns), False
    raw = read_note(found.file, data, report)
    parsed = parse_note(raw, ontology, report) if raw is not None else None
    failed = parsed is None and bool(report.errors)
    return NoteRecord(size, mtime_ns, digest, parsed, failed, tuple(report.problems)), True


PARALLEL_FROM = 2000  # notes; below this, starting processes costs more than it saves
_CHUNK = 500
_worker_ontology: Ontology | None = None


def _start_worker(ontology: Ontology) -> None:
    global _worker_ontology
    _worker_ontology = ontology
    gc.disable()  # as in collector_paused: nothing here makes cycles


def _read_chunk(notes: list[FoundNote]) -> list[tuple[NoteRecord, bool]]:
    assert _worker_ontology is not None
    return [_read_one(found, _worker_ontology, None) for found in notes]


def _read_in_parallel(paths: list[FoundNote], ontology: Ontology) -> Iterator[tuple[NoteRecord, bool]]:
    chunks = [paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    workers = min(os.cpu_count() or 1, 8)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(ontology,)) as pool:
        for chunk in pool.map(_read_chunk, chunks):
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
    folder_problems = list(report.problems)
    failed = len(report.errors)  # files discover() could not take (pipes, devices)
    parsed: list[ParsedNote] = []
    records: dict[str, NoteRecord] = {}
    skipped = parsed_count = 0
    with collector_paused():
        if previous or len(paths) < PARALLEL_FROM or not can_fork():
            results: Iterable[tuple[NoteRecord, bool]] = (
                _read_one(found, ontology, previous.get(found.file)) for found in paths
            )
        else:
            results = _read_in_parallel(paths, ontology)
        for done, (found, (record, parsed_now)) in enumerate(zip(paths, results, strict=True), start=1):
            file = found.file
            parsed_count += parsed_now
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
    forget_lines()  # the lines and links notes repeat: a hundred MB or more for a large garden
    return GardenRead(len(paths), parsed, skipped, failed, report, records, parsed_count, folder_problems)


def read_changes(
    ontology: Ontology,
    found: list[FoundNote],
    folder_problems: list[Problem],
    known: dict[str, tuple[int, int]],
    previous: Callable[[list[str]], dict[str, NoteRecord]],
) -> NoteChanges:
    """Read the notes whose size or mtime differ from `known`; `previous` gives what the last
    import read of them (only those are loaded: a 100,000-note garden's parses stay on disk)."""
    differing = [f for f in found if known.get(f.file) != f.stamp]
    before = previous([f.file for f in differing if f.file in known])
    changed: dict[str, NoteRecord] = {}
    touched: dict[str, NoteRecord] = {}
    with collector_paused():
        for note in differing:
            record, parsed_now = _read_one(note, ontology, before.get(note.file))
            (changed if parsed_now else touched)[note.file] = record
    deleted = known.keys() - {f.file for f in found}
    return NoteChanges(len(found), changed, touched, deleted, folder_problems)


def file_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every note: all a re-import with nothing to do needs to read."""
    return stamps(discover(root, Report()))
