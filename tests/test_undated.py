"""Undated facts are listed as undated by ``diff``, ``export`` and ``report``, never dropped without a word.

An article with no publication date gives a partnership with no start, an event with no year (a
day as ``--09-23``, or no day at all) and a support with no ``since``. Every output that cannot
place them in time counts and lists them: ``diff`` (sections; ``undated`` and ``undated_events`` in
JSON), snapshot and history exports in every format (JSON ``graph.undated``, GraphML graph
attributes, the GEXF description, CSV ``undated.csv``, a stderr line per kind) and
``report centrality --trend``. The command line runs as a subprocess on both stores.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from entente.graph.export import GEXF_NS

TLS = (
    "Chinese President Xi Jinping met Timor-Leste Prime Minister Xanana Gusmao in Hangzhou on Saturday. The two sides"
    " announced the elevation of bilateral ties to a comprehensive strategic partnership."
)
LAO = (
    "Chinese President Xi Jinping met Lao President Thongloun Sisoulith in Vientiane on 23 September. The two"
    " countries agreed to build a comprehensive strategic partnership. Laos supports the Global Development Initiative."
)
KAZ = "Kazakh President Kassym-Jomart Tokayev met Chinese President Xi Jinping in Astana."

LAO_PARTNERSHIP = "CHN–LAO comprehensive strategic partnership"
LAO_MEETING = "meeting CHN–LAO in Vientiane on --09-23 (year unknown)"
KAZ_MEETING = "meeting CHN–KAZ in Astana (no date)"


@pytest.fixture
def undated_target(cli_target, tmp_path):
    """A store holding one dated article (China–Timor-Leste, 2023-09-23) and two undated ones."""
    records = [{"text": TLS, "published": "2023-09-23"}, {"text": LAO}, {"text": KAZ}]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    _run(cli_target, tmp_path, "ingest", "feed.jsonl")
    return cli_target


def _run(target, tmp_path, *args):
    result = target.run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    return result


def _notes(result):
    return [line for line in result.stderr.splitlines() if line.startswith("entente: ")]


def test_diff_lists_undated_events_beside_undated_partnerships(undated_target, tmp_path):
    as_json = json.loads(_run(undated_target, tmp_path, "diff", "2020-01-01", "2024-01-01", "--format", "json").stdout)
    assert [(e["kind"], e["parties"], e["place"], e["date_text"]) for e in as_json["undated_events"]] == [
        ("meeting", ["CHN", "KAZ"], "Astana", None),
        ("meeting", ["CHN", "LAO"], "Vientiane", "--09-23"),
    ]
    assert [e["sources"] for e in as_json["undated_events"]] == [["feed.jsonl#3"], ["feed.jsonl#2"]]
    assert [(u["a"], u["b"]) for u in as_json["undated"]] == [("CHN", "LAO")]
    # the dated meeting is the only event in the period
    assert [(e["date"], e["parties"]) for e in as_json["events"]] == [("2023-09-23", ["CHN", "TLS"])]

    markdown = _run(undated_target, tmp_path, "diff", "2020-01-01", "2024-01-01", "--format", "md").stdout
    assert "### Undated events: no report gives their year" in markdown
    assert "| meeting | CHN–LAO | Vientiane | --09-23 | feed.jsonl#2 |" in markdown
    assert "| meeting | CHN–KAZ | Astana |  | feed.jsonl#3 |" in markdown
    table = _run(undated_target, tmp_path, "diff", "2020-01-01", "2024-01-01").stdout
    assert "Undated events" in table and "Vientiane" in table and "Astana" in table


def test_a_snapshot_export_lists_what_it_leaves_out_in_every_format(undated_target, tmp_path):
    day = ("--as-of", "2024-01-01")
    result = _run(undated_target, tmp_path, "export", "--format", "json", "-o", "s.json", *day)
    assert _notes(result) == [
        "entente: 1 undated partnership, left out of this snapshot (the export without --as-of keeps them); listed in"
        f" the file: {LAO_PARTNERSHIP}",
        "entente: 2 undated events, left out of this snapshot (the export without --as-of keeps them); listed in the"
        f" file: {KAZ_MEETING}; {LAO_MEETING}",
        "entente: 1 undated support, kept, with no since; listed in the file: LAO supports GDI",
    ]
    snapshot = json.loads((tmp_path / "s.json").read_text())
    undated = snapshot["graph"]["undated"]
    assert undated["count"] == 4 and undated["left_out"] == ["partnerships", "events"]
    assert [e["place"] for e in undated["events"]] == ["Astana", "Vientiane"]
    assert [(s["party"], s["initiative"]) for s in undated["supports"]] == [("LAO", "GDI")]
    # what it says it leaves out is not in the file, what it says it keeps is
    nodes = {n["id"]: n for n in snapshot["nodes"]}
    assert not [n for n in nodes.values() if n["label"] == "Event" and not n.get("date")]
    assert [e.get("since") for e in snapshot["edges"] if e["type"] == "SUPPORTS"] == [None]
    assert not [e for e in snapshot["edges"] if e["type"] == "PARTNERSHIP" and not e.get("valid_from")]

    _run(undated_target, tmp_path, "export", "--format", "graphml", "-o", "s.graphml", *day)
    attributes = nx.read_graphml(tmp_path / "s.graphml").graph
    assert (attributes["undated_events"], attributes["undated_events_in_file"]) == (2, False)
    assert attributes["undated_events_list"] == f"{KAZ_MEETING};{LAO_MEETING}"
    assert (attributes["undated_partnerships"], attributes["undated_supports_in_file"]) == (1, True)

    _run(undated_target, tmp_path, "export", "--format", "gexf", "-o", "s.gexf", *day)
    description = ET.parse(tmp_path / "s.gexf").find(f"{{{GEXF_NS}}}meta/{{{GEXF_NS}}}description").text
    assert description == (
        f"The partnership graph on one date. Undated, left out: 1 partnership ({LAO_PARTNERSHIP}), 2 events"
        f" ({KAZ_MEETING};{LAO_MEETING}). Undated, kept: 1 support (LAO supports GDI)"
    )

    _run(undated_target, tmp_path, "export", "--format", "csv", "-o", "csv", *day)
    with open(tmp_path / "csv" / "undated.csv", newline="", encoding="utf-8") as handle:
        rows = [(r["kind"], r["fact"], r["sources"], r["in_file"]) for r in csv.DictReader(handle)]
    assert rows == [
        ("partnership", LAO_PARTNERSHIP, "feed.jsonl#2", "false"),
        ("event", KAZ_MEETING, "feed.jsonl#3", "false"),
        ("event", LAO_MEETING, "feed.jsonl#2", "false"),
        ("support", "LAO supports GDI", "feed.jsonl#2", "true"),
    ]


def test_the_history_export_keeps_the_undated_facts_and_says_so(undated_target, tmp_path):
    result = _run(undated_target, tmp_path, "export", "--format", "json", "-o", "h.json")
    assert [line.split(";")[0] for line in _notes(result)] == [
        "entente: 1 undated partnership, kept, basis undated",
        "entente: 2 undated events, kept, with no date",
        "entente: 1 undated support, kept, with no since",
    ]
    history = json.loads((tmp_path / "h.json").read_text())
    assert history["graph"]["undated"]["left_out"] == []
    undated_ids = {e["id"] for e in history["graph"]["undated"]["events"]}
    assert len(undated_ids) == 2 and undated_ids <= {n["id"] for n in history["nodes"]}
    _run(undated_target, tmp_path, "export", "--format", "gexf", "-o", "h.gexf")
    description = ET.parse(tmp_path / "h.gexf").find(f"{{{GEXF_NS}}}meta/{{{GEXF_NS}}}description").text
    assert description.startswith("The partnership graph over its whole history. Undated, kept: 1 partnership")


def test_the_partnership_network_and_the_trend_report_list_the_undated_partnerships(undated_target, tmp_path):
    network = _run(
        undated_target, tmp_path, "export", "--network", "partnerships", "--format", "json", "-o", "n.json",
        "--as-of", "2024-01-01",
    )  # fmt: skip
    assert _notes(network) == [
        f"entente: 1 undated partnership, left out of this network; listed in the file: {LAO_PARTNERSHIP}"
    ]
    listed = json.loads((tmp_path / "n.json").read_text())["graph"]["undated"]
    assert ([(p["a"], p["b"]) for p in listed["partnerships"]], listed["left_out"]) == (
        [("CHN", "LAO")],
        ["partnerships"],
    )
    trend = _run(undated_target, tmp_path, "report", "centrality", "--trend", "2022:2024", "--format", "md")
    assert "### Undated partnerships" in trend.stdout and "| CHN–LAO |" in trend.stdout
