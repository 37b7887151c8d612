"""The ontology grows with the garden: its schema, `onto ontology suggest` and `apply`, and
docs/ontology.md, which must be what `onto ontology docs` makes of the files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from onto import load_ontology
from onto.cli import app
from onto.ontology import OntologyError
from onto.ontology_docs import ontology_markdown
from onto.ontology_patch import unread_names
from onto.pipeline import scan_garden
from test_notes import write

runner = CliRunner()


@pytest.fixture
def ontology_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", copy)
    return copy


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    root = tmp_path / "garden"
    write(
        root, "drug/blockamab.md",
        "---\ntype: drug\ntitle: Blockamab\n---\n### Adverse Effects\n- → [[Headache]] (phenotype)\n"
        "- → [[Rash]] (phenotype)\nFOOBARS_WITH:: [[Kinase X]]\n",
    )  # fmt: skip
    write(root, "protein/kinase-x.md", "---\ntype: protein\ntitle: Kinase X\n---\nACTIVATES:: [[Blockamab]]\n")
    return root


def test_docs_ontology_md_is_made_from_the_ontology_files() -> None:
    committed = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert committed == ontology_markdown(load_ontology()), "run: onto ontology docs > docs/ontology.md"


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("sign: 1", "sign: 2"), "relationship_types[0].sign"),
        (("aspect: activity", "aspect: velocity"), "relationship_types[0].aspect"),
        (("    inverse: ACTIVATED_BY", "    inverse: ACTIVATED_BY\n    colour: red"), "'colour' was unexpected"),
        (("clinical_effect: helps", "clinical_effect: cures"), ".clinical_effect"),
    ],
)
def test_an_ontology_file_that_breaks_its_schema_is_refused_with_where(
    ontology_copy: Path, edit: tuple[str, str], said: str
) -> None:
    path = ontology_copy / "relationship_types.yaml"
    path.write_text(path.read_text().replace(*edit, 1))
    with pytest.raises(OntologyError, match="relationship_types.yaml") as raised:
        load_ontology(ontology_copy)
    assert said in str(raised.value)


def test_suggest_lists_what_no_rule_reads_with_counts_places_and_kinds(garden: Path) -> None:
    unread = unread_names(garden, load_ontology())
    assert set(unread) == {"ADVERSE_EFFECTS", "FOOBARS_WITH"}
    adverse = unread["ADVERSE_EFFECTS"]
    assert adverse.statements == 2 and adverse.places == ["drug/blockamab.md:6", "drug/blockamab.md:7"]
    assert set(adverse.subjects) == {"drug"}  # Headache and Rash are stubs: no kind known from a note
    assert set(unread["FOOBARS_WITH"].objects) == {"protein"}


def test_applied_suggestions_make_the_names_known(garden: Path, ontology_copy: Path, tmp_path: Path) -> None:
    before = ontology_copy.joinpath("relationship_types.yaml").read_text()
    suggested = runner.invoke(app, ["ontology", "suggest", str(garden), "--ontology", str(ontology_copy)])
    assert suggested.exit_code == 0, suggested.output
    patch = tmp_path / "patch.yaml"
    # The analyst's edit: Adverse Effects are harms the drug causes, written as CAUSES.
    text = suggested.stdout.replace("add_aliases: {}", 'add_aliases:\n  CAUSES: ["Adverse Effects"]')
    text = text[: text.index("  - name: ADVERSE_EFFECTS")] + text[text.index("  - name: FOOBARS_WITH") :]
    patch.write_text(text)
    applied = runner.invoke(app, ["ontology", "apply", str(patch), "--ontology", str(ontology_copy)])
    assert applied.exit_code == 0, applied.output
    after = ontology_copy.joinpath("relationship_types.yaml").read_text()
    assert after.startswith(before.split("aliases: [TRIGGERS", 1)[0])  # the file changes only where it must
    grown = load_ontology(ontology_copy)
    scan = scan_garden(garden, grown)
    assert not [p for p in scan.report.problems if p.code == "unknown-relationship"]
    facts = {(r.type, r.source, r.target) for r in scan.graph.relationships}
    assert ("CAUSES", "drug:blockamab", "stub:headache") in facts
    assert grown.relationship_by_name("FOOBARS_WITH") is not None


def test_a_patch_that_would_break_the_ontology_changes_nothing(ontology_copy: Path, tmp_path: Path) -> None:
    path = ontology_copy / "relationship_types.yaml"
    before = path.read_text()
    patch = tmp_path / "patch.yaml"
    patch.write_text("new_types:\n  - name: INHIBITS_TOO\n    aliases: [INHIBITS]\n")  # a name INHIBITS holds
    result = runner.invoke(app, ["ontology", "apply", str(patch), "--ontology", str(ontology_copy)])
    assert result.exit_code == 2 and "would not load" in result.stderr
    assert path.read_text() == before
