"""Time every library query, for three kinds of parameters: median and slowest of warm runs.

    python bench/queries.py                      # seed-era (../shared/gardens/seed-era)
    python bench/queries.py --notes 20000        # a synthetic garden of 20,000 notes (bench/generate.py)
    python bench/queries.py --garden PATH [--runs 10] [--json]

Imports the garden into a Neo4j of its own (free ports, a temporary folder; or the one
NEO4J_URI names, whose data is replaced: --wipe must be given), then runs each query of the
library through `onto query`'s read path (an EXPLAIN that checks it only reads, then the
query, with a timeout) with the parameters of each kind:

* `hub`: for each name a query takes, the most connected entity of the type its example
  names (net-effect's `a => 'IGF-1'` is a hormone: the hormone with the most relationships);
* `median`: the entity of that type with the median number of relationships;
* `none`: for a question about two entities, a pair with no path (the hub, and an entity of
  the second type that no signed fact reaches); for one entity, a name that matches nothing.

Queries without parameters run once per kind's place, as `all`. Every other parameter keeps
its default. Prints a table, or with --json one object. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from onto import ConnectionSettings, Neo4jWriter, import_garden, load_ontology, scan_garden  # noqa: E402
from onto.queries import LibraryQuery, QueryFailed, bind, load_library, run_read  # noqa: E402
from onto.server import default_cache  # noqa: E402
from onto.server.throwaway import throwaway_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120.0
BY_DEGREE = (
    "MATCH (e:Entity) WHERE e.stub IS NULL AND coalesce($type, e.type) = e.type "
    "WITH e ORDER BY COUNT { (e)--() } DESC, e.name RETURN collect(e.name) AS names"
)
COUNTS = (
    "MATCH (e:Entity) WHERE e.stub IS NULL WITH count(e) AS notes "
    "MATCH (:Entity)-[r]->(:Entity) RETURN notes, count(r) AS relationships"
)
UNREACHED = (
    "MATCH (e:Entity) WHERE e.stub IS NULL AND coalesce($type, e.type) = e.type "
    "AND NOT EXISTS { (e)<-[s]-() WHERE s.sign IS NOT NULL } AND NOT e.name IN $taken "
    "RETURN e.name AS name ORDER BY e.name LIMIT 1"
)


@dataclass
class Timing:
    query: str
    kind: str
    params: dict[str, Any]
    rows: int
    total: int | None  # the query's own `total` column: rows before the limit
    median_ms: float | None
    slowest_ms: float | None
    error: str | None = None


def example_types() -> dict[str, str]:
    """The type of each entity of the example garden, by name: what a query's example names."""
    scan = scan_garden(ROOT / "examples" / "garden", load_ontology())
    return {str(n.properties["name"]): str(n.properties.get("type")) for n in scan.graph.nodes}


