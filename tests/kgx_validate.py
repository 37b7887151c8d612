"""Validate KGX files with kgx's own validator, offline: run by tests/test_kgx.py with the
Python of `.venv-kgx` (scripts/test makes it: kgx and the biolink-model package, whose
copy of the Biolink Model replaces the one kgx fetches from the network).

    .venv-kgx/bin/python tests/kgx_validate.py nodes.jsonl edges.jsonl report.json
    .venv-kgx/bin/python tests/kgx_validate.py --terms terms.json report.json

Writes a JSON object: the Biolink version used, and every error kgx found, by type
(kgx prints its own warnings on standard output); with --terms, which of the categories,
predicates, aspects and directions listed in terms.json the Biolink Model does not have.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import biolink_model
import bmt
from linkml_runtime.utils.schemaview import SchemaView

PACKAGE = Path(next(iter(biolink_model.__path__)))


def _offline(self: bmt.Toolkit, *args: object, **kwargs: object) -> None:
    """bmt's Toolkit on the packaged model: it would fetch the model and a predicate map, and kgx
    makes one as it is imported."""
    self.view = SchemaView(str(PACKAGE / "schema" / "biolink_model.yaml"))
    self.pmap = {}


bmt.Toolkit.__init__ = _offline  # type: ignore[method-assign]

import kgx.config  # noqa: E402 - after the patch above
from kgx.transformer import Transformer  # noqa: E402
from kgx.validator import Validator  # noqa: E402


def main(nodes: str, edges: str, report: str) -> None:
    toolkit = bmt.Toolkit()
    Validator._currently_active_toolkit = toolkit
    Validator._default_model_version = toolkit.get_model_version()
    prefixes = json.loads((PACKAGE / "prefixmaps" / "biolink_model_prefix_map.json").read_text())
    kgx.config.jsonld_context_map["biolink"] = prefixes
    validator = Validator()
    transformer = Transformer(stream=True)
    transformer.transform(
        input_args={"filename": [nodes, edges], "format": "jsonl"},
        output_args={"format": "null"},
        inspector=validator,
    )
    errors = validator.get_errors()
    result = {"biolink": toolkit.get_model_version(), "errors": errors}
    Path(report).write_text(json.dumps(result, default=str, indent=1), encoding="utf-8")


def unknown_terms(terms_file: str, report: str) -> None:
    toolkit = bmt.Toolkit()
    terms = json.loads(Path(terms_file).read_text())
    aspects = toolkit.view.get_enum("GeneOrGeneProductOrChemicalEntityAspectEnum").permissible_values
    directions = toolkit.view.get_enum("DirectionQualifierEnum").permissible_values
    unknown = {
        "categories": [c for c in terms["categories"] if not toolkit.is_category(c)],
        "predicates": [p for p in terms["predicates"] if not toolkit.is_predicate(p)],
        "aspects": [a for a in terms["aspects"] if a not in aspects],
        "directions": [d for d in terms["directions"] if d not in directions],
    }
    Path(report).write_text(json.dumps({"biolink": toolkit.get_model_version(), "unknown": unknown}), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "--terms":
        unknown_terms(*sys.argv[2:4])
    else:
        main(*sys.argv[1:4])
