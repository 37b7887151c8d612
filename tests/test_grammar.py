"""The body grammar of docs/grammar.md, one case at a time (no database)."""

from __future__ import annotations

from onto.body import parse_body
from onto.links import make_template
from onto.problems import Report


def statements(text: str, report: Report | None = None):  # type: ignore[no-untyped-def]
    return parse_body(text, 1, "note.md", report or Report()).statements


def test_raw_inline_field_with_annotation():
    [s] = statements("ACTIVATES::[[mTOR Pathway]] - Strong activator")
    assert (s.written_type, s.target.name, s.annotation, s.line) == ("ACTIVATES", "mTOR Pathway", "Strong activator", 1)


def test_alias_and_heading_in_wiki_links():
    first, second = statements("INHIBITS:: [[FOXO3|the FOXO3 gene]]\nACTIVATES:: [[mTOR Pathway#Inputs]]")
    assert (first.target.name, first.target.display) == ("FOXO3", "the FOXO3 gene")
    assert (second.target.name, second.target.heading) == ("mTOR Pathway", "Inputs")


def test_several_links_on_one_line_share_the_annotation():
    found = statements("ACTIVATES:: [[AKT1]], [[mTOR Pathway]] and [[S6K1]] - Shared PI3K arm")
    assert [s.target.name for s in found] == ["AKT1", "mTOR Pathway", "S6K1"]
    assert {s.annotation for s in found} == {"Shared PI3K arm"}


def test_links_inside_the_annotation_are_not_targets():
    [s] = statements("INHIBITS:: [[mTORC1]] - Through FKBP12, see [[mTOR Pathway|the pathway]]")
    assert s.target.name == "mTORC1"
    assert s.annotation == "Through FKBP12, see the pathway"


def test_commas_inside_an_annotation_stay_in_it():
    [s] = statements("DECREASES:: [[HbA1c]] - By 1 %, sometimes more, in trials")
    assert s.annotation == "By 1 %, sometimes more, in trials"


def test_text_after_a_link_without_a_dash_becomes_the_annotation():
    [s] = statements("ACTIVATES:: [[AMPK]] (strongly)")
    assert s.annotation == "(strongly)"


def test_bracketed_fields_anywhere_in_a_sentence():
    found = statements("Amino acids [ACTIVATED_BY:: [[Leucine]]] switch it on, (INHIBITED_BY:: [[AMPK]]) too.")
    assert [(s.written_type, s.target.name) for s in found] == [("ACTIVATED_BY", "Leucine"), ("INHIBITED_BY", "AMPK")]


def test_fields_inside_list_items():
    found = statements("- TREATS:: [[Type 2 Diabetes]]\n* PRODUCED_BY:: [[Pancreas]]\n1. CAUSES:: [[Falls]]")
    assert [s.target.name for s in found] == ["Type 2 Diabetes", "Pancreas", "Falls"]
    assert [s.line for s in found] == [1, 2, 3]


def test_fields_inside_table_cells():
    text = (
        "| Relationship | Note |\n| --- | --- |\n"
        "| INHIBITS:: [[Autophagy]] | ULK1 |\n| x | PART_OF:: [[mTOR Pathway]] |"
    )
    found = statements(text)
    assert [(s.written_type, s.target.name, s.line) for s in found] == [
        ("INHIBITS", "Autophagy", 3),
        ("PART_OF", "mTOR Pathway", 4),
    ]


def test_lower_case_and_spaced_keys_are_fields_too():
    found = statements("<li>located_in:: <a href='/x/mito/' class='internal-link'>Mitochondria</a></li>")
    assert [(s.written_type, s.target.name) for s in found] == [("located_in", "Mitochondria")]


def test_a_field_with_no_link_is_no_statement():
    body = parse_body("status:: draft\nPRODUCES:: ATP", 1, "n.md", Report())
    assert body.statements == []
    assert [(f.key, f.value) for f in body.unlinked_fields] == [("status", "draft"), ("PRODUCES", "ATP")]


def test_empty_link_is_reported_not_imported():
    report = Report()
    assert statements("ACTIVATES:: [[ ]]", report) == []
    assert [p.code for p in report.problems] == ["empty-link"]


def test_published_html_fields_resolved_and_unresolved():
    text = (
        '<p>ACTIVATES::<a href="/garden/t/pathway/mtor/" class="internal-link">mTOR Pathway</a> - Strong<br />\n'
        'PRODUCED_BY::<a class="internal-link is-unresolved" href="/404">Liver</a></p>'
    )
    first, second = statements(text)
    assert (first.target.name, first.target.permalink, first.annotation) == (
        "mTOR Pathway",
        "/garden/t/pathway/mtor/",
        "Strong",
    )
    assert (second.target.name, second.target.permalink) == ("Liver", None)


