"""The bulk path: `onto export --format neo4j-admin` files, loaded by the server's own
`neo4j-admin database import full`, give the graph an online import gives."""

from __future__ import annotations

import csv
import secrets
from pathlib import Path
from typing import Any

import neo4j
import pytest

from conftest import EXAMPLE_GARDEN, java_server_config
from onto import Neo4jWriter, Ontology, import_garden
from onto.export import export_neo4j_admin
from onto.pipeline import scan_garden
from onto.server import ServerError, java
from onto.sync import garden_rows

COUNTS = {
    "nodes": "MATCH (n:Entity) RETURN count(n) AS n",
    "stubs": "MATCH (n:Entity {stub: true}) RETURN count(n) AS n",
    "relationships": "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n",
}
BY_LABEL = "MATCH (n:Entity) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
BY_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
FACTS = (
    "MATCH (a:Entity)-[r]->(b:Entity) "
    "RETURN a.id AS a, type(r) AS t, b.id AS b, r.sources AS sources, r.statements AS statements, r.sign AS sign "
    "ORDER BY a, t, b"
)


def graph_figures(driver: neo4j.Driver) -> dict[str, Any]:
    figures: dict[str, Any] = {k: driver.execute_query(q).records[0]["n"] for k, q in COUNTS.items()}
    figures["labels"] = [tuple(r) for r in driver.execute_query(BY_LABEL).records]
    figures["types"] = [tuple(r) for r in driver.execute_query(BY_TYPE).records]
    figures["facts"] = [tuple(r) for r in driver.execute_query(FACTS).records]
    return figures


def test_the_files_name_every_row_once_with_typed_headers(tmp_path: Path, ontology: Ontology) -> None:
    scan = scan_garden(EXAMPLE_GARDEN, ontology)
    expected_nodes, expected_relationships = len(scan.graph.nodes), len(scan.graph.relationships)
    result = export_neo4j_admin(garden_rows(scan.graph, "garden", ontology), "garden", tmp_path)
    with result.nodes_file.open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.reader(handle))
    with result.relationships_file.open(encoding="utf-8", newline="") as handle:
        relationships = list(csv.reader(handle))
    assert len(nodes) - 1 == result.nodes == expected_nodes
    assert len(relationships) - 1 == result.relationships == expected_relationships
    assert nodes[0][:2] == ["id:ID", ":LABEL"] and relationships[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    # half_life_hours is a number in igf-1.md's frontmatter; dg-publish is true/false.
    assert "half_life_hours:long" in nodes[0] and "dg-publish:boolean" in nodes[0]
    assert len({row[0] for row in nodes[1:]}) == expected_nodes
    assert result.command[:4] == ["neo4j-admin", "database", "import", "full"]


def java_available() -> bool:
    try:
        java.find_java()
    except ServerError:
        return False
    return True


@pytest.mark.skipif(not java_available(), reason="the admin tool runs from Maven Central jars with Java 17+")
def test_a_bulk_load_matches_an_online_import(tmp_path: Path, ontology: Ontology, empty_db: neo4j.Driver) -> None:
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(empty_db), ontology, state_dir=tmp_path / "state")
    online = graph_figures(empty_db)
    assert online["relationships"] > 50

    scan = scan_garden(EXAMPLE_GARDEN, ontology)
    result = export_neo4j_admin(garden_rows(scan.graph, "garden", ontology), "garden", tmp_path / "out")
    config = java_server_config(tmp_path / "bulk-home", secrets.token_urlsafe(12))
    java.bulk_import(config, result.command[1:])
    java.start(config, timeout=300)
    try:
        with neo4j.GraphDatabase.driver(config.bolt_uri, auth=("neo4j", config.password)) as driver:
            assert graph_figures(driver) == online
    finally:
        java.stop(config)
