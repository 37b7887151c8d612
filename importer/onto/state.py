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
from dataclasses import dataclass, field
from pathlib import Path

from .model import ParsedNote
from .problems import Problem

FORMAT = 1  # bump when anything pickled here changes shape

RelationshipKey = tuple[str, str, str]  # (type, source id, target id)
RowStamp = bytes  # a digest of a whole written row: a row whose stamp changed is written again


@dataclass
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
    fingerprint: str  # onto version and ontology: a change of either invalidates all of it
    root: str
    token: str | None = None  # the graph's token when the rows below were written
    notes: dict[str, NoteRecord] = field(default_factory=dict)
    nodes: dict[str, RowStamp] = field(default_factory=dict)
    relationships: dict[RelationshipKey, RowStamp] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # the summary's figures, for a re-import with nothing to do
    problems: tuple[Problem, ...] = ()  # everything that import reported


def state_file(cache_dir: Path, database_id: str, garden: str) -> Path:
    """One file per database (its store id, new when a database is made again) and garden."""
    key = hashlib.sha1(f"{database_id}\0{garden}".encode()).hexdigest()[:20]
    return cache_dir / "gardens" / f"{key}.pickle"


def load_state(path: Path, fingerprint: str, root: Path) -> GardenState | None:
    """The saved state, or None when there is none or it belongs to another onto, ontology or folder."""
    try:
        with path.open("rb") as handle:
            # Our own file in the user's cache folder, written by save_state below.
            version, state = pickle.load(handle)  # noqa: S301
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if version != FORMAT or not isinstance(state, GardenState):
        return None
    if state.fingerprint != fingerprint or state.root != str(root.resolve()):
        return None
    return state


def save_state(path: Path, state: GardenState) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
        pickle.dump((FORMAT, state), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, path)
