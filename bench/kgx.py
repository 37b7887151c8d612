"""Loading a large KGX graph: `onto import-kg` on a generated graph of a million edges.

    python bench/kgx.py --edges 1000000 [--nodes 100000] [--seed 1] [--json]

Writes KGX JSON Lines (nodes of the ontology's Biolink categories, edges of the predicates
and qualifiers public graphs use most: affects with an aspect and a direction, treats,
associated_with, interacts_with, has_phenotype), starts a Neo4j of its own, and runs
`onto import-kg` as a user runs it (a subprocess, its peak RSS recorded): a first load,
then the same files again (every row compared and merged). Prints edges per second of each.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importer"))
from onto.ontology import load_ontology  # noqa: E402
from onto.server import default_cache  # noqa: E402
from onto.server.throwaway import throwaway_server  # noqa: E402

ONTO = Path(sys.executable).parent / "onto"
PREDICATES: list[dict[str, Any]] = [
    {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes", "object_aspect_qualifier": "activity",
     "object_direction_qualifier": "increased"},
    {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes", "object_aspect_qualifier": "activity",
     "object_direction_qualifier": "decreased"},
    {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes",
     "object_aspect_qualifier": "activity_or_abundance", "object_direction_qualifier": "increased"},
    {"predicate": "biolink:treats"},
    {"predicate": "biolink:associated_with"},
    {"predicate": "biolink:interacts_with"},
    {"predicate": "biolink:has_phenotype"},
]  # fmt: skip


def generate(folder: Path, nodes: int, edges: int, seed: int) -> None:
    rng = random.Random(seed)
    categories = sorted({t.biolink for t in load_ontology().entity_types})
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "nodes.jsonl").open("w", encoding="utf-8") as handle:
        for n in range(nodes):
            record = {"id": f"BENCH:{n}", "category": [rng.choice(categories)], "name": f"Bench entity {n}"}
            handle.write(json.dumps(record) + "\n")
    seen: set[tuple[int, int, int]] = set()
    with (folder / "edges.jsonl").open("w", encoding="utf-8") as handle:
        while len(seen) < edges:
            # Hubs as in real graphs: a fifth of the edges start at one of the first 1% of nodes.
            subject = rng.randrange(nodes // 100) if rng.random() < 0.2 else rng.randrange(nodes)
            key = (subject, rng.randrange(nodes), rng.randrange(len(PREDICATES)))
            if key in seen or key[0] == key[1]:
                continue
            seen.add(key)
            record = {
                "id": f"BENCH:e{len(seen)}", "subject": f"BENCH:{key[0]}", "object": f"BENCH:{key[1]}",
                **PREDICATES[key[2]], "knowledge_level": "knowledge_assertion", "agent_type": "manual_agent",
                "primary_knowledge_source": "infores:onto-bench",
            }  # fmt: skip
            handle.write(json.dumps(record) + "\n")


def load(folder: Path, env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    args = [ONTO, "import-kg", folder / "nodes.jsonl", folder / "edges.jsonl", "--source", "bench", "--json"]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onto-kgx-bench-") as scratch:
        folder = Path(scratch) / "kg"
        started = time.perf_counter()
        generate(folder, args.nodes, args.edges, args.seed)
        generated_s = time.perf_counter() - started
        with throwaway_server(default_cache(), heap="4g", page_cache="4g") as config:
            env = {**os.environ, "NEO4J_URI": config.bolt_uri, "NEO4J_PASSWORD": config.password}
            first_s, first = load(folder, env)
            again_s, again = load(folder, env)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    result = {
        "nodes": args.nodes, "edges": args.edges, "relationships": first["relationships"],
        "generate_s": round(generated_s, 1), "first_load_s": round(first_s, 2),
        "first_edges_per_s": round(args.edges / first_s), "first_phases": first["changes"]["seconds"],
        "reload_s": round(again_s, 2), "reload_edges_per_s": round(args.edges / again_s),
        "reload_phases": again["changes"]["seconds"], "peak_rss_mb": peak_mb,
    }  # fmt: skip
    print(json.dumps(result, indent=2) if args.json else "\n".join(f"{k:20} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
