"""The interval rule: when a pair's partnership held which level, from every claim about the pair.

A pair's claims are of two sorts. **Announcements** (establish, upgrade, downgrade) change the
level: reports of one change (the same event, or the same level within a month) are one
:class:`Announcement`, which opens an interval on its date and closes the one before.
**Attestations** (reaffirm, mention) change nothing: each adds evidence to the interval it falls
in, or, before any announcement, opens an interval ``attested`` from its date. A claim that
contradicts the interval it falls in is kept in that interval's ``disputed_by``; undated claims
join the last interval of their level.

The result depends only on the set of claims, never on their order.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from entente.ingest.knowledge import Knowledge
from entente.ingest.model import FuzzyDate, PartnershipClaim

__all__ = [
    "ANNOUNCING",
    "RECALLED",
    "Announcement",
    "Interval",
    "Key",
    "Plan",
    "announcement_key",
    "announcements",
    "attestation_key",
    "first_attested",
    "majority",
    "partnership_intervals",
    "partnership_plan",
    "place",
    "plan",
    "to_date",
]

#: The changes that announce a level; every other change (reaffirm, mention) attests one.
ANNOUNCING = ("establish", "upgrade", "downgrade")
_PRECISIONS = ("year", "month", "day")


def to_date(value: str | None) -> dt.date | None:
    """The first day of a (possibly partial) ISO date: ``2013`` -> 2013-01-01; ``--09-23`` -> None."""
    if not value or value.startswith("--"):
        return None
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    return dt.date(year, month, day)


@dataclass
class Interval:
    """One level held from ``valid_from`` to ``valid_to`` (open when unknown), and the claims behind it."""

    level: str
    rank: int
    valid_from: FuzzyDate
    change: str
    basis: str  # announced, attested or undated
    claims: list[PartnershipClaim]
    qualifiers: tuple[str, ...] = ()
    previous_level: str | None = None
    event: str | None = None
    valid_to: FuzzyDate = field(default_factory=FuzzyDate)
    disputed_by: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Announcement:
    """One level change: its date and level, the claims that report it, and why that level and date."""

    date: FuzzyDate
    level: str
    claims: tuple[PartnershipClaim, ...]
    reason: str


def majority(values: Iterable[str]) -> tuple[str, Counter[str]]:
    """The most frequent value (the smallest on a tie) and the counts."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v)), counts


def _rank(kb: Knowledge, level: str) -> int:
    return kb.levels[level].rank if level in kb.levels else 0


def _clusters(claims: Iterable[PartnershipClaim]) -> list[list[PartnershipClaim]]:
    """Announcing claims grouped into reports of one change: the same event, or the same level within a month."""
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
    return clusters


def _announcement(cluster: list[PartnershipClaim], kb: Knowledge) -> Announcement:
    level, levels = majority(c.level for c in cluster)
    if len(levels) > 1 and list(levels.values()).count(levels[level]) > 1:
        # a tie between levels: the more conservative (lower) rank
        tied = [label for label in levels if levels[label] == levels[level]]
        level = min(tied, key=lambda label: (_rank(kb, label), label))
    dated = [c for c in cluster if c.level == level and c.date.has_year]
    best = max((_PRECISIONS.index(c.date.precision) for c in dated if c.date.precision), default=-1)
    precise = [c for c in dated if c.date.precision and _PRECISIONS.index(c.date.precision) == best]
    textual = [c for c in precise if c.date.basis != "published"] or precise
    if textual:
        value, dates = majority(c.date.value for c in textual if c.date.value is not None)
        date = next(c.date for c in textual if c.date.value == value)
    else:
        date, dates = FuzzyDate(), Counter()
    reasons = []
    if len(levels) > 1:
        counted = ", ".join(f"{label}: {n}" for label, n in sorted(levels.items()))
        reasons.append(f"sources disagree on the level ({counted}); chose {level}")
    if len(dates) > 1:
        counted = ", ".join(f"{d}: {n}" for d, n in sorted(dates.items()))
        reasons.append(f"sources disagree on the date ({counted}); chose {date.value}")
    return Announcement(date, level, tuple(cluster), "; ".join(reasons))


def announcements(claims: Iterable[PartnershipClaim], kb: Knowledge) -> list[Announcement]:
    """The level changes that announcing ``claims`` report, in date order."""
    found = [_announcement(cluster, kb) for cluster in _clusters(claims)]
    return sorted(found, key=lambda a: (a.date.sort_key(), a.level))


def _opened(announcement: Announcement, current: Interval | None, kb: Knowledge) -> Interval:
    """The interval an announcement opens after ``current`` (None: the first one)."""
    level = announcement.level
    if current is None:
        change = "establish"
    elif _rank(kb, level) > current.rank:
        change = "upgrade"
    elif _rank(kb, level) < current.rank:
        change = "downgrade"
    else:
        change = "rename"
    main = [c for c in announcement.claims if c.level == level]  # in date order
    previous = current.level if current else next((c.previous_level for c in main if c.previous_level), None)
    main.sort(key=lambda c: c.id)
    if current is None and previous:
        change = "upgrade" if _rank(kb, level) > _rank(kb, previous) else "downgrade"
    elif current is None:
        # "upgraded ties to a CSP" with no earlier level in any report: still an upgrade, from a
        # level the graph does not know, never an establishment
        said, _ = majority(c.change for c in main)
        change = said if said in ("upgrade", "downgrade") else "establish"
    return Interval(
        level=level,
        rank=_rank(kb, level),
        valid_from=announcement.date,
        change=change,
        basis="announced",
        claims=list(announcement.claims),
        qualifiers=tuple(next((c.qualifiers for c in main if c.qualifiers), ())),
        previous_level=previous,
        event=next((c.event for c in main if c.event), None),
        reason=announcement.reason,
    )


