"""A re-import keeps the graph equal to the folder: edits, deletions, renames, two gardens,
hand-made data, dry runs and an import that died half-way, against a real Neo4j.

The reference for "equal" is always a cold import of the same folder into an emptied database.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from pathlib import Path
from typing import Any

import neo4j
import pytest

from conftest import wipe
from graph_snapshot import snapshot
from onto import Neo4jWriter, Ontology, import_garden
from onto.pipeline import ImportSummary
from onto.problems import Severity
from onto.write import DatabaseBusy

INSULIN = """---
title: Insulin
type: hormone
aliases: [INS]
secreted_by: pancreas
---
# Insulin
ACTIVATES:: [[AKT1]] - through IRS-1
ACTIVATES:: [[mTOR Pathway]]
INHIBITS:: [[Autophagy]]
ASSOCIATED_WITH_CONDITION:: [[Type 2 Diabetes]] - resistance
"""
AKT1 = """---
title: AKT1
type: protein
---
# AKT1
ACTIVATED_BY:: [[Insulin]] - stated from this side too
ACTIVATES:: [[mTOR Pathway]]
"""
MTOR = """---
title: mTOR Pathway
type: pathway
---
# mTOR Pathway
INHIBITS:: [[Autophagy]]
"""
METFORMIN = """---
title: Metformin
type: drug
---
# Metformin
TREATS:: [[Type 2 Diabetes]]
ACTIVATES:: [[AMPK]]
"""


def make_garden(root: Path, notes: dict[str, str]) -> Path:
    for name, text in notes.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    return make_garden(
        tmp_path / "lab",
        {
            "hormone/insulin.md": INSULIN,
            "protein/akt1.md": AKT1,
            "pathway/mtor.md": MTOR,
            "drug/metformin.md": METFORMIN,
        },
    )


def run_import(driver: neo4j.Driver, root: Path, ontology: Ontology, state: Path, **options: Any) -> ImportSummary:
    return import_garden(root, Neo4jWriter(driver, batch_size=3), ontology, state_dir=state, **options)


def cold(driver: neo4j.Driver, root: Path, ontology: Ontology, tmp_path: Path) -> dict[str, Any]:
    """The graph a first import of the folder gives, in an emptied database."""
    wipe(driver)
    run_import(driver, root, ontology, tmp_path / "cold-state", full=True)
    return snapshot(driver)


def facts(driver: neo4j.Driver) -> set[tuple[str, str, str]]:
    records, _, _ = driver.execute_query("MATCH (a)-[r]->(b) RETURN a.name AS a, type(r) AS t, b.name AS b")
    return {(r["a"], r["t"], r["b"]) for r in records}


def counts(summary: ImportSummary) -> dict[str, Any]:
    """What an import created, updated and deleted (its timings aside)."""
    assert summary.changes is not None
    return {k: v for k, v in summary.changes.as_dict().items() if k != "seconds"}


def names(driver: neo4j.Driver) -> set[str]:
    records, _, _ = driver.execute_query("MATCH (n:Entity) RETURN n.name AS name")
    return {r["name"] for r in records}


def test_reimport_of_an_unchanged_garden_writes_nothing(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    first = run_import(empty_db, garden, ontology, state)
    assert first.changes is not None and first.changes.mode == "full"
    before = snapshot(empty_db)
    again = run_import(empty_db, garden, ontology, state)
    assert again.changes is not None and again.changes.mode == "unchanged"
    assert (again.relationships, again.statements, again.entities) == (
        first.relationships,
        first.statements,
        first.entities,
    )
    assert snapshot(empty_db) == before
    # Touching a file without changing it is no change either.
    (garden / "hormone/insulin.md").touch()
    touched = run_import(empty_db, garden, ontology, state)
    assert touched.changes is not None
    assert (touched.changes.nodes_updated, touched.changes.relationships_updated) == (0, 0)
    assert touched.changes.notes_parsed == 0  # its bytes are as before: the previous parse is reused
    assert snapshot(empty_db) == before


def test_edit_updates_only_what_changed_and_equals_a_cold_import(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    # The edit drops a frontmatter key, changes an annotation, removes one fact and adds one.
    edited = (
        INSULIN.replace("secreted_by: pancreas\n", "")
        .replace("- through IRS-1", "- through IRS-1 and PI3K")
        .replace("INHIBITS:: [[Autophagy]]\n", "INHIBITS:: [[FOXO3]]\n")
    )
    (garden / "hormone/insulin.md").write_text(edited, encoding="utf-8")
    summary = run_import(empty_db, garden, ontology, state)
    changes = summary.changes
    assert changes is not None and changes.mode == "incremental"
    assert changes.notes_parsed == 1  # the other three notes are not parsed again
    # Insulin's node (a property went), AKT1's edge (annotation), a new FOXO3 stub and edge;
    # Insulin INHIBITS Autophagy goes, and so does nothing else (mTOR still inhibits Autophagy).
    assert (changes.nodes_created, changes.nodes_updated, changes.nodes_deleted) == (1, 1, 0)
    assert (changes.relationships_created, changes.relationships_updated, changes.relationships_deleted) == (1, 1, 1)
    assert ("Insulin", "INHIBITS", "Autophagy") not in facts(empty_db)
    assert ("Insulin", "INHIBITS", "FOXO3") in facts(empty_db)
    records, _, _ = empty_db.execute_query("MATCH (n:Entity {name: 'Insulin'}) RETURN n.secreted_by AS s")
    assert records[0]["s"] is None
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_two_re_imports_of_one_garden_at_once_leave_it_as_a_cold_import(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    """Both see the same edit; the second waits for the first's state and finds nothing left to do."""
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    (garden / "hormone/insulin.md").write_text(INSULIN.replace("INHIBITS:: [[Autophagy]]\n", ""), encoding="utf-8")
    (garden / "drug/new-drug.md").write_text("---\ntype: drug\ntitle: New Drug\n---\nTREATS:: [[Diabetes]]\n")
    summaries: list[ImportSummary] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            summaries.append(run_import(empty_db, garden, ontology, state))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    modes = sorted(s.changes.mode for s in summaries if s.changes is not None)
    assert modes == ["incremental", "unchanged"]
    again = run_import(empty_db, garden, ontology, state)
    assert again.changes is not None and again.changes.mode == "unchanged"
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_deleting_a_note_removes_what_only_it_stated(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    assert ("Insulin", "ACTIVATES", "AKT1") in facts(empty_db)
    (garden / "hormone/insulin.md").unlink()
    summary = run_import(empty_db, garden, ontology, state)
    assert summary.changes is not None and summary.changes.mode == "incremental"
    # AKT1 also states "ACTIVATED_BY Insulin": that fact survives, now pointing at a stub Insulin.
    records, _, _ = empty_db.execute_query(
        "MATCH (i:Entity {name: 'Insulin'})-[r:ACTIVATES]->(:Entity {name: 'AKT1'}) "
        "RETURN i.stub AS stub, r.sources AS s"
    )
    assert [(r["stub"], r["s"]) for r in records] == [(True, ["lab/protein/akt1.md"])]
    # Facts only insulin.md stated are gone, and so is the stub only it linked to (Type 2 Diabetes stays: Metformin).
    assert ("Insulin", "INHIBITS", "Autophagy") not in facts(empty_db)
    assert ("Insulin", "ACTIVATES", "mTOR Pathway") not in facts(empty_db)
    assert "Type 2 Diabetes" in names(empty_db)
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_a_stub_goes_when_nothing_links_to_it(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    assert "AMPK" in names(empty_db)
    (garden / "drug/metformin.md").write_text(METFORMIN.replace("ACTIVATES:: [[AMPK]]\n", ""), encoding="utf-8")
    run_import(empty_db, garden, ontology, state)
    assert "AMPK" not in names(empty_db)
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_a_new_note_replaces_the_stub_it_was(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    make_garden(garden, {"pathway/autophagy.md": "---\ntitle: Autophagy\ntype: pathway\n---\n# Autophagy\n"})
    run_import(empty_db, garden, ontology, state)
    records, _, _ = empty_db.execute_query("MATCH (n:Entity {name: 'Autophagy'}) RETURN n.id AS id, n.stub AS stub")
    assert [(r["id"], r["stub"]) for r in records] == [("pathway:autophagy", None)]
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_rename_and_move_equal_a_cold_import(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    (garden / "protein").rename(garden / "proteins")
    (garden / "drug/metformin.md").rename(garden / "drug/metformin-hcl.md")
    summary = run_import(empty_db, garden, ontology, state)
    assert summary.changes is not None and summary.changes.mode == "incremental"
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_two_gardens_stay_apart_and_share_the_entities_both_describe(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    # Links resolve within their own garden: the clinic writes an AKT1 note to link to the lab's AKT1.
    state = tmp_path / "state"
    other = make_garden(
        tmp_path / "clinic",
        {
            "hormone/insulin.md": "---\ntitle: Insulin\ntype: hormone\n---\n# Insulin\nACTIVATES:: [[AKT1]] - clinic\n",
            "protein/akt1.md": "---\ntitle: AKT1\ntype: protein\n---\n# AKT1\n",
            "drug/glp1.md": "---\ntitle: Semaglutide\ntype: drug\n---\n# Semaglutide\nTREATS:: [[Type 2 Diabetes]]\n",
        },
    )
    run_import(empty_db, garden, ontology, state)
    run_import(empty_db, other, ontology, state)
    records, _, _ = empty_db.execute_query(
        "MATCH (i:Entity {id: 'hormone:insulin'})-[r:ACTIVATES]->(:Entity {name: 'AKT1'}) "
        "RETURN i.gardens AS g, i.sources AS ns, r.gardens AS rg, r.sources AS rs"
    )
    row = records[0]
    # A relationship's gardens are named by its sources alone.
    assert sorted(row["g"]) == ["clinic", "lab"] and row["rg"] is None
    assert sorted(row["ns"]) == ["clinic/hormone/insulin.md", "lab/hormone/insulin.md"]
    assert sorted(row["rs"]) == ["clinic/hormone/insulin.md", "lab/hormone/insulin.md", "lab/protein/akt1.md"]

    # The lab garden loses its Insulin note: the clinic garden still states Insulin and its fact.
    (garden / "hormone/insulin.md").unlink()
    run_import(empty_db, garden, ontology, state)
    records, _, _ = empty_db.execute_query(
        "MATCH (i:Entity {id: 'hormone:insulin'})-[r:ACTIVATES]->(:Entity {name: 'AKT1'}) "
        "RETURN i.gardens AS g, r.sources AS rs"
    )
    assert [(r["g"], r["rs"]) for r in records] == [(["clinic"], ["clinic/hormone/insulin.md"])]
    assert ("Semaglutide", "TREATS", "Type 2 Diabetes") in facts(empty_db)
    # Facts only the lab's Insulin note stated are gone; the clinic's are not.
    assert ("Insulin", "INHIBITS", "Autophagy") not in facts(empty_db)

    # Removing the whole clinic garden's notes leaves the lab garden as a cold import of it gives.
    shutil.rmtree(other)
    other.mkdir()
    run_import(empty_db, other, ontology, state)
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_an_explicit_garden_name_is_used_and_checked(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    from onto.sync import BadGardenName

    run_import(empty_db, garden, ontology, tmp_path / "state", garden="team-a")
    records, _, _ = empty_db.execute_query("MATCH (g:OntoGarden) RETURN g.name AS name, g.notes AS notes")
    assert [(r["name"], r["notes"]) for r in records] == [("team-a", 4)]
    with pytest.raises(BadGardenName):
        run_import(empty_db, garden, ontology, tmp_path / "state", garden="a/b")


def test_hand_made_data_is_never_touched(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    empty_db.execute_query(
        "CREATE (:Entity:Note {id: 'hand:review', name: 'Review 2026'}) "
        "WITH 1 AS x MATCH (m:Entity {name: 'Metformin'}), (a:Entity {name: 'AKT1'}) "
        "CREATE (m)-[:DISCUSSED_IN {by: 'analyst'}]->(a)"
    )
    empty_db.execute_query(
        "MATCH (h:Entity {id: 'hand:review'}), (i:Entity {name: 'Insulin'}) CREATE (h)-[:MENTIONS]->(i)"
    )
    # Full sync from the graph (state ignored) and incremental sync both leave them alone.
    (garden / "drug/metformin.md").unlink()
    summary = run_import(empty_db, garden, ontology, state, full=True)
    assert summary.changes is not None and summary.changes.nodes_kept_for_hand_made == 1
    records, _, _ = empty_db.execute_query(
        "MATCH (m:Entity {name: 'Metformin'})-[r:DISCUSSED_IN]->(:Entity {name: 'AKT1'}) "
        "RETURN r.by AS by, m.gardens AS g"
    )
    assert [(r["by"], r["g"]) for r in records] == [("analyst", [])]
    (garden / "hormone/insulin.md").write_text(INSULIN.replace("[[AKT1]]", "[[FOXO3]]"), encoding="utf-8")
    run_import(empty_db, garden, ontology, state)
    assert ("Review 2026", "MENTIONS", "Insulin") in facts(empty_db)
    records, _, _ = empty_db.execute_query("MATCH (n:Entity {id: 'hand:review'}) RETURN properties(n) AS p")
    assert records[0]["p"] == {"id": "hand:review", "name": "Review 2026"}


def test_dry_run_says_what_an_import_would_do_and_writes_nothing(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    dry_first = run_import(empty_db, garden, ontology, state, dry_run=True)
    assert snapshot(empty_db) == {"nodes": [], "relationships": []}
    assert dry_first.changes is not None and not dry_first.written
    real_first = run_import(empty_db, garden, ontology, state)
    assert real_first.changes is not None
    assert counts(dry_first) == counts(real_first)

    (garden / "drug/metformin.md").unlink()
    before = snapshot(empty_db)
    dry = run_import(empty_db, garden, ontology, state, dry_run=True)
    assert snapshot(empty_db) == before
    real = run_import(empty_db, garden, ontology, state)
    assert dry.changes is not None and real.changes is not None
    assert counts(dry) == counts(real)
    # Metformin states two facts and is the only one to mention AMPK.
    assert (real.changes.relationships_deleted, real.changes.nodes_deleted) == (2, 2)


def test_an_import_that_died_half_way_is_followed_by_a_full_one(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    run_import(empty_db, garden, ontology, state)
    (garden / "drug/metformin.md").unlink()
    # What a crash leaves: the import began (token cleared) and wrote part of its rows.
    writer = Neo4jWriter(empty_db)
    writer.begin("lab")
    empty_db.execute_query("MATCH (n:Entity {name: 'AKT1'}) SET n.half_written = true")
    summary = run_import(empty_db, garden, ontology, state)
    assert summary.changes is not None and summary.changes.mode == "full"
    assert snapshot(empty_db) == cold(empty_db, garden, ontology, tmp_path)


def test_a_lock_left_by_an_import_that_died_is_taken_over(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    dead = subprocess.Popen(["true"])  # a process that has ended: its pid names nobody now
    dead.wait()
    holder = f"{socket.gethostname()} {dead.pid} 1 dead-run"
    empty_db.execute_query(
        "CREATE (:OntoLock {name: 'import', holder: $holder, expires: datetime() + duration('PT1H')})", holder=holder
    )
    summary = run_import(empty_db, garden, ontology, tmp_path / "state")
    assert summary.written
    assert empty_db.execute_query("MATCH (l:OntoLock) RETURN count(l) AS n").records[0]["n"] == 0


def test_an_import_waits_for_a_live_one_and_gives_up_with_a_clear_error(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology
) -> None:
    # A holder on another machine: only its lease tells whether it is alive.
    empty_db.execute_query(
        "CREATE (:OntoLock {name: 'import', holder: 'elsewhere 1 1 run', expires: datetime() + duration('PT1H')})"
    )
    writer = Neo4jWriter(empty_db)
    with pytest.raises(DatabaseBusy, match="elsewhere"), writer.import_lock(wait_s=1.0):
        pass
    empty_db.execute_query("MATCH (l:OntoLock) SET l.expires = datetime() - duration('PT1S')")
    with writer.import_lock(wait_s=1.0):
        records, _, _ = empty_db.execute_query("MATCH (l:OntoLock) RETURN l.holder AS h")
        assert records[0]["h"].startswith(socket.gethostname())


def test_an_import_that_lost_its_lock_stops_instead_of_writing_beside_another(empty_db: neo4j.Driver) -> None:
    writer = Neo4jWriter(empty_db)
    with pytest.raises(DatabaseBusy, match="lost"), writer.import_lock():
        # What a stall past the lease looks like: another import has taken the lock meanwhile.
        empty_db.execute_query("MATCH (l:OntoLock) SET l.holder = 'elsewhere 1 1 other'")
        writer._lock_renewed -= 3600  # the lease is due for renewal
        writer.keep_lock()
    records, _, _ = empty_db.execute_query("MATCH (l:OntoLock) RETURN l.holder AS h")
    assert [r["h"] for r in records] == ["elsewhere 1 1 other"]  # the other import's lock is left alone


def test_the_summary_leaves_info_out_when_asked(
    empty_db: neo4j.Driver, garden: Path, ontology: Ontology, tmp_path: Path
) -> None:
    """`info=False` (the table's way) lists the errors and warnings a full listing has, and no info,
    whether the import was full, had nothing to do or was incremental."""
    (garden / "drug/metformin.md").write_text(METFORMIN + "INHIBITS:: [[ ]]\n", encoding="utf-8")  # a warning
    state = tmp_path / "state"
    listed = run_import(empty_db, garden, ontology, tmp_path / "listing", full=True).problems
    severities = {p.severity for p in listed}
    assert {Severity.WARNING, Severity.INFO} <= severities  # links to missing notes are info
    notable = [p for p in listed if p.severity is not Severity.INFO]

    first = run_import(empty_db, garden, ontology, state, info=False)
    again = run_import(empty_db, garden, ontology, state, info=False)
    (garden / "pathway/mtor.md").write_text(MTOR + "ACTIVATES:: [[AKT1]]\n", encoding="utf-8")
    edited = run_import(empty_db, garden, ontology, state, info=False)
    modes = [s.changes.mode if s.changes else None for s in (first, again, edited)]
    assert modes == ["full", "unchanged", "incremental"]
    assert first.problems == again.problems == edited.problems == notable
    assert len(edited.warnings) == len([p for p in listed if p.severity is Severity.WARNING])
