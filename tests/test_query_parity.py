"""Every named query gives the same rows on both stores for the same corpus.

The ``.cypher`` file runs on the real Neo4j; its function in :mod:`entente.queries.embedded` runs on
the embedded store's graph; the corpus is the sample articles plus the constructed history
(upgrades, a downgrade, ends), so every query has rows to compare.
"""

import json

import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge
from entente.queries import QueryError, load_queries
from entente.queries.embedded import QUERY_FUNCTIONS, run_embedded

from .harness import _ISOLATED

QUERIES = load_queries()

#: Parameters for each query beyond its examples: values that give rows, none, and edge cases.
EXTRA: dict[str, list[dict[str, str]]] = {
    "changes-between": [{"from": "2015-01-01", "to": "2022-12-31"}, {"from": "2010-01-01", "to": "2030-01-01"}],
    "ego-network": [{"state": "KGZ", "date": "2019-01-01"}, {"state": "nowhere", "date": "2024-01-01"}],
    "events-at-place": [{"place": "samarkand"}, {"place": "Beijing"}],
    "events-in-period": [{"from": "2010-01-01", "to": "2030-01-01"}, {"from": "2022-09-16", "to": "2023-05-18"}],
    "evidence": [{"a": "CHN", "b": "KGZ"}, {"a": "pakistan", "b": "China"}, {"a": "CHN", "b": "CHN"}],
    "initiative-supporters": [{"initiative": "GCI"}, {"initiative": "BRI"}],
    "leaders-met": [{"leader": "Xi"}, {"leader": "Lukashenko"}],
    "most-active-leaders": [{"limit": "2"}, {"limit": "100"}],
    "network-as-of": [{"date": "2016-01-01"}, {"date": "2021-03-02"}],
    "network-graph": [{"date": "2016-01-01"}, {"date": "1990-01-01"}],
    "partners-as-of": [{"state": "CHN", "date": "2019-01-01"}, {"state": "Pakistan", "date": "2022-01-01"}],
    "partnership-history": [{"state": "China"}, {"state": "PAK"}],
    "partnership-path": [
        {"a": "KGZ", "b": "PAK", "date": "2019-01-01"},
        {"a": "BLR", "b": "TLS", "date": "2023-09-22"},
    ],
    "path-graph": [{"a": "KGZ", "b": "PAK", "date": "2019-01-01"}, {"a": "BLR", "b": "TLS", "date": "2023-09-22"}],
    "rising-ties": [{"from": "2015-01-01", "to": "2023-12-31"}, {"from": "2018-07-01", "to": "2022-01-01"}],
    "shared-partners": [{"a": "KGZ", "b": "PAK", "date": "2019-01-01"}, {"a": "BLR", "b": "KGZ", "date": "2023-01-01"}],
    "top-partnerships": [{"limit": "3"}, {"limit": "50"}],
    "upgrades-in-period": [{"from": "2010-01-01", "to": "2030-01-01"}],
}

#: Columns a query fills with ``collect(DISTINCT ...)``, whose order Cypher leaves open.
COLLECTED = {
    "events-at-place": ("parties", "leaders"),
    "events-in-period": ("parties", "leaders"),
    "leaders-met": ("places",),
}


def _cases():
    for name, query in QUERIES.items():
        for number, params in enumerate([query.examples, *EXTRA.get(name, [])]):
            yield pytest.param(name, params, id=f"{name}-{number}")


def test_every_query_has_a_function_and_extra_cases():
    assert sorted(QUERY_FUNCTIONS) == sorted(QUERIES)
    assert sorted(EXTRA) == sorted(QUERIES)


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory, history_facts):
    """The same corpus in a real Neo4j and in an embedded store."""
    from entente.graph.embedded import EmbeddedStore
    from entente.graph.neo4j_store import Neo4jStore

    from .conftest import _neo4j_settings, empty_neo4j

    uri, user, password, database = _neo4j_settings()
    neo4j = Neo4jStore(uri, user, password, database)
    empty_neo4j(neo4j)
    kb = load_knowledge()
    ingest_facts(neo4j, history_facts, kb)
    folder = tmp_path_factory.mktemp("parity") / "store"
    embedded = EmbeddedStore(folder, writer=True)
    ingest_facts(embedded, history_facts, kb)
    embedded.close()
    graph = EmbeddedStore(folder).read_graph(evidence=True)
    yield neo4j, graph, folder
    neo4j.close()


def _neo4j_rows(store, name, params):
    rows = store.run_query(QUERIES[name].text, QUERIES[name].bind(params))
    for row in rows:
        for column in COLLECTED.get(name, ()):
            row[column] = sorted(row[column])
    return rows


@pytest.mark.neo4j
@pytest.mark.parametrize(("name", "params"), list(_cases()))
def test_same_rows_on_both_stores(both_stores, name, params):
    neo4j, graph, _ = both_stores
    expected = _neo4j_rows(neo4j, name, params)
    assert run_embedded(name, graph, QUERIES[name].bind(params)) == expected


@pytest.mark.neo4j
def test_each_query_has_rows_to_compare(both_stores):
    """The parity above would hold trivially for a query that answers nothing on both stores."""
    neo4j, _, _ = both_stores
    empty = [
        name
        for name, query in QUERIES.items()
        if not any(_neo4j_rows(neo4j, name, p) for p in [query.examples, *EXTRA[name]])
    ]
    assert empty == []


def test_a_limit_that_is_not_a_number_is_an_error(tmp_path):
    import networkx as nx

    with pytest.raises(QueryError, match="limit='ten'"):
        run_embedded("top-partnerships", nx.MultiDiGraph(), {"limit": "ten"})


@pytest.mark.neo4j
def test_query_command_on_both_stores(both_stores):
    """``entente query`` answers on the embedded store too, with the rows Neo4j gives."""
    _, _, folder = both_stores
    from .conftest import _neo4j_settings

    uri, user, password, _ = _neo4j_settings()
    args = ["query", "partners-as-of", "-p", "state=China", "-p", "date=2024-01-01", "--format", "json"]
    neo4j_env = {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password or ""}
    embedded = CliRunner().invoke(cli, [*args, "--store", str(folder)], env=dict.fromkeys(_ISOLATED))
    on_neo4j = CliRunner().invoke(cli, args, env={k: neo4j_env.get(k) for k in _ISOLATED})
    assert embedded.exit_code == 0, embedded.output
    assert on_neo4j.exit_code == 0, on_neo4j.output
    assert json.loads(embedded.stdout) == json.loads(on_neo4j.stdout)
    assert [r["partner_id"] for r in json.loads(embedded.stdout)] == ["BLR", "KGZ", "TLS", "PAK"]
