"""Injection: hostile names in articles and knowledge, and hostile query parameters.

A knowledge extension gives a leader, his office, a state, a place and an initiative names full of
Cypher, JSON and HTML metacharacters, control and bidirectional characters, so the hostile text
really becomes node and relationship properties; the article's file name and a feed's title and
URL are hostile too. Both stores must keep every string exactly, give the same graph, and nothing
a query parameter says may change the graph.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from entente.cli import cli

from .harness import Target, cli_env, run_entente

LEADER_ID = "zq`}) DETACH DELETE n //"
LEADER = 'Zorblat "Bobby" O\'Quux`}) MATCH (n) DETACH DELETE n // $x \\ \u202e\u0007'
TITLE = "President'}]->(x) SET x.pwned = true //"
STATE = 'Timor`-Leste"}) MATCH (n) DETACH DELETE n //\u200f$name\\'
PLACE = "Quux'ville\"}) // <script>alert(1)</script> $p"
INITIATIVE_ID = "QI'}) DETACH DELETE n"
INITIATIVE = 'Quux "Initiative"}) MATCH (n) DETACH DELETE n // {x: $y}'
FILE = "x'\"`$} MATCH (n) DETACH DELETE n.txt"
FEED_TITLE = "</title><script>alert('x')</script> \"}]} MATCH (n) DETACH DELETE n"
FEED_URL = "https://example.org/?q=' OR 1=1 --&x=`$y`"


def _toml(value: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML escapes for these characters)."""
    return json.dumps(value, ensure_ascii=True)


def _write_inputs(folder) -> None:
    kb = folder / "kb"
    kb.mkdir()
    (kb / "leaders.toml").write_text(
        f'[[leader]]\nid = {_toml(LEADER_ID)}\nname = {_toml(LEADER)}\naliases = ["Zorblat Quux"]\nstate = "TLS"\n'
        f'offices = [{{ title = {_toml(TITLE)}, from = "2020-01-01", to = "" }}]\nsource = "test"\n',
        encoding="utf-8",
    )
    (kb / "states.toml").write_text(
        f'[[state]]\nid = "TLS"\nname = {_toml(STATE)}\naliases = ["Timor-Leste"]\n', encoding="utf-8"
    )
    (kb / "places.toml").write_text(
        f'[[place]]\nname = {_toml(PLACE)}\nstate = "TLS"\naliases = ["Quuxville"]\nkind = "city"\nsource = "test"\n',
        encoding="utf-8",
    )
    (kb / "initiatives.toml").write_text(
        f"[[initiative]]\nid = {_toml(INITIATIVE_ID)}\nname = {_toml(INITIATIVE)}\n"
        'aliases = ["Quux Initiative"]\nsource = "test"\n',
        encoding="utf-8",
    )
    articles = folder / "articles"
    articles.mkdir()
    (articles / FILE).write_text(
        "date 2024-03-05 Chinese President Xi Jinping met Timor-Leste President Zorblat Quux in Quuxville on Tuesday. "
        "The two sides agreed to upgrade relations to an all-round strategic partnership. "
        "Timor-Leste supports the Quux Initiative.\n\n"
        'He said: "\'; MATCH (n) DETACH DELETE n; //" and `$x` {}\\ \u0007 \u202e.',
        encoding="utf-8",
    )
    (articles / "feed.jsonl").write_text(
        json.dumps(
            {
                "text": "Chinese President Xi Jinping met Kyrgyz President Sadyr Japarov in Bishkek on Friday. "
                "They agreed to elevate ties to a comprehensive strategic partnership. "
                "}]} // MATCH (n) DETACH DELETE n",
                "published": "2023-05-19",
                "title": FEED_TITLE,
                "url": FEED_URL,
            }
        )
        + "\n",
        encoding="utf-8",
    )


def _ingest(target: Target, folder) -> None:
    result = run_entente(["ingest", "articles", "--knowledge", "kb", *target.args], target.env, folder)
    assert result.returncode == 0 and not result.stderr, result.stderr


def _node(graph, label, ident):
    data = graph.nodes[ident]
    assert data["label"] == label
    return data


