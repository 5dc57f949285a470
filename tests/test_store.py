"""The store interface, against both stores: ingest, idempotency, order independence, parity."""

import json

import pytest

from entente.graph.export import node_link
from entente.graph.store import ingest_facts
from entente.ingest.knowledge import load_knowledge

KB = load_knowledge()
SYSTEM_TIME = {"recorded_at", "ingested_at"}


def _comparable(graph):
    data = node_link(graph)
    for item in data["nodes"] + data["edges"]:
        for key in SYSTEM_TIME:
            item.pop(key, None)
    return json.dumps(data, sort_keys=True, default=str)


def _partnerships(graph):
    return sorted(
        (u, v, d["level"], d.get("valid_from"), d.get("valid_to"))
        for u, v, d in graph.edges(data=True)
        if d["type"] == "PARTNERSHIP"
    )


def test_ingest_builds_the_partnership_graph(any_store, corpus_facts):
    report = ingest_facts(any_store, corpus_facts, KB)
    assert report.articles_new == 5
    graph = any_store.read_graph()
    assert _partnerships(graph) == [
        ("BLR", "CHN", "all-weather comprehensive strategic partnership", "2022-09-15", None),
        ("CHN", "KGZ", "comprehensive strategic partnership", "2023-05-19", None),
        ("CHN", "TLS", "comprehensive strategic partnership", "2023-09-23", None),
    ]
    events = [d for _, d in graph.nodes(data=True) if d["label"] == "Event"]
    assert sorted((e["parties"], e.get("place")) for e in events) == [
        (["BLR", "CHN"], "Samarkand"),
        (["CHN", "KGZ"], None),
        (["CHN", "TLS"], "Hangzhou"),
    ]


def test_ingesting_twice_changes_nothing(any_store, corpus_facts):
    ingest_facts(any_store, corpus_facts, KB)
    before = _comparable(any_store.read_graph()), node_link(any_store.read_graph())
    report = ingest_facts(any_store, corpus_facts, KB)
    assert report.articles_new == 0 and report.articles_skipped == 5
    assert json.dumps(node_link(any_store.read_graph()), sort_keys=True, default=str) == json.dumps(
        before[1], sort_keys=True, default=str
    )


def test_articles_in_any_order_give_one_graph(any_store, corpus_facts, tmp_path):
    from entente.graph.embedded import EmbeddedStore

    for fact in reversed(corpus_facts):
        ingest_facts(any_store, [fact], KB)
    with EmbeddedStore(tmp_path / "forward", writer=True) as forward:
        ingest_facts(forward, corpus_facts, KB)
        assert _comparable(any_store.read_graph()) == _comparable(forward.read_graph())


@pytest.mark.neo4j
def test_neo4j_and_embedded_store_give_the_same_graph(neo4j_store, embedded_store, corpus_facts):
    ingest_facts(neo4j_store, corpus_facts, KB)
    ingest_facts(embedded_store, corpus_facts, KB)
    assert _comparable(neo4j_store.read_graph()) == _comparable(embedded_store.read_graph())


def test_embedded_store_is_byte_identical_after_a_second_ingest(tmp_path, corpus_facts):
    from entente.graph.embedded import EmbeddedStore

    path = tmp_path / "s"
    with EmbeddedStore(path, writer=True) as store:
        ingest_facts(store, corpus_facts, KB)
    first = (path / "graph.json").read_bytes()
    with EmbeddedStore(path, writer=True) as store:
        ingest_facts(store, corpus_facts, KB)
    assert (path / "graph.json").read_bytes() == first


def test_torn_journal_line_is_an_uncommitted_batch(tmp_path, corpus_facts):
    from entente.graph.embedded import EmbeddedStore

    path = tmp_path / "s"
    store = EmbeddedStore(path, writer=True)
    ingest_facts(store, corpus_facts[:2], KB)
    store._lock.release()  # simulate a crash: no compaction, lock gone with the process
    with open(path / "journal.jsonl", "ab") as journal:
        journal.write(b'{"groups": ["G:BLR|CHN"], "rels": [')  # a batch cut off mid-write
    with EmbeddedStore(path, writer=True) as reopened:
        assert len(reopened.known_articles(f.article.id for f in corpus_facts)) == 2
        ingest_facts(reopened, corpus_facts, KB)
        resumed = _comparable(reopened.read_graph())
    with EmbeddedStore(tmp_path / "clean", writer=True) as clean:
        ingest_facts(clean, corpus_facts, KB)
        assert resumed == _comparable(clean.read_graph())


def test_second_writer_is_refused_while_the_first_holds_the_lock(tmp_path):
    from entente.graph.embedded import EmbeddedStore
    from entente.graph.store import StoreError

    with EmbeddedStore(tmp_path / "s", writer=True):
        with pytest.raises(StoreError, match="another ingest"):
            EmbeddedStore(tmp_path / "s", writer=True, lock_timeout=0.2)


def test_embedded_commits_collect_the_garbage_and_freeze_the_graph(tmp_path, corpus_facts):
    """Each commit of a writer collects the cyclic garbage there is and leaves what is alive (the
    store's graph) out of later collections, so that a batch's collections do not walk the whole
    graph again; closing the store hands everything back to the collector."""
    import gc
    import weakref

    from entente.graph.embedded import EmbeddedStore

    class Cycle:
        me: object = None

    refs: list[weakref.ref[Cycle]] = []

    def garbage(batch):
        made = Cycle()
        made.me = made
        refs.append(weakref.ref(made))

    gc.unfreeze()  # what another test's store, never closed, may have left frozen
    gc.disable()  # only the commits collect
    try:
        with EmbeddedStore(tmp_path / "s", writer=True) as store:
            ingest_facts(store, corpus_facts[:3], KB)
            assert gc.get_freeze_count() > 0
            assert not any(found is store.nodes or found is store.rels for found in gc.get_objects())
            store.write_batch(garbage)
            assert refs[0]() is None  # collected before the freeze, not frozen with the graph
        assert gc.get_freeze_count() == 0
        assert any(found is store.nodes for found in gc.get_objects())
    finally:
        gc.enable()
