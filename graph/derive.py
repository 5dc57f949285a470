"""From extracted facts to graph rows: the evidence layer, and what is derived from it.

Both stores call these pure functions, which is what makes them give the same graph:

* :func:`base_rows` turns one article's facts into its ``Article`` node, one ``Claim`` node per
  fact (with the fact itself as JSON), and the entity nodes the facts name.
* :func:`derive_group` recomputes everything a group of claims implies (partnership intervals,
  merged events, leaders' offices, support, documents) from *all* the group's claims, so the
  result does not depend on the order articles arrived in.
* :func:`event_rows`, :func:`partnership_rows`, :func:`leader_rows` and the tallies
  (:class:`LeaderTally`, :class:`EventTally`) are its parts, which :mod:`entente.graph.store` also
  runs on part of a group (one date block of a party set's events; a leader's counts), giving the
  rows a derivation from scratch gives.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, TypeVar

from entente.graph.intervals import (
    ANNOUNCING,
    Interval,
    Key,
    announcements,
    attestation_key,
    partnership_plan,
    place,
    plan,
    to_date,
)
from entente.graph.schema import GraphRows, NodeRow, RelRow, clean_props
from entente.ingest.events import (
    WILD_DAY,
    LinkedEvents,
    Rank,
    Sketch,
    WildState,
    anchor_rank,
    date_span,
    event_index,
    link_events,
    merge_party_sets,
    outline,
    wild,
)
from entente.ingest.knowledge import Knowledge, fold
from entente.ingest.model import (
    ArticleFacts,
    Event,
    EventMention,
    FuzzyDate,
    JointDocument,
    LeaderMention,
    PartnershipClaim,
    SupportClaim,
    stable_id,
    to_dict,
)

__all__ = [
    "ClaimRecord",
    "EventTally",
    "GroupKey",
    "GroupKind",
    "LeaderTally",
    "PartnershipTally",
    "base_rows",
    "claim_id",
    "claim_records",
    "derive_group",
    "event_mentions",
    "event_rows",
    "leader_mentions",
    "leader_rows",
    "partnership_rows",
    "partnership_update",
    "party_mention_ids",
    "place_id",
    "span_props",
    "stored_event",
    "support_update",
    "tally_id",
    "tally_node",
    "to_date",
]


_Fact = TypeVar("_Fact")


class GroupKind(enum.Enum):
    """What a group of claims is about; the value is the prefix of the group's stored name."""

    PARTIES = "G"  # one set of parties: its merged events and, for two parties, its partnership intervals
    LEADER = "L"  # one leader: the node and the offices
    SUPPORT = "S"  # one state's support for one initiative
    DOCUMENT = "D"  # one joint document


@dataclass(frozen=True)
class GroupKey:
    """The claims derived together: a kind and a name (``CHN|USA``, a leader's id, ...).

    Stored as text, ``G:CHN|USA``: :meth:`parse` and ``str()`` are the only places that know the form.
    """

    kind: GroupKind
    name: str

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.name}"

    def __lt__(self, other: GroupKey) -> bool:
        return str(self) < str(other)

    @classmethod
    def parse(cls, text: str) -> GroupKey:
        prefix, colon, name = text.partition(":")
        kinds = {kind.value: kind for kind in GroupKind}
        if not colon or prefix not in kinds:
            raise ValueError(f"unknown claim group {text!r}")
        return cls(kinds[prefix], name)

    @classmethod
    def of(cls, fact: object) -> GroupKey:
        """The group a fact belongs to."""
        if isinstance(fact, PartnershipClaim):
            return cls(GroupKind.PARTIES, fact.pair)
        if isinstance(fact, EventMention):
            return cls(GroupKind.PARTIES, "|".join(sorted(fact.parties)))
        if isinstance(fact, LeaderMention):
            return cls(GroupKind.LEADER, fact.id)
        if isinstance(fact, SupportClaim):
            return cls(GroupKind.SUPPORT, f"{fact.state}|{fact.initiative}")
        if isinstance(fact, JointDocument):
            return cls(GroupKind.DOCUMENT, fact.id)
        raise TypeError(type(fact))

    @property
    def pair(self) -> str | None:
        """``A|B`` for the group of a pair of parties, else None."""
        return self.name if self.kind is GroupKind.PARTIES and self.name.count("|") == 1 else None


