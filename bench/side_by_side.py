"""Two commits' cold imports of one garden, side by side: each in a fresh server of its own,
alternating, so that both see the same machine.

    python bench/side_by_side.py OLD_COMMIT NEW_COMMIT [--notes 20000] [--rounds 2] [--seed 1]

Checks each commit out in a temporary git worktree and runs `python -m onto import --json`
of it (this venv's packages, that commit's code and ontology) on a synthetic garden
(bench/generate.py). Prints one JSON line per import: its seconds in all and by phase.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "importer"))
from generate import generate  # noqa: E402

from onto.server import default_cache  # noqa: E402
from onto.server.throwaway import throwaway_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("commits", nargs=2)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onto-side-") as scratch:
        checkouts = {}
        for commit in args.commits:
            tree = Path(scratch) / f"tree-{commit}"
            subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", "-q", tree, commit], check=True)
            checkouts[commit] = tree
        try:
            garden = Path(scratch) / "garden"
            generate(garden, args.notes, args.seed)
            for round_ in range(1, args.rounds + 1):
                for commit, tree in checkouts.items():
                    with throwaway_server(default_cache(), heap="4g", page_cache="4g") as config:
                        env = {
                            **os.environ, "PYTHONPATH": str(tree / "importer"), "NEO4J_URI": config.bolt_uri,
                            "NEO4J_PASSWORD": config.password, "ONTO_CACHE": tempfile.mkdtemp(dir=scratch),
                        }  # fmt: skip
                        started = time.perf_counter()
                        done = subprocess.run(
                            [sys.executable, "-m", "onto", "import", str(garden), "--json"],
                            env=env, capture_output=True, text=True, check=True,
                        )  # fmt: skip
                        summary = json.loads(done.stdout)
                        row = {
                            "round": round_, "commit": commit, "wall_s": round(time.perf_counter() - started, 2),
                            "elapsed_s": summary["elapsed_s"], "relationships": summary["relationships"],
                            **summary["changes"]["seconds"],
                        }  # fmt: skip
                        print(json.dumps(row), flush=True)
        finally:
            for tree in checkouts.values():
                subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", tree], check=False)


if __name__ == "__main__":
    main()
