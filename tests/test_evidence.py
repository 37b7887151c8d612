"""No evidence overwritten: where notes give one fact different values, every value stays,
with the note that gave it; within one note, the later edit of an edge wins."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest

from conftest import ask
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.pipeline import scan_garden
from test_notes import write

EDGE = "### ACTIVATES\n- → [[mTOR Pathway]]\n```yaml\n{yaml}\n```\n"


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    write(tmp_path, "pathway/mtor-pathway.md", "---\ntype: pathway\ntitle: mTOR Pathway\n---\n")
    # One note with an older and a newer copy of one edge (as published notes keep them).
    write(
        tmp_path, "drug/rapalog.md",
        "---\ntype: drug\ntitle: Rapalog\n---\n"
        + EDGE.format(yaml="source: draft\nlast_modified: 2026-01-01")
        + EDGE.format(yaml="source: checked\nlast_modified: 2026-03-01"),
    )  # fmt: skip
    return tmp_path


def test_one_fact_two_notes_two_values(tmp_path: Path, ontology: Ontology) -> None:
    write(tmp_path, "pathway/mtor-pathway.md", "---\ntype: pathway\ntitle: mTOR Pathway\n---\n")
    write(
        tmp_path, "hormone/insulin.md",
        "---\ntype: hormone\ntitle: Insulin\n---\n"
        + EDGE.format(yaml="source: PrimeKG\neffect_direction: increases\nevidence_level: 2"),
    )  # fmt: skip
    write(
        tmp_path, "pathway/mtor-pathway.md",
        "---\ntype: pathway\ntitle: mTOR Pathway\n---\n### ACTIVATED_BY\n- → [[Insulin]]\n"
        "```yaml\nsource: curated\neffect_direction: increases\nevidence_level: 4\n```\n",
    )  # fmt: skip
    scan = scan_garden(tmp_path, ontology)
    (fact,) = [r.properties for r in scan.graph.relationships]
    assert fact["statements"] == 2
    assert fact["effect_direction"] == "increases"  # they agree: one value
    assert fact["source"] == ["PrimeKG", "curated"] and fact["evidence_level"] == [2, 4]  # in the notes' order
    by_note = json.loads(fact["values_by_note"])
    assert by_note == {
        "evidence_level": {"hormone/insulin.md": 2, "pathway/mtor-pathway.md": 4},
        "source": {"hormone/insulin.md": "PrimeKG", "pathway/mtor-pathway.md": "curated"},
    }


def test_within_one_note_the_later_edit_wins(garden: Path, ontology: Ontology) -> None:
    scan = scan_garden(garden, ontology)
    (fact,) = [r.properties for r in scan.graph.relationships if r.source == "drug:rapalog"]
    assert fact["source"] == "checked" and "values_by_note" not in fact


@pytest.mark.neo4j
def test_the_library_ranks_by_the_highest_of_several_levels(
    tmp_path: Path, ontology: Ontology, empty_db: neo4j.Driver
) -> None:
    test_one_fact_two_notes_two_values(tmp_path, ontology)
    write(
        tmp_path, "hormone/glucagon.md",
        "---\ntype: hormone\ntitle: Glucagon\n---\n" + EDGE.format(yaml="evidence_level: 3"),
    )  # fmt: skip
    import_garden(tmp_path, Neo4jWriter(empty_db), ontology)
    rows = ask(empty_db, "entity-card", name="mTOR Pathway")
    (activated_by,) = [r for r in rows if r["relationship"] == "ACTIVATES" and r["direction"] == "in"]
    assert activated_by["neighbours"] == ["Insulin", "Glucagon"]  # levels [2, 4] rank as 4, above 3
