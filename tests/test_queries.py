"""The query library on the example garden, through the driver as `onto query` runs it.

Every expected answer was worked out by reading examples/garden (the file that states each
fact is named beside it), not by running the query.
"""

from __future__ import annotations

import neo4j
import pytest

from conftest import EXAMPLE_GARDEN, LIBRARY, ask, wipe
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.queries import bind, run_read

pytestmark = pytest.mark.neo4j

REQUIRED = {
    "pathway-members", "upstream-regulators", "downstream-effects", "net-effect", "pathway-crosstalk",
    "pathway-modulators", "condition-profile", "conditions-for", "candidate-interventions", "shared-mechanisms",
    "condition-biomarkers", "entity-card", "unresolved-links", "contradictions", "hubs-and-islands", "find-entity",
}  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def example(driver: neo4j.Driver, ontology: Ontology) -> None:
    wipe(driver)
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(driver), ontology)


def test_the_library_has_every_question_with_a_documented_header():
    assert set(LIBRARY) >= REQUIRED
    for query in LIBRARY.values():
        assert query.description, query.name
        assert query.columns, query.name


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_runs_with_its_example_parameters_and_returns_its_documented_columns(
    driver: neo4j.Driver, name: str
):
    text, params = bind(LIBRARY[name], LIBRARY[name].params)
    columns, _ = run_read(driver, text, params)
    assert columns == list(LIBRARY[name].columns)


def test_every_query_that_can_return_many_rows_takes_a_limit_and_says_the_total():
    for query in LIBRARY.values():
        if query.name == "net-effect":  # one row per pair; its list of paths is what is limited
            assert "limit" in query.optional and "paths_total" in query.columns
            continue
        if query.name == "entity-card":  # one row per relationship type; neighbours limited per row
            assert "limit" in query.optional and "count" in query.columns
            continue
        assert "limit" in query.optional, query.name
        assert {"total", "in_category"} & set(query.columns), query.name


def test_pathway_members(driver: neo4j.Driver):
    # akt1.md PARTICIPATES_IN_PATHWAY mTOR Pathway; mtorc1.md (table) PART_OF mTOR Pathway
    rows = ask(driver, "pathway-members", name="mtor pathway")
    assert {(r["type"], r["name"], r["relationship"]) for r in rows} == {
        ("protein", "AKT1", "PARTICIPATES_IN"),
        ("protein", "mTORC1", "PART_OF"),
    }
    assert {r["total"] for r in rows} == {2}


def test_upstream_regulators_of_autophagy(driver: neo4j.Driver):
    direct = {r["name"]: r["effect"] for r in ask(driver, "upstream-regulators", name="Autophagy", max_hops=1)}
    assert direct == {
        "IGF-1": "decreases",  # igf-1.md INHIBITS
        "mTOR Pathway": "decreases",  # mtor-pathway.md INHIBITS
        "mTORC1": "decreases",  # mtorc1.md table INHIBITS
        "AMPK": "increases",  # ampk.md ACTIVATES
        "SIRT1": "increases",  # sirt1.md ACTIVATES [[autophagy]]
        "FOXO3": "increases",  # foxo3.md list "Activates"
        "Rapamycin": "increases",  # rapamycin.md ACTIVATES
        "Spermidine": "increases",  # spermidine.md INCREASES, autophagy.md INCREASED_BY
        "Fasting": "increases",  # fasting.md ACTIVATES, autophagy.md INCREASED_BY
    }
    two = {r["name"]: r for r in ask(driver, "upstream-regulators", name="Autophagy", max_hops=2)}
    # metformin.md ACTIVATES AMPK; ampk.md ACTIVATES Autophagy
    assert (two["Metformin"]["effect"], two["Metformin"]["hops"]) == ("increases", 2)
    assert two["Metformin"]["path"] == "Metformin -ACTIVATES-> AMPK -ACTIVATES-> Autophagy"
    # leucine.md ACTIVATES mTORC1; mTORC1 INHIBITS Autophagy
    assert (two["Leucine"]["effect"], two["Leucine"]["hops"]) == ("decreases", 2)
    # fasting.md: ACTIVATES and autophagy.md INCREASED_BY: two facts, one step, one path
    assert (two["Fasting"]["paths"], two["Fasting"]["path"]) == (1, "Fasting -ACTIVATES|INCREASES-> Autophagy")
    # Caloric Restriction reaches it in 2 steps through AMPK (caloric-restriction.md, ampk.md) and through
    # IGF-1 (caloric-restriction.md DECREASES, igf-1.md INHIBITS): both raise it
    assert (two["Caloric Restriction"]["effect"], two["Caloric Restriction"]["paths"]) == ("increases", 2)
    assert {r["total"] for r in two.values()} == {len(two)}


