"""Shared fixtures. Tests that need Neo4j use the server named by NEO4J_URI (scripts/test starts
one); under CI=true a missing server is a failure, never a skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _neo4j_settings():
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        message = "NEO4J_URI is not set: start Neo4j with scripts/neo4j-local (bash scripts/test does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return (
        uri,
        os.environ.get("NEO4J_USERNAME", "neo4j"),
        os.environ.get("NEO4J_PASSWORD"),
        os.environ.get("NEO4J_DATABASE"),
    )


def empty_neo4j(store) -> None:
    """Delete every node and relationship of a Neo4j store's database."""
    with store._session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


@pytest.fixture
def neo4j_store():
    """A Neo4j store on an emptied database."""
    from entente.graph.neo4j_store import Neo4jStore

    uri, user, password, database = _neo4j_settings()
    store = Neo4jStore(uri, user, password, database)
    empty_neo4j(store)
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path):
    from entente.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store", writer=True)
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request):
    """Each store-interface test runs against both stores."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def corpus_facts():
    from entente.api import extract_paths

    return extract_paths([str(CORPUS)]).facts


@pytest.fixture(scope="session")
def history_facts(corpus_facts):
    """The corpus plus constructed reports (tests/data/history.jsonl, not real news): CHN-KGZ strategic
    partnership 2013-09-11 then comprehensive 2018-06-06; CHN-PAK all-weather strategic cooperative
    2015-04-20, downgraded to strategic 2021-03-02."""
    from entente.api import extract_paths

    return [*corpus_facts, *extract_paths([str(ROOT / "tests" / "data" / "history.jsonl")]).facts]


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def cli_target(request, tmp_path):
    """An empty store of each kind, as the command line addresses it (tests/harness.py)."""
    from .harness import Target, cli_env

    if request.param == "embedded":
        return Target("embedded", ["--store", str(tmp_path / "store")])
    uri, user, password, database = _neo4j_settings()
    request.getfixturevalue("neo4j_store")  # empties the database
    settings = {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password or ""}
    if database:
        settings["NEO4J_DATABASE"] = database
    return Target("neo4j", [], cli_env(**settings))