def test_hostile_names_are_stored_exactly(cli_target, tmp_path):
    _write_inputs(tmp_path)
    _ingest(cli_target, tmp_path)
    graph = cli_target.read_graph()
    assert _node(graph, "Leader", LEADER_ID)["name"] == LEADER
    assert _node(graph, "State", "TLS")["name"] == STATE
    assert _node(graph, "Initiative", INITIATIVE_ID)["name"] == INITIATIVE
    assert sorted(d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Place") == ["Bishkek", PLACE]
    offices = [(d["title"], v) for u, v, d in graph.edges(data=True) if d["type"] == "HOLDS_OFFICE" and u == LEADER_ID]
    assert offices == [(TITLE, "TLS")]
    articles = {d["source"]: d for _, d in graph.nodes(data=True) if d["label"] == "Article"}
    assert set(articles) == {f"articles/{FILE}", "articles/feed.jsonl#1"}
    assert (articles["articles/feed.jsonl#1"]["title"], articles["articles/feed.jsonl#1"]["url"]) == (
        FEED_TITLE,
        FEED_URL,
    )
    assert not any("pwned" in d for _, d in graph.nodes(data=True))
    counts = {}
    for _, data in graph.nodes(data=True):
        counts[data["label"]] = counts.get(data["label"], 0) + 1
    # CHN, TLS, KGZ; Xi, the hostile leader, Japarov; two events; two places; one initiative; two articles
    assert counts == {"State": 3, "Leader": 3, "Event": 2, "Place": 2, "Initiative": 1, "Article": 2}
    partnerships = sorted((u, v, d["level"]) for u, v, d in graph.edges(data=True) if d["type"] == "PARTNERSHIP")
    assert partnerships == [
        ("CHN", "KGZ", "comprehensive strategic partnership"),
        ("CHN", "TLS", "all-round strategic partnership"),
    ]


@pytest.mark.neo4j
def test_hostile_names_give_the_same_graph_in_both_stores(neo4j_store, tmp_path):
    _write_inputs(tmp_path)
    embedded = Target("embedded", ["--store", str(tmp_path / "store")])
    neo4j = Target("neo4j", [], cli_env(NEO4J_URI=neo4j_store.uri, NEO4J_PASSWORD=_password()))
    for target in (embedded, neo4j):
        _ingest(target, tmp_path)
    assert neo4j.exported(tmp_path) == embedded.exported(tmp_path)


def _password() -> str:
    import os

    return os.environ.get("NEO4J_PASSWORD", "")


def _query(uri: str, name: str, *params: str, knowledge: str | None = None):
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": _password(), "ENTENTE_STORE": None, "ENTENTE_KNOWLEDGE": knowledge}
    args = ["query", name, "--format", "json"]
    for param in params:
        args += ["--param", param]
    return CliRunner().invoke(cli, args, env=env)


HOSTILE_VALUES = (
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "`x`",
    "$state",
    "\\",
    "}",
    "\u202e\u0000\u0007",
    "China' }) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 AS a, 1 AS a_name //",
)


@pytest.mark.neo4j
def test_hostile_query_parameters_leave_the_graph_untouched(neo4j_store, tmp_path):
    _write_inputs(tmp_path)
    target = Target("neo4j", [], cli_env(NEO4J_URI=neo4j_store.uri, NEO4J_PASSWORD=_password()))
    _ingest(target, tmp_path)
    before = target.exported(tmp_path)
    for value in HOSTILE_VALUES:
        for name, key, other in (("partnership-history", "state", ()), ("evidence", "a", ("b=China",))):
            # a party's name resolves through the knowledge first: a hostile one names nobody
            result = _query(neo4j_store.uri, name, f"{key}={value}", *other)
            assert result.exit_code == 1, result.output
            assert f"entente: no state or organisation named {value!r}" in result.output
        for name, params in (("network-as-of", ("date",)), ("upgrades-in-period", ("from", "to"))):
            result = _query(neo4j_store.uri, name, *(f"{p}={value}" for p in params))
            assert result.exit_code == 2 and "is not a date; use YYYY-MM-DD" in result.output
    assert target.exported(tmp_path) == before
    # the hostile state name is a value like any other: the queries find the state by it
    kb = str(tmp_path / "kb")
    history = json.loads(_query(neo4j_store.uri, "partnership-history", f"state={STATE}", knowledge=kb).stdout)
    assert [(row["partner_id"], row["level"], row["valid_from"]) for row in history] == [
        ("CHN", "all-round strategic partnership", "2024-03-05")
    ]
    evidence = json.loads(_query(neo4j_store.uri, "evidence", f"a={STATE}", "b=China", knowledge=kb).stdout)
    assert {row["source"] for row in evidence} == {f"articles/{FILE}"}
    assert target.exported(tmp_path) == before


@pytest.mark.neo4j
def test_a_query_the_server_rejects_is_one_line(neo4j_store):
    from entente.graph.store import StoreError

    with pytest.raises(StoreError) as caught:
        neo4j_store.run_query("RETURN date($day) AS day", {"day": "' OR 1=1"})
    assert str(caught.value) == (
        f"Neo4j at {neo4j_store.uri}: reading failed: Text cannot be parsed to a Date "
        "(Neo.ClientError.Statement.SyntaxError)"
    )
