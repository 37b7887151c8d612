"""How names are compared: the one home of every rule that says two names are one.

* `link_key`: a link, and a name given to a query, find the entity whose name, alias,
  slug, file name or id has the same key (case, spaces, `_` and `-` ignored). Every node
  stores its keys (`keys`), indexed, and the query library computes the key of a name
  given to it in Cypher: `LINK_KEY_CYPHER` is that expression, and a test checks that the
  server computes what `link_key` computes.
* `squash`: the ontology's type and relationship names (every non-letter ignored).
* `slugify`, `permalink_key`, `type_key`: ids and published paths.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from .identifiers import ascii_words

# What a link key leaves out after NFKC (which turns no-break and typographic spaces into
# plain ones) and lower-casing: spacing, `_`, the hyphens and dashes, and the two characters the
# full-text query syntax would need escaped (`"` and `\`), so a key can be quoted as is.
IGNORED_IN_KEYS = ' \t\n\r_-\u2010\u2011\u2012\u2013\u2014\u2015"\\'
_IGNORED = re.compile("[" + re.escape(IGNORED_IN_KEYS) + "]+")


# Room for every name of a large garden: the 100,000-note one looks up 348,782 names.
@functools.lru_cache(maxsize=1 << 19)
def link_key(name: str) -> str:
    """Names that differ only by case, spacing, `_` or `-` are one name ("Bone_Fractures").
    (A final sigma is a sigma: Java and Python lower-case a word-final Σ by different rules.)"""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).lower().replace("ς", "σ"))


_CYPHER_ESCAPES = {"\\": "\\\\", "'": "\\'", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}


def _cypher_string(text: str) -> str:
    """A Cypher string literal of `text`: quote and backslash escaped as such (Cypher reads a
    `\\u` escape of either before the literal ends), other unprintable characters as `\\u`."""
    return (
        "'" + "".join(_CYPHER_ESCAPES.get(ch) or (ch if ch.isprintable() else f"\\u{ord(ch):04x}") for ch in text) + "'"
    )


def link_key_cypher(parameter: str) -> str:
    """The Cypher expression for `link_key($parameter)`, as the query library writes it."""
    # A list comprehension rather than a CASE: Neo4j 5.26 fails to parse a CASE after
    # `normalize(..., NFKC)` in the same expression.
    return (
        f"reduce(k = '', c IN [c IN split(replace(toLower(normalize(${parameter}, NFKC)), 'ς', 'σ'), '') "
        f"WHERE NOT {_cypher_string(IGNORED_IN_KEYS)} CONTAINS c] | k + c)"
    )


def entity_lookup_cypher(parameter: str, variable: str) -> str:
    """The clause that finds the entities `$parameter` names, bound to `variable`: the full-text
    index `entity_keys` holds every node's keys as single terms, so the key, quoted, is one."""
    return (
        f"CALL db.index.fulltext.queryNodes('entity_keys', '\"' + {link_key_cypher(parameter)} + '\"') "
        f"YIELD node AS {variable}"
    )


@functools.lru_cache(maxsize=1 << 16)  # a garden writes the same few hundred type names over and over
def squash(name: str) -> str:
    """The matching key of an ontology name: case, accents, spacing and punctuation ignored.

    "Relatedtophenotype", "RELATED_TO_PHENOTYPE" and "related to phenotype" squash alike.
    """
    folded = unicodedata.normalize("NFKD", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum() and ch.isascii())


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_DROP.sub("-", ascii_text).strip("-")
    if slug:
        return slug[:120]
    # A name with no Latin letters or digits (emoji, Greek, Arabic) still needs a stable id.
    return "n-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def permalink_key(permalink: str) -> str:
    return permalink.strip().strip("/").casefold()


def type_key(written: str) -> str:
    """lower-case key for an undeclared entity type, as stored in the node's `type`."""
    return "_".join(w.lower() for w in ascii_words(written))[:60] or "untyped"
