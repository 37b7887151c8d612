"""A Neo4j of one's own for a test session or a benchmark: a temporary home, free ports, a random password."""

from __future__ import annotations

import secrets
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import java
from .java import ServerConfig


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def throwaway_config(home: Path, cache: Path, heap: str = "512m", page_cache: str = "128m") -> ServerConfig:
    return ServerConfig(
        home=home,
        cache=cache,
        password=secrets.token_urlsafe(16),
        bolt_port=free_port(),
        http_port=free_port(),
        guide_port=free_port(),
        heap=heap,
        page_cache=page_cache,
    )


@contextmanager
def throwaway_server(cache: Path, heap: str = "512m", page_cache: str = "128m") -> Iterator[ServerConfig]:
    """Start a server from the jars in `cache` in a temporary folder; stop it and remove the folder after."""
    with tempfile.TemporaryDirectory(prefix="onto-neo4j-") as home:
        config = throwaway_config(Path(home), cache, heap, page_cache)
        java.start(config, timeout=300)
        try:
            yield config
        finally:
            java.stop(config)
