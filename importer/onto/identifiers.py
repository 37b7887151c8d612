"""Names that may appear in Cypher as labels or relationship types, and how they are made.

Labels and relationship types cannot be query parameters, so every one that reaches a
statement passes `require_identifier` first; property values always travel as parameters.
"""

from __future__ import annotations

import re
import unicodedata

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_WORDS = re.compile(r"[A-Za-z0-9]+")


class UnsafeIdentifier(ValueError):
    """A label or relationship type that must not be placed in a Cypher statement."""


def is_identifier(name: str) -> bool:
    return bool(_IDENTIFIER.match(name))


def require_identifier(name: str) -> str:
    if not is_identifier(name):
        raise UnsafeIdentifier(f"not a safe Cypher identifier: {name!r}")
    return name


def ascii_words(name: str) -> list[str]:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _WORDS.findall(ascii_name)


def relationship_type_name(written: str) -> str:
    """UPPER_SNAKE_CASE name for an undeclared relationship type; always an identifier."""
    words = ascii_words(written)
    name = "_".join(w.upper() for w in words)[:60].rstrip("_")
    if not name:
        return "RELATED_TO_UNNAMED"
    if not name[0].isalpha():
        name = "R_" + name
    return require_identifier(name)


def label_name(written: str) -> str:
    """PascalCase label for an undeclared entity type; always an identifier."""
    words = ascii_words(written)
    name = "".join(w[:1].upper() + w[1:] for w in words)[:60]
    if not name:
        return "Untyped"
    if not name[0].isalpha():
        name = "T" + name
    return require_identifier(name)
