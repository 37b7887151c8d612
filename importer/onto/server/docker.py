"""Neo4j in Docker, through the project's docker-compose.yml, for machines with an engine."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .java import ServerConfig, ServerStatus
from .process import ServerError

PROJECT = "onto"


def engine_available() -> bool:
    """True when a Docker engine answers (a client alone is not enough)."""
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def compose_file() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "docker-compose.yml", here.parents[2] / "docker-compose.yml"):
        if candidate.is_file():
            return candidate
    raise ServerError("docker-compose.yml not found beside the onto package")


def _compose(config: ServerConfig, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEO4J_PASSWORD": config.password,
        "NEO4J_BOLT_PORT": str(config.bolt_port),
        "NEO4J_HTTP_PORT": str(config.http_port),
    }
    command = ["docker", "compose", "-f", str(compose_file()), "-p", PROJECT, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)


def start(config: ServerConfig, timeout: float = 180.0) -> ServerStatus:
    result = _compose(config, "up", "-d", "--wait", "--wait-timeout", str(int(timeout)), timeout=timeout + 600)
    if result.returncode != 0:
        raise ServerError(f"docker compose up failed: {result.stderr.strip()}")
    return ServerStatus(True, None, config, "running in Docker (compose project 'onto')")


def stop(config: ServerConfig) -> bool:
    result = _compose(config, "stop")
    if result.returncode != 0:
        raise ServerError(f"docker compose stop failed: {result.stderr.strip()}")
    return True


def status(config: ServerConfig) -> ServerStatus:
    result = _compose(config, "ps", "--status", "running", "--quiet")
    running = result.returncode == 0 and bool(result.stdout.strip())
    return ServerStatus(running, None, config, "running in Docker" if running else "not running in Docker")
