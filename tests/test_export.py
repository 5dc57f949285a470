"""Exports re-read: GraphML (Gephi-safe), GEXF 1.3 (dynamic history), node-link JSON, neo4j-admin CSV."""

import csv
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from entente.api import export_store
from entente.graph.export import GEXF_NS, export_graph
from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge

from .conftest import ROOT

KB = load_knowledge()
G = f"{{{GEXF_NS}}}"


@pytest.fixture
def corpus_graph(any_store, corpus_facts):
    ingest_facts(any_store, corpus_facts, KB)
    return any_store.read_graph()


def _upgrade_history() -> nx.MultiDiGraph:
    """CHN-KGZ: strategic partnership 2013-09-11, comprehensive strategic partnership from 2018-06-06."""
    g = nx.MultiDiGraph()
    g.add_node("CHN", id="CHN", label="State", name="China")
    g.add_node("KGZ", id="KGZ", label="State", name="Kyrgyzstan")
    g.add_node("e1", id="e1", label="Event", name="meeting", date="2018-06-06", parties=["CHN", "KGZ"], place=None)
    g.add_edge(
        "CHN",
        "KGZ",
        key="p1",
        id="p1",
        type="PARTNERSHIP",
        level="strategic partnership",
        rank=30,
        qualifiers=[],
        valid_from="2013-09-11",
        valid_to="2018-06-06",
        change="establish",
    )
    g.add_edge(
        "CHN",
        "KGZ",
        key="p2",
        id="p2",
        type="PARTNERSHIP",
        level="comprehensive strategic partnership",
        rank=40,
        qualifiers=["for the new era"],
        valid_from="2018-06-06",
        change="upgrade",
        previous_level="strategic partnership",
    )
    g.add_edge("e1", "CHN", key="e1>CHN", id="e1>CHN", type="INVOLVES")
    return g


def test_each_format_re_reads_to_the_same_counts_on_both_stores(corpus_graph, tmp_path):
    counts = (corpus_graph.number_of_nodes(), corpus_graph.number_of_edges())
    assert counts[1] > 0
    export_store(corpus_graph, "json", tmp_path / "g.json")
    again = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="edges")
    assert (again.number_of_nodes(), again.number_of_edges()) == counts
    export_store(corpus_graph, "graphml", tmp_path / "g.graphml")
    again = nx.read_graphml(tmp_path / "g.graphml")
    assert (again.number_of_nodes(), again.number_of_edges()) == counts
    export_store(corpus_graph, "gexf", tmp_path / "g.gexf")
    again = nx.read_gexf(tmp_path / "g.gexf", version="1.3")
    assert (again.number_of_nodes(), again.number_of_edges()) == counts
    export_store(corpus_graph, "csv", tmp_path / "csv")
    with (
        open(tmp_path / "csv" / "nodes.csv", newline="") as n,
        open(tmp_path / "csv" / "relationships.csv", newline="") as r,
    ):
        assert (len(list(csv.reader(n))) - 1, len(list(csv.reader(r))) - 1) == counts


def test_snapshot_keeps_only_what_held_on_the_day(corpus_graph, tmp_path):
    result = export_store(corpus_graph, "graphml", tmp_path / "s.graphml", "2023-06-01")
    again = nx.read_graphml(tmp_path / "s.graphml")
    levels = sorted((u, v) for u, v, d in again.edges(data=True) if d.get("type") == "PARTNERSHIP")
    assert levels == [("BLR", "CHN"), ("CHN", "KGZ")]  # Timor-Leste's upgrade came on 2023-09-23
    assert result["edges"] == again.number_of_edges()


def test_graphml_is_gephi_safe(tmp_path):
    export_graph(_upgrade_history(), "graphml", tmp_path / "h.graphml")
    root = ET.parse(tmp_path / "h.graphml").getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert [d for d in root.iter(f"{ns}data") if not (d.text or "").strip()] == []
    names = [k.get("attr.name") for k in root.iter(f"{ns}key")]
    assert "id" not in names  # the element's id, not a second attribute
    again = nx.read_graphml(tmp_path / "h.graphml")
    assert again.nodes["e1"]["parties"] == "CHN;KGZ"  # lists joined
    assert "place" not in again.nodes["e1"]  # empty values left out
    assert again.edges["CHN", "KGZ", "p2"]["qualifiers"] == "for the new era"
    assert "qualifiers" not in again.edges["CHN", "KGZ", "p1"]


