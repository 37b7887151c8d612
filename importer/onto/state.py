"""What the last import of a garden read and wrote, kept on disk so a re-import does only the difference.

One file per (database, garden) under the cache folder holds, for every note, its
size, mtime and content hash with what parsing it gave, and a stamp of every node and
relationship row written. The graph holds a token of the import that wrote it (see
`write.Neo4jWriter.token`); the file is trusted only while its token matches the graph's,
so a wiped database, an import from another machine or an import that died half-way makes
the next import a full one, never a wrong one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import ParsedNote
from .problems import Problem

FORMAT = 2  # bump when anything pickled here changes shape

RelationshipKey = tuple[str, str, str]  # (type, source id, target id)
RowStamp = bytes  # a digest of a whole written row: a row whose stamp changed is written again


@dataclass(slots=True)
class NoteRecord:
    """One file as the last import read it."""

    size: int
    mtime_ns: int
    digest: bytes  # of the file's bytes: a touched but unchanged note is not parsed again
    parsed: ParsedNote | None  # None: skipped (no type) or failed
    failed: bool
    problems: tuple[Problem, ...]  # what reading and parsing it reported


@dataclass
class GardenState:
    """The small part, read on every import: enough to see that nothing changed."""

    fingerprint: str  # onto code and ontology: a change of either invalidates all of it
    root: str
    token: str | None  # the graph's token when the rows were written
    files: dict[str, tuple[int, int]]  # path -> (size, mtime_ns)
    counts: dict[str, int]  # the summary's figures, for a re-import with nothing to do
    problems: tuple[Problem, ...]  # everything that import reported
    content_key: str  # names the GardenContent saved with it


@dataclass
class GardenContent:
    """The large part, read only when something changed: parsed notes and row stamps."""

    key: str
    notes: dict[str, NoteRecord] = field(default_factory=dict)
    nodes: dict[str, RowStamp] = field(default_factory=dict)
    relationships: dict[RelationshipKey, RowStamp] = field(default_factory=dict)


def state_file(cache_dir: Path, database_id: str, garden: str) -> Path:
    """One file per database (its store id, new when a database is made again) and garden."""
    key = hashlib.sha1(f"{database_id}\0{garden}".encode()).hexdigest()[:20]
    return cache_dir / "gardens" / f"{key}.pickle"


def _content_file(path: Path) -> Path:
    return path.with_suffix(".content.pickle")


def _load(path: Path) -> object:
    try:
        with path.open("rb") as handle:
            # Our own files in the user's cache folder, written by _save below.
            version, value = pickle.load(handle)  # noqa: S301
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return value if version == FORMAT else None


def _save(path: Path, value: object) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
        pickle.dump((FORMAT, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, path)


def load_state(path: Path, fingerprint: str, root: Path) -> GardenState | None:
    """The saved state, or None when there is none or it belongs to another onto, ontology or folder."""
    state = _load(path)
    if not isinstance(state, GardenState):
        return None
    if state.fingerprint != fingerprint or state.root != str(root.resolve()):
        return None
    return state


def _in_pieces(items: dict[Any, Any], size: int) -> Iterator[list[tuple[Any, Any]]]:
    pairs = list(items.items())
    for start in range(0, len(pairs), size):
        yield pairs[start : start + size]


def save_content(path: Path, content: GardenContent) -> None:
    """Save the large part, in pieces: one pickle of it all keeps a memo entry for each of its
    millions of objects until the end (hundreds of megabytes at 100,000 notes)."""
    target = _content_file(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    pieces = [
        *(("note", piece) for piece in _in_pieces(content.notes, 1000)),
        *(("node", piece) for piece in _in_pieces(content.nodes, 50_000)),
        *(("relationship", piece) for piece in _in_pieces(content.relationships, 50_000)),
    ]
    with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False, suffix=".tmp") as handle:
        pickle.dump((FORMAT, content.key, len(pieces)), handle, protocol=pickle.HIGHEST_PROTOCOL)
        for piece in pieces:  # one pickle each, one after the other in the file
            pickle.dump(piece, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, target)


def load_content(path: Path, state: GardenState) -> GardenContent | None:
    content = GardenContent(state.content_key)
    parts: dict[str, dict[Any, Any]] = {
        "note": content.notes,
        "node": content.nodes,
        "relationship": content.relationships,
    }
    try:
        with _content_file(path).open("rb") as handle:
            # Our own file, written by save_content.
            version, key, count = pickle.load(handle)  # noqa: S301
            if version != FORMAT or key != state.content_key:
                return None  # written by an import that did not finish: it belongs to no saved state
            for _ in range(count):
                kind, pairs = pickle.load(handle)  # noqa: S301
                parts[kind].update(pairs)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError, KeyError):
        return None
    return content


def save_state(path: Path, state: GardenState) -> None:
    _save(path, state)