@dataclass(frozen=True)
class ClaimRecord:
    """A stored fact: its kind, its group, its article, when Entente learned it, and the fact."""

    id: str
    kind: str  # partnership, event, leader, support, document
    group: GroupKey
    article: str
    recorded_at: str
    data: str  # the fact as JSON

    @classmethod
    def from_stored(cls, props: Mapping[str, Any]) -> ClaimRecord:
        """A record from a stored ``Claim`` node's properties."""
        return cls(
            id=props["id"],
            kind=props["kind"],
            group=GroupKey.parse(props["group"]),
            article=props["article"],
            recorded_at=props["recorded_at"],
            data=props["data"],
        )


def place_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


_KINDS = {
    PartnershipClaim: "partnership",
    EventMention: "event",
    LeaderMention: "leader",
    SupportClaim: "support",
    JointDocument: "document",
}


def claim_id(kind: str, group: GroupKey, article: str) -> str:
    """The id of the claim record of kind ``kind`` that ``article`` has in ``group`` (one at most)."""
    return stable_id("claim", kind, str(group), article)


def claim_records(facts: ArticleFacts, recorded_at: str) -> list[ClaimRecord]:
    """One record per fact of the article, with a stable id."""
    records = []
    for fact in (*facts.partnerships, *facts.events, *facts.leaders, *facts.supports, *facts.documents):
        kind = _KINDS[type(fact)]
        group = GroupKey.of(fact)
        records.append(
            ClaimRecord(
                id=claim_id(kind, group, facts.article.id),
                kind=kind,
                group=group,
                article=facts.article.id,
                recorded_at=recorded_at,
                data=json.dumps(to_dict(fact), sort_keys=True, ensure_ascii=False),
            )
        )
    return records


def _party_node(kb: Knowledge, party: str) -> NodeRow:
    if party in kb.organizations:
        org = kb.organizations[party]
        return NodeRow("Organization", party, clean_props({"id": party, "name": org.name, "role": org.role}))
    state = kb.states.get(party)
    return NodeRow("State", party, clean_props({"id": party, "name": state.name if state else party}))


def _party_label(kb: Knowledge, party: str) -> str:
    return "Organization" if party in kb.organizations else "State"


def base_rows(facts: ArticleFacts, records: list[ClaimRecord], kb: Knowledge, recorded_at: str) -> GraphRows:
    """The article, its claims and the entities they name."""
    article = facts.article
    rows = GraphRows()
    rows.nodes.append(
        NodeRow(
            "Article",
            article.id,
            clean_props(
                {
                    "id": article.id,
                    "name": article.title or article.source,
                    "source": article.source,
                    "published": to_date(article.published),
                    "published_basis": article.published_basis,
                    "title": article.title,
                    "url": article.url,
                    "ingested_at": recorded_at,
                    "length": len(article.text),
                }
            ),
        )
    )
    parties: set[str] = set()
    mentions = dict(zip((r.id for r in records if r.kind == "event"), facts.events, strict=True))
    for record in records:
        fact = json.loads(record.data)
        evidence = fact.get("evidence") or {}
        rows.nodes.append(
            NodeRow(
                "Claim",
                record.id,
                clean_props(
                    {
                        "id": record.id,
                        "kind": record.kind,
                        "group": str(record.group),
                        "article": record.article,
                        "recorded_at": record.recorded_at,
                        "data": record.data,
                        "evidence_text": evidence.get("text"),
                        "rule": evidence.get("rule"),
                        "level": fact.get("level"),
                        "change": fact.get("change"),
                        **(span_props(mentions[record.id]) if record.kind == "event" else {}),
                    }
                ),
            )
        )
        rows.rels.append(
            RelRow(
                "SOURCED_FROM",
                "Claim",
                record.id,
                "Article",
                article.id,
                clean_props({"id": record.id, "start": evidence.get("start"), "end": evidence.get("end")}),
            )
        )
        about = []
        if record.kind == "partnership":
            about = [p["id"] for p in fact["parties"]]
        elif record.kind in ("event", "document"):
            about = list(fact["parties"])
        elif record.kind == "support":
            about = [fact["state"]]
        elif record.kind == "leader" and fact.get("state"):
            about = [fact["state"]]
        for party in about:
            parties.add(party)
            rows.rels.append(
                RelRow("ABOUT", "Claim", record.id, _party_label(kb, party), party, {"id": f"{record.id}>{party}"})
            )
    for party in sorted(parties):
        rows.nodes.append(_party_node(kb, party))
    for ident in sorted(set(facts.initiatives) | {s.initiative for s in facts.supports}):
        initiative = kb.initiatives[ident]
        rows.nodes.append(
            NodeRow(
                "Initiative",
                ident,
                clean_props(
                    {
                        "id": ident,
                        "name": initiative.name,
                        "proposer": initiative.proposer,
                        "year": initiative.year,
                    }
                ),
            )
        )
    for event in facts.events:
        if event.place:
            rows.nodes.append(
                NodeRow(
                    "Place",
                    place_id(event.place),
                    clean_props(
                        {
                            "id": place_id(event.place),
                            "name": event.place,
                            "state": event.place_state,
                        }
                    ),
                )
            )
            if event.place_state:
                rows.nodes.append(_party_node(kb, event.place_state))
                rows.rels.append(
                    RelRow(
                        "LOCATED_IN",
                        "Place",
                        place_id(event.place),
                        "State",
                        event.place_state,
                        {"id": f"{place_id(event.place)}>{event.place_state}"},
                    )
                )
    return rows


