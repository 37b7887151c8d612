"""The real seed-era garden (../shared/gardens/seed-era) imported into a real Neo4j.

What each test expects is read from the notes by the small, independent reader below
(plain regular expressions over the published HTML), never from the importer's output.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
import pytest

from conftest import ask, wipe
from graph_snapshot import snapshot
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.pipeline import ImportSummary
from onto.queries import bind, load_library, run_read

pytestmark = pytest.mark.neo4j
LIBRARY = load_library()

TYPE = re.compile(r"^type: (\S+)$", re.M)
PERMALINK = re.compile(r"^permalink: (\S+)$", re.M)
TITLE = re.compile(r"^title: (.+)$", re.M)
# Link text can hold markup: Markdown underscores in a name come out as <em>.
RESOLVED = r'<a href="([^"]+)" class="internal-link">(.+?)</a>'
UNRESOLVED = r'<a class="internal-link is-unresolved" href="/404">(.+?)</a>'
FIELD = re.compile(rf"([A-Za-z_]+)::\s*(?:{RESOLVED}|{UNRESOLVED})")
H2 = re.compile(r"^<h2>")
H3 = re.compile(r"^<h3>(.*)</h3>")
ITEM = re.compile(rf"^<li>([→←]) (?:{RESOLVED}|{UNRESOLVED})")


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def norm(name: str) -> str:
    """The link-matching rule docs/grammar.md gives: case, spaces, `_` and dashes (any of ‐‑‒–—―) ignored."""
    return re.sub(r"[\s_\-\u2010-\u2015]+", "", name.lower())


@dataclass
class GardenFacts:
    typed: dict[str, str] = field(default_factory=dict)  # file -> type
    permalink: dict[str, str] = field(default_factory=dict)  # file -> permalink
    # (file, written type or None, linked permalink, link text, outgoing): every statement with a link
    links: list[tuple[str, str | None, str | None, str, bool]] = field(default_factory=list)
    title: dict[str, str] = field(default_factory=dict)  # permalink -> title

    @property
    def between_notes(self) -> list[tuple[str, str | None, str]]:
        """Statements whose link is the permalink of a note in the folder."""
        notes = set(self.permalink.values())
        return [(f, w, p) for f, w, p, _, _ in self.links if p in notes]

    @property
    def unresolved(self) -> dict[str, set[str]]:
        """file -> names of links that point at no note of the folder (published as such or not)."""
        notes = set(self.permalink.values())
        found: dict[str, set[str]] = defaultdict(set)
        for file, _, permalink, name, _ in self.links:
            if permalink not in notes:
                found[file].add(name)
        return found


def read_facts(root: Path) -> GardenFacts:
    facts = GardenFacts()
    for path in sorted(root.rglob("*.md")):
        file = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        typed = TYPE.search(text.split("\n---\n", 1)[0])
        if not typed:
            continue
        facts.typed[file] = typed.group(1)
        facts.permalink[file] = PERMALINK.search(text).group(1)  # type: ignore[union-attr]
        facts.title[facts.permalink[file]] = TITLE.search(text).group(1).strip("'\"")  # type: ignore[union-attr]
        heading: str | None = None
        for line in text.splitlines():
            if H2.match(line):
                heading = None
            elif m := H3.match(line):
                heading = html.unescape(m.group(1))
            elif m := ITEM.match(line):
                facts.links.append((file, heading, m.group(2), plain(m.group(3) or m.group(4)), m.group(1) == "→"))
            else:
                for written, href, link_text, unresolved_name in FIELD.findall(line):
                    facts.links.append((file, written, href or None, plain(link_text or unresolved_name), True))
    return facts


@pytest.fixture(scope="module")
def facts(seed_era: Path) -> GardenFacts:
    return read_facts(seed_era)


@pytest.fixture(scope="module")
def imported(seed_era: Path, driver: neo4j.Driver, ontology: Ontology) -> ImportSummary:
    wipe(driver)
    return import_garden(seed_era, Neo4jWriter(driver), ontology)


def rows(driver: neo4j.Driver, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, params)
    return [dict(r) for r in records]


def test_import_reports_no_errors_and_reconciles(imported: ImportSummary):
    assert imported.errors == []
    assert imported.reconciles
    assert imported.statements_dropped == 0
    skipped = [p.file for p in imported.problems if p.code == "no-type"]
    assert skipped == ["Personal Health Dashboard.md"]


def test_every_typed_note_is_a_node_of_its_type(imported: ImportSummary, driver: neo4j.Driver, facts: GardenFacts):
    found = {
        r["file"]: r["type"]
        for r in rows(driver, "MATCH (n:Entity) WHERE n.file IS NOT NULL RETURN n.file AS file, n.type AS type")
    }
    assert len(facts.typed) > 800
    for file, type_ in facts.typed.items():
        assert found.get(file) == type_, file
    # The draft in lab-tests/ has no `type`; its folder names the lab test type.
    assert set(found) - set(facts.typed) == {"lab-tests/New Lab test.md"}


def test_every_statement_between_two_notes_is_a_relationship(
    imported: ImportSummary, driver: neo4j.Driver, facts: GardenFacts
):
    expected = [
        {"file": file, "a": facts.permalink[file], "b": target, "written": written}
        for file, written, target in facts.between_notes
    ]
    assert len(expected) > 5000
    missing = rows(
        driver,
        """
        UNWIND $expected AS e
        MATCH (a:Entity {permalink: e.a}), (b:Entity {permalink: e.b})
        OPTIONAL MATCH (a)-[r]-(b)
        WHERE 'seed-era/' + e.file IN r.sources AND (e.written IS NULL OR e.written IN r.stated_as)
        WITH e, count(r) AS found WHERE found = 0
        RETURN e
        """,
        expected=expected,
    )
    assert missing == []


def test_unresolved_targets_are_stubs_linked_from_the_note(
    imported: ImportSummary, driver: neo4j.Driver, facts: GardenFacts
):
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in rows(
        driver,
        "MATCH (n:Entity)-[]-(m:Entity) WHERE n.file IS NOT NULL "
        "RETURN n.file AS file, m.name AS name, m.stub AS stub, coalesce(m.aliases, []) AS aliases, m.slug AS slug",
    ):
        for name in [r["name"], *r["aliases"], r["slug"] or ""]:
            neighbours[r["file"]].add(norm(name))
    for file, names in facts.unresolved.items():
        for name in names:
            assert norm(name) in neighbours[file], (file, name)

    stubs = rows(driver, "MATCH (s:Entity {stub: true}) RETURN s.name AS name, COUNT { (s)--() } AS degree")
    assert all(s["degree"] > 0 for s in stubs)
    note_names = {norm(r["name"]) for r in rows(driver, "MATCH (n:Entity) WHERE n.stub IS NULL RETURN n.name AS name")}
    note_names |= {norm(r["alias"]) for r in rows(driver, "MATCH (n:Entity) UNWIND n.aliases AS alias RETURN alias")}
    note_names |= {
        norm(r["slug"]) for r in rows(driver, "MATCH (n:Entity) WHERE n.slug IS NOT NULL RETURN n.slug AS slug")
    }
    unresolved_names = {norm(n) for names in facts.unresolved.values() for n in names}
    assert len(stubs) == len(unresolved_names - note_names)


def test_signs_follow_the_ontology(imported: ImportSummary, driver: neo4j.Driver):
    signs = rows(driver, "MATCH ()-[r:ACTIVATES|INHIBITS]->() RETURN type(r) AS t, collect(DISTINCT r.sign) AS signs")
    assert {r["t"]: r["signs"] for r in signs} == {"ACTIVATES": [1], "INHIBITS": [-1]}


def test_second_import_changes_nothing(
    imported: ImportSummary, driver: neo4j.Driver, seed_era: Path, ontology: Ontology
):
    before = snapshot(driver)
    import_garden(seed_era, Neo4jWriter(driver), ontology)
    assert snapshot(driver) == before


def statements_about(facts: GardenFacts, ontology: Ontology, permalink: str) -> list[tuple[str, str, str]]:
    """(subject name, canonical type, object name) of every statement touching the note at `permalink`,
    read off the notes and put in the ontology's direction."""
    name_of = facts.title
    found = []
    for file, written, linked, text, outgoing in facts.links:
        here = facts.permalink[file]
        if permalink not in (here, linked) or written is None:
            continue
        match = ontology.relationship(written)
        if match is None:
            continue
        subject, obj = (here, linked) if outgoing else (linked, here)
        if match.reversed:
            subject, obj = obj, subject
        # The note's own side always has a title; the linked side falls back to the link's text.
        found.append((name_of.get(subject or "", text), match.type.name, name_of.get(obj or "", text)))
    return found


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_library_query_runs_on_the_real_garden(imported: ImportSummary, driver: neo4j.Driver, name: str):
    text, params = bind(LIBRARY[name], LIBRARY[name].params)
    columns, _ = run_read(driver, text, params)
    assert columns == list(LIBRARY[name].columns)


