"""The store interface both stores implement, and ingestion on top of it.

A store keeps the evidence layer (articles and their claims) and the graph derived from it. It
answers these questions and takes one kind of write, atomically:

* which of these articles do you have? (:meth:`Store.known_articles`)
* which of these source files have you read whole? (:meth:`Store.known_sources`)
* every claim of these groups (:meth:`Store.claims_for_groups`)
* publication dates of these articles (:meth:`Store.published_for`)
* the graph as networkx (:meth:`Store.read_graph`)
* write a batch (:meth:`Store.write_batch`): inside one transaction, the new articles and claims,
  then the recomputed groups a few hundred at a time, each read and derived in that transaction
  (:class:`BatchWriter`), so memory holds one chunk of groups, not every group a batch touches.

:func:`ingest_facts` does the rest, the same way for both stores.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import networkx as nx

from entente.errors import EntenteError
from entente.graph.derive import (
    ClaimRecord,
    EventTally,
    GroupKey,
    GroupKind,
    LeaderTally,
    base_rows,
    claim_id,
    claim_records,
    derive_group,
    event_mentions,
    event_rows,
    leader_mentions,
    leader_rows,
    partnership_rows,
    partnership_update,
    party_mention_ids,
    span_props,
    stored_event,
    support_update,
    tally_node,
)
from entente.graph.intervals import ANNOUNCING
from entente.graph.schema import GraphRows, NodeRow
from entente.ingest.events import (
    SPAN_GAP,
    WILD_DAY,
    Rank,
    Span,
    WildState,
    anchored_events,
    blocks,
    combine,
    date_span,
    joined,
    left_over,
    outline,
    party_events,
    sketched,
    wild_state,
)
from entente.ingest.knowledge import Knowledge
from entente.ingest.model import ArticleFacts, Event, EventMention
from entente.ingest.readers import SourceFile, batched

__all__ = [
    "BatchWriter",
    "IngestReport",
    "Scope",
    "SourceFile",
    "Store",
    "StoreError",
    "batched",
    "ingest_facts",
    "source_nodes",
    "utc_now",
]


class StoreError(EntenteError, RuntimeError):
    """A store cannot be opened, read or written; the message is one line for the user."""


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def source_nodes(sources: Iterable[SourceFile], recorded_at: str) -> list[NodeRow]:
    """The bookkeeping nodes that record files read whole (both stores write these)."""
    return [
        NodeRow("SourceFile", s.digest, {"id": s.digest, "path": s.path, "size": s.size, "recorded_at": recorded_at})
        for s in sources
    ]


@dataclass(frozen=True)
class Scope:
    """The part of a party set's group a partial derivation rewrites: the ``Event`` nodes named
    here with every relationship of the group at them, every ``PARTNERSHIP`` of the group, and
    the group's ``Tally``. What the group owns outside it stays as it is."""

    events: frozenset[str]


#: One date range of a query for event reports: (earliest first day, latest first day, earliest last day).
SpanRange = tuple[str, str, str]


class BatchWriter(Protocol):
    """One batch's transaction as :func:`ingest_facts` sees it: reads see the batch's own writes."""

    def claim_counts(self, groups: list[GroupKey]) -> dict[GroupKey, int]: ...

    def claims_for_groups(self, groups: list[GroupKey]) -> list[ClaimRecord]: ...

    def claims_of_kind(
        self, groups: list[GroupKey], kind: str, changes: tuple[str, ...] | None = None
    ) -> list[ClaimRecord]:
        """The stored claims of one kind (``partnership``, ...) of ``groups``; with ``changes``,
        only those whose ``change`` is one of them (a pair's announcing claims)."""
        ...

    def claims_by_id(self, ids: list[str]) -> list[ClaimRecord]:
        """The stored claims of these ids (those that exist)."""
        ...

    def group_rels(self, groups: list[GroupKey], rel_type: str) -> dict[GroupKey, list[dict[str, Any]]]:
        """The properties of each group's stored relationships of ``rel_type`` (``PARTNERSHIP``, ``SUPPORTS``)."""
        ...

    def event_claims_near(self, ranges: Mapping[GroupKey, list[SpanRange]]) -> list[ClaimRecord]:
        """The stored event claims of each group whose span starts between the first two days of
        one of its ranges and ends on or after that range's third (ISO days)."""
        ...

    def events_reported(self, articles: Mapping[GroupKey, list[str]]) -> dict[GroupKey, dict[str, dict[str, Any]]]:
        """The stored ``Event`` of each group that each of its articles reports: by group, article
        id to the event's properties (at least those :func:`~entente.graph.derive.stored_event` reads)."""
        ...

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]: ...

    def tallies(self, groups: list[GroupKey]) -> dict[GroupKey, str]:
        """The stored running counts (``Tally`` nodes' ``counts``) of those ``groups`` that have them."""
        ...

    def write_base(self, base: GraphRows) -> None: ...

    def write_groups(
        self,
        derived: dict[GroupKey, GraphRows],
        scopes: Mapping[GroupKey, Scope] | None = None,
        new: AbstractSet[GroupKey] = frozenset(),
    ) -> None:
        """Write recomputed groups: whole, or for a group in ``scopes`` only what its :class:`Scope`
        covers. The groups in ``new`` had no claims before this batch, so they own nothing yet: a
        store need not read what they own before writing them."""
        ...


