"""What a node or relationship that several gardens describe shows: one rule, whatever the order of imports.

A node or relationship one garden describes holds what that garden says, as it always did.
One that several gardens describe also keeps each garden's say, as JSON text in `said`
(beside `said_by`, the gardens in order of name), and shows their merge:

* a garden whose note describes the node counts first, then a knowledge graph that has it
  (`onto import-kg`: a node a note describes is the analyst's own), then gardens that only
  link to it, which count only when nobody else describes it (a stub's name and type are
  guesses from links); at each rank, gardens in order of name;
* a value only one of them gives is shown; where several give one, the first garden's,
  except lists (`aliases`, `tags`, `keys`, `stated_as`...), which join, and a relationship's
  `statements`, which add up, and its `annotation`s, which join;
* `sources` lists every garden's notes, `gardens` every garden.

When a garden no longer describes it, the others' says are shown again, from `said`: no
import of theirs is needed, and none would come (their notes did not change).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Properties the writer keeps for itself: never part of a garden's say.
BOOKKEEPING = frozenset({"sources", "gardens", "said", "said_by"})
_JOINED_TEXT = {"annotation": "; "}
_ADDED = frozenset({"statements"})


@dataclass(frozen=True)
class Say:
    """What one garden says of a node (its properties and labels) or of a relationship."""

    properties: dict[str, Any]
    labels: tuple[str, ...] = field(default=())

    @property
    def rank(self) -> int:
        """0: a note describes it; 1: a knowledge graph does; 2: links guess it (a stub)."""
        if self.properties.get("stub") is True:
            return 2
        return 1 if "knowledge_graph" in self.properties else 0

    def to_json(self) -> str:
        value = {"labels": list(self.labels), "properties": self.properties}
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    @classmethod
    def from_json(cls, text: str) -> Say:
        value = json.loads(text)
        return cls(dict(value["properties"]), tuple(value["labels"]))


def stored_says(properties: Mapping[str, Any], labels: Iterable[str], gardens: Iterable[str]) -> dict[str, Say]:
    """The says an element holds: from `said` when several gardens described it; else its own
    properties and labels are the say of the garden (or gardens) that wrote it."""
    if "said_by" in properties:
        return {g: Say.from_json(s) for g, s in zip(properties["said_by"], properties["said"], strict=True)}
    own = Say({k: v for k, v in properties.items() if k not in BOOKKEEPING}, tuple(sorted(set(labels) - {"Entity"})))
    return dict.fromkeys(gardens, own)


def merged(says: Mapping[str, Say]) -> Say:
    """The say shown for these gardens' says (see the module's rules)."""
    ordered = sorted((says[g] for g in sorted(says)), key=lambda say: say.rank)  # stable: by name within a rank
    counted = [s for s in ordered if s.rank < 2] or ordered
    shown: dict[str, Any] = {}
    for say in counted:
        for key, value in say.properties.items():
            if key not in shown:
                shown[key] = list(value) if isinstance(value, list) else value
            elif key in _ADDED and isinstance(value, int) and isinstance(shown[key], int):
                shown[key] += value
            elif key in _JOINED_TEXT and isinstance(value, str) and isinstance(shown[key], str):
                if value not in shown[key].split(_JOINED_TEXT[key]):
                    shown[key] = f"{shown[key]}{_JOINED_TEXT[key]}{value}"
            elif isinstance(value, list) and isinstance(shown[key], list):
                shown[key] += [v for v in value if v not in shown[key]]
    if shown.get("aliases"):
        shown["alias_text"] = "; ".join(shown["aliases"])  # the full-text index reads this text, not the list
    return Say(shown, counted[0].labels)


def shared_properties(says: Mapping[str, Say], sources: Iterable[str], node: bool) -> tuple[dict[str, Any], Say]:
    """Everything an element of these says holds: the merge, the says, and the bookkeeping.
    With one say left it holds that say alone, as an element one garden wrote."""
    shown = merged(says)
    properties = {**shown.properties, "sources": sorted(sources)}
    if node:
        properties["gardens"] = sorted(says)
    if len(says) > 1:
        properties["said_by"] = sorted(says)
        properties["said"] = [says[g].to_json() for g in sorted(says)]
    return properties, shown
