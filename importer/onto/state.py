"""What the last import of a garden read and resolved, kept in SQLite so a re-import redoes only the difference.

One database file per (Neo4j database, garden) under the cache folder holds every note's
size, mtime, content hash and parse, the names links find it by, the names its own links
look up, how it resolved (counts and problems) and how often each stub was linked. With
that, a re-import after an edit parses the edited notes, resolves again only the notes
whose links could now mean something else, and reads nothing else of the garden: a few
indexed lookups instead of a 100,000-note pass.

The graph holds a token of the import that wrote it (see `write.Neo4jWriter.token`); the
state is trusted only while its token matches the graph's, so a wiped database, an import
from another machine or an import that died half-way makes the next import a full one,
never a wrong one.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import sqlite3
import threading
import uuid
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from .forking import can_fork
from .model import Entity, ParsedNote
from .problems import Problem, Severity
from .resolve import NameIndex, ResolvedGarden, entity_permalink_key, lookup_keys, name_group, name_keys

FORMAT = 4  # bump when the schema or anything pickled here changes shape

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
CREATE TABLE notes (
    file TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest BLOB NOT NULL,
    failed INTEGER NOT NULL,
    parsed BLOB,           -- the ParsedNote parsing gave (its id before duplicates were told apart); NULL: no entity
    read_problems BLOB,    -- what reading and parsing reported; NULL: nothing
    entity_id TEXT,        -- the node's id
    base_id TEXT,          -- the id parsing gave; notes sharing one are told apart by path
    name_group TEXT,       -- type and name: notes sharing one get a warning
    statements INTEGER NOT NULL DEFAULT 0,
    dropped INTEGER NOT NULL DEFAULT 0,
    group_problems BLOB,   -- duplicate ids and names
    link_problems BLOB     -- what resolving its links reported
);
CREATE INDEX notes_entity ON notes (entity_id);
CREATE INDEX notes_base ON notes (base_id);
CREATE INDEX notes_group ON notes (name_group);
-- The names links find notes by (NameIndex), and the names each note's links look up.
CREATE TABLE names (key TEXT, file TEXT, priority INTEGER, entity_id TEXT, type TEXT,
                    PRIMARY KEY (key, file, priority)) WITHOUT ROWID;
CREATE TABLE permalinks (key TEXT, file TEXT, entity_id TEXT, PRIMARY KEY (key, file)) WITHOUT ROWID;
CREATE TABLE uses (kind INTEGER, key TEXT, file TEXT, PRIMARY KEY (kind, key, file)) WITHOUT ROWID;
CREATE TABLE stubs (id TEXT PRIMARY KEY, names BLOB, types BLOB) WITHOUT ROWID;
-- Every note's problems, in the order a summary lists them (line_order: the line, 0 for none;
-- seq tells identical ones apart): an edit replaces its notes' rows, not the whole list.
CREATE TABLE problems (
    file TEXT NOT NULL, line_order INTEGER NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    seq INTEGER NOT NULL, severity TEXT NOT NULL, line INTEGER,
    PRIMARY KEY (file, line_order, code, message, seq)
) WITHOUT ROWID;
"""
NAME, PERMALINK = 0, 1  # kinds of key in `uses`
_WAIT_S = 600
_TOTALS = ("notes", "entities", "failed_notes", "statements", "statements_dropped")


@dataclass(slots=True)
class NoteRecord:
    """One file as an import read it."""

    size: int
    mtime_ns: int
    digest: bytes  # of the file's bytes: a touched but unchanged note is not parsed again
    parsed: ParsedNote | None  # None: skipped (no type) or failed
    failed: bool
    problems: tuple[Problem, ...]  # what reading and parsing it reported


def state_file(cache_dir: Path, database_id: str, garden: str) -> Path:
    """One file per database (its store id, new when a database is made again) and garden."""
    key = hashlib.sha1(f"{database_id}\0{garden}".encode()).hexdigest()[:20]
    return cache_dir / "gardens" / f"{key}.sqlite"


def _problem_rows(problems: Iterable[Problem]) -> Iterator[tuple[Any, ...]]:
    """Rows of the problems table, all of one note's problems at once (seq counts within it)."""
    for seq, p in enumerate(problems):
        yield (p.file, p.line or 0, p.code, p.message, seq, p.severity.value, p.line)


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.code, problem.message)


def _dump(value: Any) -> bytes | None:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) if value else None


