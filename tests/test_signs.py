"""Signs with a meaning, and statements checked against their type's domain and range (no database).

A sign says which way a fact moves its target's activity, amount or expression. It is kept only
between entities that can go up or down; clinical facts say they help or harm, and never carry a
sign; a statement written from the other side is turned round; papers report what they study.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import LIBRARY
from onto.model import Graph
from onto.ontology import Ontology, load_ontology
from onto.pipeline import scan_garden
from onto.problems import Problem
from test_notes import write


def scan(root: Path, ontology: Ontology) -> tuple[Graph, list[Problem]]:
    found = scan_garden(root, ontology)
    return found.graph, found.report.problems


def facts(g: Graph) -> dict[tuple[str, str, str], dict[str, object]]:
    return {(r.source, r.type, r.target): r.properties for r in g.relationships}


def note(root: Path, path: str, type_: str, title: str, *lines: str) -> None:
    write(root, path, f"---\ntype: {type_}\ntitle: {title}\n---\n" + "\n".join(lines) + "\n")


def test_a_signed_fact_says_what_it_moves(tmp_path: Path, ontology: Ontology):
    note(tmp_path, "a.md", "protein", "A", "ACTIVATES:: [[B]]", "DECREASES:: [[C]]", "UPREGULATES:: [[D]]")
    for name in "BCD":
        note(tmp_path, f"{name.lower()}.md", "gene", name)
    found = facts(scan(tmp_path, ontology)[0])
    assert (
        found[("protein:a", "ACTIVATES", "gene:b")]["sign"],
        found[("protein:a", "ACTIVATES", "gene:b")]["aspect"],
    ) == (1, "activity")
    assert (
        found[("protein:a", "DECREASES", "gene:c")]["sign"],
        found[("protein:a", "DECREASES", "gene:c")]["aspect"],
    ) == (-1, "abundance")
    assert found[("protein:a", "UPREGULATES", "gene:d")]["aspect"] == "expression"


def test_false_friends_keep_their_meaning(tmp_path: Path, ontology: Ontology):
    note(
        tmp_path, "af.md", "condition", "Atrial Fibrillation",
        "REDUCED_BY_DRUG:: [[Warfarin]] - stroke prevention",
        "CLEAVED_BY:: [[Secretase]]",
    )  # fmt: skip
    note(tmp_path, "w.md", "drug", "Warfarin")
    note(tmp_path, "s.md", "protein", "Secretase", "UPREGULATES:: [[Notch]]")
    found = facts(scan(tmp_path, ontology)[0])
    # reduced by a drug: the drug improves the condition; it does not lower an amount
    improves = found[("drug:w", "IMPROVES", "condition:af")]
    assert "sign" not in improves and improves["clinical_effect"] == "helps"
    # cleavage can switch a target on: no sign; upregulation is expression, not activity
    assert "sign" not in found[("protein:s", "CLEAVES", "condition:af")]
    assert found[("protein:s", "UPREGULATES", "stub:notch")]["aspect"] == "expression"


def test_clinical_facts_help_or_harm_and_never_carry_a_sign(tmp_path: Path, ontology: Ontology):
    note(tmp_path, "d.md", "drug", "D", "TREATS:: [[Illness]]", "WORSENS:: [[Other]]", "PREVENTS:: [[Third]]")
    note(tmp_path, "h.md", "hormone", "H", "INCREASES_RISK_OF:: [[Illness]]", "CONTRIBUTES_TO:: [[Other]]")
    g, _ = scan(tmp_path, ontology)
    for rel in g.relationships:
        assert "sign" not in rel.properties, rel
    effects = {r.type: r.properties["clinical_effect"] for r in g.relationships}
    assert effects == {"TREATS": "helps", "WORSENS": "harms", "PREVENTS": "helps",
                       "INCREASES_RISK_OF": "harms", "CONTRIBUTES_TO": "harms"}  # fmt: skip


def test_a_signed_type_pointed_at_a_condition_keeps_no_sign_and_is_reported(tmp_path: Path, ontology: Ontology):
    note(tmp_path, "s.md", "supplement", "S", "DECREASES:: [[Gout]]")
    note(tmp_path, "g.md", "condition", "Gout")
    g, problems = scan(tmp_path, ontology)
    [rel] = g.relationships
    assert (rel.type, "sign" in rel.properties) == ("DECREASES", False)
    [problem] = [p for p in problems if p.code == "domain-range"]
    assert (problem.file, problem.line) == ("s.md", 5)
    assert "DECREASES does not go to a condition" in problem.message and "no sign" in problem.message


def test_an_edge_direction_signs_a_type_that_has_none(tmp_path: Path, ontology: Ontology):
    write(
        tmp_path, "m.md",
        "---\ntype: supplement\ntitle: M\n---\n### Affects Biomarker\n- → [[Cortisol]] (biomarker)\n"
        "```yaml\neffect_direction: decreases\n```\n"
        "- → [[Glucose]] (biomarker)\n```yaml\neffect_direction: modulates\n```\n"
        "### Activates\n- → [[Target]] (protein)\n```yaml\neffect_direction: decreases\n```\n",
    )  # fmt: skip
    g, problems = scan(tmp_path, ontology)
    found = facts(g)
    assert found[("supplement:m", "AFFECTS", "stub:cortisol")]["sign"] == -1
    assert "sign" not in found[("supplement:m", "AFFECTS", "stub:glucose")]  # 'modulates' says no direction
    assert found[("supplement:m", "ACTIVATES", "stub:target")]["sign"] == 1  # the type says; the clash is reported
    assert [p.code for p in problems if p.severity.value == "warning"] == ["edge-direction"]


def test_a_statement_written_from_the_other_side_is_turned_round(tmp_path: Path, ontology: Ontology):
    # PrimeKG lists each disease-phenotype pair both ways; in a phenotype note, "Excludesphenotype" points
    # at a condition: the phenotype is the object, whichever arrow the line carries.
    write(
        tmp_path, "anxiety.md",
        "---\ntype: phenotype\ntitle: Anxiety\n---\n### Excludesphenotype\n- → [[Norrie disease]] (entity)\n"
        "- ← [[Norrie disease]] (entity)\n",
    )  # fmt: skip
    note(tmp_path, "hydration.md", "condition", "Dehydration", "TREATS_CONDITION:: [[Fluids]]")
    note(tmp_path, "fluids.md", "intervention", "Fluids")
    g, problems = scan(tmp_path, ontology)
    assert set(facts(g)) == {
        ("stub:norriedisease", "EXCLUDES_PHENOTYPE", "phenotype:anxiety"),  # one fact, from the condition
        ("intervention:fluids", "TREATS", "condition:hydration"),
    }
    stub = next(n for n in g.nodes if n.id == "stub:norriedisease")
    assert stub.labels == ("Condition",)  # the domain's one type, once turned
    assert {p.code for p in problems if p.code == "turned-round"} == {"turned-round"}


def test_what_a_paper_states_is_what_it_studies(tmp_path: Path, ontology: Ontology):
    note(
        tmp_path, "paper.md", "research", "SIRT1 and resveratrol", "ACTIVATES:: [[SIRT1]]", "STUDIED_TOPIC:: [[Aging]]"
    )
    note(tmp_path, "sirt1.md", "protein", "SIRT1", "ACTIVATES:: [[Autophagy]]")
    g, problems = scan(tmp_path, ontology)
    found = facts(g)
    claim = found[("research:paper", "STUDIES", "protein:sirt1")]
    assert (claim["stated_as"], "sign" in claim) == (["ACTIVATES"], False)
    assert found[("protein:sirt1", "ACTIVATES", "stub:autophagy")]["sign"] == 1  # a protein's own fact is kept
    assert [p.code for p in problems if p.code == "reported-claim"] == ["reported-claim"]


def test_the_signed_walks_of_the_library_use_every_type_that_can_carry_a_sign(ontology: Ontology):
    signable = {t.name for t in ontology.relationship_types if t.sign is not None or t.sign_from_edge}
    clinical = {t.name for t in ontology.relationship_types if t.clinical_effect is not None}
    for query in LIBRARY.values():
        for variable, types in re.findall(r"\[(\w+):([A-Z_|]+) WHERE \1\.sign", query.text):
            assert set(types.split("|")) == signable, (query.name, variable)
        for variable, types in re.findall(r"\[(\w+):([A-Z_|]+) WHERE \1\.clinical_effect", query.text):
            assert set(types.split("|")) == clinical, (query.name, variable)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ("    sign: 1\n    aspect: activity\n", "    sign: 1\n"),  # a sign says what it moves
        (  # a risk is no amount that a chain of effects can carry
            "    clinical_effect: helps\n    description: The source is used to treat",
            "    clinical_effect: helps\n    sign: 1\n    aspect: abundance\n"
            "    description: The source is used to treat",
        ),
        ("    stub_type: condition\n", "    stub_type: planet\n"),
    ],
)
def test_the_ontology_refuses_signs_without_meaning(tmp_path: Path, change: str, error: str):
    from shutil import copytree

    from onto.ontology import OntologyError, default_ontology_dir

    folder = tmp_path / "ontology"
    copytree(default_ontology_dir(), folder)
    path = folder / "relationship_types.yaml"
    text = path.read_text(encoding="utf-8")
    assert change in text
    path.write_text(text.replace(change, error, 1), encoding="utf-8")
    with pytest.raises(OntologyError):
        load_ontology(folder)
