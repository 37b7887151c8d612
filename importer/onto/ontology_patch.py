"""`onto ontology suggest` and `onto ontology apply`: the ontology grows with the garden.

`suggest` reads a garden and writes a patch: every relationship name that neither the
ontology nor its rules read (relationship_names.py), with how often and where it is
written, proposed as an alias of the closest declared type or as a new type whose domain
and range are the kinds of note it joins. The analyst edits the patch; `apply` writes it
into `relationship_types.yaml`, changing its text only where the patch says, and only when
the ontology it gives loads.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .identifiers import relationship_type_name
from .ontology import Ontology, OntologyError, load_ontology
from .pipeline import scan_garden
from .resolve import id_type
from .yaml_text import YAMLError, load_yaml

_EXAMPLES = 3


@dataclass
class Unread:
    """A relationship name the ontology does not read, as a garden writes it."""

    names: Counter[str] = field(default_factory=Counter)  # spellings, by statements
    places: list[str] = field(default_factory=list)  # file:line
    subjects: Counter[str] = field(default_factory=Counter)  # kinds of the notes that state it
    objects: Counter[str] = field(default_factory=Counter)  # kinds of the notes it links to

    @property
    def statements(self) -> int:
        return sum(self.names.values())


def unread_names(garden: Path, ontology: Ontology) -> dict[str, Unread]:
    """The names of `garden` that nothing in the ontology reads, by the type name they are
    imported under, most written first."""
    scan = scan_garden(garden, ontology)
    found: dict[str, Unread] = defaultdict(Unread)
    for note in scan.parsed:
        for st in note.statements:
            if st.written_type is None or ontology.relationship(st.written_type) is not None:
                continue
            unread = found[relationship_type_name(st.written_type)]
            unread.names[st.written_type] += 1
            unread.places.append(f"{st.file}:{st.line}")
    for rel in scan.graph.relationships:
        joined = found.get(rel.type) if rel.properties.get("undeclared_type") else None
        if joined is not None:
            for end, kinds in ((rel.source, joined.subjects), (rel.target, joined.objects)):
                kind = id_type(end)
                if kind is not None and ontology.entity_type_by_key(kind) is not None:
                    kinds[kind] += 1
    return dict(sorted(found.items(), key=lambda kv: (-kv[1].statements, kv[0])))


def suggestion(garden: Path, ontology: Ontology) -> str:
    """The patch, as YAML text with comments, for a person to edit and `apply`."""
    unread = unread_names(garden, ontology)
    aliases: dict[str, list[tuple[str, Unread]]] = defaultdict(list)
    new: list[tuple[str, Unread]] = []
    for type_name, one in unread.items():
        written = one.names.most_common(1)[0][0]
        closest = ontology.suggest_relationship(written)
        if closest is not None:
            aliases[closest].append((written, one))
        else:
            new.append((type_name, one))
    statements = sum(u.statements for u in unread.values())
    out = [
        f"# onto ontology suggest {garden.name}: {len(unread)} relationship names that neither the",
        f"# ontology nor its rules read, in {statements} statements.",
        "# Edit this file: keep a name under add_aliases (the same direction as the type) or move it",
        "# to add_inverse_aliases (written from the other side); give each new type its description,",
        "# sign or clinical_effect if it has one, and check its domain and range; delete what you",
        "# do not want. Then: onto ontology apply THIS_FILE",
        "add_aliases:" + ("" if aliases else " {}"),
    ]
    for type_name, spellings in sorted(aliases.items()):
        out.append(f"  {type_name}:  # the closest declared name")
        out += [f"    - {json.dumps(w, ensure_ascii=False)}  # {_where(u)}" for w, u in spellings]
    out.append("add_inverse_aliases: {}")
    out.append("new_types:" + ("" if new else " []"))
    for type_name, one in new:
        written_as = [json.dumps(w, ensure_ascii=False) for w, _ in one.names.most_common()]
        out += [
            f"  - name: {type_name}  # {_where(one)}",
            '    description: ""',
            f"    domain: [{', '.join(sorted(one.subjects))}]  # the kinds of note that state it",
            f"    range: [{', '.join(sorted(one.objects))}]  # the kinds of note it links to",
            f"    aliases: [{', '.join(written_as)}]",
        ]
    return "\n".join(out) + "\n"


def _where(unread: Unread) -> str:
    times = f"{unread.statements} statement{'s' if unread.statements != 1 else ''}"
    return f"{times}, e.g. {', '.join(unread.places[:_EXAMPLES])}"


class PatchError(Exception):
    """A patch that is not what `suggest` writes, or that would leave the ontology broken."""


def apply_patch(patch_file: Path, ontology_dir: Path) -> tuple[int, int]:
    """Write the patch into `ontology_dir/relationship_types.yaml`: (names, types) added. The
    file's text changes only where the patch says (its comments, anchors and layout stay),
    and it is replaced only once the ontology it makes loads."""
    try:
        patch = load_yaml(patch_file.read_text(encoding="utf-8")) or {}
    except (OSError, YAMLError) as error:
        raise PatchError(f"{patch_file}: {error}") from error
    if not isinstance(patch, dict) or set(patch) - {"add_aliases", "add_inverse_aliases", "new_types"}:
        raise PatchError(f"{patch_file}: expected add_aliases, add_inverse_aliases and new_types")
    target = ontology_dir / "relationship_types.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    added = 0
    for section, key in (("add_aliases", "aliases"), ("add_inverse_aliases", "inverse_aliases")):
        for type_name, names in (patch.get(section) or {}).items():
            added += _add_names(lines, str(type_name), key, [str(n) for n in names or []], patch_file)
    new_types = patch.get("new_types") or []
    if not isinstance(new_types, list) or not all(isinstance(t, dict) and t.get("name") for t in new_types):
        raise PatchError(f"{patch_file}: new_types: a list of types, each with a name")
    for entry in new_types:
        lines += ["", *(_entry_lines(entry))]
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as scratch:  # the ontology as it would be, loaded first
        trial = Path(scratch) / "ontology"
        shutil.copytree(ontology_dir, trial)
        (trial / "relationship_types.yaml").write_text(text, encoding="utf-8")
        try:
            load_ontology(trial)
        except OntologyError as error:
            raise PatchError(f"{patch_file}: the ontology would not load: {error}") from error
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    return added, len(new_types)


_ITEM = re.compile(r"^(\s*)- name:\s*(\S+)")


def _add_names(lines: list[str], type_name: str, key: str, names: list[str], patch_file: Path) -> int:
    """Add names to a type's `aliases: [...]` (or `inverse_aliases`) flow list, on one line or
    more, or add that line."""
    start = next((i for i, line in enumerate(lines) if (m := _ITEM.match(line)) and m.group(2) == type_name), None)
    if start is None:
        raise PatchError(f"{patch_file}: {type_name} is no declared type")
    indent = len(lines[start]) - len(lines[start].lstrip()) + 2
    end = next((i for i in range(start + 1, len(lines)) if _ITEM.match(lines[i]) or not lines[i].strip()), len(lines))
    opening = next((i for i in range(start, end) if lines[i].strip().startswith(f"{key}:")), None)
    if opening is None:
        lines.insert(end, f"{' ' * indent}{key}: [{', '.join(_quoted(n) for n in names)}]")
        return len(names)
    closing = next((i for i in range(opening, end) if "]" in lines[i]), None)
    if "[" not in lines[opening] or closing is None:
        raise PatchError(f"{patch_file}: {type_name}'s {key} are no [a, b] list; add the names by hand")
    flow = " ".join(line.strip() for line in lines[opening : closing + 1])
    held = (load_yaml(flow) or {}).get(key) or []
    new = [n for n in names if n not in held]
    if new:
        at = lines[closing].index("]")
        lines[closing] = lines[closing][:at] + "".join(f", {_quoted(n)}" for n in new) + lines[closing][at:]
    return len(new)


def _quoted(name: str) -> str:
    """A name as a YAML flow list holds it: bare when YAML reads it back as that text."""
    plain = re.fullmatch(r"[A-Za-z][\w ./()-]*[\w)]", name) is not None and load_yaml(f"[{name}]") == [name]
    return name if plain else json.dumps(name, ensure_ascii=False)


def _entry_lines(entry: dict[str, Any]) -> list[str]:
    lines = [f"  - name: {entry['name']}"]
    for key, value in entry.items():
        if key == "name":
            continue
        if isinstance(value, list):
            lines.append(f"    {key}: [{', '.join(_quoted(str(v)) for v in value)}]")
        else:
            lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)}")
    return lines