def test_downstream_effects_of_igf1(driver: neo4j.Driver):
    rows = ask(driver, "downstream-effects", name="Somatomedin C", max_hops=1)  # an alias of IGF-1
    assert {r["name"]: r["effect"] for r in rows} == {
        "AKT1": "increases",  # igf-1.md ACTIVATES
        "mTOR Pathway": "increases",
        "Autophagy": "decreases",  # INHIBITS
        "Muscle Protein Synthesis": "increases",  # INCREASES, a stub
        "Cancer": "harms",  # INCREASES_RISK_OF: a clinical answer, never a step
    }


def test_downstream_effects_never_carry_a_sign_through_a_clinical_fact(driver: neo4j.Driver):
    # igf-1.md INCREASES_RISK_OF Cancer; type-2-diabetes.md RISK_FACTOR_FOR Cancer: nothing goes on from Cancer,
    # and Insulin Sensitivity PREVENTS Type 2 Diabetes (insulin-sensitivity.md) stops there too.
    rows = ask(driver, "downstream-effects", name="Growth Hormone", max_hops=3)
    effects = {r["name"]: (r["effect"], r["hops"]) for r in rows}
    assert effects["IGF-1"] == ("increases", 1)  # growth-hormone.md INCREASES
    assert effects["Insulin Sensitivity"] == ("decreases", 1)  # growth-hormone.md DECREASES
    assert effects["Autophagy"] == ("decreases", 2)  # through IGF-1, which INHIBITS it
    assert "Cancer" not in effects and "Type 2 Diabetes" not in effects


def test_net_effect_of_igf1_on_autophagy(driver: neo4j.Driver):
    [row] = ask(driver, "net-effect", a="IGF-1", b="Autophagy", max_hops=3)
    # direct INHIBITS; via mTOR Pathway (+,-); via AKT1 -> mTORC1 (+,+,-); via AKT1 -> FOXO3 (+,-,+)
    assert (row["verdict"], row["direct"], row["shortest"]) == ("decreases", "decreases", 1)
    assert (row["paths_up"], row["paths_down"], row["paths_both"], row["paths_total"]) == (0, 4, 0, 4)
    assert row["by_length"] == ["1 step: 0 up, 1 down", "2 steps: 0 up, 1 down", "3 steps: 0 up, 2 down"]
    assert row["paths"][0] == "(-) IGF-1 -INHIBITS-> Autophagy"
    assert "(-) IGF-1 -ACTIVATES-> mTOR Pathway -INHIBITS-> Autophagy" in row["paths"]


def test_net_effect_of_growth_hormone_on_autophagy_is_what_biology_says(driver: neo4j.Driver):
    # growth-hormone.md INCREASES IGF-1 and DECREASES Insulin Sensitivity (a trait, not the hormone insulin);
    # igf-1.md INHIBITS Autophagy. Every path runs through IGF-1 and lowers autophagy.
    [row] = ask(driver, "net-effect", a="Growth Hormone", b="Autophagy", max_hops=4)
    assert (row["verdict"], row["shortest"], row["paths_up"]) == ("decreases", 2, 0)
    assert row["paths"][0] == "(-) Growth Hormone -INCREASES-> IGF-1 -INHIBITS-> Autophagy"


def test_net_effect_lets_the_direct_fact_decide_and_counts_the_longer_paths(driver: neo4j.Driver):
    # fasting.md DECREASES IGF-1 (1 step, -) and INCREASES Growth Hormone, which INCREASES IGF-1 (2 steps, +):
    # the measured fall decides; the longer inference is counted, not obeyed.
    [row] = ask(driver, "net-effect", a="Fasting", b="IGF-1", max_hops=3)
    assert (row["verdict"], row["direct"]) == ("decreases", "decreases")
    assert row["by_length"][:2] == ["1 step: 0 up, 1 down", "2 steps: 1 up, 0 down"]


def test_net_effect_increases_and_no_path(driver: neo4j.Driver):
    # caloric-restriction.md ACTIVATES AMPK -> Autophagy (+); DECREASES IGF-1 -| Autophagy (-,-)
    [row] = ask(driver, "net-effect", a="Caloric Restriction", b="Autophagy", max_hops=2)
    assert (row["verdict"], row["paths_up"], row["paths_down"], row["direct"]) == ("increases", 2, 0, None)
    [none] = ask(driver, "net-effect", a="Autophagy", b="IGF-1", max_hops=3)
    assert (none["verdict"], none["paths"], none["paths_total"]) == ("no path", [], 0)


def test_net_effect_lists_at_most_limit_paths_and_counts_them_all(driver: neo4j.Driver):
    [row] = ask(driver, "net-effect", a="IGF-1", b="Autophagy", max_hops=3, limit=2)
    assert len(row["paths"]) == 2 and row["paths_total"] == 4