def _load(blob: bytes | None) -> Any:
    # Our own file in the user's cache folder, written by this module.
    return pickle.loads(blob) if blob is not None else None  # noqa: S301


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit: transactions are begun and ended explicitly. A state file is one import's
    # private cache, rebuilt whenever in doubt, so it trades durability for speed.
    # A second import of the same garden waits while the first changes the state (see
    # pipeline._sync_changes), as it waits for the database's import lock.
    connection = sqlite3.connect(path, timeout=_WAIT_S, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -65536")  # 64 MB
    return connection


def _with_id(parsed: ParsedNote, entity_id: str) -> ParsedNote:
    if parsed.entity.id == entity_id:
        return parsed
    return ParsedNote(replace(parsed.entity, id=entity_id), parsed.statements)


@dataclass(slots=True)
class StoredNote:
    """A note as the state holds it: its parse with its final id."""

    file: str
    note: ParsedNote | None
    base_id: str | None


class GardenState:
    """The saved state of one garden, open for reading and, in a transaction, for change."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection
        self._redone: set[str] = set()  # notes whose problems changed in this transaction
        self._totals: dict[str, int] | None = None
        self._files: dict[str, tuple[int, int]] | None = None

    @classmethod
    def open(cls, path: Path, fingerprint: str, root: Path) -> GardenState | None:
        """The saved state, or None when there is none, it is damaged, or it belongs to another
        onto, ontology or folder."""
        if not path.is_file():
            return None
        try:
            state = cls(path, _connect(path))
            if (state.meta("format"), state.meta("fingerprint"), state.meta("root")) != (
                FORMAT,
                fingerprint,
                str(root.resolve()),
            ):
                state.close()
                return None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return None
        return state

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return _load(zlib.decompress(row[0])) if row else None

    def set_meta(self, key: str, value: Any) -> None:
        # Compressed: the list of every problem is megabytes of repeated text, written on every re-import.
        blob = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, blob))

    @property
    def token(self) -> str | None:
        token: str | None = self.meta("token")
        return token

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = self.meta("counts")
        return counts

    def files(self) -> dict[str, tuple[int, int]]:
        """(size, mtime) of every note, kept whole in one value: a re-import reads all of them.
        Read once per transaction (do not change what it returns)."""
        if self._files is None:
            self._files = self.meta("files")
        return self._files

    def records(self, files: Iterable[str] | None = None) -> dict[str, NoteRecord]:
        """The notes as the last import read them (all, or those named), parses included."""
        query = "SELECT file, size, mtime_ns, digest, parsed, failed, read_problems FROM notes"
        rows: Iterable[tuple[Any, ...]]
        if files is None:
            rows = self.db.execute(query)
        else:
            rows = (row for file in files for row in self.db.execute(f"{query} WHERE file = ?", (file,)))
        return {
            file: NoteRecord(size, mtime, digest, _load(parsed), bool(failed), _load(problems) or ())
            for file, size, mtime, digest, parsed, failed, problems in rows
        }

    def problems(self, info: bool = True) -> list[Problem]:
        """Everything the imports that made this state reported, as a full import would report
        it; without the info-level ones when `info` is False (there can be 100,000s of them)."""
        severity = {s.value: s for s in Severity}
        query = "SELECT severity, file, line, code, message FROM problems"
        if not info:
            query += " WHERE severity != 'info'"
        query += " ORDER BY file, line_order, code, message, seq"
        make = Problem._make  # a tuple made whole, without the keyword handling of Problem(...)
        found = [make((severity[s], file, line, code, text)) for s, file, line, code, text in self.db.execute(query)]
        folder: list[Problem] = [
            p for p in self.meta("folder_problems") or [] if info or p.severity is not Severity.INFO
        ]
        return sorted([*folder, *found], key=_problem_order) if folder else found

    def refresh_problems(self) -> None:
        """Bring the problems table up to date with the notes changed in this transaction.

        All of a note's problems name its file, so those of the notes redone are replaced."""
        for file in sorted(self._redone):
            self.db.execute("DELETE FROM problems WHERE file = ?", (file,))
            row = self.db.execute(
                "SELECT read_problems, group_problems, link_problems FROM notes WHERE file = ?", (file,)
            ).fetchone()
            found = [problem for blob in row or () for problem in _load(blob) or ()]
            self.db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?)", _problem_rows(found))

    def refresh_files(self, changed: dict[str, NoteRecord], deleted: Iterable[str]) -> None:
        files = dict(self.files())
        files.update((file, (record.size, record.mtime_ns)) for file, record in changed.items())
        for file in deleted:
            files.pop(file, None)
        self.set_meta("files", files)

    # --- lookups a re-import makes ------------------------------------------------------

    def stored(self, files: Iterable[str]) -> dict[str, StoredNote]:
        found = {}
        for file in files:
            row = self.db.execute("SELECT parsed, entity_id, base_id FROM notes WHERE file = ?", (file,)).fetchone()
            if row is not None:
                parsed = _load(row[0])
                found[file] = StoredNote(file, _with_id(parsed, row[1]) if parsed else None, row[2])
        return found

    def note_with_id(self, entity_id: str) -> StoredNote | None:
        row = self.db.execute("SELECT file FROM notes WHERE entity_id = ? LIMIT 1", (entity_id,)).fetchone()
        return self.stored([row[0]]).get(row[0]) if row else None

    def files_where(self, column: str, value: str) -> list[str]:
        assert column in ("base_id", "name_group")  # the only two; never from input
        return [row[0] for row in self.db.execute(f"SELECT file FROM notes WHERE {column} = ?", (value,))]  # noqa: S608

    def users(self, kind: int, keys: Iterable[str]) -> set[str]:
        """The notes whose links look up one of these keys."""
        found: set[str] = set()
        for key in keys:
            rows = self.db.execute("SELECT file FROM uses WHERE kind = ? AND key = ?", (kind, key))
            found.update(row[0] for row in rows)
        return found

    def stub_counts(self, stub_id: str) -> tuple[Counter[str], Counter[str]]:
        row = self.db.execute("SELECT names, types FROM stubs WHERE id = ?", (stub_id,)).fetchone()
        if row is None:
            return Counter(), Counter()
        return _load(row[0]) or Counter(), _load(row[1]) or Counter()

    def names(self) -> StateNames:
        return StateNames(self.db)

    # --- changes, inside a transaction ---------------------------------------------------

    def begin(self, immediate: bool = False) -> None:
        """Begin a transaction; `immediate` waits for any other writer to finish first."""
        self.db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        self._redone, self._totals, self._files = set(), None, None

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self._redone, self._totals, self._files = set(), None, None

    def forget_note(self, file: str, old: ParsedNote | None) -> None:
        """Remove a note and the names it held (`old`: its parse with its id as stored)."""
        self._redone.add(file)
        self._count(file, -1)
        self.db.execute("DELETE FROM notes WHERE file = ?", (file,))
        if old is not None:
            self._remove_names(file, old.entity)
            self._remove_uses(file, old)

    def put_note(self, file: str, record: NoteRecord, note: ParsedNote | None) -> None:
        """Add or replace a note (`note`: its parse with its final id)."""
        self._redone.add(file)
        parsed = record.parsed
        self.db.execute(
            "INSERT OR REPLACE INTO notes (file, size, mtime_ns, digest, failed, parsed, read_problems, "
            "entity_id, base_id, name_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                file, record.size, record.mtime_ns, record.digest, int(record.failed), _dump(parsed),
                _dump(record.problems), note.entity.id if note else None, parsed.entity.id if parsed else None,
                name_group(note.entity) if note else None,
            ),
        )  # fmt: skip
        self._count(file, +1)
        if note is not None:
            self._add_names(file, note.entity)
            self._add_uses(file, note)

    def touch_note(self, file: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE notes SET size = ?, mtime_ns = ? WHERE file = ?", (size, mtime_ns, file))

    def change_id(self, file: str, old: Entity, new: Entity) -> None:
        self._remove_names(file, old)
        self._add_names(file, new)
        self.db.execute("UPDATE notes SET entity_id = ? WHERE file = ?", (new.id, file))

    def set_resolution(self, file: str, statements: int, dropped: int, problems: list[Problem]) -> None:
        self._redone.add(file)
        self._count(file, -1)
        self.db.execute(
            "UPDATE notes SET statements = ?, dropped = ?, link_problems = ? WHERE file = ?",
            (statements, dropped, _dump(tuple(problems)), file),
        )
        self._count(file, +1)

    def set_group_problems(self, file: str, problems: list[Problem]) -> None:
        self._redone.add(file)
        self.db.execute("UPDATE notes SET group_problems = ? WHERE file = ?", (_dump(tuple(problems)), file))

    def set_stub(self, stub_id: str, names: Counter[str], types: Counter[str]) -> None:
        if names:
            self.db.execute("INSERT OR REPLACE INTO stubs VALUES (?, ?, ?)", (stub_id, _dump(names), _dump(types)))
        else:
            self.db.execute("DELETE FROM stubs WHERE id = ?", (stub_id,))

    def totals(self) -> dict[str, int]:
        """Figures of the summary that are sums over notes: kept up to date as notes change, since
        summing them would read the whole notes table."""
        totals: dict[str, int] = self._totals if self._totals is not None else self.meta("totals")
        (stubs,) = self.db.execute("SELECT count(*) FROM stubs").fetchone()
        return {**totals, "stubs": stubs}

    def save_totals(self) -> None:
        if self._totals is not None:
            self.set_meta("totals", self._totals)

    def _count(self, file: str, sign: int) -> None:
        """Take a note's figures off the totals (-1), or put them on (+1)."""
        row = self.db.execute(
            "SELECT parsed IS NOT NULL, failed, statements, dropped FROM notes WHERE file = ?", (file,)
        ).fetchone()
        if row is None:
            return
        totals = self._totals if self._totals is not None else self.meta("totals")
        for key, value in zip(_TOTALS, (1, *row), strict=True):
            totals[key] += sign * value
        self._totals = totals

    def _add_names(self, file: str, entity: Entity) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?, ?)",
            [(key, file, priority, entity.id, entity.type) for key, priority in name_keys(entity)],
        )
        key = entity_permalink_key(entity)
        if key:
            self.db.execute("INSERT OR REPLACE INTO permalinks VALUES (?, ?, ?)", (key, file, entity.id))

    def _remove_names(self, file: str, entity: Entity) -> None:
        self.db.executemany(
            "DELETE FROM names WHERE key = ? AND file = ? AND priority = ?",
            [(key, file, priority) for key, priority in name_keys(entity)],
        )
        key = entity_permalink_key(entity)
        if key:
            self.db.execute("DELETE FROM permalinks WHERE key = ? AND file = ?", (key, file))

    def _add_uses(self, file: str, note: ParsedNote) -> None:
        self.db.executemany("INSERT OR IGNORE INTO uses VALUES (?, ?, ?)", _uses(file, note))

    def _remove_uses(self, file: str, note: ParsedNote) -> None:
        self.db.executemany("DELETE FROM uses WHERE kind = ? AND key = ? AND file = ?", _uses(file, note))


