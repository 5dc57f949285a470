"""From extracted facts to graph rows: the evidence layer, and what is derived from it.

Both stores call these pure functions, which is what makes them give the same graph:

* :func:`base_rows` turns one article's facts into its ``Article`` node, one ``Claim`` node per
  fact (with the fact itself as JSON), and the entity nodes the facts name.
* :func:`derive_group` recomputes everything a group of claims implies (partnership intervals,
  merged events, leaders' offices, support, documents) from *all* the group's claims, so the
  result does not depend on the order articles arrived in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from entente.graph.schema import GraphRows, NodeRow, RelRow, clean_props
from entente.ingest.events import merge_events
from entente.ingest.extract import event_index, fill_from_events
from entente.ingest.knowledge import Knowledge, fold
from entente.ingest.model import (
    ArticleFacts,
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
    "Interval",
    "base_rows",
    "claim_records",
    "derive_group",
    "partnership_intervals",
    "place_id",
    "to_date",
]


_Fact = TypeVar("_Fact")


@dataclass(frozen=True)
class ClaimRecord:
    """A stored fact: its kind, its group, its article, when Entente learned it, and the fact."""

    id: str
    kind: str  # partnership, event, leader, support, document
    group: str
    article: str
    recorded_at: str
    data: str  # the fact as JSON


def to_date(value: str | None) -> dt.date | None:
    """The first day of a (possibly partial) ISO date: ``2013`` -> 2013-01-01; ``--09-23`` -> None."""
    if not value or value.startswith("--"):
        return None
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    return dt.date(year, month, day)


def place_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _group_of(fact: object) -> str:
    if isinstance(fact, PartnershipClaim):
        return "G:" + fact.pair
    if isinstance(fact, EventMention):
        return "G:" + "|".join(sorted(fact.parties))
    if isinstance(fact, LeaderMention):
        return "L:" + fact.id
    if isinstance(fact, SupportClaim):
        return f"S:{fact.state}|{fact.initiative}"
    if isinstance(fact, JointDocument):
        return "D:" + fact.id
    raise TypeError(type(fact))


_KINDS = {
    PartnershipClaim: "partnership",
    EventMention: "event",
    LeaderMention: "leader",
    SupportClaim: "support",
    JointDocument: "document",
}


def claim_records(facts: ArticleFacts, recorded_at: str) -> list[ClaimRecord]:
    """One record per fact of the article, with a stable id."""
    records = []
    for fact in (*facts.partnerships, *facts.events, *facts.leaders, *facts.supports, *facts.documents):
        kind = _KINDS[type(fact)]
        group = _group_of(fact)
        records.append(
            ClaimRecord(
                id=stable_id("claim", kind, group, facts.article.id),
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
                        "group": record.group,
                        "article": record.article,
                        "recorded_at": record.recorded_at,
                        "data": record.data,
                        "evidence_text": evidence.get("text"),
                        "rule": evidence.get("rule"),
                        "level": fact.get("level"),
                        "change": fact.get("change"),
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


# -- partnership intervals ------------------------------------------------------------------


@dataclass
class Interval:
    level: str
    rank: int
    valid_from: FuzzyDate
    change: str
    basis: str
    claims: list[PartnershipClaim]
    qualifiers: tuple[str, ...] = ()
    previous_level: str | None = None
    event: str | None = None
    valid_to: FuzzyDate = field(default_factory=FuzzyDate)
    disputed_by: tuple[str, ...] = ()
    reason: str = ""


_ANNOUNCING = ("establish", "upgrade", "downgrade")
#: A level change: its date, the level, the claims that report it, and why that level and date.
_Announcement = tuple[FuzzyDate, str, list[PartnershipClaim], str]


def _majority(values: Iterable[str]) -> tuple[str, Counter[str]]:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v)), counts


def _announcements(claims: list[PartnershipClaim], kb: Knowledge) -> list[_Announcement]:
    """Level changes, each from the claims that report it (the same event, or the same level within a month)."""
    clusters: list[list[PartnershipClaim]] = []
    for claim in sorted(claims, key=lambda c: (c.date.sort_key(), c.id)):
        day = to_date(claim.date.value)
        home = None
        for cluster in clusters:
            if claim.event and any(c.event == claim.event for c in cluster):
                home = cluster
                break
            if any(c.level == claim.level for c in cluster):
                days = [to_date(c.date.value) for c in cluster if c.level == claim.level]
                if day and all(d and abs((d - day).days) <= 31 for d in days):
                    home = cluster
                    break
        if home is None:
            clusters.append([claim])
        else:
            home.append(claim)
    out = []
    for cluster in clusters:
        level, levels = _majority(c.level for c in cluster)
        if len(levels) > 1 and list(levels.values()).count(levels[level]) > 1:
            # a tie between levels: the more conservative (lower) rank
            tied = [label for label in levels if levels[label] == levels[level]]
            level = min(tied, key=lambda label: (kb.levels[label].rank if label in kb.levels else 0, label))
        dated = [c for c in cluster if c.level == level and c.date.has_year]
        best_precision = max(
            (("year", "month", "day").index(c.date.precision) for c in dated if c.date.precision), default=-1
        )
        precise = [
            c for c in dated if c.date.precision and ("year", "month", "day").index(c.date.precision) == best_precision
        ]
        textual = [c for c in precise if c.date.basis not in ("published",)] or precise
        if textual:
            value, dates = _majority(c.date.value for c in textual if c.date.value is not None)
            date = next(c.date for c in textual if c.date.value == value)
        else:
            date, dates = FuzzyDate(), Counter()
        reasons = []
        if len(levels) > 1:
            reasons.append(
                "sources disagree on the level ("
                + ", ".join(f"{label}: {n}" for label, n in sorted(levels.items()))
                + f"); chose {level}"
            )
        if len(dates) > 1:
            reasons.append(
                "sources disagree on the date ("
                + ", ".join(f"{d}: {n}" for d, n in sorted(dates.items()))
                + f"); chose {date.value}"
            )
        out.append((date, level, cluster, "; ".join(reasons)))
    return sorted(out, key=lambda a: (a[0].sort_key(), a[1]))


def partnership_intervals(claims: list[PartnershipClaim], kb: Knowledge) -> list[Interval]:
    """Validity intervals of one pair's partnership from every claim about it.

    Announcements (establish, upgrade, downgrade) open an interval on their date and close the
    open one; a reaffirmation or mention adds evidence to the interval it falls in, or, before any
    announcement, attests that the level held by then. A claim that contradicts the interval it
    falls in is kept as ``disputed_by``.
    """

    def rank(level: str) -> int:
        return kb.levels[level].rank if level in kb.levels else 0

    announcing = [c for c in claims if c.change in _ANNOUNCING]
    attesting = sorted((c for c in claims if c.change not in _ANNOUNCING), key=lambda c: (c.date.sort_key(), c.id))
    items: list[tuple[str, int, _Announcement | PartnershipClaim]] = []
    for date, level, cluster, reason in _announcements(announcing, kb):
        items.append((date.sort_key(), 0, (date, level, cluster, reason)))
    for claim in attesting:
        items.append((claim.date.sort_key(), 1, claim))
    # announcements (0) before claims (1) on a day; then by level, or by claim id
    items.sort(key=lambda item: (item[0], item[1], item[2][1] if isinstance(item[2], tuple) else item[2].id))

    intervals: list[Interval] = []
    undated: list[PartnershipClaim] = []
    for _key, _kind, payload in items:
        current = intervals[-1] if intervals else None
        if isinstance(payload, tuple):  # an announcement (kind 0)
            date, level, cluster, reason = payload
            if not date.has_year:
                undated.extend(cluster)
                continue
            if current is not None and current.level == level:
                current.claims.extend(cluster)
                continue
            if current is not None:
                current.valid_to = date
            change = (
                "establish"
                if current is None
                else (
                    "upgrade" if rank(level) > current.rank else "downgrade" if rank(level) < current.rank else "rename"
                )
            )
            main = [c for c in cluster if c.level == level]
            previous = current.level if current else next((c.previous_level for c in main if c.previous_level), None)
            if current is None and previous:
                change = "upgrade" if rank(level) > rank(previous) else "downgrade"
            qualifiers = next((c.qualifiers for c in sorted(main, key=lambda c: c.id) if c.qualifiers), ())
            intervals.append(
                Interval(
                    level=level,
                    rank=rank(level),
                    valid_from=date,
                    change=change,
                    basis="announced",
                    claims=list(cluster),
                    qualifiers=tuple(qualifiers),
                    previous_level=previous,
                    event=next((c.event for c in sorted(main, key=lambda c: c.id) if c.event), None),
                    reason=reason,
                )
            )
        else:
            claim = payload
            if not claim.date.has_year:
                undated.append(claim)
                continue
            if current is None:
                intervals.append(
                    Interval(
                        level=claim.level,
                        rank=claim.rank,
                        valid_from=claim.date,
                        change="attested",
                        basis="attested",
                        claims=[claim],
                        qualifiers=claim.qualifiers,
                        reason="first attested by a " + claim.change + "; the start of the level is not known",
                    )
                )
            elif current.level == claim.level:
                current.claims.append(claim)
            else:
                current.disputed_by = tuple(sorted({*current.disputed_by, claim.id}))
                current.claims.append(claim)
    for claim in sorted(undated, key=lambda c: c.id):
        same = [i for i in intervals if i.level == claim.level]
        if same:
            same[-1].claims.append(claim)
        elif all(i.basis == "undated" for i in intervals):
            intervals.append(
                Interval(
                    level=claim.level,
                    rank=claim.rank,
                    valid_from=FuzzyDate(),
                    change=claim.change,
                    basis="undated",
                    claims=[claim],
                    qualifiers=claim.qualifiers,
                    reason="no dated claim: when it held is unknown",
                )
            )
        else:
            intervals[-1].disputed_by = tuple(sorted({*intervals[-1].disputed_by, claim.id}))
            intervals[-1].claims.append(claim)
    return intervals


# -- groups ---------------------------------------------------------------------------------


def _facts(records: list[ClaimRecord], kind: str, from_dict: Callable[[dict[str, Any]], _Fact]) -> list[_Fact]:
    return [from_dict(json.loads(r.data)) for r in records if r.kind == kind]


def _first_recorded(records: list[ClaimRecord], articles: Iterable[str]) -> str | None:
    wanted = set(articles)
    stamps = [r.recorded_at for r in records if r.article in wanted]
    return min(stamps) if stamps else None


def _derive_pair_and_events(group: str, records: list[ClaimRecord], kb: Knowledge) -> GraphRows:
    rows = GraphRows()
    mentions = _facts(records, "event", EventMention.from_dict)
    events = merge_events(mentions)
    for event in events:
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
    claims = fill_from_events(_facts(records, "partnership", PartnershipClaim.from_dict), event_index(events))
    if claims:
        pair = tuple(p.id for p in claims[0].parties)
        for interval in partnership_intervals(claims, kb):
            sources = sorted({c.article for c in interval.claims})
            ident = stable_id("partnership", *pair, interval.level, interval.valid_from.value or "undated")
            props = clean_props(
                {
                    "id": ident,
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
                    "sources": sources,
                    "source_paths": sorted({c.source for c in interval.claims}),
                    "claims": sorted(c.id for c in interval.claims),
                    "disputed_by": list(interval.disputed_by) or None,
                    "reason": interval.reason or None,
                    "recorded_at": _first_recorded(records, sources),
                }
            )
            rows.rels.append(
                RelRow("PARTNERSHIP", _party_label(kb, pair[0]), pair[0], _party_label(kb, pair[1]), pair[1], props)
            )
    return rows


def _derive_leader(group: str, records: list[ClaimRecord], kb: Knowledge) -> GraphRows:
    rows = GraphRows()
    mentions = sorted(_facts(records, "leader", LeaderMention.from_dict), key=lambda m: (m.article, m.surface))
    if not mentions:
        return rows
    ident = mentions[0].id
    known = kb.leaders.get(ident)
    name = known.name if known else _majority(m.name for m in mentions)[0]
    states = [m.state for m in mentions if m.state]
    state = known.state if known and known.state else (_majority(states)[0] if states else None)
    titles = [m.title for m in mentions if m.title]
    aliases = sorted({m.surface for m in mentions if m.surface != name} | (set(known.aliases) if known else set()))
    rows.nodes.append(
        NodeRow(
            "Leader",
            ident,
            clean_props(
                {
                    "id": ident,
                    "name": name,
                    "state": state,
                    "title": _majority(titles)[0] if titles else None,
                    "aliases": aliases,
                    "known": known is not None,
                    "resolutions": sorted({m.resolution for m in mentions}),
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
                                "group": group,
                                "title": office.title,
                                "from": office.start or None,
                                "to": office.end or None,
                                "source": known.source,
                            }
                        ),
                    )
                )
        elif titles:
            title = _majority(titles)[0]
            rows.rels.append(
                RelRow(
                    "HOLDS_OFFICE",
                    "Leader",
                    ident,
                    _party_label(kb, state),
                    state,
                    {
                        "id": f"{ident}>{state}>{title}>",
                        "group": group,
                        "title": title,
                        "source": "as named in the articles",
                    },
                )
            )
    return rows


def _derive_support(
    group: str, records: list[ClaimRecord], kb: Knowledge, published: dict[str, str | None]
) -> GraphRows:
    supports = _facts(records, "support", SupportClaim.from_dict)
    if not supports:
        return GraphRows()
    first = supports[0]
    articles = sorted({s.article for s in supports})
    days = sorted(p for a in articles if (p := published.get(a)))
    return GraphRows(
        rels=[
            RelRow(
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
                        "source_paths": sorted({s.source for s in supports}),
                        "since": to_date(days[0]) if days else None,
                        "recorded_at": _first_recorded(records, articles),
                    }
                ),
            )
        ]
    )


def _derive_document(group: str, records: list[ClaimRecord], kb: Knowledge) -> GraphRows:
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


def derive_group(group: str, records: list[ClaimRecord], kb: Knowledge, published: dict[str, str | None]) -> GraphRows:
    """Everything group ``group`` implies, from all its claim ``records``.

    ``published`` maps article ids to publication dates (for when support was first stated).
    """
    records = sorted(records, key=lambda r: r.id)
    if group.startswith("G:"):
        rows = _derive_pair_and_events(group, records, kb)
    elif group.startswith("L:"):
        rows = _derive_leader(group, records, kb)
    elif group.startswith("S:"):
        rows = _derive_support(group, records, kb, published)
    elif group.startswith("D:"):
        rows = _derive_document(group, records, kb)
    else:
        raise ValueError(f"unknown claim group {group!r}")
    return rows
