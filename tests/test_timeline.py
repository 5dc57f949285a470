"""``entente timeline A [B]`` on both stores (issue 15, item 1): a pair's levels, events, leaders,
documents, evidence and sources in date order, as a table, Markdown, JSON and a PNG step chart."""

from __future__ import annotations

import json
import struct

import pytest

from entente.graph.timeline import pair_timeline

from .conftest import CORPUS, ROOT
from .harness import run_entente


@pytest.fixture
def history_target(cli_target, tmp_path):
    """A store of each kind with the corpus and the constructed history (tests/data/history.jsonl)."""
    done = run_entente(
        ["ingest", str(CORPUS), str(ROOT / "tests" / "data" / "history.jsonl"), *cli_target.args],
        cli_target.env,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return cli_target


def _timeline(target, tmp_path, *args):
    done = run_entente(["timeline", *args, *target.args], target.env, tmp_path)
    assert done.returncode == 0, done.stderr
    return done


def test_a_pairs_timeline_in_date_order_with_evidence_and_sources(history_target, tmp_path):
    done = _timeline(history_target, tmp_path, "PRC", "Kyrgyz Republic", "--format", "json")
    data = json.loads(done.stdout)
    assert (data["a"], data["b"], data["b_name"]) == ("CHN", "KGZ", "Kyrgyzstan")
    entries = data["entries"]
    assert [(e["date"], e["kind"], e["summary"], e["valid_to"]) for e in entries] == [
        ("2013-09-11", "visit", "visit in Bishkek", None),
        ("2013-09-11", "level", "established strategic partnership", "2018-06-06"),
        ("2018-06-06", "meeting", "meeting in Beijing", None),
        ("2018-06-06", "level", "upgraded to comprehensive strategic partnership (from strategic partnership)", None),
        ("2023-05-19", "talks", "talks", None),
        (
            "2023-05-19",
            "document",
            "signed: Joint Declaration of the People's Republic of China and the Kyrgyz Republic on Establishing "
            "a Comprehensive Strategic Partnership for the New Era",
            None,
        ),
    ]
    upgrade = entries[3]
    assert len(upgrade["evidence"]) == 2 and all(
        "comprehensive strategic partnership" in s for s in upgrade["evidence"]
    )
    assert [s["title"] for s in upgrade["sources"]] == [
        "Constructed report: China, Kyrgyzstan upgrade ties",
        "Xi Jinping Talks with President Zaparov of Kyrgyzstan",
    ]
    assert entries[4]["leaders"] == ["Sadyr Japarov", "Xi Jinping"]
    store = "Neo4j at bolt://" if history_target.name == "neo4j" else "embedded store "
    assert f"store: {store}" in done.stderr


def test_a_partys_timeline_covers_every_partner_and_renders_markdown_and_a_table(history_target, tmp_path):
    data = json.loads(_timeline(history_target, tmp_path, "China", "--format", "json").stdout)
    levels = [e for e in data["entries"] if e["kind"] == "level"]
    assert sorted({p for e in levels for p in e["parties"]} - {"CHN"}) == ["BLR", "KGZ", "PAK", "TLS"]
    assert [e["date"] for e in data["entries"] if e["date"]] == sorted(e["date"] for e in data["entries"] if e["date"])
    assert (
        "China–Pakistan: downgraded to strategic partnership (from all-weather strategic cooperative partnership)"
        in [e["summary"] for e in levels]
    )
    md = _timeline(history_target, tmp_path, "CN", "BLR", "--format", "md").stdout
    assert md.startswith("## Timeline: China–Belarus\n")
    upgrade = "upgraded to all-weather comprehensive strategic partnership (earlier level not recorded) (holds)"
    assert f"### 2022-09-15: {upgrade}" in md
    assert "> The two presidents decided to upgrade the bilateral relationship" in md
    assert "- Xi meets with Belarusian President Lukashenko (2022-09-16, " in md
    table = _timeline(history_target, tmp_path, "China", "Belarus").stdout
    assert "Timeline: China–Belarus" in table and "Samarkand" in table


def test_the_png_is_a_step_chart_at_the_asked_resolution(history_target, tmp_path):
    picture = tmp_path / "china.png"
    _timeline(history_target, tmp_path, "China", "--png", str(picture), "--dpi", "50", "--format", "json")
    head = picture.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (500, 250)  # 10 x 5 inches at 50 dpi


def test_unknown_and_empty_timelines_say_why(history_target, tmp_path):
    typo = run_entente(["timeline", "China", "Belaru", *history_target.args], history_target.env, tmp_path)
    assert typo.returncode == 1
    assert "no state or organisation named 'Belaru'; did you mean Belarus?" in typo.stderr
    nothing = _timeline(history_target, tmp_path, "China", "Vietnam", "--format", "json")
    assert json.loads(nothing.stdout)["entries"] == []
    assert "nothing recorded for China with Vietnam; the graph covers 2013-09-11 to 2023-09-23" in nothing.stderr


def test_the_library_orders_undated_entries_last():
    import networkx as nx

    g = nx.MultiDiGraph()
    for node in ("A", "B"):
        g.add_node(node, label="State", name=f"State {node}")
    g.add_node("d", label="Document", title="joint statement", parties=["A", "B"])
    g.add_edge("A", "B", type="PARTNERSHIP", level="partnership", rank=10, valid_from="2020-01-01", change="establish")
    assert [(e.date, e.kind) for e in pair_timeline(g, "A", "B").entries] == [
        ("2020-01-01", "level"),
        (None, "document"),
    ]


# A report of 2024 that recalls the level the pair set up in 2005 (issue 15, item 4): written here
# in a wire's shape; the rule it exercises is tested on real sentences in tests/test_rules.py.
RECALLED_ESTABLISHMENT = """Kazakhstan, Azerbaijan upgrade ties to comprehensive strategic partnership

ASTANA, March 12, 2024 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev and Azerbaijani President Ilham \
Aliyev held talks in Astana on Tuesday and agreed to upgrade bilateral relations to a comprehensive strategic \
partnership.

The two countries established a strategic partnership in 2005, and relations have grown steadily since then, \
the presidents said.
"""


def test_a_level_established_earlier_becomes_the_attested_earlier_interval(cli_target, tmp_path):
    article = tmp_path / "kaz-aze.txt"
    article.write_text(RECALLED_ESTABLISHMENT, encoding="utf-8")
    done = run_entente(["ingest", str(article), *cli_target.args], cli_target.env, tmp_path)
    assert done.returncode == 0, done.stderr
    entries = json.loads(_timeline(cli_target, tmp_path, "Kazakhstan", "AZE", "--format", "json").stdout)["entries"]
    levels = [(e["date"], e["summary"], e["valid_to"]) for e in entries if e["kind"] == "level"]
    assert levels == [
        ("2005-01-01", "strategic partnership (established in 2005, as a later report recalls)", "2024-03-12"),
        ("2024-03-12", "upgraded to comprehensive strategic partnership (from strategic partnership)", None),
    ]
    # As of 2010 the pair held the earlier level, in the snapshot a user exports.
    snapshot = run_entente(
        ["export", "--as-of", "2010-06-01", "--format", "json", "--output", str(tmp_path / "s.json"), *cli_target.args],
        cli_target.env,
        tmp_path,
    )
    assert snapshot.returncode == 0, snapshot.stderr
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [(e.get("level"), e.get("valid_from")) for e in data["edges"] if e.get("type") == "PARTNERSHIP"] == [
        ("strategic partnership", "2005-01-01")
    ]
