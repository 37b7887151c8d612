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
never a wrong one. Every row carries a checksum of its values, checked whenever the row is
read: a damaged file (a flipped bit SQLite cannot see) raises `StateDamaged`, and the import
does a full one instead of trusting it.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import multiprocessing
import os
import pickle
import re
import socket
import sqlite3
import sys
import threading
import uuid
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, NamedTuple

from .forking import can_fork
from .model import Entity, ParsedNote
from .problems import Problem, Severity
from .resolve import NameIndex, ResolvedGarden, entity_permalink_key, lookup_keys, name_group, name_keys

# Bump the first number when the schema or anything pickled here changes shape. Pickles and
# marshal bytes are the Python version's own: a state another Python wrote is not reused.
FORMAT = (6, *sys.version_info[:2])

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
    link_problems BLOB,    -- what resolving its links reported
    crc INTEGER NOT NULL   -- of the values before it (see _sealed), in every table but meta
);
CREATE INDEX notes_entity ON notes (entity_id);
CREATE INDEX notes_base ON notes (base_id);
CREATE INDEX notes_group ON notes (name_group);
-- The names links find notes by (NameIndex), and the names each note's links look up.
CREATE TABLE names (key TEXT, file TEXT, priority INTEGER, entity_id TEXT, type TEXT, crc INTEGER NOT NULL,
                    PRIMARY KEY (key, file, priority)) WITHOUT ROWID;
CREATE TABLE permalinks (key TEXT, file TEXT, entity_id TEXT, crc INTEGER NOT NULL,
                         PRIMARY KEY (key, file)) WITHOUT ROWID;
CREATE TABLE uses (kind INTEGER, key TEXT, file TEXT, crc INTEGER NOT NULL,
                   PRIMARY KEY (kind, key, file)) WITHOUT ROWID;
CREATE TABLE stubs (id TEXT PRIMARY KEY, names BLOB, types BLOB, crc INTEGER NOT NULL) WITHOUT ROWID;
-- Every note's problems, in the order a summary lists them (line_order: the line, 0 for none;
-- seq tells identical ones apart): an edit replaces its notes' rows, not the whole list.
CREATE TABLE problems (
    file TEXT NOT NULL, line_order INTEGER NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    seq INTEGER NOT NULL, severity TEXT NOT NULL, line INTEGER, crc INTEGER NOT NULL,
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
        yield _sealed((p.file, p.line or 0, p.code, p.message, seq, p.severity.value, p.line))


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.code, problem.message)


class StateDamaged(Exception):
    """The saved state is not as it was written: a row's checksum does not match, or a value
    does not unpickle. (SQLite reports the damage it can see itself, as sqlite3.DatabaseError.)"""


STATE_FAILURES = (sqlite3.Error, StateDamaged)  # what reading or changing a saved state can raise


def _dump(value: Any) -> bytes | None:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) if value else None


def _load(blob: bytes | None) -> Any:
    # Our own file in the user's cache folder, written by this module; its row was checked.
    try:
        return pickle.loads(blob) if blob is not None else None  # noqa: S301
    except Exception as error:  # noqa: BLE001 - any failure to unpickle is damage
        raise StateDamaged(f"a stored value does not unpickle: {error}") from error


def _crc(values: tuple[Any, ...]) -> int:
    """A checksum of a row's values (text, numbers, None and blobs, as SQLite gives them back).
    Marshal's version 2 writes every value whole, never a reference to an object met before, so
    equal rows give equal bytes whichever objects hold them."""
    return zlib.crc32(marshal.dumps(values, 2))


