"""The shipped Cypher library, run against the real Neo4j on the sample corpus."""

import json
import re

import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge
from entente.queries import QueryError, load_queries

QUERIES = load_queries()


def test_library_has_the_four_contract_queries_with_headers():
    assert {"partnership-history", "upgrades-in-period", "network-as-of", "evidence"} <= set(QUERIES)
    for query in QUERIES.values():
        assert query.title and query.description
        assert set(query.examples) == set(query.params), query.name


def test_binding_names_the_missing_parameter():
    with pytest.raises(QueryError, match="--param state=VALUE"):
        QUERIES["partnership-history"].bind({})


@pytest.fixture
def loaded(neo4j_store, corpus_facts):
    ingest_facts(neo4j_store, corpus_facts, load_knowledge())
    return neo4j_store


def _run(store, name, **params):
    return store.run_query(QUERIES[name].text, QUERIES[name].bind(params))


@pytest.mark.neo4j
def test_partnership_history(loaded):
    rows = _run(loaded, "partnership-history", state="Belarus")
    assert [(r["partner_id"], r["level"], r["valid_from"], r["valid_to"]) for r in rows] == [
        ("CHN", "all-weather comprehensive strategic partnership", "2022-09-15", None)
    ]
    assert _run(loaded, "partnership-history", state="CHN")[0]["partner_id"] == "BLR"


@pytest.mark.neo4j
def test_upgrades_in_period(loaded):
    rows = _run(loaded, "upgrades-in-period", **{"from": "2023-01-01", "to": "2023-12-31"})
    assert [(r["a"], r["b"], r["date"]) for r in rows] == [("CHN", "KGZ", "2023-05-19"), ("CHN", "TLS", "2023-09-23")]


@pytest.mark.neo4j
def test_network_as_of(loaded):
    assert [(r["a"], r["b"]) for r in _run(loaded, "network-as-of", date="2023-01-01")] == [("BLR", "CHN")]
    assert len(_run(loaded, "network-as-of", date="2024-01-01")) == 3


@pytest.mark.neo4j
def test_evidence(loaded):
    rows = _run(loaded, "evidence", a="China", b="BLR")
    sources = {r["source"].rsplit("/", 1)[-1] for r in rows}
    assert sources == {"002_db423443686d68f5.txt", "003_d09b806fe350d15c.txt"}
    assert any(
        "all-weather comprehensive strategic partnership" in r["sentence"] for r in rows if r["kind"] == "partnership"
    )


@pytest.mark.neo4j
def test_hostile_parameter_is_just_a_value(loaded):
    before = loaded.read_graph().number_of_nodes()
    rows = _run(loaded, "partnership-history", state="x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //")
    assert rows == []
    assert loaded.read_graph().number_of_nodes() == before


