"""`onto watch` against a real Neo4j: notes created, edited, renamed, deleted and broken while it
runs; after each change the graph is what a clean import of the folder gives."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest

from conftest import EXAMPLE_GARDEN, connection_env, java_server_config, wipe
from graph_snapshot import snapshot
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.server import java
from onto.settings import ConnectionSettings
from test_notes import write

pytestmark = pytest.mark.neo4j
ONTO = Path(sys.executable).parent / "onto"
GARDEN = "watched"


def _as_in_a_terminal() -> None:
    """Ctrl-C reaches a command run in a terminal; where these tests run in the background of
    a script, SIGINT is ignored, and the command would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watching:
    """`onto watch` in a process of its own, its output gathered line by line."""

    def __init__(self, root: Path | str, env: dict[str, str], cwd: Path | None = None) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [ONTO, "watch", str(root), "--garden", GARDEN], cwd=cwd,
            env={**os.environ, **env, "COLUMNS": "400"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=_as_in_a_terminal,
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, after: int = 0, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines[after:]):
            assert time.monotonic() < deadline, f"no {text!r} in:\n" + "\n".join(self.lines)
            assert self.process.poll() is None, "onto watch ended:\n" + "\n".join(self.lines)
            time.sleep(0.1)

    def stop(self, how: signal.Signals = signal.SIGINT) -> int:
        self.process.send_signal(how)
        return self.process.wait(timeout=30)


def edit(root: Path) -> None:
    note = root / "hormone" / "insulin.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nACTIVATES:: [[Watched Target]] - added while watched\n")


def add(root: Path) -> None:
    write(root, "gene/brand-new.md", "---\ntype: gene\ntitle: Brand New\n---\nINHIBITS:: [[IGF-1]]\n")


def rename(root: Path) -> None:
    (root / "gene" / "brand-new.md").rename(root / "gene" / "renamed.md")


def delete(root: Path) -> None:
    (root / "gene" / "renamed.md").unlink()


def broken(root: Path) -> None:  # a note that fails: reported, the rest synced
    write(root, "gene/broken.md", "---\ntype: [gene\n---\n")
    edit_again = root / "hormone" / "igf-1.md"
    edit_again.write_text(edit_again.read_text(encoding="utf-8") + "\nINHIBITS:: [[Another Target]]\n")


STEPS: list[Callable[[Path], None]] = [edit, add, rename, delete, broken]


def clean_graphs(driver: neo4j.Driver, tmp_path: Path, ontology: Ontology) -> list[dict[str, Any]]:
    """The graph a clean import gives after each step, applied in turn to a copy of the garden."""
    copy = tmp_path / "expected" / GARDEN
    shutil.copytree(EXAMPLE_GARDEN, copy)
    graphs = []
    for step in STEPS:
        step(copy)
        wipe(driver)
        import_garden(copy, Neo4jWriter(driver), ontology, garden=GARDEN, state_dir=tmp_path / f"cache-{len(graphs)}")
        graphs.append(snapshot(driver))
    wipe(driver)
    return graphs


def wait_until_equal(driver: neo4j.Driver, expected: dict[str, Any], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while snapshot(driver) != expected:
        assert time.monotonic() < deadline, "the graph did not follow the folder"
        time.sleep(0.2)


def test_the_graph_follows_the_folder_while_notes_are_saved(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, ontology: Ontology, tmp_path: Path
) -> None:
    expected = clean_graphs(empty_db, tmp_path, ontology)
    root = tmp_path / GARDEN
    shutil.copytree(EXAMPLE_GARDEN, root)
    watching = Watching(root, {**connection_env(neo4j_settings), "ONTO_CACHE": str(tmp_path / "cache")})
    try:
        watching.wait_for("synced")
        for step, graph in zip(STEPS, expected, strict=True):
            seen = len(watching.lines)
            step(root)
            watching.wait_for("synced", after=seen)
            wait_until_equal(empty_db, graph)
        # The broken note, with file and line (where YAML finds the list unclosed).
        watching.wait_for("gene/broken.md:3: error", after=seen)
    finally:
        code = watching.stop()
    assert code == 0 and watching.lines[-1] == "stopped"
    assert not any("Traceback" in line for line in watching.lines)


def test_watch_survives_the_server_going_away_and_coming_back(
    ontology: Ontology, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    config = java_server_config(tmp_path_factory.mktemp("away-home"), secrets.token_urlsafe(12))
    java.start(config, timeout=300)
    root = tmp_path / GARDEN
    shutil.copytree(EXAMPLE_GARDEN, root)
    env = {"NEO4J_URI": f"neo4j://localhost:{config.bolt_port}", "NEO4J_PASSWORD": config.password}
    watching = Watching(root, {**env, "ONTO_CACHE": str(tmp_path / "cache")})
    try:
        watching.wait_for("synced")
        java.stop(config)
        seen = len(watching.lines)
        edit(root)
        watching.wait_for("Neo4j does not answer", after=seen)
        java.start(config, timeout=300)
        watching.wait_for("synced", after=seen, timeout=120)
        with neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=("neo4j", config.password)) as driver:
            query = "MATCH (:Entity {id: 'hormone:insulin'})-[:ACTIVATES]->(:Entity {id: $target}) RETURN count(*) AS n"
            records = driver.execute_query(query, target="stub:watchedtarget").records
        assert records[0]["n"] == 1  # the edit made while the server was away
    finally:
        code = watching.stop()
        java.stop(config)
    assert code == 0 and watching.lines[-1] == "stopped"
    assert not any("Traceback" in line for line in watching.lines)


def test_watch_a_garden_named_by_a_relative_path_and_stop_it_with_sigterm(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, tmp_path: Path
) -> None:
    """`onto watch ../notes` (a path through `..`, which is no hidden folder) sees the garden's
    saves, not those in its `.obsidian/` folder; SIGTERM ends it as Ctrl-C does."""
    root = tmp_path / GARDEN
    shutil.copytree(EXAMPLE_GARDEN, root)
    (tmp_path / "elsewhere").mkdir()
    env = {**connection_env(neo4j_settings), "ONTO_CACHE": str(tmp_path / "cache")}
    watching = Watching(f"../{GARDEN}", env, cwd=tmp_path / "elsewhere")
    try:
        watching.wait_for("synced")
        seen = len(watching.lines)
        write(root, ".obsidian/snippets.md", "---\ntype: gene\ntitle: Not A Note\n---\n")
        time.sleep(2)  # over a second: a sync would have begun
        assert len(watching.lines) == seen, watching.lines[seen:]
        edit(root)
        watching.wait_for("synced", after=seen)
        query = "MATCH (:Entity {id: 'hormone:insulin'})-[:ACTIVATES]->(:Entity {id: $target}) RETURN count(*) AS n"
        assert empty_db.execute_query(query, target="stub:watchedtarget").records[0]["n"] == 1
    finally:
        code = watching.stop(signal.SIGTERM)
    assert code == 0 and watching.lines[-1] == "stopped"
