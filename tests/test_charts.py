"""The report pictures a reader can read: no line hidden under another, no empty years first,
no node over the key, names rather than ISO codes, and the size and resolution asked for."""

import matplotlib.image as mpimg
import pytest
from click.testing import CliRunner

from entente.api import centrality_trend
from entente.cli import cli
from entente.graph.centrality import centrality
from entente.graph.plot import network_figure, trend_figure
from entente.graph.snapshot import partnership_network
from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge

from .conftest import CORPUS, ROOT
from .harness import _ISOLATED

YEARS = [f"{year}-12-31" for year in range(2010, 2027)]
NAMES = {"BLR": "Belarus", "CHN": "China", "KGZ": "Kyrgyzstan", "PAK": "Pakistan", "TLS": "Timor-Leste"}


@pytest.fixture
def history_graph(embedded_store, history_facts):
    ingest_facts(embedded_store, history_facts, load_knowledge())
    return embedded_store.read_graph()


def test_the_trend_is_small_multiples_that_hide_no_line(history_graph):
    table = centrality_trend(history_graph, YEARS)
    fig = trend_figure(table, YEARS, names=NAMES)
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    assert len(panels) == len(table) == 5
    for ax in panels:
        party = ax.get_title().rsplit("(", 1)[1].rstrip(")")
        assert ax.get_title() == f"{NAMES[party]} ({party})"
        own = ax.get_lines()[-1]  # drawn last, in colour, over the others in grey
        expected = [table[party][day][0] if day in table[party] else None for day in YEARS if day >= "2013"]
        drawn = [None if y != y else y for y in own.get_ydata()]  # NaN where the party had no partner
        assert drawn == expected
        assert own.get_color() != "#d0d0d0" and all(line.get_color() == "#d0d0d0" for line in ax.get_lines()[:-1])
        # the empty years 2010-2012 are trimmed: the first year is the first partnership's
        assert ax.get_xticklabels()[0].get_text() == "2013"


def test_kyrgyzstan_and_timor_leste_no_longer_share_one_line(history_graph):
    """In 2023-2024 the two hold the same position, so one line lay under the other; now each has its panel."""
    table = centrality_trend(history_graph, YEARS)
    assert table["KGZ"]["2024-12-31"][0] == table["TLS"]["2024-12-31"][0]
    fig = trend_figure(table, YEARS, names=NAMES)
    titles = [ax.get_title() for ax in fig.axes if ax.axison]
    assert "Kyrgyzstan (KGZ)" in titles and "Timor-Leste (TLS)" in titles


def test_the_network_names_parties_and_keeps_nodes_off_the_key(history_graph):
    network = partnership_network(history_graph, "2024-01-01")
    fig = network_figure(network, centrality(network), title="t")
    drawing, key = fig.axes
    texts = {t.get_text() for t in drawing.texts}
    assert set(NAMES.values()) <= texts and not set(NAMES) & texts
    assert "54: all-weather comprehensive strategic partnership" in key.texts[0].get_text()
    # the key has its own axes under the drawing: they do not overlap, and every node is inside the drawing
    assert key.get_position().y1 <= drawing.get_position().y0
    (nodes,) = drawing.collections[1:2]
    xmin, xmax = drawing.get_xlim()
    ymin, ymax = drawing.get_ylim()
    assert all(xmin < x < xmax and ymin < y < ymax for x, y in nodes.get_offsets())


def test_dpi_and_size_on_both_stores(cli_target, tmp_path):
    env = {k: cli_target.env.get(k) for k in _ISOLATED}
    runner = CliRunner()
    ingest = runner.invoke(
        cli, ["ingest", str(CORPUS), str(ROOT / "tests" / "data" / "history.jsonl"), *cli_target.args], env=env
    )
    assert ingest.exit_code == 0, ingest.output
    for extra, name in ((["--as-of", "2024-01-01"], "net"), (["--trend", "2010:2026"], "trend")):
        path = tmp_path / f"{name}.png"
        args = ["report", "centrality", *extra, "--png", str(path), "--dpi", "50", "--size", "10x6", "--format", "json"]
        result = runner.invoke(cli, [*args, *cli_target.args], env=env)
        assert result.exit_code == 0, result.output
        assert mpimg.imread(path).shape[:2] == (300, 500)  # 6 x 10 inches at 50 dots per inch
    bad = runner.invoke(cli, ["report", "centrality", "--size", "10", *cli_target.args], env=env)
    assert bad.exit_code == 2 and "WIDTHxHEIGHT" in bad.output
