"""Time every library query on an imported garden: median and slowest of repeated warm runs.

    python bench/queries.py [--garden ../shared/gardens/seed-era] [--runs 20]

Uses the Neo4j that NEO4J_URI names (its data is replaced: --wipe must be given), or else
starts its own on free ports in a temporary folder. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from onto import ConnectionSettings, Neo4jWriter, import_garden, load_ontology
from onto.queries import load_library, run_read
from onto.server import default_cache
from onto.server.throwaway import throwaway_server

ROOT = Path(__file__).resolve().parents[1]


def bench(settings: ConnectionSettings, garden: Path, runs: int) -> None:
    with settings.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        summary = import_garden(garden, Neo4jWriter(driver), load_ontology())
        print(f"{garden.name}: {summary.entities} notes, {summary.relationships} relationships, {summary.stubs} stubs")
        print(f"{'query':26} {'rows':>5} {'median ms':>10} {'slowest ms':>11}")
        for query in load_library().values():
            for _ in range(3):  # warm the plan cache and the page cache
                run_read(driver, query.text, query.params)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                _, rows = run_read(driver, query.text, query.params)
                times.append((time.perf_counter() - started) * 1000)
            print(f"{query.name:26} {len(rows):>5} {statistics.median(times):>10.1f} {max(times):>11.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--garden", type=Path, default=ROOT.parent / "shared" / "gardens" / "seed-era")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--wipe", action="store_true", help="allow replacing the data of NEO4J_URI's database")
    args = parser.parse_args()
    if os.environ.get("NEO4J_URI"):
        if not args.wipe:
            sys.exit("NEO4J_URI is set: pass --wipe to let the benchmark replace its data")
        bench(ConnectionSettings.load(), args.garden, args.runs)
        return
    with throwaway_server(default_cache(), heap="1g", page_cache="512m") as config:
        bench(ConnectionSettings(uri=config.bolt_uri, password=config.password), args.garden, args.runs)


if __name__ == "__main__":
    main()
