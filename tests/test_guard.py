"""The read-only guard of `onto query --cypher`: nothing but reads of the graph gets through,
however it is spelt, and every read does, whatever its names."""

from __future__ import annotations

import http.server
import json
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT, Neo4jService, connection_env
from onto.cli import EXIT_QUERY_FAILED, app
from onto.guard import writes
from onto.server.java import CLOSED_DOORS, docker_variable
from onto.settings import ConnectionSettings

runner = CliRunner()


class _Hits(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the handler's name
        _Hits.hits.append(self.path)
        body = b"secret,value\nleaked,1\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[str]:
    """An HTTP server on this machine that counts the requests a query makes."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/data.csv"
    server.shutdown()


def ask(settings: ConnectionSettings, text: str) -> Any:
    return runner.invoke(app, ["query", "--cypher", text, "-f", "json"], env=connection_env(settings))


# {url}: the listener. Each is spelt so that a guard reading Cypher any other way than the
# server does would let it through.
HOSTILE = [
    "LOAD CSV FROM '{url}' AS row RETURN row",
    "// a comment\rLOAD CSV FROM '{url}' AS row RETURN row",  # a carriage return ends a comment
    "// a comment\r\nLOAD CSV FROM '{url}' AS row RETURN row",
    "// a comment \\u000aLOAD CSV FROM '{url}' AS row RETURN row",  # so does an escaped line feed
    "// a comment \\u000dLOAD CSV FROM '{url}' AS row RETURN row",
    "/* a comment \\u002a/ LOAD CSV FROM '{url}' AS row RETURN row",
    "RETURN 1 AS x /* */ UNION LOAD CSV FROM '{url}' AS row RETURN row[0] AS x",
    "CALL () { LOAD CSV FROM '{url}' AS row RETURN row } RETURN row",
    "load csv from '{url}' as row return row",
    "LOAD\tCSV WITH HEADERS FROM '{url}' AS row RETURN row",
    "MATCH (n) DETACH DELETE n",
    "// \\u000dMATCH (n) DETACH DELETE n",
    "MATCH (n) SET n.owned = true RETURN n",
    "CREATE (:Injected)",
    "MERGE (:Injected {id: 1})",
    "MATCH (n) REMOVE n:Entity RETURN n",
    "FOREACH (x IN [1] | CREATE (:Injected))",
    "CALL db.createLabel('Injected')",
    "CALL db.clearQueryCaches()",
    "CALL dbms.killConnections(['bolt-1'])",
    "CALL tx.setMetaData({owner: 'someone'})",
    "CALL () { CREATE (:Injected) } IN TRANSACTIONS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t YIELD transactionId RETURN transactionId",
    "CREATE INDEX injected FOR (n:Entity) ON (n.injected)",
    "DROP CONSTRAINT entity_id",
    "CREATE USER injected SET PASSWORD 'injected-password' CHANGE NOT REQUIRED",
    "ALTER USER neo4j SET PASSWORD 'changed-password'",
    "DROP USER neo4j",
    "RENAME USER neo4j TO someone",
    "CREATE DATABASE injected",
    "STOP DATABASE neo4j",
    "DROP DATABASE neo4j",
    "CREATE ROLE injected",
    "GRANT ROLE admin TO injected",
    "USE system CREATE USER injected SET PASSWORD 'injected-password'",
]


@pytest.mark.neo4j
@pytest.mark.parametrize("template", HOSTILE)
def test_what_does_more_than_read_the_graph_is_refused_before_it_runs(
    template: str, empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings, listener: str
) -> None:
    empty_db.execute_query("CREATE (:Entity {id: 'keep', name: 'Keep me'})")
    before = len(_Hits.hits)
    result = ask(neo4j_settings, template.replace("{url}", listener))
    assert result.exit_code in (2, EXIT_QUERY_FAILED), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert "refused" in result.stderr
    assert len(_Hits.hits) == before, "the query reached the network"
    graph = empty_db.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties").records
    assert [dict(r) for r in graph] == [{"labels": ["Entity"], "properties": {"id": "keep", "name": "Keep me"}}]
    users = empty_db.execute_query("SHOW USERS YIELD user RETURN collect(user) AS u", database_="system")
    assert users.records[0]["u"] == ["neo4j"]
    assert empty_db.execute_query("RETURN 1 AS alive").records[0]["alive"] == 1


@pytest.mark.neo4j
def test_a_refused_terminate_leaves_a_running_transaction_alone(
    empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings
) -> None:
    with empty_db.session() as session, session.begin_transaction() as held:
        held.run("CREATE (:Entity {id: 'held'})").consume()
        result = ask(
            neo4j_settings,
            "SHOW TRANSACTIONS YIELD transactionId AS t, currentQuery AS q "
            "TERMINATE TRANSACTIONS t YIELD transactionId RETURN transactionId",
        )
        assert result.exit_code == 2 and "TERMINATE TRANSACTIONS" in result.stderr
        held.commit()
    assert empty_db.execute_query("MATCH (n {id: 'held'}) RETURN count(n) AS n").records[0]["n"] == 1


# Reads whose names are keywords, or whose text holds a writing clause in a string, a quoted
# name or a comment: each runs, and answers as Cypher reads it.
READS = [
    ("MATCH (n:Entity) RETURN n.set AS set", [{"set": None}]),
    ("RETURN 1 AS merge", [{"merge": 1}]),
    ("MATCH (create:Entity) RETURN create.name AS name", [{"name": "Keep me"}]),
    ("RETURN {set: 1, delete: 2} AS m", [{"m": {"set": 1, "delete": 2}}]),
    ("WITH 'CREATE (n) // LOAD CSV' AS text RETURN text", [{"text": "CREATE (n) // LOAD CSV"}]),
    ("RETURN 1 AS x // CREATE (n)\n", [{"x": 1}]),
    ("RETURN 1 AS x /* MERGE (n) */", [{"x": 1}]),
    ("RETURN 1 AS x // \\u2028 CREATE (n)", [{"x": 1}]),  # no line terminator for Cypher
    ("RETURN '\\\\u0027' AS text", [{"text": "\\u0027"}]),
    ("RETURN 1 AS `LOAD CSV`", [{"LOAD CSV": 1}]),
    ("MATCH (n:`Set`) RETURN count(n) AS n", [{"n": 0}]),
    ("WITH 2 AS terminate RETURN terminate AS x", [{"x": 2}]),
    ("CALL db.labels() YIELD label WHERE label = 'Entity' RETURN label", [{"label": "Entity"}]),
]


@pytest.mark.neo4j
@pytest.mark.parametrize(("text", "rows"), READS)
def test_reads_run_whatever_their_names(
    text: str, rows: list[dict[str, Any]], empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings
) -> None:
    empty_db.execute_query("CREATE (:Entity {id: 'keep', name: 'Keep me'})")
    result = ask(neo4j_settings, text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == rows


@pytest.mark.neo4j
def test_show_commands_that_only_read_run(empty_db: neo4j.Driver, neo4j_settings: ConnectionSettings) -> None:
    for text in ("SHOW TRANSACTIONS", "SHOW INDEXES YIELD name RETURN name", "SHOW PROCEDURES YIELD name RETURN name"):
        assert ask(neo4j_settings, text).exit_code == 0, text


def _server_ends_comment_at(driver: neo4j.Driver, spelt: str) -> bool:
    keys = driver.execute_query(f"RETURN 1 AS x //c{spelt}, 2 AS y").keys
    return list(keys) == ["x", "y"]


@pytest.mark.neo4j
def test_the_library_check_reads_comments_as_the_server_does(empty_db: neo4j.Driver) -> None:
    """Every control, space, separator and format character, written as itself and as a
    \\u escape: where the server ends a // comment, the library check sees the clause after it."""
    kinds = ("Cc", "Zs", "Zl", "Zp", "Cf")
    characters = [c for c in map(chr, range(0x10000)) if unicodedata.category(c) in kinds and c != "\0"]
    disagree = []
    for c in characters:
        for spelt in (c, f"\\u{ord(c):04x}"):
            ends = _server_ends_comment_at(empty_db, spelt)
            seen = writes(f"RETURN 1 AS x //c{spelt}CREATE (n)") is not None
            if ends != seen:
                disagree.append((spelt, ends, seen))
    assert not disagree
    assert _server_ends_comment_at(empty_db, "\r")  # the case that slipped past the old guard


def test_the_library_check_lets_keywords_be_names() -> None:
    for text, _ in READS:
        assert writes(text) is None, text
    assert writes("MATCH (n) SET n.x = 1") == "SET"
    assert writes("// x\rLOAD CSV FROM 'f' AS r RETURN r") == "LOAD CSV"
    assert writes("SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t") == "TERMINATE"


@pytest.mark.neo4j
def test_the_server_onto_starts_refuses_load_csv_itself(
    neo4j_service: Neo4jService, driver: neo4j.Driver, listener: str, tmp_path: Path
) -> None:
    if not neo4j_service.configured_by_onto:
        pytest.skip("the server NEO4J_URI names was not started with onto's settings")
    secret = tmp_path / "secret.csv"
    secret.write_text("a,b\n")
    before = len(_Hits.hits)
    for url in (listener, secret.as_uri()):
        with pytest.raises(neo4j.exceptions.ClientError):
            driver.execute_query(f"LOAD CSV FROM '{url}' AS row RETURN row")  # the guard bypassed
    assert len(_Hits.hits) == before


def test_docker_compose_closes_the_same_doors() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = compose["services"]["neo4j"]["environment"]
    assert {docker_variable(k): v for k, v in CLOSED_DOORS.items()}.items() <= environment.items()


def test_docker_compose_plays_the_guide_on_login_as_onto_server_does() -> None:
    from onto.server.guide import DEFAULT_GUIDE_PORT, browser_settings

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = {
        k: str(v).replace("${ONTO_GUIDE_PORT:-7475}", str(DEFAULT_GUIDE_PORT))
        for k, v in compose["services"]["neo4j"]["environment"].items()
    }
    assert {
        docker_variable(k): v for k, v in browser_settings(DEFAULT_GUIDE_PORT).items()
    }.items() <= environment.items()
    guide = compose["services"]["guide"]
    assert guide["command"][:3] == ["onto", "browser", "serve"] and "7475" in guide["command"]
