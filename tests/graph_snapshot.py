"""Read a whole graph back from Neo4j, to compare imports (test helper)."""

from __future__ import annotations

import json
from typing import Any

import neo4j


def snapshot(driver: neo4j.Driver, database: str | None = None) -> dict[str, Any]:
    """Every node and relationship, without the garden bookkeeping (its token and time differ per import)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:OntoGarden AND NOT n:OntoLock "
        "RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props",
        database_=database,
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props", database_=database
    )
    return {
        "nodes": sorted(json.dumps([sorted(n["labels"]), n["props"]], sort_keys=True, default=str) for n in nodes),
        "relationships": sorted(
            json.dumps([r["a"], r["type"], r["b"], r["props"]], sort_keys=True, default=str) for r in rels
        ),
    }
