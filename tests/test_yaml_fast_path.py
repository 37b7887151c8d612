"""The fast reader of flat edge blocks agrees with YAML on every block it accepts."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from onto.yaml_text import load_flat_mapping

# Pieces that sit on the edge of what YAML reads as text: booleans, nulls, numbers in
# other bases, dates, times, quotes, comments, indicators, spaces.
TRICKY = [
    "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "Null", "~", "", "0", "00", "012", "0x1F", "0o17",
    "1_000", "+5", "-3", "1.5", "-0.25", "1e3", "1.0e+3", ".5", ".inf", "-.Inf", ".NaN", "2026-01-25",
    "2026-01-25T10:00:00Z", "1:30", "'quoted'", "'it''s'", "'open", '"double"', '"esc\\n"', "a: b", "a #b", "#c",
    "[1, 2]", "{a: 1}", "&anchor", "*alias", "!tag", "|", ">", "%", "@", "`", "PrimeKG", "Hetionet v1.0",
    "a/b (c)", "x,y", "one  two", "trailing ", " leading", "-", "- item", "?", "<<", "=", "é", "ΔΨ", "a\tb",
]  # fmt: skip
KEYS = ["source", "evidence_level", "last_modified", "yes", "on", "null", "Key_2", "_x", "2x", "a b", "n", "Y"]

values = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet="ab Z09-_.:'\"#,/()+", max_size=12),
    st.integers(-(10**6), 10**6).map(str),
)
lines = st.tuples(st.sampled_from(KEYS), st.sampled_from([": ", ":", ":  ", " : "]), values).map("".join)
blocks = st.lists(st.one_of(lines, st.sampled_from(["", "  nested: 1", "- item", "# comment"])), max_size=6)


@settings(max_examples=3000, deadline=None)
@given(blocks)
def test_every_block_the_fast_path_reads_means_the_same_in_yaml(block: list[str]) -> None:
    text = "\n".join(block)
    fast = load_flat_mapping(text)
    if fast is None:
        return  # YAML decides; nothing to compare
    assert fast == yaml.safe_load(text)
    assert [type(v) for v in fast.values()] == [type(v) for v in yaml.safe_load(text).values()]


def test_the_common_blocks_take_the_fast_path() -> None:
    # The shape of nearly every edge block in the real gardens: words, small integers, quoted dates.
    text = "source: PrimeKG\nevidence_level: 5\nlast_modified: '2026-01-25'"
    assert load_flat_mapping(text) == {"source": "PrimeKG", "evidence_level": 5, "last_modified": "2026-01-25"}


def test_what_it_is_not_sure_of_goes_to_yaml() -> None:
    for text in ("when: 2026-01-25", "ok: yes", "n: 012", "t: 1:30", "x: 'a'\n  y: 1", "x: a # note", "x:"):
        assert load_flat_mapping(text) is None, text
