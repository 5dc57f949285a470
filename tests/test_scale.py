"""Scale properties that are not speed: parallel extraction equals serial, re-ingest skips known articles."""

from __future__ import annotations

import json
import os
import shutil
from typing import ClassVar

import pytest

from entente import api
from entente.bench.generate import generate
from entente.ingest import extract as extract_module
from entente.ingest.extract import Extractor
from entente.ingest.model import to_dict
from entente.ingest.readers import ReadProblem, read_articles

from .conftest import CORPUS, ROOT

LABELLED = ROOT / "tests" / "data" / "articles"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 120, seed=5)
    return folder


def test_two_processes_give_exactly_the_serial_output(generated):
    articles = [
        a for a in read_articles([str(CORPUS), str(LABELLED), str(generated)]) if not isinstance(a, ReadProblem)
    ]
    assert len(articles) > 190
    extractor = Extractor()
    serial = [to_dict(f) for f in extractor(articles, n_process=1)]
    parallel = [to_dict(f) for f in extractor(articles, n_process=2, batch_size=16)]
    assert [f["article"]["id"] for f in parallel] == [a.id for a in articles]
    assert parallel == serial
    assert sum(len(f["partnerships"]) for f in serial) > 100


class _Recording(Extractor):
    """The real extractor, recording which articles reach it."""

    seen: ClassVar[list[str]] = []

    def __call__(self, articles, **kwargs):
        def record():
            for article in articles:
                _Recording.seen.append(article.source)
                yield article

        yield from super().__call__(record(), **kwargs)


def test_reingest_extracts_only_the_new_articles(any_store, generated, tmp_path, monkeypatch):
    old = tmp_path / "old"
    shutil.copytree(CORPUS, old)
    first = api.ingest_paths([str(old)], any_store)
    assert (first.articles_new, first.articles_skipped) == (5, 0)

    new = tmp_path / "new"
    new.mkdir()
    for name in sorted(p.name for p in (generated / "wire" / "0000").iterdir())[:3]:
        shutil.copy(generated / "wire" / "0000" / name, new / name)
    # api imports the Extractor where it runs (fast start), so the recording one replaces it at its home
    monkeypatch.setattr(extract_module, "Extractor", _Recording)
    _Recording.seen = []
    again = api.ingest_paths([str(old), str(new)], any_store, batch_size=2)
    # the old files are unchanged, so they are not even parsed
    assert (again.articles_new, again.articles_skipped, again.files_unchanged) == (3, 0, 5)
    assert sorted(_Recording.seen) == sorted(str(new / p.name) for p in new.iterdir())
    assert any_store.known_articles(a.id for a in read_articles([str(new)])) == {
        a.id for a in read_articles([str(new)])
    }


