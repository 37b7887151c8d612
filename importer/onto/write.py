"""Write a resolved graph to Neo4j: every write statement of the project lives here.

The writer is handed a driver and a database name; it never makes a driver. Everything a
note says travels as a parameter, labels and relationship types too (dynamic labels), and
those still pass `require_identifier` first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import neo4j

from .identifiers import require_identifier
from .model import Node, Relationship

SCHEMA = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)",
    # Full-text indexes read text properties only, so the aliases list is also stored as `alias_text`.
    "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.alias_text, n.description]",
)

# One statement for every label and one for every relationship type (dynamic labels and
# types, Neo4j 5.26+): a fresh server compiles two queries, not one per type of the garden.
# MERGE on the constrained key only, then set the rest, so a re-import finds what it wrote.
MERGE_NODES = "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n += row.properties SET n:$(row.labels)"
MERGE_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
    "MERGE (a)-[r:$(row.type)]->(b) SET r = row.properties"
)
SERVER_VERSION = "CALL dbms.components() YIELD name, versions WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version"
MINIMUM_VERSION = (5, 26)


class UnsupportedServer(Exception):
    """The Neo4j server is older than the statements here need."""


def _version_tuple(version: str) -> tuple[int, int]:
    major, minor = (int(part) for part in version.split(".")[:2])
    return major, minor


class Neo4jWriter:
    """A sink that merges nodes and relationships into one Neo4j database."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str | None = None,
        batch_size: int = 2000,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.on_progress = on_progress or (lambda _: None)

    def _run(self, statement: str, rows: Sequence[dict[str, Any]]) -> None:
        def work(tx: neo4j.ManagedTransaction, batch: Sequence[dict[str, Any]]) -> None:
            tx.run(statement, rows=list(batch)).consume()

        with self.driver.session(database=self.database) as session:
            for start in range(0, len(rows), self.batch_size):
                batch = rows[start : start + self.batch_size]
                # Managed transactions retry transient errors; every statement is idempotent.
                session.execute_write(work, batch)
                self.on_progress(len(batch))

    def ensure_schema(self) -> None:
        records, _, _ = self.driver.execute_query(SERVER_VERSION, database_=self.database)
        version = str(records[0]["version"]) if records else "unknown"
        if version == "unknown" or _version_tuple(version) < MINIMUM_VERSION:
            raise UnsupportedServer(f"onto needs Neo4j 5.26 or newer; this server runs {version}")
        with self.driver.session(database=self.database) as session:
            for statement in SCHEMA:
                session.run(statement).consume()

    def write_nodes(self, nodes: Sequence[Node]) -> None:
        rows = [
            {"id": n.id, "labels": [require_identifier(label) for label in n.labels], "properties": n.properties}
            for n in nodes
        ]
        self._run(MERGE_NODES, rows)

    def write_relationships(self, relationships: Sequence[Relationship]) -> None:
        rows = [
            {"source": r.source, "target": r.target, "type": require_identifier(r.type), "properties": r.properties}
            for r in relationships
        ]
        self._run(MERGE_RELATIONSHIPS, rows)

    def finalize(self) -> None:
        pass
