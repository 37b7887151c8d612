"""External identifiers a note gives in its frontmatter, checked against the Bioregistry.

A note names them under a key its type declares (`hgnc: 5464`, `UniProtKB: P05019`,
`mondo: "MONDO:0005148"`) or as CURIEs of any prefix in `xref:` (`xref: [HGNC:5464,
NCBIGene:3479]`). Each is normalised by the Bioregistry (offline: it ships its registry),
checked against the pattern the Bioregistry gives its prefix, and kept as a CURIE with the
prefix spelled as Biolink spells it (the ontology's `identifiers`); a malformed one is a
warning with file and line, and is left out. The Bioregistry is imported only for notes
that give identifiers: it takes a second to load.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from .names import squash
from .ontology import EntityType, Ontology
from .problems import Report

XREF_KEYS = ("xref", "xrefs")


def identifier_keys(entity_type: EntityType | None) -> dict[str, str | None]:
    """Frontmatter keys (squashed) that hold identifiers -> the prefix they imply (None: CURIEs)."""
    keys: dict[str, str | None] = {squash(p): p for p in (entity_type.identifiers if entity_type else ())}
    keys.update(dict.fromkeys(XREF_KEYS))
    return keys


def note_xrefs(
    frontmatter: dict[str, Any],
    entity_type: EntityType | None,
    ontology: Ontology,
    file: str,
    line_of: Callable[[str], int | None],
    report: Report,
) -> tuple[list[str], set[str]]:
    """The note's identifiers as CURIEs, in the order written, and the frontmatter keys that held them."""
    keys = identifier_keys(entity_type)
    found: list[str] = []
    used: set[str] = set()
    spellings: dict[str, str] | None = None  # the Bioregistry is loaded for notes that give identifiers only
    for key, value in frontmatter.items():
        squashed = squash(key)
        if squashed not in keys:
            continue
        used.add(key)
        prefix = keys[squashed]
        spellings = spellings if spellings is not None else _spellings(_declared(ontology))
        for item in _items(value):
            curie, problem = _checked(item, prefix, spellings)
            if problem is not None:
                report.warning(file, line_of(key), "bad-identifier", f"{key}: {problem}")
            elif curie not in found:
                found.append(curie)
    return found, used


def _items(value: Any) -> Iterable[str]:
    for item in value if isinstance(value, list) else [value]:
        if item is not None and not isinstance(item, (dict, list, bool)):
            yield str(item).strip()


def _declared(ontology: Ontology) -> tuple[str, ...]:
    return tuple(sorted({p for et in ontology.entity_types for p in et.identifiers}))


@functools.cache
def _registry() -> ModuleType:
    """The bioregistry module, imported on first use: it takes a second to load, and only notes
    with identifiers need it. It shows a tqdm progress bar as it loads, whose monitor thread
    would stay: with a second thread running, onto no longer forks (`forking.can_fork`)."""
    import tqdm  # noqa: PLC0415

    tqdm.tqdm.monitor_interval = 0
    import bioregistry  # noqa: PLC0415

    return bioregistry


@functools.cache
def _spellings(declared: tuple[str, ...]) -> dict[str, str]:
    """Bioregistry prefix -> the spelling the ontology (Biolink) gives it."""
    bioregistry = _registry()
    spelled = {}
    for prefix in declared:
        normal = bioregistry.normalize_prefix(prefix)
        if normal is not None:
            spelled[normal] = prefix
    return spelled


def _checked(item: str, prefix: str | None, spellings: dict[str, str]) -> tuple[str, str | None]:
    """(CURIE, None), or ("", what is wrong with it)."""
    bioregistry = _registry()
    if not item:
        return "", "an empty identifier"
    written_prefix, colon, local = item.partition(":")
    if prefix is None and not colon:
        return "", f"{item!r} is no CURIE (write it as PREFIX:ID, such as HGNC:5464)"
    if prefix is not None and (not colon or bioregistry.normalize_prefix(written_prefix) is None):
        written_prefix, local = prefix, item  # a bare local id under a key that names its prefix
    normal_prefix, normal_local = bioregistry.normalize_parsed_curie(written_prefix, local)
    if normal_prefix is None or normal_local is None:
        return "", f"{item!r}: the Bioregistry knows no prefix {written_prefix!r}"
    if prefix is not None and normal_prefix != bioregistry.normalize_prefix(prefix):
        return "", f"{item!r} is not a {prefix} identifier"
    if not bioregistry.is_valid_identifier(normal_prefix, normal_local):
        spelled, pattern = spellings.get(normal_prefix, normal_prefix), bioregistry.get_pattern(normal_prefix)
        return "", f"{item!r} is not a valid {spelled} identifier (pattern {pattern})"
    spelled = spellings.get(normal_prefix) or bioregistry.get_preferred_prefix(normal_prefix) or normal_prefix
    return f"{spelled}:{normal_local}", None