def test_a_changed_file_is_read_again_and_a_file_with_a_problem_is_never_recorded(any_store, generated, tmp_path):
    folder = tmp_path / "feed"
    shutil.copytree(CORPUS, folder)
    lines = [
        json.dumps(
            {"text": (generated / "wire" / "0000" / name).read_text(encoding="utf-8"), "published": "2024-05-01"}
        )
        for name in sorted(p.name for p in (generated / "wire" / "0000").iterdir())[:2]
    ]
    (folder / "feed.jsonl").write_text(lines[0] + "\n{not json\n", encoding="utf-8")
    problems: list[ReadProblem] = []
    first = api.ingest_paths([str(folder)], any_store, problems=problems)
    assert (first.articles_new, first.files_unchanged) == (6, 0)
    assert [p.line for p in problems] == [2]

    seed = sorted(folder.glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8").replace(". ", ". Officials confirmed it. ", 1), encoding="utf-8")
    problems.clear()
    again = api.ingest_paths([str(folder)], any_store, problems=problems)
    # the four untouched seeds are skipped unread; the edited one is a new article; the feed with
    # a bad line is read again (and its problem reported again), its good line skipped by id
    assert (again.articles_new, again.articles_skipped, again.files_unchanged) == (1, 1, 4)
    assert [p.line for p in problems] == [2]


def test_files_are_recorded_only_once_their_articles_are_committed(embedded_store, tmp_path):
    """An ingest that fails part way records exactly the files whose articles made it in."""
    from entente.ingest.readers import source_digest

    folder = tmp_path / "seeds"
    shutil.copytree(CORPUS, folder)
    failing = _FailingStore(embedded_store, fail_at=5)
    with pytest.raises(RuntimeError, match="batch 5"):
        api.ingest_paths([str(folder)], failing, batch_size=1)
    files = sorted(folder.glob("*.txt"))
    digests = [source_digest(f.suffix, f.read_bytes()) for f in files]
    recorded = embedded_store.known_sources(digests)
    stored = embedded_store.known_articles(a.id for a in read_articles([str(folder)]))
    assert len(stored) == 4 and len(recorded) >= 1
    for file, digest in zip(files, digests, strict=True):
        if digest in recorded:
            assert {a.id for a in read_articles([str(file)])} <= stored
    resumed = api.ingest_paths([str(folder)], embedded_store, batch_size=1)
    assert resumed.articles_new == 1 and resumed.articles_skipped + resumed.files_unchanged == 4
    assert embedded_store.known_sources(digests) == set(digests)


def test_groups_are_derived_in_chunks_bounded_by_groups_and_claims(monkeypatch):
    from entente.graph import store

    monkeypatch.setattr(store, "GROUP_CHUNK", 3)
    monkeypatch.setattr(store, "CLAIM_CHUNK", 100)
    counts = {"a": 10, "b": 10, "c": 10, "d": 10, "hub": 500, "e": 60, "f": 50}
    chunks = list(store._chunks(["a", "b", "c", "d", "hub", "e", "f", "new"], counts))
    # three groups at most; a hub alone; 60 + 50 claims would pass 100; a group with no stored claims counts 0
    assert chunks == [["a", "b", "c"], ["d"], ["hub"], ["e"], ["f", "new"]]


class _FailingStore:
    """A store whose ``fail_at``-th batch fails before it commits."""

    def __init__(self, store, fail_at: int):
        self.store = store
        self.fail_at = fail_at
        self.batches = 0

    def __getattr__(self, name):
        return getattr(self.store, name)

    def write_batch(self, work) -> None:
        self.batches += 1
        if self.batches == self.fail_at:
            raise RuntimeError(f"batch {self.fail_at} lost")
        self.store.write_batch(work)


@pytest.mark.neo4j
def test_routing_uri_writes_and_reads_like_a_direct_connection(neo4j_store, embedded_store, corpus_facts):
    from entente.graph.neo4j_store import Neo4jStore
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    from .test_store import _comparable

    uri = os.environ["NEO4J_URI"].replace("bolt://", "neo4j://", 1)
    assert uri.startswith("neo4j://")
    kb = load_knowledge()
    with Neo4jStore(
        uri,
        os.environ.get("NEO4J_USERNAME", "neo4j"),
        os.environ.get("NEO4J_PASSWORD"),
        os.environ.get("NEO4J_DATABASE"),
    ) as routed:
        report = ingest_facts(routed, corpus_facts, kb, batch_size=2)
        assert (report.articles_new, report.batches) == (5, 3)
        ingest_facts(embedded_store, corpus_facts, kb, batch_size=2)
        assert _comparable(routed.read_graph()) == _comparable(embedded_store.read_graph())


@pytest.mark.neo4j
def test_a_recomputed_group_writes_only_what_changed(neo4j_store, corpus_facts):
    from entente.graph import cypher
    from entente.graph.derive import claim_records, derive_group
    from entente.graph.schema import GROUP_OWNED_LABELS, GraphRows
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    kb = load_knowledge()
    ingest_facts(neo4j_store, corpus_facts, kb)
    groups = sorted({r.group for f in corpus_facts for r in claim_records(f, "now")})
    records = neo4j_store.claims_for_groups(groups)
    published = neo4j_store.published_for({r.article for r in records})
    derived = {g: derive_group(g, [r for r in records if r.group == g], kb, published) for g in groups}

    def written(props=True):
        with neo4j_store._session() as session:
            stored = session.execute_read(neo4j_store.stored_rows, [str(g) for g in groups], props=props)
        statements = neo4j_store.batch_statements(GraphRows(), {str(g): rows for g, rows in derived.items()}, stored)
        return {query: rows for query, _, rows in statements if rows}

    def applied():
        """What the statements of a read without properties change of what groups own when run
        (the server compares); nodes groups do not own, such as leaders, are written each time."""
        changed = {}
        with neo4j_store._session() as session:
            for query, rows in written(props=False).items():
                counters = session.run(query, rows=rows).consume().counters
                if counters.contains_updates and query not in cypher.set_nodes.values():
                    changed[query] = counters
                elif counters.contains_updates:
                    assert query not in owned
        return changed

    # recomputed from the same claims: no group-owned node or relationship is written again
    owned = {cypher.set_nodes[label] for label in GROUP_OWNED_LABELS}
    deletes = {*cypher.DELETE_NODES.values(), *cypher.DELETE_RELS.values()}
    assert not any(query in owned or query in deletes or "]->(b) SET r" in query for query in written())
    assert not applied()

    def spoil():
        with neo4j_store._session() as session:
            return session.run(
                "MATCH (e:Event) WITH e ORDER BY e.id LIMIT 1 SET e.place = 'Nowhere' RETURN e.id AS id"
            ).single()["id"]

    event = spoil()
    again = written()
    assert [row["id"] for row in again[cypher.set_nodes["Event"]]] == [event]
    assert not any(query in deletes or "]->(b) SET r" in query for query in again)
    changed = applied()
    assert list(changed) == [cypher.update_nodes["Event"]]
    assert changed[cypher.update_nodes["Event"]].properties_set > 0
    with neo4j_store._session() as session:
        place = session.run("MATCH (e:Event {id: $id}) RETURN e.place AS place", id=event).single()["place"]
    assert place != "Nowhere"
    assert not applied()


@pytest.mark.neo4j
def test_groups_new_in_a_batch_are_written_without_reading_what_they_own(
    neo4j_store, embedded_store, corpus_facts, monkeypatch
):
    """A group with no claims before the batch owns nothing yet: the batch does not read it."""
    from entente.graph.derive import claim_records
    from entente.graph.neo4j_store import Neo4jStore
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    from .test_store import _comparable

    kb = load_knowledge()
    asked: list[str] = []
    stored_rows = Neo4jStore.stored_rows

    def spied(self, tx, groups):
        asked.extend(groups)
        return stored_rows(self, tx, groups)

    monkeypatch.setattr(Neo4jStore, "stored_rows", spied)
    half = len(corpus_facts) // 2
    first, rest = corpus_facts[:half], corpus_facts[half:]
    ingest_facts(neo4j_store, first, kb, batch_size=len(first))
    assert asked == []  # an empty database: every group is new
    before = {str(r.group) for f in first for r in claim_records(f, "now")}
    after = {str(r.group) for f in rest for r in claim_records(f, "now")}
    ingest_facts(neo4j_store, rest, kb, batch_size=len(rest))
    assert asked and set(asked) <= before  # only groups that had claims are read
    assert after - before  # and the second batch had new groups too
    for batch in (first, rest):
        ingest_facts(embedded_store, batch, kb, batch_size=len(batch))
    assert _comparable(neo4j_store.read_graph()) == _comparable(embedded_store.read_graph())


def test_groups_derived_a_few_at_a_time_give_the_same_graph(tmp_path, corpus_facts, monkeypatch):
    from entente.graph import store as store_module
    from entente.graph.embedded import EmbeddedStore
    from entente.ingest.knowledge import load_knowledge

    from .test_store import _comparable

    kb = load_knowledge()
    with EmbeddedStore(tmp_path / "whole", writer=True) as whole:
        store_module.ingest_facts(whole, corpus_facts, kb, batch_size=2)
        expected = _comparable(whole.read_graph())
    monkeypatch.setattr(store_module, "GROUP_CHUNK", 1)
    with EmbeddedStore(tmp_path / "chunked", writer=True) as chunked:
        report = store_module.ingest_facts(chunked, corpus_facts, kb, batch_size=2)
        assert report.groups > report.batches  # several chunks per batch
        assert _comparable(chunked.read_graph()) == expected


def _plan_operators(session, query: str) -> list[str]:
    """The operators of the plan Neo4j compiles for ``query`` now (plan cache emptied first)."""
    session.run("CALL db.clearQueryCaches()").consume()
    params = {"rows": [], "groups": [], "ids": [], "group": "", "kind": "", "ranges": [], "articles": [], "changes": []}
    params["requests"] = []
    plan = session.run("EXPLAIN " + query, params).consume().plan
    names, todo = [], [plan]
    while todo:
        operator = todo.pop()
        names.append(operator["operatorType"].split("@")[0])
        todo.extend(operator.get("children", []))
    return names


def _store_statements():
    from entente.graph import cypher

    return {
        "claims for groups": cypher.CLAIMS_FOR_GROUPS,
        "claim counts": cypher.CLAIM_COUNTS,
        "claim evidence": cypher.CLAIM_EVIDENCE,
        "published for": cypher.PUBLISHED_FOR,
        "claims of a kind": cypher.CLAIMS_OF_KIND,
        "claims of a kind and change": cypher.CLAIMS_OF_CHANGE,
        "claims by id": cypher.CLAIMS_BY_ID,
        "event claims near": cypher.EVENT_CLAIMS_NEAR,
        "events reported": cypher.EVENTS_REPORTED,
        "scope events": cypher.SCOPE_EVENTS,
        "scope event relationships": cypher.SCOPE_EVENT_RELS,
        **{f"nodes of {label}": q for label, q in cypher.GROUP_NODES.items()},
        **{f"{rel} of groups": q for rel, q in cypher.GROUP_RELS.items()},
        **{f"ids of {label}": q for label, q in cypher.GROUP_NODE_IDS.items()},
        **{f"ends of {rel}": q for rel, q in cypher.GROUP_REL_ENDS.items()},
        **{f"update {label}": q for label, q in cypher.update_nodes.items()},
        **{f"update {rel}": q for rel, q in cypher.update_rels.items()},
        **{f"delete {label}": q for label, q in cypher.DELETE_NODES.items()},
        **{f"delete {rel}": q for rel, q in cypher.DELETE_RELS.items()},
        **{f"merge {label}": q for label, q in cypher.merge_nodes.items()},
        **{f"set {label}": q for label, q in cypher.set_nodes.items()},
        **{f"merge {key}": q for key, q in cypher.merge_rels.items()},
    }


def _pinned_statements() -> set[str]:
    """Every statement of graph/cypher.py that keeps its cached plan as the database grows."""
    from entente.graph import cypher

    found: set[str] = set()
    for value in vars(cypher).values():
        for query in value.values() if isinstance(value, dict) else [value]:
            if isinstance(query, str) and query.startswith(cypher.PINNED) and query != cypher.PINNED:
                found.add(query)
    return found


def test_every_statement_that_keeps_its_plan_is_in_the_plan_check():
    """A statement run with ``replan=skip`` keeps a plan made on an empty database for good, so
    the plan check below must cover it; and the batch's writes and reads by group are among them."""
    from entente.graph import cypher

    pinned = _pinned_statements()
    assert pinned <= set(_store_statements().values()), pinned - set(_store_statements().values())
    batch = {
        *cypher.merge_nodes.values(),
        *cypher.set_nodes.values(),
        *cypher.merge_rels.values(),
        *cypher.DELETE_NODES.values(),
        *cypher.DELETE_RELS.values(),
        *cypher.GROUP_NODES.values(),
        *cypher.GROUP_RELS.values(),
        *cypher.GROUP_NODE_IDS.values(),
        *cypher.GROUP_REL_ENDS.values(),
        *cypher.update_nodes.values(),
        *cypher.update_rels.values(),
        cypher.CLAIMS_FOR_GROUPS,
        cypher.CLAIM_COUNTS,
    }
    assert batch <= pinned, sorted(batch - pinned)[:3]


@pytest.mark.neo4j
def test_every_write_by_id_is_a_unique_seek_whatever_the_statistics(neo4j_store, corpus_facts):
    """Issue 13's loading regression: with a plain index on a relationship's id, a MERGE planned
    while the index's sample still said "empty" scanned the whole index for every row, and that
    plan stayed cached for the next batches. With the uniqueness constraint the plan is a seek
    on an empty database and on a loaded one alike."""
    from entente.graph import cypher
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    statements = _store_statements()
    for moment in ("empty", "loaded"):
        if moment == "loaded":
            ingest_facts(neo4j_store, corpus_facts, load_knowledge())
        with neo4j_store._session() as session:
            for name, query in statements.items():
                operators = _plan_operators(session, query)
                scans = [op for op in operators if "Scan" in op or op.startswith("AllNodes")]
                assert not scans, f"{name} on a {moment} database plans {scans}"
                if query in (*cypher.merge_rels.values(), *cypher.DELETE_RELS.values(), *cypher.update_rels.values()):
                    assert "DirectedRelationshipUniqueIndexSeek(Locking)" in operators, (name, moment, operators)


@pytest.mark.neo4j
def test_a_database_with_the_old_relationship_id_indexes_is_migrated(neo4j_store):
    from entente.graph.neo4j_store import Neo4jStore

    with neo4j_store._session() as session:
        session.run("DROP CONSTRAINT entente_rel_about_id_unique IF EXISTS").consume()
        session.run("CREATE INDEX entente_rel_about_id IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.id)").consume()
    uri, user, password, database = neo4j_store.uri, "neo4j", os.environ.get("NEO4J_PASSWORD"), neo4j_store.database
    Neo4jStore(uri, os.environ.get("NEO4J_USERNAME", user), password, database).close()
    with neo4j_store._session() as session:
        indexes = {r["name"]: r["owner"] for r in session.run("SHOW INDEXES YIELD name, owningConstraint AS owner")}
    assert "entente_rel_about_id" not in indexes
    assert indexes["entente_rel_about_id_unique"] == "entente_rel_about_id_unique"


@pytest.mark.neo4j
def test_a_neo4j_batch_leaves_the_objects_before_it_to_the_collector_frozen_until_close(corpus_facts):
    """The caller's facts are not walked by every full collection of every batch (issue 13's
    growing database); closing the store hands them back to the collector, and a store opened
    while something else froze objects leaves the freezing to it."""
    import gc

    from entente.graph.neo4j_store import Neo4jStore
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    from .conftest import _neo4j_settings, empty_neo4j

    kb = load_knowledge()
    gc.unfreeze()  # what an earlier test's store, never closed, left frozen
    store = Neo4jStore(*_neo4j_settings())
    empty_neo4j(store)
    ingest_facts(store, corpus_facts[:5], kb)
    assert gc.get_freeze_count() > 0
    store.close()
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        store = Neo4jStore(*_neo4j_settings())
        ingest_facts(store, corpus_facts[5:10], kb)
        store.close()
        assert gc.get_freeze_count() > 0  # what the other froze stays frozen
    finally:
        gc.unfreeze()
