"""A standalone Neo4j Community server run from Maven Central jars, for machines without Docker.

The server runs `org.neo4j.server.CommunityEntryPoint` (what the `neo4j` launch script
forks) in its own process group, with its home, data and logs under one folder. A pid
file and the process's command line tell `stop` which process is ours and no other.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j

from . import guide
from .artifacts import ensure_jars
from .guide import browser_settings
from .process import ServerError, command_line, port_open

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# The launch script adds these; without them Netty and the page cache fail on Java 17+.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
)
SUPPORTED_JAVA = (17, 21)


@dataclass(frozen=True)
class ServerConfig:
    home: Path
    cache: Path
    password: str
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    page_cache: str = "512m"
    guide_port: int = 7475  # onto's guide for Neo4j Browser (server/guide.py); 0: none

    @property
    def pid_file(self) -> Path:
        # Not run/neo4j.pid: Neo4j owns that name and deletes it while it shuts down.
        return self.home / "onto-server.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"neo4j://localhost:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://localhost:{self.http_port}/browser/"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    config: ServerConfig
    detail: str = ""


def find_java() -> tuple[str, int]:
    """A java executable of a supported version: JAVA_HOME first, then PATH."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    if shutil.which("java"):
        candidates.append(str(shutil.which("java")))
    seen = []
    for java in candidates:
        try:
            out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
        except (OSError, subprocess.TimeoutExpired):
            continue
        m = re.search(r'version "(\d+)', out)
        major = int(m.group(1)) if m else 0
        if major in SUPPORTED_JAVA:
            return java, major
        seen.append(f"{java} (Java {major})")
    found = ", ".join(seen) or "no java on PATH or in JAVA_HOME"
    raise ServerError(f"Neo4j 5 needs Java 17 or 21; found {found}. Install one, or set JAVA_HOME to it.")


