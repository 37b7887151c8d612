"""`onto server`: a real Neo4j 5 on this machine, in Docker when an engine answers, else from jars."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from . import docker, java
from .java import ServerConfig, ServerStatus
from .process import ServerError

__all__ = ["ServerConfig", "ServerError", "ServerStatus", "default_cache", "default_home", "runtime"]


def default_home() -> Path:
    if os.environ.get("ONTO_HOME"):
        return Path(os.environ["ONTO_HOME"]).expanduser().resolve()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return (base / "onto" / "neo4j").resolve()


def default_cache() -> Path:
    if os.environ.get("ONTO_CACHE"):
        return Path(os.environ["ONTO_CACHE"]).expanduser().resolve()
    return (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "onto").resolve()


def runtime(name: str = "auto") -> ModuleType:
    """The module that runs the server: `docker` or `java` (both offer start, stop, status)."""
    if name == "docker" or (name == "auto" and docker.engine_available()):
        return docker
    if name in ("java", "auto"):
        return java
    raise ServerError(f"unknown runtime {name!r}: use auto, docker or java")
