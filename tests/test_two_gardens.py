"""Several gardens in one database: the graph does not depend on the order of their imports,
and a node or fact two gardens describe keeps each one's say (shared.py holds the rule)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import neo4j
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE_GARDEN, ask, connection_env, wipe
from graph_snapshot import snapshot
from onto.cli import app
from onto.settings import ConnectionSettings
from test_notes import write

pytestmark = pytest.mark.neo4j
runner = CliRunner()

# "evil" says other things of the example garden's IGF-1 and mTOR pathway (same type and
# slug, so the same nodes), and states one of its facts again: IGF-1 ACTIVATES mTOR Pathway.
EVIL = {
    "hormone/igf-1.md": (
        "---\ntype: hormone\nslug: igf-1\ntitle: PWNED IGF\ndescription: not what the literature says\n"
        "aliases: [Pwned]\n---\nACTIVATES:: [[mTOR Pathway]] - evil says so\n"
        "INCREASES:: [[Muscle Protein Synthesis]]\n"
    ),
    "pathway/mtor-pathway.md": "---\ntype: pathway\ntitle: mTOR Pathway (evil)\nslug: mtor-pathway\n---\n",
}
# A third garden that states the same fact once more, with a YAML property the others lack.
THIRD = {
    "hormone/igf-1.md": (
        "---\ntype: hormone\nslug: igf-1\ntitle: IGF-1 (third)\n---\n### ACTIVATES\n- → [[mTOR Pathway]]\n"
        "```yaml\nstrength: strong\n```\n"
    ),
    "pathway/mtor-pathway.md": "---\ntype: pathway\ntitle: mTOR\nslug: mtor-pathway\n---\n",
}


def make(root: Path, notes: dict[str, str]) -> Path:
    for file, text in notes.items():
        write(root, file, text)
    return root


@pytest.fixture
def gardens(tmp_path: Path) -> dict[str, Path]:
    import shutil

    alpha = tmp_path / "alpha"
    shutil.copytree(EXAMPLE_GARDEN, alpha)
    return {"alpha": alpha, "evil": make(tmp_path / "evil", EVIL), "third": make(tmp_path / "third", THIRD)}


def onto_import(settings: ConnectionSettings, root: Path, cache: Path) -> dict[str, Any]:
    env = {**connection_env(settings), "ONTO_CACHE": str(cache)}
    result = runner.invoke(app, ["import", str(root), "--garden", root.name, "--json"], env=env)
    assert result.exit_code in (0, 1), result.output
    return dict(json.loads(result.stdout))


def imported(driver: neo4j.Driver, settings: ConnectionSettings, roots: list[Path], cache: Path) -> dict[str, Any]:
    wipe(driver)
    for root in roots:
        onto_import(settings, root, cache)
    return snapshot(driver)


def node(driver: neo4j.Driver, node_id: str) -> dict[str, Any]:
    records = driver.execute_query("MATCH (n:Entity {id: $id}) RETURN properties(n) AS p", id=node_id).records
    return dict(records[0]["p"])


def fact(driver: neo4j.Driver) -> dict[str, Any]:
    query = "MATCH (:Entity {id: 'hormone:igf-1'})-[r:ACTIVATES]->(:Entity {id: 'pathway:mtor-pathway'}) RETURN r"
    return dict(driver.execute_query(query).records[0]["r"])


def test_the_graph_does_not_depend_on_the_order_of_imports(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, gardens: dict[str, Path], tmp_path: Path
) -> None:
    graphs = [
        imported(empty_db, neo4j_settings, [gardens[name] for name in order], tmp_path / "-".join(order))
        for order in itertools.permutations(gardens)
    ]
    assert all(graph == graphs[0] for graph in graphs[1:])


def test_a_node_two_gardens_describe_shows_the_first_gardens_say_and_keeps_both(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, gardens: dict[str, Path], tmp_path: Path
) -> None:
    imported(empty_db, neo4j_settings, [gardens["evil"], gardens["alpha"]], tmp_path / "cache")
    igf1 = node(empty_db, "hormone:igf-1")
    # "alpha" before "evil": alpha's name and description; the aliases of both.
    assert igf1["name"] == "IGF-1"
    assert igf1["description"].startswith("Growth factor made mostly by the liver")
    assert igf1["aliases"] == ["Insulin-like growth factor 1", "Somatomedin C", "Pwned"]
    assert igf1["gardens"] == igf1["said_by"] == ["alpha", "evil"]
    assert igf1["sources"] == ["alpha/hormone/igf-1.md", "evil/hormone/igf-1.md"]
    assert [json.loads(say)["properties"]["name"] for say in igf1["said"]] == ["IGF-1", "PWNED IGF"]
    shared = fact(empty_db)
    assert shared["statements"] == 2  # one in each garden's note
    assert shared["sources"] == ["alpha/hormone/igf-1.md", "evil/hormone/igf-1.md"]
    assert shared["annotation"] == "Sustained signal in the fed state; evil says so"
    stub = node(empty_db, "stub:musclepro" + "teinsynthesis")
    assert stub["gardens"] == ["alpha", "evil"] and stub["stub"] is True


def test_when_a_garden_lets_go_the_others_say_shows_again(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, gardens: dict[str, Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    alone = imported(empty_db, neo4j_settings, [gardens["alpha"]], cache)
    onto_import(neo4j_settings, gardens["evil"], cache)
    onto_import(neo4j_settings, gardens["third"], cache)
    assert fact(empty_db)["strength"] == "strong"
    for name in ("evil", "third"):
        for file in (gardens[name] / "hormone" / "igf-1.md", gardens[name] / "pathway" / "mtor-pathway.md"):
            file.unlink()
        onto_import(neo4j_settings, gardens[name], cache)
    assert snapshot(empty_db) == alone
    again = onto_import(neo4j_settings, gardens["alpha"], cache)
    assert again["changes"]["mode"] == "unchanged"
    assert {row["entity"] for row in ask(empty_db, "entity-card", name="IGF-1")} == {"IGF-1"}


def test_a_garden_that_edits_its_say_changes_only_its_own(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, gardens: dict[str, Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    imported(empty_db, neo4j_settings, [gardens["alpha"], gardens["evil"]], cache)
    note = gardens["evil"] / "hormone" / "igf-1.md"
    note.write_text(note.read_text().replace("aliases: [Pwned]", "aliases: [Pwned again]"))
    onto_import(neo4j_settings, gardens["evil"], cache)
    igf1 = node(empty_db, "hormone:igf-1")
    assert igf1["name"] == "IGF-1"
    assert igf1["aliases"] == ["Insulin-like growth factor 1", "Somatomedin C", "Pwned again"]
    expected = imported(empty_db, neo4j_settings, [gardens["alpha"], gardens["evil"]], tmp_path / "fresh")
    assert snapshot(empty_db) == expected


def test_seed_era_and_a_garden_that_overwrites_its_igf1_in_either_order(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, seed_era: Path, gardens: dict[str, Path], tmp_path: Path
) -> None:
    evil = gardens["evil"]
    first = imported(empty_db, neo4j_settings, [seed_era, evil], tmp_path / "one")
    second = imported(empty_db, neo4j_settings, [evil, seed_era], tmp_path / "two")
    assert first == second
    # "evil" sorts before "seed-era": its name shows, and seed-era's say is kept beside it.
    igf1 = node(empty_db, "hormone:igf-1")
    assert igf1["name"] == "PWNED IGF" and igf1["said_by"] == ["evil", "seed-era"]
    assert json.loads(igf1["said"][1])["properties"]["name"] != "PWNED IGF"
    for file in EVIL:
        (evil / file).unlink()
    onto_import(neo4j_settings, evil, tmp_path / "two")
    assert onto_import(neo4j_settings, seed_era, tmp_path / "two")["changes"]["mode"] == "unchanged"
    assert snapshot(empty_db) == imported(empty_db, neo4j_settings, [seed_era], tmp_path / "alone")
