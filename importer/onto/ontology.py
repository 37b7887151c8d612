"""The ontology: entity and relationship types, loaded once from `ontology/*.yaml`.

Parser, resolver and writer ask this object their questions ("which label has type
'labtest'?", "is ACTIVATED_BY the inverse of something?"); no type name lives in code.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .identifiers import is_identifier
from .names import squash
from .ontology_schema import schema_problems
from .relationship_names import NameReader
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
    reports_as: str | None = None  # papers: what their statements about others are stored as
    identifiers: tuple[str, ...] = ()  # prefixes of the identifiers its notes may give, as Biolink writes them


@dataclass(frozen=True)
class RelationshipType:
    name: str
    description: str = ""
    inverse: str | None = None
    symmetric: bool = False
    sign: int | None = None
    aspect: str | None = None  # what the sign moves: activity, abundance, expression
    sign_from_edge: bool = False  # the edge's direction property may sign it
    clinical_effect: str | None = None  # "helps" or "harms" a condition
    domain: tuple[str, ...] = ()
    range: tuple[str, ...] = ()
    stub_type: str | None = None  # what a link to no note at the target end is taken to be
    aliases: tuple[str, ...] = ()
    inverse_aliases: tuple[str, ...] = ()
    biolink: tuple[tuple[str, Any], ...] = ()  # predicate, qualifiers, negated: as relationship properties

    def end_type(self, target: bool) -> str | None:
        """The type a stub at this end gets: `stub_type`, else the range's (or for the source,
        the domain's) when it names one."""
        if target and self.stub_type:
            return self.stub_type
        types = self.range if target else self.domain
        return types[0] if len(types) == 1 else None


@dataclass(frozen=True)
class RelationshipMatch:
    """How a written relationship name maps onto the ontology."""

    type: RelationshipType
    reversed: bool  # True when written from the other side (a passive form)
    hint: str | None = None  # the linked note's entity type, when the name says it
    rule: str | None = None  # how a name the ontology does not list was read (relationship_names)


def default_ontology_dir() -> Path:
    here = Path(__file__).resolve().parent
    # An installed wheel carries the ontology inside the package; a source checkout
    # (editable install, tests) keeps it at the top of the repository.
    for candidate in (here / "ontology", here.parents[1] / "ontology"):
        if (candidate / "entity_types.yaml").is_file():
            return candidate
    raise OntologyError(f"no ontology folder found beside {here}")


CLINICAL_EFFECTS = ("helps", "harms")


@dataclass(frozen=True)
class EdgeDirection:
    """The edge property that may sign a `sign_from_edge` type, and the sign of each value."""

    key: str = "effect_direction"
    values: tuple[tuple[str, int], ...] = (("increases", 1), ("decreases", -1))

    def sign(self, properties: dict[str, Any]) -> int | None:
        value = properties.get(self.key)
        return dict(self.values).get(value.strip().lower()) if isinstance(value, str) else None


@dataclass(frozen=True)
class Provenance:
    """How a garden's relationships say where they come from, in Biolink's terms."""

    @dataclass(frozen=True)
    class Kind:
        knowledge_level: str = "knowledge_assertion"
        agent_type: str = "manual_agent"

    garden: Kind = Kind()
    resource: Kind = Kind("not_provided", "not_provided")
    source_prefix: str = "onto-garden"
    resources: dict[str, str] = field(default_factory=dict)  # resource name, case-folded -> infores id


