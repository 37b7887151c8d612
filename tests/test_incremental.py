"""A re-import resolves only what an edit can have changed: its rows, counts and problems must be
exactly what resolving the whole edited garden gives. Random edits of a small, tangled garden
(shared names, duplicate slugs, aliases, permalinks, stubs, inverse and symmetric types, YAML
edge properties) are applied one by one; after each, the rows the incremental path says to
write and delete, applied to the previous rows, must equal the rows of a full resolve.
No database is needed: this is the planning that decides what the database receives.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest

from onto.garden import read_changes, read_garden
from onto.incremental import plan_update
from onto.ontology import Ontology
from onto.problems import Report, Severity
from onto.read import discover
from onto.resolve import resolve_garden, resolve_into
from onto.state import GardenState, StateBuild
from onto.sync import Changes, Rows, garden_rows

NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
GHOSTS = ["Ghost One", "Ghost Two", "ghost_one"]  # no note has these names, until an edit gives one
TYPES = ["gene", "drug", "condition", "pathway"]
FIELDS = ["ACTIVATES", "ACTIVATED_BY", "INHIBITS", "INTERACTS_WITH", "TREATS", "MADE_UP_TYPE", "RELATED_TO"]
FOLDERS = ["a", "b"]


class Garden:
    """A folder of notes written from a seeded random source, with mtimes the test controls."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.clock = 1_700_000_000_000_000_000

    def files(self) -> list[Path]:
        return sorted(self.root.rglob("*.md"))

    def write(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.touch(path)

    def touch(self, path: Path) -> None:
        self.clock += 1_000_000_000  # filesystems round mtimes; a test must not depend on it
        os.utime(path, ns=(self.clock, self.clock))

    def link(self) -> str:
        rng = self.rng
        name = rng.choice(NAMES + GHOSTS)
        if rng.random() < 0.2:  # as published: a permalink, maybe of no note
            slug = name.lower().replace(" ", "-")
            return f'<a href="/garden/{rng.choice(FOLDERS)}/{slug}/" class="internal-link">{name}</a>'
        return f"[[{name}]]"

    def note(self) -> str:
        rng = self.rng
        title = rng.choice(NAMES + GHOSTS[:1])
        lines = ["---", f"type: {rng.choice(TYPES)}", f"title: {title}"]
        if rng.random() < 0.3:
            lines.append(f"aliases: [{rng.choice(NAMES + GHOSTS)}]")
        if rng.random() < 0.2:
            lines.append(f"slug: {rng.choice(NAMES).lower()}")
        if rng.random() < 0.3:
            lines.append(f"permalink: /garden/{rng.choice(FOLDERS)}/{title.lower().replace(' ', '-')}/")
        lines += ["---", "", f"# {title}", ""]
        for _ in range(rng.randint(0, 6)):
            targets = ", ".join(self.link() for _ in range(rng.randint(1, 2)))
            lines.append(f"{rng.choice(FIELDS)}:: {targets} - note {rng.randint(1, 3)}")
        if rng.random() < 0.4:
            lines += ["", "### Inhibited By", f"- ← {self.link()} ({rng.choice(TYPES)})", "```yaml"]
            lines += [f"evidence_level: {rng.randint(1, 3)}", f"last_modified: 2024-01-0{rng.randint(1, 9)}", "```"]
        return "\n".join(lines) + "\n"

    def new_path(self) -> Path:
        stem = self.rng.choice(NAMES + GHOSTS).lower().replace(" ", "-")
        return self.root / self.rng.choice(FOLDERS) / f"{stem}{self.rng.choice(['', '', '-2'])}.md"

    def edit(self) -> str:
        """One random edit; returns what it did, for the failure message."""
        rng = self.rng
        files = self.files()
        action = rng.choice(
            ["rewrite", "rewrite", "add", "add", "delete", "move", "touch", "untype", "break", "retitle"]
        )
        if not files or action == "add":
            path = self.new_path()
            self.write(path, self.note())
            return f"add {path.name}"
        path = rng.choice(files)
        if action == "rewrite":
            self.write(path, self.note())
        elif action == "delete":
            path.unlink()
        elif action == "move":
            text = path.read_text(encoding="utf-8")
            path.unlink()
            self.write(self.new_path(), text)
        elif action == "touch":
            self.touch(path)
        elif action == "untype":
            self.write(path, "# A page with no type\n\nACTIVATES:: [[Alpha]]\n")
        elif action == "break":
            self.write(path, "---\ntype: [unclosed\n---\nbody\n")
        else:
            text = path.read_text(encoding="utf-8")
            self.write(path, text.replace("title: ", f"title: {rng.choice(NAMES + GHOSTS)} ", 1))
        return f"{action} {path.relative_to(self.root)}"


def full(root: Path, ontology: Ontology) -> tuple[Rows, dict[str, int], list[str], Any, Any]:
    read = read_garden(root, ontology)
    resolved = resolve_garden(read.parsed, ontology)
    graph = resolve_into(resolved, read.report)
    counts = {
        "notes": read.notes,
        "entities": len(read.parsed),
        "skipped": read.skipped,
        "failed": read.failed,
        "statements": graph.statements,
        "statements_written": graph.statements_written,
        "statements_dropped": graph.statements_dropped,
        "relationships": len(graph.relationships),
        "stubs": graph.stubs,
    }
    problems = [str(p) for p in read.report.sorted()]
    return garden_rows(graph, "g", ontology), counts, problems, read, resolved


def apply(rows: Rows, changes: Changes) -> None:
    for row in changes.node_rows:
        rows.nodes[row["id"]] = row
    for node_id in changes.node_deletes:
        del rows.nodes[node_id]
    for row in changes.relationship_rows:
        rows.relationships[(row["type"], row["source"], row["target"])] = row
    for key in changes.relationship_deletes:
        del rows.relationships[key]


@pytest.mark.parametrize("seed", range(6))
def test_incremental_rows_equal_a_full_resolve(tmp_path: Path, ontology: Ontology, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path / "garden"
    garden = Garden(root, rng)
    for _ in range(14):
        garden.write(garden.new_path(), garden.note())

    rows, counts, _, read, resolved = full(root, ontology)
    state_path = tmp_path / "state.sqlite"
    meta = {"fingerprint": "f", "root": str(root.resolve()), "counts": counts, "folder_problems": []}
    StateBuild(state_path, read.records, resolved, meta).finish("token")

    for step in range(25):
        done = [garden.edit() for _ in range(rng.randint(1, 3))]
        state = GardenState.open(state_path, "f", root)
        assert state is not None
        report = Report()
        found = discover(root, report)
        changed = read_changes(ontology, found, report.problems, state.files(), state.records)
        state.begin()
        update = plan_update(state, changed, ontology, "g")
        state.commit()
        problems, notable = state.problems(), state.problems(info=False)
        state.close()
        apply(rows, update.changes)

        expected_rows, expected_counts, expected_problems, _, _ = full(root, ontology)
        where = f"seed {seed}, step {step}: {done}"
        assert rows.nodes == expected_rows.nodes, where
        assert rows.relationships == expected_rows.relationships, where
        assert update.counts == expected_counts, where
        assert [str(p) for p in problems] == expected_problems, where
        assert notable == [p for p in problems if p.severity is not Severity.INFO], where


def test_an_edit_resolves_only_the_notes_it_can_change(tmp_path: Path, ontology: Ontology) -> None:
    """Editing a note's text without touching its names re-resolves that note alone."""
    root = tmp_path / "garden"
    rng = random.Random(7)
    garden = Garden(root, rng)
    for index in range(40):
        garden.write(root / "a" / f"note-{index}.md", garden.note())
    _, counts, _, read, resolved = full(root, ontology)
    state_path = tmp_path / "state.sqlite"
    meta = {"fingerprint": "f", "root": str(root.resolve()), "counts": counts, "folder_problems": []}
    StateBuild(state_path, read.records, resolved, meta).finish("token")

    path = root / "a" / "note-3.md"
    garden.write(path, path.read_text(encoding="utf-8") + "\nINHIBITS:: [[Ghost Two]] - added\n")
    state = GardenState.open(state_path, "f", root)
    assert state is not None
    report = Report()
    changed = read_changes(ontology, discover(root, report), [], state.files(), state.records)
    assert list(changed.changed) == ["a/note-3.md"]
    state.begin()
    update = plan_update(state, changed, ontology, "g")
    state.rollback()
    assert update.changes.notes_parsed == 1
    written = update.changes.relationship_rows
    assert [r["type"] for r in written if "added" in r["properties"].get("annotation", "")] == ["INHIBITS"]
