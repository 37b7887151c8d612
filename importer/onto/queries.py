"""The query library: the `.cypher` files of `cypher/`, their headers, and running them read-only.

Each file starts with a comment header (name, description, `:param` lines with example
values, columns) and holds one parameterised query that also runs as is in Neo4j Browser.
Two rules hold for every file, checked when it is loaded:

* names are looked up one way, `names.entity_lookup_cypher`: as links find notes, through
  the `entity_keys` index;
* a walk is bounded in its text: Cypher takes no parameter in a quantifier, so a query with
  `max_hops` writes its default bound (`{1,3}`) and `render` puts the asked bound there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
import neo4j.exceptions
import neo4j.graph

from .guard import code_only, refusal, writes
from .names import entity_lookup_cypher

WALK_BOUND = "max_hops"
MAX_HOPS = 5
DEFAULT_TIMEOUT_S = 30.0


class LibraryError(Exception):
    """A library file is missing, malformed, or would write."""


class ParameterError(Exception):
    """A parameter is missing, unknown, or of the wrong kind."""


class QueryFailed(Exception):
    """The server could not answer: the query timed out, ran out of memory, or is not valid Cypher."""

    def __init__(self, reason: str, advice: str) -> None:
        super().__init__(f"{reason}; {advice}")
        self.reason = reason
        self.advice = advice


_LITERAL = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|-?\d+(?:\.\d+)?|true|false"
_PARAM = re.compile(rf"^:param\s+([A-Za-z_]\w*)\s*=>\s*({_LITERAL})\s*;?(?:\s+(optional\b.*))?$")
_COLUMN_LINE = re.compile(r"^\s{1,3}(\S+)(?:\s{2,}(.+))?$")  # "   name     what it means"
_BOUND = re.compile(r"\{\s*1\s*,\s*(\d+)\s*\}")  # a quantified path pattern's {1,n}
_LOOKUP = re.compile(r"CALL db\.index\.fulltext\.queryNodes\('entity_keys',.*?YIELD node AS \w+")


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    description: str
    params: dict[str, Any]  # parameter -> example value (the default of an optional one)
    columns: dict[str, str]  # column -> what it means
    text: str  # the whole file, header included: what Browser runs
    path: Path = field(compare=False)
    optional: dict[str, str] = field(default_factory=dict)  # optional parameter -> what the header says of it

    @property
    def headline(self) -> str:
        """What the question answers, in a line: its description up to the first full stop or colon."""
        return _HEADLINE_END.split(self.description, maxsplit=1)[0].rstrip(".")

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "params": self.params,
            "optional": sorted(self.optional),
            "columns": self.columns,
        }


_HEADLINE_END = re.compile(r"(?<=[a-z)])\. |: ")


def default_library_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "cypher", here.parents[1] / "cypher"):
        if candidate.is_dir():
            return candidate
    raise LibraryError(f"no cypher/ folder found beside {here}")


def _literal(text: str) -> Any:
    """An example value written as a Cypher literal: 'text', "text", 3, 2.5, true, false."""
    if text[0] in "'\"":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    return float(text) if "." in text else int(text)


def _check_lookups(path: Path, text: str) -> None:
    """Every name is looked up as `names.entity_lookup_cypher` writes it: one rule for names."""
    flat = " ".join(text.split())
    for clause in _LOOKUP.findall(flat):
        parameter = re.search(r"\$([A-Za-z_]\w*)", clause)
        variable = clause.rsplit(" ", 1)[-1]
        if parameter is None or clause != " ".join(entity_lookup_cypher(parameter.group(1), variable).split()):
            raise LibraryError(f"{path}: a name lookup that is not the library's own (names.entity_lookup_cypher)")


def _check_bound(path: Path, text: str, params: dict[str, Any]) -> None:
    bounds = _BOUND.findall(code_only(text))
    if WALK_BOUND not in params:
        if bounds:
            raise LibraryError(f"{path}: a walk {{1,{bounds[0]}}} needs a :param {WALK_BOUND} to bound it")
        return
    default = params[WALK_BOUND]
    if not bounds or any(int(b) != default for b in bounds):
        raise LibraryError(f"{path}: every walk must be written {{1,{default}}}, the default of {WALK_BOUND}")


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
    optional: dict[str, str] = {}
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
        elif section == "parameters" and line.startswith(":param"):
            if (m := _PARAM.match(line)) is None:
                raise LibraryError(f"{path}: {line!r} is not `:param name => literal` (then `optional: ...`)")
            params[m.group(1)] = _literal(m.group(2))
            if m.group(3):
                optional[m.group(1)] = m.group(3)
        elif section == "columns" and (m := _COLUMN_LINE.match(raw)):
            columns[m.group(1)] = m.group(2) or ""
        elif section == "columns" and columns:  # deeper indent: the previous column's text goes on
            last = next(reversed(columns))
            columns[last] = f"{columns[last]} {line}"
    used = set(re.findall(r"\$([A-Za-z_]\w*)", code_only(text)))
    if used != set(params):
        raise LibraryError(f"{path}: the query uses ${sorted(used)} but the header gives :param for {sorted(params)}")
    if (clause := writes(text)) is not None:
        raise LibraryError(f"{path}: refused: the query writes ({clause}); library queries only read")
    _check_lookups(path, text)
    _check_bound(path, text, params)
    return LibraryQuery(path.stem, " ".join(description), params, columns, text, path, optional)


def load_library(directory: Path | None = None) -> dict[str, LibraryQuery]:
    directory = directory or default_library_dir()
    queries = [parse_query_file(p) for p in sorted(directory.glob("*.cypher"))]
    return {q.name: q for q in queries}


def coerce_params(query: LibraryQuery, given: dict[str, str]) -> dict[str, Any]:
    """Parameters given as text (`-p key=value`) typed like the header's examples; a clear error
    for missing or unknown ones. Optional ones left out stay out (`bind` gives their defaults)."""
    expected = ", ".join(
        f"{k} (e.g. {v!r}{', optional' if k in query.optional else ''})" for k, v in query.params.items()
    )
    unknown = sorted(set(given) - set(query.params))
    missing = sorted(set(query.params) - set(given) - set(query.optional))
    if unknown:
        raise ParameterError(
            f"{query.name} has no parameter {', '.join(unknown)}; its parameters: {expected or 'none'}"
        )
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


def bind(query: LibraryQuery, given: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The text to run and its parameters: optional ones defaulted, the walks bounded by
    `max_hops` (Cypher takes no parameter in a quantifier), out-of-range values refused."""
    missing = sorted(set(query.params) - set(given) - set(query.optional))
    if missing:
        raise ParameterError(f"{query.name} needs {', '.join(missing)}")
    params = {**{k: query.params[k] for k in query.optional}, **given}
    if isinstance(params.get("limit"), int) and params["limit"] < 1:
        raise ParameterError(f"limit must be 1 or more; got {params['limit']}")
    if WALK_BOUND not in query.params:
        return query.text, params
    hops = params[WALK_BOUND]
    if not isinstance(hops, int) or not 1 <= hops <= MAX_HOPS:
        raise ParameterError(f"{WALK_BOUND} must be a whole number from 1 to {MAX_HOPS}; got {hops!r}")
    return _BOUND.sub(f"{{1,{hops}}}", query.text), params


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


