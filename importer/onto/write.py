"""Write a resolved graph to Neo4j: every write statement of the project lives here.

The writer is handed a driver and a database name; it never makes a driver. Everything a
note says travels as a parameter, labels and relationship types too (dynamic labels), and
those still pass `require_identifier` first.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from itertools import islice
from typing import Any

import neo4j

from .identifiers import require_identifier
from .shared import Say, shared_properties, stored_says

SCHEMA = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)",
    # Full-text indexes read text properties only, so the aliases list is also stored as `alias_text`.
    "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.alias_text, n.description]",
    # Every node's keys (names.py) as single terms: the query library finds the entities a name
    # means here, as links find notes. A range index cannot look inside a list.
    "CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (n:Entity) ON EACH [n.keys] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
    "CREATE CONSTRAINT onto_garden_name IF NOT EXISTS FOR (g:OntoGarden) REQUIRE g.name IS UNIQUE",
    "CREATE CONSTRAINT onto_lock_name IF NOT EXISTS FOR (l:OntoLock) REQUIRE l.name IS UNIQUE",
)

# Ownership: every node and relationship an import writes lists the notes behind it in
# `sources` as "garden/path"; a node also lists its gardens in `gardens` (a stub has no note
# behind it). An import touches only what its own garden's notes or name are on, so another
# garden's data and what analysts made by hand stay as they are. A row's properties are what
# its notes say now: SET replaces them all. What other gardens also describe is returned to
# the writer instead, which shows their merged say (shared.py) in a second statement.
# A relationship has no `gardens`: its sources name them, and the list made writing
# relationships slower (bench/RESULTS.md, "behind the code").
_OTHER_SOURCES = "[s IN coalesce({x}.sources, []) WHERE NOT s STARTS WITH $prefix] AS other_sources"
_OWNED_RELATIONSHIP = "any(s IN coalesce(r.sources, []) WHERE s STARTS WITH $prefix)"
_ONLY_IF = "FOREACH (_ IN CASE WHEN {condition} THEN [1] ELSE [] END | {clauses})"
# EXPLAIN shows an Eager operator in each write statement that UNWINDs a batch: a map of
# properties (`SET n = row.properties`) may hold any key, `id` among them, which later rows
# look up; and what one row releases or deletes, a later row may match. An Eager holds one
# batch (`batch_size` rows), never the garden. Keeping it out of the batch, each row in a
# `CALL (row) { ... }` of its own, was slower: the benchmark's plain CREATE of 500,000
# relationships took 15.91 and 16.68 s, and 16.86, 17.90 and 18.59 s that way (one server,
# alternating, after a warm-up run). The benchmark's limit plans the same Eager.
# One statement for every label and one for every relationship type (dynamic labels and
# types, Neo4j 5.26+): a fresh server compiles two queries, not one per type of the garden.
# MERGE on the constrained key only, then set the rest, so a re-import finds what it wrote.
MERGE_NODES = (
    "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) "
    "WITH n, row, [g IN coalesce(n.gardens, []) WHERE g <> $garden] AS other_gardens "
    + _ONLY_IF.format(
        condition="other_gardens = []",
        clauses="SET n = row.properties, n.sources = row.sources, n.gardens = [$garden] "
        "SET n:$(row.labels) REMOVE n:$(row.drop_labels)",
    )
    + " WITH n, row, other_gardens WHERE other_gardens <> [] "
    "RETURN row.id AS id, properties(n) AS properties, labels(n) AS labels"
)
# The rows of nodes several gardens describe, made whole by the writer (properties include
# the bookkeeping: sources, gardens, said, said_by).
SET_NODES = (
    "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) "
    "SET n = row.properties SET n:$(row.labels) REMOVE n:$(row.drop_labels)"
)
CREATE_NODES = (
    "UNWIND $rows AS row CREATE (n:Entity) "
    "SET n = row.properties, n.sources = row.sources, n.gardens = [$garden] SET n:$(row.labels)"
)
MERGE_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
    f"MERGE (a)-[r:$(row.type)]->(b) WITH r, row, {_OTHER_SOURCES.format(x='r')} "
    + _ONLY_IF.format(condition="other_sources = []", clauses="SET r = row.properties, r.sources = row.sources")
    + " WITH r, row, other_sources WHERE other_sources <> [] "
    "RETURN row.type AS type, row.source AS source, row.target AS target, properties(r) AS properties"
)
_RELATIONSHIP_OF_ROW = "MATCH (:Entity {id: row.source})-[r:$(row.type)]->(:Entity {id: row.target})"
SET_RELATIONSHIPS = f"UNWIND $rows AS row {_RELATIONSHIP_OF_ROW} SET r = row.properties"
# A relationship whose source or target this import created cannot exist yet: CREATE it,
# far cheaper than a MERGE that must look through a hub's relationships (bench/RESULTS.md, "behind the code").
# Sound because one import at a time writes (the lock below).
CREATE_RELATIONSHIPS = (
    "UNWIND $rows AS row "
    "MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
    "CREATE (a)-[r:$(row.type)]->(b) SET r = row.properties, r.sources = row.sources"
)
EXISTING_NODES = "UNWIND $rows AS id MATCH (n:Entity {id: id}) RETURN n.id AS id"
# A fact this garden no longer states loses the garden's notes; with no note left it goes.
# One that other gardens still state, and whose says it keeps, is returned to be shown anew.
RELEASE_RELATIONSHIPS = (
    f"UNWIND $rows AS row {_RELATIONSHIP_OF_ROW} WHERE {_OWNED_RELATIONSHIP} "
    "SET r.sources = [s IN r.sources WHERE NOT s STARTS WITH $prefix] "
    "WITH r, row, r.sources = [] AS gone, CASE WHEN r.said_by IS NOT NULL THEN properties(r) END AS shared "
    + _ONLY_IF.format(condition="gone", clauses="DELETE r")
    + " WITH row, shared, gone WHERE shared IS NOT NULL AND NOT gone "
    "RETURN row.type AS type, row.source AS source, row.target AS target, shared AS properties"
)
RELEASE_NODES = (
    "UNWIND $rows AS id MATCH (n:Entity {id: id}) WHERE $garden IN n.gardens "
    "SET n.sources = [s IN n.sources WHERE NOT s STARTS WITH $prefix], n.gardens = [g IN n.gardens WHERE g <> $garden] "
    "WITH n WHERE n.gardens <> [] AND n.said_by IS NOT NULL "
    "RETURN n.id AS id, properties(n) AS properties, labels(n) AS labels"
)
# A node no garden describes goes, unless relationships made by hand still use it.
DELETE_RELEASED_NODES = (
    "UNWIND $rows AS id MATCH (n:Entity {id: id}) WHERE n.gardens = [] AND NOT EXISTS { (n)--() } DELETE n"
)
COUNT_KEPT_NODES = "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n.gardens = [] RETURN count(n) AS kept"
OWNED_NODES = "MATCH (n:Entity) WHERE $garden IN n.gardens RETURN n.id AS id"
OTHERS_ENTITIES = (
    "MATCH (n:Entity) WHERE any(g IN coalesce(n.gardens, []) WHERE g <> $garden) "
    "RETURN n.id AS id, n.xref AS xref, n.keys AS keys, n.said_by AS said_by, n.said AS said"
)
OWNED_RELATIONSHIPS = (
    f"MATCH (a:Entity)-[r]->(b:Entity) WHERE {_OWNED_RELATIONSHIP} "
    "RETURN type(r) AS type, a.id AS source, b.id AS target"
)
# One import writes to a database at a time: a lease on one node, renewed while it writes.
# An import that died leaves a lease that runs out, or one whose process is visibly gone.
TAKE_LOCK = (
    "MERGE (l:OntoLock {name: 'import'}) "
    "WITH l WHERE l.holder IS NULL OR l.holder IN [$holder, $stale] OR l.expires < datetime() "
    "SET l.holder = $holder, l.expires = datetime() + duration({seconds: $lease}) RETURN l.holder AS holder"
)
READ_LOCK = "MATCH (l:OntoLock {name: 'import'}) RETURN l.holder AS holder"
DROP_LOCK = "MATCH (l:OntoLock {name: 'import'}) WHERE l.holder = $holder DELETE l"
LOCK_LEASE_S = 60
# The token names the import that last completed for a garden; null while one is under way.
READ_TOKEN = "MATCH (g:OntoGarden {name: $garden}) RETURN g.token AS token"
CLEAR_TOKEN = "MERGE (g:OntoGarden {name: $garden}) SET g.token = null"
SET_TOKEN = (
    "MERGE (g:OntoGarden {name: $garden}) "
    "SET g.token = $token, g.root = $root, g.imported_at = datetime(), g += $counts"
)
DATABASE_ID = "CALL db.info() YIELD id RETURN id"
SERVER_VERSION = "CALL dbms.components() YIELD name, versions WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version"
MINIMUM_VERSION = (5, 26)


class UnsupportedServer(Exception):
    """The Neo4j server is older than the statements here need."""


class DatabaseBusy(Exception):
    """Another import holds the database's import lock and is still alive."""