class Store(Protocol):
    description: str

    def known_articles(self, ids: Iterable[str]) -> set[str]: ...

    def known_sources(self, digests: Iterable[str]) -> set[str]: ...

    def record_sources(self, sources: list[SourceFile], recorded_at: str) -> None: ...

    def claims_for_groups(self, groups: Iterable[GroupKey]) -> list[ClaimRecord]: ...

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]: ...

    def write_batch(self, work: Callable[[BatchWriter], None]) -> None:
        """Run ``work`` in one transaction: all it writes commits together, or nothing does.

        ``work`` may be run again from the start when a transient error (a cluster leader
        switch) makes the store retry the transaction, so it must not keep state between runs.
        """
        ...

    def read_graph(self) -> nx.MultiDiGraph[str]: ...

    def close(self) -> None: ...


@dataclass
class IngestReport:
    """What an ingest did."""

    articles_new: int = 0
    articles_skipped: int = 0
    claims: int = 0
    groups: int = 0
    batches: int = 0
    files_unchanged: int = 0
    pairs: set[str] = field(default_factory=set)
    #: The partnership pairs touched that hold undated intervals, and how many each holds.
    undated: dict[str, int] = field(default_factory=dict)
    #: The sources of the articles that gave no facts (when the ingest was asked to keep them).
    empty_articles: list[str] = field(default_factory=list)

    def summary(self) -> str:
        unchanged = f"{self.files_unchanged} unchanged files skipped, " if self.files_unchanged else ""
        undated = sum(self.undated.values())
        no_date = (
            f"; {undated} partnership{'s' if undated != 1 else ''} {'have' if undated != 1 else 'has'} no date:"
            " give --published or a published field"
            if undated
            else ""
        )
        return (
            f"{self.articles_new} new articles ({self.articles_skipped} already stored), {unchanged}"
            f"{self.claims} facts, {self.groups} groups recomputed, {len(self.pairs)} partnership pairs touched"
            f"{no_date}"
        )


_Group = TypeVar("_Group")

#: Kinds of group derived from a stored tally and the batch's claims, not from all their claims.
_TALLIED = (GroupKind.LEADER,)

#: Groups whose stored claims are read and derived together: at most this many groups, and no
#: more stored claims than ``CLAIM_CHUNK`` unless one group alone has more (a hub pair or leader).
GROUP_CHUNK = 256
CLAIM_CHUNK = 10_000
#: A party set with fewer stored claims is derived whole: reading it with the others of its chunk
#: costs less than the few reads by date of a partial derivation (round trips, in Neo4j).
PARTIAL_FROM = 64


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
    for batch in batched(facts, batch_size):
        # Articles of earlier batches are committed, so the store knows them; only repeats inside
        # this batch need remembering (a set per batch, not one that grows with the corpus).
        known = store.known_articles(f.article.id for f in batch)
        fresh = []
        seen: set[str] = set()
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
        new_claims: dict[GroupKey, list[ClaimRecord]] = {}
        for record in records:
            new_claims.setdefault(record.group, []).append(record)
        groups = sorted(new_claims, key=str)
        store.write_batch(_batch_work(base, new_claims, groups, published, kb, report.undated))
        report.articles_new += len(fresh)
        report.claims += len(records)
        report.groups += len(groups)
        report.batches += 1
        report.pairs.update(g.pair for g in groups if g.pair)
        if on_batch:
            on_batch(len(batch))
    return report


