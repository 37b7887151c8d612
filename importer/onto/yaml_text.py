"""Parse YAML text the same safe way everywhere: frontmatter and edge property blocks."""

from __future__ import annotations

import re
import string
import sys
from typing import Any

import yaml

try:  # libyaml's loader is several times faster on large gardens
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

YAMLError = yaml.YAMLError


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


# --- the fast path -------------------------------------------------------------------------
# Nearly every frontmatter and every edge block is a few `key: value` lines of words,
# numbers and quoted text, with lists of tags. Those are read here without a YAML parser
# (several times faster than libyaml: bench/RESULTS.md, "behind the code"); anything else (and anything this is not
# sure YAML reads the same way: dates, escapes, nesting, anchors, comments) goes to load_yaml.
# tests/test_yaml_fast_path.py checks that both readings agree.
_LINE = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?: (?P<value>.*))?|(?P<indent> *)- (?P<item>.*)| +(?P<more>.*)")
_SINGLE_QUOTED = re.compile(r"'((?:[^'\n]|'')*)'")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
# Text YAML reads as that very text: it starts with a letter or `/` (so it is no number,
# date or indicator), holds no `: ` or ` #`, no character YAML cannot print or reads as a
# line break, and does not end in a space or a colon.
_PLAIN_START = frozenset(string.ascii_letters + "/")
_PLAIN = re.compile(
    r"[A-Za-z/](?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff:#]|:(?! )|(?<! )#)*(?<![ :])"
)
_FLOW_ITEM = re.compile(r"[A-Za-z/][^,\[\]{}]*")  # an item of `[a, b]`, where commas and brackets end text
_BOOLEANS = {"true": True, "false": False}
# Words YAML 1.1 reads as booleans or null, as keys and as values.
_SPECIAL_WORDS = {
    w
    for base in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
    for w in (base, base.capitalize(), base.upper())
}
_NOT_SURE = object()


def _scalar(text: str) -> Any:
    """What YAML reads `text` (one value, on one line) as; _NOT_SURE when YAML must decide."""
    first = text[:1]
    if first in _PLAIN_START:
        if text in _BOOLEANS:
            return _BOOLEANS[text]
        if text in _SPECIAL_WORDS or not _PLAIN.fullmatch(text):
            return _NOT_SURE
        return sys.intern(text) if len(text) <= 40 else text  # "source: PrimeKG" on every edge
    if first == "'":
        return text[1:-1].replace("''", "'") if _SINGLE_QUOTED.fullmatch(text) else _NOT_SURE
    if first == "[" and text[-1] == "]":
        items = [piece.strip() for piece in text[1:-1].split(",")] if text[1:-1].strip() else []
        if not all(_FLOW_ITEM.fullmatch(item) and item not in _BOOLEANS for item in items):
            return _NOT_SURE
        values = [_scalar(item) for item in items]
        return _NOT_SURE if _NOT_SURE in values else values
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return _NOT_SURE


def load_simple_mapping(text: str) -> dict[str, Any] | None:
    """The mapping a block of simple lines means, or None when YAML must decide.

    Simple lines: `key: value` (a value on one line, or plain text folded over indented
    lines), and `key:` followed by `- item` lines at one indent.
    """
    result: dict[str, Any] = {}
    key = ""
    items: list[Any] | None = None  # the list being read, after `key:`
    indent: str | None = None  # the indent of its items
    folded: list[str] | None = None  # the lines of plain text being read, after `key: text`
    for line in text.split("\n"):
        if not line:
            folded = None  # a blank line in plain text is a line break: YAML decides that
            continue
        m = _LINE.fullmatch(line)
        if m is None:
            return None
        if m.group("key") is not None:
            if items == [] or m.group("key") in _SPECIAL_WORDS:
                return None  # `key:` with no items is null, and `yes:` a boolean key: YAML decides
            key, value = sys.intern(m.group("key")), m.group("value")
            if not value:
                if value == "":
                    return None
                items, indent, folded = [], None, None
                result[key] = items
                continue
            scalar = _scalar(value)
            if scalar is _NOT_SURE:
                return None
            result[key] = scalar
            items, folded = None, [value] if value[0] in _PLAIN_START and isinstance(scalar, str) else None
        elif m.group("item") is not None:
            if items is None or indent not in (None, m.group("indent")):
                return None
            indent = m.group("indent")
            scalar = _scalar(m.group("item"))
            if scalar is _NOT_SURE:
                return None
            items.append(scalar)
        else:
            more = m.group("more")
            if folded is None or not _PLAIN.fullmatch(more):
                return None
            folded.append(more)
            result[key] = " ".join(folded)
    return None if items == [] else result
