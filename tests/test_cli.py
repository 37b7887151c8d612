"""The `onto` command line, as a user runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import neo4j
import pytest
import typer
from typer.testing import CliRunner

import onto.state
from conftest import EXAMPLE_GARDEN, ROOT, connection_env
from onto.cli import app
from onto.server.throwaway import free_port
from onto.settings import ConnectionSettings
from test_notes import write

runner = CliRunner()


def commands(group: typer.core.TyperGroup, prefix: str = "") -> list[tuple[str, typer.core.TyperCommand]]:
    found = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, typer.core.TyperGroup):
            found += commands(command, full + " ")
        else:
            found.append((full, command))
    return found


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    listed = commands(typer.main.get_command(app))  # type: ignore[arg-type]
    assert {name for name, _ in listed} >= {"import", "check", "server start", "server stop", "server status"}
    for name, command in listed:
        assert command.help, f"onto {name} has no help text"
        assert f"onto {name}" in readme, f"onto {name} is not in README.md"


def test_check_reports_file_line_and_exit_code(tmp_path: Path):
    write(tmp_path, "broken.md", "---\ntype: gene\ntitle: [unclosed\n---\n")
    write(tmp_path, "good.md", "---\ntype: gene\n---\nACTIVATES:: [[X]]\n")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert re.search(r"error broken\.md:4: frontmatter is not valid YAML", result.stderr)
    assert re.search(r"entities \(typed notes\)\s+│\s+1", result.stdout)


def test_check_json_lists_problems(tmp_path: Path):
    write(tmp_path, "n.md", "---\ntype: widget\n---\nACTIVATES:: [[X]]\n")
    result = runner.invoke(app, ["check", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["entities"] == 1
    assert [(w["file"], w["line"], w["code"]) for w in summary["warnings"]] == [("n.md", 2, "unknown-type")]


def test_check_on_a_missing_folder_is_a_usage_error(tmp_path: Path):
    result = runner.invoke(app, ["check", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "not a folder of notes" in result.stderr


def test_import_with_no_server_says_which_uri_failed_and_how_to_start_one():
    uri = f"neo4j://localhost:{free_port()}"
    result = runner.invoke(app, ["import", str(EXAMPLE_GARDEN)], env={"NEO4J_URI": uri})
    assert result.exit_code == 3
    assert uri in result.stderr and "onto server start" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.neo4j
def test_import_with_a_wrong_password_never_prints_it(neo4j_settings: ConnectionSettings):
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_PASSWORD": "not-the-password-xyz"}
    result = runner.invoke(app, ["import", str(EXAMPLE_GARDEN)], env=env)
    assert result.exit_code == 3
    assert "credentials" in result.stderr
    assert "not-the-password-xyz" not in result.output


def count_nodes(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (n:Entity) RETURN count(n) AS n")
    return int(records[0]["n"])


@pytest.mark.neo4j
def test_import_json_summary(empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings):
    env = connection_env(neo4j_settings)
    result = runner.invoke(app, ["import", str(EXAMPLE_GARDEN), "--json"], env=env)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    for key in ("notes", "entities", "statements", "relationships", "stubs", "errors", "warnings", "elapsed_s"):
        assert key in summary
    assert (summary["notes"], summary["entities"], summary["errors"]) == (31, 30, [])
    assert count_nodes(empty_db) == summary["entities"] + summary["stubs"]


@pytest.mark.neo4j
def test_import_whose_state_cannot_be_saved_exits_4_with_the_graph_written(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, monkeypatch: pytest.MonkeyPatch
):
    env = connection_env(neo4j_settings)

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(onto.state, "_write_garden", full_disk)
    result = runner.invoke(app, ["import", str(EXAMPLE_GARDEN)], env=env)
    assert result.exit_code == 4, result.output
    assert "No space left on device" in result.stderr
    assert "the next import will be a full one" in result.stderr
    written = count_nodes(empty_db)
    assert written > 0
    monkeypatch.undo()
    again = runner.invoke(app, ["import", str(EXAMPLE_GARDEN), "--json"], env=env)
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["changes"]["mode"] == "full"
    assert count_nodes(empty_db) == written


@pytest.mark.neo4j
def test_dry_run_writes_nothing(empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings):
    env = connection_env(neo4j_settings)
    result = runner.invoke(app, ["import", str(EXAMPLE_GARDEN), "--dry-run"], env=env)
    assert result.exit_code == 0, result.output
    assert "dry run" in result.stdout
    assert count_nodes(empty_db) == 0


@pytest.mark.neo4j
def test_strict_writes_nothing_when_a_note_fails(
    tmp_path: Path, empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings
):
    write(tmp_path, "bad.md", b"---\ntype: gene\n---\n\xff\xfe\n")
    write(tmp_path, "good.md", "---\ntype: gene\n---\n")
    env = connection_env(neo4j_settings)
    strict = runner.invoke(app, ["import", str(tmp_path), "--strict"], env=env)
    assert strict.exit_code == 1
    assert count_nodes(empty_db) == 0
    lenient = runner.invoke(app, ["import", str(tmp_path)], env=env)
    assert lenient.exit_code == 1  # a note failed, the rest imported
    assert "bad.md:4: not UTF-8" in lenient.stderr
    assert count_nodes(empty_db) == 1


def test_queries_json_lists_the_library():
    result = runner.invoke(app, ["queries", "--json"])
    assert result.exit_code == 0, result.output
    listed = {q["name"]: q for q in json.loads(result.stdout)}
    assert listed["net-effect"]["params"] == {"a": "IGF-1", "b": "Autophagy", "max_hops": 3, "limit": 20}
    assert listed["net-effect"]["optional"] == ["limit", "max_hops"]
    assert all(set(q) >= {"name", "description", "params"} for q in listed.values())


def test_query_with_a_missing_or_unknown_parameter_shows_the_parameters():
    missing = runner.invoke(app, ["query", "net-effect", "-p", "a=IGF-1"])
    assert missing.exit_code == 2
    assert "net-effect needs b;" in missing.stderr and "a (e.g. 'IGF-1')" in missing.stderr
    assert "max_hops (e.g. 3, optional)" in missing.stderr
    too_far = runner.invoke(app, ["query", "net-effect", "-p", "a=x", "-p", "b=y", "-p", "max_hops=9"])
    assert too_far.exit_code == 2 and "max_hops must be a whole number from 1 to 5" in too_far.stderr
    unknown = runner.invoke(app, ["query", "pathway-members", "-p", "name=x", "-p", "colour=red"])
    assert unknown.exit_code == 2 and "has no parameter colour" in unknown.stderr
    wrong = runner.invoke(app, ["query", "no-such-query"])
    assert wrong.exit_code == 2 and "onto queries" in wrong.stderr


@pytest.mark.neo4j
def test_query_prints_json_csv_and_explains_an_empty_answer(
    tmp_path: Path, empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings
):
    write(tmp_path, "a.md", "---\ntype: hormone\ntitle: A\naliases: [Alpha]\n---\nACTIVATES:: [[B]]\n")
    write(tmp_path, "b.md", "---\ntype: protein\ntitle: B\n---\n")
    env = connection_env(neo4j_settings)
    assert runner.invoke(app, ["import", str(tmp_path)], env=env).exit_code == 0
    as_json = runner.invoke(
        app, ["query", "downstream-effects", "-p", "name=alpha", "-p", "max_hops=1", "-f", "json"], env=env
    )
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == [
        {"name": "B", "type": "protein", "effect": "increases", "hops": 1, "paths": 1, "path": "A -ACTIVATES-> B",
         "total": 1}
    ]  # fmt: skip
    as_csv = runner.invoke(app, ["query", "pathway-members", "-p", "name=A", "-f", "csv"], env=env)
    assert as_csv.stdout.splitlines() == ["type,name,relationship,sources,total"]
    nothing = runner.invoke(app, ["query", "entity-card", "-p", "name=Alfa"], env=env)
    assert "no entity is named name='Alfa' (by name, alias or id); closest: A (hormone)" in nothing.stderr
    assert nothing.stderr.rstrip().endswith("no rows")


@pytest.mark.neo4j
def test_ad_hoc_queries_that_write_are_refused_before_they_run(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings
):
    env = connection_env(neo4j_settings)
    empty_db.execute_query("CREATE (:Entity {id: 'keep', name: 'Keep me'})")
    for text in ("MATCH (n) DETACH DELETE n", "CALL db.createLabel('Injected')", "MATCH (n) SET n.x = 1 RETURN n"):
        result = runner.invoke(app, ["query", "--cypher", text], env=env)
        assert result.exit_code == 2, text
        assert "refused" in result.stderr
    assert count_nodes(empty_db) == 1
    labels = empty_db.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS l").records[0]["l"]
    assert "Injected" not in labels
    read = runner.invoke(
        app,
        ["query", "--cypher", "MATCH (n:Entity {id: $id}) RETURN n.name AS name", "-p", "id=keep", "-f", "json"],
        env=env,
    )
    assert json.loads(read.stdout) == [{"name": "Keep me"}]
