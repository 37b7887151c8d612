"""`onto server` with the Java runtime: start, no-op start, Browser, restart, stop (real processes)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from conftest import java_server_config
from onto.server import ServerConfig, java

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(shutil.which("java") is None and not os.environ.get("JAVA_HOME"), reason="no Java"),
]


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerConfig]:
    cfg = java_server_config(tmp_path_factory.mktemp("server-home"), secrets.token_urlsafe(12))
    yield cfg
    java.stop(cfg)


def bolt(config: ServerConfig, password: str | None = None) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        f"neo4j://localhost:{config.bolt_port}", auth=("neo4j", password or config.password)
    )


def test_start_serves_bolt_with_auth_and_the_browser(config: ServerConfig):
    status = java.start(config, timeout=300)
    assert status.running and status.pid
    with bolt(config) as driver:
        driver.execute_query("CREATE (:ServerTest {mark: $m})", m="kept")
    with bolt(config, "wrong-password") as driver, pytest.raises(neo4j.exceptions.AuthError):
        driver.verify_connectivity()
    with urllib.request.urlopen(f"http://localhost:{config.http_port}/browser/", timeout=30) as response:
        assert response.status == 200
        assert "<title>Neo4j Browser</title>" in response.read().decode()


def test_second_start_is_a_no_op(config: ServerConfig):
    first = java.status(config)
    again = java.start(config, timeout=60)
    assert again.pid == first.pid and again.running


def test_data_survives_a_restart_and_stop_ends_the_process(config: ServerConfig):
    pid = java.status(config).pid
    assert java.stop(config) is True
    assert not java.status(config).running
    assert not Path(f"/proc/{pid}").exists() or b"CommunityEntryPoint" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    java.start(config, timeout=300)
    with bolt(config) as driver:
        records, _, _ = driver.execute_query("MATCH (n:ServerTest) RETURN n.mark AS mark")
    assert [r["mark"] for r in records] == ["kept"]


def test_stop_never_kills_a_process_it_did_not_start(config: ServerConfig, tmp_path: Path):
    java.stop(config)
    stranger = subprocess.Popen(["sleep", "60"])
    try:
        config.pid_file.write_text(str(stranger.pid))
        assert java.stop(config) is False
        assert stranger.poll() is None  # still running
    finally:
        stranger.kill()
        stranger.wait()


def test_a_password_that_starts_with_a_dash_works(tmp_path: Path):
    config = java_server_config(tmp_path / "home", "-starts-with-a-dash")
    try:
        java.start(config, timeout=300)
        with bolt(config) as driver:
            driver.verify_connectivity()
    finally:
        java.stop(config)
