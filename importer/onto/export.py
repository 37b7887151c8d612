"""Write a garden's rows as CSV files for `neo4j-admin database import full`, the bulk path.

For a first load of a very large garden into an offline database: the admin tool writes
the store directly, far faster than transactions. The files hold the same nodes and
relationships an online import writes (ownership included), so a later `onto import` of
the same garden finds them and carries on incrementally.

CSV headers give each property column one type. A property whose values differ in kind
across rows (an int in one note, text in another) is written as text; empty lists are
left out (the admin tool stores no empty arrays); property names the header cannot hold
(with ':' or a quote) are skipped and reported.
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .sync import Rows

_ARRAY_DELIMITERS = (";", "|", "\u001f")  # the first that no list element contains
_ITEM = {bool: "boolean", int: "long", float: "double", str: "string"}


@dataclass
class Export:
    nodes_file: Path
    relationships_file: Path
    nodes: int
    relationships: int
    command: list[str]
    skipped_properties: list[str] = field(default_factory=list)

    @property
    def command_line(self) -> str:
        return shlex.join(self.command)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        kinds = {_ITEM.get(type(v), "string") for v in value}
        return f"{kinds.pop()}[]" if len(kinds) == 1 else "empty[]" if not kinds else "string[]"
    return _ITEM.get(type(value), "string")


def _column_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for properties in rows:
        for key, value in properties.items():
            if value is not None:
                seen.setdefault(key, set()).add(_kind(value))
    types = {}
    for key, kinds in seen.items():
        kinds.discard("empty[]")
        if not kinds:
            types[key] = "string[]"  # only empty lists: nothing will be written
        elif kinds == {"long", "double"}:
            types[key] = "double"
        elif kinds == {"long[]", "double[]"}:
            types[key] = "double[]"
        elif len(kinds) == 1:
            types[key] = kinds.pop()
        else:
            types[key] = "string[]" if all(k.endswith("[]") for k in kinds) else "string"
    return types


def _cell(value: Any, column_type: str, delimiter: str) -> str:
    if value is None:
        return ""
    if column_type.endswith("[]"):
        items = value if isinstance(value, list) else [value]
        return delimiter.join(_scalar(v) for v in items)
    if isinstance(value, list):
        return delimiter.join(_scalar(v) for v in value)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _array_delimiter(values: Iterable[Any]) -> str:
    used: set[str] = set()
    for value in values:
        if isinstance(value, list):
            for item in value:
                used.update(ch for ch in _ARRAY_DELIMITERS if ch in str(item))
    for candidate in _ARRAY_DELIMITERS:
        if candidate not in used:
            return candidate
    raise ValueError("every array delimiter onto knows occurs inside some list value")


def _header_safe(key: str) -> bool:
    return ":" not in key and '"' not in key and key not in ("id",)


class NeoAdminSink:
    """The sink of the CSV export: the header of a column needs every row's value (one type per
    column), so rows are gathered and the files written at the end."""

    def __init__(self, out: Path, garden: str, database: str = "neo4j") -> None:
        self.out, self.garden, self.database = out, garden, database
        self.rows = Rows({}, {})
        self.export: Export | None = None

    def write_nodes(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.nodes.update((row["id"], row) for row in rows)

    def write_relationships(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.relationships.update(((row["type"], row["source"], row["target"]), row) for row in rows)

    def finalize(self) -> None:
        self.export = export_neo4j_admin(self.rows, self.garden, self.out, self.database)


def export_neo4j_admin(rows: Rows, garden: str, out: Path, database: str = "neo4j") -> Export:
    out.mkdir(parents=True, exist_ok=True)
    node_props = [{**row["properties"], "sources": row["sources"], "gardens": [garden]} for row in rows.nodes.values()]
    rel_props = [{**row["properties"], "sources": row["sources"]} for row in rows.relationships.values()]
    delimiter = _array_delimiter(
        [v for p in (*node_props, *rel_props) for v in p.values()] + [row["labels"] for row in rows.nodes.values()]
    )
    skipped: set[str] = set()

    def columns(props: list[dict[str, Any]]) -> dict[str, str]:
        types = _column_types(props)
        skipped.update(k for k in types if not _header_safe(k) and k != "id")
        return {k: t for k, t in sorted(types.items()) if _header_safe(k)}

    node_types, rel_types = columns(node_props), columns(rel_props)
    nodes_file, relationships_file = out / "nodes.csv", out / "relationships.csv"
    with nodes_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")  # an empty, unquoted cell: no property
        writer.writerow(["id:ID", ":LABEL", *(f"{k}:{t}" for k, t in node_types.items())])
        for row, props in zip(rows.nodes.values(), node_props, strict=True):
            labels = delimiter.join(["Entity", *row["labels"]])
            writer.writerow([row["id"], labels, *(_cell(props.get(k), t, delimiter) for k, t in node_types.items())])
    with relationships_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")  # an empty, unquoted cell: no property
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{k}:{t}" for k, t in rel_types.items())])
        for row, props in zip(rows.relationships.values(), rel_props, strict=True):
            cells = (_cell(props.get(k), t, delimiter) for k, t in rel_types.items())
            writer.writerow([row["source"], row["target"], row["type"], *cells])
    command = [
        "neo4j-admin",
        "database",
        "import",
        "full",
        f"--nodes={nodes_file.resolve()}",
        f"--relationships={relationships_file.resolve()}",
        f"--array-delimiter=U+{ord(delimiter):04X}",
        "--multiline-fields=true",
        "--overwrite-destination=true",
        database,
    ]
    return Export(nodes_file, relationships_file, len(node_props), len(rel_props), command, sorted(skipped))
