"""Hostile and broken notes: each reported once with file and line, every good note still imported."""

from __future__ import annotations

import json
from collections import Counter

import neo4j
import pytest
from typer.testing import CliRunner

from conftest import connection_env
from hostile_garden import HostileGarden, build
from onto import Neo4jWriter, import_garden
from onto.cli import app
from onto.identifiers import is_identifier
from onto.ontology import Ontology
from onto.pipeline import GardenScan, scan_garden
from onto.problems import Severity

runner = CliRunner()


@pytest.fixture(scope="module")
def garden(tmp_path_factory: pytest.TempPathFactory) -> HostileGarden:
    return build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def scan(garden: HostileGarden, ontology: Ontology) -> GardenScan:
    return scan_garden(garden.root, ontology)


def test_the_fixture_has_at_least_forty_hostile_notes(garden: HostileGarden):
    assert len(garden.expect) >= 40


def test_each_broken_note_is_reported_once_with_file_and_line(garden: HostileGarden, scan: GardenScan):
    errors = Counter(p.file for p in scan.report.errors)
    for file, expect in garden.expect.items():
        if expect.outcome != "error":
            assert errors[file] == 0, file
            continue
        [problem] = [p for p in scan.report.errors if p.file == file]
        assert problem.code in expect.codes, (file, problem)
        assert problem.line == expect.line, (file, problem)
        assert problem.message and "Traceback" not in problem.message


def test_every_good_note_imports_and_gets_its_warnings(garden: HostileGarden, scan: GardenScan):
    imported = {n.entity.file: n.entity for n in scan.parsed}
    for file, expect in garden.expect.items():
        codes = {p.code for p in scan.report.problems if p.file == file}
        assert set(expect.codes) <= codes, (file, codes)
        if expect.outcome == "imports":
            assert file in imported, file
            if expect.name is not None:
                assert imported[file].name == expect.name
        else:
            assert file not in imported, file
    assert scan.failed == sum(e.outcome == "error" for e in garden.expect.values())
    assert scan.graph.statements == scan.graph.statements_written + scan.graph.statements_dropped


def test_huge_and_crowded_notes_keep_every_statement(scan: GardenScan):
    by_file = Counter(source for r in scan.graph.relationships for source in r.properties["sources"])
    assert by_file["bytes/many.md"] == 10_000
    assert by_file["bytes/huge.md"] == 1


@pytest.mark.neo4j
def test_check_reports_what_import_reports(garden: HostileGarden, empty_db: neo4j.Driver, neo4j_settings):  # type: ignore[no-untyped-def]
    check = runner.invoke(app, ["check", str(garden.root), "--json"])
    # A dry run reads the database, to say what it would change there.
    dry = runner.invoke(app, ["import", str(garden.root), "--dry-run", "--json"], env=connection_env(neo4j_settings))
    assert check.exit_code == dry.exit_code == 1
    keys = ("errors", "warnings", "info")
    assert {k: json.loads(check.stdout)[k] for k in keys} == {k: json.loads(dry.stdout)[k] for k in keys}


@pytest.mark.neo4j
def test_the_graph_holds_the_names_as_written_and_only_safe_labels(
    garden: HostileGarden, scan: GardenScan, empty_db: neo4j.Driver, ontology: Ontology
):
    import_garden(garden.root, Neo4jWriter(empty_db), ontology)
    names = {r["name"] for r in empty_db.execute_query("MATCH (n:Entity) RETURN n.name AS name").records}
    for file, expect in garden.expect.items():
        if expect.name is not None:
            assert expect.name in names, file
    records, _, _ = empty_db.execute_query(
        "MATCH (n:Entity) UNWIND labels(n) AS label RETURN collect(DISTINCT label) AS labels"
    )
    labels = set(records[0]["labels"])
    assert all(is_identifier(label) for label in labels)
    long_type = "T" + "t" * 59  # PascalCase, cut to 60 characters
    undeclared = {"Spaceship", "GutMicrobe", "T123X", long_type}
    assert labels - {t.label for t in ontology.entity_types} == {"Entity", *undeclared}
    records, _, _ = empty_db.execute_query("MATCH ()-[r]->() RETURN collect(DISTINCT type(r)) AS types")
    assert all(is_identifier(t) for t in records[0]["types"])
    assert "DETACH_DELETE_N" in records[0]["types"]  # the written key, made a harmless name
    counts, _, _ = empty_db.execute_query("MATCH (n:Entity) RETURN count(n) AS n")
    assert counts[0]["n"] == len(scan.graph.nodes)


@pytest.mark.neo4j
def test_strict_writes_nothing(garden: HostileGarden, empty_db: neo4j.Driver, neo4j_settings):  # type: ignore[no-untyped-def]
    env = connection_env(neo4j_settings)
    result = runner.invoke(app, ["import", str(garden.root), "--strict"], env=env)
    assert result.exit_code == 1
    assert "nothing written" in result.stdout
    assert empty_db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0
    severities = {
        p["severity"] for p in json.loads(runner.invoke(app, ["check", str(garden.root), "--json"]).stdout)["errors"]
    }
    assert severities == {Severity.ERROR.value}


@pytest.mark.neo4j
def test_what_the_database_cannot_hold_is_reported_and_the_rest_is_kept(
    garden: HostileGarden, empty_db: neo4j.Driver, ontology: Ontology
):
    summary = import_garden(garden.root, Neo4jWriter(empty_db), ontology)
    assert summary.written
    bad_keys = [p for p in summary.problems if p.code == "bad-key"]
    assert {(p.file, p.line) for p in bad_keys} >= {("limits/bad-keys.md", 4), ("limits/bad-edge-keys.md", 8)}

    def node(name: str) -> dict[str, object]:
        query = "MATCH (n:Entity {name: $name}) RETURN properties(n) AS p"
        return dict(empty_db.execute_query(query, name=name).records[0]["p"])

    def edge(name: str) -> dict[str, object]:
        query = "MATCH (:Entity {name: $name})-[r]->() RETURN properties(r) AS p"
        return dict(empty_db.execute_query(query, name=name).records[0]["p"])

    assert node("Bad Keys")["kept"] is True and edge("Bad Edge Keys")["kept"] is True
    own = node("Own Keys")
    # What a note says under a name the importer keeps for itself is kept beside it, renamed.
    assert (own["frontmatter_sources"], own["frontmatter_gardens"], own["frontmatter_stub"]) == (["s"], ["g"], "no")
    assert [str(s).split("/", 1)[1] for s in own["sources"]] == ["limits/own-keys.md"]  # type: ignore[attr-defined]
    assert "stub" not in own
    said = edge("Own Keys")
    assert (said["yaml_gardens"], said["yaml_id"], said["yaml_sources"]) == (["x"], 7, ["y"])
    assert all(str(s).endswith("limits/own-keys.md") for s in said["sources"])  # type: ignore[attr-defined]
    long_link = empty_db.execute_query(
        "MATCH (:Entity {name: 'Long Link'})-[:ACTIVATES]->(t) RETURN t.name AS name"
    ).records[0]["name"]
    assert long_link.startswith("Target Target") and long_link.endswith("…")
    assert len(long_link.encode()) <= 4000
