"""The `onto` command line: thin wrappers that call the library and turn its errors into exits.

Exit codes: 0 done; 1 some notes failed (or --strict found problems); 2 bad usage;
3 the database or server could not be reached or started; 4 the graph was written but the
state that makes the next import quick was not saved; 5 a query failed (it timed out, ran out
of memory, or is not valid Cypher).
"""

from __future__ import annotations

import csv
import enum
import gc
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Annotated, Any, TypeVar

import neo4j
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from . import server as server_runtime
from .browser import grass_style, guide_html
from .export import NeoAdminSink
from .garden import GardenNotFound, NoteProgress
from .guide_server import GUIDE_PATH, STYLE_PATH, GuideServer, GuideSource, example_garden_dir
from .kgx_sink import KgxSink
from .ontology import Ontology, OntologyError, default_ontology_dir, load_ontology
from .ontology_docs import ontology_markdown
from .ontology_patch import PatchError, apply_patch, suggestion
from .pipeline import ImportSummary, import_garden, import_knowledge_graph
from .problems import Problem, Severity
from .queries import (
    DEFAULT_TIMEOUT_S,
    LibraryError,
    LibraryQuery,
    ParameterError,
    QueryFailed,
    bind,
    coerce_params,
    load_library,
    run_read,
    unmatched_names,
)
from .server.guide import DEFAULT_GUIDE_PORT, browser_settings
from .settings import ConnectionSettings
from .sinks import JsonLinesSink
from .state import StateNotSaved
from .sync import BadGardenName, Changes, garden_name
from .watch import Watcher, WatchOptions
from .write import DatabaseBusy, Neo4jWriter, UnsupportedServer

app = typer.Typer(
    help="Import biology Digital Gardens (Obsidian notes) into Neo4j as a typed graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
server_app = typer.Typer(
    help="Run a local Neo4j 5 server (Docker when an engine answers, else Java).", no_args_is_help=True
)
app.add_typer(server_app, name="server")
browser_app = typer.Typer(
    help="Neo4j Browser extras: a style sheet and a guide to the query library.", no_args_is_help=True
)
app.add_typer(browser_app, name="browser")
ontology_app = typer.Typer(
    help="Grow the ontology with a garden: suggest a patch, apply it, write its reference page.",
    no_args_is_help=True,
)
app.add_typer(ontology_app, name="ontology")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)  # one problem, one line: greppable

