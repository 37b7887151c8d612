"""Write a synthetic garden that looks like the real ones, deterministic for a seed.

    python bench/generate.py OUT --notes 10000 [--seed 1]

The mix follows ../shared/gardens/seed-era as measured there: entity types in its
proportions; about 2 inline fields and 16 relationship-list items per note, each list item
with a YAML block; a third of the notes raw Markdown, the rest published HTML; a tenth of
the links to notes that do not exist; some statements written from the other side; a few
hubs that thousands of notes link to. As in a real garden, a note states only what the
ontology lets a note of its type state, about a note of a type the relationship allows
(a condition presents phenotypes, a lab test detects conditions).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from onto import load_ontology
from onto.ontology import Ontology

# Typed notes per type in seed-era.
TYPE_WEIGHTS = {
    "condition": 213, "labtest": 196, "biomarker": 129, "drug": 57, "supplement": 56, "protein": 48,
    "pathway": 35, "phenotype": 30, "organ": 28, "gene": 27, "intervention": 13, "examination": 11,
    "clinicalpattern": 9, "research": 9, "neurotransmitter": 7, "labtestpanel": 6, "cognitivefunction": 5,
    "hormone": 3, "cellularcomponent": 3, "metabolite": 1,
}  # fmt: skip
INLINE_TYPES = ["ACTIVATES", "INHIBITS", "ASSOCIATED_WITH_CONDITION", "TREATED_BY_DRUG", "AFFECTS_ORGAN",
                "ASSOCIATED_WITH_BIOMARKER", "ACTIVATED_BY", "CAUSED_BY", "REGULATES", "INCREASES"]  # fmt: skip
LIST_HEADINGS = ["Related", "Presentsphenotype", "Relatedtophenotype", "May Detect", "Relatedtofunction",
                 "Synergistic With", "Affects Organ", "Included In", "May Improve Condition",
                 "Interactswith"]  # fmt: skip


class Garden:
    def __init__(self, notes: int, seed: int, ontology: Ontology | None = None) -> None:
        self.rng = random.Random(seed)
        self.ontology = ontology or load_ontology()
        types = list(TYPE_WEIGHTS)
        self.types = self.rng.choices(types, weights=[TYPE_WEIGHTS[t] for t in types], k=notes)
        self.names = [f"{t.capitalize()} {i}" for i, t in enumerate(self.types)]
        self.missing = [f"Unwritten {i}" for i in range(max(1, notes // 2))]
        self.of_type: dict[str, list[int]] = {}
        for i, t in enumerate(self.types):
            self.of_type.setdefault(t, []).append(i)
        self._pools: dict[tuple[str, ...], list[int]] = {}

    def linked_types(self, written: str, note_type: str, outgoing: bool) -> tuple[str, ...] | None:
        """The types a link may have when a note of `note_type` states `written` (() = any), or
        None when the ontology does not let such a note state it."""
        match = self.ontology.relationship(written)
        if match is None:
            return ()
        note_is_subject = outgoing != match.reversed
        own, other = (match.type.domain, match.type.range) if note_is_subject else (match.type.range, match.type.domain)
        return None if own and note_type not in own else other

    def target(self, types: tuple[str, ...] = ()) -> tuple[str, str | None, str]:
        """(name, permalink or None, type) of a link target of one of `types` (() = any),
        skewed towards a few hubs."""
        if self.rng.random() < 0.1:
            return self.rng.choice(self.missing), None, "entity"
        pool = self._pool(types)
        if self.rng.random() < 0.5:  # half the links go anywhere, half to the hubs
            index = pool[self.rng.randrange(len(pool))]
        else:
            index = pool[min(int(self.rng.paretovariate(1.2)) - 1, len(pool) - 1)]
        return self.names[index], permalink(self.types[index], index), self.types[index]

    def _pool(self, types: tuple[str, ...]) -> list[int]:
        if types not in self._pools:
            pool = sorted(i for t in types for i in self.of_type.get(t, []))
            self._pools[types] = pool or list(range(len(self.names)))
        return self._pools[types]

    def anchor(self, name: str, link: str | None) -> str:
        if link is None:
            return f'<a class="internal-link is-unresolved" href="/404">{name}</a>'
        return f'<a href="{link}" class="internal-link">{name}</a>'

    def note(self, i: int) -> str:
        rng = self.rng
        raw = rng.random() < 1 / 3
        front = (
            f"---\ntitle: {self.names[i]}\ntype: {self.types[i]}\npermalink: {permalink(self.types[i], i)}\n"
            f"tags:\n- {self.types[i]}\n- generated\ndescription: Synthetic note {i} for benchmarks.\n---\n"
        )
        lines = [f"# {self.names[i]}", "", "Generated text that a parser must skip. " * 3, ""]
        note_type = self.types[i]
        inline = [(r, t) for r in INLINE_TYPES if (t := self.linked_types(r, note_type, True)) is not None]
        for _ in range(rng.choice([1, 2, 2, 3])):
            rel, types = rng.choice(inline)
            name, link, _ = self.target(types)
            value = f"[[{name}]]" if raw else self.anchor(name, link)
            lines.append(f"{rel}::{value} - annotation {rng.randrange(1000)}" + ("" if raw else "<br />"))
        lines.append("## Relationships" if raw else "<h2>Relationships</h2>")
        headings = [h for h in LIST_HEADINGS if any(self.linked_types(h, note_type, out) is not None for out in (1, 0))]
        for heading in rng.sample(headings, min(3, len(headings))):
            lines.append(f"### {heading}" if raw else f"<h3>{heading}</h3>")
            for _ in range(rng.randint(3, 8)):
                outgoing = rng.random() < 2 / 3
                types = self.linked_types(heading, note_type, outgoing)
                if types is None:
                    outgoing = not outgoing
                    types = self.linked_types(heading, note_type, outgoing)
                name, link, kind = self.target(types or ())
                arrow = "→" if outgoing else "←"
                level, day = rng.randint(1, 5), rng.randint(10, 28)
                yaml = f"source: PrimeKG\nevidence_level: {level}\nlast_modified: '2026-01-{day}'"
                if raw:
                    lines += [f"- {arrow} [[{name}]] ({kind})", "```yaml", yaml, "```"]
                else:
                    lines += [f"<ul>\n<li>{arrow} {self.anchor(name, link)} ({kind})</li>\n</ul>",
                              f'<pre><code class="language-yaml">{yaml}\n</code></pre>']  # fmt: skip
        body = "\n".join(lines) + "\n"
        return front + (body if raw else "{% raw %}\n" + body + "{% endraw %}\n")


def permalink(type_: str, index: int) -> str:
    return f"/garden/bench/{type_}/{type_}-{index}/"


def generate(root: Path, notes: int, seed: int = 1) -> None:
    garden = Garden(notes, seed)
    for i, type_ in enumerate(garden.types):
        folder = root / type_
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{type_}-{i}.md").write_text(garden.note(i), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.notes, args.seed)
    print(f"wrote {args.notes} notes under {args.out}")


if __name__ == "__main__":
    main()