def _uses(file: str, note: ParsedNote) -> Iterator[tuple[int, str, str]]:
    names, permalinks = lookup_keys(note.statements)
    yield from ((NAME, key, file) for key in names)
    yield from ((PERMALINK, key, file) for key in permalinks)


class StateNames(NameIndex):
    """The garden's names as the state holds them, looked up one key at a time."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def candidates(self, key: str) -> list[tuple[int, str, str]]:
        return self.db.execute("SELECT priority, entity_id, type FROM names WHERE key = ?", (key,)).fetchall()

    def permalink(self, key: str) -> str | None:
        row = self.db.execute("SELECT entity_id FROM permalinks WHERE key = ? ORDER BY file LIMIT 1", (key,)).fetchone()
        return row[0] if row else None


class StateNotSaved(Exception):
    """The process saving an import's state failed; the graph is written, the next import is a full one."""


class StateBuild:
    """A new state for a whole garden, written while the database works (for 100,000 notes,
    17 s of Python and 631 MB); `finish` names the graph's token and puts it in place.

    Where it may (`forking.can_fork`), a forked process writes it: as a thread of the
    importing process it holds the interpreter's lock the writes need too (20,000 notes:
    3.96 s of node writes beside the thread, 2.93 s beside a process, measured). Elsewhere,
    a thread."""

    def __init__(
        self, path: Path, records: dict[str, NoteRecord], resolved: ResolvedGarden, meta: dict[str, Any]
    ) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")  # one per import, even in one process
        self.error: str | None = None
        self._thread: threading.Thread | None = None
        self._process: BaseProcess | None = None
        args = (self.temporary, records, resolved, meta)
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._outcome, child_end = context.Pipe(duplex=False)
            self._process = context.Process(target=_build_in_child, args=(*args, child_end), name="onto-save-state")
            self._process.start()
            child_end.close()
        else:
            self._thread = threading.Thread(target=self._build, args=args, name="onto-save-state")
            self._thread.start()

    def _build(self, *args: Any) -> None:
        try:
            _build(*args)
        except BaseException as error:  # noqa: BLE001 - finish() reports it, in the importing thread
            self.error = _described(error)

    def _wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._process is not None:
            try:
                self.error = self._outcome.recv()  # None: saved
            except EOFError:  # it ended without a word: killed
                self.error = f"the process saving it ended with exit code {self._process.exitcode}"
            self._process.join()
            self._outcome.close()
            self._process = None

    def finish(self, token: str) -> None:
        """Record the token and replace the old state atomically: a crash leaves one or the other."""
        try:
            self._wait()
            if self.error is not None:
                raise StateNotSaved(f"{self.path}: could not save the import's state: {self.error}")
            state = GardenState(self.temporary, _connect(self.temporary))
            try:
                state.set_meta("token", token)
            finally:
                state.close()
            os.replace(self.temporary, self.path)
        finally:
            self.abandon()

    def abandon(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()  # its work is thrown away anyway
        self._wait()
        self.temporary.unlink(missing_ok=True)


def _described(error: BaseException) -> str:
    """What went wrong while saving, as the message of StateNotSaved says it (a thread's and a
    child process's failures alike: the child can only send text)."""
    return f"{type(error).__name__}: {error}"


def _build(path: Path, records: dict[str, NoteRecord], resolved: ResolvedGarden, meta: dict[str, Any]) -> None:
    state = GardenState(path, _connect(path))
    try:
        state.db.execute("PRAGMA journal_mode = OFF")  # a new file: on any failure it is thrown away
        state.db.executescript(_SCHEMA)
        _write_garden(state, records, resolved)
        for key, value in {"format": FORMAT, **meta}.items():
            state.set_meta(key, value)
    finally:
        state.close()


def _build_in_child(
    path: Path, records: dict[str, NoteRecord], resolved: ResolvedGarden, meta: dict[str, Any], outcome: Connection
) -> None:
    """`_build` in a forked process; tells the parent None, or what went wrong."""
    gc.disable()  # it makes no cycles, and the collector would only copy the parent's pages
    try:
        _build(path, records, resolved, meta)
        outcome.send(None)
    except BaseException as error:  # noqa: BLE001 - told to the parent, whose finish() reports it
        outcome.send(_described(error))
    finally:
        outcome.close()


def _write_garden(state: GardenState, records: dict[str, NoteRecord], resolved: ResolvedGarden) -> None:
    """Write a whole garden, as read and resolved, into a new state."""
    db = state.db
    by_file = {note.entity.file: (note, links) for note, links in zip(resolved.notes, resolved.links, strict=True)}
    group_problems = resolved.group_problems
    db.execute("BEGIN")
    rows = []
    for file, record in records.items():
        parsed = record.parsed
        note, links = by_file.get(file, (None, None))
        rows.append(
            (
                file, record.size, record.mtime_ns, record.digest, int(record.failed), _dump(parsed),
                _dump(record.problems), note.entity.id if note else None, parsed.entity.id if parsed else None,
                name_group(note.entity) if note else None, links.statements if links else 0,
                links.dropped if links else 0, _dump(tuple(group_problems.get(file, ()))),
                _dump(tuple(links.problems)) if links else None,
            )
        )  # fmt: skip
    db.executemany("INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    del rows
    db.executemany(
        "INSERT INTO names VALUES (?, ?, ?, ?, ?)",
        (
            (key, note.entity.file, priority, note.entity.id, note.entity.type)
            for note in resolved.notes
            for key, priority in name_keys(note.entity)
        ),
    )
    db.executemany(
        "INSERT OR IGNORE INTO permalinks VALUES (?, ?, ?)",
        ((key, n.entity.file, n.entity.id) for n in resolved.notes if (key := entity_permalink_key(n.entity))),
    )
    uses = (use for note in resolved.notes for use in _uses(note.entity.file, note))
    db.executemany("INSERT INTO uses VALUES (?, ?, ?)", uses)
    db.executemany(
        "INSERT INTO stubs VALUES (?, ?, ?)",
        ((stub_id, _dump(names), _dump(types)) for stub_id, (names, types) in resolved.stubs.items()),
    )

    def problems_of(file: str, record: NoteRecord) -> list[Problem]:
        links = by_file.get(file, (None, None))[1]
        return [*record.problems, *group_problems.get(file, ()), *(links.problems if links else ())]

    db.executemany(
        "INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?)",
        (row for file, record in records.items() for row in _problem_rows(problems_of(file, record))),
    )
    state.set_meta("files", {file: (record.size, record.mtime_ns) for file, record in records.items()})
    statements = sum(links.statements for links in resolved.links)
    totals = {
        "notes": len(records),
        "entities": sum(record.parsed is not None for record in records.values()),
        "failed_notes": sum(record.failed for record in records.values()),
        "statements": statements,
        "statements_dropped": sum(links.dropped for links in resolved.links),
    }
    state.set_meta("totals", totals)
    db.execute("COMMIT")