def test_pathway_crosstalk(driver: neo4j.Driver):
    rows = ask(driver, "pathway-crosstalk", a="mTOR Pathway", b="Autophagy")
    # mtor-pathway.md INHIBITS Autophagy; igf-1.md ACTIVATES mTOR Pathway and INHIBITS Autophagy;
    # insulin.md ACTIVATES mTOR Pathway (autophagy only through FOXO3); resistance-training.md none to Autophagy
    assert {(r["kind"], r["name"], r["detail"]) for r in rows} == {
        ("direct link", "INHIBITS", "mTOR Pathway -INHIBITS-> Autophagy"),
        ("shared regulator", "IGF-1", "increases mTOR Pathway, decreases Autophagy"),
    }


def test_pathway_modulators(driver: neo4j.Driver):
    rows = ask(driver, "pathway-modulators", name="mTOR Pathway")
    assert {(r["name"], r["acts_on"], r["effect"]) for r in rows} == {
        ("IGF-1", "mTOR Pathway", "increases"),  # igf-1.md ACTIVATES
        ("Insulin", "mTOR Pathway", "increases"),  # insulin.md
        ("Resistance Training", "mTOR Pathway", "increases"),  # resistance-training.md
        ("Leucine", "mTOR Pathway", "REGULATES"),  # mtor-pathway.md "Modulated By" list: no direction
        ("IGF-1", "AKT1", "increases"),  # AKT1 is a member (akt1.md)
        ("Insulin", "AKT1", "increases"),
        ("Rapamycin", "mTORC1", "decreases"),  # mTORC1 is a member (mtorc1.md)
        ("Leucine", "mTORC1", "increases"),  # leucine.md
    }
    assert rows[0]["acts_on"] == "mTOR Pathway"  # those acting on the pathway itself come first


def test_condition_profile_of_sarcopenia(driver: neo4j.Driver):
    rows = ask(driver, "condition-profile", name="Sarcopenia")
    assert {(r["category"], r["name"]) for r in rows} == {
        ("hormone", "IGF-1"),  # sarcopenia.md ASSOCIATED_WITH_BIOMARKER
        ("organ", "Skeletal Muscle"),  # AFFECTS_ORGAN, and skeletal-muscle.md ASSOCIATED_WITH_CONDITION
        ("treatment", "Resistance Training"),  # TREATED_BY_INTERVENTION / resistance-training.md TREATS
        ("treatment", "Creatine"),  # May Improve Condition list / creatine.md IMPROVES
        ("treatment", "Leucine"),  # leucine.md IMPROVES
        ("condition", "Falls"),  # RISK_FACTOR_FOR: stubs typed by the relationship
        ("condition", "Frailty"),
        ("pathway", "Autophagy"),  # autophagy.md ASSOCIATED_WITH_CONDITION
    }
    assert [r["category"] for r in rows][:3] == ["treatment"] * 3  # treatments first
    creatine = next(r for r in rows if r["name"] == "Creatine")
    assert (creatine["evidence_level"], creatine["source"]) == (3, "curated")
    assert rows[0]["name"] == "Creatine"  # the only treatment with an evidence level
    one_each = ask(driver, "condition-profile", name="Sarcopenia", limit=1)
    assert {(r["category"], r["in_category"]) for r in one_each} == {
        ("treatment", 3), ("condition", 2), ("hormone", 1), ("organ", 2), ("pathway", 1)
    }  # fmt: skip


def test_conditions_for_the_mtor_pathway(driver: neo4j.Driver):
    rows = ask(driver, "conditions-for", name="mTOR Pathway")
    assert {(r["condition"], r["via"], r["through"]) for r in rows} == {
        ("Cancer", "direct", "mTOR Pathway"),  # mtor-pathway.md
        ("Type 2 Diabetes", "direct", "mTOR Pathway"),
        ("Cancer", "member", "mTORC1"),  # mtorc1.md PART_OF the pathway, CONTRIBUTES_TO Cancer
        ("Cancer", "regulator", "IGF-1"),  # igf-1.md ACTIVATES the pathway, INCREASES_RISK_OF Cancer
        ("Laron Syndrome", "regulator", "IGF-1"),  # igf-1.md, laron-syndrome.md
        ("Sarcopenia", "regulator", "IGF-1"),  # sarcopenia.md ASSOCIATED_WITH_BIOMARKER IGF-1
        ("Type 2 Diabetes", "regulator", "Insulin"),  # insulin.md ACTIVATES the pathway
        ("Sarcopenia", "regulator", "Resistance Training"),  # resistance-training.md ACTIVATES, TREATS
    }
    assert [r["via"] for r in rows][:2] == ["direct", "direct"]