# -- groups ---------------------------------------------------------------------------------


def _facts(records: list[ClaimRecord], kind: str, from_dict: Callable[[dict[str, Any]], _Fact]) -> list[_Fact]:
    return [from_dict(json.loads(r.data)) for r in records if r.kind == kind]


def _first_recorded(records: list[ClaimRecord], articles: Iterable[str]) -> str | None:
    wanted = set(articles)
    stamps = [r.recorded_at for r in records if r.article in wanted]
    return min(stamps) if stamps else None


def span_props(mention: EventMention) -> dict[str, str | None]:
    """The properties of an event report's ``Claim`` node that find it by date: the first and last
    day of its :class:`~entente.ingest.events.Span` (ISO text), and the span's kind. A wild
    report has no span; it is stored at :data:`~entente.ingest.events.WILD_DAY`, so that one read
    by date finds a party set's wild reports."""
    span = date_span(mention)
    return {
        "span_kind": span.kind,
        "span_from": span.first.isoformat() if span.first else WILD_DAY,
        "span_to": span.last.isoformat() if span.last else WILD_DAY,
    }


def event_mentions(records: Iterable[ClaimRecord]) -> list[EventMention]:
    return _facts(list(records), "event", EventMention.from_dict)


def _rank_json(rank: Rank) -> list[Any]:
    first, (precision, sort_key, article, ident) = rank
    return [first, precision, sort_key, article, ident]


def _rank_of(data: list[Any]) -> Rank:
    first, precision, sort_key, article, ident = data
    return first, (int(precision), sort_key, article, ident)


def _state_json(state: WildState) -> list[Any] | None:
    return None if state is None else [list(state[0]), [_rank_json(rank) for rank in state[1]]]


def _state_of(data: list[Any] | None) -> WildState:
    if data is None:
        return None
    (place, shared, kind, articles), ranks = data
    return (bool(place), int(shared), bool(kind), int(articles)), tuple(_rank_of(rank) for rank in ranks)


