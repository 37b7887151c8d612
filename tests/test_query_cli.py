"""`onto query` when things go wrong or run long: one line that names the query and what to try,
exit code 5 (not 1, which means a note failed), the traceback only with --debug; and the
server's notifications never printed as blobs."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE_GARDEN, connection_env
from onto.cli import EXIT_QUERY_FAILED, app
from onto.settings import ConnectionSettings

pytestmark = pytest.mark.neo4j
runner = CliRunner()
SLOW = "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS n"


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def test_a_query_that_runs_too_long_ends_with_one_line_and_exit_5(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings
):
    result = runner.invoke(app, ["query", "--cypher", SLOW, "--timeout", "0.5"], env=connection_env(neo4j_settings))
    assert result.exit_code == EXIT_QUERY_FAILED == 5, result.output
    line = one_line(result.stderr)
    assert "query --cypher: no answer within 0.5 s" in line and "--timeout" in line
    assert "Traceback" not in result.output


def test_a_library_query_that_times_out_says_which_and_what_to_try(
    tmp_path: Path, empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings
):
    (tmp_path / "slow.cypher").write_text(
        "// slow\n// Counts for a long time.\n//\n// Parameters:\n//   :param n => 100000000\n//\n"
        "// Columns:\n//   n   a count\nUNWIND range(1, $n) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS n\n"
    )
    env = connection_env(neo4j_settings)
    result = runner.invoke(
        app, ["query", "slow", "-p", "n=100000000", "--library", str(tmp_path), "--timeout", "0.5"], env=env
    )
    assert result.exit_code == 5, result.output
    line = one_line(result.stderr)
    assert line.startswith("error: query slow: no answer within 0.5 s") and "max_hops" in line


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("MATCH (n RETURN n", "not valid Cypher"),
        ("CALL db.no.such.procedure()", "procedure"),
    ],
)
def test_a_cypher_error_is_one_line(empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, text: str, reason: str):
    result = runner.invoke(app, ["query", "--cypher", text], env=connection_env(neo4j_settings))
    assert result.exit_code == 5, result.output
    assert reason in one_line(result.stderr)
    debug = runner.invoke(app, ["query", "--cypher", text, "--debug"], env=connection_env(neo4j_settings))
    assert debug.exit_code != 0 and debug.exception is not None  # the whole error, for whoever asked


def test_notifications_never_reach_the_user(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, capfd: pytest.CaptureFixture[str]
):
    # The label does not exist: the server would warn, query text and all.
    result = runner.invoke(
        app, ["query", "--cypher", "MATCH (n:NoSuchLabel) RETURN n"], env=connection_env(neo4j_settings)
    )
    assert result.exit_code == 0, result.output
    assert "notification" not in result.output.lower() and "NoSuchLabel" not in result.stderr
    assert "NoSuchLabel" not in capfd.readouterr().err  # nor through the driver's logger


def test_a_long_answer_says_how_many_rows_there_were(empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings):
    env = connection_env(neo4j_settings)
    assert runner.invoke(app, ["import", str(EXAMPLE_GARDEN)], env=env).exit_code == 0
    # Autophagy's upstream regulators within 3 steps, read off the example garden: more than 5
    result = runner.invoke(app, ["query", "upstream-regulators", "-p", "name=Autophagy", "-p", "limit=5"], env=env)
    assert result.exit_code == 0, result.output
    assert "5 of " in result.stderr and "-p limit=N shows more" in result.stderr
