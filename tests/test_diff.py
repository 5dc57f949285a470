"""Diff between two dates: on hand-built histories, and on the corpus in both stores."""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from entente.api import diff_dates
from entente.cli import cli
from entente.graph.diff import network_diff
from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge

NOT_RECORDED = "earlier level not recorded"


def _history() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in ("A", "B", "C", "D", "E"):
        g.add_node(node, label="State", name=f"State {node}")

    def interval(u, v, level, rank, start, end=None):
        g.add_edge(u, v, type="PARTNERSHIP", level=level, rank=rank, valid_from=start, valid_to=end)

    interval("A", "B", "strategic partnership", 30, "2010-01-01", "2015-06-01")
    interval("A", "B", "comprehensive strategic partnership", 40, "2015-06-01")  # upgraded in 2015
    interval("A", "C", "comprehensive strategic partnership", 40, "2011-01-01", "2016-03-01")
    interval("A", "C", "strategic partnership", 30, "2016-03-01")  # downgraded in 2016
    interval("B", "C", "partnership", 10, "2012-01-01", "2014-01-01")  # ended in 2014
    interval("C", "D", "cooperative partnership", 12, "2016-05-05")  # established in 2016
    interval("D", "E", "strategic partnership", 30, "2011-01-01", "2015-01-01")
    interval("D", "E", "strategic cooperative partnership", 30, "2015-01-01")  # same rank, new label
    interval("A", "E", "partnership", 10, "2018-01-01")  # after the period
    g.add_node("ev1", label="Event", kind="meeting", date="2016-05-05", parties=["C", "D"], place="Dakar")
    g.add_node("ev2", label="Event", kind="visit", date="2013-01-01", parties=["A", "B"])  # on `since`: not after it
    g.add_node("lead", label="Leader", name="Leader of D")
    g.add_edge("lead", "ev1", type="ATTENDED")
    return g


def test_diff_classifies_every_kind_of_change():
    diff = network_diff(_history(), "2013-01-01", "2017-01-01")
    assert [(c.kind, c.a, c.b, c.rank_before, c.rank_after, c.date) for c in diff.partnerships] == [
        ("established", "C", "D", None, 12, "2016-05-05"),
        ("upgraded", "A", "B", 30, 40, "2015-06-01"),
        ("downgraded", "A", "C", 40, 30, "2016-03-01"),
        ("relabelled", "D", "E", 30, 30, "2015-01-01"),
        ("ended", "B", "C", 10, None, "2014-01-01"),
    ]
    assert [(e.id, e.place, e.leaders) for e in diff.events] == [("ev1", "Dakar", ["Leader of D"])]
    assert [c.b for c in diff.of_kind("upgraded")] == ["B"]


def test_no_change_on_the_same_day_and_reversed_dates_refused():
    assert network_diff(_history(), "2016-05-05", "2016-05-05").partnerships == []
    with pytest.raises(ValueError, match="before it starts"):
        network_diff(_history(), "2017-01-01", "2013-01-01")


def test_diff_on_the_corpus_in_both_stores(any_store, corpus_facts):
    ingest_facts(any_store, corpus_facts, load_knowledge())
    diff = diff_dates(any_store.read_graph(), "2023-01-01", "2024-01-01")
    # 004: China-Kyrgyzstan on 2023-05-19; 000/001: China-Timor-Leste in Hangzhou on 2023-09-23. Every
    # report says the ties were elevated, none from which level: upgrades, never establishments.
    assert [(c.kind, c.a, c.b, c.level_before, c.level_after, c.date, c.note) for c in diff.partnerships] == [
        ("upgraded", "CHN", "KGZ", None, "comprehensive strategic partnership", "2023-05-19", NOT_RECORDED),
        ("upgraded", "CHN", "TLS", None, "comprehensive strategic partnership", "2023-09-23", NOT_RECORDED),
    ]
    assert [(e.date, e.parties, e.place) for e in diff.events] == [
        ("2023-05-19", ["CHN", "KGZ"], None),
        ("2023-09-23", ["CHN", "TLS"], "Hangzhou"),
    ]
    assert diff_dates(any_store.read_graph(), "2022-01-01", "2022-12-31").of_kind("upgraded")[0].b == "CHN"


def test_diff_of_a_constructed_history_in_both_stores(any_store, history_facts):
    ingest_facts(any_store, history_facts, load_knowledge())
    diff = diff_dates(any_store.read_graph(), "2016-01-01", "2022-01-01")
    assert [(c.kind, c.a, c.b, c.rank_before, c.rank_after, c.date) for c in diff.partnerships] == [
        ("upgraded", "CHN", "KGZ", 30, 40, "2018-06-06"),
        ("downgraded", "CHN", "PAK", 52, 30, "2021-03-02"),
    ]
    assert [(e.date, e.place) for e in diff.events] == [("2018-06-06", "Beijing")]


