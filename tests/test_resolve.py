"""Links to notes, stubs, and one relationship per fact (no database)."""

from __future__ import annotations

from pathlib import Path

from onto.model import Graph
from onto.ontology import Ontology
from onto.pipeline import scan_garden
from test_notes import write


def graph(root: Path, ontology: Ontology) -> Graph:
    return scan_garden(root, ontology).graph


def rels(g: Graph) -> set[tuple[str, str, str]]:
    return {(r.source, r.type, r.target) for r in g.relationships}


def test_links_resolve_by_permalink_slug_title_alias_and_file_name(tmp_path: Path, ontology: Ontology):
    write(
        tmp_path,
        "hormone/igf.md",
        "---\ntype: hormone\ntitle: IGF-1\nslug: igf-one\naliases: [Somatomedin C]\npermalink: /g/hormone/igf/\n---\n",
    )
    write(
        tmp_path,
        "drug/d.md",
        "---\ntype: drug\n---\n"
        "DECREASES:: [[igf_one]]\nREGULATES:: [[IGF 1]]\nINHIBITS:: [[somatomedin-c]]\nTARGETS:: [[IGF]]\n"
        'BINDS_TO::<a href="/g/hormone/igf/" class="internal-link">Another name</a>\n',
    )
    g = graph(tmp_path, ontology)
    assert {(t, target) for _, t, target in rels(g)} == {
        ("DECREASES", "hormone:igf-one"),
        ("REGULATES", "hormone:igf-one"),
        ("INHIBITS", "hormone:igf-one"),
        ("TARGETS", "hormone:igf-one"),
        ("BINDS_TO", "hormone:igf-one"),
    }
    assert g.stubs == 0


def test_unresolved_targets_share_one_stub_typed_by_hint_or_range(tmp_path: Path, ontology: Ontology):
    write(
        tmp_path,
        "a.md",
        "---\ntype: gene\n---\nAFFECTS_ORGAN:: [[Bone_Fractures]]\n### Related\n- → [[Liver]] (organ)\n",
    )
    write(tmp_path, "b.md", "---\ntype: gene\n---\nCAUSES:: [[bone fractures]]\nRELATED_TO:: [[Mystery]]\n")
    g = graph(tmp_path, ontology)
    stubs = {n.id: n for n in g.nodes if n.properties.get("stub")}
    assert set(stubs) == {"stub:bonefractures", "stub:liver", "stub:mystery"}
    assert stubs["stub:bonefractures"].labels == ("Organ",)  # AFFECTS_ORGAN's range
    assert stubs["stub:liver"].labels == ("Organ",)  # the "(organ)" hint
    assert stubs["stub:mystery"].labels == ()
    assert {("gene:a", "AFFECTS_ORGAN", "stub:bonefractures"), ("gene:b", "CAUSES", "stub:bonefractures")} <= rels(g)


def test_inverse_statement_is_the_same_fact(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "igf.md", "---\ntype: hormone\ntitle: IGF-1\n---\nACTIVATES:: [[AKT1]] - Via PI3K\n")
    write(tmp_path, "akt1.md", "---\ntype: protein\ntitle: AKT1\n---\nACTIVATED_BY:: [[IGF-1]] - Through IRS-1\n")
    g = graph(tmp_path, ontology)
    [r] = g.relationships
    assert (r.source, r.type, r.target) == ("hormone:igf", "ACTIVATES", "protein:akt1")
    assert r.properties["sources"] == ["akt1.md", "igf.md"]
    assert r.properties["stated_as"] == ["ACTIVATED_BY", "ACTIVATES"]
    assert r.properties["annotation"] == "Through IRS-1; Via PI3K"
    assert r.properties["sign"] == 1
    assert r.properties["statements"] == 2
    assert (g.statements, g.statements_written) == (2, 2)


def test_list_items_in_both_directions_and_symmetric_types(tmp_path: Path, ontology: Ontology):
    write(
        tmp_path,
        "c.md",
        "---\ntype: condition\ntitle: Sarcopenia\n---\n### May Improve Condition\n- ← [[Creatine]] (supplement)\n"
        "### Related\n- → [[Creatine]] (supplement)\n- ← [[Creatine]] (supplement)\n",
    )
    write(tmp_path, "s.md", "---\ntype: supplement\ntitle: Creatine\n---\nRELATED_TO:: [[Sarcopenia]]\n")
    g = graph(tmp_path, ontology)
    assert rels(g) == {
        ("supplement:s", "IMPROVES", "condition:c"),
        ("condition:c", "RELATED_TO", "supplement:s"),  # symmetric: stored once, ids in order
    }
    related = next(r for r in g.relationships if r.type == "RELATED_TO")
    assert related.properties["statements"] == 3
    assert related.properties["stated_as"] == ["RELATED_TO", "Related"]


def test_same_edge_twice_merges_properties_latest_first(tmp_path: Path, ontology: Ontology):
    item = "- → [[B]]\n```yaml\nsource: {src}\nlast_modified: '{when}'\nonly_{n}: 1\n```\n"
    body = (
        "### Related\n"
        + item.format(src="old", when="2026-01-01", n=1)
        + item.format(src="new", when="2026-02-01", n=2)
    )
    write(tmp_path, "a.md", "---\ntype: gene\ntitle: A\n---\n<!-- NEO4J_CONTENT_START -->\n" + body)
    write(tmp_path, "b.md", "---\ntype: gene\ntitle: B\n---\n")
    [r] = graph(tmp_path, ontology).relationships
    assert (r.properties["source"], r.properties["only_1"], r.properties["only_2"]) == ("new", 1, 1)


