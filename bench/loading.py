"""Loading measured: a store wrapper that times writes, and the one-query-per-row baseline.

:class:`TimedStore` wraps any store and counts the rows (nodes and relationships) each batch
writes and the seconds spent writing them. :class:`PerRowNeo4jStore` is the baseline the batched
Neo4j store is compared with: the very same statements, but each row sent as its own query in its
own auto-commit transaction, the way a naive loader works. It exists only for the benchmark.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from entente.graph import cypher
from entente.graph.derive import ClaimRecord, GroupKey
from entente.graph.neo4j_store import Neo4jStore
from entente.graph.schema import GraphRows

__all__ = ["PerRowNeo4jStore", "TimedStore", "batch_rows", "clear_database"]

#: Empty a benchmark database in bounded transactions (Neo4j 5.21+ syntax): relationships first,
#: since detaching a hub node with many thousands of them overflows one transaction's memory.
CLEAR_DATABASE = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)


def batch_rows(base: GraphRows, derived: dict[GroupKey, GraphRows]) -> int:
    """Nodes and relationships a batch writes."""
    return len(base.nodes) + len(base.rels) + sum(len(rows.nodes) + len(rows.rels) for rows in derived.values())


class _TimedBatch:
    """A batch whose writes are timed and counted (reading claims and deriving groups are not)."""

    def __init__(self, batch):
        self.batch = batch
        self.rows = 0
        self.seconds = 0.0
        self.work_done = 0.0

    def claim_counts(self, groups):
        return self.batch.claim_counts(groups)

    def claims_for_groups(self, groups):
        return self.batch.claims_for_groups(groups)

    def published_for(self, article_ids):
        return self.batch.published_for(article_ids)

    def tallies(self, groups):
        return self.batch.tallies(groups)

    def __getattr__(self, name: str):
        return getattr(self.batch, name)  # every other read of the batch, as it is

    def write_base(self, base: GraphRows) -> None:
        self._timed(self.batch.write_base, base)
        self.rows += batch_rows(base, {})

    def write_groups(self, derived: dict[GroupKey, GraphRows], scopes=None, new=frozenset()) -> None:
        self._timed(self.batch.write_groups, derived, scopes, new)
        self.rows += batch_rows(GraphRows(), derived)

    def _timed(self, write, *rows) -> None:
        start = time.perf_counter()
        write(*rows)
        self.seconds += time.perf_counter() - start


class TimedStore:
    """Any store, with the rows it was asked to write and the seconds its writes took.

    A batch's seconds are its write statements plus its commit; reading claims and deriving the
    groups inside the same transaction are not counted as loading.
    """

    def __init__(self, store):
        self.store = store
        self.description = store.description
        self.rows = 0
        self.write_seconds = 0.0

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        return self.store.known_articles(ids)

    def known_sources(self, digests: Iterable[str]) -> set[str]:
        return self.store.known_sources(digests)

    def record_sources(self, sources, recorded_at: str) -> None:
        self.store.record_sources(sources, recorded_at)

    def claims_for_groups(self, groups: Iterable[GroupKey]) -> list[ClaimRecord]:
        return self.store.claims_for_groups(groups)

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        return self.store.published_for(article_ids)

    def write_batch(self, work: Callable) -> None:
        attempts: list[_TimedBatch] = []

        def timed_work(batch) -> None:
            attempts.append(_TimedBatch(batch))
            work(attempts[-1])
            attempts[-1].work_done = time.perf_counter()

        self.store.write_batch(timed_work)
        last = attempts[-1]  # a retried transaction counts once, as it finally ran
        self.write_seconds += last.seconds + (time.perf_counter() - last.work_done)
        self.rows += last.rows

    def read_graph(self):
        return self.store.read_graph()

    def close(self) -> None:
        self.store.close()


class _PerRowBatch:
    """The batched store's statements, each row its own query in its own auto-commit transaction."""

    def __init__(self, store: PerRowNeo4jStore, session):
        self.store = store
        self.session = session

    def claim_counts(self, groups):
        counts = self.store._read(cypher.CLAIM_COUNTS, groups=[str(group) for group in groups])
        return {GroupKey.parse(row["group"]): row["claims"] for row in counts}

    def claims_for_groups(self, groups):
        return self.store.claims_for_groups(groups)

    def published_for(self, article_ids):
        return self.store.published_for(article_ids)

    def tallies(self, groups):
        rows = self.store._read(cypher.GROUP_NODES["Tally"], groups=[str(group) for group in groups])
        return {GroupKey.parse(row["props"]["group"]): row["props"]["counts"] for row in rows}

    def write_base(self, base: GraphRows) -> None:
        self._run(self.store.batch_statements(base, {}, ({}, {})))

    def claims_of_kind(self, groups, kind, changes=None):
        names = sorted(map(str, groups))
        if changes is None:
            rows = self.store._read(cypher.CLAIMS_OF_KIND, groups=names, kind=kind)
        else:
            rows = self.store._read(cypher.CLAIMS_OF_CHANGE, groups=names, kind=kind, changes=list(changes))
        return [ClaimRecord.from_stored(row) for row in rows]

    def claims_by_id(self, ids):
        return [ClaimRecord.from_stored(row) for row in self.store._read(cypher.CLAIMS_BY_ID, ids=sorted(set(ids)))]

    def group_rels(self, groups, rel_type):
        found: dict = {group: [] for group in groups}
        for row in self.store._read(cypher.GROUP_RELS[rel_type], groups=sorted(map(str, groups))):
            found[GroupKey.parse(row["props"]["group"])].append(row["props"])
        return found

    def event_claims_near(self, ranges):
        rows = self.store._read(cypher.EVENT_CLAIMS_NEAR, requests=cypher.near_requests(ranges))
        return [ClaimRecord.from_stored(row) for row in rows]

    def events_reported(self, articles):
        found: dict = {}
        for row in self.store._read(cypher.EVENTS_REPORTED, requests=cypher.reported_requests(articles)):
            found.setdefault(GroupKey.parse(row["group"]), {})[row["article"]] = row["props"]
        return found

    def write_groups(self, derived: dict[GroupKey, GraphRows], scopes=None, new=frozenset()) -> None:
        by_name = {str(group): rows for group, rows in derived.items()}
        scoped = {str(group): scope for group, scope in (scopes or {}).items() if group in derived}
        owning = sorted(by_name.keys() - scoped.keys() - {str(group) for group in new})
        # Properties read and compared here, as the batched store once did: a row per query either way.
        nodes, rels = self.session.execute_read(self.store.stored_rows, owning, props=True) if owning else ({}, {})
        if scoped:
            more_nodes, more_rels = self.session.execute_read(self.store.scoped_rows, scoped)
            nodes.update(more_nodes)
            rels.update(more_rels)
        self._run(self.store.batch_statements(GraphRows(), by_name, (nodes, rels)))

    def _run(self, statements) -> None:
        for query, name, rows in statements:
            for row in rows:
                self.session.run(query, **{name: [row]}).consume()


class PerRowNeo4jStore(Neo4jStore):
    """The baseline loader: no batching, no transaction around a batch."""

    def write_batch(self, work: Callable) -> None:
        with self._session() as session:
            work(_PerRowBatch(self, session))


def clear_database(store: Neo4jStore) -> None:
    with store._session() as session:
        for statement in CLEAR_DATABASE:
            session.run(statement).consume()
