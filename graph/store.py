"""The store interface both stores implement, and ingestion on top of it.

A store keeps the evidence layer (articles and their claims) and the graph derived from it. It
answers four questions and takes one kind of write, atomically:

* which of these articles do you have? (:meth:`Store.known_articles`)
* every claim of these groups (:meth:`Store.claims_for_groups`)
* publication dates of these articles (:meth:`Store.published_for`)
* the graph as networkx (:meth:`Store.read_graph`)
* write a batch: new articles and claims, and the recomputed groups (:meth:`Store.write_batch`)

:func:`ingest_facts` does the rest, the same way for both stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import networkx as nx

from entente.ingest.extract import batched
from entente.ingest.knowledge import Knowledge
from entente.ingest.model import ArticleFacts

from .derive import ClaimRecord, base_rows, claim_records, derive_group
from .schema import GraphRows

__all__ = ["Store", "StoreError", "IngestReport", "ingest_facts", "utc_now", "batched"]


class StoreError(RuntimeError):
    """A store cannot be opened, read or written; the message is one line for the user."""


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store(Protocol):
    description: str

    def known_articles(self, ids: Iterable[str]) -> set[str]: ...

    def claims_for_groups(self, groups: Iterable[str]) -> list[ClaimRecord]: ...

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]: ...

    def write_batch(self, base: GraphRows, records: list[ClaimRecord], derived: dict[str, GraphRows]) -> None: ...

    def read_graph(self) -> nx.MultiDiGraph: ...

    def close(self) -> None: ...


@dataclass
class IngestReport:
    """What an ingest did."""

    articles_new: int = 0
    articles_skipped: int = 0
    claims: int = 0
    groups: int = 0
    batches: int = 0
    pairs: set[str] = field(default_factory=set)

    def summary(self) -> str:
        return (
            f"{self.articles_new} new articles ({self.articles_skipped} already stored), "
            f"{self.claims} facts, {self.groups} groups recomputed, {len(self.pairs)} partnership pairs touched"
        )


#: Groups whose stored claims are read and derived together.
GROUP_CHUNK = 256


def ingest_facts(
    store: Store,
    facts: Iterable[ArticleFacts],
    kb: Knowledge,
    *,
    batch_size: int = 1000,
    clock: Callable[[], str] = utc_now,
    on_batch: Callable[[int], None] | None = None,
) -> IngestReport:
    """Write articles' facts and recompute every group they touch, one atomic batch at a time.

    Articles the store already has (by id) are skipped, so re-ingesting changes nothing and an
    interrupted ingest resumes where its last committed batch ended.
    """
    report = IngestReport()
    seen: set[str] = set()
    for batch in batched(facts, batch_size):
        known = store.known_articles(f.article.id for f in batch)
        fresh = []
        for item in batch:
            if item.article.id in known or item.article.id in seen:
                report.articles_skipped += 1
                continue
            seen.add(item.article.id)
            fresh.append(item)
        if not fresh:
            if on_batch:
                on_batch(len(batch))
            continue
        recorded_at = clock()
        base = GraphRows()
        records: list[ClaimRecord] = []
        published: dict[str, str | None] = {}
        for item in fresh:
            item_records = claim_records(item, recorded_at)
            records.extend(item_records)
            base.extend(base_rows(item, item_records, kb, recorded_at))
            published[item.article.id] = item.article.published
        groups = sorted({r.group for r in records})
        new_claims: dict[str, list[ClaimRecord]] = {}
        for record in records:
            new_claims.setdefault(record.group, []).append(record)
        derived: dict[str, GraphRows] = {}
        # Stored claims are read and derived a few hundred groups at a time: a batch then holds
        # the derived rows, not every claim of every group it touches (that grows with the corpus).
        for chunk in batched(groups, GROUP_CHUNK):
            existing = store.claims_for_groups(chunk)
            by_group: dict[str, list[ClaimRecord]] = {group: [] for group in chunk}
            for record in existing:
                by_group[record.group].append(record)
            for group in chunk:
                by_group[group].extend(new_claims[group])
            published.update(store.published_for({r.article for r in existing} - set(published)))
            derived.update({group: derive_group(group, by_group[group], kb, published) for group in chunk})
        store.write_batch(base, records, derived)
        report.articles_new += len(fresh)
        report.claims += len(records)
        report.groups += len(groups)
        report.batches += 1
        report.pairs.update(g[2:] for g in groups if g.startswith("G:") and g.count("|") == 1)
        if on_batch:
            on_batch(len(batch))
    return report
