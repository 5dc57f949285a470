"""``entente export --network partnerships``: the network centrality measures, ready for Gephi.

Re-read in networkx, the export is an undirected graph equal to ``partnership_network`` (the graph
``report centrality`` computes on) on every date: nodes, edges, weight = rank, level. The dynamic
GEXF of the whole history gives that same graph for any day once its spells are read.
"""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.graph.snapshot import partnership_network

from .conftest import CORPUS, ROOT
from .harness import _ISOLATED

DAYS = ["2014-01-01", "2016-01-01", "2018-06-05", "2018-06-06", "2021-03-02", "2022-09-15", "2024-01-01"]


def _invoke(target, *args):
    env = {k: target.env.get(k) for k in _ISOLATED}
    result = CliRunner().invoke(cli, [*args, *target.args], env=env)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def history_target(cli_target):
    _invoke(cli_target, "ingest", str(CORPUS), str(ROOT / "tests" / "data" / "history.jsonl"))
    return cli_target


def _comparable(network: nx.Graph) -> tuple:
    nodes = sorted(network.nodes)
    edges = sorted((*sorted((u, v)), float(d["weight"]), d["level"]) for u, v, d in network.edges(data=True))
    return nodes, edges


def _in_spell(spells, day):
    return any(start <= day and (end in (None, "None") or day <= end) for start, end in spells)


def _dynamic_value(values, day):
    (value,) = [v for v, start, end in values if start <= day and (end in (None, "None") or day <= end)]
    return value


def _gexf_on(dynamic: nx.Graph, day: str) -> nx.Graph:
    """The re-read dynamic GEXF on ``day``: what Gephi's timeline shows (networkx keeps the static
    ``weight`` and drops its dynamic values, so the rank, dynamic with the same values, stands in)."""
    network = nx.Graph()
    network.add_nodes_from(n for n, d in dynamic.nodes(data=True) if _in_spell(d["spells"], day))
    for u, v, d in dynamic.edges(data=True):
        if _in_spell(d["spells"], day):
            assert u in network and v in network, (u, v, day)  # an edge never outlives its parties
            network.add_edge(u, v, weight=_dynamic_value(d["rank"], day), level=_dynamic_value(d["level"], day))
    return network


def test_snapshot_exports_are_centralitys_network_on_both_stores(history_target, tmp_path):
    graph = history_target.read_graph()
    for day in ("2016-01-01", "2024-01-01"):
        expected = partnership_network(graph, day)
        assert expected.number_of_edges() >= 2
        for fmt in ("gexf", "graphml", "json"):
            args = ("export", "--network", "partnerships", "--format", fmt, "--as-of", day, "-o", f"{tmp_path}/n.{fmt}")
            _invoke(history_target, *args)
        gexf = nx.read_gexf(tmp_path / "n.gexf", version="1.3")
        graphml = nx.read_graphml(tmp_path / "n.graphml")
        linked = nx.node_link_graph(json.loads((tmp_path / "n.json").read_text()), edges="edges")
        for again in (gexf, graphml, linked):
            assert not again.is_directed() and not again.is_multigraph()
            assert _comparable(again) == _comparable(expected), day
        # Gephi's edge label is the level; its node label the name
        assert {d["label"] for *_, d in gexf.edges(data=True)} == {d["level"] for *_, d in expected.edges(data=True)}
        assert gexf.nodes["CHN"]["label"] == "China"


def test_the_dynamic_history_is_centralitys_network_on_every_day(history_target, tmp_path):
    graph = history_target.read_graph()
    result = _invoke(
        history_target, "export", "--network", "partnerships", "--format", "gexf", "-o", str(tmp_path / "h.gexf")
    )
    assert "5 parties, 4 partnerships" in result.stderr
    dynamic = nx.read_gexf(tmp_path / "h.gexf", version="1.3")
    assert not dynamic.is_directed()
    # China-Kyrgyzstan: one edge, two spells (strategic until 2018-06-05, comprehensive from 2018-06-06)
    assert dynamic.edges["CHN", "KGZ"]["spells"] == [("2013-09-11", "2018-06-05"), ("2018-06-06", "None")]
    for day in DAYS:
        assert _comparable(_gexf_on(dynamic, day)) == _comparable(partnership_network(graph, day)), day


def test_only_gexf_holds_the_history(history_target, tmp_path):
    env = {k: history_target.env.get(k) for k in _ISOLATED}
    result = CliRunner().invoke(
        cli,
        ["export", "--network", "partnerships", "--format", "graphml", "-o", str(tmp_path / "x"), *history_target.args],
        env=env,
    )
    assert result.exit_code == 1
    assert "needs --as-of DATE" in result.output
    assert not (tmp_path / "x").exists()


def test_the_full_export_still_holds_every_type(history_target, tmp_path):
    _invoke(history_target, "export", "--format", "gexf", "--as-of", "2024-01-01", "-o", str(tmp_path / "all.gexf"))
    full = nx.read_gexf(tmp_path / "all.gexf", version="1.3")
    assert full.is_directed()
    assert {d["label"] for *_, d in full.edges(data=True)} > {"PARTNERSHIP"}
