"""The import as a whole: read -> parse -> resolve -> sink, with a summary that reconciles.

Every statement parsed from a typed note is either carried by a relationship or reported;
`ImportSummary.reconciles` checks exactly that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Graph, ParsedNote
from .ontology import Ontology
from .parse import parse_note
from .problems import Problem, Report
from .read import discover, read_note
from .resolve import resolve
from .sinks import Sink


class GardenNotFound(Exception):
    """The path given to import or check is not a folder."""


@dataclass
class ImportSummary:
    garden: str
    notes: int  # Markdown files found
    entities: int  # typed notes, one node each
    skipped: int  # pages that are no entity (no type)
    failed: int  # notes that could not be read or parsed
    statements: int
    statements_written: int
    statements_dropped: int
    relationships: int
    stubs: int
    written: bool  # False for a dry run, or a strict run that found errors
    elapsed_s: float
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity.value == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity.value == "warning"]

    @property
    def reconciles(self) -> bool:
        return self.statements == self.statements_written + self.statements_dropped

    def as_dict(self) -> dict[str, Any]:
        return {
            "garden": self.garden,
            "notes": self.notes,
            "entities": self.entities,
            "skipped": self.skipped,
            "failed": self.failed,
            "statements": self.statements,
            "statements_written": self.statements_written,
            "statements_dropped": self.statements_dropped,
            "relationships": self.relationships,
            "stubs": self.stubs,
            "written": self.written,
            "reconciles": self.reconciles,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "info": [p.as_dict() for p in self.problems if p.severity.value == "info"],
            "elapsed_s": round(self.elapsed_s, 3),
        }


@dataclass
class GardenScan:
    """What reading and parsing a garden found, before anything is written."""

    notes: int
    parsed: list[ParsedNote]
    skipped: int
    failed: int
    graph: Graph
    report: Report


NoteProgress = Callable[[int, int], None]  # called with (notes read, notes found) after each note


def scan_garden(root: Path, ontology: Ontology, on_note: NoteProgress | None = None) -> GardenScan:
    if not root.is_dir():
        raise GardenNotFound(f"{root}: not a folder of notes")
    report = Report()
    paths = discover(root, report)
    parsed: list[ParsedNote] = []
    skipped = 0
    failed = len(report.errors)  # files discover() could not take (pipes, devices)
    for done, path in enumerate(paths, start=1):
        errors_before = len(report.errors)
        raw = read_note(root, path, report)
        note = parse_note(raw, ontology, report) if raw is not None else None
        if note is not None:
            parsed.append(note)
        elif len(report.errors) > errors_before:
            failed += 1
        else:
            skipped += 1
        if on_note is not None:
            on_note(done, len(paths))
    graph = resolve(parsed, ontology, report)
    return GardenScan(len(paths), parsed, skipped, failed, graph, report)


def import_garden(
    root: Path,
    sink: Sink | None,
    ontology: Ontology,
    *,
    strict: bool = False,
    on_note: NoteProgress | None = None,
) -> ImportSummary:
    started = time.perf_counter()
    scan = scan_garden(root, ontology, on_note)
    graph = scan.graph
    write = not (strict and scan.report.errors)
    if write and sink is not None:  # no sink: a dry run
        sink.ensure_schema()
        sink.write_nodes(graph.nodes)
        sink.write_relationships(graph.relationships)
        sink.finalize()
    return ImportSummary(
        garden=root.resolve().name,
        notes=scan.notes,
        entities=len(scan.parsed),
        skipped=scan.skipped,
        failed=scan.failed,
        statements=graph.statements,
        statements_written=graph.statements_written,
        statements_dropped=graph.statements_dropped,
        relationships=len(graph.relationships),
        stubs=graph.stubs,
        written=write and sink is not None,
        elapsed_s=time.perf_counter() - started,
        problems=scan.report.sorted(),
    )