@pytest.mark.neo4j
def test_query_command_lists_and_runs(loaded, monkeypatch):
    listing = json.loads(CliRunner().invoke(cli, ["query", "--list", "--format", "json"]).output)
    assert {"name", "description", "params"} <= set(listing[0])
    result = CliRunner().invoke(cli, ["query", "network-as-of", "--param", "date=2024-01-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 3


# -- the analysts' library: each query on the sample corpus, values read from the articles ----------


def test_library_has_at_least_twelve_queries_and_each_is_tested_here():
    assert len(QUERIES) >= 12
    tested = set(re.findall(r'_run\(\w+, "([\w-]+)"', open(__file__, encoding="utf-8").read()))
    assert sorted(set(QUERIES) - tested) == []


@pytest.mark.neo4j
def test_partners_as_of_ranks_chinas_partners(loaded):
    rows = _run(loaded, "partners-as-of", state="China", date="2024-01-01")
    # 002/003: all-weather CSP with Belarus (2022-09-15); 004: CSP "in the new era" with Kyrgyzstan;
    # 000/001: CSP with Timor-Leste.
    assert [(r["partner_id"], r["rank"], r["since"]) for r in rows] == [
        ("BLR", 54, "2022-09-15"),
        ("KGZ", 40, "2023-05-19"),
        ("TLS", 40, "2023-09-23"),
    ]
    assert rows[1]["qualifiers"] == ["in the new era"]
    assert [r["partner_id"] for r in _run(loaded, "partners-as-of", state="CHN", date="2023-06-01")] == ["BLR", "KGZ"]


@pytest.mark.neo4j
def test_top_partnerships_highest_rank_first(loaded):
    rows = _run(loaded, "top-partnerships", limit="2")
    assert [(r["a"], r["b"], r["level"]) for r in rows] == [
        ("BLR", "CHN", "all-weather comprehensive strategic partnership"),
        ("CHN", "KGZ", "comprehensive strategic partnership"),
    ]


@pytest.mark.neo4j
def test_leaders_who_met_xi(loaded):
    rows = _run(loaded, "leaders-met", leader="Xi")  # an alias
    assert [(r["leader_id"], r["events"], r["first"]) for r in rows] == [
        ("alexander-lukashenko", 1, "2022-09-15"),
        ("sadyr-japarov", 1, "2023-05-19"),
        ("xanana-gusmao", 1, "2023-09-23"),
    ]
    assert rows[0]["places"] == ["Samarkand"]
    assert [r["leader_id"] for r in _run(loaded, "leaders-met", leader="Lukashenko")] == ["xi-jinping"]


@pytest.mark.neo4j
def test_events_at_a_place(loaded):
    rows = _run(loaded, "events-at-place", place="samarkand")
    assert [(r["date"], r["kind"], sorted(r["parties"])) for r in rows] == [("2022-09-15", "meeting", ["BLR", "CHN"])]
    assert sorted(rows[0]["leaders"]) == ["Alexander Lukashenko", "Xi Jinping"]
    assert len(rows[0]["sources"]) == 2  # 002 and 003 report the same meeting
    assert [r["date"] for r in _run(loaded, "events-at-place", place="Hangzhou")] == ["2023-09-23"]


@pytest.mark.neo4j
def test_events_in_a_period(loaded):
    rows = _run(loaded, "events-in-period", **{"from": "2023-01-01", "to": "2023-12-31"})
    assert [(r["date"], sorted(r["parties"]), r["place"]) for r in rows] == [
        ("2023-05-19", ["CHN", "KGZ"], None),
        ("2023-09-23", ["CHN", "TLS"], "Hangzhou"),
    ]
    assert _run(loaded, "events-in-period", **{"from": "2022-09-16", "to": "2023-05-18"}) == []


@pytest.mark.neo4j
def test_supporters_of_an_initiative(loaded):
    # 003 (Belarus), 004 (Kyrgyzstan) and 000 (East Timor) each back the Global Development Initiative;
    # only 000 names the Global Civilization Initiative.
    rows = _run(loaded, "initiative-supporters", initiative="Global Development Initiative")
    assert [(r["supporter_id"], r["since"]) for r in rows] == [("BLR", None), ("KGZ", "2023-05-19"), ("TLS", None)]
    assert [r["supporter_id"] for r in _run(loaded, "initiative-supporters", initiative="GCI")] == ["TLS"]


@pytest.fixture
def history(neo4j_store, history_facts):
    ingest_facts(neo4j_store, history_facts, load_knowledge())
    return neo4j_store


@pytest.mark.neo4j
def test_rising_ties_counts_ranks_climbed(history):
    rows = _run(history, "rising-ties", **{"from": "2015-01-01", "to": "2023-12-31"})
    assert [(r["a"], r["b"], r["rank_before"], r["rank_after"], r["rise"]) for r in rows] == [
        ("BLR", "CHN", 0, 54, 54),
        ("CHN", "TLS", 0, 40, 40),
        ("CHN", "PAK", 0, 30, 30),
        ("CHN", "KGZ", 30, 40, 10),
    ]
    # Pakistan fell from 52 to 30 in 2021: a fall is not a rise.
    assert _run(history, "rising-ties", **{"from": "2018-07-01", "to": "2022-01-01"}) == []


@pytest.mark.neo4j
def test_shortest_partnership_path(loaded):
    rows = _run(loaded, "partnership-path", a="Belarus", b="Timor-Leste", date="2024-01-01")
    assert [(r["path"], r["steps"]) for r in rows] == [(["BLR", "CHN", "TLS"], 2)]
    # Timor-Leste had no partnership before 2023-09-23: no path then.
    assert _run(loaded, "partnership-path", a="BLR", b="TLS", date="2023-09-22") == []


@pytest.mark.neo4j
def test_partners_two_states_share(loaded):
    rows = _run(loaded, "shared-partners", a="Belarus", b="Kyrgyzstan", date="2024-01-01")
    assert [(r["partner_id"], r["combined_rank"]) for r in rows] == [("CHN", 94)]
    assert _run(loaded, "shared-partners", a="BLR", b="KGZ", date="2023-01-01") == []


@pytest.mark.neo4j
def test_changes_between_two_dates(history):
    rows = _run(history, "changes-between", **{"from": "2015-01-01", "to": "2022-12-31"})
    assert [(r["date"], r["what"], r["parties"]) for r in rows] == [
        ("2015-04-20", "establish", ["CHN", "PAK"]),
        ("2018-06-06", "event", ["CHN", "KGZ"]),
        ("2018-06-06", "upgrade", ["CHN", "KGZ"]),
        ("2021-03-02", "downgrade", ["CHN", "PAK"]),
        ("2022-09-15", "event", ["BLR", "CHN"]),
        ("2022-09-15", "upgrade", ["BLR", "CHN"]),  # elevated, from a level no report gives
    ]
    assert rows[2]["before"] == "strategic partnership"
    assert rows[3]["before"] == "all-weather strategic cooperative partnership"
    assert rows[4]["detail"] == "meeting in Samarkand" and rows[5]["before"] == "earlier level not recorded"
    assert rows[0]["before"] is None  # an establishment had no earlier level


@pytest.mark.neo4j
def test_who_attended_most_events(loaded):
    rows = _run(loaded, "most-active-leaders", limit="2")
    assert [(r["leader_id"], r["events"], r["counterparts"]) for r in rows] == [
        ("xi-jinping", 3, 3),
        ("alexander-lukashenko", 1, 1),
    ]


# -- the queries Browser draws: they return nodes, relationships and a path --------------------------


@pytest.mark.neo4j
def test_the_graph_queries_return_graph_elements(loaded):
    """What Browser needs to draw: nodes and relationships (the store gives them by id), and a path."""
    network = _run(loaded, "network-graph", date="2024-01-01")
    assert [(r["a"], r["b"]) for r in network] == [("BLR", "CHN"), ("CHN", "KGZ"), ("CHN", "TLS")]
    ids = {d["id"]: d for *_, d in loaded.read_graph().edges(data=True)}
    assert ids[network[0]["p"]]["level"] == "all-weather comprehensive strategic partnership"
    ego = _run(loaded, "ego-network", state="Kyrgyzstan", date="2024-01-01")
    assert {r["centre"] for r in ego} == {"KGZ"}
    assert ego[0]["node"] == "CHN" and len(ego) == 2  # China, then the 2023 meeting
    assert ids[ego[0]["link"]]["type"] == "PARTNERSHIP" and ids[ego[1]["link"]]["type"] == "INVOLVES"
    (path,) = _run(loaded, "path-graph", a="Belarus", b="Timor-Leste", date="2024-01-01")
    assert path["path"]["nodes"] == ["BLR", "CHN", "TLS"]
    assert [ids[r]["valid_from"] for r in path["path"]["relationships"]] == ["2022-09-15", "2023-09-23"]
    assert _run(loaded, "path-graph", a="BLR", b="TLS", date="2023-09-22") == []