def test_what_igf1_activates(imported: ImportSummary, driver: neo4j.Driver, facts: GardenFacts, ontology: Ontology):
    igf1 = "/garden/dev_admin/hormone/igf-1/"
    expected = {
        obj for subj, rel, obj in statements_about(facts, ontology, igf1) if subj == "IGF-1" and rel == "ACTIVATES"
    }
    assert {"mTOR Pathway", "AKT1"} <= expected  # what seed/igf-1.md says, at least
    effects = {r["name"]: r["effect"] for r in ask(driver, "downstream-effects", name="IGF-1", max_hops=1)}
    assert all(effects.get(name) == "increases" for name in expected), (expected, effects)


def test_what_treats_sarcopenia(imported: ImportSummary, driver: neo4j.Driver, facts: GardenFacts, ontology: Ontology):
    sarcopenia = "/garden/dev_admin/condition/sarcopenia/"
    expected = {
        norm(subj)
        for subj, rel, obj in statements_about(facts, ontology, sarcopenia)
        if obj == "Sarcopenia" and rel in ("TREATS", "IMPROVES", "PREVENTS")
    }
    assert len(expected) >= 3
    rows = ask(driver, "condition-profile", name="Sarcopenia", limit=1000)
    assert {norm(r["name"]) for r in rows if r["category"] == "treatment"} == expected
