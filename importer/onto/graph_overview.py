"""What the guide shows of the database it runs on: what the graph holds, and for each library
question, parameters that this graph answers.

An example is found, not assumed: the entities of the kind the question's example names,
most connected first, are tried until the question returns rows for one (or a pair, for
questions of two names). Each try runs as `onto query` runs a question, read-only and under
a short timeout, so a large graph costs the guide seconds, not minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j

from .ontology import Ontology
from .queries import LibraryError, LibraryQuery, QueryFailed, bind, run_read

TRY_TIMEOUT_S = 3.0
CANDIDATES = 8  # entities of a kind tried, most connected first
COUNTS_BY_TYPE = (
    "MATCH (e:Entity) WHERE e.stub IS NULL RETURN e.type AS type, count(*) AS entities ORDER BY entities DESC, type"
)
TOTALS = (
    "CALL () { MATCH (e:Entity) WHERE e.stub = true RETURN count(e) AS stubs } "
    "CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships } "
    "RETURN stubs, relationships"
)
GARDENS = (
    "MATCH (g:OntoGarden) RETURN g.name AS name, toString(g.imported_at) AS imported_at, "
    "g.entities AS entities, g.relationships AS relationships, g.token AS token ORDER BY name"
)
BY_DEGREE = (
    "MATCH (e:Entity) WHERE e.stub IS NULL AND ($type IS NULL OR e.type = $type) "
    "WITH e ORDER BY COUNT { (e)--() } DESC, e.name LIMIT $limit RETURN collect(e.name) AS names"
)


@dataclass
class Overview:
    counts: list[tuple[str, int]]  # (type, entities), most first
    stubs: int
    relationships: int
    gardens: list[dict[str, Any]]
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)  # query -> parameters that answer

    @property
    def key(self) -> tuple[str, ...]:
        """What changes when an import changes the graph: the gardens' tokens."""
        return tuple(f"{g['name']}:{g['token']}" for g in self.gardens)


def example_types(example_garden: Path | None, ontology: Ontology) -> dict[str, str]:
    """The type of each entity of the example garden, by name: the kind a question's example
    names (`IGF-1` is a hormone). Empty when the garden is not installed beside onto."""
    if example_garden is None or not example_garden.is_dir():
        return {}
    from .pipeline import scan_garden  # the garden's reader, only when there is a garden to read

    scan = scan_garden(example_garden, ontology)
    return {str(n.properties["name"]): str(n.properties.get("type")) for n in scan.graph.nodes}


def overview(
    driver: neo4j.Driver, library: dict[str, LibraryQuery], types: dict[str, str], database: str | None = None
) -> Overview:
    records = driver.execute_query(COUNTS_BY_TYPE, database_=database).records
    totals = driver.execute_query(TOTALS, database_=database).records[0]
    gardens = [dict(r) for r in driver.execute_query(GARDENS, database_=database).records]
    found = Overview([(r["type"], r["entities"]) for r in records], totals["stubs"], totals["relationships"], gardens)
    for query in library.values():
        found.examples[query.name] = _answered(driver, query, types, database)
    return found


def _answered(driver: neo4j.Driver, query: LibraryQuery, types: dict[str, str], database: str | None) -> dict[str, Any]:
    """Parameters this graph answers the question for; the header's examples when none is found."""
    names = [k for k, v in query.params.items() if isinstance(v, str) and k not in query.optional]
    given = {k: v for k, v in query.params.items() if k not in query.optional}
    if not names:
        return given
    ranked = {
        key: driver.execute_query(
            BY_DEGREE, type=types.get(query.params[key]), limit=CANDIDATES, database_=database
        ).records[0]["names"]
        for key in names
    }
    for choice in _choices(names, ranked):
        params = {**given, **choice}
        try:
            text, bound = bind(query, params)
            _, rows = run_read(driver, text, bound, database, timeout=TRY_TIMEOUT_S)
        except (QueryFailed, LibraryError, neo4j.exceptions.Neo4jError):
            continue
        if any(row.get("verdict", "") != "no path" for row in rows):  # net-effect's row when there is none
            return params
    return given


def _choices(names: list[str], ranked: dict[str, list[str]]) -> list[dict[str, str]]:
    """One name of each: the most connected first; for two names, pairs of different entities."""
    if len(names) == 1:
        return [{names[0]: n} for n in ranked[names[0]]]
    first, second = names[0], names[1]
    pairs = [(a, b) for a in ranked[first][:3] for b in ranked[second][:4] if a != b]
    return [{first: a, second: b} for a, b in pairs]
