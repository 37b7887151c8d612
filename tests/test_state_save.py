"""Saving a whole garden's state beside the writes: in a forked process where onto may fork,
else in a thread; both save the same, and a failure in either is reported, not swallowed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import onto.state
from onto.garden import read_garden
from onto.ontology import Ontology
from onto.resolve import resolve_garden
from onto.state import GardenState, StateBuild, StateNotSaved
from test_notes import write

MODES = {"process": True, "thread": False}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "garden"
    write(root, "gene/a.md", "---\ntype: gene\ntitle: A\n---\nACTIVATES:: [[B]] - strongly\nINHIBITS:: [[Nobody]]\n")
    write(root, "gene/b.md", "---\ntype: gene\ntitle: B\n---\n### INHIBITS\n- → [[A]]\n```yaml\nsource: curated\n```\n")
    write(root, "stray.md", "no frontmatter, no entity\n")
    return root


def save(root: Path, ontology: Ontology, path: Path, token: str) -> None:
    read = read_garden(root, ontology)
    resolved = resolve_garden(read.parsed, ontology, relationships=False)
    meta = {"fingerprint": "f", "root": str(root.resolve()), "counts": {}, "folder_problems": []}
    StateBuild(path, read.records, resolved, meta).finish(token)


def dump(path: Path) -> dict[str, Any]:
    state = GardenState.open(path, "f", path.parent.parent / "garden")
    assert state is not None
    try:
        return {
            "token": state.token,
            "files": state.files(),
            "problems": state.problems(),
            "entities": {file: r.parsed.entity.id for file, r in state.records().items() if r.parsed},
        }
    finally:
        state.close()


@pytest.mark.parametrize("mode", MODES)
def test_the_state_is_saved_alike_in_a_process_and_in_a_thread(
    tmp_path: Path, root: Path, ontology: Ontology, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setattr(onto.state, "can_fork", lambda: MODES[mode])
    save(root, ontology, tmp_path / "saved" / "state.sqlite", "t1")
    saved = dump(tmp_path / "saved" / "state.sqlite")
    assert saved["token"] == "t1"
    assert set(saved["files"]) == {"gene/a.md", "gene/b.md", "stray.md"}
    assert saved["entities"] == {"gene/a.md": "gene:a", "gene/b.md": "gene:b"}
    assert any(p.code == "unresolved-link" and p.file == "gene/a.md" for p in saved["problems"])
    # The other way of saving gives the same state.
    monkeypatch.setattr(onto.state, "can_fork", lambda: not MODES[mode])
    save(root, ontology, tmp_path / "other" / "state.sqlite", "t1")
    assert dump(tmp_path / "other" / "state.sqlite") == saved


@pytest.mark.parametrize("mode", MODES)
def test_a_failed_save_is_reported_and_keeps_the_old_state(
    tmp_path: Path, root: Path, ontology: Ontology, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    path = tmp_path / "saved" / "state.sqlite"
    save(root, ontology, path, "old")
    monkeypatch.setattr(onto.state, "can_fork", lambda: MODES[mode])

    def broken(*_: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(onto.state, "_write_garden", broken)
    with pytest.raises(StateNotSaved, match="disk is full"):
        save(root, ontology, path, "new")
    assert dump(path)["token"] == "old"
    assert [p.name for p in path.parent.iterdir()] == ["state.sqlite"]  # no temporary file left


def test_the_fingerprint_is_the_same_in_every_process():
    # The saved state is reused only when the fingerprint matches: one that changed with the
    # interpreter's hash seed (a set in the ontology's repr) made every import a full one.
    script = "from onto import load_ontology; from onto.sync import fingerprint; print(fingerprint(load_ontology()))"
    prints = {
        subprocess.run(
            [sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }  # fmt: skip
    assert len(prints) == 1