def test_candidate_interventions_for_cancer(driver: neo4j.Driver):
    rows = ask(driver, "candidate-interventions", name="Cancer")
    # igf-1.md INCREASES_RISK_OF Cancer: what lowers IGF-1 helps. caloric-restriction.md and fasting.md
    # DECREASE it. mtorc1.md CONTRIBUTES_TO Cancer: Rapamycin INHIBITS mTORC1, but rapamycin.md already
    # TREATS Cancer; Leucine ACTIVATES mTORC1, the harmful way, and is no candidate.
    assert {r["name"]: (r["supporting"], r["against"]) for r in rows} == {
        "Caloric Restriction": (1, 0),
        "Fasting": (1, 0),
    }
    fasting = next(r for r in rows if r["name"] == "Fasting")
    assert fasting["via"] == ["Fasting -DECREASES-> IGF-1 -INCREASES_RISK_OF-> Cancer"]


def test_candidate_interventions_for_type_2_diabetes(driver: neo4j.Driver):
    rows = ask(driver, "candidate-interventions", name="T2D")
    # insulin-sensitivity.md PREVENTS Type 2 Diabetes: what raises it helps. resistance-training.md INCREASES
    # it; growth-hormone.md DECREASES it, but a hormone is no intervention. Metformin already TREATS it.
    assert [(r["name"], r["via"]) for r in rows] == [
        ("Resistance Training", ["Resistance Training -INCREASES-> Insulin Sensitivity -PREVENTS-> Type 2 Diabetes"])
    ]


def test_shared_mechanisms(driver: neo4j.Driver):
    rows = ask(driver, "shared-mechanisms", a="Type 2 Diabetes", b="Cancer")
    # mtor-pathway.md links both; cancer.md ASSOCIATED_WITH_GENE FOXO3 but FOXO3 has nothing with T2D
    assert [(r["type"], r["name"]) for r in rows] == [("pathway", "mTOR Pathway")]


def test_condition_biomarkers(driver: neo4j.Driver):
    rows = ask(driver, "condition-biomarkers", name="T2D")  # an alias of Type 2 Diabetes
    assert {(r["name"], r["relationship"], r["via"]) for r in rows} == {
        ("HbA1c", "ASSOCIATED_WITH_BIOMARKER", None),  # type-2-diabetes.md
        ("HbA1c Test", "DETECTS", None),  # hba1c-test.md May Detect, evidence_level 5
        ("HbA1c Test", "MEASURES", "HbA1c"),  # hba1c-test.md Measures
    }
    assert (rows[0]["name"], rows[0]["evidence_level"]) == ("HbA1c Test", 5)  # highest evidence first


def test_entity_card(driver: neo4j.Driver):
    rows = ask(driver, "entity-card", name="IGF-1")
    card = {(r["relationship"], r["direction"]): r["neighbours"] for r in rows}
    assert card[("ACTIVATES", "out")] == ["AKT1", "mTOR Pathway"]  # AKT1: stated by two notes
    assert card[("INCREASES", "in")] == ["Growth Hormone"]  # growth-hormone.md, igf-1.md INCREASED_BY
    assert card[("DECREASES", "in")] == ["Caloric Restriction", "Fasting"]
    assert card[("MEASURES", "in")] == ["IGF-1 Serum Test"]
    assert card[("ASSOCIATED_WITH_BIOMARKER", "in")] == ["Laron Syndrome", "Sarcopenia"]
    assert {r["entity"] for r in rows} == {"IGF-1"}
    limited = ask(driver, "entity-card", name="IGF-1", limit=1)
    decreases = next(r for r in limited if r["relationship"] == "DECREASES")
    assert (decreases["count"], len(decreases["neighbours"])) == (2, 1)


def test_unresolved_links(driver: neo4j.Driver):
    rows = ask(driver, "unresolved-links")
    assert rows[0]["name"] in ("Muscle Protein Synthesis", "Muscle_Protein_Synthesis")
    assert rows[0]["notes"] == 2  # igf-1.md and mtor-pathway.md
    assert len(rows) == rows[0]["total"] == 11


def test_hubs_and_no_contradictions(driver: neo4j.Driver):
    hubs = [r["name"] for r in ask(driver, "hubs-and-islands") if r["type"] == "hormone"]
    assert hubs == ["IGF-1", "Insulin", "Growth Hormone"]
    assert ask(driver, "contradictions") == []


def test_find_entity_by_alias_text_and_near_spelling(driver: neo4j.Driver):
    assert [r["id"] for r in ask(driver, "find-entity", name="sirolimus")] == ["drug:rapamycin"]
    first = ask(driver, "find-entity", name="insulin-like growth factor")[0]
    assert (first["name"], first["matched"]) == ("IGF-1", "text")  # igf-1.md's alias
    near = ask(driver, "find-entity", name="spermidin")[0]
    assert (near["name"], near["matched"]) == ("Spermidine", "close")
    assert ask(driver, "find-entity", name="xyzzy qwerty") == []
