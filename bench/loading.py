"""Loading measured: a store wrapper that times writes, and the one-query-per-row baseline.

:class:`TimedStore` wraps any store and counts the rows (nodes and relationships) each batch
writes and the seconds spent writing them. :class:`PerRowNeo4jStore` is the baseline the batched
Neo4j store is compared with: the very same statements, but each row sent as its own query in its
own auto-commit transaction, the way a naive loader works. It exists only for the benchmark.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from entente.graph.derive import ClaimRecord
from entente.graph.neo4j_store import Neo4jStore
from entente.graph.schema import GraphRows

__all__ = ["TimedStore", "PerRowNeo4jStore", "clear_database", "batch_rows"]

#: Empty a benchmark database in bounded transactions (Neo4j 5.21+ syntax): relationships first,
#: since detaching a hub node with many thousands of them overflows one transaction's memory.
CLEAR_DATABASE = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)


def batch_rows(base: GraphRows, derived: dict[str, GraphRows]) -> int:
    """Nodes and relationships a batch writes."""
    return len(base.nodes) + len(base.rels) + sum(len(rows.nodes) + len(rows.rels) for rows in derived.values())


class TimedStore:
    """Any store, with the rows it was asked to write and the seconds its writes took."""

    def __init__(self, store):
        self.store = store
        self.description = store.description
        self.rows = 0
        self.write_seconds = 0.0

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        return self.store.known_articles(ids)

    def claims_for_groups(self, groups: Iterable[str]) -> list[ClaimRecord]:
        return self.store.claims_for_groups(groups)

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        return self.store.published_for(article_ids)

    def write_batch(self, base: GraphRows, records: list[ClaimRecord], derived: dict[str, GraphRows]) -> None:
        start = time.perf_counter()
        self.store.write_batch(base, records, derived)
        self.write_seconds += time.perf_counter() - start
        self.rows += batch_rows(base, derived)

    def read_graph(self):
        return self.store.read_graph()

    def close(self) -> None:
        self.store.close()


class PerRowNeo4jStore(Neo4jStore):
    """The batched store's statements, one row per query, one auto-commit transaction each."""

    def write_batch(self, base: GraphRows, records: list[ClaimRecord], derived: dict[str, GraphRows]) -> None:
        with self._session() as session:
            stored = session.execute_read(self.stored_rows, sorted(derived))
            for query, name, rows in self.batch_statements(base, derived, stored):
                for row in rows:
                    session.run(query, **{name: [row]}).consume()


def clear_database(store: Neo4jStore) -> None:
    with store._session() as session:
        for statement in CLEAR_DATABASE:
            session.run(statement).consume()