def test_undeclared_relationship_is_kept_under_a_sanitised_name(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "a.md", "---\ntype: gene\n---\n### Historical Background\n- → [[X]]\nACTIVTES:: [[Y]]\n")
    scan = scan_garden(tmp_path, ontology)
    types = {r.type: r for r in scan.graph.relationships}
    assert set(types) == {"HISTORICAL_BACKGROUND", "ACTIVTES"}
    assert all(r.properties["undeclared_type"] for r in types.values())
    messages = [p.message for p in scan.report.warnings if p.code == "unknown-relationship"]
    assert any("did you mean ACTIVATES" in m for m in messages)


def test_list_item_without_heading_uses_annotation_when_it_names_a_type(tmp_path: Path, ontology: Ontology):
    write(
        tmp_path,
        "g.md",
        "---\ntype: gene\ntitle: AR\n---\n## Relationships\n- → [[AR protein]] - Encodes\n- → [[Other]] - Nothing\n",
    )
    assert {(t, target) for _, t, target in rels(graph(tmp_path, ontology))} == {
        ("ENCODES", "stub:arprotein"),
        ("RELATED_TO", "stub:other"),
    }


def test_ambiguous_title_prefers_the_type_the_hint_names(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "hormone/cortisol.md", "---\ntype: hormone\ntitle: Cortisol\n---\n")
    write(tmp_path, "biomarker/cortisol.md", "---\ntype: biomarker\ntitle: Cortisol\n---\n")
    write(
        tmp_path,
        "t.md",
        "---\ntype: labtest\n---\n### Measures\n- → [[Cortisol]] (biomarker)\nRELATED_TO:: [[Cortisol]]\n",
    )
    scan = scan_garden(tmp_path, ontology)
    assert ("labtest:t", "MEASURES", "biomarker:cortisol") in rels(scan.graph)
    assert [p.code for p in scan.report.warnings] == ["ambiguous-link"]


def test_duplicate_slug_gets_its_own_id(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "a/x.md", "---\ntype: gene\nslug: x\n---\n")
    write(tmp_path, "b/x.md", "---\ntype: gene\nslug: x\ntitle: other\n---\n")
    scan = scan_garden(tmp_path, ontology)
    assert sorted(n.id for n in scan.graph.nodes) == ["gene:b-x", "gene:x"]
    assert "duplicate-id" in [p.code for p in scan.report.warnings]


def test_statements_reconcile_on_a_mixed_garden(tmp_path: Path, ontology: Ontology):
    write(
        tmp_path, "a.md", "---\ntype: gene\n---\nACTIVATES:: [[B]], [[C]]\nINHIBITS:: [[ ]]\n### Related\n- → [[B]]\n"
    )
    g = graph(tmp_path, ontology)
    assert g.statements == 3  # the empty link is reported by the parser and never becomes a statement
    assert g.statements == g.statements_written + g.statements_dropped


def test_two_notes_of_one_type_and_name_are_reported(tmp_path: Path, ontology: Ontology):
    write(tmp_path, "a.md", "---\ntype: gene\ntitle: FOXO3\n---\n")
    write(tmp_path, "b.md", "---\ntype: gene\ntitle: foxo_3\n---\n")
    scan = scan_garden(tmp_path, ontology)
    assert [(p.code, p.file) for p in scan.report.warnings] == [("duplicate-name", "b.md")]
    assert len(scan.graph.nodes) == 2  # both are kept


def test_json_lines_sink_writes_every_node_and_relationship(tmp_path: Path, ontology: Ontology):
    import io
    import json

    from onto import import_garden
    from onto.sinks import JsonLinesSink

    write(tmp_path, "a.md", "---\ntype: gene\ntitle: A\n---\nACTIVATES:: [[B]]\n")
    out = io.StringIO()
    summary = import_garden(tmp_path, JsonLinesSink(out, "g"), ontology, garden="g")
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["node"]["id"] for r in records if "node" in r] == ["gene:a", "stub:b"]
    # As the database holds them: sources as garden/path, a node's gardens.
    node = next(r["node"] for r in records if "node" in r)
    assert (node["properties"]["sources"], node["properties"]["gardens"]) == (["g/a.md"], ["g"])
    [rel] = [r["relationship"] for r in records if "relationship" in r]
    assert (rel["source"], rel["type"], rel["target"], rel["properties"]["sign"]) == (
        "gene:a",
        "ACTIVATES",
        "stub:b",
        1,
    )
    assert rel["properties"]["sources"] == ["g/a.md"]
    assert summary.written


def test_edges_with_the_same_yaml_block_keep_their_own_properties(tmp_path: Path, ontology: Ontology):
    # Identical blocks may share one parsed mapping; merging the statements of one fact must not
    # leak into another edge written with the same block.
    block = "```yaml\nsource: curated\nlast_modified: '2026-01-01'\n```\n"
    write(tmp_path, "a.md", f"---\ntype: gene\n---\n### ACTIVATES\n- → [[B]]\n{block}- → [[C]]\n{block}")
    write(
        tmp_path,
        "b.md",
        "---\ntype: gene\n---\n### ACTIVATES\n- ← [[A]]\n```yaml\nsource: PrimeKG\nlast_modified: '2026-02-01'\n```\n",
    )
    write(tmp_path, "c.md", "---\ntype: gene\n---\n")
    by_target = {r.target: r.properties for r in graph(tmp_path, ontology).relationships}
    # a.md and b.md both state A ACTIVATES B: neither note's values overwrite the other's.
    assert by_target["gene:b"]["source"] == ["curated", "PrimeKG"]
    assert by_target["gene:b"]["last_modified"] == ["2026-01-01", "2026-02-01"]
    assert by_target["gene:c"]["source"] == "curated"
    assert by_target["gene:c"]["last_modified"] == "2026-01-01"
