"""The Browser style sheet and guide made from the ontology and the query library (no database)."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

from onto.browser import GUIDE_FILE, grass_style, guide_html, serve
from onto.ontology import Ontology
from onto.queries import load_library
from onto.server.throwaway import free_port


def test_style_gives_every_entity_type_its_colour(ontology: Ontology):
    style = grass_style(ontology)
    blocks = dict(re.findall(r"node\.(\w+) \{\n  color: (#[0-9A-Fa-f]{6});", style))
    assert blocks == {t.label: t.color for t in ontology.entity_types}
    assert 'caption: "{name}";' in style and 'caption: "<type>";' in style


def test_guide_has_a_slide_per_query_with_its_parameters_and_text():
    library = load_library()
    guide = guide_html(library.values())
    assert guide.count('<slide class="row-fluid">') == len(library) + 1
    assert ":param a =&gt; &quot;IGF-1&quot;" in guide  # net-effect's example, runnable in Browser
    assert "reduce(sign = 1, s IN relationships(v) | sign * s.sign)" in guide
    assert "<script" not in guide


def test_serve_answers_with_cors(tmp_path: Path):
    (tmp_path / GUIDE_FILE).write_text("<article class='guide'></article>")
    port = free_port()
    server = serve(tmp_path, port)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{GUIDE_FILE}", timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert b"guide" in response.read()
        preflight = urllib.request.Request(f"http://127.0.0.1:{port}/{GUIDE_FILE}", method="OPTIONS")
        with urllib.request.urlopen(preflight, timeout=10) as response:  # Browser's fetch asks first
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == "*"
    finally:
        server.shutdown()


def test_guide_lists_each_question_by_the_first_sentence_of_its_header():
    library = load_library()
    net_effect = library["net-effect"]
    first = net_effect.description.split(":")[0].split(". ")[0]
    assert net_effect.headline == first.rstrip(".")
    for query in library.values():
        assert query.headline and query.description.startswith(query.headline)
    guide = guide_html(library.values())
    assert f"<li>net-effect: {first}</li>" in guide
