"""How the server plans each library query (EXPLAIN): names are found through the index, never by
scanning nodes, and no walk goes further than its bound. Plans depend on the schema, not on the
data, so an empty database with onto's schema shows them."""

from __future__ import annotations

import re
from typing import Any

import neo4j
import pytest

from conftest import LIBRARY
from onto.queries import MAX_HOPS, WALK_BOUND, bind
from onto.write import SCHEMA

pytestmark = pytest.mark.neo4j

NAMED = sorted(q.name for q in LIBRARY.values() if any(isinstance(v, str) for v in q.params.values()))
WALKS = sorted(q.name for q in LIBRARY.values() if WALK_BOUND in q.params)
# The longest a walk operator may go, as the server writes it: `*..3`, `*1..3`, `{1, 3}`.
_BOUNDS = re.compile(r"\*(?:\d+)?\.\.(\d+)|\{\s*\d+\s*,\s*(\d+)\s*\}")


@pytest.fixture(scope="module")
def schema_db(driver: neo4j.Driver) -> neo4j.Driver:
    for statement in SCHEMA:
        driver.execute_query(statement)
    return driver


def operators(driver: neo4j.Driver, text: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    with driver.session() as session:
        plan = session.run("EXPLAIN " + text, params).consume().plan
    assert plan is not None
    found: list[tuple[str, str]] = []
    stack = [plan]
    while stack:
        step = stack.pop()
        found.append((step["operatorType"].split("@")[0], str(step.get("args", {}).get("Details", ""))))
        stack.extend(step.get("children", []))
    return found


def test_the_library_has_questions_of_both_kinds():
    assert {"net-effect", "upstream-regulators", "downstream-effects"} <= set(WALKS)
    assert len(NAMED) >= 12


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_no_query_scans_every_node(schema_db: neo4j.Driver, name: str):
    query = LIBRARY[name]
    text, params = bind(query, query.params)
    plan = operators(schema_db, text, params)
    assert not [op for op, _ in plan if op == "AllNodesScan"], plan
    if name in NAMED:  # a name is looked up in the entity_keys index, never by scanning a label
        assert not [op for op, _ in plan if "LabelScan" in op], plan
        assert any(op == "ProcedureCall" and "db.index.fulltext.queryNodes" in d for op, d in plan), plan


@pytest.mark.parametrize("name", WALKS)
@pytest.mark.parametrize("hops", range(1, MAX_HOPS + 1))
def test_no_walk_goes_further_than_max_hops(schema_db: neo4j.Driver, name: str, hops: int):
    query = LIBRARY[name]
    text, params = bind(query, {**query.params, WALK_BOUND: hops})
    plan = operators(schema_db, text, params)
    walks = [(op, d) for op, d in plan if any(w in op for w in ("VarLengthExpand", "ShortestPath", "Repeat"))]
    assert walks, plan
    for op, details in walks:
        # a pattern with no quantifier left (`{1,1}` planned as one relationship) takes one step
        bounds = [int(a or b) for a, b in _BOUNDS.findall(details)] or ([1] if "*" not in details else [])
        assert bounds and max(bounds) <= hops, (op, details)
