"""Reading notes and turning frontmatter into entities (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onto.ontology import Ontology
from onto.pipeline import scan_garden


def write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def only_entity(root: Path, ontology: Ontology):  # type: ignore[no-untyped-def]
    scan = scan_garden(root, ontology)
    assert len(scan.parsed) == 1, [str(p) for p in scan.report.problems]
    return scan.parsed[0].entity, scan


def codes(scan) -> list[tuple[str, str, int | None]]:  # type: ignore[no-untyped-def]
    return [(p.code, p.file, p.line) for p in scan.report.sorted()]


def test_frontmatter_becomes_node_properties(tmp_path: Path, ontology: Ontology):
    write(
        tmp_path,
        "hormone/igf.md",
        "---\ntitle: IGF-1\ntype: Hormone\naliases: [Somatomedin C]\ntags: ['#growth', aging]\n"
        "created: 2026-03-02\nhalf_life: 15\nranges: {low: 1}\nid: 7\n---\nbody\n",
    )
    entity, _ = only_entity(tmp_path, ontology)
    assert (entity.id, entity.name, entity.type, entity.label) == ("hormone:igf", "IGF-1", "hormone", "Hormone")
    props = entity.properties
    assert props["aliases"] == ["Somatomedin C"]
    assert props["tags"] == ["growth", "aging"]
    assert props["created"] == "2026-03-02"
    assert props["half_life"] == 15
    assert props["ranges"] == '{"low": 1}'
    assert props["frontmatter_id"] == 7  # the importer owns `id`
    assert props["file"] == "hormone/igf.md"


def test_type_from_dg_entity_type_then_folder(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "a/one.md", "---\ndg-entity-type: gene\n---\n")
    write(tmp_path, "protein/two.md", "# Two\n")
    write(tmp_path, "misc/three.md", "---\ntitle: Three\n---\n")
    scan = scan_garden(tmp_path, ontology)
    assert sorted((n.entity.type, n.entity.name) for n in scan.parsed) == [("gene", "one"), ("protein", "Two")]
    assert scan.skipped == 1
    assert ("no-type", "misc/three.md", None) in codes(scan)


def test_name_falls_back_to_heading_then_file_name(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "x.md", "---\ntype: gene\nname: From Name\n---\n# Heading\n")
    write(tmp_path, "y.md", "---\ntype: gene\n---\n<h1>From Heading</h1>\n")
    write(tmp_path, "z_file.md", "---\ntype: gene\n---\nno heading\n")
    names = sorted(n.entity.name for n in scan_garden(tmp_path, ontology).parsed)
    assert names == ["From Heading", "From Name", "z_file"]


def test_undeclared_type_is_kept_with_a_sanitised_label(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "w.md", "---\ntype: gut microbe\n---\n")
    entity, scan = only_entity(tmp_path, ontology)
    assert (entity.type, entity.label, entity.properties["undeclared_type"]) == ("gut_microbe", "GutMicrobe", True)
    assert ("unknown-type", "w.md", 2) in codes(scan)


def test_type_typo_gets_a_suggestion(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "w.md", "---\ntype: hormon\n---\n")
    _, scan = only_entity(tmp_path, ontology)
    assert "did you mean 'hormone'" in scan.report.warnings[0].message


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        ("---\ntype: gene\ntitle: [unclosed\n---\n", "yaml", 4),
        ("---\n- a\n- b\n---\n", "frontmatter", 2),
        ("---\ntype: gene\ntitle: no end\n", "frontmatter", 1),
        ("---\ntype: [gene, protein]\n---\n", "bad-type", 2),
        ("---\ntype: 42\n---\n", "bad-type", 2),
        (b"---\ntype: gene\n---\ncaf\xe9\n", "encoding", 4),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary", None),
    ],
)
def test_broken_notes_are_reported_with_file_and_line(
    tmp_path: Path, ontology: Ontology, content: str | bytes, code: str, line: int | None
):
    write(tmp_path, "broken.md", content)
    write(tmp_path, "good.md", "---\ntype: gene\n---\nACTIVATES:: [[X]]\n")
    scan = scan_garden(tmp_path, ontology)
    assert [(p.code, p.file, p.line) for p in scan.report.errors] == [(code, "broken.md", line)]
    assert [n.entity.file for n in scan.parsed] == ["good.md"]  # the good note still imports
    assert scan.failed == 1


def test_bom_crlf_and_empty_files_read_cleanly(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "bom.md", "\ufeff---\r\ntype: gene\r\ntitle: BOM\r\n---\r\nACTIVATES:: [[X]]\r\n")
    write(tmp_path, "empty.md", "")
    scan = scan_garden(tmp_path, ontology)
    [note] = scan.parsed
    assert note.entity.name == "BOM"
    assert [(s.target.name, s.line) for s in note.statements] == [("X", 5)]
    assert scan.report.errors == []


def test_field_of_a_declared_type_without_a_link_is_a_warning(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "n.md", "---\ntype: drug\n---\nstatus:: approved\nTREATS:: Diabetes\n")
    _, scan = only_entity(tmp_path, ontology)
    assert codes(scan) == [("no-target", "n.md", 5)]


def test_hidden_folders_are_not_read(tmp_path: Path, ontology: Ontology):
    write(tmp_path, ".obsidian/templates/t.md", "---\ntype: gene\n---\n")
    write(tmp_path, "gene/real.md", "---\ntype: gene\n---\n")
    assert [n.entity.file for n in scan_garden(tmp_path, ontology).parsed] == ["gene/real.md"]


def test_symlink_loop_does_not_hang(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "gene/a.md", "---\ntype: gene\n---\n")
    (tmp_path / "gene" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [n.entity.file for n in scan_garden(tmp_path, ontology).parsed] == ["gene/a.md"]


def test_a_large_first_read_in_processes_equals_one_in_this_process(tmp_path, ontology, monkeypatch):  # type: ignore[no-untyped-def]
    import onto.garden
    from test_server_failures import write_garden

    write_garden(tmp_path, 300)
    write(tmp_path, "gene/broken.md", "---\ntype: [gene\n---\n")  # a failure travels back from a worker too
    monkeypatch.setattr(onto.garden, "PARALLEL_FROM", 10**9)
    alone = onto.garden.read_garden(tmp_path, ontology)
    monkeypatch.setattr(onto.garden, "PARALLEL_FROM", 1)
    monkeypatch.setattr(onto.garden, "_CHUNK", 7)
    forked = onto.garden.read_garden(tmp_path, ontology)
    assert onto.garden.can_fork()
    assert forked.records == alone.records
    assert (forked.notes, forked.skipped, forked.failed) == (alone.notes, alone.skipped, alone.failed) == (301, 0, 1)
    assert forked.report.problems == alone.report.problems
