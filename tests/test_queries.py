"""The query library on the example garden, through the driver as `onto query` runs it.

Every expected answer was worked out by reading examples/garden (the file that states each
fact is named beside it), not by running the query.
"""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from conftest import EXAMPLE_GARDEN, wipe
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.queries import LibraryQuery, load_library, run_read

pytestmark = pytest.mark.neo4j

LIBRARY = load_library()
REQUIRED = {
    "pathway-members", "upstream-regulators", "downstream-effects", "net-effect", "pathway-crosstalk",
    "pathway-modulators", "condition-profile", "conditions-for", "candidate-interventions", "shared-mechanisms",
    "condition-biomarkers", "entity-card", "unresolved-links", "contradictions", "hubs-and-islands",
}  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def example(driver: neo4j.Driver, ontology: Ontology) -> None:
    wipe(driver)
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(driver), ontology)


def run(driver: neo4j.Driver, query_name: str, **params: Any) -> list[dict[str, Any]]:
    query: LibraryQuery = LIBRARY[query_name]
    _, rows = run_read(driver, query.text, {**query.params, **params})
    return rows


def test_the_library_has_every_question_with_a_documented_header():
    assert set(LIBRARY) >= REQUIRED
    for query in LIBRARY.values():
        assert query.description, query.name
        assert query.columns, query.name


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_runs_with_its_example_parameters_and_returns_its_documented_columns(
    driver: neo4j.Driver, name: str
):
    columns, _ = run_read(driver, LIBRARY[name].text, LIBRARY[name].params)
    assert columns == list(LIBRARY[name].columns)


def test_pathway_members(driver: neo4j.Driver):
    # akt1.md PARTICIPATES_IN_PATHWAY mTOR Pathway; mtorc1.md (table) PART_OF mTOR Pathway
    rows = run(driver, "pathway-members", name="mtor pathway")
    assert {(r["type"], r["name"], r["relationship"]) for r in rows} == {
        ("protein", "AKT1", "PARTICIPATES_IN"),
        ("protein", "mTORC1", "PART_OF"),
    }


def test_upstream_regulators_of_autophagy(driver: neo4j.Driver):
    direct = {r["name"]: r["effect"] for r in run(driver, "upstream-regulators", name="Autophagy", max_hops=1)}
    assert direct == {
        "IGF-1": "inhibits",  # igf-1.md INHIBITS
        "mTOR Pathway": "inhibits",  # mtor-pathway.md INHIBITS
        "mTORC1": "inhibits",  # mtorc1.md table INHIBITS
        "AMPK": "activates",  # ampk.md ACTIVATES
        "SIRT1": "activates",  # sirt1.md ACTIVATES [[autophagy]]
        "FOXO3": "activates",  # foxo3.md list "Activates"
        "Rapamycin": "activates",  # rapamycin.md ACTIVATES
        "Spermidine": "activates",  # spermidine.md INCREASES, autophagy.md INCREASED_BY
        "Fasting": "activates",  # fasting.md ACTIVATES, autophagy.md INCREASED_BY
    }
    two = {r["name"]: r for r in run(driver, "upstream-regulators", name="Autophagy", max_hops=2)}
    # metformin.md ACTIVATES AMPK; ampk.md ACTIVATES Autophagy
    assert (two["Metformin"]["effect"], two["Metformin"]["hops"]) == ("activates", 2)
    assert two["Metformin"]["path"] == "Metformin -ACTIVATES-> AMPK -ACTIVATES-> Autophagy"
    # leucine.md ACTIVATES mTORC1; mTORC1 INHIBITS Autophagy
    assert (two["Leucine"]["effect"], two["Leucine"]["hops"]) == ("inhibits", 2)


def test_downstream_effects_of_igf1(driver: neo4j.Driver):
    rows = run(driver, "downstream-effects", name="Somatomedin C", max_hops=1)  # an alias of IGF-1
    assert {r["name"]: r["effect"] for r in rows} == {
        "AKT1": "activates",
        "mTOR Pathway": "activates",
        "Autophagy": "inhibits",
        "Muscle Protein Synthesis": "activates",  # INCREASES, a stub
    }


