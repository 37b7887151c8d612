"""`onto import-kg`: a KGX graph beside a garden, against a real Neo4j. What each test expects
is read from the fixture's lines (tests/fixtures/kgx) and the example garden's notes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import neo4j

from conftest import EXAMPLE_GARDEN
from graph_snapshot import snapshot
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.pipeline import import_knowledge_graph

FIXTURE = Path(__file__).parent / "fixtures" / "kgx"
SOURCE = "kgfix"


def node(driver: neo4j.Driver, node_id: str) -> dict[str, Any]:
    records = driver.execute_query("MATCH (n:Entity {id: $id}) RETURN n, labels(n) AS labels", id=node_id).records
    assert records, f"no node {node_id}"
    return {**dict(records[0]["n"]), "labels": set(records[0]["labels"])}


def load(driver: neo4j.Driver, ontology: Ontology, folder: Path = FIXTURE, dry_run: bool = False):  # type: ignore[no-untyped-def]
    return import_knowledge_graph(
        folder / "nodes.jsonl", folder / "edges.jsonl", Neo4jWriter(driver), ontology, SOURCE, dry_run=dry_run
    )


def test_a_kgx_graph_joins_the_gardens_entities_and_reads_as_the_ontology(
    empty_db: neo4j.Driver, ontology: Ontology, tmp_path: Path
):
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(empty_db), ontology, garden="garden", state_dir=tmp_path)
    summary = load(empty_db, ontology)
    # metformin.md gives `chebi: 6801`; the fixture's CHEBI:6801 has another name: joined by identifier.
    metformin = node(empty_db, "drug:metformin")
    assert set(metformin["gardens"]) == {"garden", SOURCE}
    assert metformin["name"] == "Metformin"  # the note's own say shows first
    assert "garden/drug/metformin.md" in metformin["sources"] and f"{SOURCE}/CHEBI:6801" in metformin["sources"]
    # protein/ampk.md gives no identifier; the fixture's UniProtKB:Q13131 is named AMPK: joined by name.
    ampk = node(empty_db, "protein:ampk")
    assert "UniProtKB:Q13131" in ampk["xref"] and SOURCE in ampk["gardens"]
    # A node no note describes keeps its KGX id and takes its type's label from its category.
    assert node(empty_db, "NCBIGene:5563")["labels"] == {"Entity", "Gene"}
    cell = node(empty_db, "CL:0000169")  # biolink:Cell: no type of the ontology
    assert cell["undeclared_type"] is True and "Cell" in cell["labels"]
    # Edges as the ontology's types: affects + causes + activity + increased is ACTIVATES, the
    # fact metformin.md states too: one relationship, stated by both.
    [activates] = empty_db.execute_query(
        "MATCH (:Entity {id: 'drug:metformin'})-[r:ACTIVATES]->(:Entity {id: 'protein:ampk'}) RETURN r"
    ).records
    assert {"garden/drug/metformin.md", f"{SOURCE}/fixture:e2"} <= set(activates["r"]["sources"])
    # activity_or_abundance has no type of its own: AFFECTS, signed by its direction.
    [affects] = empty_db.execute_query(
        "MATCH (:Entity {id: 'drug:metformin'})-[r:AFFECTS]->(:Entity {id: 'NCBIGene:5563'}) RETURN r"
    ).records
    assert affects["r"]["sign"] == 1 and affects["r"]["effect_direction"] == "increases"
    # expressed_in is a name the ontology reads as LOCATED_IN.
    assert (
        empty_db.execute_query(
            "MATCH (:Entity {id: 'NCBIGene:5563'})-[r:LOCATED_IN]->(:Entity {id: 'CL:0000169'}) RETURN count(r) AS n"
        ).records[0]["n"]
        == 1
    )
    # The edge to a node the nodes file lacks is reported with its line, not written.
    lines = (FIXTURE / "edges.jsonl").read_text().splitlines()
    missing = next(i for i, line in enumerate(lines, start=1) if "MONDO:0000000" in line)
    assert [(p.code, p.line) for p in summary.problems if p.code == "no-target"] == [("no-target", missing)]
    assert summary.statements == len(lines) and summary.statements_dropped == 1
    # Loaded again, it joins the same way: by what the garden says, not by what it added itself.
    joined = [p.message for p in summary.problems if p.code == "joined"]
    assert joined == ["2 nodes joined a garden's entity by identifier, 1 by name"]
    assert [p.message for p in load(empty_db, ontology).problems if p.code == "joined"] == joined


def test_reloading_replaces_the_sources_data_and_touches_no_garden(
    empty_db: neo4j.Driver, ontology: Ontology, tmp_path: Path
):
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(empty_db), ontology, garden="garden", state_dir=tmp_path)
    garden_only = snapshot(empty_db)
    before_dry_run = snapshot(empty_db)
    dry = load(empty_db, ontology, dry_run=True)
    node_lines = (FIXTURE / "nodes.jsonl").read_text().splitlines()
    # Every node is new to the source (the joined ones too: it did not describe them before).
    assert dry.changes is not None and dry.changes.nodes_created == len(node_lines) and not dry.written
    assert snapshot(empty_db) == before_dry_run
    load(empty_db, ontology)
    # The fixture loses its gene and everything about it: the re-import removes just that.
    smaller = tmp_path / "smaller"
    smaller.mkdir()
    kept = [line for line in (FIXTURE / "nodes.jsonl").read_text().splitlines() if "NCBIGene:5563" not in line]
    (smaller / "nodes.jsonl").write_text("\n".join(kept) + "\n")
    edges = [json.loads(line) for line in (FIXTURE / "edges.jsonl").read_text().splitlines()]
    (smaller / "edges.jsonl").write_text("".join(json.dumps(e) + "\n" for e in edges if "NCBIGene:5563" not in
                                                 (e["subject"], e["object"])))  # fmt: skip
    load(empty_db, ontology, smaller)
    assert not empty_db.execute_query("MATCH (n:Entity {id: 'NCBIGene:5563'}) RETURN n").records
    assert node(empty_db, "CL:0000169")["gardens"] == [SOURCE]
    # Nothing left: the graph is the garden's alone again, as it was before any load.
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "nodes.jsonl").write_text("")
    (empty / "edges.jsonl").write_text("")
    load(empty_db, ontology, empty)
    assert snapshot(empty_db) == garden_only
    shutil.rmtree(smaller)


def test_kgx_tsv_reads_as_json_lines_do(tmp_path: Path, ontology: Ontology):
    from onto.kgx_import import Joins, kg_rows
    from onto.problems import Report

    def tsv(records: list[dict[str, Any]], columns: list[str]) -> str:
        cell = lambda v: "|".join(v) if isinstance(v, list) else str(v)  # noqa: E731 - KGX TSV: lists joined by |
        rows = ["\t".join(cell(r.get(c, "")) for c in columns) for r in records]
        return "\n".join(["\t".join(columns), *rows]) + "\n"

    nodes = [json.loads(line) for line in (FIXTURE / "nodes.jsonl").read_text().splitlines()]
    edges = [json.loads(line) for line in (FIXTURE / "edges.jsonl").read_text().splitlines()]
    (tmp_path / "nodes.tsv").write_text(tsv(nodes, sorted({k for n in nodes for k in n})))
    (tmp_path / "edges.tsv").write_text(tsv(edges, sorted({k for e in edges for k in e})))
    none = Joins({}, {})
    from_tsv = kg_rows(tmp_path / "nodes.tsv", tmp_path / "edges.tsv", SOURCE, ontology, none, Report())
    from_json = kg_rows(FIXTURE / "nodes.jsonl", FIXTURE / "edges.jsonl", SOURCE, ontology, none, Report())
    assert from_tsv.relationships.keys() == from_json.relationships.keys()
    assert {k: r["labels"] for k, r in from_tsv.nodes.items()} == {k: r["labels"] for k, r in from_json.nodes.items()}
    assert from_tsv.nodes["CHEBI:6801"]["properties"]["category"] == nodes[0]["category"]  # a list, from `a|b`


def test_a_category_is_read_as_a_type_only_where_the_ontology_says_so(tmp_path: Path, ontology: Ontology):
    from onto.kgx_import import Joins, kg_rows
    from onto.problems import Report

    nodes = [
        {"id": "CHEBI:16236", "category": ["biolink:ChemicalEntity"], "name": "ethanol"},
        {"id": "CHEBI:17234", "category": ["biolink:SmallMolecule", "biolink:ChemicalEntity"], "name": "glucose"},
    ]
    (tmp_path / "nodes.jsonl").write_text("".join(json.dumps(n) + "\n" for n in nodes))
    (tmp_path / "edges.jsonl").write_text("")
    rows = kg_rows(tmp_path / "nodes.jsonl", tmp_path / "edges.jsonl", SOURCE, ontology, Joins({}, {}), Report())
    # Supplements' notes are ChemicalEntity, but a ChemicalEntity may be any chemical.
    assert rows.nodes["CHEBI:16236"]["labels"] == ["ChemicalEntity"]
    assert rows.nodes["CHEBI:16236"]["properties"]["undeclared_type"] is True
    reads_as = ontology.entity_type_by_key(ontology.category_types["biolink:SmallMolecule"])
    assert reads_as is not None and rows.nodes["CHEBI:17234"]["labels"] == [reads_as.label]