@dataclass
class PartnershipTally:
    """What a batch needs to know of a pair's partnership claims to add its new ones to the stored
    intervals (:func:`partnership_update`), kept in the pair's ``Tally``:

    * ``claims``: how many partnership claims the pair has;
    * ``first``: the earliest attestation with a year (its :func:`~entente.graph.intervals.attestation_key`'s
      day and the claim's id, and its article), or None;
    * ``openings``: each interval's opening key and level (:attr:`~entente.graph.intervals.Plan.openings`):
      where every other attestation falls.

    A derivation from scratch finds the same.
    """

    claims: int = 0
    first: tuple[str, str, str] | None = None  # day key, claim id, article
    openings: list[tuple[Key, str]] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {
            "claims": self.claims,
            "first": list(self.first) if self.first else None,
            "openings": [[*key, level] for key, level in self.openings],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PartnershipTally:
        first = data.get("first")
        openings = [((day, int(order), tie), level) for day, order, tie, level in data.get("openings", [])]
        return cls(int(data["claims"]), (first[0], first[1], first[2]) if first else None, openings)


@dataclass
class EventTally:
    """What a party set's partial derivation needs to know of its event reports, stored as the
    group's ``Tally`` node (like a leader's :class:`LeaderTally`):

    * ``kinds``: how many reports have each kind of span (day, month, year, published, wild);
    * ``first``, ``last``: the first and last day a span starts on;
    * ``outlines``: each event of reports with spans, by rank, as a wild report with no date at
      all sees it (:func:`~entente.ingest.events.outline`);
    * ``states``: what each wild report knows of those events (:func:`~entente.ingest.events.wild_state`);
    * ``partnership``: for a pair, what a batch needs to know of its partnership claims
      (:class:`PartnershipTally`); None in a tally written before it was kept, or of a larger party set.

    Counts, first and last days add up in any order; outlines and states are what a derivation
    from scratch finds. ``states`` is None in a tally written before they were kept.
    """

    kinds: Counter[str] = field(default_factory=Counter)
    states: dict[str, WildState] | None = field(default_factory=dict)
    outlines: dict[Rank, list[Sketch]] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
    partnership: PartnershipTally | None = None

    def add(self, mentions: Iterable[EventMention]) -> EventTally:
        for mention in mentions:
            span = date_span(mention)
            self.kinds[span.kind] += 1
            if span.first is not None:
                day = span.first.isoformat()
                self.first = min(self.first or day, day)
                self.last = max(self.last or day, day)
        return self

    @property
    def windowed(self) -> bool:
        """Whether new reports can be merged with their date window alone: states are kept, and
        no report known only by its publication day is beside one dated to a month or a year
        (see :func:`~entente.ingest.events.blocks`)."""
        kinds = self.kinds
        return self.states is not None and not (kinds["published"] and (kinds["month"] or kinds["year"]))

    @property
    def reach(self) -> int:
        """The longest span of the reports, in days: how far before a window a report can start."""
        kinds = self.kinds
        return 366 if kinds["year"] else 31 if kinds["month"] else 6 if kinds["published"] else 0

    def to_json(self) -> str:
        return json.dumps(
            {
                "events": {k: n for k, n in self.kinds.items() if n},
                "days": [self.first, self.last],
                "outlines": [
                    [_rank_json(rank), [list(s) for s in sketches]] for rank, sketches in sorted(self.outlines.items())
                ],
                "wild": {ident: _state_json(state) for ident, state in (self.states or {}).items()},
                **({"partnership": self.partnership.to_data()} if self.partnership is not None else {}),
            },
            sort_keys=True,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> EventTally:
        data = json.loads(text)
        states = {i: _state_of(k) for i, k in data["wild"].items()} if "wild" in data else None
        first, last = data.get("days") or (None, None)
        outlines = {
            _rank_of(rank): [(place, tuple(leaders), kind) for place, leaders, kind in sketches]
            for rank, sketches in data.get("outlines", [])
        }
        partnership = PartnershipTally.from_data(data["partnership"]) if "partnership" in data else None
        return cls(Counter(data.get("events", {})), states, outlines, first, last, partnership)


def tally_node(group: GroupKey, counts: str) -> NodeRow:
    return NodeRow("Tally", tally_id(group), {"id": tally_id(group), "group": str(group), "counts": counts})


def event_rows(
    group: str,
    records: list[ClaimRecord],
    kb: Knowledge,
    mentions: list[EventMention] | None = None,
    events: list[Event] | None = None,
) -> tuple[GraphRows, LinkedEvents]:
    """The merged events of a party set's event ``records`` (all of them, or some of its events)
    and their relationships; and the events by report, to fill partnership claims from.
    ``mentions`` are the records' facts when the caller has read them already, ``events`` their
    events when the caller has merged them already."""
    rows = GraphRows()
    if events is not None:
        linked = LinkedEvents(events, event_index(events))
    else:
        linked = link_events(event_mentions(records) if mentions is None else mentions)
    for event in linked.events:
        props = clean_props(
            {
                "id": event.id,
                "name": f"{event.kind} {'-'.join(event.parties)} {event.date.value or 'undated'}",
                "kind": event.kind,
                "date": to_date(event.date.value),
                "date_precision": event.date.precision if event.date.has_year else None,
                "date_text": event.date.value,
                "place": event.place,
                "parties": list(event.parties),
                "sources": list(event.sources),
                "articles": list(event.articles),
                "reason": event.reason,
                "group": group,
                "recorded_at": _first_recorded(records, event.articles),
            }
        )
        rows.nodes.append(NodeRow("Event", event.id, props))
        for party in event.parties:
            rows.rels.append(
                RelRow(
                    "INVOLVES",
                    "Event",
                    event.id,
                    _party_label(kb, party),
                    party,
                    {"id": f"{event.id}>{party}", "group": group},
                )
            )
        for leader in event.leaders:
            rows.rels.append(
                RelRow("ATTENDED", "Leader", leader, "Event", event.id, {"id": f"{leader}>{event.id}", "group": group})
            )
        if event.place:
            rows.rels.append(
                RelRow(
                    "HELD_IN",
                    "Event",
                    event.id,
                    "Place",
                    place_id(event.place),
                    {"id": f"{event.id}>{place_id(event.place)}", "group": group},
                )
            )
        for article in event.articles:
            rows.rels.append(
                RelRow(
                    "REPORTS", "Article", article, "Event", event.id, {"id": f"{article}>{event.id}", "group": group}
                )
            )
    return rows, linked


def stored_event(props: Mapping[str, Any]) -> Event:
    """A stored ``Event`` node as far as filling a partnership claim needs it: its id and date.

    Only for events dated with a year or undated (a yearless date's precision is not stored)."""
    text = props.get("date_text")
    date = FuzzyDate(text, props.get("date_precision")) if text else FuzzyDate()
    return Event(props["id"], props.get("kind", ""), (), (), date, None, None, (), (), ())


def party_mention_ids(group: GroupKey, article: str) -> set[str]:
    """The ids an event report of ``article`` about the pair of ``group`` can have (the pair in either order)."""
    first, second = group.name.split("|")
    return {stable_id("event", article, first, second), stable_id("event", article, second, first)}


@dataclass
class _Members:
    """The claims an interval holds, as its ``PARTNERSHIP`` relationship lists them."""

    claims: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    disputed: set[str] = field(default_factory=set)
    recorded_at: str | None = None

    def add(self, claim: PartnershipClaim, recorded_at: str | None) -> None:
        self.claims.add(claim.id)
        self.sources.add(claim.article)
        self.paths.add(claim.source)
        if recorded_at is not None:
            self.recorded_at = min(self.recorded_at or recorded_at, recorded_at)

    @classmethod
    def stored(cls, props: Mapping[str, Any]) -> _Members:
        return cls(
            set(props.get("claims") or ()),
            set(props.get("sources") or ()),
            set(props.get("source_paths") or ()),
            set(props.get("disputed_by") or ()),
            props.get("recorded_at"),
        )


def _interval_id(pair: tuple[str, ...], interval: Interval) -> str:
    return stable_id("partnership", *pair, interval.level, interval.valid_from.value or "undated")


def _interval_rel(group: str, pair: tuple[str, ...], interval: Interval, members: _Members, kb: Knowledge) -> RelRow:
    props = clean_props(
        {
            "id": _interval_id(pair, interval),
            "group": group,
            "level": interval.level,
            "rank": interval.rank,
            "qualifiers": list(interval.qualifiers),
            "valid_from": to_date(interval.valid_from.value),
            "valid_from_precision": interval.valid_from.precision if interval.valid_from.has_year else None,
            "valid_to": to_date(interval.valid_to.value),
            "valid_to_precision": interval.valid_to.precision if interval.valid_to.has_year else None,
            "change": interval.change,
            "basis": interval.basis,
            "previous_level": interval.previous_level,
            "event": interval.event,
            "sources": sorted(members.sources),
            "source_paths": sorted(members.paths),
            "claims": sorted(members.claims),
            "disputed_by": sorted(members.disputed) or None,
            "reason": interval.reason or None,
            "recorded_at": members.recorded_at,
        }
    )
    return RelRow("PARTNERSHIP", _party_label(kb, pair[0]), pair[0], _party_label(kb, pair[1]), pair[1], props)


def _partnership_tally(claims: list[PartnershipClaim], openings: list[tuple[Key, str]]) -> PartnershipTally:
    dated = [c for c in claims if c.change not in ANNOUNCING and c.date.has_year]
    first = min(dated, key=attestation_key, default=None)
    return PartnershipTally(
        len(claims), (first.date.sort_key(), first.id, first.article) if first else None, list(openings)
    )


def partnership_rows(
    group: str, records: list[ClaimRecord], by_mention: Mapping[str, Event], kb: Knowledge
) -> tuple[GraphRows, PartnershipTally]:
    """A pair's partnership intervals from all its partnership ``records``, each claim filled from
    the event its report belongs to (``by_mention``, see :func:`~entente.ingest.events.event_index`);
    and what a later batch needs to know of them (:class:`PartnershipTally`)."""
    rows = GraphRows()
    records = sorted(records, key=lambda r: r.id)
    claims = LinkedEvents([], dict(by_mention)).fill(_facts(records, "partnership", PartnershipClaim.from_dict))
    if not claims:
        return rows, PartnershipTally()
    pair = tuple(p.id for p in claims[0].parties)
    stamps = {r.article: r.recorded_at for r in records}
    intervals, found = partnership_plan(claims, kb)
    for interval in intervals:
        members = _Members(disputed=set(interval.disputed_by))
        for claim in interval.claims:
            members.add(claim, stamps.get(claim.article))
        rows.rels.append(_interval_rel(group, pair, interval, members, kb))
    return rows, _partnership_tally(claims, found.openings)


def partnership_update(
    group: str,
    tally: PartnershipTally,
    stored: Sequence[Mapping[str, Any]],
    announcing: list[ClaimRecord],
    changed: list[ClaimRecord],
    new: AbstractSet[str],
    by_mention: Mapping[str, Event],
    kb: Knowledge,
) -> tuple[GraphRows, PartnershipTally] | None:
    """A pair's partnership intervals from the stored ones (``stored``: their ``PARTNERSHIP``
    properties) and the claims that may change them, without the pair's other claims: every
    announcing claim of the pair (``announcing``), the batch's other claims and the stored ones
    whose events were derived again (``changed``, with the stored first dated attestation);
    ``new`` are the ids of the batch's claim records.

    The intervals' plan (:func:`~entente.graph.intervals.plan`) follows from the announcements and
    the first dated attestation; every other attestation falls in an interval by its own date and
    level (:func:`~entente.graph.intervals.place`). So when the plan's openings are as stored, and
    no stored claim falls in another interval than before, the stored intervals take the new
    claims, and the others stay where they are. Otherwise (or when the stored intervals are not
    what the tally says) None: derive the partnership from all its claims (:func:`partnership_rows`).
    """
    records = {r.id: r for r in [*announcing, *changed] if r.kind == "partnership"}
    if tally.claims == 0:  # nothing stored: the batch's claims are all there is
        return partnership_rows(group, [r for r in records.values() if r.id in new], by_mention, kb)
    if not tally.openings:
        return None  # no dated interval: undated claims open intervals of their own
    ordered = sorted(records.values(), key=lambda r: r.id)
    claims = LinkedEvents([], dict(by_mention)).fill(_facts(ordered, "partnership", PartnershipClaim.from_dict))
    record_of = {claim.id: record for claim, record in zip(claims, ordered, strict=True)}
    attesting = [c for c in claims if c.change not in ANNOUNCING]
    dated = [c for c in attesting if c.date.has_year]
    if tally.first is not None:
        day, ident, _article = tally.first
        before = next((c for c in dated if c.id == ident), None)
        if before is None or attestation_key(before) > (day, 1, ident):
            return None  # the first attestation moved later (or was not read): another stored one may be first now
    first = min(dated, key=attestation_key, default=None)
    found = plan(announcements((c for c in claims if c.change in ANNOUNCING), kb), first, kb)
    if found.openings != tally.openings:
        return None
    pair = tuple(p.id for p in claims[0].parties)
    by_id = {props["id"]: props for props in stored}
    idents = [_interval_id(pair, interval) for interval in found.intervals]
    if set(idents) != by_id.keys():
        return None  # the stored intervals are not the tally's
    members = [_Members.stored(by_id[ident]) for ident in idents]
    where: dict[str, int] = {}
    for index, held in enumerate(members):
        for ident in held.claims & record_of.keys():
            where[ident] = index
    # where each claim falls now: the plan's own claims (announcements, the first attestation), then the others
    now: dict[str, tuple[int, bool]] = {}
    for index, interval in enumerate(found.intervals):
        for claim in interval.claims:
            now[claim.id] = (index, claim.id in interval.disputed_by)
    for claim in [*found.undated, *attesting]:
        if claim.id not in now:
            now[claim.id] = place(found.openings, claim)
    for claim in claims:
        index, disputed = now[claim.id]
        if record_of[claim.id].id in new:
            members[index].add(claim, record_of[claim.id].recorded_at)
            if disputed:
                members[index].disputed.add(claim.id)
        elif where.get(claim.id) != index:
            return None  # a stored claim moves to another interval (or is not where the tally says)
        # else it stays: whether it disputes its interval follows from its level and the interval's
    rows = GraphRows(rels=[_interval_rel(group, pair, i, m, kb) for i, m in zip(found.intervals, members, strict=True)])
    added = sum(1 for r in records.values() if r.id in new)
    first_key = (first.date.sort_key(), first.id, first.article) if first else None
    return rows, PartnershipTally(tally.claims + added, first_key, found.openings)


def _derive_parties(
    group: str, records: list[ClaimRecord], kb: Knowledge, published: Mapping[str, str | None]
) -> GraphRows:
    events = [r for r in records if r.kind == "event"]
    mentions = event_mentions(events)
    merged = merge_party_sets(mentions)
    rows, linked = event_rows(group, events, kb, mentions, merged.events)
    tally = EventTally(states=merged.states).add(mentions)
    if GroupKey.parse(group).pair:
        partnerships, tally.partnership = partnership_rows(
            group, [r for r in records if r.kind == "partnership"], linked.by_mention, kb
        )
        rows.extend(partnerships)
    spanned = {m.id: m for m in mentions if not wild(m)}
    for event in merged.events:
        members = [spanned[i] for i in event.mentions if i in spanned]
        if members:
            tally.outlines[anchor_rank(members)] = outline(members)
    rows.nodes.append(tally_node(GroupKey.parse(group), tally.to_json()))
    return rows


@dataclass
class LeaderTally:
    """Running counts of one leader's mentions: everything the leader's node and offices follow.

    Counts add up in any order, so a batch adds its new mentions to the stored tally (a ``Tally``
    node of the group) instead of reading every mention the leader ever had.
    """

    names: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)
    surfaces: set[str] = field(default_factory=set)
    resolutions: set[str] = field(default_factory=set)

    def add(self, mentions: Iterable[LeaderMention]) -> LeaderTally:
        for m in mentions:
            self.names[m.name] += 1
            if m.state:
                self.states[m.state] += 1
            if m.title:
                self.titles[m.title] += 1
            self.surfaces.add(m.surface)
            self.resolutions.add(m.resolution)
        return self

    @property
    def empty(self) -> bool:
        return not self.names

    def to_json(self) -> str:
        return json.dumps(
            {
                "names": self.names,
                "states": self.states,
                "titles": self.titles,
                "surfaces": sorted(self.surfaces),
                "resolutions": sorted(self.resolutions),
            },
            sort_keys=True,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LeaderTally:
        data = json.loads(text)
        return cls(
            Counter(data["names"]),
            Counter(data["states"]),
            Counter(data["titles"]),
            set(data["surfaces"]),
            set(data["resolutions"]),
        )


def _top(counts: Counter[str]) -> str:
    """The most frequent value, the smallest on a tie (as :func:`~entente.graph.intervals.majority`)."""
    return min(counts, key=lambda v: (-counts[v], v))


def tally_id(group: GroupKey) -> str:
    """The id of a group's ``Tally`` node."""
    return f"tally:{group}"


def leader_mentions(records: Iterable[ClaimRecord]) -> list[LeaderMention]:
    return _facts(list(records), "leader", LeaderMention.from_dict)


def leader_rows(group: GroupKey, tally: LeaderTally, kb: Knowledge) -> GraphRows:
    """The leader's node, offices and stored tally, from the tally of all the leader's mentions."""
    rows = GraphRows()
    if tally.empty:
        return rows
    ident = group.name
    known = kb.leaders.get(ident)
    name = known.name if known else _top(tally.names)
    state = known.state if known and known.state else (_top(tally.states) if tally.states else None)
    title = _top(tally.titles) if tally.titles else None
    aliases = sorted({s for s in tally.surfaces if s != name} | (set(known.aliases) if known else set()))
    rows.nodes.append(tally_node(group, tally.to_json()))
    rows.nodes.append(
        NodeRow(
            "Leader",
            ident,
            clean_props(
                {
                    "id": ident,
                    "name": name,
                    "state": state,
                    "title": title,
                    "aliases": aliases,
                    "known": known is not None,
                    "resolutions": sorted(tally.resolutions),
                }
            ),
        )
    )
    if state:
        offices = known.offices if known and known.offices else ()
        if known and offices:
            for office in offices:
                rows.rels.append(
                    RelRow(
                        "HOLDS_OFFICE",
                        "Leader",
                        ident,
                        _party_label(kb, state),
                        state,
                        clean_props(
                            {
                                "id": f"{ident}>{state}>{office.title}>{office.start}",
                                "group": str(group),
                                "title": office.title,
                                "from": office.start or None,
                                "to": office.end or None,
                                "source": known.source,
                            }
                        ),
                    )
                )
        elif title:
            rows.rels.append(
                RelRow(
                    "HOLDS_OFFICE",
                    "Leader",
                    ident,
                    _party_label(kb, state),
                    state,
                    {
                        "id": f"{ident}>{state}>{title}>",
                        "group": str(group),
                        "title": title,
                        "source": "as named in the articles",
                    },
                )
            )
    return rows


def _derive_leader(
    group: str, records: list[ClaimRecord], kb: Knowledge, published: Mapping[str, str | None]
) -> GraphRows:
    return leader_rows(GroupKey.parse(group), LeaderTally().add(leader_mentions(records)), kb)


def _support_rel(
    group: str,
    first: SupportClaim,
    articles: list[str],
    paths: list[str],
    since: dt.date | None,
    recorded_at: str | None,
    kb: Knowledge,
) -> RelRow:
    return RelRow(
        "SUPPORTS",
        _party_label(kb, first.state),
        first.state,
        "Initiative",
        first.initiative,
        clean_props(
            {
                "id": f"{first.state}>{first.initiative}",
                "group": group,
                "sources": articles,
                "source_paths": paths,
                "since": since,
                "recorded_at": recorded_at,
            }
        ),
    )


def _derive_support(
    group: str, records: list[ClaimRecord], kb: Knowledge, published: Mapping[str, str | None]
) -> GraphRows:
    supports = _facts(records, "support", SupportClaim.from_dict)
    if not supports:
        return GraphRows()
    articles = sorted({s.article for s in supports})
    days = sorted(p for a in articles if (p := published.get(a)))
    paths = sorted({s.source for s in supports})
    since = to_date(days[0]) if days else None
    recorded_at = _first_recorded(records, articles)
    return GraphRows(rels=[_support_rel(group, supports[0], articles, paths, since, recorded_at, kb)])


def support_update(
    group: str,
    stored: Mapping[str, Any],
    records: list[ClaimRecord],
    kb: Knowledge,
    published: Mapping[str, str | None],
) -> GraphRows | None:
    """A support group's ``SUPPORTS`` relationship from the stored one (``stored``: its
    properties) and the batch's claims ``records``, without the group's other claims: the sources
    and paths gain the new ones, ``since`` (the earliest publication day of its articles) the
    new articles' days (``published``), ``recorded_at`` stays the earliest. The same as
    :func:`derive_group` from all the claims, since ISO days, months and years sort as text in
    the order of their first days.

    None when the stored relationship has no ``since`` (no article of it had a publication day,
    or one had a day without a year, which sorts first and dates nothing), or a new article's
    day has no year: derive from all the claims then."""
    supports = _facts(sorted(records, key=lambda r: r.id), "support", SupportClaim.from_dict)
    if stored.get("since") is None or not supports:
        return None
    articles = {s.article for s in supports}
    days = sorted(p for a in articles if (p := published.get(a)))
    since = to_date(str(stored["since"]))
    if days and days[0].startswith("--"):
        return None
    if days:
        since = min(d for d in (since, to_date(days[0])) if d is not None)
    stamps = [stored.get("recorded_at"), _first_recorded(records, articles)]
    return GraphRows(
        rels=[
            _support_rel(
                group,
                supports[0],
                sorted(articles | set(stored.get("sources") or ())),
                sorted({s.source for s in supports} | set(stored.get("source_paths") or ())),
                since,
                min((stamp for stamp in stamps if stamp is not None), default=None),
                kb,
            )
        ]
    )


def _derive_document(
    group: str, records: list[ClaimRecord], kb: Knowledge, published: Mapping[str, str | None]
) -> GraphRows:
    documents = _facts(records, "document", JointDocument.from_dict)
    if not documents:
        return GraphRows()
    document = documents[0]
    rows = GraphRows(
        nodes=[
            NodeRow(
                "Document",
                document.id,
                clean_props(
                    {
                        "id": document.id,
                        "name": document.title,
                        "title": document.title,
                        "group": group,
                        "parties": list(document.parties),
                        "sources": sorted({d.source for d in documents}),
                    }
                ),
            )
        ]
    )
    for party in document.parties:
        rows.rels.append(
            RelRow(
                "SIGNED_BY",
                "Document",
                document.id,
                _party_label(kb, party),
                party,
                {"id": f"{document.id}>{party}", "group": group},
            )
        )
    return rows


_DERIVE: dict[GroupKind, Callable[[str, list[ClaimRecord], Knowledge, Mapping[str, str | None]], GraphRows]] = {
    GroupKind.PARTIES: _derive_parties,
    GroupKind.LEADER: _derive_leader,
    GroupKind.SUPPORT: _derive_support,
    GroupKind.DOCUMENT: _derive_document,
}


def derive_group(
    group: GroupKey, records: list[ClaimRecord], kb: Knowledge, published: Mapping[str, str | None]
) -> GraphRows:
    """Everything group ``group`` implies, from all its claim ``records``.

    ``published`` maps article ids to publication dates (for when support was first stated).
    """
    return _DERIVE[group.kind](str(group), sorted(records, key=lambda r: r.id), kb, published)
