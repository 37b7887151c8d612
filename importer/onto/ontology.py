"""The ontology: entity and relationship types, loaded once from `ontology/*.yaml`.

Parser, resolver and writer ask this object their questions ("which label has type
'labtest'?", "is ACTIVATED_BY the inverse of something?"); no type name lives in code.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .identifiers import is_identifier, squash
from .yaml_text import YAMLError, load_yaml


class OntologyError(Exception):
    """The ontology files are missing or say something contradictory."""


@dataclass(frozen=True)
class EntityType:
    key: str
    label: str
    biolink: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()
    color: str = "#A5ABB6"  # Neo4j Browser's default grey


@dataclass(frozen=True)
class RelationshipType:
    name: str
    description: str = ""
    inverse: str | None = None
    symmetric: bool = False
    sign: int | None = None
    domain: tuple[str, ...] = ()
    range: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    inverse_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationshipMatch:
    """How a written relationship name maps onto the ontology."""

    type: RelationshipType
    reversed: bool  # True when written from the other side (a passive form)


def default_ontology_dir() -> Path:
    here = Path(__file__).resolve().parent
    # An installed wheel carries the ontology inside the package; a source checkout
    # (editable install, tests) keeps it at the top of the repository.
    for candidate in (here / "ontology", here.parents[1] / "ontology"):
        if (candidate / "entity_types.yaml").is_file():
            return candidate
    raise OntologyError(f"no ontology folder found beside {here}")


@dataclass
class Ontology:
    entity_types: list[EntityType]
    relationship_types: list[RelationshipType]
    default_relationship_name: str = "RELATED_TO"
    source: Path | None = None
    _types_by_key: dict[str, EntityType] = field(default_factory=dict, repr=False)
    _relationships: dict[str, RelationshipMatch] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for et in self.entity_types:
            for name in (et.key, et.label, *et.aliases):
                self._claim(self._types_by_key, squash(name), et, f"entity type {et.key!r}")
        for rt in self.relationship_types:
            forward = RelationshipMatch(rt, reversed=False)
            backward = RelationshipMatch(rt, reversed=not rt.symmetric)
            for name in (rt.name, *rt.aliases):
                self._claim(self._relationships, squash(name), forward, f"relationship {rt.name!r}")
            for name in (*([rt.inverse] if rt.inverse else []), *rt.inverse_aliases):
                self._claim(self._relationships, squash(name), backward, f"inverse of {rt.name!r}")

    @staticmethod
    def _claim(index: dict[str, Any], key: str, value: Any, owner: str) -> None:
        if not key:
            raise OntologyError(f"{owner}: an empty name")
        held = index.get(key)
        if held is not None and held != value:
            raise OntologyError(f"{owner}: the name {key!r} is already used by another type")
        index[key] = value

    @property
    def default_relationship(self) -> RelationshipType:
        """The type of a list item that has no heading to name its relationship."""
        found = self.relationship_by_name(self.default_relationship_name)
        if found is None:
            raise OntologyError(f"default_relationship {self.default_relationship_name!r} is not declared")
        return found

    # --- entity types ---------------------------------------------------------------
    def entity_type(self, written: str) -> EntityType | None:
        return self._types_by_key.get(squash(written))

    def entity_type_by_key(self, key: str) -> EntityType | None:
        found = self._types_by_key.get(squash(key))
        return found if found is not None and found.key == key else None

    # --- relationship types -----------------------------------------------------------
    def relationship(self, written: str) -> RelationshipMatch | None:
        return self._relationships.get(squash(written))

    def relationship_by_name(self, name: str) -> RelationshipType | None:
        match = self._relationships.get(squash(name))
        return match.type if match is not None and match.type.name == name else None

    def suggest_relationship(self, written: str) -> str | None:
        """The declared name closest to a misspelt one ("ACTIVTES" -> "ACTIVATES")."""
        close = difflib.get_close_matches(squash(written), list(self._relationships), n=1, cutoff=0.85)
        return self._relationships[close[0]].type.name if close else None

    def suggest_entity_type(self, written: str) -> str | None:
        close = difflib.get_close_matches(squash(written), list(self._types_by_key), n=1, cutoff=0.8)
        return self._types_by_key[close[0]].key if close else None


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _read_yaml(path: Path, top_key: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    try:
        # libyaml's loader: the ontology is read by every command, and the pure-Python one
        # took 0.04-0.05 s of it (0.01 s now).
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise OntologyError(f"{path}: missing") from exc
    except YAMLError as exc:
        raise OntologyError(f"{path}: not valid YAML: {exc}") from exc
    items = data.get(top_key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise OntologyError(f"{path}: expected a list of mappings under {top_key!r}")
    assert isinstance(data, dict)
    return items, data


def load_ontology(directory: Path | None = None) -> Ontology:
    directory = directory or default_ontology_dir()
    entity_types = []
    items, _ = _read_yaml(directory / "entity_types.yaml", "entity_types")
    for item in items:
        et = EntityType(
            key=str(item["key"]),
            label=str(item["label"]),
            biolink=str(item.get("biolink", "")),
            description=str(item.get("description", "")),
            aliases=_tuple(item.get("aliases")),
            color=str(item.get("color", "#A5ABB6")),
        )
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", et.color):
            raise OntologyError(f"entity type {et.key!r}: color {et.color!r} is not #RRGGBB")
        if not is_identifier(et.label):
            raise OntologyError(f"entity type {et.key!r}: label {et.label!r} is not an identifier")
        entity_types.append(et)
    keys = {et.key for et in entity_types}

    relationship_types = []
    items, settings = _read_yaml(directory / "relationship_types.yaml", "relationship_types")
    for item in items:
        rt = RelationshipType(
            name=str(item["name"]),
            description=str(item.get("description", "")),
            inverse=str(item["inverse"]) if item.get("inverse") else None,
            symmetric=bool(item.get("symmetric", False)),
            sign=int(item["sign"]) if item.get("sign") is not None else None,
            domain=_tuple(item.get("domain")),
            range=_tuple(item.get("range")),
            aliases=_tuple(item.get("aliases")),
            inverse_aliases=_tuple(item.get("inverse_aliases")),
        )
        if not is_identifier(rt.name):
            raise OntologyError(f"relationship {rt.name!r}: not an identifier")
        if rt.sign not in (None, 1, -1):
            raise OntologyError(f"relationship {rt.name!r}: sign must be 1 or -1")
        unknown = [k for k in (*rt.domain, *rt.range) if k not in keys]
        if unknown:
            raise OntologyError(f"relationship {rt.name!r}: unknown entity types {unknown}")
        relationship_types.append(rt)
    ontology = Ontology(
        entity_types,
        relationship_types,
        default_relationship_name=str(settings.get("default_relationship", "RELATED_TO")),
        source=directory,
    )
    if ontology.relationship_by_name(ontology.default_relationship_name) is None:  # fail now, not mid-import
        raise OntologyError(f"default_relationship {ontology.default_relationship_name!r} is not declared")
    return ontology
