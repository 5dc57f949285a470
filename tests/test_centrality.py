"""Centrality on tiny graphs whose answers are worked out by hand, the trend, and the report's pictures."""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.graph.centrality import centrality, trend
from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge


def _path_graph() -> nx.Graph:
    """A -2- B -4- C (weights are partnership ranks)."""
    net = nx.Graph()
    net.add_edge("A", "B", weight=2.0)
    net.add_edge("B", "C", weight=4.0)
    return net


def test_degree_strength_betweenness_on_a_path():
    rows = {r.id: r for r in centrality(_path_graph())}
    assert [(rows[n].degree, rows[n].strength) for n in "ABC"] == [(1, 2.0), (2, 6.0), (1, 4.0)]
    # B lies on the only A-C shortest path; normalised by (n-1)(n-2)/2 = 1 pair.
    assert [rows[n].betweenness for n in "ABC"] == [0.0, 1.0, 0.0]


def test_eigenvector_on_a_path_by_hand():
    # Adjacency [[0,2,0],[2,0,4],[0,4,0]]: leading eigenvalue sqrt(20), eigenvector (2, sqrt(20), 4) / sqrt(40).
    rows = {r.id: r for r in centrality(_path_graph())}
    assert rows["A"].eigenvector == pytest.approx(2 / 40**0.5, abs=1e-6)
    assert rows["B"].eigenvector == pytest.approx(20**0.5 / 40**0.5, abs=1e-6)
    assert rows["C"].eigenvector == pytest.approx(4 / 40**0.5, abs=1e-6)


def test_pagerank_on_a_path_by_hand():
    # x_A = .05 + .85 x_B/3, x_C = .05 + .85 (2/3) x_B, x_B = .05 + .85 (x_A + x_C)  =>  x_B = .135 / .2775.
    rows = centrality(_path_graph())
    x_b = 0.135 / 0.2775
    expected = {"B": x_b, "C": 0.05 + 0.85 * 2 / 3 * x_b, "A": 0.05 + 0.85 / 3 * x_b}
    assert [r.id for r in rows] == ["B", "C", "A"]  # highest PageRank first
    for row in rows:
        assert row.pagerank == pytest.approx(expected[row.id], abs=1e-5)
    assert sum(r.pagerank for r in rows) == pytest.approx(1.0, abs=1e-5)


def test_disconnected_network_scales_eigenvector_by_component_size():
    net = _path_graph()
    net.add_edge("X", "Y", weight=10.0)
    rows = {r.id: r for r in centrality(net)}
    assert rows["X"].eigenvector == pytest.approx(2**-0.5 * 2 / 5, abs=1e-6)
    assert rows["B"].eigenvector == pytest.approx(2**-0.5 * 3 / 5, abs=1e-6)
    assert rows["X"].betweenness == 0.0


def test_trend_positions_share_ties():
    pair = nx.Graph()
    pair.add_edge("A", "B", weight=30.0)
    table = trend({"2014-12-31": pair, "2015-12-31": _path_graph()})
    assert table["A"] == {"2014-12-31": (1, 0.5), "2015-12-31": (3, pytest.approx(0.187838, abs=1e-5))}
    assert table["B"]["2014-12-31"] == (1, 0.5)
    assert table["C"] == {"2015-12-31": (2, pytest.approx(0.325676, abs=1e-5))}


@pytest.fixture
def store_dir(tmp_path, monkeypatch, corpus_facts):
    from entente.graph.embedded import EmbeddedStore

    monkeypatch.delenv("NEO4J_URI", raising=False)
    with EmbeddedStore(tmp_path / "s", writer=True) as store:
        ingest_facts(store, corpus_facts, load_knowledge())
    return str(tmp_path / "s")


def test_report_formats_agree(store_dir):
    runner = CliRunner()
    rows = json.loads(
        runner.invoke(
            cli, ["report", "centrality", "--as-of", "2024-01-01", "--store", store_dir, "--format", "json"]
        ).stdout
    )
    assert [r["id"] for r in rows] == ["CHN", "BLR", "KGZ", "TLS"]
    assert set(rows[0]) == {"id", "name", "degree", "strength", "betweenness", "eigenvector", "pagerank"}
    assert rows[0]["strength"] == 54 + 40 + 40
    csv_out = runner.invoke(
        cli, ["report", "centrality", "--as-of", "2024-01-01", "--store", store_dir, "--format", "csv"]
    ).stdout
    assert csv_out.splitlines()[0] == "id,name,degree,strength,betweenness,eigenvector,pagerank"
    assert csv_out.splitlines()[1].startswith("CHN,China,3,134.0,1.0,")
    md = runner.invoke(
        cli, ["report", "centrality", "--as-of", "2024-01-01", "--store", store_dir, "--format", "md"]
    ).stdout
    assert md.splitlines()[0] == "| id | name | degree | strength | betweenness | eigenvector | pagerank |"
    assert len(md.splitlines()) == 2 + 4
    trend_rows = json.loads(
        runner.invoke(
            cli, ["report", "centrality", "--trend", "2021:2023", "--store", store_dir, "--format", "json"]
        ).stdout
    )
    # 2022: China and Belarus alone (a tie); 2023: China first, Belarus second, Kyrgyzstan and Timor-Leste tied third.
    assert trend_rows == [
        {"id": "BLR", "2021": None, "2022": 1, "2023": 2},
        {"id": "CHN", "2021": None, "2022": 1, "2023": 1},
        {"id": "KGZ", "2021": None, "2022": None, "2023": 3},
        {"id": "TLS", "2021": None, "2022": None, "2023": 3},
    ]


def test_pictures_are_pngs_and_the_same_bytes_each_time(store_dir, tmp_path):
    runner = CliRunner()
    for name, extra in (("net", ["--as-of", "2024-01-01"]), ("trend", ["--trend", "2021:2024"])):
        outputs = []
        for attempt in range(2):
            path = tmp_path / f"{name}{attempt}.png"
            result = runner.invoke(
                cli, ["report", "centrality", *extra, "--store", store_dir, "--png", str(path), "--format", "json"]
            )
            assert result.exit_code == 0, result.output
            outputs.append(path.read_bytes())
        assert outputs[0][:8] == b"\x89PNG\r\n\x1a\n"
        assert outputs[0] == outputs[1]
    early = tmp_path / "early.png"
    runner.invoke(cli, ["report", "centrality", "--as-of", "2023-01-01", "--store", store_dir, "--png", str(early)])
    assert early.read_bytes() != (tmp_path / "net0.png").read_bytes()


def test_report_and_pictures_from_both_stores(any_store, corpus_facts, tmp_path):
    from entente.api import centrality_picture, centrality_report, centrality_trend

    ingest_facts(any_store, corpus_facts, load_knowledge())
    graph = any_store.read_graph()
    rows = centrality_report(graph, "2023-06-01")  # Belarus (2022-09-15) and Kyrgyzstan (2023-05-19) so far
    assert [(r.id, r.degree, r.strength) for r in rows] == [("CHN", 2, 94.0), ("BLR", 1, 54.0), ("KGZ", 1, 40.0)]
    assert centrality_trend(graph, ["2022-12-31"])["BLR"] == {"2022-12-31": (1, 0.5)}
    assert centrality_picture(graph, "2023-06-01", tmp_path / "n.png").read_bytes()[:4] == b"\x89PNG"
