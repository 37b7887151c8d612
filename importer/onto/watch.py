"""`onto watch`: keep the graph equal to the folder while notes are saved.

The folder is imported once, then watched (watchfiles: the operating system's file events,
polling only where there are none). A burst of saves is one sync: the incremental import,
which finds what changed by itself (sizes and times against the saved state), so a change
made while a sync runs, or while the server is away, is never lost: the next sync sees it.
Each sync prints one line; a note that fails is reported and the rest is synced. When the
server goes away, the sync is retried with a growing pause, one line each time, until it
answers again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import neo4j
import watchfiles

from .ontology import Ontology
from .pipeline import ImportSummary, import_garden
from .problems import Problem, Severity
from .state import StateNotSaved
from .write import Neo4jWriter

DEBOUNCE_MS = 1000  # the longest a burst of saves is gathered into one sync
STEP_MS = 100  # quiet this long after a save, and the burst is over
FIRST_WAIT_MS = 300  # the watch is on once it has waited this long for a first change
RETRY_S = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)  # pauses between tries while the server is away
UNREACHABLE = (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError)


class NoteFilter:
    """Markdown files of the garden, outside its hidden folders (`.obsidian/`, `.trash/`) and
    editors' hidden scratch files. Only the part of a path inside the garden counts: the garden
    itself may sit in a hidden folder, or be named `../notes`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, _: watchfiles.Change, path: str) -> bool:
        if not path.endswith(".md"):
            return False
        try:
            inside = Path(path).relative_to(self.root).parts
        except ValueError:
            return False
        return not any(part.startswith(".") for part in inside)


@dataclass(frozen=True)
class WatchOptions:
    garden: str | None
    strict: bool
    batch_size: int = 2000


class Watcher:
    """Syncs a garden into a database, once now and then after each burst of saves."""

    def __init__(
        self,
        root: Path,
        driver: neo4j.Driver,
        database: str | None,
        ontology: Ontology,
        options: WatchOptions,
        say: Callable[[str], None],
    ) -> None:
        self.root, self.driver, self.database = root.resolve(), driver, database
        self.ontology, self.options, self.say = ontology, options, say

    def sync(self, changed: set[str] | None = None) -> ImportSummary | None:
        """One import, retried while the server is away (stop with KeyboardInterrupt)."""
        for attempt in range(1_000_000):
            started = time.perf_counter()
            try:
                self.driver.verify_connectivity()  # a server that is away is told in seconds, not after retries
                writer = Neo4jWriter(self.driver, self.database, batch_size=self.options.batch_size)
                summary = import_garden(
                    self.root, writer, self.ontology, garden=self.options.garden, strict=self.options.strict,
                    info=False,
                )  # fmt: skip
            except UNREACHABLE as error:
                pause = RETRY_S[min(attempt, len(RETRY_S) - 1)]
                reason = " ".join(str(error).split())[:160]
                self.say(f"{_now()}  Neo4j does not answer ({reason}); trying again in {pause:g} s")
                time.sleep(pause)
                continue
            except StateNotSaved as error:  # the graph is written; the next sync is a full one
                self.say(f"{_now()}  synced, but {error}; the next sync reads the whole garden")
                return None
            self.say(_line(summary, time.perf_counter() - started))
            for problem in _errors_in(summary, changed):
                self.say(f"          {problem}")
            return summary
        raise AssertionError("unreachable")

    def run(self, stop: threading.Event | None = None) -> None:
        """Sync once the folder is watched, then after each burst of saves, until `stop` is set or
        Ctrl-C. The first sync waits for the watch to begin: a note saved before it would be seen
        by neither."""
        logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its own line on Ctrl-C: the command says "stopped"
        first = True
        for changes in watchfiles.watch(
            self.root, watch_filter=NoteFilter(self.root), debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop,
            raise_interrupt=False, rust_timeout=FIRST_WAIT_MS, yield_on_timeout=True,
        ):  # fmt: skip
            if first:
                self.sync()
                first = False
            elif changes:
                self.sync({Path(path).relative_to(self.root).as_posix() for _, path in changes})


def _now() -> str:
    return time.strftime("%H:%M:%S")


def _line(summary: ImportSummary, seconds: float) -> str:
    changes = summary.changes
    if changes is None or changes.mode == "unchanged":
        return f"{_now()}  nothing changed ({seconds:.2f} s)"
    nodes = f"{changes.nodes_created}/{changes.nodes_updated}/{changes.nodes_deleted}"
    rels = f"{changes.relationships_created}/{changes.relationships_updated}/{changes.relationships_deleted}"
    failed = f"; {summary.failed} note{'s' if summary.failed != 1 else ''} failed" if summary.failed else ""
    return (
        f"{_now()}  synced {summary.entities} entities, {summary.relationships} relationships: "
        f"{changes.notes_parsed} note{'s' if changes.notes_parsed != 1 else ''} parsed; "
        f"nodes {nodes}, relationships {rels} created/updated/deleted"
        f"{failed} ({seconds:.2f} s)"
    )


def _errors_in(summary: ImportSummary, changed: set[str] | None) -> list[Problem]:
    """The errors of the notes just saved (all of them on the first sync)."""
    errors = [p for p in summary.problems if p.severity is Severity.ERROR]
    return errors if changed is None else [p for p in errors if p.file in changed]
