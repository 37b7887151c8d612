"""The scale benchmark: onto import against the naive way and against the limit, in one run.

    python bench/run.py --notes 100000 [--seed 1] [--json]

Writes a synthetic garden (bench/generate.py), starts a Neo4j of its own (or uses NEO4J_URI
with --wipe), and measures, on the same data:

  (1) `onto import` cold, as a user runs it (a subprocess; its peak RSS is recorded);
  (2) the naive baseline: one auto-commit MERGE per relationship, on a sample, extrapolated;
  (3) the limit: the final node and relationship rows, computed beforehand, written with
      plain UNWIND CREATE by a minimal loop into an empty database;
  (4) a re-import with nothing changed; after editing one note, adding one, deleting one;
  (5) parsing alone: read and parse every note on one core, no resolving, no database;
  (6) the bulk path: `onto export --format neo4j-admin` of the same rows, then the
      server's own `neo4j-admin database import full` into a fresh folder.

Prints one table, or with --json one object. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

import onto.garden as garden_module  # noqa: E402
from onto import ConnectionSettings, load_ontology  # noqa: E402
from onto.export import export_neo4j_admin  # noqa: E402
from onto.garden import read_garden  # noqa: E402
from onto.resolve import resolve  # noqa: E402
from onto.server import (
    default_cache,  # noqa: E402
    java,  # noqa: E402
)
from onto.server.throwaway import throwaway_config, throwaway_server  # noqa: E402
from onto.sync import Rows, garden_rows  # noqa: E402

LIMIT_BATCH = 10_000
REPEATS = 3  # runs of each re-import step; the step counts by their median
LIMIT_NODES = "UNWIND $rows AS row CREATE (n:Entity) SET n = row.properties SET n:$(row.labels)"
LIMIT_RELATIONSHIPS = (
    "UNWIND $rows AS row MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
    "CREATE (a)-[r:$(row.type)]->(b) SET r = row.properties"
)
NAIVE = "MERGE (a:Entity {id: $source}) MERGE (b:Entity {id: $target}) MERGE (a)-[r:$($type)]->(b) SET r += $properties"
CONSTRAINT = "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"


@dataclass
class Step:
    name: str
    notes: int
    statements: int
    seconds: float
    relationships: int  # written, or carried, in this step

    @property
    def notes_per_s(self) -> float:
        return self.notes / self.seconds if self.seconds else 0.0

    @property
    def rels_per_s(self) -> float:
        return self.relationships / self.seconds if self.seconds else 0.0


def wipe(driver: neo4j.Driver) -> None:
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("CALL db.awaitIndexes(300)").consume()


def run_onto(args: Sequence[str], env: dict[str, str], as_json: bool = True) -> tuple[float, dict[str, Any]]:
    """Run `onto` as a user does: seconds, and its JSON summary (or {} when `as_json` is off:
    the table a user reads, without the JSON list of every info-level problem)."""
    onto = Path(sys.executable).with_name("onto")
    started = time.perf_counter()
    extra = ["--json"] if as_json else []
    done = subprocess.run([str(onto), *args, *extra], env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some notes have errors, and the rest is imported
        sys.exit(f"onto {' '.join(args)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return seconds, json.loads(done.stdout) if as_json else {}


def peak_rss_of_children_mb() -> float:
    """The largest resident set any finished child reached (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def write_batches(driver: neo4j.Driver, statement: str, rows: list[dict[str, Any]]) -> None:
    with driver.session() as session:
        for start in range(0, len(rows), LIMIT_BATCH):
            batch = rows[start : start + LIMIT_BATCH]
            session.execute_write(lambda tx, b=batch: tx.run(statement, rows=b).consume())


def bulk_load(rows: Rows, garden: str, work: Path) -> float | None:
    """Seconds to write the CSV files and run `neo4j-admin database import full` on them;
    None when there is no Java to run the admin tool with."""
    try:
        java.find_java()
    except java.ServerError:
        return None
    started = time.perf_counter()
    export = export_neo4j_admin(rows, garden, work / "csv")
    config = throwaway_config(work / "bulk-home", default_cache())
    java.bulk_import(config, export.command[1:])
    return time.perf_counter() - started


def benchmark(settings: ConnectionSettings, notes: int, seed: int, sample: int, work: Path) -> dict[str, Any]:
    garden = work / "garden"
    generate(garden, notes, seed)
    env = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password,
        "ONTO_CACHE": str(work / "state"),
    }
    ontology = load_ontology()
    steps: list[Step] = []

    with settings.driver() as driver:
        # Warm the server up first (a fresh JVM compiles its query paths on first use), as any
        # server that has run a while is: a small garden of its own, imported and wiped.
        warm_up = work / "warm-up"
        generate(warm_up, 300, seed + 1)
        run_onto(["import", str(warm_up)], env)
        wipe(driver)
        # (1) cold import, end to end, as a separate process
        seconds, summary = run_onto(["import", str(garden)], env)
        statements, relationships = summary["statements"], summary["relationships"]
        steps.append(Step("onto import, cold", notes, statements, seconds, relationships))
        cold_phases = summary["changes"]["seconds"]
        # (4) nothing changed: as a user runs it, then with the JSON summary scripts read.
        # (5)-(7) one note edited, added, deleted. Each re-import step runs REPEATS times and
        # counts by its median: one run of a two-second command is at the mercy of the machine.
        noops, noops_json, edits, adds, deletes = [], [], [], [], []
        notes_found = sorted(garden.rglob("*.md"))
        some_note = notes_found[len(notes_found) // 2]
        for i in range(REPEATS):
            noops.append(run_onto(["import", str(garden)], env, as_json=False)[0])
            noops_json.append(run_onto(["import", str(garden)], env)[0])
            with some_note.open("a", encoding="utf-8") as handle:
                handle.write(f"\nACTIVATES:: [[Condition {i}]] - edit {i} for the benchmark\n")
            edits.append(run_onto(["import", str(garden)], env, as_json=False)[0])
            added = garden / "drug" / f"bench-added-{i}.md"
            added.write_text(
                f"---\ntitle: Bench Added {i}\ntype: drug\n---\n# Bench Added {i}\nTREATS:: [[Condition 1]]\n"
            )
            adds.append(run_onto(["import", str(garden)], env, as_json=False)[0])
            added.unlink()
            deletes.append(run_onto(["import", str(garden)], env, as_json=False)[0])
        med = statistics.median
        steps.append(Step("re-import, nothing changed", notes, statements, med(noops), 0))
        steps.append(Step("re-import, one note edited", 1, 1, med(edits), 0))
        steps.append(Step("re-import, one note added", 1, 1, med(adds), 0))
        steps.append(Step("re-import, one note deleted", 1, 1, med(deletes), 0))
        reimport_runs = {"noop": noops, "noop_json": noops_json, "edit": edits, "add": adds, "delete": deletes}
        peak_rss_mb = peak_rss_of_children_mb()  # the largest of the onto runs above

        # (8) parsing alone, on one core (onto's first read uses every core; not here)
        garden_module.PARALLEL_FROM = sys.maxsize
        parse_s = timed(lambda: read_garden(garden, ontology))
        read = read_garden(garden, ontology)
        rows = garden_rows(resolve(read.parsed, ontology, read.report), garden.name, ontology)
        steps.append(Step("parse only (one core)", notes, statements, parse_s, 0))
        node_rows = [{"labels": n["labels"], "properties": n["properties"]} for n in rows.nodes.values()]
        rel_rows = [
            {"type": r["type"], "source": r["source"], "target": r["target"], "properties": r["properties"]}
            for r in rows.relationships.values()
        ]

        # (6) the bulk path: CSV files from the same rows, loaded by neo4j-admin into a fresh home
        bulk = bulk_load(rows, garden.name, work)
        if bulk is not None:
            steps.append(Step("bulk: onto export + neo4j-admin import", notes, statements, bulk, len(rel_rows)))

        # (3) the limit
        wipe(driver)
        driver.execute_query(CONSTRAINT)
        nodes_s = timed(lambda: write_batches(driver, LIMIT_NODES, node_rows))
        rels_s = timed(lambda: write_batches(driver, LIMIT_RELATIONSHIPS, rel_rows))
        steps.append(Step("limit: UNWIND CREATE", notes, statements, nodes_s + rels_s, len(rel_rows)))

        # (2) the naive baseline, on a sample
        wipe(driver)
        driver.execute_query(CONSTRAINT)
        take = rel_rows[:: max(1, len(rel_rows) // sample)][:sample]
        times = []
        with driver.session() as session:
            for row in take:
                started = time.perf_counter()
                session.run(NAIVE, row).consume()
                times.append(time.perf_counter() - started)
        naive_rate = len(take) / sum(times)
        steps.append(
            Step(
                f"naive: MERGE per statement ({len(take)} sampled)",
                notes,
                statements,
                len(rel_rows) / naive_rate,
                len(rel_rows),
            )
        )
        wipe(driver)

    by_name = {s.name.split(":")[0].split(",")[0]: s for s in steps}  # "naive", "limit", ...
    cold, naive, limit = steps[0], by_name["naive"], by_name["limit"]
    return {
        "notes": notes,
        "statements": statements,
        "relationships": relationships,
        "import_s": round(cold.seconds, 2),
        "import_rels_per_s": round(cold.rels_per_s),
        "import_notes_per_s": round(cold.notes_per_s),
        "baseline_rels_per_s": round(naive.rels_per_s),
        "baseline_median_ms": round(statistics.median(times) * 1000, 2),
        "limit_rels_per_s": round(limit.rels_per_s),
        "ratio_to_baseline": round(cold.rels_per_s / naive.rels_per_s, 2),
        "ratio_to_limit": round(cold.rels_per_s / limit.rels_per_s, 3),
        "noop_s": round(steps[1].seconds, 2),
        "noop_json_s": round(statistics.median(noops_json), 2),
        "one_edit_s": round(steps[2].seconds, 2),
        "one_add_s": round(steps[3].seconds, 2),
        "one_delete_s": round(steps[4].seconds, 2),
        "parse_notes_per_s": round(steps[5].notes_per_s),
        "peak_rss_mb": round(peak_rss_mb),
        "import_phases_s": cold_phases,
        "reimport_runs_s": {k: [round(x, 2) for x in v] for k, v in reimport_runs.items()},
        "bulk_rels_per_s": round(by_name["bulk"].rels_per_s) if "bulk" in by_name else None,
        "steps": [
            {
                "step": s.name,
                "notes": s.notes,
                "statements": s.statements,
                "seconds": round(s.seconds, 3),
                "notes_per_s": round(s.notes_per_s),
                "rels_per_s": round(s.rels_per_s),
            }
            for s in steps
        ],
    }


def print_table(result: dict[str, Any]) -> None:
    print(f"{'step':44} {'notes':>7} {'statements':>10} {'seconds':>9} {'notes/s':>8} {'rels/s':>8}")
    for s in result["steps"]:
        print(
            f"{s['step']:44} {s['notes']:>7} {s['statements']:>10} {s['seconds']:>9.2f} "
            f"{s['notes_per_s'] or '-':>8} {s['rels_per_s'] or '-':>8}"
        )
    print(
        f"relationships {result['relationships']}; ratio to baseline {result['ratio_to_baseline']}x; "
        f"ratio to limit {result['ratio_to_limit']}; onto import peak RSS {result['peak_rss_mb']} MB"
    )
    print(f"re-import with nothing changed, with --json: {result['noop_json_s']} s")
    runs = "; ".join(f"{k} {', '.join(map(str, v))}" for k, v in result["reimport_runs_s"].items())
    print(f"re-import runs (seconds; each step above is their median): {runs}")
    print("cold import, seconds by phase: " + ", ".join(f"{k} {v}" for k, v in result["import_phases_s"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=2000, help="statements the naive baseline runs")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--heap", default="4g", help="heap of the Neo4j the benchmark starts")
    parser.add_argument("--page-cache", default="4g", help="page cache of the Neo4j the benchmark starts")
    parser.add_argument("--wipe", action="store_true", help="allow replacing the data of NEO4J_URI's database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onto-bench-") as work:
        if os.environ.get("NEO4J_URI"):
            if not args.wipe:
                sys.exit("NEO4J_URI is set: pass --wipe to let the benchmark replace its data")
            result = benchmark(ConnectionSettings.load(), args.notes, args.seed, args.sample, Path(work))
        else:
            with throwaway_server(default_cache(), heap=args.heap, page_cache=args.page_cache) as config:
                settings = ConnectionSettings(uri=config.bolt_uri, password=config.password)
                result = benchmark(settings, args.notes, args.seed, args.sample, Path(work))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
