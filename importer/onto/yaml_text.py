"""Parse YAML text the same safe way everywhere: frontmatter and edge property blocks."""

from __future__ import annotations

from typing import Any

import yaml

try:  # libyaml's loader is several times faster on large gardens
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

YAMLError = yaml.YAMLError


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)
