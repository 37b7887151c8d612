"""Where a garden's graph goes when it is exported: one contract, the rows an import writes.

Every export format takes the same stream of rows `sync.rows_of` makes for the database
(node rows, then relationship rows, each with its `sources`), as kgx's sinks and BioCypher's
writers take one stream: JSON lines (`JsonLinesSink`), KGX (`kgx_sink.KgxSink`) and the
neo4j-admin CSV files (`export.NeoAdminSink`). The database is not a sink: `write.Neo4jWriter`
keeps a garden in sync there (pipeline `_sync`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any, Protocol


class Sink(Protocol):
    def write_nodes(self, rows: Iterable[dict[str, Any]]) -> None: ...
    def write_relationships(self, rows: Iterable[dict[str, Any]]) -> None: ...
    def finalize(self) -> None: ...


class JsonLinesSink:
    """One JSON object a line: {"node": ...} and {"relationship": ...}, as the database holds them
    (`sources` as `garden/path`, a node's `gardens`)."""

    def __init__(self, out: IO[str], garden: str) -> None:
        self.out, self.garden = out, garden

    def write_nodes(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            record = {
                "id": row["id"],
                "labels": ["Entity", *row["labels"]],
                "properties": {**row["properties"], "sources": row["sources"], "gardens": [self.garden]},
            }
            self._line({"node": record})

    def write_relationships(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            properties = {**row["properties"], "sources": row["sources"]}
            self._line({"relationship": {"type": row["type"], "source": row["source"], "target": row["target"],
                                         "properties": properties}})  # fmt: skip

    def _line(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n")

    def finalize(self) -> None:
        self.out.flush()
