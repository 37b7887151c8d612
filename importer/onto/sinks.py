"""Where a resolved graph goes when it is exported: the sink contract, and a JSON-lines sink.

The database is not a sink: `write.Neo4jWriter` keeps a garden in sync there (pipeline
`_sync`). `onto check` passes no sink at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Protocol

from .model import Node, Relationship


class Sink(Protocol):
    def ensure_schema(self) -> None: ...
    def write_nodes(self, nodes: Sequence[Node]) -> None: ...
    def write_relationships(self, relationships: Sequence[Relationship]) -> None: ...
    def finalize(self) -> None: ...


class JsonLinesSink:
    """One JSON object a line: {"node": ...} and {"relationship": ...}."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def ensure_schema(self) -> None:
        pass

    def write_nodes(self, nodes: Sequence[Node]) -> None:
        for node in nodes:
            record = {"id": node.id, "labels": ["Entity", *node.labels], "properties": node.properties}
            self.out.write(json.dumps({"node": record}, ensure_ascii=False, sort_keys=True) + "\n")

    def write_relationships(self, relationships: Sequence[Relationship]) -> None:
        for rel in relationships:
            record = {"type": rel.type, "source": rel.source, "target": rel.target, "properties": rel.properties}
            self.out.write(json.dumps({"relationship": record}, ensure_ascii=False, sort_keys=True) + "\n")

    def finalize(self) -> None:
        self.out.flush()
