"""The ontology files and the questions the importer asks them (no database)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from onto.identifiers import is_identifier, label_name, relationship_type_name
from onto.ontology import Ontology, OntologyError, load_ontology


def test_entity_types_match_their_spellings(ontology: Ontology):
    for written, key in [
        ("Gene", "gene"),
        ("gene", "gene"),
        ("Clinical_pattern", "clinicalpattern"),
        ("Lab-Tests", "labtest"),
    ]:
        found = ontology.entity_type(written)
        assert found is not None and found.key == key, written
    assert ontology.entity_type("widget") is None


def test_passive_forms_and_list_headings_map_to_canonical_types(ontology: Ontology):
    cases = {
        "ACTIVATED_BY": ("ACTIVATES", True),
        "Relatedtophenotype": ("ASSOCIATED_WITH_PHENOTYPE", False),
        "May Detect": ("DETECTS", False),
        "TREATED_BY_DRUG": ("TREATS", True),
        "Improved By Supplement": ("IMPROVES", True),
        "interacts-with": ("INTERACTS_WITH", False),
        "INTERACTS_WITH": ("INTERACTS_WITH", False),
    }
    for written, (name, reversed_) in cases.items():
        match = ontology.relationship(written)
        assert match is not None, written
        assert (match.type.name, match.reversed) == (name, reversed_), written


def test_signs_and_typo_suggestions(ontology: Ontology):
    assert ontology.relationship_by_name("ACTIVATES").sign == 1  # type: ignore[union-attr]
    assert ontology.relationship_by_name("INHIBITS").sign == -1  # type: ignore[union-attr]
    assert ontology.relationship_by_name("TREATS").sign is None  # type: ignore[union-attr]
    assert ontology.suggest_relationship("ACTIVTES") == "ACTIVATES"
    assert ontology.suggest_relationship("COMPLETELY_DIFFERENT") is None


def test_every_declared_name_is_a_safe_identifier(ontology: Ontology):
    assert all(is_identifier(t.label) for t in ontology.entity_types)
    assert all(is_identifier(r.name) for r in ontology.relationship_types)


def test_sanitised_names_are_always_identifiers():
    for written in ["lower case", "digits 1st", "9lives", "x" * 300, "a-b`c", "ключ", "🧬", ""]:
        assert is_identifier(relationship_type_name(written)), written
        assert is_identifier(label_name(written)), written


def copy_ontology(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(load_ontology().source, target)  # type: ignore[arg-type]
    return target


def test_a_name_claimed_by_two_types_is_refused(tmp_path: Path):
    folder = copy_ontology(tmp_path)
    path = folder / "relationship_types.yaml"
    path.write_text(path.read_text() + "\n  - name: STIMULATES_STRONGLY\n    aliases: [ACTIVATES]\n")
    with pytest.raises(OntologyError, match="already used"):
        load_ontology(folder)


def test_a_label_that_is_no_identifier_is_refused(tmp_path: Path):
    folder = copy_ontology(tmp_path)
    path = folder / "entity_types.yaml"
    path.write_text(path.read_text().replace("label: Gene\n", "label: 'Gene`) DETACH DELETE n //'\n"))
    with pytest.raises(OntologyError, match=r"entity_types\[0\]\.label: .* does not match"):
        load_ontology(folder)