def _sealed(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """The row to store: its values, then their checksum."""
    plain = tuple(values)  # a _Note is a tuple marshal does not know
    return (*plain, _crc(plain))


def _opened(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A stored row's values, once its checksum proves them as written."""
    values = row[:-1]
    if _crc(values) != row[-1]:
        raise StateDamaged("a row does not match its checksum")
    return values


class _Note(NamedTuple):
    """A row of the notes table."""

    file: str
    size: int
    mtime_ns: int
    digest: bytes
    failed: int
    parsed: bytes | None
    read_problems: bytes | None
    entity_id: str | None
    base_id: str | None
    name_group: str | None
    statements: int = 0
    dropped: int = 0
    group_problems: bytes | None = None
    link_problems: bytes | None = None


def _notes(db: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()) -> Iterator[_Note]:
    """Rows of the notes table, checked (`where`: a condition of this module's, never input)."""
    for row in db.execute(f"SELECT * FROM notes {where}", params):  # noqa: S608
        yield _Note(*_opened(row))


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


_NOTE_SLOTS = ", ".join("?" * (len(_Note._fields) + 1))  # the values and their checksum


def _note_row(file: str, record: NoteRecord, note: ParsedNote | None) -> _Note:
    """A note's row as reading and parsing it gave it (`note`: its parse with its final id)."""
    parsed = record.parsed
    return _Note(
        file, record.size, record.mtime_ns, record.digest, int(record.failed), _dump(parsed), _dump(record.problems),
        note.entity.id if note else None, parsed.entity.id if parsed else None,
        name_group(note.entity) if note else None,
    )  # fmt: skip


def _record(note: _Note) -> NoteRecord:
    return NoteRecord(
        note.size, note.mtime_ns, note.digest, _load(note.parsed), bool(note.failed), _load(note.read_problems) or ()
    )


def _stored(note: _Note) -> StoredNote:
    parsed = _load(note.parsed)
    if parsed is not None and note.entity_id is not None:
        parsed = _with_id(parsed, note.entity_id)
    return StoredNote(note.file, parsed, note.base_id)


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
        """The saved state, or None when there is none or it belongs to another onto, ontology
        or folder. A file that is there but cannot be read raises StateDamaged or sqlite3.Error."""
        if not path.is_file():
            return None
        state = cls(path, _connect(path))
        try:
            ours = (state.meta("format"), state.meta("fingerprint"), state.meta("root")) == (
                FORMAT,
                fingerprint,
                str(root.resolve()),
            )
        except BaseException:
            state.close()
            raise
        if not ours:
            state.close()
            return None
        return state

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            blob = zlib.decompress(row[0])  # its own checksum proves it whole
        except (zlib.error, TypeError) as error:
            raise StateDamaged(f"the stored {key} is damaged: {error}") from error
        return _load(blob)

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
        rows: Iterable[_Note]
        if files is None:
            rows = _notes(self.db)
        else:
            rows = (row for file in files for row in _notes(self.db, "WHERE file = ?", (file,)))
        return {n.file: _record(n) for n in rows}

    def problems(self, info: bool = True) -> list[Problem]:
        """Everything the imports that made this state reported, as a full import would report
        it; without the info-level ones when `info` is False (there can be 100,000s of them)."""
        severity = {s.value: s for s in Severity}
        query = "SELECT * FROM problems"
        if not info:
            query += " WHERE severity != 'info'"
        query += " ORDER BY file, line_order, code, message, seq"
        make = Problem._make  # a tuple made whole, without the keyword handling of Problem(...)
        found = []
        for row in self.db.execute(query):
            file, _, code, text, _, s, line = _opened(row)
            found.append(make((severity[s], file, line, code, text)))
        folder: list[Problem] = [
            p for p in self.meta("folder_problems") or [] if info or p.severity is not Severity.INFO
        ]
        return sorted([*folder, *found], key=_problem_order) if folder else found

    def refresh_problems(self) -> None:
        """Bring the problems table up to date with the notes changed in this transaction.

        All of a note's problems name its file, so those of the notes redone are replaced."""
        for file in sorted(self._redone):
            self.db.execute("DELETE FROM problems WHERE file = ?", (file,))
            note = self._note(file)
            blobs = (note.read_problems, note.group_problems, note.link_problems) if note else ()
            found = [problem for blob in blobs for problem in _load(blob) or ()]
            self.db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _problem_rows(found))

    def refresh_files(self, changed: dict[str, NoteRecord], deleted: Iterable[str]) -> None:
        files = dict(self.files())
        files.update((file, (record.size, record.mtime_ns)) for file, record in changed.items())
        for file in deleted:
            files.pop(file, None)
        self.set_meta("files", files)

    # --- lookups a re-import makes ------------------------------------------------------

    def _note(self, file: str) -> _Note | None:
        return next(_notes(self.db, "WHERE file = ?", (file,)), None)

    def stored(self, files: Iterable[str]) -> dict[str, StoredNote]:
        return {file: _stored(note) for file in files if (note := self._note(file)) is not None}

    def note_with_id(self, entity_id: str) -> StoredNote | None:
        note = next(_notes(self.db, "WHERE entity_id = ? LIMIT 1", (entity_id,)), None)
        return _stored(note) if note else None

    def files_where(self, column: str, value: str) -> list[str]:
        assert column in ("base_id", "name_group")  # the only two; never from input
        return [note.file for note in _notes(self.db, f"WHERE {column} = ?", (value,))]

    def users(self, kind: int, keys: Iterable[str]) -> set[str]:
        """The notes whose links look up one of these keys."""
        found: set[str] = set()
        for key in keys:
            rows = self.db.execute("SELECT * FROM uses WHERE kind = ? AND key = ?", (kind, key))
            found.update(_opened(row)[2] for row in rows)
        return found

    def stub_counts(self, stub_id: str) -> tuple[Counter[str], Counter[str]]:
        row = self.db.execute("SELECT * FROM stubs WHERE id = ?", (stub_id,)).fetchone()
        if row is None:
            return Counter(), Counter()
        _, names, types = _opened(row)
        return _load(names) or Counter(), _load(types) or Counter()

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
        self._put(_note_row(file, record, note))
        self._count(file, +1)
        if note is not None:
            self._add_names(file, note.entity)
            self._add_uses(file, note)

    def touch_note(self, file: str, size: int, mtime_ns: int) -> None:
        self._update(file, size=size, mtime_ns=mtime_ns)

    def change_id(self, file: str, old: Entity, new: Entity) -> None:
        self._remove_names(file, old)
        self._add_names(file, new)
        self._update(file, entity_id=new.id)

    def set_resolution(self, file: str, statements: int, dropped: int, problems: list[Problem]) -> None:
        self._redone.add(file)
        self._count(file, -1)
        self._update(file, statements=statements, dropped=dropped, link_problems=_dump(tuple(problems)))
        self._count(file, +1)

    def set_group_problems(self, file: str, problems: list[Problem]) -> None:
        self._redone.add(file)
        self._update(file, group_problems=_dump(tuple(problems)))

    def set_stub(self, stub_id: str, names: Counter[str], types: Counter[str]) -> None:
        if names:
            row = _sealed((stub_id, _dump(names), _dump(types)))
            self.db.execute("INSERT OR REPLACE INTO stubs VALUES (?, ?, ?, ?)", row)
        else:
            self.db.execute("DELETE FROM stubs WHERE id = ?", (stub_id,))

    def _put(self, note: _Note) -> None:
        self.db.execute(f"INSERT OR REPLACE INTO notes VALUES ({_NOTE_SLOTS})", _sealed(note))

    def _update(self, file: str, **values: Any) -> None:
        """Change some values of a note's row (and so its checksum); no row, no change."""
        note = self._note(file)
        if note is not None:
            self._put(note._replace(**values))

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
        note = self._note(file)
        if note is None:
            return
        totals = self._totals if self._totals is not None else self.meta("totals")
        values = (1, note.parsed is not None, note.failed, note.statements, note.dropped)
        for key, value in zip(_TOTALS, values, strict=True):
            totals[key] += sign * value
        self._totals = totals

    def _add_names(self, file: str, entity: Entity) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?, ?, ?)",
            [_sealed((key, file, priority, entity.id, entity.type)) for key, priority in name_keys(entity)],
        )
        key = entity_permalink_key(entity)
        if key:
            self.db.execute("INSERT OR REPLACE INTO permalinks VALUES (?, ?, ?, ?)", _sealed((key, file, entity.id)))

    def _remove_names(self, file: str, entity: Entity) -> None:
        self.db.executemany(
            "DELETE FROM names WHERE key = ? AND file = ? AND priority = ?",
            [(key, file, priority) for key, priority in name_keys(entity)],
        )
        key = entity_permalink_key(entity)
        if key:
            self.db.execute("DELETE FROM permalinks WHERE key = ? AND file = ?", (key, file))

    def _add_uses(self, file: str, note: ParsedNote) -> None:
        self.db.executemany("INSERT OR IGNORE INTO uses VALUES (?, ?, ?, ?)", map(_sealed, _uses(file, note)))

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
        rows = self.db.execute("SELECT * FROM names WHERE key = ?", (key,))
        return [_opened(row)[2:] for row in rows]

    def permalink(self, key: str) -> str | None:
        row = self.db.execute("SELECT * FROM permalinks WHERE key = ? ORDER BY file LIMIT 1", (key,)).fetchone()
        return _opened(row)[2] if row else None