def _dispute(interval: Interval, claim: PartnershipClaim) -> None:
    interval.disputed_by = tuple(sorted({*interval.disputed_by, claim.id}))
    interval.claims.append(claim)


#: Where a record stands in a pair's timeline: its date's sort key, 0 for an announcement or 1 for
#: an attestation (on one day announcements come first), and the announcement's level or the claim's id.
Key = tuple[str, int, str]


def announcement_key(announcement: Announcement) -> Key:
    return (announcement.date.sort_key(), 0, announcement.level)


def attestation_key(claim: PartnershipClaim) -> Key:
    return (claim.date.sort_key(), 1, claim.id)


def first_attested(claims: Iterable[PartnershipClaim]) -> PartnershipClaim | None:
    """The earliest attestation with a year (by :func:`attestation_key`), or None."""
    dated = [c for c in claims if c.change not in ANNOUNCING and c.date.has_year]
    return min(dated, key=attestation_key, default=None)


@dataclass
class Plan:
    """A pair's intervals as its announcements and its first dated attestation open them (the
    intervals' claims so far are theirs), with each interval's opening key; and the claims of
    announcements without a year. Every other claim of the pair falls in an interval of the plan
    by its own date and level alone (:func:`place`): this is what lets a batch add attestations
    to stored intervals without reading the pair's other claims."""

    intervals: list[Interval]
    keys: list[Key]
    undated: list[PartnershipClaim]

    @property
    def openings(self) -> list[tuple[Key, str]]:
        """Each interval's opening key and level: all that :func:`place` reads of the plan."""
        return [(key, interval.level) for key, interval in zip(self.keys, self.intervals, strict=True)]


def plan(found: list[Announcement], first: PartnershipClaim | None, kb: Knowledge) -> Plan:
    """The intervals that the announcements ``found`` and the first dated attestation ``first`` open."""
    timeline: list[tuple[Key, Announcement | PartnershipClaim]] = [(announcement_key(a), a) for a in found]
    if first is not None:
        timeline.append((attestation_key(first), first))
    timeline.sort(key=lambda item: item[0])
    result = Plan([], [], [])
    intervals = result.intervals
    for key, record in timeline:
        current = intervals[-1] if intervals else None
        if isinstance(record, Announcement):
            if not record.date.has_year:
                result.undated.extend(record.claims)
            elif current is not None and current.level == record.level:
                current.claims.extend(record.claims)
            else:
                if current is not None:
                    current.valid_to = record.date
                intervals.append(_opened(record, current, kb))
                result.keys.append(key)
        elif current is None:
            intervals.append(
                Interval(
                    level=record.level,
                    rank=record.rank,
                    valid_from=record.date,
                    change="attested",
                    basis="attested",
                    claims=[record],
                    qualifiers=record.qualifiers,
                    reason=_first_attested(record),
                )
            )
            result.keys.append(key)
        else:
            _join(current, record)
    return result


def _join(interval: Interval, claim: PartnershipClaim) -> None:
    if interval.level == claim.level:
        interval.claims.append(claim)
    else:
        _dispute(interval, claim)


def place(openings: list[tuple[Key, str]], claim: PartnershipClaim) -> tuple[int, bool]:
    """Where an attestation that is not the first dated one falls in a plan with at least one
    interval (:attr:`Plan.openings`): the interval's index, and whether it disputes it. A dated
    one falls in the interval open on its date; an undated one in the last interval of its level,
    else it disputes the last interval."""
    if claim.date.has_year:
        index = bisect.bisect_left([key for key, _ in openings], attestation_key(claim)) - 1
        return index, openings[index][1] != claim.level
    same = [i for i, (_, level) in enumerate(openings) if level == claim.level]
    return (same[-1], False) if same else (len(openings) - 1, True)


def partnership_plan(claims: list[PartnershipClaim], kb: Knowledge) -> tuple[list[Interval], Plan]:
    """The intervals of one pair's partnership from every claim about it, and the plan they follow."""
    first = first_attested(claims)
    found = plan(announcements((c for c in claims if c.change in ANNOUNCING), kb), first, kb)
    intervals = [replace(i, claims=list(i.claims)) for i in found.intervals]
    openings = found.openings
    undated = list(found.undated)
    for claim in sorted(claims, key=attestation_key):
        if claim.change in ANNOUNCING or claim is first:
            continue
        if not claim.date.has_year:
            undated.append(claim)
            continue
        index, _ = place(openings, claim)
        _join(intervals[index], claim)
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
            _dispute(intervals[-1], claim)
    return intervals, found


def partnership_intervals(claims: list[PartnershipClaim], kb: Knowledge) -> list[Interval]:
    """Validity intervals of one pair's partnership from every claim about it (see the module's text)."""
    return partnership_plan(claims, kb)[0]


#: Said in the reason of an interval that a later report's recollection opens (``_first_attested``).
RECALLED = "as a later report recalls"


def _first_attested(claim: PartnershipClaim) -> str:
    """Why an interval opens at its first attestation: a report that recalls the level's setting up
    ("established a strategic partnership in 2005", ``change:earlier-level``) says when it began, as
    far as that report knows; any other attestation only says the level held by then."""
    rule = claim.evidence.rule if claim.evidence is not None else ""
    if rule.startswith("change:earlier-level("):
        recalled = rule[len("change:earlier-level(") : -1]
        verb = {"establish": "established", "upgrade": "raised to this level"}.get(recalled, recalled)
        return f"{verb} in {claim.date.value}, {RECALLED}; no report of the time"
    return "first attested by a " + claim.change + "; the start of the level is not known"