def test_html_entities_are_unescaped():
    [s] = statements(
        'RISK_FACTOR_FOR::<a href="/o/" class="internal-link">Osteoporosis</a> - &quot;Osteo&quot; &amp; more'
    )
    assert s.annotation == '"Osteo" & more'


def test_external_links_are_text_not_targets():
    [s] = statements('ACTIVATES:: [[AMPK]] - see <a href="https://example.org">the review</a>')
    assert s.annotation == "see the review"


def test_html_relationship_list_with_yaml_properties():
    text = """<h2>Relationships</h2>
<h3>May Detect</h3>
<ul>
<li>→ <a href="/g/condition/t2d/" class="internal-link">Type 2 Diabetes</a> (condition) - <em>Screening</em></li>
</ul>
<pre><code class="language-yaml">source: PrimeKG
evidence_level: 3
notes: &quot;quoted&quot;
</code></pre>
<ul>
<li>← <a class="internal-link is-unresolved" href="/404">Metformin</a> (drug)</li>
</ul>"""
    first, second = statements(text)
    assert (first.written_type, first.outgoing, first.type_hint, first.annotation) == (
        "May Detect",
        True,
        "condition",
        "Screening",
    )
    assert first.properties == {"source": "PrimeKG", "evidence_level": 3, "notes": "quoted"}
    assert (second.outgoing, second.target.name, second.properties) == (False, "Metformin", {})


def test_markdown_relationship_list_with_yaml_properties():
    text = (
        "### Improved By Supplement\n- → [[Creatine]] (supplement)\n\n"
        "```yaml\nsource: curated\nmagnitude: mild\n```\n- <- [[Leucine]]"
    )
    first, second = statements(text)
    assert (first.written_type, first.target.name, first.properties) == (
        "Improved By Supplement",
        "Creatine",
        {"source": "curated", "magnitude": "mild"},
    )
    assert (second.outgoing, second.target.name, second.properties) == (False, "Leucine", {})


def test_yaml_block_after_other_text_belongs_to_no_item():
    text = "### Related\n- → [[A]]\n\nSome prose.\n\n```yaml\nsource: x\n```"
    [s] = statements(text)
    assert s.properties == {}


def test_list_item_with_no_heading_has_no_type():
    [s] = statements("<h2>Relationships</h2>\n<ul>\n<li>→ [[AR protein]] (protein) - <em>Encodes</em></li>\n</ul>")
    assert (s.written_type, s.annotation) == (None, "Encodes")


def test_invalid_edge_yaml_keeps_the_edge_and_reports_the_line():
    report = Report()
    [s] = statements("### Related\n- → [[A]]\n```yaml\nsource: [unclosed\n```", report)
    assert s.target.name == "A" and s.properties == {}
    assert [(p.code, p.line) for p in report.problems] == [("edge-yaml", 4)]


def test_code_blocks_and_comments_are_not_read():
    text = (
        "```\nACTIVATES:: [[Hidden]]\n```\n"
        '<pre><code class="language-dataview">LIST FROM [[Sarcopenia]]\nINHIBITS:: [[Hidden2]]\n</code></pre>\n'
        "<!-- ACTIVATES:: [[Hidden3]]\nstill a comment -->\n%% TREATS:: [[Hidden4]] %%\n"
        "`ACTIVATES:: [[Hidden5]]` ACTIVATES:: [[Shown]]"
    )
    assert [s.target.name for s in statements(text)] == ["Shown"]


def test_first_heading_is_found_in_both_forms():
    assert parse_body("<h1>&quot;FOS&quot;</h1>", 1, "n.md", Report()).first_heading == "FOS"
    assert parse_body("text\n# Growth Hormone\n## Sub", 1, "n.md", Report()).first_heading == "Growth Hormone"


def test_line_numbers_count_from_the_first_body_line():
    found = parse_body("\nACTIVATES:: [[A]]\n\nINHIBITS:: [[B]]", 10, "n.md", Report()).statements
    assert [s.line for s in found] == [11, 13]


def test_private_use_characters_cannot_forge_a_placeholder():
    template = make_template("ACTIVATES:: \ue0000\ue001 &#xe000;0&#xe001; [[Real]]")
    assert [link.name for link in template.links if link] == ["Real"]
    [s] = statements("ACTIVATES:: \ue0000\ue001 [[Real]]")
    assert s.target.name == "Real"


def test_unclosed_wiki_link_is_text():
    assert statements("ACTIVATES:: [[Unclosed") == []