def _holder_is_gone(holder: str) -> bool:
    """Whether the import that wrote this lock holder is visibly dead (same machine only)."""
    host, pid, thread, _ = (holder.split(" ") + ["", "", "", ""])[:4]
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine: only the lease's end tells
    if int(pid) == os.getpid():
        return thread not in {str(t.ident) for t in threading.enumerate()}
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _version_tuple(version: str) -> tuple[int, int]:
    major, minor = (int(part) for part in version.split(".")[:2])
    return major, minor


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of `size` rows (itertools.batched, from Python 3.12)."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _run_rows(
    tx: neo4j.ManagedTransaction, statement: str, rows: Sequence[Any], parameters: dict[str, Any]
) -> list[dict[str, Any]]:
    """Run a statement on a batch of rows; what it returns (the rows other gardens share)."""
    return [record.data() for record in tx.run(statement, rows=list(rows), **parameters)]


class Neo4jWriter:
    """Writes one garden's rows into one Neo4j database, and reads what that garden owns there."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str | None = None,
        batch_size: int = 2000,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.on_progress = on_progress or (lambda _: None)
        self._server_checked = False  # the version is asked once per writer, not per step
        self._holder: str | None = None  # set while this writer holds the import lock
        self._lock_renewed = 0.0

    def _run(self, statement: str, rows: Sequence[Any], **parameters: Any) -> list[dict[str, Any]]:
        returned: list[dict[str, Any]] = []
        with self._session() as session:
            for start in range(0, len(rows), self.batch_size):
                batch = rows[start : start + self.batch_size]
                # Managed transactions retry transient errors; every statement is idempotent.
                returned += session.execute_write(_run_rows, statement, batch, parameters)
                self.on_progress(len(batch))
                self.keep_lock()
        return returned

    def _session(self) -> neo4j.Session:
        # "label OntoGarden does not exist" on a first import is expected, not news for the user.
        return self.driver.session(database=self.database, notifications_min_severity="OFF")

    def _records(
        self, statement: str, parameters: dict[str, Any]
    ) -> Callable[[neo4j.ManagedTransaction], list[neo4j.Record]]:
        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(statement, parameters))

        return work

    def _read(self, statement: str, **parameters: Any) -> list[neo4j.Record]:
        with self._session() as session:
            return session.execute_read(self._records(statement, parameters))

    def _write_one(self, statement: str, **parameters: Any) -> list[neo4j.Record]:
        with self._session() as session:
            return session.execute_write(self._records(statement, parameters))

    def check_server(self) -> None:
        if self._server_checked:
            return
        records = self._read(SERVER_VERSION)
        version = str(records[0]["version"]) if records else "unknown"
        if version == "unknown" or _version_tuple(version) < MINIMUM_VERSION:
            raise UnsupportedServer(f"onto needs Neo4j 5.26 or newer; this server runs {version}")
        self._server_checked = True

    def ensure_schema(self) -> None:
        self.check_server()
        with self.driver.session(database=self.database) as session:
            for statement in SCHEMA:
                session.run(statement).consume()

    def database_id(self) -> str:
        """The store id: a database dropped and made again under the same name gets a new one."""
        return str(self._read(DATABASE_ID)[0]["id"])

    # --- the import lock ------------------------------------------------------------------
    @contextmanager
    def import_lock(self, wait_s: float = 600.0) -> Iterator[None]:
        """Hold the database's import lock; wait for another live import to finish first."""
        holder = f"{socket.gethostname()} {os.getpid()} {threading.get_ident()} {secrets.token_hex(4)}"
        deadline = time.monotonic() + wait_s
        while not self._write_one(TAKE_LOCK, holder=holder, stale=None, lease=LOCK_LEASE_S):
            current = self._read(READ_LOCK)
            other = str(current[0]["holder"]) if current else None
            taken_over = other is not None and _holder_is_gone(other)
            if taken_over and self._write_one(TAKE_LOCK, holder=holder, stale=other, lease=LOCK_LEASE_S):
                break
            if time.monotonic() > deadline:
                raise DatabaseBusy(f"another onto import is writing to this database ({other}); try again later")
            time.sleep(0.5)
        self._holder, self._lock_renewed = holder, time.monotonic()
        try:
            yield
        finally:
            self._holder = None
            # When the server is gone or refuses, the lease runs out by itself.
            with suppress(neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError):
                self._write_one(DROP_LOCK, holder=holder)

    def keep_lock(self) -> None:
        """Renew the lease when a third of it has passed; the batch loop calls it, and so may a long phase."""
        if self._holder is not None and time.monotonic() - self._lock_renewed > LOCK_LEASE_S / 3:
            if not self._write_one(TAKE_LOCK, holder=self._holder, stale=None, lease=LOCK_LEASE_S):
                # Stalled past the lease, and another import took over: stop rather than write beside it.
                raise DatabaseBusy("this import lost the database's import lock to another import; run it again")
            self._lock_renewed = time.monotonic()

    # --- what a garden owns -------------------------------------------------------------
    def token(self, garden: str) -> str | None:
        records = self._read(READ_TOKEN, garden=garden)
        return records[0]["token"] if records else None

    def begin(self, garden: str) -> None:
        """Mark the garden's import as under way: if it dies, the next import is a full one."""
        self._write_one(CLEAR_TOKEN, garden=garden)

    def finish(self, garden: str, token: str, root: str, counts: dict[str, int]) -> None:
        self._write_one(SET_TOKEN, garden=garden, token=token, root=root, counts=counts)

    def owned_nodes(self, garden: str) -> list[str]:
        return [r["id"] for r in self._read(OWNED_NODES, garden=garden)]

    def others_entities(self, garden: str) -> list[dict[str, Any]]:
        """The id, identifiers and name keys of every node another garden (or source) describes,
        as the others say them: what this garden said of a node it shares is not theirs."""
        found = []
        for record in self._read(OTHERS_ENTITIES, garden=garden):
            entity = {"id": record["id"], "xref": record["xref"] or [], "keys": record["keys"] or []}
            if record["said_by"]:
                says = stored_says({"said_by": record["said_by"], "said": record["said"]}, (), ())
                others = [say.properties for name, say in says.items() if name != garden]
                entity["xref"] = [x for p in others for x in p.get("xref") or []]
                entity["keys"] = [k for p in others for k in p.get("keys") or []]
            found.append(entity)
        return found

    def owned_relationships(self, garden: str) -> list[tuple[str, str, str]]:
        records = self._read(OWNED_RELATIONSHIPS, prefix=f"{garden}/")
        return [(r["type"], r["source"], r["target"]) for r in records]

    # --- writes -------------------------------------------------------------------------
    def write_nodes(self, garden: str, rows: Sequence[dict[str, Any]], new_nodes: set[str]) -> None:
        """Merge the rows; CREATE those in `new_nodes` (missing, and nobody else writes: the lock)."""
        for row in rows:
            for label in (*row["labels"], *row["drop_labels"]):
                require_identifier(label)
        self._run(CREATE_NODES, [r for r in rows if r["id"] in new_nodes], garden=garden)
        existing = [r for r in rows if r["id"] not in new_nodes]
        shared = self._run(MERGE_NODES, existing, garden=garden)
        if shared:
            by_id = {r["id"]: r for r in existing}
            self._run(SET_NODES, [_shared_node(garden, found, by_id[found["id"]]) for found in shared])

    def missing_nodes(self, ids: Sequence[str]) -> set[str]:
        """Which of these nodes the database does not hold yet."""
        found: set[str] = set()
        for start in range(0, len(ids), 10_000):
            found.update(r["id"] for r in self._read(EXISTING_NODES, rows=list(ids[start : start + 10_000])))
        return set(ids) - found

    def write_relationships(self, garden: str, rows: Iterable[dict[str, Any]], new_nodes: set[str]) -> None:
        """Merge the rows; CREATE those with an end in `new_nodes` (made by this import, so no edge yet).

        `rows` may be a generator that builds each row when asked: a thread writes one batch
        while this one builds the next, so the database and Python work at the same time, and a
        million rows never sit in memory at once."""
        with self._session() as session, ThreadPoolExecutor(1, thread_name_prefix="onto-write") as writing:
            pending: deque[Future[None]] = deque()
            for batch in batched(rows, self.batch_size):
                fresh: list[dict[str, Any]] = []
                known: list[dict[str, Any]] = []
                for row in batch:
                    require_identifier(row["type"])
                    (fresh if row["source"] in new_nodes or row["target"] in new_nodes else known).append(row)
                while len(pending) >= 2:  # a batch being written and one waiting: enough to never idle
                    pending.popleft().result()
                pending.append(writing.submit(self._write_batches, session, garden, fresh, known))
            while pending:
                pending.popleft().result()

    def _write_batches(
        self, session: neo4j.Session, garden: str, fresh: list[dict[str, Any]], known: list[dict[str, Any]]
    ) -> None:
        if fresh:
            session.execute_write(_run_rows, CREATE_RELATIONSHIPS, fresh, {})
            self.on_progress(len(fresh))
        if known:
            shared = session.execute_write(_run_rows, MERGE_RELATIONSHIPS, known, {"prefix": f"{garden}/"})
            if shared:
                by_key = {(r["type"], r["source"], r["target"]): r for r in known}
                rows = [_shared_relationship(garden, found, by_key[_key(found)]) for found in shared]
                session.execute_write(_run_rows, SET_RELATIONSHIPS, rows, {})
            self.on_progress(len(known))
        self.keep_lock()

    def release_relationships(self, garden: str, keys: Sequence[tuple[str, str, str]]) -> None:
        rows = [{"type": require_identifier(t), "source": s, "target": o} for t, s, o in keys]
        still_shared = self._run(RELEASE_RELATIONSHIPS, rows, prefix=f"{garden}/")
        self._run(SET_RELATIONSHIPS, [row for found in still_shared if (row := _released_relationship(garden, found))])

    def release_nodes(self, garden: str, ids: Sequence[str]) -> int:
        """Release the nodes and delete those nothing uses; how many hand-made edges kept alive."""
        still_shared = self._run(RELEASE_NODES, ids, garden=garden, prefix=f"{garden}/")
        self._run(SET_NODES, [row for found in still_shared if (row := _released_node(garden, found))])
        self._run(DELETE_RELEASED_NODES, ids)
        if not ids:
            return 0
        return int(self._read(COUNT_KEPT_NODES, ids=list(ids))[0]["kept"])