@dataclass
class Ontology:
    entity_types: list[EntityType]
    relationship_types: list[RelationshipType]
    default_relationship_name: str = "RELATED_TO"
    association_name: str = "ASSOCIATED_WITH"  # what a heading naming only a kind of note says
    source: Path | None = None
    # Tuples, sorted, not sets: the state's fingerprint is the ontology's repr, which must not
    # change with the interpreter's hash seed.
    signed_sources: tuple[str, ...] = ()  # empty: any
    signed_targets: tuple[str, ...] = ()
    edge_direction: EdgeDirection = EdgeDirection()
    provenance: Provenance = Provenance()
    category_types: dict[str, str] = field(default_factory=dict)  # Biolink category -> type key (import-kg)
    _types_by_key: dict[str, EntityType] = field(default_factory=dict, repr=False)
    _relationships: dict[str, RelationshipMatch] = field(default_factory=dict, repr=False)
    _read: dict[str, RelationshipMatch | None] = field(default_factory=dict, repr=False)
    _reader: NameReader = field(init=False, repr=False)

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
        kinds = [(name, et.key) for et in self.entity_types for name in (et.key, et.label, *et.aliases)]
        association = self._relationships.get(squash(self.association_name))
        self._reader = NameReader(lambda name: self._relationships.get(squash(name)), kinds, association)

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

    def reports_as(self, type_key: str) -> RelationshipType | None:
        """For a type of note that reports on others (a paper): what its statements are stored as."""
        entity_type = self.entity_type_by_key(type_key)
        if entity_type is None or entity_type.reports_as is None:
            return None
        return self.relationship_by_name(entity_type.reports_as)

    # --- relationship types -----------------------------------------------------------
    def relationship(self, written: str) -> RelationshipMatch | None:
        """The declared type `written` names: as declared, or read by rule (relationship_names)."""
        key = squash(written)
        found = self._relationships.get(key)
        if found is not None:
            return found
        if written not in self._read:
            reading = self._reader.read(written)
            self._read[written] = (
                replace(reading.match, hint=reading.hint, rule=reading.rule) if reading is not None else None
            )
        return self._read[written]

    def relationship_by_name(self, name: str) -> RelationshipType | None:
        match = self._relationships.get(squash(name))
        return match.type if match is not None and match.type.name == name else None

    def suggest_relationship(self, written: str, cutoff: float = 0.85) -> str | None:
        """The declared name closest to a misspelt one ("ACTIVTES" -> "ACTIVATES")."""
        close = difflib.get_close_matches(squash(written), list(self._relationships), n=1, cutoff=cutoff)
        return self._relationships[close[0]].type.name if close else None

    def suggest_entity_type(self, written: str) -> str | None:
        close = difflib.get_close_matches(squash(written), list(self._types_by_key), n=1, cutoff=0.8)
        return self._types_by_key[close[0]].key if close else None

    # --- what a statement's ends may be -------------------------------------------------
    # An end's type is an entity type key, or None when unknown (a stub, an undeclared type):
    # an unknown end fits anything.
    def _known(self, type_key: str | None) -> str | None:
        return type_key if type_key is not None and self.entity_type_by_key(type_key) is not None else None

    @staticmethod
    def _within(type_key: str | None, allowed: tuple[str, ...]) -> bool:
        return type_key is None or not allowed or type_key in allowed

    def misfit(self, rel_type: RelationshipType, source_type: str | None, target_type: str | None) -> str | None:
        """What is wrong with the ends, against the type's domain and range; None when they fit."""
        source, target = self._known(source_type), self._known(target_type)
        if source is not None and not self._within(source, rel_type.domain):
            return f"{rel_type.name} does not come from {a_or_an(source)}"
        if target is not None and not self._within(target, rel_type.range):
            return f"{rel_type.name} does not go to {a_or_an(target)}"
        return None

    def fits(self, rel_type: RelationshipType, source_type: str | None, target_type: str | None) -> bool:
        return self.misfit(rel_type, source_type, target_type) is None

    def written_backwards(self, rel_type: RelationshipType, subject_type: str | None, object_type: str | None) -> bool:
        """Whether a statement that does not fit reads right turned round: its subject is
        outside the domain but inside the range, and its object may be in the domain."""
        subject, obj = self._known(subject_type), self._known(object_type)
        return (
            not rel_type.symmetric
            and subject is not None
            and bool(rel_type.domain)
            and subject not in rel_type.domain
            and self._within(subject, rel_type.range)
            and self._within(obj, rel_type.domain)
        )

    def sign(
        self, rel_type: RelationshipType, source_type: str | None, target_type: str | None, edge_signs: set[int]
    ) -> int | None:
        """+1 or -1 when the fact raises or lowers its target, else None: from the type, or for a
        `sign_from_edge` type from its edges when they agree; only between the signed ends."""
        if not (
            self.fits(rel_type, source_type, target_type)
            and self._within(self._known(source_type), self.signed_sources)
            and self._within(self._known(target_type), self.signed_targets)
        ):
            return None
        if rel_type.sign is not None:
            return rel_type.sign
        if rel_type.sign_from_edge and len(edge_signs) == 1:
            return next(iter(edge_signs))
        return None