def _failure(error: neo4j.exceptions.Neo4jError, timeout: float | None) -> QueryFailed:
    """What went wrong, in a line, and what to try."""
    code = error.code or ""
    message = (error.message or str(error)).strip().splitlines()[0]
    if "TransactionTimedOut" in code or "Terminated" in code:
        return QueryFailed(
            f"no answer within {timeout:g} s" if timeout else "the server ended the query",
            "ask for fewer steps (-p max_hops=...) or a more specific name, or allow longer with --timeout",
        )
    if "MemoryPoolOutOfMemoryError" in code or "OutOfMemory" in code:
        return QueryFailed(
            "the server ran out of memory for this query",
            "ask for fewer steps (-p max_hops=...) or fewer rows, or give the server more heap",
        )
    if "SyntaxError" in code:
        return QueryFailed(f"not valid Cypher: {message}", "correct the query text")
    if "Procedure" in code:
        return QueryFailed(
            f"a procedure failed: {message}", "check the procedure's name and arguments (SHOW PROCEDURES)"
        )
    return QueryFailed(f"the server refused it ({code}): {message}", "run again with --debug to see the whole error")


def run_read(
    driver: neo4j.Driver,
    text: str,
    params: dict[str, Any],
    database: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a query that only reads, within `timeout` seconds (None: the server's limit): refused
    before it runs when the server's plan of it does more than read the graph (guard.refusal).
    One attempt, no retries: a query that timed out or ran out of memory would only do so again."""
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        try:
            with session.begin_transaction(timeout=timeout) as tx:
                plan = tx.run("EXPLAIN " + text, params).consume()
                if (reason := refusal(str(plan.query_type), plan.plan)) is not None:
                    raise LibraryError(f"refused: {reason}; onto query only reads the graph")
                result = tx.run(text, params)
                keys = list(result.keys())
                return keys, [{k: plain(record[k]) for k in keys} for record in result]
        except neo4j.exceptions.AuthError:
            raise
        except (neo4j.exceptions.ClientError, neo4j.exceptions.TransientError, neo4j.exceptions.DatabaseError) as exc:
            if (exc.code or "").startswith("Neo.ClientError.Security."):
                raise  # the credentials, not the query: the command says so
            raise _failure(exc, timeout) from exc


def unmatched_names(
    driver: neo4j.Driver,
    library: dict[str, LibraryQuery],
    query: LibraryQuery,
    params: dict[str, Any],
    database: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
) -> list[str]:
    """For a query that found nothing: a line for each name it was given that names no entity,
    with the entities that come closest (find-entity's text and near matches)."""
    lines = []
    for key, value in params.items():
        if not isinstance(value, str) or not isinstance(query.params.get(key), str):
            continue
        _, matches = run_read(driver, library["find-entity"].text, {"name": value, "limit": 5}, database, timeout)
        if any(m["matched"] == "name" for m in matches):
            continue
        closest = ", ".join(f"{m['name']} ({m['type'] or 'stub'})" for m in matches)
        lines.append(
            f"no entity is named {key}={value!r} (by name, alias or id)" + (f"; closest: {closest}" if closest else "")
        )
    return lines
