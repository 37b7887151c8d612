"""Parse YAML text the same safe way everywhere: frontmatter and edge property blocks."""

from __future__ import annotations

import re
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


# --- the fast path for edge blocks ---------------------------------------------------------
# Nearly every edge block is a few `key: value` lines of words, numbers and quoted text.
# Those are read here without a YAML parser; anything else (and anything this is not sure
# YAML reads the same way: dates, booleans, escapes, nesting) goes to load_yaml.
# tests/test_yaml_fast_path.py checks that both readings agree.
_FLAT_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (.+)")
_SINGLE_QUOTED = re.compile(r"'((?:[^'\n]|'')*)'")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,()/+-]*")
# Words YAML 1.1 reads as booleans or null, as keys and as values.
_SPECIAL_WORDS = {
    w
    for base in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
    for w in (base, base.capitalize(), base.upper())
}


def _flat_value(text: str) -> tuple[bool, Any]:
    if _SINGLE_QUOTED.fullmatch(text):
        return True, text[1:-1].replace("''", "'")
    if _INT.fullmatch(text):
        return True, int(text)
    if _FLOAT.fullmatch(text):
        return True, float(text)
    if _PLAIN.fullmatch(text) and text not in _SPECIAL_WORDS and not text.endswith(" "):
        return True, text
    return False, None


def load_flat_mapping(text: str) -> dict[str, Any] | None:
    """The mapping a block of plain `key: value` lines means, or None when YAML must decide."""
    result: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line:
            continue
        m = _FLAT_LINE.fullmatch(line)
        if m is None or m.group(1) in _SPECIAL_WORDS:
            return None
        ok, value = _flat_value(m.group(2))
        if not ok:
            return None
        # Interned: the same few keys and values ("source: PrimeKG") recur on every edge.
        result[sys.intern(m.group(1))] = sys.intern(value) if isinstance(value, str) and len(value) <= 40 else value
    return result or None
