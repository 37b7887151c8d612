"""Property test: names, types, tags and annotations from hostile alphabets never change the graph
beyond the facts the notes state (no extra nodes, labels or relationships, nothing deleted)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import neo4j
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import wipe
from onto import Neo4jWriter, import_garden
from onto.identifiers import is_identifier, label_name
from onto.names import link_key
from onto.ontology import Ontology, load_ontology

pytestmark = pytest.mark.neo4j
ONTOLOGY = load_ontology()

# Quotes, backticks, braces, $, //, semicolons, emoji, right-to-left and CJK text; not the
# characters of link and comment syntax, which would change what the note says.
NAME_ALPHABET = "abcXYZ019 '\"`{}$/;:()-_.,!?@*+=~&" + "🧬🧪é中文هرمون"
ANNOTATION_ALPHABET = "abcXYZ019 '\"{}$/;()-_.,!?@*+=~" + "🧬é中文هر"
KEY = re.compile(r"[A-Za-z][A-Za-z0-9_ -]{0,14}[A-Za-z0-9_]")

names = st.text(NAME_ALPHABET, min_size=1, max_size=18).filter(
    lambda t: t == t.strip() and link_key(t) and not re.fullmatch(r"n\d+", link_key(t))
)
# A blank type is no type: such a note is skipped (tests/test_hostile.py), so it is not drawn here.
types = st.one_of(
    st.sampled_from([t.key for t in ONTOLOGY.entity_types]),
    st.text(NAME_ALPHABET, min_size=1, max_size=12).filter(lambda t: t.strip()),
)
keys = st.one_of(
    st.sampled_from(["ACTIVATES", "INHIBITED_BY", "Treats", "interacts with", "RELATED_TO"]),
    st.from_regex(KEY, fullmatch=True),
)
annotations = st.text(ANNOTATION_ALPHABET, max_size=20)


@st.composite
def gardens(draw: st.DrawFn) -> tuple[list[dict[str, object]], list[tuple[int, str, int, str]]]:
    titles = draw(st.lists(names, min_size=2, max_size=5, unique_by=link_key))
    notes = [{"title": t, "type": draw(types), "tags": draw(st.lists(names, max_size=3))} for t in titles]
    statements = draw(
        st.lists(
            st.tuples(st.integers(0, len(notes) - 1), keys, st.integers(0, len(notes) - 1), annotations), max_size=8
        )
    )
    return notes, statements


def write_garden(root: Path, notes: list[dict[str, object]], statements: list[tuple[int, str, int, str]]) -> None:
    bodies = ["" for _ in notes]
    for source, key, target, annotation in statements:
        tail = f" - {annotation}" if annotation.strip() else ""
        bodies[source] += f"{key}:: [[{notes[target]['title']}]]{tail}\n"
    for i, (note, body) in enumerate(zip(notes, bodies, strict=True)):
        front = yaml.safe_dump(note, allow_unicode=True, sort_keys=True)
        (root / f"n{i}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(garden=gardens())
def test_hostile_text_imports_as_exactly_the_stated_facts(
    garden: tuple[list[dict[str, object]], list[tuple[int, str, int, str]]], driver: neo4j.Driver, ontology: Ontology
):
    notes, statements = garden
    wipe(driver)
    driver.execute_query("CREATE (:HandMade {note: 'an analyst made this in Browser'})")
    with tempfile.TemporaryDirectory() as folder:
        write_garden(Path(folder), notes, statements)
        summary = import_garden(Path(folder), Neo4jWriter(driver), ontology)
    assert summary.errors == []

    nodes = driver.execute_query("MATCH (n:Entity) RETURN n.name AS name, n.tags AS tags, labels(n) AS labels").records
    assert sorted(r["name"] for r in nodes) == sorted(str(n["title"]) for n in notes)  # no stubs, nothing extra
    assert sorted(map(str, sum((r["tags"] for r in nodes), []))) == sorted(sum((n["tags"] for n in notes), []))  # type: ignore[arg-type]
    wanted_labels = {"Entity"} | {
        (
            ontology.entity_type(str(n["type"])).label
            if ontology.entity_type(str(n["type"]))
            else label_name(str(n["type"]))
        )  # type: ignore[union-attr]
        for n in notes
    }
    assert {label for r in nodes for label in r["labels"]} == wanted_labels
    assert all(is_identifier(label) for label in wanted_labels)

    hand_made = driver.execute_query("MATCH (h:HandMade) RETURN h.note AS note").records
    assert [r["note"] for r in hand_made] == ["an analyst made this in Browser"]

    facts = driver.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.name AS a, b.name AS b, type(r) AS type, r.stated_as AS stated, "
        "coalesce(r.annotation, '') AS annotation, r.statements AS statements"
    ).records
    assert all(is_identifier(r["type"]) for r in facts)
    assert sum(r["statements"] for r in facts) == len(statements)  # every statement carried, none invented
    for source, key, target, written in statements:
        a, b = str(notes[source]["title"]), str(notes[target]["title"])
        # docs/grammar.md: a run of spaces in a line is one space, in keys and annotations alike
        annotation, stated = " ".join(written.split()), " ".join(key.split())
        carried = [
            r for r in facts if {r["a"], r["b"]} == {a, b} and stated in r["stated"] and annotation in r["annotation"]
        ]
        assert carried, (a, key, b, annotation)
