"""Turn YAML values into values Neo4j can store as properties.

Neo4j stores scalars and homogeneous lists of scalars; it has no maps inside properties.
Dates become ISO text so one property never mixes dates and strings across notes; maps
and lists of maps become JSON text, so nothing a note says is dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

_INT64 = 2**63


def _scalar(value: Any) -> Any:
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if -_INT64 <= value < _INT64 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return None


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def to_property(value: Any) -> Any:
    """A storable value, or None when there is nothing to store (null, empty)."""
    if value is None:
        return None
    scalar = _scalar(value)
    if scalar is not None:
        return scalar
    if isinstance(value, (list, tuple, set)):
        items = [_scalar(v) for v in value if v is not None]
        if any(i is None for i in items):  # maps or nested lists inside
            return json.dumps(list(value), default=_json_default, ensure_ascii=False)
        kinds = {type(i) for i in items}
        if len(kinds) > 1:  # Neo4j lists are homogeneous: keep mixed lists as text
            return [str(i) for i in items]
        return items
    if isinstance(value, dict):
        return json.dumps(value, default=_json_default, ensure_ascii=False, sort_keys=True)
    return str(value)


def string_list(value: Any) -> list[str]:
    """aliases, tags: one text or a list of texts; anything else is made text."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    text = str(value).strip()
    return [text] if text else []