def _batch_work(
    base: GraphRows,
    new_claims: dict[GroupKey, list[ClaimRecord]],
    groups: list[GroupKey],
    published: dict[str, str | None],
    kb: Knowledge,
    undated: dict[str, int],
) -> Callable[[BatchWriter], None]:
    """What one batch does inside its transaction (re-runnable: it only reads its arguments, and
    sets ``undated[pair]`` to the undated partnership intervals each pair group now derives)."""
    batch_claims = {record.id for records in new_claims.values() for record in records}

    def work(writer: BatchWriter) -> None:
        writer.write_base(base)
        tallied = [group for group in groups if group.kind in _TALLIED]
        whole = [group for group in groups if group.kind not in _TALLIED]
        # Leaders are derived from running counts: the stored tally plus this batch's mentions,
        # whatever the number of articles that named the leader before.
        for chunk in _chunks(tallied, {}):
            stored = writer.tallies(chunk)
            untallied = [group for group in chunk if group not in stored]  # new, or written before tallies
            earlier: dict[GroupKey, list[ClaimRecord]] = {group: [] for group in untallied}
            for record in writer.claims_for_groups(untallied) if untallied else ():
                if record.id not in batch_claims:
                    earlier[record.group].append(record)
            derived = {}
            for group in chunk:
                tally = LeaderTally.from_json(stored[group]) if group in stored else LeaderTally()
                tally.add(leader_mentions(earlier.get(group, ())))
                derived[group] = leader_rows(group, tally.add(leader_mentions(new_claims[group])), kb)
            writer.write_groups(derived, new={group for group in untallied if not earlier[group]})
        # A party set's events are merged again only in the date blocks of its new reports, and
        # its partnership from its partnership claims: the reports of other dates are not read.
        whole = [group for group in whole if group.kind is not GroupKind.PARTIES]
        parties = [group for group in groups if group.kind is GroupKind.PARTIES]
        for chunk in _chunks(parties, {}):
            stored = writer.tallies(chunk)
            sizes = writer.claim_counts(chunk)
            untallied = [
                group for group in chunk if group not in stored or EventTally.from_json(stored[group]).states is None
            ]
            if untallied:
                # new groups, or a store written before event claims had spans (or wild reports
                # theirs): give them theirs, once
                spans = [
                    NodeRow("Claim", record.id, span_props(mention))
                    for record in writer.claims_for_groups(untallied)
                    if record.kind == "event" and record.id not in batch_claims
                    for mention in event_mentions([record])
                ]
                if spans:
                    writer.write_base(GraphRows(nodes=spans))
            todo: dict[GroupKey, tuple[list[ClaimRecord], EventTally, int]] = {}
            for group in chunk:
                events = EventTally.from_json(stored[group]) if group in stored else None
                new_events = [r for r in new_claims[group] if r.kind == "event"]
                if (
                    events is not None
                    and events.windowed
                    and EventTally(Counter(events.kinds)).add(event_mentions(new_events)).windowed
                    and sizes.get(group, 0) >= PARTIAL_FROM
                ):
                    todo[group] = (new_claims[group], events, sizes[group])
                else:
                    whole.append(group)  # new, written before tallies, small, or publication days beside months
            derived, scopes, gave_up = _partial_chunk(writer, todo, kb) if todo else ({}, {}, [])
            whole.extend(gave_up)
            for group, rows in derived.items():
                _count_undated(group, rows, undated)
            writer.write_groups(derived, scopes)
        # A state's support for an initiative: its stored relationship takes the batch's claims.
        supports = [group for group in whole if group.kind is GroupKind.SUPPORT]
        for chunk in _chunks(supports, {}):
            stored_rels = writer.group_rels(chunk, "SUPPORTS")
            updated: dict[GroupKey, GraphRows] = {}
            for group in chunk:
                rels = stored_rels.get(group, [])
                update = (
                    support_update(str(group), rels[0], new_claims[group], kb, published) if len(rels) == 1 else None
                )
                if update is not None:
                    updated[group] = update
            if updated:
                writer.write_groups(updated)
            whole = [group for group in whole if group not in updated]
        # Other groups are read, derived and written whole, a few hundred at a time: the batch
        # holds one chunk's claims and derived rows at once, never every group it touches.
        whole.sort(key=str)
        for chunk in _chunks(whole, writer.claim_counts(whole)):
            by_group: dict[GroupKey, list[ClaimRecord]] = {group: [] for group in chunk}
            for record in writer.claims_for_groups(chunk):
                if record.id not in batch_claims:  # a store that sees the batch's own writes
                    by_group[record.group].append(record)
            # publication days say when support was first stated; nothing else derived reads them
            dates = dict(published)
            stored_articles = {
                r.article for group, records in by_group.items() if group.kind is GroupKind.SUPPORT for r in records
            }
            if stored_articles - dates.keys():
                dates.update(writer.published_for(stored_articles - dates.keys()))
            fresh = {group for group in chunk if not by_group[group]}  # no claims before this batch
            for group in chunk:
                by_group[group].extend(new_claims[group])
            derived = {group: derive_group(group, by_group[group], kb, dates) for group in chunk}
            for group, rows in derived.items():
                _count_undated(group, rows, undated)
            writer.write_groups(derived, new=fresh)

    return work


