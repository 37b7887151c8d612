"""The guide server beside the Neo4j that `onto server start` runs, and the settings that make
Neo4j Browser use it as soon as a user logs in (onto.guide_server serves the pages)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .process import ServerError, command_line, port_open

if TYPE_CHECKING:
    from .java import ServerConfig

DEFAULT_GUIDE_PORT = 7475


def browser_settings(port: int) -> dict[str, str]:
    """Neo4j's settings that apply onto's style and play its guide when Browser connects. Browser
    fetches them from localhost, which is the one host it may fetch from."""
    base = f"http://localhost:{port}"
    return {
        "browser.post_connect_cmd": f"style {base}/onto.grass; play {base}/guide.html",
        "browser.remote_content_hostname_whitelist": "localhost",
    }


def _pid_file(config: ServerConfig) -> Path:
    return config.home / "onto-guide.pid"


def _ours(pid: int, config: ServerConfig) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    return "browser serve" in command_line(pid)  # and its pid is in this home's pid file


def running(config: ServerConfig) -> int | None:
    """The pid of this server's guide, while it runs."""
    try:
        pid = int(_pid_file(config).read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _ours(pid, config) else None


def start(config: ServerConfig, timeout: float = 30.0) -> int | None:
    """Start the guide server for this Neo4j (a no-op when it runs, or when guide_port is 0)."""
    if not config.guide_port:
        return None
    current = running(config)
    if current is not None:
        return current
    if port_open(config.guide_port):
        raise ServerError(f"port {config.guide_port} (the guide's) is in use by another program; choose another")
    env = {
        **os.environ,
        "NEO4J_URI": f"bolt://localhost:{config.bolt_port}",
        "NEO4J_USERNAME": "neo4j",
        "NEO4J_PASSWORD": config.password,
    }
    env.pop("NEO4J_DATABASE", None)
    log = (config.home / "logs" / "guide.log").open("ab")
    with log:
        process = subprocess.Popen(
            [sys.executable, "-m", "onto", "browser", "serve", "--port", str(config.guide_port)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,  # lives as long as the server, not as the shell
            cwd=config.home,  # no .env of the caller's is read
        )  # fmt: skip
    _pid_file(config).write_text(str(process.pid))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"the guide server exited with code {process.returncode}; see {config.home / 'logs'}")
        if port_open(config.guide_port):
            return process.pid
        time.sleep(0.1)
    raise ServerError(f"the guide server did not listen on port {config.guide_port} within {timeout:.0f} s")


def stop(config: ServerConfig) -> None:
    pid = running(config)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            if not _ours(pid, config):
                break
            time.sleep(0.1)
    _pid_file(config).unlink(missing_ok=True)
