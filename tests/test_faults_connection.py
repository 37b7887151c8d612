"""Connection failures: one line, exit 3, within seconds, and never a password."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import neo4j
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE_GARDEN
from onto.cli import EXIT_UNAVAILABLE, app
from onto.server.throwaway import free_port
from onto.settings import ConnectionSettings

runner = CliRunner()
COMMANDS = [
    ["import", str(EXAMPLE_GARDEN)],
    ["query", "entity-card", "-p", "name=IGF-1"],
    ["query", "--cypher", "RETURN 1"],
]


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that takes connections and never says a word, as a hung server does."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield listener.getsockname()[1]
    listener.close()


@pytest.mark.parametrize("command", COMMANDS, ids=["import", "query", "cypher"])
@pytest.mark.parametrize("server", ["down", "hung"])
def test_an_unreachable_server_is_told_in_seconds(command: list[str], server: str, silent_port: int) -> None:
    port = free_port() if server == "down" else silent_port
    uri = f"neo4j://localhost:{port}"
    started = time.monotonic()
    result = runner.invoke(app, command, env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "pw-never-shown"})
    seconds = time.monotonic() - started
    assert result.exit_code == EXIT_UNAVAILABLE, result.output
    assert uri in one_line(result.stderr)
    assert seconds < 15, f"{seconds:.1f} s"  # the driver's defaults took 38 to 60 s
    assert "pw-never-shown" not in result.output


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_a_password_written_into_the_uri_is_never_printed(scheme: str) -> None:
    uri = f"{scheme}://neo4j:s3cret-in-uri@localhost:{free_port()}"
    for command in COMMANDS:
        result = runner.invoke(app, command, env={"NEO4J_URI": uri})
        assert result.exit_code == EXIT_UNAVAILABLE, result.output
        assert "s3cret-in-uri" not in result.output
        assert "neo4j:***@" in one_line(result.stderr)


@pytest.mark.neo4j
def test_too_many_wrong_passwords_get_exit_3_every_time(neo4j_settings: ConnectionSettings) -> None:
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_PASSWORD": "wrong-password-xyz"}
    try:
        messages = []
        for command in COMMANDS * 2:  # from the second attempt in a few seconds the server rate-limits
            result = runner.invoke(app, command, env=env)
            assert result.exit_code == EXIT_UNAVAILABLE, result.output
            messages.append(one_line(result.stderr))
            assert "wrong-password-xyz" not in result.output
        assert any("too many failed attempts" in m for m in messages)
    finally:  # the server locks the user out for a few seconds: wait, so the next test can log in
        with neo4j_settings.driver() as driver:
            for _ in range(60):
                try:
                    driver.verify_connectivity()
                    break
                except neo4j.exceptions.ClientError:
                    time.sleep(0.5)
