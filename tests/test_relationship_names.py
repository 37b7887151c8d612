"""Relationship names the ontology does not list, read by rule (relationship_names.py).

The names here are made up for the tests, in the patterns gardens use: none is an alias in
ontology/, and what each must mean follows from the declared type it is a form of."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onto.ontology import Ontology
from onto.pipeline import scan_garden
from onto.relationship_names import third_person, words
from test_notes import write

# name -> (declared type, written from the other side, the linked note's type)
READ = {
    "BLOCKS_RECEPTOR": ("INHIBITS", False, "protein"),  # BLOCKS, then a kind of note
    "SUPPRESSED_BY_DRUG": ("INHIBITS", True, "drug"),
    "ENHANCED_BY_SUPPLEMENT": ("INCREASES", True, "supplement"),
    "upregulatedByHormone": ("UPREGULATES", True, "hormone"),
    "LOWERS_BIOMARKER": ("DECREASES", False, "biomarker"),
    "CORRELATES_WITH_BIOMARKER": ("CORRELATES_WITH", False, "biomarker"),
    "Phosphorylating": ("PHOSPHORYLATES", False, None),
    "ACTIVATE": ("ACTIVATES", False, None),
    "Inhibitors": ("INHIBITS", True, None),
    "Activators": ("ACTIVATES", True, None),
    "Degraders": ("DEGRADES", True, None),
    "Drugs That Inhibit It": ("INHIBITS", True, "drug"),
    "Genes Regulating Sleep": ("REGULATES", True, "gene"),
    "Supplements": ("ASSOCIATED_WITH", False, "supplement"),
    "Lab Tests": ("ASSOCIATED_WITH", False, "labtest"),
    "Conditions Linked to Low Levels": ("ASSOCIATED_WITH_CONDITION", False, "condition"),
    "Promising Supplements (Early Trials)": ("ASSOCIATED_WITH", False, "supplement"),
}
# Names no rule may read: nothing in them is a declared verb or a kind of note, or the kind
# is a modifier of something else ("disease-modifying approaches" are no diseases).
UNREAD = ["Historical Notes", "Further Reading", "Adverse Effects", "Disease-Modifying Approaches", "Background"]


@pytest.mark.parametrize("name", READ)
def test_a_name_made_of_known_parts_is_read_by_rule(ontology: Ontology, name: str) -> None:
    assert ontology.relationship_by_name(name) is None  # not declared: read by a rule
    match = ontology.relationship(name)
    assert match is not None, name
    assert (match.type.name, match.reversed, match.hint) == READ[name]
    assert match.rule


@pytest.mark.parametrize("name", UNREAD)
def test_a_name_with_no_known_part_stays_undeclared(ontology: Ontology, name: str) -> None:
    assert ontology.relationship(name) is None


def test_declared_names_are_read_as_declared(ontology: Ontology) -> None:
    for rel_type in ontology.relationship_types:
        for name in (rel_type.name, *rel_type.aliases):
            match = ontology.relationship(name)
            assert match is not None and match.type == rel_type and match.rule is None, name


def test_words_and_verb_forms() -> None:
    assert words("AFFECTED_BY_SUPPLEMENT") == words("affectedBySupplement") == ("affected", "by", "supplement")
    assert words("Anti-Inflammatory Interventions") == ("antiinflammatory", "interventions")
    for form in ("activated", "activating", "activate", "activation"):
        assert "activates" in third_person(form), form
    assert "modifies" in third_person("modified")


def test_a_garden_written_with_new_names_lands_on_declared_types(tmp_path: Path, ontology: Ontology) -> None:
    write(
        tmp_path, "protein/kinase-x.md",
        "---\ntype: protein\ntitle: Kinase X\n---\nSUPPRESSED_BY_DRUG:: [[Blockamab]]\n"
        "### Activators\n- → [[Growth Signal]]\n### Supplements Raising It\n- → [[Zinc]]\n",
    )  # fmt: skip
    scan = scan_garden(tmp_path, ontology)
    facts = {(r.type, r.source, r.target): r for r in scan.graph.relationships}
    nodes = {n.id: n for n in scan.graph.nodes}
    inhibits = facts[("INHIBITS", "stub:blockamab", "protein:kinase-x")]
    assert inhibits.properties["sign"] == -1 and nodes["stub:blockamab"].labels == ("Drug",)
    assert ("ACTIVATES", "stub:growthsignal", "protein:kinase-x") in facts
    assert ("INCREASES", "stub:zinc", "protein:kinase-x") in facts and nodes["stub:zinc"].labels == ("Supplement",)
    read_as = [p for p in scan.report.problems if p.code == "read-as"]
    assert {p.line for p in read_as} == {5, 7, 9}  # the field, and the items under the two headings
    assert not [p for p in scan.report.problems if p.code == "unknown-relationship"]


def test_seed_era_states_at_least_99_5_percent_of_its_facts_in_declared_types(
    seed_era: Path, ontology: Ontology
) -> None:
    scan = scan_garden(seed_era, ontology)
    undeclared = 0
    for problem in scan.report.problems:
        if problem.code == "unknown-relationship":
            times = re.search(r"\((\d+) statements\)", problem.message)
            undeclared += int(times.group(1)) if times else 1
    assert scan.graph.statements > 15_000
    assert undeclared / scan.graph.statements <= 0.005, undeclared
