"""The ontology files' schema (`ontology/schema/*.schema.json`), checked whenever they are loaded.

JSON Schema rather than LinkML: these files are configuration, a few keys per entry, and
JSON Schema checks YAML as loaded with one small, well-kept library (`jsonschema`), while
editors read the same files to complete and check what is typed (the `yaml-language-server`
line at the top of each). LinkML models data (Biolink itself is LinkML) and brings its own
toolchain, which nothing here needs.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator


@functools.cache
def _validator(schema_path: Path) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))


def schema_path(ontology_file: Path) -> Path:
    """The schema of an ontology file: beside it, else beside onto's own ontology."""
    name = f"{ontology_file.stem}.schema.json"
    for folder in (ontology_file.parent / "schema", Path(__file__).resolve().parent / "ontology" / "schema"):
        if (folder / name).is_file():
            return folder / name
    return Path(__file__).resolve().parents[2] / "ontology" / "schema" / name


def schema_problems(ontology_file: Path, data: Any) -> list[str]:
    """What the file's content breaks of its schema, each as `where: what`, first by place."""
    validator = _validator(schema_path(ontology_file))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        problems.append(f"{where or 'the file'}: {_said(error.message)}")
    return problems


def _said(message: str) -> str:
    return message if len(message) <= 200 else message[:200] + "…"
