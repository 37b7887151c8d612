"""Shared fixtures: the ontology, the gardens, and one real Neo4j for the whole session.

Where the Neo4j comes from, in order:
  1. NEO4J_URI (with NEO4J_USERNAME / NEO4J_PASSWORD) from the environment: a server you run.
     The tests refuse to touch a database that already holds data unless ONTO_TEST_WIPE=1.
  2. testcontainers, when a Docker engine answers.
  3. `onto server` (the Java runtime) in a temporary folder on free ports.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

from onto import load_ontology
from onto.ontology import Ontology
from onto.queries import bind, load_library, run_read
from onto.server import ServerConfig, default_cache, docker, java
from onto.server.java import CLOSED_DOORS, docker_variable
from onto.server.throwaway import throwaway_config
from onto.settings import ConnectionSettings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_GARDEN = ROOT / "examples" / "garden"
SHARED_GARDENS = ROOT.parent / "shared" / "gardens"
SEED_ERA = SHARED_GARDENS / "seed-era"
SEED_NOTE = SHARED_GARDENS / "seed" / "igf-1.md"


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="session")
def seed_era() -> Path:
    if not SEED_ERA.is_dir():
        pytest.skip(f"the real gardens are not beside the project ({SEED_ERA})")
    return SEED_ERA


def java_server_config(home: Path, password: str, heap: str = "512m") -> ServerConfig:
    """A server of the tests' own: a temporary home, free ports, a small heap, the given password."""
    return dataclasses.replace(throwaway_config(home, default_cache(), heap=heap), password=password)


def _is_empty(settings: ConnectionSettings) -> bool:
    with settings.driver() as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=settings.database)
    return records[0]["n"] == 0


@dataclass(frozen=True)
class Neo4jService:
    settings: ConnectionSettings
    browser_url: str | None  # Neo4j Browser over HTTP, when the tests know where it is
    configured_by_onto: bool = False  # started with onto's settings (not a server NEO4J_URI names)


@pytest.fixture(scope="session")
def neo4j_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jService]:
    if os.environ.get("NEO4J_URI"):
        settings = ConnectionSettings.load(dotenv=None)
        if not _is_empty(settings) and os.environ.get("ONTO_TEST_WIPE") != "1":
            pytest.fail(
                f"{settings.uri} already holds data; the tests wipe the database between tests. "
                "Point NEO4J_URI at an empty database, or set ONTO_TEST_WIPE=1 to allow it."
            )
        yield Neo4jService(settings, os.environ.get("NEO4J_BROWSER_URL"))
        return

    password = secrets.token_urlsafe(16)
    if docker.engine_available():
        from testcontainers.neo4j import Neo4jContainer

        container = Neo4jContainer("neo4j:5.26-community", password=password)
        for setting, value in CLOSED_DOORS.items():  # as docker-compose.yml sets them
            container.with_env(docker_variable(setting), value)
        with container:
            http = f"http://{container.get_container_host_ip()}:{container.get_exposed_port(7474)}/browser/"
            settings = ConnectionSettings(uri=container.get_connection_url(), password=password)
            yield Neo4jService(settings, http, configured_by_onto=True)
        return

    config = java_server_config(tmp_path_factory.mktemp("neo4j-home"), password, heap="768m")
    java.start(config, timeout=300)
    try:
        settings = ConnectionSettings(uri=f"neo4j://localhost:{config.bolt_port}", password=password)
        yield Neo4jService(settings, config.browser_url, configured_by_onto=True)
    finally:
        java.stop(config)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_service: Neo4jService) -> ConnectionSettings:
    return neo4j_service.settings


@pytest.fixture(scope="session")
def driver(neo4j_settings: ConnectionSettings) -> Iterator[neo4j.Driver]:
    with neo4j_settings.driver() as d:
        d.verify_connectivity()
        yield d


def connection_env(settings: ConnectionSettings) -> dict[str, str]:
    """The environment that points `onto` (run as a CLI) at the session's database."""
    return {"NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password}


def wipe(driver: neo4j.Driver, database: str | None = None) -> None:
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


@pytest.fixture
def empty_db(driver: neo4j.Driver, neo4j_settings: ConnectionSettings) -> neo4j.Driver:
    """The session's database, emptied: the tests own it (see the module docstring)."""
    wipe(driver, neo4j_settings.database)
    return driver


LIBRARY = load_library()


def ask(driver: neo4j.Driver, query_name: str, **params: object) -> list[dict[str, object]]:
    """The rows of a library query, as `onto query` runs it: examples for the parameters not
    given, defaults for the optional ones, the walk bounded by `max_hops`."""
    query = LIBRARY[query_name]
    given = {k: v for k, v in query.params.items() if k not in query.optional}
    text, bound = bind(query, {**given, **params})
    return run_read(driver, text, bound)[1]
