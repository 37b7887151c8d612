"""Library answers that the example garden does not exercise, on tiny gardens written here;
and the read-only guard. Each garden's notes say what the answer must be."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from conftest import LIBRARY, ask
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.queries import LibraryError, parse_query_file, run_read
from test_notes import write

pytestmark = pytest.mark.neo4j


def note(root: Path, name: str, type_: str, *lines: str) -> None:
    body = "\n".join(lines)
    write(root, f"{name.lower().replace(' ', '-')}.md", f"---\ntype: {type_}\ntitle: {name}\n---\n{body}\n")


def imported(root: Path, driver: neo4j.Driver, ontology: Ontology) -> neo4j.Driver:
    import_garden(root, Neo4jWriter(driver), ontology)
    return driver


def test_mixed_verdicts_contradictions_and_islands(tmp_path: Path, empty_db: neo4j.Driver, ontology: Ontology):
    note(tmp_path, "X", "drug", "ACTIVATES:: [[Y]], [[Z]]", "ACTIVATES:: [[W]]")
    note(tmp_path, "Y", "protein", "ACTIVATES:: [[T]]")
    note(tmp_path, "Z", "protein", "INHIBITS:: [[T]]")
    note(tmp_path, "W", "protein", "INHIBITED_BY:: [[X]]")  # X both activates and inhibits W
    note(tmp_path, "T", "pathway")
    note(tmp_path, "Lonely", "gene", "No links at all.")
    driver = imported(tmp_path, empty_db, ontology)

    # X -> Y -> T raises T, X -> Z -| T lowers it: two paths of two steps that disagree
    [net] = ask(driver, "net-effect", a="X", b="T", max_hops=2)
    assert (net["verdict"], net["paths_up"], net["paths_down"], net["direct"]) == ("mixed", 1, 1, None)
    [both] = ask(driver, "net-effect", a="X", b="W", max_hops=1)
    assert (both["verdict"], both["direct"], both["paths_both"]) == ("mixed", "both", 1)
    assert both["paths"] == ["(+/-) X -ACTIVATES|INHIBITS-> W"]
    regulators = {r["name"]: r["effect"] for r in ask(driver, "upstream-regulators", name="T", max_hops=2)}
    assert regulators == {"Y": "increases", "Z": "decreases", "X": "mixed"}

    conflicts = ask(driver, "contradictions")
    assert [(c["source"], c["target"], c["conflict"]) for c in conflicts] == [("X", "W", "raises and lowers")]

    rows = ask(driver, "hubs-and-islands")
    assert [(r["name"], r["file"]) for r in rows if r["kind"] == "island"] == [("Lonely", "lonely.md")]


def test_parallel_facts_are_one_step_and_no_path_visits_an_entity_twice(
    tmp_path: Path, empty_db: neo4j.Driver, ontology: Ontology
):
    note(tmp_path, "A", "hormone", "ACTIVATES:: [[B]]", "INCREASES:: [[B]]")  # two facts, one step
    note(tmp_path, "B", "protein", "ACTIVATES:: [[C]]", "ACTIVATES:: [[A]]")  # a cycle back to A
    note(tmp_path, "C", "protein", "INHIBITS:: [[D]]", "ACTIVATES:: [[B]]")  # and a cycle C -> B -> C
    note(tmp_path, "D", "pathway")
    driver = imported(tmp_path, empty_db, ontology)
    [row] = ask(driver, "net-effect", a="A", b="D", max_hops=5)
    # A -> B -> C -| D is the one path: the loops through A and B would visit an entity twice
    assert (row["verdict"], row["paths_total"]) == ("decreases", 1)
    assert row["paths"] == ["(-) A -ACTIVATES|INCREASES-> B -ACTIVATES-> C -INHIBITS-> D"]


def test_max_hops_bounds_every_walk(tmp_path: Path, empty_db: neo4j.Driver, ontology: Ontology):
    chain = ["N0", "N1", "N2", "N3", "N4", "N5"]
    for here, there in zip(chain, chain[1:], strict=False):
        note(tmp_path, here, "protein", f"ACTIVATES:: [[{there}]]")
    note(tmp_path, "N5", "protein")
    driver = imported(tmp_path, empty_db, ontology)
    assert ask(driver, "net-effect", a="N0", b="N5", max_hops=4)[0]["verdict"] == "no path"
    assert ask(driver, "net-effect", a="N0", b="N5", max_hops=5)[0]["verdict"] == "increases"
    for hops in range(1, 6):
        upstream = ask(driver, "upstream-regulators", name="N5", max_hops=hops)
        assert sorted(r["name"] for r in upstream) == chain[5 - hops : 5]
        downstream = ask(driver, "downstream-effects", name="N0", max_hops=hops)
        assert sorted(r["name"] for r in downstream) == chain[1 : hops + 1]


def test_limit_keeps_the_first_rows_and_total_counts_them_all(
    tmp_path: Path, empty_db: neo4j.Driver, ontology: Ontology
):
    for i in range(12):
        note(tmp_path, f"Source {i:02d}", "drug", "INHIBITS:: [[Target]]")
    note(tmp_path, "Target", "protein")
    driver = imported(tmp_path, empty_db, ontology)
    rows = ask(driver, "upstream-regulators", name="Target", limit=5)
    assert [r["name"] for r in rows] == [f"Source {i:02d}" for i in range(5)]
    assert {r["total"] for r in rows} == {12}


def test_candidate_interventions_reason_about_which_way_a_target_moves_the_condition(
    tmp_path: Path, empty_db: neo4j.Driver, ontology: Ontology
):
    note(tmp_path, "Disease", "condition")
    note(tmp_path, "Bad Hormone", "hormone", "INCREASES_RISK_OF:: [[Disease]]", "CAUSES:: [[Disease]]")
    note(tmp_path, "Good Protein", "protein", "PREVENTS:: [[Disease]]")
    note(tmp_path, "Linked Gene", "gene", "ASSOCIATED_WITH_CONDITION:: [[Disease]]")  # no direction: no basis
    note(tmp_path, "Lowerer", "drug", "DECREASES:: [[Bad Hormone]]", "ACTIVATES:: [[Good Protein]]")
    note(tmp_path, "Raiser", "drug", "INCREASES:: [[Bad Hormone]]")  # pushes the harmful way
    note(tmp_path, "Two Faced", "supplement", "DECREASES:: [[Bad Hormone]]", "INHIBITS:: [[Good Protein]]")
    note(tmp_path, "Harmful", "drug", "DECREASES:: [[Bad Hormone]]", "WORSENS:: [[Disease]]")
    note(tmp_path, "Known", "intervention", "DECREASES:: [[Bad Hormone]]", "TREATS:: [[Disease]]")
    note(tmp_path, "Gene Toucher", "drug", "ACTIVATES:: [[Linked Gene]]")
    driver = imported(tmp_path, empty_db, ontology)
    rows = ask(driver, "candidate-interventions", name="Disease")
    found = {r["name"]: (r["supporting"], r["against"]) for r in rows}
    # Bad Hormone reaches Disease by two facts: one target, counted once
    assert found == {"Lowerer": (2, 0), "Two Faced": (1, 1)}
    assert [r["name"] for r in rows] == ["Lowerer", "Two Faced"]  # more support first
    two_faced = rows[1]
    assert two_faced["caution"] == ["Two Faced -INHIBITS-> Good Protein -PREVENTS-> Disease"]
    assert two_faced["via"] == ["Two Faced -DECREASES-> Bad Hormone -CAUSES|INCREASES_RISK_OF-> Disease"]


def test_a_name_given_to_a_query_matches_as_a_link_does(tmp_path: Path, empty_db: neo4j.Driver, ontology: Ontology):
    write(
        tmp_path,
        "pathways/mtor-pathway.md",
        "---\ntype: pathway\ntitle: mTOR Pathway\naliases: [mTOR signalling]\n---\nINHIBITS:: [[Autophagy]]\n",
    )
    note(tmp_path, "Autophagy", "pathway")
    driver = imported(tmp_path, empty_db, ontology)
    for written in ("mTOR Pathway", "mtor_pathway", "MTOR-PATHWAY", "mtor  pathway", "mTOR signalling",
                    "mtor-signalling", "pathway:mtor-pathway", "pathways/mtor-pathway"):  # fmt: skip
        rows = ask(driver, "find-entity", name=written)
        assert [(r["id"], r["matched"]) for r in rows][:1] == [("pathway:mtor-pathway", "name")], written
        assert [r["name"] for r in ask(driver, "downstream-effects", name=written)] == ["Autophagy"], written


def test_a_library_file_that_writes_is_refused(tmp_path: Path):
    (tmp_path / "sneaky.cypher").write_text(
        "// sneaky\n// Looks like a read.\n//\n// Parameters:\n//   :param name => 'x'\n"
        "//\n// Columns:\n//   n   a node\n"
        "MATCH (n:Entity {name: $name}) DETACH DELETE n RETURN n\n"
    )
    with pytest.raises(LibraryError, match="writes"):
        parse_query_file(tmp_path / "sneaky.cypher")


def test_a_library_file_must_look_names_up_and_bound_walks_the_library_way(tmp_path: Path):
    header = "// q\n// Something.\n//\n// Parameters:\n//   :param name => 'x'\n{extra}//\n// Columns:\n//   n   x\n"
    (tmp_path / "q.cypher").write_text(
        header.format(extra="") + "MATCH (n:Entity) WHERE toLower(n.name) = toLower($name) RETURN n\n"
        "UNION CALL db.index.fulltext.queryNodes('entity_keys', $name) YIELD node AS n RETURN n\n"
    )
    with pytest.raises(LibraryError, match="lookup"):
        parse_query_file(tmp_path / "q.cypher")
    walk = "MATCH p = (n:Entity {{id: $name}})(()-->()){{1,{bound}}}(m) WHERE length(p) <= {hops} RETURN n"
    (tmp_path / "q.cypher").write_text(header.format(extra="") + walk.format(bound=3, hops=3) + "\n")
    with pytest.raises(LibraryError, match="max_hops"):
        parse_query_file(tmp_path / "q.cypher")
    (tmp_path / "q.cypher").write_text(
        header.format(extra="//   :param max_hops => 2    optional\n") + walk.format(bound=6, hops="$max_hops") + "\n"
    )
    with pytest.raises(LibraryError, match=r"\{1,2\}"):
        parse_query_file(tmp_path / "q.cypher")


def test_the_server_plan_refuses_a_write_the_text_check_cannot_see(empty_db: neo4j.Driver):
    with pytest.raises(LibraryError, match="would write"):
        run_read(empty_db, "CALL db.createLabel('Injected')", {})
    records, _, _ = empty_db.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS labels")
    assert "Injected" not in records[0]["labels"]


def test_header_and_query_must_agree_on_parameters(tmp_path: Path):
    (tmp_path / "q.cypher").write_text(
        "// q\n// Something.\n//\n// Columns:\n//   n   x\nMATCH (n {name: $name}) RETURN n\n"
    )
    with pytest.raises(LibraryError, match="name"):
        parse_query_file(tmp_path / "q.cypher")


def test_every_library_query_has_its_parameters_documented():
    for query in LIBRARY.values():
        assert set(query.optional) <= set(query.params), query.name