def a_or_an(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


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
    problems = schema_problems(path, data)
    if problems:
        raise OntologyError(f"{path}: " + "; ".join(problems))
    assert isinstance(data, dict)
    return data[top_key], data


def load_ontology(directory: Path | None = None) -> Ontology:
    directory = directory or default_ontology_dir()
    entity_types = []
    items, entity_settings = _read_yaml(directory / "entity_types.yaml", "entity_types")
    for item in items:
        et = EntityType(
            key=str(item["key"]),
            label=str(item["label"]),
            biolink=str(item.get("biolink", "")),
            description=str(item.get("description", "")),
            aliases=_tuple(item.get("aliases")),
            color=str(item.get("color", "#A5ABB6")),
            reports_as=str(item["reports_as"]) if item.get("reports_as") else None,
            identifiers=_tuple(item.get("identifiers")),
        )
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", et.color):
            raise OntologyError(f"entity type {et.key!r}: color {et.color!r} is not #RRGGBB")
        if not is_identifier(et.label):
            raise OntologyError(f"entity type {et.key!r}: label {et.label!r} is not an identifier")
        entity_types.append(et)
    keys = {et.key for et in entity_types}
    category_types = {str(c): str(k) for c, k in (entity_settings.get("category_reads_as") or {}).items()}
    unknown = sorted(k for k in category_types.values() if k not in keys)
    if unknown:
        raise OntologyError(f"category_reads_as: unknown entity types {unknown}")

    relationship_types = []
    items, settings = _read_yaml(directory / "relationship_types.yaml", "relationship_types")
    for item in items:
        rt = RelationshipType(
            name=str(item["name"]),
            description=str(item.get("description", "")),
            inverse=str(item["inverse"]) if item.get("inverse") else None,
            symmetric=bool(item.get("symmetric", False)),
            sign=int(item["sign"]) if item.get("sign") is not None else None,
            aspect=str(item["aspect"]) if item.get("aspect") else None,
            sign_from_edge=bool(item.get("sign_from_edge", False)),
            clinical_effect=str(item["clinical_effect"]) if item.get("clinical_effect") else None,
            domain=_tuple(item.get("domain")),
            range=_tuple(item.get("range")),
            stub_type=str(item["stub_type"]) if item.get("stub_type") else None,
            aliases=_tuple(item.get("aliases")),
            inverse_aliases=_tuple(item.get("inverse_aliases")),
            biolink=tuple(sorted((item.get("biolink") or {}).items())),
        )
        if not is_identifier(rt.name):
            raise OntologyError(f"relationship {rt.name!r}: not an identifier")
        if rt.sign not in (None, 1, -1):
            raise OntologyError(f"relationship {rt.name!r}: sign must be 1 or -1")
        if rt.sign is not None and (rt.sign_from_edge or rt.symmetric):
            raise OntologyError(f"relationship {rt.name!r}: a signed type is neither symmetric nor signed by its edges")
        if (rt.aspect is None) != (rt.sign is None):
            raise OntologyError(f"relationship {rt.name!r}: a signed type says what it moves (aspect), and only it")
        if rt.clinical_effect is not None and (
            rt.clinical_effect not in CLINICAL_EFFECTS or rt.sign or rt.sign_from_edge
        ):
            raise OntologyError(
                f"relationship {rt.name!r}: clinical_effect is one of {list(CLINICAL_EFFECTS)}, on an unsigned type"
            )
        unknown = [k for k in (*rt.domain, *rt.range, *([rt.stub_type] if rt.stub_type else [])) if k not in keys]
        if unknown:
            raise OntologyError(f"relationship {rt.name!r}: unknown entity types {unknown}")
        relationship_types.append(rt)
    signed_ends = settings.get("signed_ends") or {}
    signed = {end: tuple(sorted(set(_tuple(signed_ends.get(end))))) for end in ("source", "target")}
    unknown = sorted(k for keys_ in signed.values() for k in keys_ if k not in keys)
    if unknown:
        raise OntologyError(f"signed_ends: unknown entity types {unknown}")
    ontology = Ontology(
        entity_types,
        relationship_types,
        default_relationship_name=str(settings.get("default_relationship", "RELATED_TO")),
        association_name=str(settings.get("association", "ASSOCIATED_WITH")),
        source=directory,
        signed_sources=signed["source"],
        signed_targets=signed["target"],
        edge_direction=_edge_direction(settings.get("edge_direction")),
        provenance=_provenance(settings.get("provenance")),
        category_types=category_types,
    )
    if ontology.relationship_by_name(ontology.default_relationship_name) is None:  # fail now, not mid-import
        raise OntologyError(f"default_relationship {ontology.default_relationship_name!r} is not declared")
    for et in entity_types:
        if et.reports_as is not None and ontology.relationship_by_name(et.reports_as) is None:
            raise OntologyError(f"entity type {et.key!r}: reports_as {et.reports_as!r} is not a declared relationship")
    return ontology


def _provenance(value: dict[str, Any] | None) -> Provenance:
    if not value:
        return Provenance()
    garden, resource = value.get("garden") or {}, value.get("resource") or {}
    return Provenance(
        garden=Provenance.Kind(**{k: v for k, v in garden.items() if k != "source_prefix"}),
        resource=Provenance.Kind(**resource),
        source_prefix=str(garden.get("source_prefix", "onto-garden")),
        resources={str(name).casefold(): str(infores) for name, infores in (value.get("resources") or {}).items()},
    )


def _edge_direction(value: Any) -> EdgeDirection:
    if value is None:
        return EdgeDirection()
    values = value.get("values") if isinstance(value, dict) else None
    if not isinstance(values, dict) or not isinstance(value.get("key"), str) or not set(values.values()) <= {1, -1}:
        raise OntologyError("edge_direction: give a key and values mapping words to 1 or -1")
    return EdgeDirection(value["key"], tuple((str(k).lower(), int(v)) for k, v in values.items()))
