"""Faults in onto's own cache: whatever happens to the saved state, the graph is written whole.

Each test breaks the cache one way (a file where the folder should be, a full disk, a damaged
state file, a killed import's leftovers), then checks that `onto import` ends with the graph
a clean import of the folder gives (compared by content) and with its documented exit code
and one line.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE_GARDEN, connection_env, wipe
from graph_snapshot import snapshot
from onto.cli import EXIT_STATE_NOT_SAVED, app
from onto.settings import ConnectionSettings

pytestmark = pytest.mark.neo4j
runner = CliRunner()
ONTO = Path(sys.executable).parent / "onto"


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    root = tmp_path / "garden"
    shutil.copytree(EXAMPLE_GARDEN, root)
    return root


def onto_import(settings: ConnectionSettings, root: Path, cache: Path, *args: str) -> Any:
    env = {**connection_env(settings), "ONTO_CACHE": str(cache)}
    return runner.invoke(app, ["import", str(root), "--garden", "faults", *args], env=env)


def clean_graph(
    driver: neo4j.Driver, settings: ConnectionSettings, root: Path, tmp_path: Path, change: Callable[[Path], None]
) -> dict[str, Any]:
    """The graph a clean import (fresh cache, empty database) makes of a copy of `root` changed
    by `change`; leaves the database empty."""
    copy = tmp_path / "expected" / root.name  # the same garden name, so the same sources
    shutil.copytree(root, copy)
    change(copy)
    wipe(driver)
    result = onto_import(settings, copy, tmp_path / "clean-cache")
    assert result.exit_code == 0, result.output
    graph = snapshot(driver)
    wipe(driver)
    return graph


def unchanged(_: Path) -> None:
    pass


def edit(root: Path) -> None:
    """Rename a note and link it to a note nobody wrote: names, users of names and stubs change."""
    note = root / "hormone" / "growth-hormone.md"
    text = note.read_text(encoding="utf-8").replace("title: Growth Hormone", "title: Somatotropin (GH)", 1)
    assert "Somatotropin" in text
    note.write_text(text + "\nACTIVATES:: [[Nowhere Receptor]] - an edit for the fault tests\n", encoding="utf-8")


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), stderr
    return lines[0]


# --- an unusable cache folder ---------------------------------------------------------------


def cache_is_a_file(cache: Path) -> None:
    cache.write_text("not a folder\n")


def state_is_a_folder(cache: Path) -> None:
    for state in (cache / "gardens").glob("*.sqlite"):
        state.unlink()
        state.mkdir()


@pytest.mark.parametrize(("break_cache", "edited"), [(cache_is_a_file, False), (state_is_a_folder, True)])
def test_an_unusable_cache_writes_the_whole_graph_and_exits_4(
    empty_db: neo4j.Driver,
    neo4j_settings: ConnectionSettings,
    garden: Path,
    tmp_path: Path,
    break_cache: Callable[[Path], None],
    edited: bool,
) -> None:
    cache = tmp_path / "cache"
    expected = clean_graph(empty_db, neo4j_settings, garden, tmp_path, edit if edited else unchanged)
    if edited:  # a state saved by an earlier import, then the edit that the next one must write
        assert onto_import(neo4j_settings, garden, cache).exit_code == 0
        edit(garden)
    break_cache(cache)
    for _ in range(2):  # and again: the next import is not stuck either
        result = onto_import(neo4j_settings, garden, cache)
        assert result.exit_code == EXIT_STATE_NOT_SAVED, result.output
        assert "The graph is written" in one_error_line(result.stderr)
        assert snapshot(empty_db) == expected


def test_a_full_disk_during_a_re_import_still_writes_the_edit(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, garden: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    expected = clean_graph(empty_db, neo4j_settings, garden, tmp_path, edit)
    assert onto_import(neo4j_settings, garden, cache).exit_code == 0
    edit(garden)

    def no_room() -> None:  # every write to a file fails as on a full disk (EFBIG), in this process only
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    env = {**os.environ, **connection_env(neo4j_settings), "ONTO_CACHE": str(cache)}
    full = subprocess.run(
        [ONTO, "import", str(garden), "--garden", "faults"],
        env=env, capture_output=True, text=True, preexec_fn=no_room, timeout=300, check=False,
    )  # fmt: skip
    assert full.returncode == EXIT_STATE_NOT_SAVED, full.stdout + full.stderr
    assert "could not save the import's state" in one_error_line(full.stderr)
    assert snapshot(empty_db) == expected
    again = onto_import(neo4j_settings, garden, cache, "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["changes"]["mode"] == "full"
    assert snapshot(empty_db) == expected


# --- a damaged state file -------------------------------------------------------------------


def state_path(cache: Path) -> Path:
    (path,) = (cache / "gardens").glob("*.sqlite")
    return path


def flip(value: Any) -> Any:
    """The value with one bit changed, as a disk or a stray write might change it."""
    if isinstance(value, bytes):
        middle = len(value) // 2
        return value[:middle] + bytes([value[middle] ^ 0x04]) + value[middle + 1 :]
    if isinstance(value, str):
        return chr(ord(value[0]) ^ 0x04) + value[1:]
    return value ^ 0x04


# (table, column): every row of it gets one bit flipped, SQLite none the wiser. The keys that
# rows are looked up by are not here: a flipped key hides its row rather than changing it,
# which no checksum of the row can show (only a check of the whole file, PRAGMA integrity_check).
DAMAGE = [
    ("notes", "parsed"),
    ("notes", "entity_id"),
    ("notes", "mtime_ns"),
    ("names", "entity_id"),
    ("names", "type"),
    ("uses", "file"),
    ("stubs", "names"),
    ("problems", "message"),
    ("meta", "value"),
]


def damage_rows(path: Path, table: str, column: str) -> None:
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        at = columns.index(column)
        rows = db.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608 - the tests' own names
        assert any(row[at] is not None for row in rows), f"{table}.{column} holds nothing to damage"
        db.execute(f"DELETE FROM {table}")  # noqa: S608
        damaged = [(*row[:at], flip(row[at]) if row[at] is not None else None, *row[at + 1 :]) for row in rows]
        slots = ", ".join("?" * len(columns))
        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({slots})", damaged)  # noqa: S608


def import_after_damage(
    driver: neo4j.Driver,
    settings: ConnectionSettings,
    garden: Path,
    tmp_path: Path,
    then: str,
    damage: Callable[[], None],
) -> Any:
    """Import, damage the saved state, then edit a note or wipe the graph, and import again:
    the graph must be the one a clean import of the folder gives. Returns the second import's result."""
    cache = tmp_path / "cache"
    expected = clean_graph(driver, settings, garden, tmp_path, edit if then == "edit" else unchanged)
    assert onto_import(settings, garden, cache).exit_code == 0
    damage()
    if then == "edit":
        edit(garden)
    else:
        wipe(driver)
    result = onto_import(settings, garden, cache, "--json")
    assert result.exit_code == 0, result.output
    assert snapshot(driver) == expected
    return result