def _count_undated(group: GroupKey, rows: GraphRows, undated: dict[str, int]) -> None:
    """Set ``undated[pair]`` to the undated partnership intervals a pair group derives."""
    count = sum(r.type == "PARTNERSHIP" and r.props.get("basis") == "undated" for r in rows.rels)
    if group.pair and count:
        undated[group.pair] = count
    elif group.pair:
        undated.pop(group.pair, None)


def _day_text(day: dt.date, shift: int) -> str:
    return (day + dt.timedelta(days=shift)).isoformat()


class _Whole(Exception):
    """A party set whose partial derivation would read too much of it, or finds its tally and
    its claims out of step: it is derived whole instead."""


@dataclass
class _Report:
    span: Span
    record: ClaimRecord
    mention: EventMention


class _PairReports:
    """A party set's reports with spans as far as read (by date, from the store) plus the batch's
    new ones, cut into complete blocks (:func:`~entente.ingest.events.blocks`), each block's
    events merged once."""

    def __init__(self, writer: BatchWriter, group: GroupKey, new: dict[str, _Report], reach: int, budget: int):
        self.writer, self.group, self.reach, self.budget = writer, group, reach, budget
        self.known: dict[str, _Report] = dict(new)
        self.asked: list[tuple[dt.date, dt.date]] = []
        self.asked_now: list[tuple[dt.date, dt.date]] = []  # the first read's, asked for the whole chunk
        self.read = 0
        self._ranked: dict[frozenset[str], list[tuple[Rank, list[EventMention]]]] = {}

    def ranges(self, hulls: list[tuple[dt.date, dt.date]]) -> list[SpanRange]:
        """The query ranges that find every report whose span meets one of ``hulls``."""
        return [(_day_text(first, -self.reach), last.isoformat(), first.isoformat()) for first, last in hulls]

    def absorb(self, hulls: list[tuple[dt.date, dt.date]], reports: Iterable[_Report]) -> None:
        """The reports that a read of ``hulls`` found (with spans): known from now on."""
        self.asked.extend(hulls)
        for report in reports:
            if report.record.id not in self.known:
                self.known[report.record.id] = report
                self.read += 1
        if self.read > self.budget:
            raise _Whole

    def _read(self, hulls: list[tuple[dt.date, dt.date]]) -> None:
        hulls = [(a, b) for a, b in hulls if not any(x <= a and b <= y for x, y in self.asked)]
        if not hulls:
            return
        found = self.writer.event_claims_near({self.group: self.ranges(hulls)})
        self.absorb(hulls, (_Report(date_span(m), r, m) for r in found for m in event_mentions([r])))

    def complete(self, seeds: set[str]) -> list[set[str]]:
        """The blocks of the reports ``seeds``, read until no report near them is left unread."""
        while True:
            spans = {i: r.span for i, r in self.known.items()}
            touched = [block for block in blocks(spans) if block & seeds]
            hulls = []
            for ids in touched:
                first = min(self.known[i].span.first or dt.date.max for i in ids)
                last = max(self.known[i].span.last or dt.date.min for i in ids)
                hulls.append((first - dt.timedelta(days=SPAN_GAP), last + dt.timedelta(days=SPAN_GAP)))
            before = len(self.asked)
            self._read(hulls)
            if len(self.asked) == before:
                return touched

    def starting(self, first: dt.date, last: dt.date) -> list[set[str]]:
        """The complete blocks whose first report's span starts between ``first`` and ``last``, in date order."""
        self._read([(first, last)])
        seeds = {i for i, r in self.known.items() if r.span.first and first <= r.span.first <= last}
        found = [b for b in self.complete(seeds) if first <= self._start(b) <= last] if seeds else []
        return sorted(found, key=self._start)

    def around(self, first: dt.date, last: dt.date) -> list[set[str]]:
        """The complete blocks with a report whose span meets the days from ``first`` to ``last``."""
        self._read([(first, last)])
        seeds = {
            i
            for i, r in self.known.items()
            if r.span.first and r.span.last and r.span.first <= last and first <= r.span.last
        }
        return self.complete(seeds) if seeds else []

    def _start(self, block: set[str]) -> dt.date:
        return min(self.known[i].span.first or dt.date.max for i in block)

    def ranked(self, block: set[str]) -> list[tuple[Rank, list[EventMention]]]:
        """The events of a complete block, with their ranks."""
        key = frozenset(block)
        if key not in self._ranked:
            self._ranked[key] = anchored_events(self.known[i].mention for i in sorted(block))
        return self._ranked[key]

    def prefetch(self, windows: list[tuple[dt.date, dt.date]]) -> None:
        """Read the reports whose spans meet any of ``windows`` in one query, before
        :meth:`around` or :meth:`block_of` asks for them one window at a time (a round trip each in
        Neo4j). Reading more first never changes a block: :meth:`complete` reads until each is whole."""
        self._read(windows)

    def settle(self, windows: list[tuple[dt.date, dt.date]]) -> None:
        """Read the reports whose spans meet any of ``windows`` and complete every block they fall
        in, a round trip per round of completion for all the windows together, before
        :meth:`around` or :meth:`block_of` asks for them one window at a time (a round trip per
        window and round in Neo4j). Reading more first never changes a block (:meth:`prefetch`)."""
        self._read(windows)
        seeds = {
            i
            for i, r in self.known.items()
            if r.span.first
            and r.span.last
            and any(r.span.first <= last and first <= r.span.last for first, last in windows)
        }
        if seeds:
            self.complete(seeds)

    def block_of(self, rank: Rank) -> list[tuple[Rank, list[EventMention]]]:
        """The events of the block of the event of rank ``rank`` (of reports with spans, stored), with their ranks."""
        day = dt.date.fromisoformat(rank[0])
        for block in self.around(day, day):
            events = self.ranked(block)
            if any(found == rank for found, _ in events):
                return events
        raise _Whole

    @staticmethod
    def windows(mention: EventMention, tally: EventTally) -> list[tuple[dt.date, dt.date]]:
        """Where a wild report with a day without a year can fit an event of reports dated to the
        day: near that day of each year of the party set (none for a report with no date at all).
        Raises :class:`_Whole` for a date that is no date, or when such a day may fit an event by
        place alone (the party set has reports dated to a month or a year, or by publication day)."""
        value = mention.date.value or ""
        kinds = tally.kinds
        if not mention.date.known:
            return []
        if not value.startswith("--") or kinds["month"] or kinds["year"] or kinds["published"]:
            raise _Whole
        if tally.first is None or tally.last is None:
            return []
        first, last = dt.date.fromisoformat(tally.first), dt.date.fromisoformat(tally.last)
        month, day = int(value[2:4]), int(value[5:7])
        window = dt.timedelta(days=6)
        days = [dt.date(year, month, min(day, 28) if month == 2 else day) for year in range(first.year, last.year + 1)]
        return [(near - window, near + window) for near in days]

    def search(self, mention: EventMention, tally: EventTally) -> WildState:
        """What the wild report ``mention`` knows of all the party set's events of reports with
        spans (:func:`~entente.ingest.events.wild_state`): for a day without a year, read near that
        day of each year (:meth:`windows`); for a report with no date at all, from the events' outlines."""
        if not mention.date.known:
            return wild_state(((rank, sketched(s)) for rank, s in tally.outlines.items()), mention)
        windows = self.windows(mention, tally)
        self.prefetch(windows)
        state: WildState = None
        for first, last in windows:
            for block in self.around(first, last):
                state = combine(state, wild_state(self.ranked(block), mention))
        return state


