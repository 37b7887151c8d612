"""How a relationship name that the ontology does not list is understood: by rule, not by list.

Gardens grow names faster than an ontology can list them, and most new names are made of
parts the ontology already knows. A name is split into words (`TARGETS_BIOMARKER`,
`targetsBiomarker` and "Targets biomarker" alike) and read by these rules, in order; the
first that finds a declared type wins:

1. **as declared**: the name, an alias or an inverse (case and separators ignored);
2. **a kind of note at the end** names the linked note's type: `TARGETS_BIOMARKER` is TARGETS
   with a biomarker at the far end, `AFFECTED_BY_SUPPLEMENT` a supplement that AFFECTS;
3. **verb forms**: a passive (`REPRESSED_BY`, `MODULATED_BY`: the linked note is the one
   that acts), the base form, a gerund or a third person (`ACTIVATE`, `ACTIVATING`), an
   agent noun for the ones that act on the note (`Inhibitors`, `Activators`, `Modulators`);
4. **a heading that names a kind of note and what it does**: "Supplements Affecting BDNF",
   "Drugs That Block X" (the listed notes act on the note);
5. **a heading that names a kind of note only**, whatever else it says about it
   ("Neuroprotective Supplements", "Conditions with Elevated NfL"): the listed notes are
   associated with the note, as the ontology's association for that kind says (a declared
   name that is the kind's plural, such as `Conditions`, else `association`). No sign and
   no clinical claim is read into a heading's adjectives.

What none of them reads stays undeclared and is reported, as before, with the closest name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ontology import RelationshipMatch

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_THAT = frozenset({"that", "which", "who"})
# Words that join a verb to its object ("correlates with", "contributes to"): kept in place.
_PREPOSITIONS = frozenset({"with", "to", "of", "for", "in", "from", "on", "into"})


def words(written: str) -> tuple[str, ...]:
    """The words of a name, lower case: separators, case changes and digits split them. In a
    heading (a name with spaces) a hyphen makes one word ("Disease-Modifying Approaches")."""
    if " " in written.strip():  # words are spaced: case changes split nothing
        written = re.sub(r"(?<=\w)-(?=\w)", "", written.lower())
    return tuple(w.lower() for w in _WORD.findall(written))


def third_person(word: str) -> list[str]:
    """The forms of a verb the ontology writes its names in ("activates") that `word` may be
    another form of: a participle, a gerund, the base form, an agent noun, a plural."""
    forms: list[str] = []

    def stem(s: str) -> None:
        forms.extend((s + "s", s + "es", s + "es" if s.endswith("e") else s + "es"))
        if s.endswith("y"):
            forms.append(s[:-1] + "ies")

    if word.endswith("ies") or word.endswith("s"):
        forms.append(word)
    for suffix in ("ied", "ying"):
        if word.endswith(suffix):
            forms.append(word[: -len(suffix)] + "ies")
    for suffix in ("ed", "ing", "d", "ion", "ions"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            stem(base)
            stem(base + "e")
            if len(base) > 2 and base[-1] == base[-2]:  # "mapped" -> "map"
                stem(base[:-1])
    stem(word)
    return list(dict.fromkeys(f for f in forms if f != word or word.endswith("s")))


def agent_verbs(word: str) -> list[str]:
    """The verb an agent noun in the plural names ("inhibitors" -> "inhibits"), else []."""
    if not (word.endswith("ors") or word.endswith("ers")) or len(word) < 6:
        return []
    base = word[:-3]
    return list(dict.fromkeys((base + "s", base + "es", base + "es" if base.endswith("e") else base + "s")))


@dataclass(frozen=True)
class Reading:
    """A name read by rule: the declared type, which way round, the linked note's kind."""

    match: RelationshipMatch
    hint: str | None  # an entity type key for the linked note, or None
    rule: str  # which rule read it, for the report