def test_net_effect_of_igf1_on_autophagy(driver: neo4j.Driver):
    [row] = run(driver, "net-effect", a="IGF-1", b="Autophagy", max_hops=3)
    # direct INHIBITS; via mTOR Pathway (+,-); via AKT1 -> mTORC1 (+,+,-); via AKT1 -> FOXO3 (+,-,+)
    assert (row["verdict"], row["paths_up"], row["paths_down"]) == ("decreases", 0, 4)
    assert "(-) IGF-1 -ACTIVATES-> mTOR Pathway -INHIBITS-> Autophagy" in row["paths"]


def test_net_effect_increases_and_no_path(driver: neo4j.Driver):
    # caloric-restriction.md ACTIVATES AMPK -> Autophagy (+); DECREASES IGF-1 -| Autophagy (-,-);
    # sirt1.md ACTIVATED_BY Caloric Restriction, ACTIVATES autophagy (+,+)
    [row] = run(driver, "net-effect", a="Caloric Restriction", b="Autophagy", max_hops=2)
    assert (row["verdict"], row["paths_up"], row["paths_down"]) == ("increases", 3, 0)
    [none] = run(driver, "net-effect", a="Autophagy", b="IGF-1", max_hops=3)
    assert (none["verdict"], none["paths"]) == ("no path", [])


def test_pathway_crosstalk(driver: neo4j.Driver):
    rows = run(driver, "pathway-crosstalk", a="mTOR Pathway", b="Autophagy")
    # mtor-pathway.md INHIBITS Autophagy; igf-1.md ACTIVATES mTOR Pathway and INHIBITS Autophagy
    assert {(r["kind"], r["name"]) for r in rows} == {("direct link", "INHIBITS"), ("shared regulator", "IGF-1")}


def test_pathway_modulators(driver: neo4j.Driver):
    rows = run(driver, "pathway-modulators", name="mTOR Pathway")
    assert {(r["name"], r["acts_on"], r["effect"]) for r in rows} == {
        ("IGF-1", "mTOR Pathway", "ACTIVATES"),  # igf-1.md
        ("Insulin", "mTOR Pathway", "ACTIVATES"),  # insulin.md
        ("Resistance Training", "mTOR Pathway", "ACTIVATES"),  # resistance-training.md
        ("Leucine", "mTOR Pathway", "REGULATES"),  # mtor-pathway.md "Modulated By" list
        ("IGF-1", "AKT1", "ACTIVATES"),  # AKT1 is a member (akt1.md)
        ("Insulin", "AKT1", "ACTIVATES"),
        ("Rapamycin", "mTORC1", "INHIBITS"),  # mTORC1 is a member (mtorc1.md)
        ("Leucine", "mTORC1", "ACTIVATES"),  # leucine.md
    }


def test_condition_profile_of_sarcopenia(driver: neo4j.Driver):
    rows = run(driver, "condition-profile", name="Sarcopenia")
    assert {(r["category"], r["name"]) for r in rows} == {
        ("hormone", "IGF-1"),  # sarcopenia.md ASSOCIATED_WITH_BIOMARKER
        ("organ", "Skeletal Muscle"),  # AFFECTS_ORGAN, and skeletal-muscle.md ASSOCIATED_WITH_CONDITION
        ("treatment", "Resistance Training"),  # TREATED_BY_INTERVENTION / resistance-training.md TREATS
        ("treatment", "Creatine"),  # May Improve Condition list / creatine.md IMPROVES
        ("treatment", "Leucine"),  # leucine.md IMPROVES
        ("condition", "Falls"),  # RISK_FACTOR_FOR: stubs typed by the range
        ("condition", "Frailty"),
        ("pathway", "Autophagy"),  # autophagy.md ASSOCIATED_WITH_CONDITION
    }
    creatine = next(r for r in rows if r["name"] == "Creatine")
    assert (creatine["evidence_level"], creatine["source"]) == (3, "curated")