class _PartialPair:
    """A party set's rows from its new claims and the stored claims near them, for a group whose
    reports with spans can be merged a date block at a time (``tally.windowed``, the stored tally
    before the batch's reports):

    * the events of the new reports' date blocks merged again (:func:`~entente.ingest.events.blocks`);
    * what each wild report knows of the events it fits (:func:`~entente.ingest.events.wild_state`):
      a stored one adds the events of those blocks to what it knew, unless an event it agreed with
      best is one of them; then, and for a new one, it looks at every event (from the outlines in
      the tally for a report with no date at all, near that day of each year for a day without a
      year);
    * the events that gain or lose a wild report, and those of the wild reports left over, derived
      again from their reports;
    * the partnership derived from all its partnership claims, each filled from its event (a
      stored one where its event is not derived again).

    It runs in steps, so that the reads of a chunk's party sets are one statement each
    (:func:`_partial_chunk`), not a round trip per party set: :meth:`ranges` (what to read by date
    first: the new reports' blocks, the wild reports, and near the days without a year of the new
    wild reports), :meth:`absorb` (those claims), :meth:`derive` (the events; returns the articles
    whose stored events it needs), :meth:`finish` (with those events). Any step raises
    :class:`_Whole` when the party set must be derived whole instead (it would read more than a
    third of the group's claims, or finds its tally and its claims out of step).
    """

    def __init__(self, writer: BatchWriter, group: GroupKey, new: list[ClaimRecord], tally: EventTally, size: int):
        self.group, self.new, self.tally = group, new, tally
        self.new_events = {r.id: r for r in new if r.kind == "event"}
        fresh: dict[str, _Report] = {}
        for record in self.new_events.values():
            for mention in event_mentions([record]):
                fresh[record.id] = _Report(date_span(mention), record, mention)
        self.before = dict(tally.states or {})
        tally.add(r.mention for r in fresh.values())
        self.spanned = {i: r for i, r in fresh.items() if r.span.kind != "wild"}
        self.wilds: dict[str, _Report] = {i: r for i, r in fresh.items() if r.span.kind == "wild"}
        self.pair = _PairReports(writer, group, self.spanned, tally.reach, max(PARTIAL_FROM, size // 3))

    def ranges(self) -> list[SpanRange]:
        """The first read by date: the stored wild reports, the reports near the new reports'
        blocks (what :meth:`_PairReports.complete` reads first) and near the days without a year
        of the new wild reports (what :meth:`_PairReports.search` reads)."""
        pair = self.pair
        spans = {i: r.span for i, r in self.spanned.items()}
        hulls = []
        for block in blocks(spans):
            first = min(spans[i].first or dt.date.max for i in block)
            last = max(spans[i].last or dt.date.min for i in block)
            hulls.append((first - dt.timedelta(days=SPAN_GAP), last + dt.timedelta(days=SPAN_GAP)))
        hulls += [w for r in self.wilds.values() for w in pair.windows(r.mention, self.tally)]
        pair.asked_now = hulls
        return [(WILD_DAY, WILD_DAY, WILD_DAY), *pair.ranges(hulls)]

    def absorb(self, records: list[ClaimRecord]) -> None:
        """The claims the first read found: stored wild reports apart, the others as reports with spans."""
        near = []
        for record in records:
            if record.id in self.new_events:
                continue
            for mention in event_mentions([record]):
                report = _Report(date_span(mention), record, mention)
                if report.span.kind == "wild":
                    self.wilds[record.id] = report
                else:
                    near.append(report)
        self.pair.absorb(self.pair.asked_now, near)

    def derive(self, kb: Knowledge, partnerships: list[ClaimRecord]) -> set[str]:
        """The events; the articles whose stored events :meth:`finish` needs."""
        pair, tally, before, wilds, new_events = self.pair, self.tally, self.before, self.wilds, self.new_events
        touched = pair.complete(set(self.spanned)) if self.spanned else []
        touched_ids: set[str] = set().union(*touched)
        block_ranked = [event for block in touched for event in pair.ranked(block)]
        touched_articles = {pair.known[i].record.article for i in touched_ids}
        for rank in [rank for rank in tally.outlines if rank[1][2] in touched_articles]:
            del tally.outlines[rank]
        tally.outlines.update((rank, outline(members)) for rank, members in block_ranked)
        stored_wild = {r.mention.id for i, r in wilds.items() if i not in new_events}
        if stored_wild != before.keys():
            raise _Whole  # the tally and the claims out of step
        searched = [
            r.mention
            for i, r in wilds.items()
            if i not in new_events
            and (kept := before[r.mention.id]) is not None
            and any(rank[1][2] in touched_articles for rank in kept[1])
        ]
        new_wild = [r.mention for i, r in wilds.items() if r.mention.id not in before]
        pair.settle([window for mention in [*new_wild, *searched] for window in pair.windows(mention, tally)])
        states: dict[str, WildState] = {}
        for report in wilds.values():
            mention = report.mention
            if mention.id not in before:
                states[mention.id] = pair.search(mention, tally)
            elif (kept := before[mention.id]) is None:
                # it fitted no event, and only the events of the blocks changed
                states[mention.id] = wild_state(block_ranked, mention)
            elif not any(rank[1][2] in touched_articles for rank in kept[1]):
                # the events it agreed with best are as they were: the others outside the blocks
                # agree less, so only the events of the blocks can change what it knows
                states[mention.id] = combine(kept, wild_state(block_ranked, mention))
            else:
                states[mention.id] = pair.search(mention, tally)
        # Events outside the blocks that gain or lose a wild report are derived again.
        block_ranks = {rank for rank, _ in block_ranked}
        stored_wild_mentions = [r.mention for i, r in wilds.items() if i not in new_events]
        then = joined(stored_wild_mentions, before)
        now = joined([r.mention for r in wilds.values()], states)
        moved = {
            rank
            for rank in then.keys() | now.keys()
            if then.get(rank) != now.get(rank) and rank not in block_ranks and rank[1][2] not in touched_articles
        }
        pair.settle([(day, day) for day in sorted({dt.date.fromisoformat(rank[0]) for rank in moved})])
        # With the other events of their blocks: one of those on the same day would otherwise keep
        # the id the moved event is given apart from it (see party_events).
        again = {found: members for rank in sorted(moved) for found, members in pair.block_of(rank)}
        ranked = block_ranked + sorted((rank, members) for rank, members in again.items() if rank not in block_ranks)
        parties = tuple(self.group.name.split("|"))
        events = party_events(parties, ranked, [r.mention for r in wilds.values()], states)
        by_mention = {r.mention.id: r.record for r in [*pair.known.values(), *wilds.values()]}
        records = [by_mention[m] for event in events for m in event.mentions]
        self.rows, self.linked = event_rows(str(self.group), records, kb, events=events)
        self.states = states
        # The events replaced: those of the blocks and of the events derived again, and those of
        # the wild reports left over before the batch.
        replaced = {r.record.article for i, r in pair.known.items() if i in touched_ids and i not in new_events}
        replaced |= {m.article for rank, members in ranked if rank not in block_ranks for m in members}
        replaced |= {m.article for m in left_over(stored_wild_mentions, before)}
        self.replaced = replaced
        self.derived_articles = {r.article for r in records}
        # The partnership claims whose reports' events are not derived again: filled from the stored ones.
        self.partnerships = self._with_new(partnerships, lambda r: True)
        self.outside = {r.article for r in self.partnerships} - self.derived_articles
        state = self.tally.partnership
        if state is not None and state.first is not None:
            self.outside |= {state.first[2]} - self.derived_articles
        return replaced | self.outside

    def _with_new(self, stored: list[ClaimRecord], keep: Callable[[ClaimRecord], bool]) -> list[ClaimRecord]:
        """``stored`` (a read that may see the batch's own claims) without the batch's, then the
        batch's partnership claims that ``keep`` takes."""
        batch = {r.id for r in self.new}
        return [r for r in stored if r.id not in batch] + [r for r in self.new if r.kind == "partnership" and keep(r)]

    def changed(self) -> list[str]:
        """The stored partnership claims a partial partnership reads besides the announcing ones:
        those of the articles whose events are derived again (their claims may be filled
        otherwise now), and the first dated attestation."""
        state = self.tally.partnership
        if not self.group.pair or state is None:
            return []
        articles = set(self.derived_articles)
        if state.first is not None:
            articles.add(state.first[2])
        return sorted(claim_id("partnership", self.group, article) for article in articles)

    def _filled(self, reported: Mapping[str, dict[str, Any]]) -> dict[str, Event]:
        filled: dict[str, Event] = dict(self.linked.by_mention)
        for article in sorted(self.outside):
            if article in reported:
                event = stored_event(reported[article])
                for ident in party_mention_ids(self.group, article):
                    filled[ident] = event
        return filled

    def finish(
        self,
        kb: Knowledge,
        reported: Mapping[str, dict[str, Any]],
        changed: list[ClaimRecord],
        stored: list[dict[str, Any]],
    ) -> tuple[GraphRows, Scope] | None:
        """The group's rows and the part of it they replace, given the stored events of the articles
        :meth:`derive` asked for, the stored claims of :meth:`changed` and the stored intervals.
        None when the partnership must be derived from all its claims (:meth:`finish_all`)."""
        group, rows = self.group, self.rows
        self.reported = dict(reported)
        self.scope = Scope(frozenset(reported[a]["id"] for a in sorted(self.replaced) if a in reported))
        state = self.tally.partnership
        if group.pair and state is not None:
            new = {r.id for r in self.new}
            update = partnership_update(
                str(group),
                state,
                stored,
                self.partnerships,
                self._with_new(changed, lambda r: True),
                new,
                self._filled(reported),
                kb,
            )
            if update is None:
                return None
            rows.extend(update[0])
            self.tally.partnership = update[1]
        elif group.pair:  # a tally written before it kept the partnership: all its claims were read
            partnership, self.tally.partnership = partnership_rows(
                str(group), self.partnerships, self._filled(reported), kb
            )
            rows.extend(partnership)
        return self._done()

    def finish_all(
        self, kb: Knowledge, partnerships: list[ClaimRecord], reported: Mapping[str, dict[str, Any]]
    ) -> tuple[GraphRows, Scope]:
        """As :meth:`finish`, with every partnership claim of the pair and the stored events of the
        articles :meth:`outside_all` asked for besides."""
        self.partnerships = self._with_new(partnerships, lambda r: True)
        self.outside = {r.article for r in self.partnerships} - self.derived_articles
        rows, self.tally.partnership = partnership_rows(
            str(self.group), self.partnerships, self._filled({**self.reported, **reported}), kb
        )
        self.rows.extend(rows)
        return self._done()

    def outside_all(self, partnerships: list[ClaimRecord]) -> list[str]:
        """The articles of ``partnerships`` (all the pair's) whose stored events :meth:`finish_all` needs."""
        return sorted({r.article for r in partnerships} - self.derived_articles - self.reported.keys())

    def _done(self) -> tuple[GraphRows, Scope]:
        self.tally.states = self.states
        self.rows.nodes.append(tally_node(self.group, self.tally.to_json()))
        return self.rows, self.scope


def _partial_chunk(
    writer: BatchWriter, todo: Mapping[GroupKey, tuple[list[ClaimRecord], EventTally, int]], kb: Knowledge
) -> tuple[dict[GroupKey, GraphRows], dict[GroupKey, Scope], list[GroupKey]]:
    """The party sets of one chunk derived in part (:class:`_PartialPair`), their reads one
    statement each for the whole chunk: the rows and scopes of those that went through, and the
    groups to derive whole instead."""
    whole: list[GroupKey] = []
    work: dict[GroupKey, _PartialPair] = {}
    ranges: dict[GroupKey, list[SpanRange]] = {}
    for group, (new, tally, size) in todo.items():
        try:
            work[group] = _PartialPair(writer, group, new, tally, size)
            ranges[group] = work[group].ranges()
        except _Whole:
            work.pop(group, None)
            whole.append(group)
    near: dict[GroupKey, list[ClaimRecord]] = {group: [] for group in work}
    for record in writer.event_claims_near({group: ranges[group] for group in work}) if work else ():
        near[record.group].append(record)
    # A pair with a partnership tally reads its announcing claims and its stored intervals; one
    # written before the tally reads all its partnership claims, once.
    partnerships: dict[GroupKey, list[ClaimRecord]] = {group: [] for group in work}
    pairs = [group for group in work if group.pair]
    tallied = [group for group in pairs if work[group].tally.partnership is not None]
    untallied = [group for group in pairs if work[group].tally.partnership is None]
    for record in writer.claims_of_kind(tallied, "partnership", ANNOUNCING) if tallied else ():
        partnerships[record.group].append(record)
    for record in writer.claims_of_kind(untallied, "partnership") if untallied else ():
        partnerships[record.group].append(record)
    intervals = writer.group_rels(tallied, "PARTNERSHIP") if tallied else {}
    wanted: dict[GroupKey, list[str]] = {}
    for group in list(work):
        try:
            work[group].absorb(near[group])
            wanted[group] = sorted(work[group].derive(kb, partnerships[group]))
        except _Whole:
            del work[group]
            whole.append(group)
    asked = {group: articles for group, articles in wanted.items() if articles}
    reported = writer.events_reported(asked) if asked else {}
    ids = [ident for partial in work.values() for ident in partial.changed()]
    changed: dict[GroupKey, list[ClaimRecord]] = {group: [] for group in work}
    for record in writer.claims_by_id(ids) if ids else ():
        changed[record.group].append(record)
    derived, scopes = {}, {}
    again: list[GroupKey] = []
    for group, partial in work.items():
        done = partial.finish(kb, reported.get(group, {}), changed[group], intervals.get(group, []))
        if done is None:
            again.append(group)
        else:
            derived[group], scopes[group] = done
    # Pairs whose partnership cannot take its new claims alone: from all its partnership claims.
    if again:
        every: dict[GroupKey, list[ClaimRecord]] = {group: [] for group in again}
        for record in writer.claims_of_kind(again, "partnership"):
            every[record.group].append(record)
        more = {group: work[group].outside_all(every[group]) for group in again}
        more_reported = writer.events_reported({g: a for g, a in more.items() if a}) if any(more.values()) else {}
        for group in again:
            derived[group], scopes[group] = work[group].finish_all(kb, every[group], more_reported.get(group, {}))
    return derived, scopes, whole


def _chunks(groups: list[_Group], counts: dict[_Group, int]) -> Iterator[list[_Group]]:
    """``groups`` in order, cut where a chunk would pass ``GROUP_CHUNK`` groups or ``CLAIM_CHUNK`` claims."""
    chunk: list[_Group] = []
    claims = 0
    for group in groups:
        size = counts.get(group, 0)
        if chunk and (len(chunk) >= GROUP_CHUNK or claims + size > CLAIM_CHUNK):
            yield chunk
            chunk, claims = [], 0
        chunk.append(group)
        claims += size
    if chunk:
        yield chunk
