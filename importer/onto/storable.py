"""What Neo4j can store and index, checked where notes are parsed (so `onto check` reports it too).

Two limits of the database meet what notes may write:

* an indexed text value: a range index holds keys of up to 8,167 bytes (`name`, `id`,
  `type`), and the keyword index of the keys holds terms of up to 32,766 bytes (Lucene).
  A name, alias or link target longer than `INDEXED_BYTES` is shortened, the same way
  wherever it is written, so a link still finds the note it names;
* a property key: Neo4j has no property named "" and none holding a NUL character.

A value past a limit would fail the whole write and take every other note with it; here it
costs its own note a warning, with the file and the line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from .links import LinkTarget
from .problems import Report, brief

INDEXED_BYTES = 4000  # half the range index's limit: room for the type in an id
SURELY_FITS = INDEXED_BYTES // 4  # characters: none takes more than 4 bytes in UTF-8
ELLIPSIS = "…"


def shortened(text: str) -> str | None:
    """`text` cut to fit an index (on a character boundary, with an ellipsis), or None when it fits."""
    if len(text) <= SURELY_FITS:
        return None
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= INDEXED_BYTES:
        return None
    room = INDEXED_BYTES - len(ELLIPSIS.encode())
    return data[:room].decode("utf-8", "ignore").rstrip() + ELLIPSIS


def fit(text: str, what: str, file: str, line: int | None, report: Report) -> str:
    """`text`, or its shortened form with a warning that says what it was."""
    short = shortened(text)
    if short is None:
        return text
    report.warning(
        file, line, "too-long",
        f"{what} is {len(text):,} characters long; the database indexes at most {INDEXED_BYTES:,} bytes, "
        f"so it was shortened to {brief(short)}",
    )  # fmt: skip
    return short


def key_problem(key: str) -> str | None:
    """Why `key` cannot name a property, or None when it can."""
    if not key:
        return "an empty key"
    if "\0" in key:
        return "a key holding a NUL character"
    return None


def storable_keys(
    mapping: Mapping[str, Any], file: str, line_of: Callable[[str], int | None], what: str, report: Report
) -> dict[str, Any]:
    """The entries of `mapping` whose keys can name a property; a warning for each other one."""
    kept = {}
    for key, value in mapping.items():
        problem = key_problem(key)
        if problem is None:
            kept[key] = value
        else:
            report.warning(file, line_of(key), "bad-key", f"{what} has {problem} ({key!r}); that entry was skipped")
    return kept


def storable_link(link: LinkTarget, file: str, line: int, report: Report) -> LinkTarget:
    """The link, its target shortened as a note's name is when it is too long to index."""
    if len(link.name) <= SURELY_FITS:
        return link
    name = fit(link.name, "a link's target", file, line, report)
    return link if name == link.name else replace(link, name=name)
