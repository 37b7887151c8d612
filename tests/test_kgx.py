"""The KGX export, read by kgx's own validator (offline, with the Biolink Model of the
biolink-model package), and the Biolink terms and identifiers behind it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE_GARDEN, SEED_ERA
from onto.cli import app
from onto.kgx_sink import LOCAL_PREFIX
from onto.ontology import Ontology
from onto.pipeline import scan_garden
from test_notes import write

ROOT = Path(__file__).resolve().parents[1]
KGX_PYTHON = ROOT / ".venv-kgx" / "bin" / "python"
LOCAL = f"CURIE prefix '{LOCAL_PREFIX}'"


def export(garden: Path, out: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    result = CliRunner().invoke(app, ["export", str(garden), str(out), "--format", "kgx"])
    assert result.exit_code == 0, result.output
    read = lambda name: [json.loads(line) for line in (out / name).read_text().splitlines()]  # noqa: E731
    return read("nodes.jsonl"), read("edges.jsonl")


def validate(out: Path) -> dict[str, Any]:
    if not KGX_PYTHON.exists():
        pytest.fail("no .venv-kgx: run scripts/test, which installs kgx and the Biolink Model there")
    report = out / "report.json"
    args = [KGX_PYTHON, ROOT / "tests" / "kgx_validate.py", out / "nodes.jsonl", out / "edges.jsonl", report]
    subprocess.run(args, check=True, capture_output=True, timeout=600)
    return json.loads(report.read_text())


def messages(errors: Any) -> list[str]:
    """Every error message kgx reports (its report: level -> error type -> message -> records)."""
    return [message for types in errors.values() for by_message in types.values() for message in by_message]


@pytest.mark.parametrize("garden", [EXAMPLE_GARDEN, SEED_ERA], ids=["example", "seed-era"])
def test_kgx_validator_finds_no_error_but_local_identifiers(garden: Path, tmp_path: Path, ontology: Ontology):
    nodes, edges = export(garden, tmp_path)
    report = validate(tmp_path)
    assert report["biolink"].startswith("4.")
    found = messages(report["errors"])
    assert [m for m in found if LOCAL not in m] == []
    # Every node and edge is there, with what Biolink requires of it.
    scan = scan_garden(garden, ontology)
    assert len(nodes) == len(scan.graph.nodes) and len(edges) == len(scan.graph.relationships)
    assert all(n["category"] and n["category"][0].startswith("biolink:") for n in nodes)
    required = ("subject", "predicate", "object", "knowledge_level", "agent_type", "primary_knowledge_source")
    assert all(all(e.get(k) for k in required) for e in edges)


def test_biolink_terms_come_from_the_ontology(tmp_path: Path, ontology: Ontology):
    nodes, edges = export(EXAMPLE_GARDEN, tmp_path)
    by_name = {n["name"]: n for n in nodes}
    # metformin.md gives `chebi: 6801` and `drugbank: DB00331`: the first is its KGX id.
    metformin = by_name["Metformin"]
    assert metformin["id"] == "CHEBI:6801" and "DRUGBANK:DB00331" in metformin["xref"]
    assert metformin["category"] == [next(t.biolink for t in ontology.entity_types if t.key == "drug")]
    # metformin.md: `ACTIVATES:: [[AMPK]]`; ACTIVATES is Biolink's affects, activity increased.
    [activates] = [e for e in edges if e["subject"] == "CHEBI:6801" and e["onto_type"] == "ACTIVATES"
                   and e["object"] == by_name["AMPK"]["id"]]  # fmt: skip
    declared = dict(next(t.biolink for t in ontology.relationship_types if t.name == "ACTIVATES"))
    assert {k: activates[k] for k in declared} == declared
    assert declared["object_direction_qualifier"] == "increased"
    assert activates["primary_knowledge_source"] == f"infores:{ontology.provenance.source_prefix}-garden"
    assert "doi:10.2337/diabetes.51.7.2074" in activates["publications"]  # cited in its annotation


def test_an_edge_from_a_named_resource_has_it_as_its_knowledge_source(tmp_path: Path, ontology: Ontology):
    garden = tmp_path / "g"
    block = "```yaml\nsource: PrimeKG\n```\n"
    write(garden, "a.md", f"---\ntype: gene\ntitle: A\n---\n### Activates\n- → [[B]] (gene)\n{block}")
    _, edges = export(garden, tmp_path / "out")
    [edge] = edges
    assert edge["primary_knowledge_source"] == ontology.provenance.resources["primekg"]
    assert (edge["knowledge_level"], edge["agent_type"]) == ("not_provided", "not_provided")


def test_identifiers_are_checked_with_file_and_line(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "g.md", "---\ntype: gene\ntitle: G\nhgnc: HGNC:abc\nxref: [NCBIGene:3479, nonsense]\n---\n")
    write(tmp_path, "h.md", "---\ntype: gene\ntitle: H\nhgnc: '5464'\nuniprotkb: P05019\n---\n")
    scan = scan_garden(tmp_path, ontology)
    warnings = {(p.file, p.line) for p in scan.report.warnings if p.code == "bad-identifier"}
    assert warnings == {("g.md", 4), ("g.md", 5)}  # the HGNC id is no number; `nonsense` is no CURIE
    xref = {n.properties["name"]: n.properties.get("xref") for n in scan.graph.nodes}
    assert xref["G"] == ["NCBIGene:3479"]
    assert xref["H"] == ["HGNC:5464"]  # UniProtKB is not an identifier a gene gives: kept as a property


def test_every_term_the_ontology_names_is_biolinks(tmp_path: Path, ontology: Ontology):
    terms = [dict(t.biolink) for t in ontology.relationship_types]
    listed = {
        "categories": sorted({t.biolink for t in ontology.entity_types} | set(ontology.category_types)),
        "predicates": sorted({v for t in terms for k, v in t.items() if k.endswith("predicate")}),
        "aspects": sorted({t["object_aspect_qualifier"] for t in terms if "object_aspect_qualifier" in t}),
        "directions": sorted({t["object_direction_qualifier"] for t in terms if "object_direction_qualifier" in t}),
    }
    assert all(listed.values()) and all(t.get("predicate") for t in terms)  # every type names its predicate
    (tmp_path / "terms.json").write_text(json.dumps(listed))
    if not KGX_PYTHON.exists():
        pytest.fail("no .venv-kgx: run scripts/test, which installs kgx and the Biolink Model there")
    args = [KGX_PYTHON, ROOT / "tests" / "kgx_validate.py", "--terms", tmp_path / "terms.json", tmp_path / "r.json"]
    subprocess.run(args, check=True, capture_output=True, timeout=600)
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["unknown"] == {"categories": [], "predicates": [], "aspects": [], "directions": []}


def test_every_identifier_prefix_the_ontology_declares_is_the_bioregistrys(ontology: Ontology):
    import bioregistry

    declared = {p for t in ontology.entity_types for p in t.identifiers}
    assert declared and [p for p in sorted(declared) if bioregistry.normalize_prefix(p) is None] == []
