"""The shipped Cypher library, run against the real Neo4j on the sample corpus."""

import json

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
    assert any("all-weather comprehensive strategic partnership" in r["sentence"] for r in rows if r["kind"] == "partnership")


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
    assert len(json.loads(result.output)) == 3
