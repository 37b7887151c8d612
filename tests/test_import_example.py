"""The repository's example garden, imported into a real Neo4j.

Every expectation below was read off the notes in examples/garden, not off the importer.
"""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from conftest import EXAMPLE_GARDEN
from graph_snapshot import snapshot
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.pipeline import ImportSummary

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def imported(driver: neo4j.Driver, ontology: Ontology) -> ImportSummary:
    from conftest import wipe

    wipe(driver)
    return import_garden(EXAMPLE_GARDEN, Neo4jWriter(driver), ontology)


def one(driver: neo4j.Driver, query: str, **params: Any) -> dict[str, Any]:
    records, _, _ = driver.execute_query(query, params)
    assert len(records) == 1, f"{len(records)} rows for {query} {params}"
    return dict(records[0])


def edge(driver: neo4j.Driver, a: str, rel_type: str, b: str) -> dict[str, Any]:
    # rel_type comes from this test file only; it is a test of the stored type name.
    return one(
        driver,
        f"MATCH (:Entity {{name: $a}})-[r:{rel_type}]->(:Entity {{name: $b}}) RETURN properties(r) AS p",
        a=a,
        b=b,
    )["p"]


def test_every_typed_note_is_one_node_and_the_reading_list_is_skipped(imported: ImportSummary, driver: neo4j.Driver):
    assert imported.errors == []
    assert (imported.notes, imported.entities, imported.skipped) == (31, 30, 1)
    notes = one(driver, "MATCH (n:Entity) WHERE n.stub IS NULL RETURN count(n) AS n")["n"]
    assert notes == 30
    assert one(driver, "MATCH (n:Entity {file: 'Reading list.md'}) RETURN count(n) AS n")["n"] == 0


def test_node_labels_and_properties_come_from_frontmatter(imported: ImportSummary, driver: neo4j.Driver):
    igf = one(driver, "MATCH (n:Entity:Hormone {name: 'IGF-1'}) RETURN n")["n"]
    assert igf["id"] == "hormone:igf-1"
    assert igf["type"] == "hormone"
    assert igf["file"] == "hormone/igf-1.md"
    assert igf["aliases"] == ["Insulin-like growth factor 1", "Somatomedin C"]
    assert igf["tags"] == ["hormone", "growth", "longevity"]
    assert igf["permalink"] == "/garden/onto-team/hormone/igf-1/"
    assert igf["created"] == "2026-03-02"
    assert igf["half_life_hours"] == 15
    assert one(driver, "MATCH (n:LabTest {name: 'HbA1c Test'}) RETURN n.type AS t")["t"] == "labtest"


def test_a_fact_stated_from_both_sides_is_one_relationship(imported: ImportSummary, driver: neo4j.Driver):
    # igf-1.md: ACTIVATES AKT1 - Through IRS-1 and PI3K; akt1.md: ACTIVATED_BY IGF-1 - Via PI3K (Manning ...)
    p = edge(driver, "IGF-1", "ACTIVATES", "AKT1")
    assert p["sources"] == ["garden/hormone/igf-1.md", "garden/protein/akt1.md"]  # "<garden>/<note>"
    assert p["stated_as"] == ["ACTIVATED_BY", "ACTIVATES"]
    assert p["annotation"] == "Through IRS-1 and PI3K; Via PI3K (Manning & Toker 2017, PMCID PMC5546324)"
    assert (p["sign"], p["aspect"]) == (1, "activity")
    assert one(driver, "MATCH (:Entity {name: 'AKT1'})-[r]->(:Entity {name: 'IGF-1'}) RETURN count(r) AS n")["n"] == 0
    # rapamycin.md INHIBITS mTORC1; mtorc1.md INHIBITED_BY Rapamycin
    assert edge(driver, "Rapamycin", "INHIBITS", "mTORC1")["sign"] == -1


