"""Save-to-graph lag of `onto watch`: from a note written to its new fact in Neo4j.

    python bench/watch.py --notes 1000 20000 [--edits 10] [--json]

For each size: writes a synthetic garden (bench/generate.py), starts a Neo4j of its own,
runs `onto watch` on the garden as a user runs it (a subprocess), waits for its first sync,
then, one at a time, appends a new fact to a note (a link to a note nobody wrote) and polls
the database every 20 ms until the fact is there. Prints the median and slowest lag of the
edits, and how long the first sync took. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importer"))
from onto.server import default_cache  # noqa: E402
from onto.server.throwaway import throwaway_server  # noqa: E402

ONTO = Path(sys.executable).parent / "onto"
FACT = "MATCH (:Entity {file: $file})-[r:ACTIVATES]->(:Entity {id: $target}) RETURN count(r) AS n"


def lag(notes: int, edits: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="onto-watch-bench-") as scratch:
        root = Path(scratch) / "garden"
        generate(root, notes, seed)
        # Notes whose type ACTIVATES may come from, so the new fact is stored as written.
        files = sorted(p for kind in ("gene", "protein", "hormone") for p in (root / kind).glob("*.md"))
        rng = random.Random(seed)
        with throwaway_server(default_cache(), heap="2g", page_cache="1g") as config:
            env = {
                **os.environ, "NEO4J_URI": config.bolt_uri, "NEO4J_PASSWORD": config.password,
                "ONTO_CACHE": str(Path(scratch) / "cache"),
            }  # fmt: skip
            started = time.perf_counter()
            watching = subprocess.Popen(
                [ONTO, "watch", str(root), "--garden", "bench"], env=env, stdout=subprocess.PIPE, text=True
            )
            assert watching.stdout is not None
            first = watching.stdout.readline()  # "watching ..."
            first = watching.stdout.readline()  # the first sync
            first_sync_s = time.perf_counter() - started
            assert "synced" in first, first
            print(f"{notes} notes: first sync {first_sync_s:.1f} s", file=sys.stderr, flush=True)
            lags = []
            with neo4j.GraphDatabase.driver(config.bolt_uri, auth=("neo4j", config.password)) as driver:
                for n in range(edits):
                    note = rng.choice(files)
                    target = f"Watch Bench Target {n}"
                    key = f"stub:watchbenchtarget{n}"
                    file = note.relative_to(root).as_posix()
                    text = note.read_text(encoding="utf-8") + f"\nACTIVATES:: [[{target}]]\n"
                    saved = time.perf_counter()
                    note.write_text(text, encoding="utf-8")
                    while driver.execute_query(FACT, file=file, target=key).records[0]["n"] == 0:
                        if time.perf_counter() - saved > 60:
                            raise SystemExit(f"{file}: the new fact never reached the graph")
                        time.sleep(0.02)
                    lags.append(time.perf_counter() - saved)
                    watching.stdout.readline()  # its line, so the pipe never fills
                    time.sleep(0.5)  # one save at a time
            watching.send_signal(signal.SIGTERM)  # SIGINT is ignored when this runs in the background of a script
            watching.wait(timeout=60)
    return {
        "notes": notes,
        "edits": edits,
        "first_sync_s": round(first_sync_s, 2),
        "lag_median_s": round(statistics.median(lags), 3),
        "lag_slowest_s": round(max(lags), 3),
        "lags_s": [round(x, 3) for x in lags],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [lag(notes, args.edits, args.seed) for notes in args.notes]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'notes':>7} {'first sync s':>13} {'lag median s':>13} {'lag slowest s':>14}")
    for r in results:
        print(f"{r['notes']:>7} {r['first_sync_s']:>13} {r['lag_median_s']:>13} {r['lag_slowest_s']:>14}")


if __name__ == "__main__":
    main()
