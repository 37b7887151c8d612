"""Neo4j Browser in a real headless Chromium: connect, run a library query, find its answer, play the guide."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import neo4j
import pytest

from conftest import EXAMPLE_GARDEN, Neo4jService, wipe
from onto import Neo4jWriter, import_garden
from onto.browser import GUIDE_FILE, guide_html, serve
from onto.ontology import Ontology
from onto.queries import load_library
from onto.server.throwaway import free_port

pytestmark = pytest.mark.neo4j
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium on a closed network: no background connections, no sandbox as root.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


# A paste into the focused editor: typed key by key, the editor would close quotes and brackets itself.
PASTE = """text => {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
}"""


def run_in_editor(page, command: str) -> None:  # type: ignore[no-untyped-def]
    page.click("[data-testid=activeEditor]")
    page.evaluate(PASTE, command)
    page.click("[data-testid=editor-Run]")


def login(page, service: Neo4jService) -> None:  # type: ignore[no-untyped-def]
    assert service.browser_url is not None
    page.goto(service.browser_url, wait_until="networkidle")
    page.fill("[data-testid=boltaddress]", service.settings.uri.split("://", 1)[1])
    page.fill("[data-testid=username]", service.settings.username)
    page.fill("[data-testid=password]", service.settings.password)
    page.click("[data-testid=connect]")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/test installs it where it can)")
def test_on_login_browser_plays_ontos_guide_and_draws_in_ontos_colours(
    neo4j_service: Neo4jService, driver: neo4j.Driver, ontology: Ontology, tmp_path: Path
):
    from playwright.sync_api import sync_playwright

    if not neo4j_service.configured_by_onto or neo4j_service.browser_url is None:
        pytest.skip("the server NEO4J_URI names was not started by onto, with its guide")
    wipe(driver)
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(driver), ontology)
    hormone = next(t for t in ontology.entity_types if t.key == "hormone")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            login(page, neo4j_service)
            # Nothing typed: the server's post-connect command plays onto's guide, which says what
            # the graph holds: the example garden's three hormones among its types.
            guide = page.locator("[data-testid=frameContents]", has_text="onto questions").first
            guide.wait_for(timeout=90_000)
            text = guide.inner_text()
            assert "hormone" in text and "Gardens" in text and "garden" in text
            # And it applied onto's style: a hormone is drawn in the hormone's colour.
            run_in_editor(page, "MATCH (n:Hormone) RETURN n LIMIT 1")
            circle = page.locator(f"svg circle[fill='{hormone.color}' i]").first
            circle.wait_for(timeout=60_000)
        finally:
            page.screenshot(path=str(tmp_path / "login.png"), full_page=True)
            browser.close()
    assert (tmp_path / "login.png").stat().st_size > 10_000


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/test installs it where it can)")
def test_browser_runs_a_library_query(
    neo4j_service: Neo4jService, driver: neo4j.Driver, ontology: Ontology, tmp_path: Path
):
    from playwright.sync_api import sync_playwright

    if neo4j_service.browser_url is None:
        pytest.skip("set NEO4J_BROWSER_URL to test Neo4j Browser on your own server")
    wipe(driver)
    import_garden(EXAMPLE_GARDEN, Neo4jWriter(driver), ontology)
    query = load_library()["pathway-members"]
    one_line = " ".join(line.strip() for line in query.text.splitlines() if not line.startswith("//"))
    guide_dir = tmp_path / "guide"
    guide_dir.mkdir()
    (guide_dir / GUIDE_FILE).write_text(guide_html(load_library().values()), encoding="utf-8")
    guide_port = free_port()
    guide_server = serve(guide_dir, guide_port)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            login(page, neo4j_service)
            # Connected when Browser has run its start-up commands: onto's guide, or Neo4j's own.
            started = "onto questions" if neo4j_service.configured_by_onto else "Getting started with"
            page.locator("[data-testid=frameContents]", has_text=started).first.wait_for(timeout=90_000)
            # The header's :param lines, as a user pastes them (the optional limit too), then the query.
            for key, value in {**query.params, "name": "mTOR Pathway"}.items():
                run_in_editor(page, f":param {key} => {json.dumps(value)}")
                page.locator("[data-testid=frameCommand]", has_text=f":param {key}").first.wait_for(timeout=30_000)
            run_in_editor(page, one_line)
            # mtorc1.md states mTORC1 PART_OF mTOR Pathway; akt1.md states AKT1 PARTICIPATES_IN it.
            answer = page.locator("[data-testid=frameContents]", has_text="mTORC1").first
            answer.wait_for(timeout=60_000)
            content = answer.inner_text()
            # The guide, served the way `onto browser serve --static` would, plays in Browser.
            run_in_editor(page, f":play http://localhost:{guide_port}/{GUIDE_FILE}")
            page.get_by_text("onto questions").first.wait_for(timeout=30_000)
        finally:
            page.screenshot(path=str(tmp_path / "browser.png"), full_page=True)
            browser.close()
            guide_server.shutdown()
    assert "mTORC1" in content and "AKT1" in content and "PARTICIPATES_IN" in content
    assert (tmp_path / "browser.png").stat().st_size > 10_000