class NameReader:
    """Reads relationship names by the rules above, against one ontology's names."""

    def __init__(
        self,
        declared: Callable[[str], RelationshipMatch | None],
        kinds: Iterable[tuple[str, str]],
        association: RelationshipMatch | None,
    ) -> None:
        """`declared` looks a name up as declared; `kinds` are (name of a kind of note, entity
        type key) pairs, its key, label and aliases; `association` is what a heading naming
        only a kind says when the ontology has no name for that kind's plural."""
        self._declared = declared
        self._association = association
        self._kinds: dict[tuple[str, ...], str] = {}
        for name, key in kinds:
            phrase = words(name)
            if phrase:
                for form in _plurals(phrase):
                    self._kinds.setdefault(form, key)
        self._longest = max((len(k) for k in self._kinds), default=1)

    def read(self, written: str) -> Reading | None:
        said = words(written)
        if not said:
            return None
        for rule in (self._kind_at_end, self._verb, self._kind_acting, self._kind_only):
            found = rule(said)
            if found is not None:
                return found
        return None

    # --- the rules ---------------------------------------------------------------------
    def _as_declared(self, said: tuple[str, ...]) -> RelationshipMatch | None:
        return self._declared("_".join(said))

    def _kind(self, phrase: tuple[str, ...]) -> str | None:
        return self._kinds.get(phrase)

    def _kind_at_end(self, said: tuple[str, ...]) -> Reading | None:
        for n in range(min(self._longest, len(said) - 1), 0, -1):
            kind = self._kind(said[-n:])
            if kind is None:
                continue
            rest = said[:-n]
            match = self._as_declared(rest)
            if match is not None:
                return Reading(match, kind, "a kind of note at the end")
            verb = self._verb(rest)
            if verb is not None:
                return Reading(verb.match, kind, f"{verb.rule}, a kind of note at the end")
        return None

    def _verb(self, said: tuple[str, ...]) -> Reading | None:
        if said[-1] == "by" and len(said) >= 2:  # a passive: the linked note acts
            for active in self._forms(said[:-1]):
                return Reading(_turned(active), None, "a passive")
            return None
        for form in self._forms(said):
            return Reading(form, None, "a verb form")
        if len(said) == 1:  # "Inhibitors": the listed notes act on the note
            for verb in agent_verbs(said[0]):
                agent = self._as_declared((verb,))
                if agent is not None:
                    return Reading(_turned(agent), None, "an agent noun")
        return None

    def _forms(self, said: tuple[str, ...]) -> Iterable[RelationshipMatch]:
        """Declared types that `said` names in another form of its verb (the first word that is
        no preposition, or the last)."""
        for at in range(len(said)):
            if said[at] in _PREPOSITIONS:
                continue
            for form in third_person(said[at]):
                match = self._as_declared((*said[:at], form, *said[at + 1 :]))
                if match is not None:
                    yield match
            return

    def _kinds_in(self, said: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """(start, end, kind) of each kind of note named in `said`, longest first."""
        found = []
        at = 0
        while at < len(said):
            for n in range(min(self._longest, len(said) - at), 0, -1):
                kind = self._kind(said[at : at + n])
                if kind is not None:
                    found.append((at, at + n, kind))
                    at += n
                    break
            else:
                at += 1
        return found

    def _kind_acting(self, said: tuple[str, ...]) -> Reading | None:
        kinds = self._kinds_in(said)
        if not kinds or kinds[0][0] != 0:
            return None
        start, end, kind = kinds[0]
        rest = said[end:]
        if rest[:1] and rest[0] in _THAT:
            rest = rest[1:]
        for n in range(len(rest), 0, -1):  # the verb and what follows it, up to the note's name
            verb = self._verb(rest[:n]) if rest[:n][-1:] != ("by",) else None
            if verb is not None and verb.rule == "a verb form":
                return Reading(_turned(verb.match), kind, "a kind of note and what it does")
        return None

    def _kind_only(self, said: tuple[str, ...]) -> Reading | None:
        kinds = {kind for _, _, kind in self._kinds_in(said)}
        if len(kinds) != 1:
            return None
        (kind,) = kinds
        start, end, _ = self._kinds_in(said)[0]
        match: RelationshipMatch | None = self._as_declared(said[start:end]) or self._association
        if match is None:
            return None
        return Reading(match, kind, "a kind of note")


def _turned(match: RelationshipMatch) -> RelationshipMatch:
    return match if match.type.symmetric else replace(match, reversed=not match.reversed)


def _plurals(phrase: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = phrase[-1]
    forms = [last, last + "s", last + "es"]
    if last.endswith("y"):
        forms.append(last[:-1] + "ies")
    if last.endswith("s"):
        forms.append(last[:-1])
    return [(*phrase[:-1], form) for form in forms]
