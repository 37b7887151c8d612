"""Neo4j Browser extras made from the project's data: a GRASS style sheet from the ontology,
and a Browser guide (`:play`) from the query library, served on localhost."""

from __future__ import annotations

import html
import http.server
import json
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from .graph_overview import Overview
from .ontology import Ontology
from .queries import LibraryQuery

GUIDE_FILE = "onto-guide.html"


def _darker(colour: str, factor: float = 0.8) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


def grass_style(ontology: Ontology) -> str:
    """A GRASS style sheet: one colour per entity type, nodes captioned by name, relationships by type."""
    blocks = [
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        '  text-color-internal: #FFFFFF;\n  font-size: 10px;\n  caption: "{name}";\n}',
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        '  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: "<type>";\n}',
    ]
    for entity_type in ontology.entity_types:
        blocks.append(
            f"node.{entity_type.label} {{\n  color: {entity_type.color};\n"
            f"  border-color: {_darker(entity_type.color)};\n  text-color-internal: #FFFFFF;\n"
            '  caption: "{name}";\n}'
        )
    return "\n\n".join(blocks) + "\n"


def _param_commands(query: LibraryQuery, params: dict[str, object] | None = None) -> str:
    # Browser's :param takes a Cypher literal; JSON strings and numbers are valid ones.
    values = {**query.params, **(params or {})}
    return "\n".join(f":param {key} => {json.dumps(value)}" for key, value in values.items())


def _slide(query: LibraryQuery, params: dict[str, object] | None = None) -> str:
    columns = "".join(
        f"<li><code>{html.escape(name)}</code> {html.escape(text)}</li>" for name, text in query.columns.items()
    )
    commands = _param_commands(query, params)
    runnable = '<pre class="pre-scrollable code runnable">'
    set_params = (
        f"<p>Set its parameters (click, then run):</p>{runnable}{html.escape(commands)}</pre>"
        if commands
        else "<p>It takes no parameters.</p>"
    )
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("//"))
    return (
        '<slide class="row-fluid">\n<div class="col-sm-3">\n'
        f'<h3>{html.escape(query.name)}</h3>\n<p class="lead">{html.escape(query.description)}</p>\n</div>\n'
        f'<div class="col-sm-9">\n{set_params}\n<p>Then run the question:</p>\n'
        f"{runnable}{html.escape(body)}</pre>\n"
        f"<p>Columns:</p><ul>{columns}</ul>\n</div>\n</slide>"
    )


def _holdings(overview: Overview) -> str:
    """What the graph holds: entities by type, stubs, relationships, and the gardens imported."""
    kinds = ", ".join(f"{html.escape(str(t))} <b>{n:,}</b>" for t, n in overview.counts)
    gardens = "".join(
        f"<li><b>{html.escape(str(g['name']))}</b>: {g.get('entities') or 0:,} entities, "
        f"{g.get('relationships') or 0:,} relationships, imported {html.escape(str(g.get('imported_at'))[:16])}</li>"
        for g in overview.gardens
    )
    return (
        f"<p>Entities by type: {kinds or 'none yet'}; {overview.stubs:,} stubs (links to no note); "
        f"{overview.relationships:,} relationships.</p>"
        f"<p>Gardens:</p><ul>{gardens or '<li>none imported yet: run <code>onto import PATH</code></li>'}</ul>"
    )


def guide_html(queries: Iterable[LibraryQuery], overview: Overview | None = None, base_url: str = "") -> str:
    """A Browser guide: a first slide that explains (with `overview`: what this graph holds, and each
    question one click away, asked about an entity that answers it), then one slide per question."""
    queries = list(queries)
    examples = overview.examples if overview is not None else {}
    if overview is not None and base_url:
        index = "".join(
            f'<li><a play-topic="{html.escape(base_url)}/question/{html.escape(q.name)}.html">'
            f"{html.escape(q.name)}</a>: {html.escape(q.headline)}</li>"
            for q in queries
        )
    else:
        index = "".join(f"<li>{html.escape(q.name)}: {html.escape(q.headline)}</li>" for q in queries)
    holdings = _holdings(overview) if overview is not None else ""
    intro = (
        '<slide class="row-fluid">\n<div class="col-sm-4">\n<h3>onto questions</h3>\n'
        '<p class="lead">Pathway and condition questions over the gardens imported with onto.</p>\n'
        f"{holdings}</div>\n"
        '<div class="col-sm-8">\n<p>Each question sets its parameters and runs one query of the library '
        "(the files in <code>cypher/</code>), asked about an entity of this graph that answers it. "
        "Change a parameter and run again to ask about something else.</p>\n"
        f"<ol>{index}</ol>\n</div>\n</slide>"
    )
    slides = "\n".join([intro, *(_slide(q, examples.get(q.name)) for q in queries)])
    return _deck(slides)


def question_html(query: LibraryQuery, params: dict[str, object] | None = None) -> str:
    """A guide of one question: its parameters and its query, ready to run."""
    return _deck(_slide(query, params))


def _deck(slides: str) -> str:
    return f'<article class="guide">\n<carousel class="deck container-fluid">\n{slides}\n</carousel>\n</article>\n'


class _GuideHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the CORS header Browser needs to fetch a guide from another origin."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def do_OPTIONS(self) -> None:  # noqa: N802 - the base class's naming
        # Browser's fetch sends a preflight; without an answer the guide is blocked.
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def serve(directory: Path, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """Serve `directory` on host:port in a background thread; the caller shuts it down."""
    server = http.server.ThreadingHTTPServer((host, port), partial(_GuideHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
