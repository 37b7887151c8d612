"""The textbook table (docs/textbook.md): the signed questions answer each fact of the
literature as the literature states it, on the example garden.

The expected answers are the table's, which was written from the papers it cites, not
from the library's output.
"""

from __future__ import annotations

from dataclasses import dataclass

import neo4j
import pytest

from conftest import EXAMPLE_GARDEN, ROOT, ask, wipe
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology

pytestmark = pytest.mark.neo4j


@dataclass(frozen=True)
class Fact:
    source: str
    effect: str
    target: str
    steps: int
    reference: str

    def __str__(self) -> str:
        return f"{self.source} {self.effect} {self.target}"


def textbook() -> list[Fact]:
    facts = []
    for line in (ROOT / "docs" / "textbook.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[3].isdigit():
            facts.append(Fact(cells[0], cells[1], cells[2], int(cells[3]), cells[4]))
    return facts


FACTS = textbook()


def test_the_table_has_at_least_25_signed_facts_each_with_a_reference():
    assert len(FACTS) >= 25
    assert {f.effect for f in FACTS} == {"increases", "decreases"}
    for fact in FACTS:
        assert any(mark in fact.reference for mark in ("PMID", "doi:", "PMC", "Lancet")), fact


@pytest.fixture(scope="module", autouse=True)
def example(driver: neo4j.Driver, ontology: Ontology) -> None:
    wipe(driver)
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(driver), ontology)


@pytest.mark.parametrize("fact", FACTS, ids=str)
def test_the_library_answers_the_textbook(driver: neo4j.Driver, fact: Fact):
    [net] = ask(driver, "net-effect", a=fact.source, b=fact.target, max_hops=max(fact.steps, 3))
    assert net["verdict"] == fact.effect, net["paths"]
    assert net["shortest"] == fact.steps
    upstream = ask(driver, "upstream-regulators", name=fact.target, max_hops=fact.steps, limit=1000)
    assert {r["name"]: r["effect"] for r in upstream}.get(fact.source) == fact.effect
    downstream = ask(driver, "downstream-effects", name=fact.source, max_hops=fact.steps, limit=1000)
    signed = {r["name"]: r["effect"] for r in downstream if r["effect"] not in ("helps", "harms")}
    assert signed.get(fact.target) == fact.effect
