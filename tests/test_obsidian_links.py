"""Obsidian's own link forms, and links in frontmatter, read as Obsidian (and Dataview) read them.

Each case is written into a small vault laid out as Obsidian vaults are (`entities/<type>/`),
and what each link must reach is said beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from onto.ontology import Ontology
from onto.pipeline import GardenScan, scan_garden
from test_notes import write

NOTE = "entities/protein/kinase-x.md"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    write(tmp_path, "entities/organ/brain.md", "---\ntype: organ\ntitle: Brain\n---\n")
    write(tmp_path, "entities/organ/liver.md", "---\ntype: organ\ntitle: Liver\n---\n")
    write(tmp_path, "entities/hormone/cortisol.md", "---\ntype: hormone\ntitle: Cortisol\n---\n")
    write(tmp_path, "entities/biomarker/cortisol.md", "---\ntype: biomarker\ntitle: Cortisol\n---\n")
    write(tmp_path, "entities/pathway/big-note.md", "---\ntype: pathway\ntitle: Big Note\n---\n")
    return tmp_path


def facts_of(
    vault: Path, ontology: Ontology, body: str, frontmatter: str = ""
) -> tuple[set[tuple[str, str]], GardenScan]:
    write(vault, NOTE, f"---\ntype: protein\ntitle: Kinase X\n{frontmatter}---\n{body}")
    scan = scan_garden(vault, ontology)
    facts = {(r.type, r.target) for r in scan.graph.relationships if r.source == "protein:kinase-x"}
    return facts, scan


# body line -> the (type, target id) it states
FORMS = {
    "ACTIVATES:: ![[Big Note]]": ("ACTIVATES", "pathway:big-note"),  # an embedded note is a link to it
    "ACTIVATES:: [[Big Note.md]]": ("ACTIVATES", "pathway:big-note"),
    "ACTIVATES:: [the big one](entities/pathway/Big%20Note.md)": ("ACTIVATES", "pathway:big-note"),
    "ACTIVATES:: [the big one](<entities/pathway/Big Note.md>)": ("ACTIVATES", "pathway:big-note"),
    "ACTIVATES:: [the big one](Big%20Note)": ("ACTIVATES", "pathway:big-note"),
    "**ACTIVATES**:: [[Big Note]]": ("ACTIVATES", "pathway:big-note"),
    "*ACTIVATES*:: [[Big Note]]": ("ACTIVATES", "pathway:big-note"),
    "__LOCATED_IN__:: [[Liver]]": ("LOCATED_IN", "organ:liver"),
    "A note (LOCATED_IN:: [[Liver]]) in passing": ("LOCATED_IN", "organ:liver"),
    "LOCATED_IN:: [[entities/organ/Brain|Brain]]": ("LOCATED_IN", "organ:brain"),
    "LOCATED_IN:: [[ENTITIES/Organ/BRAIN]]": ("LOCATED_IN", "organ:brain"),  # a vault path in any case
    # A path where no note is: its last part, so this is the note [[Brain]] names.
    "LOCATED_IN:: [[notes/old/Brain|Brain]]": ("LOCATED_IN", "organ:brain"),
    # Two notes named Cortisol: a path tells them apart.
    "REGULATES:: [[entities/hormone/Cortisol]]": ("REGULATES", "hormone:cortisol"),
    "REGULATES:: [[entities/biomarker/Cortisol|Cortisol]]": ("REGULATES", "biomarker:cortisol"),
}


@pytest.mark.parametrize("line", FORMS)
def test_each_obsidian_link_form_reaches_its_note(vault: Path, ontology: Ontology, line: str) -> None:
    facts, _ = facts_of(vault, ontology, line + "\n")
    assert facts == {FORMS[line]}


@pytest.mark.parametrize(
    "line",
    [
        "ACTIVATES:: ![[diagram.png]]",  # an embedded image says nothing about an entity
        "ACTIVATES:: [a paper](paper.pdf)",
        "ACTIVATES:: [the site](https://example.org/brain)",
        "ACTIVATES:: [this note's section](#Inputs)",
        "`ACTIVATES:: [[Big Note]]` in code",
    ],
)
def test_links_to_files_sites_and_code_state_nothing(vault: Path, ontology: Ontology, line: str) -> None:
    facts, _ = facts_of(vault, ontology, line + "\n")
    assert facts == set()


def test_a_vault_path_that_names_no_note_is_the_stub_its_last_part_names(vault: Path, ontology: Ontology) -> None:
    facts, scan = facts_of(vault, ontology, "LOCATED_IN:: [[entities/organs/Spleen|Spleen]]\nLOCATED_IN:: [[Spleen]]\n")
    assert facts == {("LOCATED_IN", "stub:spleen")}  # one node, not one named by the path
    (spleen,) = [n for n in scan.graph.nodes if n.id == "stub:spleen"]
    assert spleen.properties["name"] == "Spleen" and spleen.labels == ("Organ",)  # the folder's kind


def test_links_in_frontmatter_are_facts_typed_by_their_key(vault: Path, ontology: Ontology) -> None:
    frontmatter = (
        'activates: "[[Big Note]]"\n'
        'located_in: ["[[Liver]]", "[[entities/organ/Brain|Brain]]"]\n'
        "inhibits: [[Cortisol]]\n"  # unquoted: YAML reads a list in a list
        'half_life: "[[not a link]] but text"\n'
        "description: plain text\n"
    )
    facts, scan = facts_of(vault, ontology, "", frontmatter)
    assert {f for f in facts if f[0] != "INHIBITS"} == {
        ("ACTIVATES", "pathway:big-note"),
        ("LOCATED_IN", "organ:liver"),
        ("LOCATED_IN", "organ:brain"),
    }
    assert {f[0] for f in facts} == {"ACTIVATES", "LOCATED_IN", "INHIBITS"}
    (node,) = [n for n in scan.graph.nodes if n.id == "protein:kinase-x"]
    assert "activates" not in node.properties and "located_in" not in node.properties  # facts, not properties
    assert node.properties["half_life"] == "[[not a link]] but text"
    stated_as = {r.properties["stated_as"][0] for r in scan.graph.relationships if r.source == "protein:kinase-x"}
    assert stated_as == {"activates", "located_in", "inhibits"}  # the keys as written