@pytest.mark.parametrize(("table", "column"), DAMAGE, ids=[f"{t}.{c}" for t, c in DAMAGE])
@pytest.mark.parametrize("then", ["edit", "wipe"])
def test_a_damaged_state_is_noticed_and_replaced_by_a_full_import(
    empty_db: neo4j.Driver,
    neo4j_settings: ConnectionSettings,
    garden: Path,
    tmp_path: Path,
    table: str,
    column: str,
    then: str,
) -> None:
    cache = tmp_path / "cache"
    result = import_after_damage(
        empty_db, neo4j_settings, garden, tmp_path, then, lambda: damage_rows(state_path(cache), table, column)
    )
    summary = json.loads(result.stdout)
    unusable = [w for w in summary["warnings"] if w["code"] == "state-unusable"]
    assert len(unusable) <= 1
    if then == "edit" or table == "notes":  # what the import had to read of the state
        assert unusable and unusable[0]["file"] == str(state_path(cache)), summary["warnings"]
        assert summary["changes"]["mode"] == "full"
    # The damaged state is replaced: the next import trusts the new one and finds nothing to do.
    again = onto_import(neo4j_settings, garden, cache, "--json")
    assert json.loads(again.stdout)["changes"]["mode"] == "unchanged"


@pytest.mark.parametrize("then", ["edit", "wipe"])
def test_a_state_file_with_damaged_pages_is_replaced_by_a_full_import(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, garden: Path, tmp_path: Path, then: str
) -> None:
    cache = tmp_path / "cache"

    def overwrite_pages() -> None:
        path = state_path(cache)
        data = bytearray(path.read_bytes())
        page = 4096
        for start in range(page, len(data), 3 * page):  # every third page but the header's, overwritten
            data[start : start + page] = bytes((start // page + i) % 251 for i in range(page))
        path.write_bytes(bytes(data))

    result = import_after_damage(empty_db, neo4j_settings, garden, tmp_path, then, overwrite_pages)
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert codes.count("state-unusable") == 1


def test_a_killed_imports_temporary_state_is_removed_by_the_next(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, garden: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    assert onto_import(neo4j_settings, garden, cache).exit_code == 0
    path = state_path(cache)
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host = socket.gethostname().replace(".", "-")
    killed = path.with_name(f"{path.name}.{host}.{int(ended.stdout)}.{'a' * 32}.tmp")
    running = path.with_name(f"{path.name}.{host}.{os.getpid()}.{'b' * 32}.tmp")
    elsewhere = path.with_name(f"{path.name}.another-host.{int(ended.stdout)}.{'c' * 32}.tmp")
    for leftover in (killed, running, elsewhere):
        leftover.write_bytes(b"half a state")
    wipe(empty_db)  # the next import is a full one, which saves a new state
    assert onto_import(neo4j_settings, garden, cache).exit_code == 0
    assert not killed.exists()
    assert running.exists() and elsewhere.exists()  # still being written, or not this machine's to judge
