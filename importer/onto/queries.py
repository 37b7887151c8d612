"""The query library: the `.cypher` files of `cypher/`, their headers, and running them read-only.

Each file starts with a comment header (name, description, `:param` lines with example
values, columns) and holds one parameterised query that also runs as is in Neo4j Browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
import neo4j.graph


class LibraryError(Exception):
    """A library file is missing, malformed, or would write."""


class ParameterError(Exception):
    """A parameter is missing, unknown, or of the wrong kind."""


_PARAM = re.compile(r"^:param\s+([A-Za-z_]\w*)\s*=>\s*(.+?)\s*;?$")
_COLUMN_LINE = re.compile(r"^\s{1,3}(\S+)(?:\s{2,}(.+))?$")  # "   name     what it means"
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
# Clauses that change data or schema. The server's EXPLAIN is the second check (query type 'r').
_WRITES = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|LOAD\s+CSV|ALTER|GRANT|DENY|REVOKE|RENAME)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    description: str
    params: dict[str, Any]  # parameter -> example value
    columns: dict[str, str]  # column -> what it means
    text: str  # the whole file, header included: what Browser runs
    path: Path = field(compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "params": self.params, "columns": self.columns}


def default_library_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "cypher", here.parents[1] / "cypher"):
        if candidate.is_dir():
            return candidate
    raise LibraryError(f"no cypher/ folder found beside {here}")


def _literal(text: str, where: str) -> Any:
    """An example value written as a Cypher literal: 'text', "text", 3, 2.5, true, false."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise LibraryError(f"{where}: example value {text!r} is not a Cypher string, number or boolean") from None


def writes(text: str) -> str | None:
    """The first clause in `text` that would write, ignoring comments and strings; else None."""
    found = _WRITES.search(_STRINGS_AND_COMMENTS.sub(" ", text))
    return found.group(1).upper() if found else None


def parse_query_file(path: Path) -> LibraryQuery:
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        header.append(line[2:].rstrip())
    if not header or header[0].strip() != path.stem:
        raise LibraryError(f"{path}: the first line must be a comment naming the query ({path.stem})")
    description: list[str] = []
    params: dict[str, Any] = {}
    columns: dict[str, str] = {}
    section = "description"
    for raw in header[1:]:
        line = raw.strip()
        if line.lower().startswith(("parameters:", "columns:")):
            section = line.split(":")[0].lower()
        elif not line:
            continue
        elif section == "description":
            description.append(line)
        elif section == "parameters" and (m := _PARAM.match(line)):
            params[m.group(1)] = _literal(m.group(2), f"{path}: :param {m.group(1)}")
        elif section == "columns" and (m := _COLUMN_LINE.match(raw)):
            columns[m.group(1)] = m.group(2) or ""
        elif section == "columns" and columns:  # deeper indent: the previous column's text goes on
            last = next(reversed(columns))
            columns[last] = f"{columns[last]} {line}"
    used = set(re.findall(r"\$([A-Za-z_]\w*)", _STRINGS_AND_COMMENTS.sub(" ", text)))
    if used != set(params):
        raise LibraryError(f"{path}: the query uses ${sorted(used)} but the header gives :param for {sorted(params)}")
    if (clause := writes(text)) is not None:
        raise LibraryError(f"{path}: refused: the query writes ({clause}); library queries only read")
    return LibraryQuery(path.stem, " ".join(description), params, columns, text, path)


def load_library(directory: Path | None = None) -> dict[str, LibraryQuery]:
    directory = directory or default_library_dir()
    queries = [parse_query_file(p) for p in sorted(directory.glob("*.cypher"))]
    return {q.name: q for q in queries}


def coerce_params(query: LibraryQuery, given: dict[str, str]) -> dict[str, Any]:
    """Parameters typed like the header's examples; a clear error for missing or unknown ones."""
    expected = ", ".join(f"{k} (e.g. {v!r})" for k, v in query.params.items()) or "none"
    unknown = sorted(set(given) - set(query.params))
    missing = sorted(set(query.params) - set(given))
    if unknown:
        raise ParameterError(f"{query.name} has no parameter {', '.join(unknown)}; its parameters: {expected}")
    if missing:
        raise ParameterError(f"{query.name} needs {', '.join(missing)}; its parameters: {expected}")
    typed: dict[str, Any] = {}
    for key, raw in given.items():
        example = query.params[key]
        try:
            if isinstance(example, bool):
                typed[key] = raw.lower() in ("1", "true", "yes")
            elif isinstance(example, int):
                typed[key] = int(raw)
            elif isinstance(example, float):
                typed[key] = float(raw)
            else:
                typed[key] = raw
        except ValueError:
            raise ParameterError(f"{key} must be a {type(example).__name__}, like {example!r}; got {raw!r}") from None
    return typed


def plain(value: Any) -> Any:
    """A row value as JSON-friendly data (nodes, relationships and paths made readable)."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return [node.get("name") for node in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j temporal types
        return value.iso_format()
    return value


def run_read(
    driver: neo4j.Driver, text: str, params: dict[str, Any], database: str | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a query that only reads: refused before it runs when the server plans it as a write."""

    def explain(tx: neo4j.ManagedTransaction) -> str:
        return str(tx.run("EXPLAIN " + text, params).consume().query_type)

    def fetch(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
        result = tx.run(text, params)
        keys = list(result.keys())
        return keys, [{k: plain(record[k]) for k in keys} for record in result]

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        query_type = session.execute_read(explain)
        if query_type != "r":
            raise LibraryError(f"refused: the query would write (query type {query_type!r}); onto query only reads")
        return session.execute_read(fetch)