def kinds(driver: neo4j.Driver, query: LibraryQuery, types: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The parameters of each kind for this query (see the module's docstring). A name whose example
    is no entity of the example garden (find-entity's) is of any type."""
    names = [k for k, v in query.params.items() if isinstance(v, str)]
    defaults = {k: v for k, v in query.params.items() if k in query.optional}
    if not names:
        return {"all": defaults}
    picked: dict[str | None, int] = {}  # two names of one type get its first and second entity
    hub, median = {}, {}
    for key in names:
        entity_type = types.get(query.params[key])
        records, _, _ = driver.execute_query(BY_DEGREE, type=entity_type)
        ranked = records[0]["names"] or [query.params[key]]
        nth = picked[entity_type] = picked.get(entity_type, -1) + 1
        hub[key] = ranked[min(nth, len(ranked) - 1)]
        median[key] = ranked[min(len(ranked) // 2 + nth, len(ranked) - 1)]
    if len(names) > 1:
        records, _, _ = driver.execute_query(
            UNREACHED, type=types.get(query.params[names[-1]]), taken=list(hub.values())
        )
        none = {**hub, names[-1]: records[0]["name"] if records else "no such entity"}
    else:
        none = {names[0]: "no such entity at all"}
    chosen = {"hub": hub, "median": median, "none": none}
    return {kind: {**query.params, **defaults, **values} for kind, values in chosen.items()}


def time_query(driver: neo4j.Driver, query: LibraryQuery, kind: str, params: dict[str, Any], runs: int) -> Timing:
    text, params = bind(query, params)
    try:
        for _ in range(2):  # the plan cache and the page cache
            run_read(driver, text, params, timeout=TIMEOUT_S)
        times, rows = [], []
        for _ in range(runs):
            started = time.perf_counter()
            _, rows = run_read(driver, text, params, timeout=TIMEOUT_S)
            times.append((time.perf_counter() - started) * 1000)
    except QueryFailed as exc:
        return Timing(query.name, kind, params, 0, None, None, None, str(exc))
    total = rows[0].get("total") if rows and isinstance(rows[0].get("total"), int) else None
    return Timing(query.name, kind, params, len(rows), total, statistics.median(times), max(times))


def bench(settings: ConnectionSettings, garden: Path, runs: int, as_json: bool, imported: bool = False) -> None:
    with settings.driver() as driver:
        if not imported:
            with driver.session(database=settings.database) as session:
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
            with tempfile.TemporaryDirectory() as state:
                import_garden(garden, Neo4jWriter(driver, settings.database), load_ontology(), state_dir=Path(state))
        records, _, _ = driver.execute_query(COUNTS, database_=settings.database)
        notes, relationships = records[0]["notes"], records[0]["relationships"]
        types = example_types()
        timings = [
            time_query(driver, query, kind, params, runs)
            for query in load_library().values()
            for kind, params in kinds(driver, query, types).items()
        ]
    head = {"garden": garden.name, "notes": notes, "relationships": relationships, "runs": runs}
    if as_json:
        print(json.dumps({**head, "timings": [asdict(t) for t in timings]}, indent=1))
        return
    print(f"{garden.name}: {notes} notes, {relationships} relationships; medians of {runs} warm runs")
    print(f"{'query':24} {'kind':6} {'rows':>5} {'total':>7} {'median ms':>10} {'slowest ms':>11}  parameters")
    for t in timings:
        names = ", ".join(f"{k}={v}" for k, v in t.params.items() if k in ("name", "a", "b"))
        if t.error:
            print(f"{t.query:24} {t.kind:6} {'':>5} {'':>7} {'failed':>10} {'':>11}  {names}: {t.error}")
            continue
        total = "" if t.total is None else t.total
        print(f"{t.query:24} {t.kind:6} {t.rows:>5} {total:>7} {t.median_ms:>10.1f} {t.slowest_ms:>11.1f}  {names}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--garden", type=Path, default=ROOT.parent / "shared" / "gardens" / "seed-era")
    parser.add_argument("--notes", type=int, help="generate a synthetic garden of this many notes instead")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--heap", default="4g", help="heap of the Neo4j the benchmark starts")
    parser.add_argument("--page-cache", default="2g", help="page cache of the Neo4j the benchmark starts")
    parser.add_argument("--wipe", action="store_true", help="allow replacing the data of NEO4J_URI's database")
    parser.add_argument("--imported", action="store_true", help="NEO4J_URI already holds the garden: query it as it is")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onto-bench-") as folder:
        garden = args.garden
        if args.notes:
            garden = Path(folder) / f"synthetic-{args.notes}"
            generate(garden, args.notes, args.seed)
        if os.environ.get("NEO4J_URI"):
            if not (args.wipe or args.imported):
                sys.exit("NEO4J_URI is set: pass --wipe to let the benchmark replace its data, or --imported")
            bench(ConnectionSettings.load(), garden, args.runs, args.json, imported=args.imported)
            return
        with throwaway_server(default_cache(), heap=args.heap, page_cache=args.page_cache) as config:
            bench(ConnectionSettings(uri=config.bolt_uri, password=config.password), garden, args.runs, args.json)


if __name__ == "__main__":
    main()