EXIT_FAILED_NOTES = 1
EXIT_UNAVAILABLE = 3
EXIT_STATE_NOT_SAVED = 4  # the graph is written, the state that makes re-imports quick is not
EXIT_QUERY_FAILED = 5
T = TypeVar("T")
OntologyOption = Annotated[
    Path | None, typer.Option("--ontology", help="Folder with entity_types.yaml and relationship_types.yaml.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected failure.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"onto {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Import biology Digital Gardens (Obsidian notes) into Neo4j as a typed graph."""


def _fail(message: str, code: int) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


def _load(ontology_dir: Path | None) -> Ontology:
    try:
        return load_ontology(ontology_dir)
    except OntologyError as exc:
        raise _fail(f"ontology: {exc}", 2) from exc


@contextmanager
def _database_errors(settings: ConnectionSettings, debug: bool) -> Iterator[None]:
    """One clear line for the failures users meet: server down, wrong password, bad URI. The
    driver's own log lines are kept for --debug."""
    _driver_log(debug)
    uri = settings.display_uri
    try:
        yield
    except (neo4j.exceptions.AuthError, neo4j.exceptions.ClientError) as exc:
        if debug or not (exc.code or "").startswith("Neo.ClientError.Security."):
            raise
        if "AuthenticationRateLimit" in (exc.code or ""):
            why = "too many failed attempts: the server takes none for a few seconds"
        else:
            why = settings.redact(exc.message or str(exc)).rstrip(".")
        raise _fail(
            f"{uri} refused the credentials of user {settings.username!r}: {why}. "
            "Set NEO4J_USERNAME and NEO4J_PASSWORD (environment or .env).",
            EXIT_UNAVAILABLE,
        ) from exc
    except DatabaseBusy as exc:
        raise _fail(f"{uri}: {exc}", EXIT_UNAVAILABLE) from exc
    except UnsupportedServer as exc:
        raise _fail(f"{uri}: {exc}", EXIT_UNAVAILABLE) from exc
    except (neo4j.exceptions.ConfigurationError, ValueError) as exc:
        if debug:
            raise
        raise _fail(f"NEO4J_URI {uri}: {settings.redact(str(exc))}", EXIT_UNAVAILABLE) from exc
    except neo4j.exceptions.ServiceUnavailable as exc:
        if debug:
            raise
        reason = " ".join(settings.redact(str(exc)).split()).rstrip(".")  # the driver's may run over lines
        raise _fail(
            f"cannot reach Neo4j at {uri}: {reason}. "
            "Start one with `onto server start` (or `docker compose up -d`), or set NEO4J_URI.",
            EXIT_UNAVAILABLE,
        ) from exc


def _driver_log(debug: bool) -> None:
    """The driver logs each failed attempt to connect: on stderr with --debug, else nowhere."""
    log = logging.getLogger("neo4j")
    log.handlers = [logging.StreamHandler() if debug else logging.NullHandler()]
    log.propagate = False


def _print_json(value: Any, **options: Any) -> None:
    # Compact, from the C encoder (indenting falls back to the pure-Python one): the summary of
    # a 100,000-note garden lists 180,000 problems, and indenting them took 0.7 s instead of 0.2.
    # For reading, pipe it through `jq` or `python -m json.tool`.
    sys.stdout.write(json.dumps(value, **options) + "\n")


def _print_problems(problems: list[Problem], show_info: bool, limit: int = 50) -> None:
    shown = [p for p in problems if show_info or p.severity is not Severity.INFO]
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
    for problem in shown[:limit]:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        err.print(
            f"[{colours[problem.severity]}]{problem.severity.value}[/] {escape(where)}: {escape(problem.message)}"
            f" [dim]({problem.code})[/]",
            highlight=False,
            soft_wrap=True,
        )
    if len(shown) > limit:
        err.print(f"... and {len(shown) - limit} more (--json lists them all)")


def _change_rows(changes: Changes | None) -> list[tuple[str, Any]]:
    if changes is None:
        return []
    if changes.mode == "unchanged":
        return [("changes", "none: no note changed")]
    rows: list[tuple[str, Any]] = [
        (
            "nodes created / updated / deleted",
            f"{changes.nodes_created} / {changes.nodes_updated} / {changes.nodes_deleted}",
        ),
        (
            "relationships created / updated / deleted",
            f"{changes.relationships_created} / {changes.relationships_updated} / {changes.relationships_deleted}",
        ),
    ]
    if changes.nodes_kept_for_hand_made:
        rows.append(("nodes kept for hand-made relationships", changes.nodes_kept_for_hand_made))
    return rows


# What the summary's counts are called: for a garden, and for a knowledge graph (import-kg).
GARDEN_ROWS = (
    ("notes found", "notes"), ("entities (typed notes)", "entities"), ("skipped (no type)", "skipped"),
    ("failed", "failed"), ("statements parsed", "statements"), ("  carried by a relationship", "statements_written"),
    ("  reported, not written", "statements_dropped"), ("relationships (distinct facts)", "relationships"),
    ("stubs (links to no note)", "stubs"),
)  # fmt: skip
GRAPH_ROWS = (
    ("nodes", "entities"), ("edges read", "statements"), ("  carried by a relationship", "statements_written"),
    ("  reported, not written", "statements_dropped"), ("relationships (distinct facts)", "relationships"),
)  # fmt: skip


def _summary_table(summary: ImportSummary, title: str, counted: tuple[tuple[str, str], ...] = GARDEN_ROWS) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows: list[tuple[str, Any]] = [
        *((label, getattr(summary, field)) for label, field in counted),
        *_change_rows(summary.changes),
        ("errors", len(summary.errors)),
        ("warnings", len(summary.warnings)),
        ("seconds", f"{summary.elapsed_s:.2f}"),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    return table


def _with_progress(label: str, show: bool, work: Callable[[NoteProgress | None], T]) -> T:
    if not show:
        return work(None)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # No refresh thread (auto_refresh=False): a first import parses in forked processes, which
    # onto does only from a single-threaded process (forking.can_fork).
    with Progress(*columns, console=err, transient=True, auto_refresh=False) as progress:
        task = progress.add_task(label, total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)
            if done == total or done % 100 == 0:
                progress.refresh()

        return work(tick)


@app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="The garden: a folder of Markdown notes.")],
    garden: Annotated[
        str | None,
        typer.Option(
            "--garden",
            help="The garden's name, which its nodes and relationships are kept under (default: the folder's name).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be created, updated and deleted; write nothing.")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Ignore the saved state: compare with the graph and write every row.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Write nothing when any note has an error.")] = False,
    batch_size: Annotated[int, typer.Option(help="Rows per write transaction.", min=1)] = 2000,
    ontology_dir: OntologyOption = None,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Import a garden into Neo4j, or bring it up to date: the graph follows the folder.

    Connection: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE.
    """
    ontology = _load(ontology_dir)
    settings = ConnectionSettings.load()
    show_progress = not as_json and err.is_terminal
    try:
        name = garden_name(path, garden)
    except BadGardenName as exc:
        raise _fail(str(exc), 2) from exc

    def run(tick: NoteProgress | None) -> ImportSummary:
        with _database_errors(settings, debug), settings.driver() as driver:
            driver.verify_connectivity()
            writer = Neo4jWriter(driver, settings.database, batch_size=batch_size)
            return import_garden(
                path, writer, ontology, garden=name, strict=strict, dry_run=dry_run, full=full, on_note=tick,
                info=as_json,  # the table shows errors and warnings only
            )  # fmt: skip

    try:
        summary = _with_progress("reading notes", show_progress, run)
    except GardenNotFound as exc:
        raise _fail(str(exc), 2) from exc
    except StateNotSaved as exc:
        raise _fail(f"{exc}. The graph is written; the next import will be a full one.", EXIT_STATE_NOT_SAVED) from exc

    if as_json:
        _print_json(summary.as_dict(), ensure_ascii=False)
    else:
        _print_problems(summary.problems, show_info=False)
        title = f"garden {name!r} into {settings.display_uri}"
        if dry_run:
            title += ": dry run, nothing written"
        elif strict and summary.errors:
            title += ": --strict found errors, nothing written"
        out.print(_summary_table(summary, title))
    if summary.errors:
        raise typer.Exit(EXIT_FAILED_NOTES)


@app.command("import-kg")
def import_kg_command(
    nodes: Annotated[Path, typer.Argument(help="KGX nodes file: JSON Lines (.jsonl) or TSV (.tsv).")],
    edges: Annotated[Path, typer.Argument(help="KGX edges file: JSON Lines (.jsonl) or TSV (.tsv).")],
    source: Annotated[str, typer.Option("--source", help="Name its data is kept under, as a garden's (primekg).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be created, updated and deleted; write nothing.")
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Rows per write transaction.", min=1)] = 2000,
    ontology_dir: OntologyOption = None,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Load a KGX knowledge graph beside the gardens: Biolink categories and predicates read as
    the ontology's types, nodes joined to the gardens' entities by identifier, then by name.
    A re-import replaces what the source wrote before.

    Connection: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE.
    """
    ontology = _load(ontology_dir)
    settings = ConnectionSettings.load()
    for path in (nodes, edges):
        if not path.is_file():
            raise _fail(f"{path}: no such file", 2)
    try:
        name = garden_name(nodes.parent, source)
    except BadGardenName as exc:
        raise _fail(str(exc), 2) from exc
    with _database_errors(settings, debug), settings.driver() as driver:
        driver.verify_connectivity()
        writer = Neo4jWriter(driver, settings.database, batch_size=batch_size)
        summary = import_knowledge_graph(nodes, edges, writer, ontology, name, dry_run=dry_run)
    if as_json:
        _print_json(summary.as_dict(), ensure_ascii=False)
    else:
        _print_problems(summary.problems, show_info=True)
        title = f"knowledge graph {name!r} into {settings.display_uri}"
        title += ": dry run, nothing written" if dry_run else ""
        out.print(_summary_table(summary, title, GRAPH_ROWS))
    if summary.errors:
        raise typer.Exit(EXIT_FAILED_NOTES)


@app.command("watch")
def watch_command(
    path: Annotated[Path, typer.Argument(help="The garden: a folder of Markdown notes.")],
    garden: Annotated[str | None, typer.Option(help="Name of the garden's data (default: the folder's name).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Write nothing when any note has an error.")] = False,
    ontology_dir: OntologyOption = None,
    debug: DebugOption = False,
) -> None:
    """Import a garden, then keep the graph equal to the folder while notes are created, edited,
    renamed and deleted: one line per sync, until Ctrl-C.

    Connection: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE.
    """
    ontology = _load(ontology_dir)
    settings = ConnectionSettings.load()
    if not path.is_dir():
        raise _fail(f"{path}: not a folder of notes", 2)
    try:
        name = garden_name(path, garden)
    except BadGardenName as exc:
        raise _fail(str(exc), 2) from exc

    def say(line: str) -> None:
        out.print(line, highlight=False, markup=False)

    with _database_errors(settings, debug), settings.driver() as driver:
        driver.verify_connectivity()
        say(f"watching {path} (garden {name!r}) into {settings.display_uri}; Ctrl-C stops")
        watcher = Watcher(path, driver, settings.database, ontology, WatchOptions(name, strict), say)
        with suppress(KeyboardInterrupt), _interrupted_by_sigterm():
            watcher.run()
    say("stopped")


@contextmanager
def _interrupted_by_sigterm() -> Iterator[None]:
    """SIGTERM (`kill`, `docker stop`, a service manager) stops as Ctrl-C does. A command started in
    the background of a script has SIGINT ignored, and only SIGTERM reaches it."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class ExportFormat(enum.StrEnum):
    neo4j_admin = "neo4j-admin"
    jsonl = "jsonl"
    kgx = "kgx"


@app.command("export")
def export_command(
    path: Annotated[Path, typer.Argument(help="The garden: a folder of Markdown notes.")],
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="Folder to write the files into (made if missing).")],
    export_format: Annotated[
        ExportFormat, typer.Option("--format", help="neo4j-admin CSV files, JSON lines, or KGX JSON lines.")
    ] = ExportFormat.neo4j_admin,
    garden: Annotated[str | None, typer.Option("--garden", help="The garden's name (default: the folder's).")] = None,
    database: Annotated[str, typer.Option("--database", help="Database the neo4j-admin command loads.")] = "neo4j",
    ontology_dir: OntologyOption = None,
) -> None:
    """Write the garden's graph as files: CSV for `neo4j-admin database import full` (a first
    load of a very large garden into an offline database), JSON lines, or KGX (`nodes.jsonl`,
    `edges.jsonl`) for the Biolink world's tools."""
    ontology = _load(ontology_dir)
    try:
        name = garden_name(path, garden)
    except BadGardenName as exc:
        raise _fail(str(exc), 2) from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        if export_format is ExportFormat.jsonl:
            with (out_dir / "graph.jsonl").open("w", encoding="utf-8") as handle:
                summary = import_garden(path, JsonLinesSink(handle, name), ontology, garden=name, info=False)
            nodes = summary.entities + summary.stubs
            wrote = f"{nodes} nodes and {summary.relationships} relationships to {out_dir / 'graph.jsonl'}"
        elif export_format is ExportFormat.kgx:
            kgx = KgxSink(out_dir, name, ontology)
            summary = import_garden(path, kgx, ontology, garden=name, info=False)
            wrote = f"{kgx.nodes} nodes to {kgx.nodes_file} and {kgx.edges} edges to {kgx.edges_file} (KGX)"
        else:
            admin = NeoAdminSink(out_dir, name, database)
            summary = import_garden(path, admin, ontology, garden=name, info=False)
            wrote = ""
    except GardenNotFound as exc:
        raise _fail(str(exc), 2) from exc
    _print_problems(summary.problems, show_info=False)
    if wrote:
        out.print(f"wrote {wrote}", highlight=False)
    elif admin.export is not None:
        result = admin.export
        for key in result.skipped_properties:
            err.print(
                f"[yellow]warning[/] property {escape(key)!r} cannot be a CSV header column; left out of the export"
            )
        out.print(f"wrote {result.nodes} nodes to {result.nodes_file} and {result.relationships} relationships to "
                  f"{result.relationships_file}")  # fmt: skip
        out.print("load them into a stopped server's empty database with:")
        out.print(result.command_line, highlight=False, soft_wrap=True)
        (out_dir / "import-command.txt").write_text(result.command_line + "\n", encoding="utf-8")
    if summary.failed:
        raise typer.Exit(EXIT_FAILED_NOTES)


@app.command("check")
def check_command(
    path: Annotated[Path, typer.Argument(help="The garden: a folder of Markdown notes.")],
    show_info: Annotated[bool, typer.Option("--info", help="Also list info lines (unresolved links, ...).")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero on warnings too.")] = False,
    ontology_dir: OntologyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Lint a garden against the ontology without a database."""
    ontology = _load(ontology_dir)
    try:
        summary = import_garden(path, None, ontology)
    except GardenNotFound as exc:
        raise _fail(str(exc), 2) from exc
    if as_json:
        _print_json(summary.as_dict(), ensure_ascii=False)
    else:
        _print_problems(summary.problems, show_info=show_info, limit=10_000)
        out.print(_summary_table(summary, f"check {path}"))
    if summary.errors or (strict and summary.warnings):
        raise typer.Exit(EXIT_FAILED_NOTES)


# --- onto ontology ---------------------------------------------------------------------------
@ontology_app.command("suggest")
def ontology_suggest(
    path: Annotated[Path, typer.Argument(help="The garden: a folder of Markdown notes.")],
    ontology_dir: OntologyOption = None,
) -> None:
    """Print a YAML patch for the relationship names the ontology does not read: each name with its
    count and example lines, proposed as an alias of the closest type or as a new type."""
    ontology = _load(ontology_dir)
    try:
        sys.stdout.write(suggestion(path, ontology))
    except GardenNotFound as exc:
        raise _fail(str(exc), 2) from exc


@ontology_app.command("apply")
def ontology_apply(
    patch: Annotated[Path, typer.Argument(help="A patch `onto ontology suggest` wrote, edited.")],
    ontology_dir: OntologyOption = None,
) -> None:
    """Write a patch into relationship_types.yaml, comments kept; nothing is written unless the
    ontology it makes loads."""
    directory = ontology_dir or default_ontology_dir()
    try:
        aliases, types = apply_patch(patch, directory)
    except PatchError as exc:
        raise _fail(str(exc), 2) from exc
    target = directory / "relationship_types.yaml"
    err.print(f"added {aliases} names to declared types and {types} new types to {target}")


@ontology_app.command("docs")
def ontology_docs(ontology_dir: OntologyOption = None) -> None:
    """Print the ontology's reference page (docs/ontology.md is this, committed)."""
    sys.stdout.write(ontology_markdown(_load(ontology_dir)))


# --- onto queries / onto query ---------------------------------------------------------------
LibraryOption = Annotated[Path | None, typer.Option("--library", help="Folder of .cypher files (default: cypher/).")]


def _library(directory: Path | None) -> dict[str, LibraryQuery]:
    try:
        return load_library(directory)
    except LibraryError as exc:
        raise _fail(str(exc), 2) from exc


@app.command("queries")
def queries_command(library: LibraryOption = None, as_json: JsonOption = False) -> None:
    """List the query library: name, what it answers, parameters with example values."""
    found = _library(library)
    if as_json:
        _print_json([q.as_dict() for q in found.values()], ensure_ascii=False)
        return
    table = Table("name", "answers", "parameters", title=f"{len(found)} queries (onto query NAME --param key=value)")
    for q in found.values():
        params = ", ".join(f"{k}={v!r}" + (" (optional)" if k in q.optional else "") for k, v in q.params.items())
        table.add_row(q.name, q.description, params)
    out.print(table)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise _fail(f"--param takes key=value, not {pair!r}", 2)
        given[key.strip()] = value
    return given


def _print_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        _print_json(rows, ensure_ascii=False, default=str)
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
            )
    elif rows and _too_wide(columns, rows):
        _print_records(columns, rows)
    elif rows:
        table = Table(*columns)
        for row in rows:
            table.add_row(*(_cell(row[c]) for c in columns))
        out.print(table)


def _too_wide(columns: list[str], rows: list[dict[str, Any]]) -> bool:
    """Whether a table would squeeze its cells: then each row is shown as `column  value` lines."""
    widest = [max(len(c), *(max(map(len, _cell(r[c]).splitlines() or [""])) for r in rows)) for c in columns]
    return sum(widest) + 3 * len(columns) + 1 > out.width


def _print_records(columns: list[str], rows: list[dict[str, Any]]) -> None:
    pad = max(map(len, columns)) + 2
    for number, row in enumerate(rows):
        if number:
            out.print()
        for column in columns:
            lines = _cell(row[column]).splitlines() or [""]
            out.print(f"{column:<{pad}}{lines[0]}", highlight=False, markup=False)
            for line in lines[1:]:
                out.print(f"{'':<{pad}}{line}", highlight=False, markup=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


@app.command("query")
def query_command(
    name: Annotated[str | None, typer.Argument(help="A query of the library (see `onto queries`).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as key=value; repeat.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    cypher: Annotated[str | None, typer.Option("--cypher", help="Run this ad-hoc read query instead.")] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds the server may take before the query is stopped.", min=0.1)
    ] = DEFAULT_TIMEOUT_S,
    library: LibraryOption = None,
    debug: DebugOption = False,
) -> None:
    """Run one library query (or --cypher text) in a read transaction and print its rows."""
    if fmt not in ("table", "json", "csv"):
        raise _fail(f"--format must be table, json or csv, not {fmt!r}", 2)
    found = _library(library)
    if cypher is not None:
        # Ad-hoc parameters are text unless they read as whole numbers.
        params: dict[str, Any] = {
            k: int(v) if v.lstrip("-").isdigit() else v for k, v in _parse_params(param or []).items()
        }
        query = LibraryQuery("--cypher", "", dict(params), {}, cypher, Path("-"))
        text = cypher
    elif name is None or name not in found:
        raise _fail(f"no query named {name!r}; `onto queries` lists them", 2)
    else:
        query = found[name]
        try:
            text, params = bind(query, coerce_params(query, _parse_params(param or [])))
        except ParameterError as exc:
            raise _fail(str(exc), 2) from exc
    settings = ConnectionSettings.load()
    with _database_errors(settings, debug), settings.driver(notifications=debug) as driver:
        try:
            columns, rows = run_read(driver, text, params, settings.database, timeout)
            if not rows and query.name in found:
                for line in unmatched_names(driver, found, query, params, settings.database, timeout):
                    err.print(line, highlight=False)
                err.print("no rows")
        except LibraryError as exc:
            raise _fail(str(exc), 2) from exc
        except QueryFailed as exc:
            if debug:
                raise
            raise _fail(f"query {query.name}: {exc}", EXIT_QUERY_FAILED) from exc
    _print_rows(columns, rows, fmt)
    if rows and "total" in columns and isinstance(rows[0]["total"], int) and rows[0]["total"] > len(rows):
        err.print(f"{len(rows)} of {rows[0]['total']} rows: -p limit=N shows more", highlight=False)


# --- onto browser -------------------------------------------------------------------------
@browser_app.command("style")
def browser_style(ontology_dir: OntologyOption = None) -> None:
    """Print a GRASS style sheet made from the ontology (paste it after :style in Browser)."""
    sys.stdout.write(grass_style(_load(ontology_dir)))


@browser_app.command("guide")
def browser_guide(
    output: Annotated[
        Path | None, typer.Option("--out", help="Write the guide to this file instead of stdout.")
    ] = None,
    library: LibraryOption = None,
) -> None:
    """Print a Neo4j Browser guide (:play) with one slide per library query."""
    text = guide_html(_library(library).values())
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        out.print(f"wrote {output}")


@browser_app.command("serve")
def browser_serve(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = DEFAULT_GUIDE_PORT,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 in a container).")] = "127.0.0.1",
    library: LibraryOption = None,
    ontology_dir: OntologyOption = None,
    debug: DebugOption = False,
) -> None:
    """Serve onto's style sheet and a guide of the database (NEO4J_URI) for Neo4j Browser, until
    Ctrl-C. `onto server start` runs it beside the server it starts."""
    settings = ConnectionSettings.load()
    with _database_errors(settings, debug), settings.driver() as driver:
        driver.verify_connectivity()
        source = GuideSource(driver, _library(library), _load(ontology_dir), settings.database, example_garden_dir())
        try:
            server = GuideServer(source, port, host)
        except OSError as exc:
            raise _fail(f"cannot serve on port {port}: {exc.strerror}", EXIT_UNAVAILABLE) from exc
        out.print(f"In Neo4j Browser run:  :play http://localhost:{port}{GUIDE_PATH}")
        out.print(f"Style sheet:            :style http://localhost:{port}{STYLE_PATH}  (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()


@browser_app.command("setup")
def browser_setup(port: Annotated[int, typer.Option(help="The guide server's port.")] = DEFAULT_GUIDE_PORT) -> None:
    """Print what makes Neo4j Browser apply onto's style and play its guide on login, for a server
    onto does not run: the neo4j.conf settings, and the command that serves the files."""
    out.print("# neo4j.conf (then restart Neo4j):", highlight=False, markup=False)
    for key, value in browser_settings(port).items():
        out.print(f"{key}={value}", highlight=False, markup=False)
    out.print("# and keep this running beside it (NEO4J_URI and NEO4J_PASSWORD set):", highlight=False, markup=False)
    out.print(f"onto browser serve --port {port}", highlight=False, markup=False)


# --- onto server ---------------------------------------------------------------------------
RuntimeOption = Annotated[
    str, typer.Option("--runtime", help="auto (Docker if an engine answers, else Java), docker or java.")
]
BoltPortOption = Annotated[int, typer.Option("--bolt-port", help="Bolt port.")]
HttpPortOption = Annotated[int, typer.Option("--http-port", help="HTTP port (Neo4j Browser).")]
HomeOption = Annotated[
    Path | None, typer.Option("--home", help="Server folder (default $ONTO_HOME or ~/.local/share/onto/neo4j).")
]


def _server_config(
    bolt_port: int, http_port: int, home: Path | None, guide_port: int = DEFAULT_GUIDE_PORT
) -> server_runtime.ServerConfig:
    return server_runtime.ServerConfig(
        home=(home or server_runtime.default_home()).expanduser().resolve(),
        cache=server_runtime.default_cache(),
        password=ConnectionSettings.load().password,
        bolt_port=bolt_port,
        http_port=http_port,
        guide_port=guide_port,
    )


GuidePortOption = Annotated[
    int, typer.Option("--guide-port", help="Port of onto's guide for Neo4j Browser (0: none).", min=0)
]


@server_app.command("start")
def server_start(
    runtime: RuntimeOption = "auto",
    bolt_port: BoltPortOption = 7687,
    http_port: HttpPortOption = 7474,
    home: HomeOption = None,
    guide_port: GuidePortOption = DEFAULT_GUIDE_PORT,
) -> None:
    """Start Neo4j and return once Bolt accepts connections (a no-op when it already runs), with
    onto's guide server beside it: Neo4j Browser applies onto's style and plays its guide on login."""
    config = _server_config(bolt_port, http_port, home, guide_port)
    try:
        module = server_runtime.runtime(runtime)
        with err.status("starting Neo4j (the first start downloads about 130 MB of jars)"):
            status = module.start(config)
    except server_runtime.ServerError as exc:
        raise _fail(str(exc), EXIT_UNAVAILABLE) from exc
    out.print(f"Neo4j {status.detail}")
    out.print(f"  Bolt     {config.bolt_uri}")
    out.print(f"  Browser  {config.browser_url}  (user neo4j, password from NEO4J_PASSWORD)")
    if config.guide_port:
        out.print(f"  Guide    http://localhost:{config.guide_port}{GUIDE_PATH}  (Browser plays it on login)")


@server_app.command("stop")
def server_stop(runtime: RuntimeOption = "auto", home: HomeOption = None) -> None:
    """Stop the server that `onto server start` started (and no other process)."""
    config = _server_config(7687, 7474, home)
    try:
        stopped = server_runtime.runtime(runtime).stop(config)
    except server_runtime.ServerError as exc:
        raise _fail(str(exc), EXIT_UNAVAILABLE) from exc
    out.print("Neo4j stopped" if stopped else "Neo4j was not running")


@server_app.command("status")
def server_status(
    runtime: RuntimeOption = "auto",
    bolt_port: BoltPortOption = 7687,
    http_port: HttpPortOption = 7474,
    home: HomeOption = None,
) -> None:
    """Say whether the server runs; exit 3 when it does not."""
    config = _server_config(bolt_port, http_port, home)
    status = server_runtime.runtime(runtime).status(config)
    out.print(f"Neo4j {status.detail}; home {config.home}")
    if not status.running:
        raise typer.Exit(EXIT_UNAVAILABLE)


def run() -> None:  # console-script entry point
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    finally:
        # The interpreter's last collection walks every object still alive: a tenth of a
        # second of a re-import (a 100,000-note garden's file list), spent on nothing. Frozen
        # objects are left out of it; files, connections and exit handlers close as usual.
        gc.freeze()