def test_gexf_history_is_gexf_1_3_with_spells(tmp_path):
    export_graph(_upgrade_history(), "gexf", tmp_path / "h.gexf", dynamic=True)
    root = ET.parse(tmp_path / "h.gexf").getroot()
    assert root.tag == f"{G}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{G}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = {e.get("id"): e for e in graph.iter(f"{G}edge")}
    # The 2013 level held until the day before the 2018 upgrade (spells are closed intervals).
    assert [s.attrib for s in edges["p1"].iter(f"{G}spell")] == [{"start": "2013-09-11", "end": "2018-06-05"}]
    assert [s.attrib for s in edges["p2"].iter(f"{G}spell")] == [{"start": "2018-06-06"}]
    assert edges["p2"].get("weight") == "40.0"
    dynamic = {a.get("id") for a in graph.findall(f"{G}attributes[@mode='dynamic']/{G}attribute")}
    assert {"e_level", "e_rank"} <= dynamic
    level = next(v for v in edges["p1"].iter(f"{G}attvalue") if v.get("for") == "e_level")
    assert level.attrib == {
        "for": "e_level",
        "value": "strategic partnership",
        "start": "2013-09-11",
        "end": "2018-06-05",
    }
    nodes = {n.get("id"): n for n in graph.iter(f"{G}node")}
    assert nodes["CHN"].get("label") == "China"
    assert [s.get("start") for s in nodes["e1"].iter(f"{G}spell")] == ["2018-06-06"]
    assert [s.get("start") for s in edges["e1>CHN"].iter(f"{G}spell")] == ["2018-06-06"]
    again = nx.read_gexf(tmp_path / "h.gexf", version="1.3")
    assert (again.number_of_nodes(), again.number_of_edges()) == (3, 3)


def test_gexf_snapshot_is_static(tmp_path):
    export_graph(_upgrade_history(), "gexf", tmp_path / "s.gexf")
    graph = ET.parse(tmp_path / "s.gexf").getroot().find(f"{G}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    assert list(graph.iter(f"{G}spell")) == []


def test_csv_headers_are_typed_for_neo4j_admin(tmp_path):
    export_graph(_upgrade_history(), "csv", tmp_path)
    with open(tmp_path / "nodes.csv", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with open(tmp_path / "relationships.csv", newline="") as handle:
        rels = list(csv.DictReader(handle))
    assert list(nodes[0])[:2] == ["id:ID", ":LABEL"]
    assert {"date:date", "parties:string[]", "name:string"} <= set(nodes[0])
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"rank:long", "valid_from:date", "valid_to:date", "qualifiers:string[]"} <= set(rels[0])
    p1 = next(r for r in rels if r["id:string"] == "p1")
    assert (p1["valid_to:date"], p1["qualifiers:string[]"], p1["rank:long"]) == ("2018-06-06", "", "30")
    e1 = next(n for n in nodes if n["id:ID"] == "e1")
    assert (e1[":LABEL"], e1["parties:string[]"]) == ("Event", "CHN;KGZ")


def _admin_classpath():
    dists = sorted((ROOT / "scripts" / "neo4j-launcher" / "target").glob("dist-*/lib"))
    if not dists or not shutil.which("java"):
        message = "neo4j-admin needs the launcher built by scripts/neo4j-local and java"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return f"{dists[-1]}/*"


@pytest.mark.neo4j
def test_neo4j_admin_imports_the_csv(embedded_store, corpus_facts, tmp_path):
    ingest_facts(embedded_store, corpus_facts, KB)
    graph = embedded_store.read_graph()
    export_store(graph, "csv", tmp_path / "csv")
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    result = subprocess.run(
        [
            "java",
            "-Xmx512m",
            "-cp",
            _admin_classpath(),
            "org.neo4j.cli.AdminTool",
            "database",
            "import",
            "full",
            f"--nodes={tmp_path / 'csv' / 'nodes.csv'}",
            f"--relationships={tmp_path / 'csv' / 'relationships.csv'}",
            "--array-delimiter=;",
            "--max-off-heap-memory=256m",
            "neo4j",
        ],
        cwd=home,
        env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    # Every non-empty value is a property, except the node label (:LABEL) and relationship type (:TYPE).
    properties = sum(
        len([k for k, v in d.items() if k != "label" and v not in (None, [])]) for _, d in graph.nodes(data=True)
    )
    properties += sum(
        len([k for k, v in d.items() if k != "type" and v not in (None, [])]) for *_, d in graph.edges(data=True)
    )
    assert f"{graph.number_of_nodes()} nodes" in result.stdout
    assert f"{graph.number_of_edges()} relationships" in result.stdout
    assert f"{properties} properties" in result.stdout