class StateNotSaved(Exception):
    """The process saving an import's state failed; the graph is written, the next import is a full one."""


class StateBuild:
    """A new state for a whole garden, written while the database works (seconds of Python and
    hundreds of MB for a large garden); `finish` names the graph's token and puts it in place.

    Where it may (`forking.can_fork`), a forked process writes it: as a thread of the
    importing process it holds the interpreter's lock the writes need too, and slows them
    (bench/RESULTS.md, "behind the code"). Elsewhere, a thread."""

    def __init__(
        self, path: Path, records: dict[str, NoteRecord], resolved: ResolvedGarden, meta: dict[str, Any]
    ) -> None:
        self.path = path
        # One per import, even in one process; named by its process, so that the next import
        # can tell a killed one's leftover from a file still being written.
        self.temporary = path.with_name(f"{path.name}.{_HOST}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        self.error: str | None = None
        self._thread: threading.Thread | None = None
        self._process: BaseProcess | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_leftovers(path.parent)
        except OSError as error:  # the cache folder is unusable: finish() says so, the graph is still written
            self.error = _described(error)
            return
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
            if self.error is None:
                try:
                    state = GardenState(self.temporary, _connect(self.temporary))
                    try:
                        state.set_meta("token", token)
                    finally:
                        state.close()
                    os.replace(self.temporary, self.path)
                except (sqlite3.Error, OSError) as error:
                    self.error = _described(error)
            if self.error is not None:
                raise StateNotSaved(f"{self.path}: could not save the import's state: {self.error}")
        finally:
            self.abandon()

    def abandon(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()  # its work is thrown away anyway
        self._wait()
        with suppress(OSError):  # an unusable cache folder: the error that matters is reported already
            self.temporary.unlink(missing_ok=True)


_HOST = socket.gethostname().replace(".", "-")
_LEFTOVER = re.compile(r"\.sqlite\.(?P<host>[^.]+)\.(?P<pid>\d+)\.[0-9a-f]+\.tmp$")


def _remove_leftovers(folder: Path) -> None:
    """Remove the temporary states of imports on this machine that were killed (their process
    is gone). Another host's, in a shared cache, are left to it."""
    for path in folder.glob("*.tmp"):
        found = _LEFTOVER.search(path.name)
        if found is None or found["host"] != _HOST or _running(int(found["pid"])):
            continue
        with suppress(OSError):
            path.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


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
        note, links = by_file.get(file, (None, None))
        row = _note_row(file, record, note)._replace(group_problems=_dump(tuple(group_problems.get(file, ()))))
        if links:
            problems = _dump(tuple(links.problems))
            row = row._replace(statements=links.statements, dropped=links.dropped, link_problems=problems)
        rows.append(_sealed(row))
    db.executemany(f"INSERT INTO notes VALUES ({_NOTE_SLOTS})", rows)
    del rows
    db.executemany(
        "INSERT INTO names VALUES (?, ?, ?, ?, ?, ?)",
        (
            _sealed((key, note.entity.file, priority, note.entity.id, note.entity.type))
            for note in resolved.notes
            for key, priority in name_keys(note.entity)
        ),
    )
    db.executemany(
        "INSERT OR IGNORE INTO permalinks VALUES (?, ?, ?, ?)",
        (_sealed((key, n.entity.file, n.entity.id)) for n in resolved.notes if (key := entity_permalink_key(n.entity))),
    )
    uses = (_sealed(use) for note in resolved.notes for use in _uses(note.entity.file, note))
    db.executemany("INSERT INTO uses VALUES (?, ?, ?, ?)", uses)
    db.executemany(
        "INSERT INTO stubs VALUES (?, ?, ?, ?)",
        (_sealed((stub_id, _dump(names), _dump(types))) for stub_id, (names, types) in resolved.stubs.items()),
    )

    def problems_of(file: str, record: NoteRecord) -> list[Problem]:
        links = by_file.get(file, (None, None))[1]
        return [*record.problems, *group_problems.get(file, ()), *(links.problems if links else ())]

    db.executemany(
        "INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
