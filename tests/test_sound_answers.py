"""On the real garden: no library answer contradicts a fact the garden states directly, and
`onto check` reports the statements that do not fit their type's domain and range, each with
the file and line where it is written."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from conftest import ask, wipe
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.pipeline import ImportSummary

WORD = {1: "increases", -1: "decreases"}
# Every pair of entities the garden joins by a signed fact, with the signs it states.
DIRECT = (
    "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.sign IS NOT NULL AND a <> b "
    "RETURN a.id AS a, a.name AS a_name, a.type AS a_type, b.id AS b, b.name AS b_name, b.type AS b_type, "
    "collect(DISTINCT r.sign) AS signs ORDER BY a, b"
)


@pytest.fixture(scope="module")
def seed_era_graph(driver: neo4j.Driver, ontology: Ontology, seed_era: Path) -> neo4j.Driver:
    wipe(driver)
    import_garden(seed_era, Neo4jWriter(driver), ontology)
    return driver


def expected(signs: list[int]) -> str:
    return WORD[signs[0]] if len(signs) == 1 else "mixed"


@pytest.mark.neo4j
def test_no_answer_contradicts_a_direct_signed_fact(seed_era_graph: neo4j.Driver):
    driver = seed_era_graph
    pairs = [dict(r) for r in driver.execute_query(DIRECT)[0]]
    assert len(pairs) > 100  # the garden's own signed facts, read from the graph the import wrote
    for pair in pairs:
        want = expected(pair["signs"])
        [net] = ask(driver, "net-effect", a=pair["a"], b=pair["b"])  # ids: one entity each
        assert (net["verdict"], net["shortest"]) == (want, 1), (pair, net["paths"])
    by_target: dict[str, list[dict[str, object]]] = {}
    by_source: dict[str, list[dict[str, object]]] = {}
    for pair in pairs:
        by_target.setdefault(pair["b"], []).append(pair)
        by_source.setdefault(pair["a"], []).append(pair)
    for target, regulators in by_target.items():
        rows = ask(driver, "upstream-regulators", name=target, limit=100_000)
        found = {(r["name"], r["type"], r["effect"]) for r in rows if r["hops"] == 1}
        for pair in regulators:
            assert (pair["a_name"], pair["a_type"], expected(pair["signs"])) in found, pair
    for source, affected in by_source.items():
        rows = ask(driver, "downstream-effects", name=source, limit=100_000)
        found = {(r["name"], r["type"], r["effect"]) for r in rows if r["hops"] == 1}
        for pair in affected:
            assert (pair["b_name"], pair["b_type"], expected(pair["signs"])) in found, pair


def test_check_reports_what_does_not_fit_its_domain_and_range_where_it_is_written(seed_era: Path, ontology: Ontology):
    summary: ImportSummary = import_garden(seed_era, None, ontology)
    misfits = [p for p in summary.warnings if p.code == "domain-range"]
    assert misfits  # the real garden has some: a supplement that "May Detect" a condition, ...
    for problem in misfits:
        written = problem.message.split(":", 1)[0]
        lines = (seed_era / problem.file).read_text(encoding="utf-8").splitlines()
        assert problem.line is not None and 1 <= problem.line <= len(lines)
        # the statement's line names the relationship, or its list's heading above it does
        above = "\n".join(lines[max(0, problem.line - 60) : problem.line])
        assert written in above, (problem, written)
        assert " does not come from " in problem.message or " does not go to " in problem.message
