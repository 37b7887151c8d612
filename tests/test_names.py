"""One rule for names: a link in a note and a name given to a query find the same entity.

The rule lives in `names.link_key`; the query library computes it in Cypher
(`names.link_key_cypher`). The server must compute what Python computes, for names as
gardens write them: Latin, Greek and accented letters, ligatures, full-width forms, odd
spaces and dashes, quotes and backslashes.
"""

from __future__ import annotations

import neo4j
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onto.model import Entity
from onto.names import entity_lookup_cypher, link_key, link_key_cypher
from onto.resolve import entity_node

LETTERS = "aAzZéÉñßẞçøÆﬁﬂ ＡＢａｂ αβγδΣσςΟΔΟΣ İıДжЯ 中文 ٣"
MARKS = " \t\n\r\u00a0\u2009\u202f\u3000_-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\"'\\/:;.,()[]{}+*?|&!#%"
DIGITS = "0123456789¹²½"
names = st.text(alphabet=LETTERS + MARKS + DIGITS, max_size=24)


def test_the_rule_ignores_case_spacing_underscores_and_dashes():
    assert link_key("mTOR Pathway") == link_key("mtor_pathway") == link_key("MTOR-PATHWAY") == "mtorpathway"
    assert link_key("IGF\u20111") == link_key("igf 1") == link_key("IGF-1")  # a non-breaking hyphen
    assert link_key("Na+/K+ ATPase") != link_key("Na K ATPase")  # other punctuation counts
    assert link_key('a "quoted" \\ name') == "aquotedname"  # never a character the index query would escape


def test_a_node_keeps_every_name_a_link_may_use():
    entity = Entity(
        id="pathway:mtor-pathway", name="mTOR Pathway", type="pathway", label="Pathway", declared=True,
        file="pathways/mtor.md", line=2, slug="mtor-pathway", permalink=None, aliases=["mTOR signalling"],
        properties={"name": "mTOR Pathway"},
    )  # fmt: skip
    keys = entity_node(entity).properties["keys"]
    assert keys[0] == "mtorpathway"  # the name's key first
    assert set(keys) == {"mtorpathway", "mtorsignalling", "mtor", "pathways/mtor", "pathway:mtorpathway"}


@pytest.mark.neo4j
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names)
def test_the_server_computes_the_key_python_computes(driver: neo4j.Driver, name: str):
    records, _, _ = driver.execute_query(f"RETURN {link_key_cypher('name')} AS key", name=name)
    assert records[0]["key"] == link_key(name)


@pytest.mark.neo4j
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names)
def test_the_lookup_finds_a_node_by_any_name_with_the_same_key(empty_db: neo4j.Driver, name: str):
    empty_db.execute_query("MATCH (n:Entity) DETACH DELETE n")
    key = link_key(name)
    empty_db.execute_query("CREATE (:Entity {id: 'x', keys: [k IN [$key] WHERE k <> '']})", key=key)  # as written
    empty_db.execute_query("CALL db.awaitIndexes(60)")
    records, _, _ = empty_db.execute_query(entity_lookup_cypher("name", "e") + " RETURN e.id AS id", name=name)
    assert [r["id"] for r in records] == (["x"] if key else [])
