"""Write a resolved graph to Neo4j: every write statement of the project lives here.

The writer is handed a driver and a database name; it never makes a driver. Rows travel
as parameters; the only names placed in statement text are labels and relationship
types, and each passes `require_identifier` first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import neo4j

from .identifiers import require_identifier
from .model import Node, Relationship

SCHEMA = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)",
    "CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.description]",
)


def merge_nodes_statement(label: str | None) -> str:
    # MERGE on the constrained key only, then set the rest: a re-import finds the same node.
    add_label = f" SET n:`{require_identifier(label)}`" if label else ""
    return "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n += row.properties" + add_label


def merge_relationships_statement(rel_type: str) -> str:
    # One relationship per (source, type, target): MERGE finds the one a previous import made.
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
        f"MERGE (a)-[r:`{require_identifier(rel_type)}`]->(b) SET r = row.properties"
    )


Unit = tuple[str, Sequence[dict[str, Any]]]  # one statement and the rows it runs on


def _transactions(units: list[Unit], size: int) -> Iterator[list[Unit]]:
    """Pack (statement, rows) units into transactions of about `size` rows each.

    Gardens have dozens of labels and relationship types with a few rows each; one
    transaction per type would spend the import on commits.
    """
    batch: list[Unit] = []
    rows_in_batch = 0
    for statement, rows in units:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            if batch and rows_in_batch + len(chunk) > size:
                yield batch
                batch, rows_in_batch = [], 0
            batch.append((statement, chunk))
            rows_in_batch += len(chunk)
    if batch:
        yield batch


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

    def _run(self, units: list[Unit]) -> None:
        def work(tx: neo4j.ManagedTransaction, batch: list[Unit]) -> None:
            for statement, rows in batch:
                tx.run(statement, rows=list(rows)).consume()

        with self.driver.session(database=self.database) as session:
            for batch in _transactions(units, self.batch_size):
                # Managed transactions retry transient errors; every statement is idempotent.
                session.execute_write(work, batch)
                self.on_progress(sum(len(rows) for _, rows in batch))

    def ensure_schema(self) -> None:
        with self.driver.session(database=self.database) as session:
            for statement in SCHEMA:
                session.run(statement).consume()

    def write_nodes(self, nodes: Sequence[Node]) -> None:
        by_label: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for node in nodes:
            label = node.labels[0] if node.labels else None
            by_label[label].append({"id": node.id, "properties": node.properties})
        self._run(
            [
                (merge_nodes_statement(label), rows)
                for label, rows in sorted(by_label.items(), key=lambda kv: kv[0] or "")
            ]
        )

    def write_relationships(self, relationships: Sequence[Relationship]) -> None:
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for rel in relationships:
            by_type[rel.type].append({"source": rel.source, "target": rel.target, "properties": rel.properties})
        self._run([(merge_relationships_statement(t), rows) for t, rows in sorted(by_type.items())])

    def finalize(self) -> None:
        pass