def test_list_items_with_yaml_and_their_duplicate_copy(imported: ImportSummary, driver: neo4j.Driver):
    # mtor-pathway.md: "Modulated By -> Leucine", written inside and outside the NEO4J_CONTENT markers
    p = edge(driver, "Leucine", "REGULATES", "mTOR Pathway")
    assert (p["magnitude"], p["source"], p["statements"]) == ("moderate", "curated", 2)
    # hba1c-test.md: May Detect -> Type 2 Diabetes, evidence_level 5
    p = edge(driver, "HbA1c Test", "DETECTS", "Type 2 Diabetes")
    assert (p["evidence_level"], p["population_context"], p["stated_as"]) == (5, "adults", ["May Detect"])
    # creatine.md IMPROVES Sarcopenia; sarcopenia.md "May Improve Condition <- Creatine" with YAML
    p = edge(driver, "Creatine", "IMPROVES", "Sarcopenia")
    assert p["sources"] == ["garden/condition/sarcopenia.md", "garden/supplement/creatine.md"]
    assert p["evidence_level"] == 3


def test_links_by_alias_underscore_and_case(imported: ImportSummary, driver: neo4j.Driver):
    assert edge(driver, "IGF-1 Serum Test", "MEASURES", "IGF-1")  # [[Somatomedin C]]
    assert edge(driver, "Insulin Sensitivity", "PREVENTS", "Type 2 Diabetes")  # [[type_2_diabetes]]
    assert edge(driver, "SIRT1", "ACTIVATES", "Autophagy")  # [[autophagy]]


def test_unresolved_links_become_one_shared_stub(imported: ImportSummary, driver: neo4j.Driver):
    # igf-1.md links "Muscle Protein Synthesis", mtor-pathway.md links "Muscle_Protein_Synthesis"
    row = one(
        driver,
        "MATCH (s:Entity {stub: true}) WHERE toLower(s.name) STARTS WITH 'muscle' "
        "RETURN s.id AS id, COUNT { (s)<-[:INCREASES]-() } AS mentions",
    )
    assert row == {"id": "stub:muscleproteinsynthesis", "mentions": 2}
    # sarcopenia.md: AFFECTS_ORGAN and RISK_FACTOR_FOR targets; "(condition)" hints in hba1c-test.md
    assert (
        one(driver, "MATCH (s:Entity:Condition {stub: true, name: 'Prediabetes'}) RETURN s.type AS t")["t"]
        == "condition"
    )
    assert imported.stubs == 11


def test_statements_reconcile(imported: ImportSummary):
    assert imported.reconciles
    assert imported.statements_dropped == 0


def test_reimport_changes_nothing(imported: ImportSummary, driver: neo4j.Driver, ontology: Ontology):
    before = snapshot(driver)
    again = import_garden(EXAMPLE_GARDEN, Neo4jWriter(driver), ontology)
    assert snapshot(driver) == before
    assert (again.entities, again.relationships, again.stubs) == (
        imported.entities,
        imported.relationships,
        imported.stubs,
    )


def test_full_text_search_finds_names_aliases_and_descriptions(imported: ImportSummary, driver: neo4j.Driver):
    def search(text: str) -> list[str]:
        records, _, _ = driver.execute_query(
            "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh() "
            "CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN node.name AS name",
            q=text,
        )
        return [r["name"] for r in records]

    assert search("somatomedin")[0] == "IGF-1"  # an alias in igf-1.md
    assert search("sirolimus")[0] == "Rapamycin"  # an alias in rapamycin.md
    assert "Spermidine" in search("polyamine")  # spermidine.md's description


def test_the_import_ends_with_the_query_indexes_online(imported: ImportSummary, driver: neo4j.Driver):
    # The schema the README promises, usable by the first query after the import.
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type, state, properties WHERE name STARTS WITH 'entity_' "
        "RETURN name, type, state, properties ORDER BY name"
    )
    found = {r["name"]: (r["type"], r["state"], r["properties"]) for r in records}
    assert found == {
        "entity_id": ("RANGE", "ONLINE", ["id"]),  # the uniqueness constraint's index
        "entity_keys": ("FULLTEXT", "ONLINE", ["keys"]),  # names as links match them (names.py)
        "entity_name": ("RANGE", "ONLINE", ["name"]),
        "entity_search": ("FULLTEXT", "ONLINE", ["name", "alias_text", "description"]),
        "entity_type": ("RANGE", "ONLINE", ["type"]),
    }