# --- what several gardens describe (shared.py holds the rule) -------------------------------
def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return row["type"], row["source"], row["target"]


def _others(sources: Iterable[str], garden: str) -> list[str]:
    prefix = f"{garden}/"
    return [s for s in sources if not s.startswith(prefix)]


def _labels(says: Iterable[Say]) -> set[str]:
    return {label for say in says for label in say.labels}


def _node_row(found: dict[str, Any], says: dict[str, Say], sources: list[str], put: set[str]) -> dict[str, Any]:
    """The row that shows these says; `put`: labels says put on the node, which go unless shown."""
    properties, shown = shared_properties(says, sources, node=True)
    drop = [label for label in found["labels"] if label in put and label not in shown.labels]
    return {"id": found["id"], "properties": properties, "labels": list(shown.labels), "drop_labels": drop}


def _shared_node(garden: str, found: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The row of a node other gardens describe too, once this garden's row is its say."""
    properties = found["properties"]
    before = stored_says(properties, found["labels"], [g for g in properties.get("gardens", []) if g != garden])
    says = {g: say for g, say in before.items() if g != garden}
    says[garden] = Say(row["properties"], tuple(sorted(row["labels"])))
    sources = _others(properties.get("sources", []), garden) + row["sources"]
    return _node_row(found, says, sources, _labels(before.values()) | _labels(says.values()) | set(row["drop_labels"]))


def _released_node(garden: str, found: dict[str, Any]) -> dict[str, Any] | None:
    """The row of a node this garden no longer describes and others still do (None: none says)."""
    before = stored_says(found["properties"], found["labels"], ())
    says = {g: say for g, say in before.items() if g != garden}
    return _node_row(found, says, found["properties"].get("sources", []), _labels(before.values())) if says else None


def _shared_relationship(garden: str, found: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    properties = found["properties"]
    others = _others(properties.get("sources", []), garden)
    says = stored_says(properties, (), sorted({s.split("/", 1)[0] for s in others}))
    says.pop(garden, None)
    says[garden] = Say(row["properties"])
    merged, _ = shared_properties(says, others + row["sources"], node=False)
    return {**row, "properties": merged}


def _released_relationship(garden: str, found: dict[str, Any]) -> dict[str, Any] | None:
    says = stored_says(found["properties"], (), ())
    says.pop(garden, None)
    if not says:
        return None
    merged, _ = shared_properties(says, found["properties"].get("sources", []), node=False)
    return {"type": found["type"], "source": found["source"], "target": found["target"], "properties": merged}