def test_conditions_for_the_mtor_pathway(driver: neo4j.Driver):
    rows = run(driver, "conditions-for", name="mTOR Pathway")
    assert {(r["condition"], r["via"]) for r in rows} == {
        ("Cancer", "direct"),  # mtor-pathway.md
        ("Type 2 Diabetes", "direct"),
        ("Cancer", "regulator"),  # IGF-1 activates the pathway; igf-1.md ASSOCIATED_WITH_CONDITION Cancer
        ("Laron Syndrome", "regulator"),  # igf-1.md, laron-syndrome.md
        ("Sarcopenia", "regulator"),  # sarcopenia.md ASSOCIATED_WITH_BIOMARKER IGF-1; Resistance Training TREATS
        ("Type 2 Diabetes", "regulator"),  # Insulin activates the pathway; insulin.md
    }


def test_candidate_interventions_for_sarcopenia(driver: neo4j.Driver):
    rows = run(driver, "candidate-interventions", name="Sarcopenia")
    # Targets linked to Sarcopenia: IGF-1 (hormone) and Autophagy (pathway). Resistance Training, Creatine and
    # Leucine already treat or improve it and are left out.
    assert {r["name"]: r["supporting_paths"] for r in rows} == {
        "Caloric Restriction": 1,  # DECREASES IGF-1
        "Rapamycin": 1,  # ACTIVATES Autophagy
        "Spermidine": 1,  # INCREASES Autophagy
        "Fasting": 1,  # ACTIVATES and INCREASES Autophagy: one target, one path
    }


def test_shared_mechanisms(driver: neo4j.Driver):
    rows = run(driver, "shared-mechanisms", a="Type 2 Diabetes", b="Cancer")
    assert [(r["type"], r["name"]) for r in rows] == [("pathway", "mTOR Pathway")]  # mtor-pathway.md


def test_condition_biomarkers(driver: neo4j.Driver):
    rows = run(driver, "condition-biomarkers", name="T2D")  # an alias of Type 2 Diabetes
    assert {(r["name"], r["relationship"], r["via"]) for r in rows} == {
        ("HbA1c", "ASSOCIATED_WITH_BIOMARKER", None),  # type-2-diabetes.md
        ("HbA1c Test", "DETECTS", None),  # hba1c-test.md May Detect
        ("HbA1c Test", "MEASURES", "HbA1c"),  # hba1c-test.md Measures
    }


def test_entity_card(driver: neo4j.Driver):
    rows = run(driver, "entity-card", name="IGF-1")
    card = {(r["relationship"], r["direction"]): r["neighbours"] for r in rows}
    assert card[("ACTIVATES", "out")] == ["AKT1", "mTOR Pathway"]
    assert card[("REGULATES", "in")] == ["Growth Hormone"]
    assert card[("MEASURES", "in")] == ["IGF-1 Serum Test"]
    assert card[("ASSOCIATED_WITH_BIOMARKER", "in")] == ["Laron Syndrome", "Sarcopenia"]
    assert {r["entity"] for r in rows} == {"IGF-1"}


def test_unresolved_links(driver: neo4j.Driver):
    rows = run(driver, "unresolved-links")
    assert rows[0]["name"] in ("Muscle Protein Synthesis", "Muscle_Protein_Synthesis")
    assert rows[0]["notes"] == 2  # igf-1.md and mtor-pathway.md
    assert len(rows) == 11


def test_hubs_and_no_contradictions(driver: neo4j.Driver):
    hubs = [r["name"] for r in run(driver, "hubs-and-islands") if r["type"] == "hormone"]
    assert hubs == ["IGF-1", "Insulin", "Growth Hormone"]
    assert run(driver, "contradictions") == []


def test_find_entity_by_alias_and_nothing(driver: neo4j.Driver):
    assert [r["id"] for r in run(driver, "find-entity", name="sirolimus")] == ["drug:rapamycin"]
    assert run(driver, "find-entity", name="no such thing") == []
