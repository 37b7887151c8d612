"""The server killed mid-import, and two imports at once: both end in the graph a clean import gives."""

from __future__ import annotations

import os
import random
import secrets
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from conftest import java_server_config, wipe
from graph_snapshot import snapshot
from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.server import ServerConfig, java

pytestmark = pytest.mark.neo4j


def write_garden(root: Path, notes: int, seed: int = 7) -> None:
    """A plain garden of `notes` genes, each stating three facts about others and one about a stub."""
    rng = random.Random(seed)
    for i in range(notes):
        targets = rng.sample(range(notes), 3)
        body = "".join(f"{rng.choice(['ACTIVATES', 'INHIBITS', 'REGULATES'])}:: [[Gene {t}]]\n" for t in targets)
        body += f"ASSOCIATED_WITH_CONDITION:: [[Condition {rng.randrange(50)}]] - evidence {i}\n"
        (root / f"gene-{i}.md").write_text(f"---\ntype: gene\ntitle: Gene {i}\n---\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def garden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("garden-3000")
    write_garden(root, 3000)
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerConfig]:
    config = java_server_config(tmp_path_factory.mktemp("killed-home"), secrets.token_urlsafe(12), heap="768m")
    java.start(config, timeout=300)
    yield config
    java.stop(config)


def connect(config: ServerConfig, **options: float) -> neo4j.Driver:
    uri = f"neo4j://localhost:{config.bolt_port}"
    return neo4j.GraphDatabase.driver(uri, auth=("neo4j", config.password), **options)


def clean_snapshot(server: ServerConfig, garden: Path, ontology: Ontology) -> dict[str, object]:
    """The graph a clean import of `garden` gives; the database is left empty."""
    with connect(server) as driver:
        wipe(driver)
        import_garden(garden, Neo4jWriter(driver), ontology)
        clean = snapshot(driver)
        wipe(driver)
    return clean


def test_an_import_cut_short_by_a_killed_server_converges(server: ServerConfig, garden: Path, ontology: Ontology):
    clean = clean_snapshot(server, garden, ontology)

    written = threading.Event()
    failure: list[BaseException] = []

    def interrupted_import() -> None:
        # Give up quickly once the server is gone, instead of retrying for the default 30 s.
        with connect(server, max_transaction_retry_time=1.0, connection_acquisition_timeout=5.0) as driver:
            # A small batch size and a progress hook: the kill lands between committed batches.
            writer = Neo4jWriter(driver, batch_size=200, on_progress=lambda _: written.set())
            try:
                import_garden(garden, writer, ontology)
            except Exception as exc:  # the server dies under it: expected
                failure.append(exc)

    worker = threading.Thread(target=interrupted_import)
    worker.start()
    assert written.wait(timeout=120), "the import never wrote a batch"
    pid = java.status(server).pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    worker.join(timeout=300)
    assert failure, "the import finished before the server was killed; nothing was tested"

    java.start(server, timeout=300)
    with connect(server) as driver:
        half_done = snapshot(driver)
        import_garden(garden, Neo4jWriter(driver), ontology)
        assert snapshot(driver) == clean
    assert half_done != clean  # the kill really left a half-written graph behind


def test_two_imports_at_once_make_one_graph(server: ServerConfig, garden: Path, ontology: Ontology):
    clean = clean_snapshot(server, garden, ontology)

    errors: list[BaseException] = []

    def run() -> None:
        try:
            with connect(server) as driver:
                import_garden(garden, Neo4jWriter(driver, batch_size=500), ontology)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert errors == []
    with connect(server) as driver:
        assert snapshot(driver) == clean
