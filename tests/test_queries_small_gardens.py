"""Library answers that the example garden does not exercise, on tiny gardens written here; and the read-only guard."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from onto import Neo4jWriter, import_garden
from onto.ontology import Ontology
from onto.queries import LibraryError, load_library, parse_query_file, run_read
from test_notes import write

pytestmark = pytest.mark.neo4j
LIBRARY = load_library()


def imported(root: Path, driver: neo4j.Driver, ontology: Ontology) -> neo4j.Driver:
    import_garden(root, Neo4jWriter(driver), ontology)
    return driver


def test_mixed_verdict_contradictions_and_islands(tmp_path: Path, empty_db: neo4j.Driver, ontology: Ontology):
    write(tmp_path, "x.md", "---\ntype: drug\ntitle: X\n---\nACTIVATES:: [[Y]], [[Z]]\nACTIVATES:: [[W]]\n")
    write(tmp_path, "y.md", "---\ntype: protein\ntitle: Y\n---\nACTIVATES:: [[T]]\n")
    write(tmp_path, "z.md", "---\ntype: protein\ntitle: Z\n---\nINHIBITS:: [[T]]\n")
    write(
        tmp_path, "w.md", "---\ntype: protein\ntitle: W\n---\nINHIBITED_BY:: [[X]]\n"
    )  # X both activates and inhibits W
    write(tmp_path, "t.md", "---\ntype: pathway\ntitle: T\n---\n")
    write(tmp_path, "lonely.md", "---\ntype: gene\ntitle: Lonely\n---\nNo links at all.\n")
    driver = imported(tmp_path, empty_db, ontology)

    [net] = run_read(driver, LIBRARY["net-effect"].text, {"a": "X", "b": "T", "max_hops": 2})[1]
    assert (net["verdict"], net["paths_up"], net["paths_down"]) == ("mixed", 1, 1)

    _, conflicts = run_read(driver, LIBRARY["contradictions"].text, {})
    assert [(c["source"], c["target"], c["conflict"]) for c in conflicts] == [("X", "W", "activates and inhibits")]

    _, rows = run_read(driver, LIBRARY["hubs-and-islands"].text, {})
    assert [(r["name"], r["file"]) for r in rows if r["kind"] == "island"] == [("Lonely", "lonely.md")]


def test_a_library_file_that_writes_is_refused(tmp_path: Path):
    (tmp_path / "sneaky.cypher").write_text(
        "// sneaky\n// Looks like a read.\n//\n// Parameters:\n//   :param name => 'x'\n"
        "//\n// Columns:\n//   n   a node\n"
        "MATCH (n:Entity {name: $name}) DETACH DELETE n RETURN n\n"
    )
    with pytest.raises(LibraryError, match="writes"):
        parse_query_file(tmp_path / "sneaky.cypher")


def test_the_server_plan_refuses_a_write_the_text_check_cannot_see(empty_db: neo4j.Driver):
    with pytest.raises(LibraryError, match="would write"):
        run_read(empty_db, "CALL db.createLabel('Injected')", {})
    records, _, _ = empty_db.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS labels")
    assert "Injected" not in records[0]["labels"]


def test_header_and_query_must_agree_on_parameters(tmp_path: Path):
    (tmp_path / "q.cypher").write_text(
        "// q\n// Something.\n//\n// Columns:\n//   n   x\nMATCH (n {name: $name}) RETURN n\n"
    )
    with pytest.raises(LibraryError, match="name"):
        parse_query_file(tmp_path / "q.cypher")