def _our_pid(config: ServerConfig) -> int | None:
    """The pid in the pid file if that process is our server for this home, else None."""
    try:
        pid = int(config.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _is_our_server(pid, config) else None


def _is_our_server(pid: int, config: ServerConfig) -> bool:
    """True while `pid` is alive and is the server of this home (a reused pid is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    command = command_line(pid)
    return ENTRY_POINT in command and f"--home-dir={config.home}" in command


# What the server refuses whoever asks, beside onto query's own guard: LOAD CSV from the
# server's files and from any address (a query can reach neither the machine nor its network).
# docker-compose.yml sets the same (tests/test_guard.py checks that they agree).
CLOSED_DOORS = {
    "dbms.security.allow_csv_import_from_file_urls": "false",
    "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
}


def docker_variable(setting: str) -> str:
    """The environment variable the Neo4j image reads a setting from."""
    return "NEO4J_" + setting.replace("_", "__").replace(".", "_")


def _write_config(config: ServerConfig) -> None:
    conf = config.home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    for sub in ("data", "logs", "plugins", "run", "import"):
        (config.home / sub).mkdir(parents=True, exist_ok=True)
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{config.bolt_port}",
        "server.bolt.advertised_address": f"localhost:{config.bolt_port}",
        "server.http.listen_address": f"127.0.0.1:{config.http_port}",
        "server.http.advertised_address": f"localhost:{config.http_port}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.directories.data": str(config.home / "data"),
        "server.directories.logs": str(config.home / "logs"),
        "server.directories.plugins": str(config.home / "plugins"),
        "server.directories.import": str(config.home / "import"),
        "server.directories.run": str(config.home / "run"),
        "server.memory.heap.initial_size": config.heap,
        "server.memory.heap.max_size": config.heap,
        "server.memory.pagecache.size": config.page_cache,
        "dbms.usage_report.enabled": "false",
        "client.allow_telemetry": "false",
        **CLOSED_DOORS,
    }
    if config.guide_port:
        settings.update(browser_settings(config.guide_port))
    text = "# Written by `onto server start`; edits are overwritten at the next start.\n"
    text += "".join(f"{k}={v}\n" for k, v in settings.items())
    (conf / "neo4j.conf").write_text(text)


def _set_initial_password(java: str, lib: Path, config: ServerConfig) -> None:
    if (config.home / "data" / "dbms" / "auth.ini").exists():
        return  # only before the first start; later the password lives in the system database
    env = {**os.environ, "NEO4J_HOME": str(config.home), "NEO4J_CONF": str(config.home / "conf")}
    result = subprocess.run(
        # "--" ends the options: a password may start with "-".
        [java, "-cp", f"{lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", "--", config.password],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        # The first line that is not a stack frame says what went wrong.
        reason = next((line for line in lines if not line.lstrip().startswith("at ")), "unknown error")
        raise ServerError(f"could not set the initial password: {reason}")


def bulk_import(config: ServerConfig, arguments: list[str]) -> None:
    """Run `neo4j-admin <arguments>` (such as `database import full ...`) on this server's home.

    The server must be stopped: the admin tool writes the store files directly.
    """
    if status(config).pid is not None:
        raise ServerError("stop the server first: neo4j-admin writes the database files directly")
    java, _ = find_java()
    lib = ensure_jars(config.cache)
    _write_config(config)
    env = {**os.environ, "NEO4J_HOME": str(config.home), "NEO4J_CONF": str(config.home / "conf")}
    result = subprocess.run(
        [java, *JVM_FLAGS, "-cp", f"{lib}/*", ADMIN_TOOL, *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        cwd=config.home,
    )
    if result.returncode != 0:
        raise ServerError(f"neo4j-admin {' '.join(arguments[:3])} failed:\n{(result.stderr or result.stdout)[-3000:]}")


def status(config: ServerConfig) -> ServerStatus:
    pid = _our_pid(config)
    if pid is None:
        return ServerStatus(False, None, config, "not running")
    if not port_open(config.bolt_port):
        return ServerStatus(False, pid, config, "starting: Bolt does not answer yet")
    return ServerStatus(True, pid, config, f"running, pid {pid}")


def _log_tail(config: ServerConfig, lines: int = 15) -> str:
    try:
        return "\n".join(config.console_log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start(config: ServerConfig, timeout: float = 180.0) -> ServerStatus:
    """Start the server (and its guide server, for Neo4j Browser), returning once Bolt answers."""
    started = _start_neo4j(config, timeout)
    guide.start(config)
    return started


def _start_neo4j(config: ServerConfig, timeout: float) -> ServerStatus:
    current = status(config)
    if current.pid is not None:
        return wait_for_bolt(config, current.pid, timeout)
    for port in (config.bolt_port, config.http_port):
        if port_open(port):
            raise ServerError(f"port {port} is already in use by another program; choose other ports")
    java, _ = find_java()
    lib = ensure_jars(config.cache)
    _write_config(config)
    _set_initial_password(java, lib, config)
    command = [
        java,
        f"-Xms{config.heap}",
        f"-Xmx{config.heap}",
        *JVM_FLAGS,
        "-cp",
        f"{config.home / 'plugins'}/*:{config.home / 'conf'}/*:{lib}/*",
        ENTRY_POINT,
        f"--home-dir={config.home}",
        f"--config-dir={config.home / 'conf'}",
        "--console-mode",
    ]
    with config.console_log.open("ab") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # survives the shell that ran `onto server start`
            cwd=config.home,
        )
    config.pid_file.write_text(str(process.pid))
    return wait_for_bolt(config, process.pid, timeout, process)


def _bolt_answers(config: ServerConfig) -> bool:
    # The port opens before the databases are up; a query is the real test.
    with neo4j.GraphDatabase.driver(f"bolt://localhost:{config.bolt_port}", auth=("neo4j", config.password)) as driver:
        try:
            driver.execute_query("RETURN 1")
        except neo4j.exceptions.AuthError:
            return True  # up, with another password than ours: the caller's driver will say so
        except (
            neo4j.exceptions.ServiceUnavailable,
            neo4j.exceptions.SessionExpired,
            neo4j.exceptions.TransientError,
            neo4j.exceptions.DatabaseUnavailable,
            OSError,
        ):
            return False
    return True


def wait_for_bolt(
    config: ServerConfig, pid: int, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> ServerStatus:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            config.pid_file.unlink(missing_ok=True)
            raise ServerError(f"Neo4j exited with code {process.returncode}:\n{_log_tail(config)}")
        if port_open(config.bolt_port) and _bolt_answers(config):
            return ServerStatus(True, pid, config, f"running, pid {pid}")
        time.sleep(0.25)
    raise ServerError(f"Neo4j did not accept Bolt connections within {timeout:.0f} s:\n{_log_tail(config)}")


def stop(config: ServerConfig, timeout: float = 60.0) -> bool:
    """Stop our server for this home (and its guide server); False when none was running."""
    guide.stop(config)
    pid = _our_pid(config)
    if pid is None:
        config.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    # Wait on the process itself: Neo4j removes files of its own as it shuts down.
    while time.monotonic() < deadline:
        if not _is_our_server(pid, config):
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    config.pid_file.unlink(missing_ok=True)
    return True