def test_diff_command_prints_json_and_markdown(tmp_path, monkeypatch, corpus_facts):
    from entente.graph.embedded import EmbeddedStore

    monkeypatch.delenv("NEO4J_URI", raising=False)
    with EmbeddedStore(tmp_path / "s", writer=True) as store:
        ingest_facts(store, corpus_facts, load_knowledge())
    result = CliRunner().invoke(
        cli, ["diff", "2022-01-01", "2023-06-01", "--store", str(tmp_path / "s"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == ("2022-01-01", "2023-06-01")
    assert [(c["kind"], c["a"], c["b"], c["note"]) for c in data["partnerships"]] == [
        ("upgraded", "BLR", "CHN", NOT_RECORDED),
        ("upgraded", "CHN", "KGZ", NOT_RECORDED),
    ]
    md = CliRunner().invoke(cli, ["diff", "2023-06-01", "2023-06-02", "--store", str(tmp_path / "s"), "--format", "md"])
    assert md.exit_code == 0 and md.output.count("none") == 2
    bad = CliRunner().invoke(cli, ["diff", "2024-01-01", "2023-01-01", "--store", str(tmp_path / "s")])
    assert bad.exit_code == 2 and "give the earlier date first" in bad.output


UPGRADES = """\
date 2023-09-11 U.S. President Joe Biden met with Vietnamese leader Nguyen Phu Trong in Hanoi on Sunday. \
The United States and Vietnam upgraded their relations from a comprehensive partnership to a comprehensive \
strategic partnership.
"""


def test_an_upgrade_first_known_from_its_report_is_an_upgrade_in_both_stores(any_store, tmp_path):
    """US-Vietnam 2023 (issue 15): the report gives the earlier level, so diff says upgraded from it."""
    from entente.api import extract_paths

    (tmp_path / "usa-vnm.txt").write_text(UPGRADES, encoding="utf-8")
    ingest_facts(any_store, extract_paths([str(tmp_path / "usa-vnm.txt")]).facts, load_knowledge())
    diff = diff_dates(any_store.read_graph(), "2023-01-01", "2024-01-01")
    assert [(c.kind, c.a, c.b, c.level_before, c.level_after, c.note) for c in diff.partnerships] == [
        ("upgraded", "USA", "VNM", "comprehensive partnership", "comprehensive strategic partnership", None)
    ]


def test_diff_table_says_when_the_earlier_level_is_not_recorded(cli_target, tmp_path):
    from .conftest import CORPUS
    from .harness import run_entente

    assert run_entente(["ingest", str(CORPUS), *cli_target.args], cli_target.env, tmp_path).returncode == 0
    done = run_entente(
        ["diff", "2022-01-01", "2023-01-01", "--format", "md", *cli_target.args], cli_target.env, tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert (
        "| upgraded (earlier level not recorded) | BLR–CHN |  | all-weather comprehensive strategic partnership |"
        in (done.stdout)
    )
    assert "established" not in done.stdout
    empty = run_entente(["diff", "1990-01-01", "1991-01-01", *cli_target.args], cli_target.env, tmp_path)
    assert "nothing changed from 1990-01-01 to 1991-01-01; the graph covers 2022-09-15 to 2023-09-23" in empty.stderr


def test_the_change_queries_say_what_diff_says_of_an_earlier_level_in_both_stores(cli_target, tmp_path):
    """Issue 15 item 4: ``changes-between`` and ``upgrades-in-period`` give the earlier level a report
    gives (US–Vietnam 2023, China–Kyrgyzstan 2018), and "earlier level not recorded" where none does
    (Belarus–China 2022), as ``diff`` does; an establishment has no earlier level."""
    from .conftest import CORPUS, ROOT
    from .harness import run_entente

    (tmp_path / "usa-vnm.txt").write_text(UPGRADES, encoding="utf-8")
    paths = [str(CORPUS), str(ROOT / "tests" / "data" / "history.jsonl"), "usa-vnm.txt"]
    assert run_entente(["ingest", *paths, *cli_target.args], cli_target.env, tmp_path).returncode == 0

    def query(name, since, until):
        args = ["query", name, "-p", f"from={since}", "-p", f"to={until}", "--format", "json", *cli_target.args]
        done = run_entente(args, cli_target.env, tmp_path)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    changes = query("changes-between", "2015-01-01", "2023-12-31")
    assert [(r["date"], r["what"], r["parties"], r["before"]) for r in changes if r["what"] != "event"] == [
        ("2015-04-20", "establish", ["CHN", "PAK"], None),
        ("2018-06-06", "upgrade", ["CHN", "KGZ"], "strategic partnership"),
        ("2021-03-02", "downgrade", ["CHN", "PAK"], "all-weather strategic cooperative partnership"),
        ("2022-09-15", "upgrade", ["BLR", "CHN"], NOT_RECORDED),
        ("2023-09-10", "upgrade", ["USA", "VNM"], "comprehensive partnership"),
        ("2023-09-23", "upgrade", ["CHN", "TLS"], NOT_RECORDED),
    ]
    upgrades = query("upgrades-in-period", "2022-01-01", "2023-12-31")
    assert [(r["a"], r["b"], r["change"], r["previous_level"]) for r in upgrades] == [
        ("BLR", "CHN", "upgrade", NOT_RECORDED),
        ("USA", "VNM", "upgrade", "comprehensive partnership"),
        ("CHN", "TLS", "upgrade", NOT_RECORDED),
    ]
    # the same words as diff, pair by pair
    done = run_entente(
        ["diff", "2022-01-01", "2023-12-31", "--format", "json", *cli_target.args], cli_target.env, tmp_path
    )
    said = {(c["a"], c["b"]): c["level_before"] or c["note"] for c in json.loads(done.stdout)["partnerships"]}
    assert {(r["a"], r["b"]): r["previous_level"] for r in upgrades} == {
        pair: said[pair] for pair in (("BLR", "CHN"), ("USA", "VNM"), ("CHN", "TLS"))
    }
