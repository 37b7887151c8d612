"""The guide server: onto's style sheet and a guide of this database, for Neo4j Browser.

`onto browser serve` runs it; `onto server start` starts it beside Neo4j and sets Neo4j's
`browser.post_connect_cmd` to apply the style and play the guide as soon as a user logs in.
It answers:

* `/onto.grass`: the style sheet (one colour per entity type, from the ontology);
* `/guide.html`: what the graph holds and every question of the library, each asked about
  an entity of this graph that answers it (graph_overview.py), made anew when an import
  has changed the graph since the last time it was asked for;
* `/question/NAME.html`: one question, which the guide's list plays with one click.
"""

from __future__ import annotations

import http.server
import re
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import neo4j

from .browser import GUIDE_FILE, grass_style, guide_html, question_html
from .graph_overview import GARDENS, Overview, example_types, overview
from .ontology import Ontology
from .queries import LibraryQuery

GUIDE_PATH = "/guide.html"
STYLE_PATH = "/onto.grass"
_QUESTION = re.compile(r"^/question/([\w-]+)\.html$")


def example_garden_dir() -> Path | None:
    """The team's example garden, where onto runs from a checkout (it names the kinds of entity
    the questions' examples are); None in an installed package."""
    here = Path(__file__).resolve().parent
    candidate = here.parents[1] / "examples" / "garden"
    return candidate if candidate.is_dir() else None


@dataclass
class GuideSource:
    """What the pages are made of, and the last overview of the graph (made again when an
    import changes the gardens' tokens)."""

    driver: neo4j.Driver
    library: dict[str, LibraryQuery]
    ontology: Ontology
    database: str | None = None
    example_garden: Path | None = None
    _types: dict[str, str] | None = field(default=None, repr=False)
    _overview: Overview | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def current(self) -> Overview:
        with self._lock:
            gardens = self.driver.execute_query(GARDENS, database_=self.database).records
            key = tuple(f"{g['name']}:{g['token']}" for g in gardens)
            if self._overview is None or self._overview.key != key:
                if self._types is None:
                    self._types = example_types(self.example_garden, self.ontology)
                self._overview = overview(self.driver, self.library, self._types, self.database)
            return self._overview

    def page(self, path: str, base_url: str) -> tuple[str, str] | None:
        """(content type, body) of a path, or None when there is no such page."""
        if path == STYLE_PATH:
            return "text/plain; charset=utf-8", grass_style(self.ontology)
        if path in (GUIDE_PATH, f"/{GUIDE_FILE}"):
            return "text/html; charset=utf-8", guide_html(self.library.values(), self.current(), base_url)
        found = _QUESTION.match(path)
        if found and found.group(1) in self.library:
            name = found.group(1)
            return "text/html; charset=utf-8", question_html(self.library[name], self.current().examples.get(name))
        return None


class _Handler(http.server.BaseHTTPRequestHandler):
    """The pages, with the CORS headers Browser needs to fetch them from another origin."""

    source: GuideSource

    def _headers(self, status: int, content_type: str | None = None, length: int = 0) -> None:
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")  # the guide changes with the graph
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def do_OPTIONS(self) -> None:  # noqa: N802 - the base class's naming
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        base_url = f"http://{self.headers.get('Host') or 'localhost'}"
        try:
            found = self.source.page(self.path.split("?", 1)[0], base_url)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as error:
            body = f"the guide could not read the database: {error}".encode()
            self._headers(503, "text/plain; charset=utf-8", len(body))
            self.wfile.write(body)
            return
        if found is None:
            self._headers(404)
            return
        content_type, text = found
        body = text.encode("utf-8")
        self._headers(200, content_type, len(body))
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


REFRESH_S = 5.0


class GuideServer:
    """The pages on host:port, served by a background thread; another thread makes the guide anew as
    soon as an import changes the graph, so that a user who logs in does not wait for it."""

    def __init__(self, source: GuideSource, port: int, host: str = "127.0.0.1") -> None:
        handler = type("GuideHandler", (_Handler,), {"source": source})
        self._http = http.server.ThreadingHTTPServer((host, port), partial(handler))
        self._stop = threading.Event()
        threading.Thread(target=self._http.serve_forever, daemon=True, name="onto-guide").start()
        threading.Thread(target=self._keep_current, args=(source,), daemon=True, name="onto-guide-refresh").start()

    def _keep_current(self, source: GuideSource) -> None:
        while not self._stop.is_set():
            with suppress(neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError):
                source.current()
            self._stop.wait(REFRESH_S)

    def shutdown(self) -> None:
        self._stop.set()
        self._http.shutdown()
        self._http.server_close()
