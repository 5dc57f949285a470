"""Neo4j Browser draws the graph queries, in the shipped style the guide applies.

A headless Chromium (Debian's ``chromium``; ``.ci/run`` installs it) opens the Browser that
``scripts/neo4j-local`` serves (``NEO4J_BROWSER``, which ``scripts/test`` exports), connects to the
real Neo4j holding the sample corpus, opens the Entente guide, clicks its "Apply the Entente
style" link, runs ``ego-network`` for China and reads the drawing: four states in the style's
blue, three events in its orange captioned with their dates, partnerships captioned with their
level. The screenshot is saved (``ENTENTE_SCREENSHOT`` names where; docs/img/browser-ego-network.png
was made so) and its pixels checked for the style's colours.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge
from entente.queries import load_queries
from entente.queries.guide import GUIDE_PATH, browser_guide, params_command, serve_guide

from .chromium import Chromium, chromium_binary, free_port

STATE_BLUE = "#2F6FB3"  # node.State in queries/entente.grass
PARTNERSHIP_RED = "#C0392B"  # relationship.PARTNERSHIP
EVENT_ORANGE = "#F2A541"  # node.Event
# The least share of the screenshot each colour must cover: states, events, partnership lines.
COLOUR_SHARES = ((STATE_BLUE, 0.02), (EVENT_ORANGE, 0.005), (PARTNERSHIP_RED, 0.0001))


def _needed(what: str) -> None:
    message = f"{what}; the Browser screenshot test needs it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def browser_url():
    url = os.environ.get("NEO4J_BROWSER")
    if not url:
        _needed("NEO4J_BROWSER is not set (scripts/test exports what scripts/neo4j-local prints)")
    if chromium_binary() is None:
        _needed("no chromium on PATH (apt-get install -y chromium)")
    return url


@pytest.fixture
def guide_port():
    port = free_port()
    server = serve_guide(browser_guide(load_queries(), port=port), port=port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield port
    server.shutdown()
    server.server_close()


def _hex(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _share_of_pixels(png: Path, color: str) -> float:
    import matplotlib.image as mpimg
    import numpy as np

    pixels = (mpimg.imread(png)[:, :, :3] * 255).round().astype(int)
    close = (np.abs(pixels - np.array(_hex(color))).sum(axis=2) <= 12).sum()
    return float(close) / (pixels.shape[0] * pixels.shape[1])


class _Browser:
    """Neo4j Browser in a headless Chromium, as a user drives it."""

    def __init__(self, chromium: Chromium):
        self.c = chromium

    def connect(self, url: str, bolt: str, password: str) -> None:
        self.c.goto(url)
        self.c.wait_for("document.querySelector('[data-testid=\"boltaddress\"]') !== null", 120, "the connect form")
        self.c.type_into('[data-testid="boltaddress"]', bolt)
        self.c.type_into('[data-testid="username"]', "neo4j")
        self.c.type_into('[data-testid="password"]', password)
        self.c.js("document.querySelector('[data-testid=\"connect\"]').click()")
        self.c.wait_for("document.querySelector('[data-testid=\"disconnectedBanner\"]') === null", 60, "connected")

    def run(self, text: str) -> None:
        self.c.type_into('[data-testid="activeEditor"] textarea', text)
        self.c.js("document.querySelector('[data-testid=\"editor-Run\"]').click()")
        time.sleep(1.0)

    def click_link(self, selector: str, timeout: float = 60) -> None:
        self.c.wait_for(f"document.querySelector({selector!r}) !== null", timeout, selector)
        self.c.js(f"document.querySelector({selector!r}).click()")
        time.sleep(1.0)


@pytest.mark.neo4j
def test_browser_draws_the_network_in_the_guides_style(neo4j_store, corpus_facts, browser_url, guide_port, tmp_path):
    ingest_facts(neo4j_store, corpus_facts, load_knowledge())
    query = load_queries()["ego-network"]
    bolt = os.environ["NEO4J_URI"].split("://", 1)[1]
    chromium = Chromium(width=1280, height=800)
    try:
        browser = _Browser(chromium)
        browser.connect(browser_url, bolt, os.environ.get("NEO4J_PASSWORD", ""))
        browser.run(f":guide http://localhost:{guide_port}{GUIDE_PATH}")
        browser.click_link('a[data-exec^="style "]')  # the guide's "Apply the Entente style"
        browser.click_link('[data-testid="navigationGuides"]')  # closes the guide drawer
        browser.run(":" + params_command(query))  # {"state": "China", "date": "2024-01-01"}
        browser.run(":clear")
        browser.run(query.text)
        chromium.wait_for("document.querySelectorAll('svg g.node').length === 7", 60, "seven nodes drawn")
        for button in ('button[title="Fullscreen"]', 'button[title="Collapse the node properties display"]'):
            chromium.js(f"document.querySelectorAll({button!r}).forEach(b => b.click())")
            time.sleep(1)
        chromium.js("document.querySelectorAll('button[aria-label=\"zoom-to-fit\"]').forEach(b => b.click())")
        time.sleep(3)  # let the force layout settle before the picture
        fills = chromium.js(
            "Array.from(document.querySelectorAll('svg g.node circle')).map(c => c.getAttribute('fill'))"
        )
        captions = chromium.js("Array.from(document.querySelectorAll('svg text')).map(t => t.textContent.trim())")
        edges = chromium.js("document.querySelectorAll('svg g.relationship').length")
        shot = Path(os.environ.get("ENTENTE_SCREENSHOT") or tmp_path / "browser.png")
        # On a loaded machine Browser may still be laying the graph out or fitting it to the view:
        # take the picture again (fitting again first) until the style's colours show, for 45 s.
        deadline = time.monotonic() + 45
        while True:
            chromium.screenshot(shot)
            if all(_share_of_pixels(shot, color) > share for color, share in COLOUR_SHARES):
                break
            if time.monotonic() > deadline:
                break
            chromium.js("document.querySelectorAll('button[aria-label=\"zoom-to-fit\"]').forEach(b => b.click())")
            time.sleep(2)
    finally:
        chromium.close()
    assert sorted(fill.upper() for fill in fills if fill and fill.strip()) == [STATE_BLUE] * 4 + [EVENT_ORANGE] * 3
    assert edges == 9  # 3 PARTNERSHIP, 6 INVOLVES (Browser adds the relationships among the nodes returned)
    assert {"Belarus", "China", "Kyrgyzstan", "Timor-Leste"} <= set(captions)
    assert any("2022-09-15" in c for c in captions), captions  # the Samarkand meeting, by its date
    # PARTNERSHIP is captioned with its level (Browser shortens a caption longer than its edge)
    assert any(c.startswith("all-weather") for c in captions), captions
    assert not any(c == "PARTNERSHIP" for c in captions)
    for color, share in COLOUR_SHARES:
        assert _share_of_pixels(shot, color) > share, color
