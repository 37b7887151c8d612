"""The fast reader of simple frontmatter and edge blocks agrees with YAML on every block it accepts."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_GARDEN
from onto.problems import Report
from onto.read import discover, read_bytes
from onto.yaml_text import load_simple_mapping

# Pieces that sit on the edge of what YAML reads as text: booleans, nulls, numbers in
# other bases, dates, times, quotes, comments, indicators, spaces, line breaks YAML knows.
TRICKY = [
    "yes", "No", "ON", "off", "y", "n", "true", "False", "TRUE", "null", "Null", "~", "", "0", "00", "012", "0x1F",
    "0o17", "1_000", "+5", "-3", "1.5", "-0.25", "1e3", "1.0e+3", ".5", ".inf", "-.Inf", ".NaN", "2026-01-25",
    "2026-01-25T10:00:00Z", "1:30", "'quoted'", "'it''s'", "'open", '"double"', '"esc\\n"', "a: b", "a #b", "#c",
    "a#b", "a:b", "a:", "[1, 2]", "[a, b]", "[a, true]", "[a,b]", "[ ]", "[]", "[a, [b]]", "[a, ]", "{a: 1}",
    "&anchor", "*alias", "!tag", "|", ">", "%", "@", "`", "PrimeKG", "Hetionet v1.0", "a/b (c)", "/garden/x/",
    "x,y", "one  two", "trailing ", " leading", "-", "- item", "?", "<<", "=", "é", "ΔΨ", "a\tb", "a\x85b",
    "a\u2028b", "Alzheimer's", "it's: here", "[a[b]]", "[a{b}]", "[a}]", "[a]b]", "[a b]", "[a: b]", "[a #b]",
]  # fmt: skip
# Blocks of lines the fast path takes, with one odd line, key or value put in: so most
# blocks are read both ways, and each tricky piece is tried where it would be taken.
SIMPLE = [
    "PrimeKG", "Hetionet v1.0", "a/b (c)", "/garden/x/", "'quoted'", "'it''s'", "5", "-3", "0", "1.5", "true",
    "false", "[a, b]", "[APP, A4]", "[]", "Alzheimer's", "a:b", "a#b", "x,y", "é", "ΔΨ", "Type 2 Diabetes",
]  # fmt: skip
KEYS = ["source", "evidence_level", "dg-home", "tags", "Key_2", "_x", "title"]
ODD_KEYS = ["yes", "on", "null", "2x", "a b", "n", "Y", "True", "-x", "a.b"]


def _units(
    keys: st.SearchStrategy[str], separators: st.SearchStrategy[str], values: st.SearchStrategy[str]
) -> st.SearchStrategy[list[str]]:
    """A `key: value` line, a `key:` line with `- item` lines, or a value folded over lines."""
    key_line = st.tuples(keys, separators, values).map("".join)
    list_unit = st.tuples(keys, st.sampled_from(["", "  "]), st.lists(values, max_size=3)).map(
        lambda t: [t[0] + ":"] + [t[1] + "- " + value for value in t[2]]
    )
    folded_unit = st.tuples(key_line, st.lists(st.tuples(st.sampled_from(["  ", "    "]), values), max_size=2)).map(
        lambda t: [t[0]] + [indent + value for indent, value in t[1]]
    )
    return st.one_of(key_line.map(lambda line: [line]), list_unit, folded_unit)


simple_units = _units(st.sampled_from(KEYS), st.just(": "), st.sampled_from(SIMPLE))
odd_values = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet="ab Z09-_.:'\"#,/()+[]", max_size=12),
    st.integers(-(10**6), 10**6).map(str),
)
odd_units = st.one_of(
    _units(st.sampled_from(KEYS), st.just(": "), odd_values),
    _units(st.sampled_from(ODD_KEYS), st.just(": "), st.sampled_from(SIMPLE)),
    _units(st.sampled_from(KEYS), st.sampled_from([":", ":  ", " : ", ":\t"]), st.sampled_from(SIMPLE)),
    st.sampled_from(["", "  nested: 1", "# comment", "...", "  # note", "- stray", "\t- item", "  more text"]).map(
        lambda line: [line]
    ),
)
blocks = st.tuples(st.lists(simple_units, max_size=5), st.lists(odd_units, max_size=1), st.integers(0, 5)).map(
    lambda t: [line for part in t[0][: t[2]] + t[1] + t[0][t[2] :] for line in part]
)


@settings(max_examples=3000, deadline=None)
@given(blocks)
def test_every_block_the_fast_path_reads_means_the_same_in_yaml(block: list[str]) -> None:
    text = "\n".join(block)
    fast = load_simple_mapping(text)
    if fast is None:
        return  # YAML decides; nothing to compare
    expected = yaml.safe_load(text) or {}
    assert fast == expected
    assert repr(fast) == repr(expected)  # the same types too: True is not 1, 1.0 is not 1


def test_the_common_blocks_take_the_fast_path() -> None:
    # The shape of nearly every edge block in the real gardens: words, small integers, quoted dates.
    text = "source: PrimeKG\nevidence_level: 5\nlast_modified: '2026-01-25'"
    assert load_simple_mapping(text) == {"source": "PrimeKG", "evidence_level": 5, "last_modified": "2026-01-25"}
    # And of frontmatter: flags, a permalink, tags listed either way, a description folded over lines.
    text = (
        "dg-publish: true\npermalink: /garden/u/protein/app/\ntags:\n- protein\n- amyloid\n"
        "aliases: [APP, A4]\ndescription: Cleaved to form amyloid beta, the main part\n  of plaques in Alzheimer's."
    )
    assert load_simple_mapping(text) == {
        "dg-publish": True,
        "permalink": "/garden/u/protein/app/",
        "tags": ["protein", "amyloid"],
        "aliases": ["APP", "A4"],
        "description": "Cleaved to form amyloid beta, the main part of plaques in Alzheimer's.",
    }


def test_what_it_is_not_sure_of_goes_to_yaml() -> None:
    for text in (
        "when: 2026-01-25",
        "ok: yes",
        "n: 012",
        "t: 1:30",
        "x: 'a'\n  y: 1",
        "x: a # note",
        "x:",
        "tags:\n  - a\n- b",
        "x: a\n\n  b",
        "x: [a, true]",
        "x: 'a\n  b'",
        # The pieces each loosening of the reader got wrong, here so that no run can miss them.
        "x: a: b",
        "x: a:",
        "yes: a",
        "x: a\x85b",
        "x: [a[b]]",
    ):
        assert load_simple_mapping(text) is None, text


def _fast_reads_as_yaml(garden: Path) -> int:
    """How many frontmatters of the garden the fast path reads; each is checked against YAML."""
    taken = 0
    for found in discover(garden, Report()):
        text = (read_bytes(found.location, found.file, Report()) or b"").decode("utf-8-sig")
        if not text.startswith("---\n") or "\n---\n" not in text[3:]:
            continue
        frontmatter = text[4 : text.index("\n---\n", 3) + 1]
        fast = load_simple_mapping(frontmatter)
        if fast is not None:
            taken += 1
            assert fast == yaml.safe_load(frontmatter), found.file
    return taken


def test_real_frontmatter_reads_the_same_either_way(seed_era: Path) -> None:
    # More than none: the fast path is taken at all, so the comparison means something.
    assert _fast_reads_as_yaml(seed_era) > 0
    assert _fast_reads_as_yaml(EXAMPLE_GARDEN) > 0
