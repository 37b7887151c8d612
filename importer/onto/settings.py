"""Connection settings: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE.

Read from the environment, then from a `.env` file in the working directory; the
environment wins. The defaults are the development server that `onto server start` runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import neo4j
from dotenv import dotenv_values

DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USERNAME = "neo4j"
# A development default, documented in the README; set NEO4J_PASSWORD for anything shared.
DEFAULT_PASSWORD = "onto-dev-password"
# How long to wait for a connection: a server that is down, starting or hung is told in
# seconds, not after the driver's defaults (30 s to connect, 60 s for the handshake).
CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class ConnectionSettings:
    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str = field(default=DEFAULT_PASSWORD, repr=False)  # never printed
    database: str | None = None  # None: the server's default database

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> ConnectionSettings:
        values: dict[str, str | None] = {}
        if dotenv is not None and dotenv.is_file():
            values.update(dotenv_values(dotenv))
        values.update(os.environ if environ is None else environ)
        return cls(
            uri=values.get("NEO4J_URI") or DEFAULT_URI,
            username=values.get("NEO4J_USERNAME") or values.get("NEO4J_USER") or DEFAULT_USERNAME,
            password=values.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
            database=values.get("NEO4J_DATABASE") or None,
        )

    @property
    def display_uri(self) -> str:
        """The URI as messages show it: a password written into it (`bolt://user:secret@host`) hidden."""
        parts = urlsplit(self.uri)
        if parts.password is None:
            return self.uri
        host = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))

    def redact(self, text: str) -> str:
        """`text` (an error message, say) with every password of these settings hidden."""
        for secret in (self.password, urlsplit(self.uri).password):
            if secret:
                text = text.replace(secret, "***")
        return text

    def driver(self, notifications: bool = False) -> neo4j.Driver:
        """A driver; without `notifications` the server sends none (the driver would print each one
        as a warning, query text and all: `--debug` shows them)."""
        return neo4j.GraphDatabase.driver(
            self.uri,
            auth=(self.username, self.password),
            connection_timeout=CONNECT_TIMEOUT_S,
            connection_acquisition_timeout=CONNECT_TIMEOUT_S,  # the Bolt handshake's deadline is this one
            notifications_min_severity=None if notifications else "OFF",
        )
