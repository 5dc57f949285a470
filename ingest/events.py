"""Events merged across articles: two reports of one meeting become one event.

Reports are grouped by their set of parties; within a group two reports are the same event when
their dates agree (within the few days of one visit, a day without a year on the same days of
the year, or one of them undated but published within a few days of the other) and their places
do not conflict (two cities of one visit may, when dates and leaders agree). Each filling the
other's gaps: the merged event takes the most precise date, the place most reports give, every
leader and every source. Two meetings of one pair months apart stay two events, and so do two
reports whose leaders tell two meetings apart (the same host with two successive holders of the
guest's office, told by the offices in the shipped ``leaders.toml``).

>>> from entente.ingest.model import EventMention, FuzzyDate
>>> day = FuzzyDate("2022-09-15", "day")
>>> a = EventMention("a", "A1", "a.txt", "meeting", ("BLR", "CHN"), date=day, place="Samarkand")
>>> b = EventMention("b", "A2", "b.txt", "meeting", ("BLR", "CHN"), place="Samarkand")
>>> c = EventMention("c", "A3", "c.txt", "visit", ("BLR", "CHN"), date=FuzzyDate("2023-03-01", "day"))
>>> [(e.date.value, e.sources) for e in merge_events([a, b, c])]
[('2022-09-15', ('a.txt', 'b.txt')), ('2023-03-01', ('c.txt',))]
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from entente.ingest.knowledge import load_knowledge
from entente.ingest.model import Event, EventMention, FuzzyDate, PartnershipClaim, stable_id

__all__ = [
    "SPAN_GAP",
    "WILD_DAY",
    "LinkedEvents",
    "PartyMerge",
    "Rank",
    "Sketch",
    "Span",
    "WildState",
    "anchor_rank",
    "anchored_events",
    "blocks",
    "combine",
    "date_span",
    "event_index",
    "event_key",
    "fill_from_events",
    "joined",
    "left_over",
    "link_events",
    "merge_events",
    "merge_party_sets",
    "outline",
    "party_events",
    "sketched",
    "undatable",
    "wild",
    "wild_choice",
    "wild_state",
]

_PRECISION = {"day": 3, "month": 2, "year": 1, None: 0}
_KIND_ORDER = ("summit", "visit", "talks", "call", "meeting")
# Reports of one state visit date it to any of its days (arrival, talks, signing), and a report a day
# late across time zones: dated reports of one party set this close are one visit.
_VISIT_DAYS = 3
# How directly a report dates a meeting: a date its text states, one worked out from "yesterday" or
# a dateline, its publication date.
_BASIS_RANK = {"text": 2, "published": 0}


def _day(value: str | None) -> dt.date | None:
    """The day ``value`` names, or None (a yearless ``--02-29`` given a year that has no 29 February).

    >>> _day("2023-02-29") is None, _day("2024-02-29")
    (True, datetime.date(2024, 2, 29))
    """
    if value and len(value) == 10 and not value.startswith("--"):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _compatible_dates(a: FuzzyDate, b: FuzzyDate) -> bool | None:
    """True or False when both dates are known; None when either is unknown.

    A date that is only the report's publication date stands for a day up to a few days before it.

    >>> _compatible_dates(FuzzyDate("2023-04-30", "day", "text"), FuzzyDate("2023-05-02", "day", "published"))
    True
    >>> _compatible_dates(FuzzyDate("2023-04-30", "day", "text"), FuzzyDate("2023-05-02", "day", "text"))
    True
    >>> _compatible_dates(FuzzyDate("2023-04-30", "day", "text"), FuzzyDate("2023-05-04", "day", "text"))
    False
    >>> _compatible_dates(FuzzyDate("--08-20", "day", "text"), FuzzyDate("2024-08-19", "day", "relative"))
    True
    >>> _compatible_dates(FuzzyDate("--03-12", "day", "text"), FuzzyDate("--03-13", "day", "text"))
    True
    >>> _compatible_dates(FuzzyDate("--12-31", "day", "text"), FuzzyDate("--01-01", "day", "text"))
    True
    >>> _compatible_dates(FuzzyDate("--03-12", "day", "text"), FuzzyDate("--03-20", "day", "text"))
    False
    """
    if not a.known or not b.known:
        return None
    if a.basis == "published" or b.basis == "published":
        da, db = _day(a.value), _day(b.value)
        if da and db:
            if a.basis == b.basis:
                return abs((da - db).days) <= 4
            published, other = (da, db) if a.basis == "published" else (db, da)
            return -1 <= (published - other).days <= 4
    av, bv = a.value or "", b.value or ""
    if not a.has_year or not b.has_year:
        if a.precision != "day" or b.precision != "day":
            return None
        if a.has_year or b.has_year:
            # "on 20 August" beside "2024-08-19": the same days of the year the dated one gives.
            year = (av if a.has_year else bv)[:4]
            da, db = _day(year + av[-6:]), _day(year + bv[-6:])
            if da and db:
                return abs((da - db).days) <= _VISIT_DAYS
        # Two yearless days ("--03-12", "--03-13"): as near as in any year, across New Year too.
        da, db = _day("2024" + av[-6:]), _day("2024" + bv[-6:])
        if da and db:
            gap = abs((da - db).days)
            return min(gap, 366 - gap) <= _VISIT_DAYS
        return av[-5:] == bv[-5:]
    da, db = _day(av), _day(bv)
    if da and db:
        return abs((da - db).days) <= _VISIT_DAYS
    shorter = min(av, bv, key=len)
    return av.startswith(shorter) and bv.startswith(shorter)


def _near_published(date: FuzzyDate, published: str | None) -> bool | None:
    day, pub = _day(date.value), _day(published)
    if day is None or pub is None:
        return None
    return -1 <= (pub - day).days <= 4


@functools.lru_cache(maxsize=4096)
def _offices(leader: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The state of ``leader`` and the first and last days of each office the shipped knowledge
    (``ingest/data/leaders.toml``) gives them, as ISO days (a year or month widened to all its
    days, an open end to the far future); no offices for a leader it does not know.

    >>> _offices("fumio-kishida")
    ('JPN', (('2021-10-04', '2024-10-01'), ('2012-12-26', '2017-08-03')))
    >>> _offices("someone-unknown")
    (None, ())
    """
    known = load_knowledge().leaders.get(leader)
    if known is None:
        return None, ()
    return known.state, tuple(
        (_widened(o.start or "0000", "-01-01"), _widened(o.end or "9999", "-12-31")) for o in known.offices
    )


def _widened(value: str, days: str) -> str:
    """An ISO year, month or day as a day: ``days`` fills what ``value`` lacks ("2019" -> "2019-12-31")."""
    return value + days[len(value) - 4 :]


def _successive(a: str, b: str) -> bool:
    """Whether leaders ``a`` and ``b`` are of one state and never held office at the same time
    (as far as the shipped knowledge tells): one followed the other, as Ishiba followed Kishida.
    Two who served together (a president and a prime minister, a king and his crown prince) are
    not, and neither is a leader the knowledge has no offices for.

    >>> _successive("fumio-kishida", "shigeru-ishiba"), _successive("shigeru-ishiba", "takeshi-iwaya")
    (True, False)
    """
    (state_a, spans_a), (state_b, spans_b) = _offices(a), _offices(b)
    if state_a is None or state_a != state_b or not spans_a or not spans_b:
        return False
    # A successor takes office the day the predecessor leaves: spans that only touch do not overlap.
    return not any(start_a < end_b and start_b < end_a for start_a, end_a in spans_a for start_b, end_b in spans_b)


def _same_leaders(a: EventMention, b: EventMention) -> bool | None:
    """True when the reports share a leader, False when both name two or more leaders and share
    none ("Hu Jintao and Nazarbayev in Astana" is not "Xi Jinping and Tokayev in Astana"), when
    each names two and they share one ("Ishiba and Marcos" is not "Kishida and Marcos"), or when
    they share one and the others include two successive holders of one state's offices
    (:func:`_successive`: "Ishiba, Iwaya and Marcos" is not "Kishida and Marcos" either); None
    otherwise: a report naming only the host and one naming only the guest may tell one meeting."""
    if not a.leaders or not b.leaders:
        return None
    shared = set(a.leaders) & set(b.leaders)
    if shared:
        if any(_successive(x, y) for x in set(a.leaders) - shared for y in set(b.leaders) - shared):
            return False  # "Ishiba, Iwaya and Marcos" is not "Kishida and Marcos", however many are named
        # "Ishiba and Marcos in Manila" is not "Kishida and Marcos in Manila": two leaders each,
        # one shared, the other side's leader changed.
        if len(set(a.leaders)) == 2 and len(set(b.leaders)) == 2 and len(shared) == 1:
            return False
        return True
    return False if len(a.leaders) > 1 and len(b.leaders) > 1 else None


def _courtesy_call(
    other: EventMention, mention: EventMention, dates: bool | None, places: bool | None, held: set[str]
) -> bool:
    """Whether the leaders of ``other`` and ``mention``, which share one, may still tell one visit.

    A guest who meets the host's other leaders on one visit (a courtesy call on the party
    leader, the king beside the crown prince) is one event: so two reports that share a leader
    are no disagreement when their dates and places agree ("To Lam receives the Thai prime
    minister" in Hanoi beside her talks with Pham Minh Chinh, the same day), nor when every leader
    ``mention`` names is already a leader of the event through its other reports (``held``). The
    same host with another guest, neither of which holds ("Ishiba and Marcos in Manila" beside
    "Kishida and Marcos"), stays a disagreement.
    """
    if not set(other.leaders) & set(mention.leaders):
        return False
    return bool(dates and places) or set(mention.leaders) <= held


def _same_window(a: EventMention, b: EventMention) -> bool | None:
    """For two undated reports: published within a few days of each other, or None if unknown."""
    da, db = _day(a.published), _day(b.published)
    if da is None or db is None:
        return None
    return abs((da - db).days) <= 4


def _verdicts(
    cluster: list[EventMention], mention: EventMention
) -> list[tuple[bool | None, bool | None, bool | None]] | None:
    """How ``mention`` compares with each report of ``cluster`` (dates, places, leaders: agree,
    disagree or unknown), or None when any disagreement keeps them apart."""
    verdicts: list[tuple[bool | None, bool | None, bool | None]] = []
    cluster_places = {m.place for m in cluster if m.place}
    cluster_leaders = {leader for m in cluster for leader in m.leaders}
    for other in cluster:
        if other.article == mention.article:
            return None  # an article's reports of one party set are already one event
        dates = _compatible_dates(other.date, mention.date)
        if dates is None and other.date.known and not mention.date.known:
            dates = _near_published(other.date, mention.published)
        if dates is None and mention.date.known and not other.date.known:
            dates = _near_published(mention.date, other.published)
        if dates is None and not other.date.known and not mention.date.known:
            dates = _same_window(other, mention)
        places = None
        if other.place and mention.place:
            places = other.place == mention.place
        leaders = _same_leaders(other, mention)
        if leaders is False and _courtesy_call(other, mention, dates, places, cluster_leaders):
            leaders = None
        if places is False and dates and leaders:
            places = None  # one visit, two of its cities ("talks in Tokyo", "a banquet in Fukuoka")
        if places is False and mention.place in cluster_places:
            places = None  # the event already spans both cities; the report names one of them
        if (other.kind == "call") != (mention.kind == "call"):
            return None  # a phone call and a meeting in person are two events
        if dates is False or places is False or leaders is False:
            return None
        verdicts.append((dates, places, leaders))
    return verdicts


def _same(cluster: list[EventMention], mention: EventMention) -> bool:
    """Whether ``mention`` reports the meeting of ``cluster``.

    Any disagreement (dates, places, leaders) keeps them apart, except a city the event already
    holds through another of its reports, or leaders of one visit's courtesy calls
    (:func:`_courtesy_call`). Otherwise an agreeing date or
    place joins them; with neither known, the leaders must agree and the publication dates must not
    be far apart.
    """
    verdicts = _verdicts(cluster, mention)
    if verdicts is None:
        return False
    return any(d or p for d, p, _ in verdicts) or any(same for _, _, same in verdicts)


def _best_date(mentions: list[EventMention]) -> FuzzyDate:
    """The merged event's date: the most precise, then the one a text states over one worked out
    from "yesterday" or a dateline, over a publication date; then the most reported.

    A day without a year ("on 26 January") takes the year of a dated report of the same event, so
    it can win over that report's own day ("yesterday", worked out to the 27th)."""
    dated = [m.date for m in mentions if m.date.known]
    if not dated:
        return FuzzyDate()
    years = sorted({(d.value or "")[:4] for d in dated if d.has_year})
    completed = []
    for d in dated:
        if not d.has_year and d.precision == "day" and len(years) == 1:
            d = FuzzyDate(years[0] + (d.value or "")[1:], "day", d.basis)
        completed.append(d)
    with_year = [d for d in completed if d.has_year] or completed
    top = max(_PRECISION[d.precision] for d in with_year)
    candidates = [d for d in with_year if _PRECISION[d.precision] == top]
    best_basis = max(_BASIS_RANK.get(d.basis or "", 1) for d in candidates)
    textual = [d for d in candidates if _BASIS_RANK.get(d.basis or "", 1) == best_basis]
    counts = Counter(d.value for d in textual)
    value = min(counts, key=lambda v: (-counts[v], v))
    return next(d for d in textual if d.value == value)


_WINDOW = {"day": 10, "month": 7, "year": 4}


def _windowed(mention: EventMention) -> str | None:
    """The precision by which ``mention`` can be placed among clusters by its date alone, or None."""
    date = mention.date
    if not date.has_year or date.precision not in _WINDOW or len(date.value or "") != _WINDOW[date.precision]:
        return None
    if date.precision == "day" and _day(date.value) is None:
        return None  # "2023-02-29": no such day
    return date.precision


class _DateIndex:
    """Which clusters a report could join, found by date instead of by trying every cluster.

    :func:`merge_events` takes reports by precision (day, then month, then year, then the rest),
    so when a report dated to the day arrives, every cluster holds only reports dated to the day,
    and :func:`_compatible_dates` rejects a cluster with any member more than four days away; a
    report dated to the month joins only clusters whose members all lie in that month, and one
    dated to the year only clusters within the year. The index returns every cluster with a member
    that near (a superset of those that fit, in the order they were made); :func:`_same` decides.
    Reports without such a date try every cluster, as before.
    """

    def __init__(self) -> None:
        self.by_prefix: dict[str, set[int]] = {}
        self.always: set[int] = set()  # clusters with a member the index cannot place

    def add(self, mention: EventMention, cluster: int) -> None:
        value = mention.date.value or ""
        if _windowed(mention) is None:
            self.always.add(cluster)
            return
        for size in (10, 7, 4):
            if len(value) >= size:
                self.by_prefix.setdefault(value[:size], set()).add(cluster)

    def candidates(self, mention: EventMention, count: int) -> list[int]:
        precision = _windowed(mention)
        if precision is None:
            return list(range(count))
        value = mention.date.value or ""
        if precision == "day":
            day = dt.date.fromisoformat(value)
            keys = [(day + dt.timedelta(days=offset)).isoformat() for offset in range(-4, 5)]
        else:
            keys = [value]
        return sorted(self.always.union(*(self.by_prefix.get(key, ()) for key in keys)))


def event_key(parties: Iterable[str], date: FuzzyDate, fallback: str) -> str:
    """Stable id of a merged event: its parties and date, or a member report when undated (an event
    on the day of an earlier one of its parties takes another, see :func:`party_events`)."""
    anchor = date.value if date.has_year else f"report:{fallback}"
    return stable_id("event", *sorted(parties), anchor)


def _agreement(cluster: list[EventMention], mention: EventMention) -> tuple[int, bool]:
    """How well ``mention`` agrees with ``cluster`` beyond fitting it: the leaders shared.

    The second value, once whether a report of ``cluster`` has ``mention``'s kind, is always
    False (kept so that stored states keep their shape): "talks", "visit", "meeting" and "summit"
    are each outlet's word for one meeting (Aliyev's 2024 Tashkent visit is "talks" in two
    reports and a "meeting" in a third, the word of their 2022 meeting), so the kind chose the
    wrong meeting more often than the right one (real/dev at 4fc9f9d: without it 6 wrong and 2
    missed pairs mended, 2 new wrong pairs). A call and a meeting in person still never merge (:func:`_verdicts`).
    """
    leaders = {leader for m in cluster for leader in m.leaders}
    return len(leaders & set(mention.leaders)), False


def _order(mention: EventMention) -> tuple[int, str, str, str]:
    """The order reports are merged in: dated and precise first, then by date, article and id."""
    date = mention.date
    return (-_PRECISION[date.precision] if date.has_year else 1, date.sort_key(), mention.article, mention.id)


def _wild_order(mention: EventMention) -> tuple[int, int, tuple[int, str, str, str]]:
    """The order wild reports are placed in (:func:`_placed`): as :func:`_order`, but a day
    without a year before no date at all. A report that names its day ("on 12 June", in Astana)
    starts its own event when no dated event falls on that day, and reports with no date then
    choose between that event and the dated ones; placed first, they could only join the dated
    ones (Yoon and Tokayev in Astana in June beside a foreign ministers' visit there in November)."""
    order = _order(mention)
    return order[0], 0 if mention.date.known else 1, order


def _merged(ordered: Iterable[EventMention]) -> list[list[EventMention]]:
    """Reports, in merging order, each joined to the first cluster that fits (the place it names
    breaking a tie between several), or starting a new one. Only reports with a span of days come
    here; a wild report goes where :func:`_placed` puts it."""
    clusters: list[list[EventMention]] = []
    near = _DateIndex()
    for mention in ordered:
        fits = [clusters[i] for i in near.candidates(mention, len(clusters)) if _same(clusters[i], mention)]
        if len(fits) > 1 and mention.place:
            fits = [c for c in fits if any(m.place == mention.place for m in c)] or fits
        if fits:
            fits[0].append(mention)
            near.add(mention, next(i for i, c in enumerate(clusters) if c is fits[0]))
        else:
            clusters.append([mention])
            near.add(mention, len(clusters) - 1)
    return clusters


def wild(mention: EventMention) -> bool:
    """Whether ``mention`` has no span of days (see :class:`Span`): a day without a year and no
    publication day, no date and no publication day, or a date that is no date."""
    return date_span(mention).kind == "wild"


def undatable(mention: EventMention) -> bool:
    """Whether ``mention`` has neither a year nor a publication day.

    Such a report fits every meeting of its parties it does not contradict, in any year. It joins
    the one that agrees with it best (the place first; then the most leaders shared, and the
    meeting more articles report, counted in bands that double: :func:`_agreeing`). When two
    are alike in all of that there is nothing to choose by, and the earliest would be a guess: it
    stands as an event of its own (:func:`wild_choice`, :func:`_placed`).
    """
    return not mention.date.has_year and not mention.published


#: Where an event of reports with spans stands among its party set's events (see :func:`anchor_rank`).
Rank = tuple[str, tuple[int, str, str, str]]
#: How well a wild report agrees with an event it fits: the event names its place; for a report
#: with neither a year nor a publication day, the leaders shared, a slot once the kind, now always
#: False (:func:`_agreement`), and how many articles report the event, to within a factor of two
#: (:func:`_articles_band`).
Agreement = tuple[bool, int, bool, int]
#: What a wild report knows of the events it fits: the best agreement, and the (at most two)
#: earliest ranks of the events that agree that well. None when it fits none.
WildState = tuple[Agreement, tuple[Rank, ...]] | None


def anchor_rank(cluster: Iterable[EventMention]) -> Rank:
    """Where an event of reports with spans stands among its party set's events: the earliest first
    day of its reports' spans, then the merging order of its first report. It depends on the
    event's own reports only, so events merged a date block at a time keep their ranks."""
    members = list(cluster)
    first = min((date_span(m).first or dt.date.max) for m in members)
    return first.isoformat(), min(_order(m) for m in members)


def _articles_band(cluster: list[EventMention]) -> int:
    """How many articles report ``cluster``, to within a factor of two (1; 2 or 3; 4 to 7; ...).

    A meeting twice as many outlets report is the likelier one for a report that could be either;
    three against two is no reason to choose (Modi and Wong in Singapore in 2024, three reports,
    beside their New Delhi meeting of 2025, two).

    >>> reports = lambda k: [EventMention(str(n), str(n), "", "meeting", ()) for n in range(k)]
    >>> [_articles_band(reports(k)) for k in (1, 2, 3, 4, 7, 8)]
    [1, 2, 2, 3, 3, 4]
    """
    return len({m.article for m in cluster}).bit_length()


def _agreeing(cluster: list[EventMention], mention: EventMention) -> Agreement:
    same_place = bool(mention.place) and any(m.place == mention.place for m in cluster)
    if undatable(mention):
        # then the meeting more articles report (see :func:`undatable`)
        return (same_place, *_agreement(cluster, mention), _articles_band(cluster))
    return same_place, 0, False, 0


def combine(a: WildState, b: WildState) -> WildState:
    """What a wild report knows of the events of ``a`` and of ``b`` together (other events)."""
    if a is None or b is None:
        return a if b is None else b
    if a[0] != b[0]:
        return a if a[0] > b[0] else b
    return a[0], tuple(sorted({*a[1], *b[1]}))[:2]


def wild_state(anchored: Iterable[tuple[Rank, list[EventMention]]], mention: EventMention) -> WildState:
    """What the wild report ``mention`` knows of ``anchored`` (events of reports with spans:
    rank, reports): the best agreement of those it fits (:func:`_same`, judged by those reports
    only) and the earliest ranks that agree that well."""
    state: WildState = None
    for rank, members in anchored:
        places = {m.place for m in members if m.place}
        if mention.place and places and mention.place not in places:
            continue  # a wild report's date is too weak to make two cities one visit
        if _same(members, mention):
            state = combine(state, (_agreeing(members, mention), (rank,)))
    return state


def wild_choice(state: WildState, mention: EventMention) -> Rank | None:
    """The rank of the event the wild report ``mention`` joins, knowing ``state`` of all its
    party set's events: the one that agrees best (its place; for a report with neither a year nor
    a publication day also the leaders shared and the articles), the earliest of those that agree
    equally; but a report with neither a year nor a publication day joins none when two agree
    equally (:func:`undatable`)."""
    if state is None or (undatable(mention) and len(state[1]) > 1):
        return None
    return state[1][0]


#: What a report with neither a date nor a publication day can tell of an event's report: its
#: place, leaders and kind (see :func:`outline`).
Sketch = tuple[str | None, tuple[str, ...], str]


def outline(members: Iterable[EventMention]) -> list[Sketch]:
    """An event's reports as far as a wild report with no date at all can tell them apart: each
    one's place, leaders and kind (:func:`_same` and :func:`_agreeing` of such a report against
    :func:`sketched` reports give what they give against the reports themselves)."""
    return sorted(((m.place, tuple(sorted(m.leaders)), m.kind) for m in members), key=repr)


def sketched(sketches: Iterable[Sketch]) -> list[EventMention]:
    """Reports standing for an :func:`outline` (no date, no publication day, an article each)."""
    return [
        EventMention(f"sketch-{n}", f"sketch-{n}", "", kind, (), leaders, FuzzyDate(), place)
        for n, (place, leaders, kind) in enumerate(sketches)
    ]


def merge_events(mentions: Iterable[EventMention]) -> list[Event]:
    """Merge event reports of many articles into events, deterministically (input order is irrelevant).

    Within a party set:

    1. The reports with a span of days (:func:`date_span`: dated, or known by their publication
       day) are merged in one order, the most precise dates first: each joins the first event
       that fits it (:func:`_same`; the place it names breaks a tie), or starts one.
    2. Each *wild* report (:func:`wild`: a day without a year and no publication day, no date and
       no publication day, or a date that is no date) learns what it can of those events, judged
       by their reports only (:func:`wild_state`): how well the best that fit it agree with it,
       and which they are.
    3. The wild reports then go in merging order, a day without a year before no date at all
       (:func:`_wild_order`), each to the best of the event its state names and the events of
       wild reports made so far; or start one (:func:`_placed`).

    So events of reports with spans never depend on wild reports, and step 3 needs only the wild
    reports and their states: a batch of new reports changes a stored wild report's state only
    through an event it fits (what lets :mod:`entente.graph.store` keep it, :func:`combine`).
    """
    return merge_party_sets(mentions).events


@dataclass(frozen=True)
class PartyMerge:
    """Merged events of reports (:func:`merge_party_sets`), and what each wild report knows of
    the events of reports with spans (:func:`wild_state`), by report id."""

    events: list[Event]
    states: dict[str, WildState]


def merge_party_sets(mentions: Iterable[EventMention]) -> PartyMerge:
    """:func:`merge_events`, with what each wild report knows of the events it fits."""
    groups: dict[tuple[str, ...], list[EventMention]] = {}
    for mention in mentions:
        groups.setdefault(tuple(sorted(mention.parties)), []).append(mention)
    events: list[Event] = []
    states: dict[str, WildState] = {}
    for parties, group in sorted(groups.items()):
        ranked = anchored_events(m for m in group if not wild(m))
        wilds = [m for m in group if wild(m)]
        states.update((m.id, wild_state(ranked, m)) for m in wilds)
        events.extend(party_events(parties, ranked, wilds, states))
    events.sort(key=lambda e: (e.date.sort_key(), e.parties, e.id))
    return PartyMerge(events, states)


def anchored_events(mentions: Iterable[EventMention]) -> list[tuple[Rank, list[EventMention]]]:
    """Step 1 of :func:`merge_events` for one party set's reports with spans (all, or whole date
    blocks of them): the events, each with its rank."""
    return [(anchor_rank(c), c) for c in _merged(sorted(mentions, key=_order))]


def party_events(
    parties: tuple[str, ...],
    ranked: list[tuple[Rank, list[EventMention]]],
    wilds: Iterable[EventMention],
    states: Mapping[str, WildState],
) -> list[Event]:
    """Step 3 of :func:`merge_events`: the events of ``ranked`` with the wild reports that join
    them, and the events of wild reports only. ``wilds`` are all the party set's wild reports and
    ``states`` theirs; ``ranked`` may be some of its events only (the wild reports that join
    others are then left out), since where wild reports go depends only on them and their states."""
    joiners, kept, alone = _placed(wilds, states)
    clusters = [c + joiners.get(rank, []) for rank, c in ranked] + kept + [[m] for m in alone]
    events = [_event(parties, cluster) for cluster in clusters]
    order: list[tuple[int, Rank | None, str]] = [(0, rank, "") for rank, _ in ranked]
    order += [(1, None, min(e.mentions)) for e in events[len(ranked) :]]
    return _apart(parties, events, order)


def _apart(parties: tuple[str, ...], events: list[Event], order: list[tuple[int, Rank | None, str]]) -> list[Event]:
    """``events`` (of one party set) each with an id of its own: two events on one day (a phone
    call and talks in person, or meetings in two cities) would share the id of their parties and
    date (:func:`event_key`); the first by ``order`` (its rank) keeps it, the others add the
    least id of their reports. Events that share a date share a date block, so a partial derivation that
    derives a block's events together names them as a derivation from scratch does."""
    first: dict[str, tuple[int, Rank | None, str]] = {}
    for event, key in zip(events, order, strict=True):
        first[event.id] = min(first.get(event.id, key), key)
    return [
        event
        if first[event.id] == key
        else replace(
            event, id=stable_id("event", *sorted(parties), event.date.value or "", f"report:{min(event.mentions)}")
        )
        for event, key in zip(events, order, strict=True)
    ]


def _placed(
    wilds: Iterable[EventMention], states: Mapping[str, WildState]
) -> tuple[dict[Rank, list[EventMention]], list[list[EventMention]], list[EventMention]]:
    """Where the wild reports go (steps 2 and 3 of :func:`merge_events`), from the reports and
    what each knows of the events of reports with spans (``states``), nothing else: those events'
    new members by rank, and the events of wild reports only. In merging order, a day without a
    year first (:func:`_wild_order`), each wild report joins the best of the event its state
    names and the events of wild reports made so far (its place, then for a report with neither a
    year nor a publication day the leaders and how many articles report the event);
    it starts an event of its own when none fits, when two agree equally well and it has neither
    a year nor a publication day, or when it disagrees with a wild report that joined before it."""
    joiners: dict[Rank, list[EventMention]] = {}
    kept: list[list[EventMention]] = []
    for mention in sorted(wilds, key=_wild_order):
        state = states.get(mention.id)
        near = [(_agreeing(c, mention), i) for i, c in enumerate(kept) if _same(c, mention)]
        values = [value for value, _ in near] + ([state[0]] if state is not None else [])
        if not values:
            kept.append([mention])
            continue
        best = max(values)
        count = sum(value == best for value, _ in near)
        if state is not None and state[0] == best:
            count += len(state[1])
        if count > 1 and undatable(mention):
            kept.append([mention])  # two agree equally well (see :func:`undatable`)
        elif state is not None and state[0] == best:
            rank = state[1][0]
            if _verdicts(joiners.get(rank, []), mention) is None:
                kept.append([mention])
            else:
                joiners.setdefault(rank, []).append(mention)
        else:
            kept[next(i for value, i in near if value == best)].append(mention)
    return joiners, kept, []


def joined(wilds: Iterable[EventMention], states: Mapping[str, WildState]) -> dict[Rank, list[str]]:
    """The ids of the wild reports each event of reports with spans takes in (step 2 of :func:`merge_events`)."""
    return {rank: [m.id for m in members] for rank, members in _placed(wilds, states)[0].items()}


def left_over(wilds: Iterable[EventMention], states: Mapping[str, WildState]) -> list[EventMention]:
    """The wild reports that join no event of reports with spans (step 3 of :func:`merge_events`)."""
    _, kept, alone = _placed(wilds, states)
    return [m for cluster in kept for m in cluster] + alone


def _event(parties: tuple[str, ...], cluster: list[EventMention]) -> Event:
    """The event of ``cluster``'s reports: its best date, the place most give, every leader and source."""
    date = _best_date(cluster)
    places = Counter(m.place for m in cluster if m.place)
    place = min(places, key=lambda p: (-places[p], p)) if places else None
    place_state = next((m.place_state for m in cluster if m.place == place), None)
    kinds = Counter(m.kind for m in cluster)
    kind = min(kinds, key=lambda k: (-kinds[k], _KIND_ORDER.index(k) if k in _KIND_ORDER else 9))
    articles = tuple(sorted({m.article for m in cluster}))
    reason = (
        f"merged {len(cluster)} reports: same parties, "
        + ("compatible dates" if sum(m.date.known for m in cluster) > 1 else "dates from one report")
        + (", same place" if len(places) == 1 and sum(places.values()) > 1 else "")
        if len(cluster) > 1
        else "single report"
    )
    return Event(
        id=event_key(parties, date, min(m.id for m in cluster)),
        kind=kind,
        parties=parties,
        leaders=tuple(sorted({leader for m in cluster for leader in m.leaders})),
        date=date,
        place=place,
        place_state=place_state,
        sources=tuple(sorted({m.source for m in cluster})),
        articles=articles,
        mentions=tuple(sorted(m.id for m in cluster)),
        reason=reason,
    )


def event_index(events: Iterable[Event]) -> dict[str, Event]:
    """Each mention id to the merged event it is part of."""
    return {m: e for e in events for m in e.mentions}


def fill_from_events(claims: Iterable[PartnershipClaim], by_mention: Mapping[str, Event]) -> list[PartnershipClaim]:
    """Claims linked to their merged events (``by_mention`` from :func:`event_index`), with a missing
    or unplaced date filled from the event."""
    filled = []
    for claim in claims:
        event = by_mention.get(claim.event) if claim.event else None
        if event is None:
            filled.append(claim)
            continue
        date = claim.date
        if event.date.known and (
            not date.known or date.basis == "published" or (not date.has_year and event.date.has_year)
        ):
            date = replace(event.date, basis="event")
        # The place stays what this article says: a claim's place is evidence of this report.
        filled.append(replace(claim, event=event.id, date=date))
    return filled


@dataclass(frozen=True)
class LinkedEvents:
    """Merged events and the index from each report to its event: what partnership claims are filled from."""

    events: list[Event]
    by_mention: dict[str, Event]

    def fill(self, claims: Iterable[PartnershipClaim]) -> list[PartnershipClaim]:
        """``claims`` linked to their merged events (see :func:`fill_from_events`)."""
        return fill_from_events(claims, self.by_mention)


def link_events(mentions: Iterable[EventMention]) -> LinkedEvents:
    """Merge event reports, and index each report to its event: the one sequence every reader of facts runs."""
    events = merge_events(mentions)
    return LinkedEvents(events, event_index(events))


# -- where a report can merge: spans of days, and blocks of reports merged independently ------

#: The day a wild report (no span) is stored at, as ISO text before every real day: not a day.
WILD_DAY = "0000-01-01"

#: Two reports whose spans lie more than this many days apart can never be one event (dated days
#: merge within 4, a publication date stands for the day up to 4 days before it or the day after).
SPAN_GAP = 5


@dataclass(frozen=True)
class Span:
    """The days a report's event can lie on, as far as merging can tell.

    ``kind`` is ``day``, ``month`` or ``year`` (a dated report: its day, month or year),
    ``published`` (no date, but published on a day: from 4 days before it to the day after), or
    ``wild`` (a day without a year, no date and no publication day, or a date that is no date):
    a wild report may join an event on any day, so it has no span.
    """

    kind: str
    first: dt.date | None = None
    last: dt.date | None = None


def date_span(mention: EventMention) -> Span:
    """Where ``mention`` can merge (see :class:`Span`).

    >>> date_span(EventMention("m", "a", "a.txt", "meeting", ("CHN", "USA"), date=FuzzyDate("2024-02", "month")))
    Span(kind='month', first=datetime.date(2024, 2, 1), last=datetime.date(2024, 2, 29))
    >>> date_span(EventMention("m", "a", "a.txt", "meeting", ("CHN", "USA"), published="2024-03-01")).kind
    'published'
    >>> date_span(EventMention("m", "a", "a.txt", "meeting", ("CHN", "USA"), date=FuzzyDate("--03-01", "day"))).kind
    'wild'
    """
    date = mention.date
    precision = _windowed(mention)
    value = date.value or ""
    if precision == "day":
        day = _day(value)
        return Span("day", day, day)
    if precision == "month" and value[5:].isdigit() and 1 <= int(value[5:]) <= 12 and value[:4].isdigit():
        first = dt.date(int(value[:4]), int(value[5:]), 1)
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return Span("month", first, following - dt.timedelta(days=1))
    if precision == "year" and value.isdigit() and int(value) >= 1:
        return Span("year", dt.date(int(value), 1, 1), dt.date(int(value), 12, 31))
    published = _day(mention.published)
    if not date.known and published is not None:
        return Span("published", published - dt.timedelta(days=4), published + dt.timedelta(days=1))
    return Span("wild")


def blocks(spans: Mapping[str, Span]) -> list[set[str]]:
    """Reports (ids to spans, none of them wild) in blocks that merge independently, in date order.

    Two reports whose spans are more than :data:`SPAN_GAP` days apart have dates that
    :func:`_compatible_dates` rejects (or a publication date :func:`_near_published` rejects), so
    no event ever holds both; a block is a chain of reports each within the gap of the one before.
    :func:`merge_events` takes reports in one order and each joins the first event that fits,
    and an event of another block never fits, so merging each block alone gives the same events.
    That holds for reports published on a day (no date of their own) only beside reports dated to
    the day: against a month or a year such a report's date is not compared at all, so a pair
    with both is merged whole (see :meth:`~entente.graph.derive.EventTally.windowed`).

    >>> day = lambda d: Span("day", dt.date(2024, 1, d), dt.date(2024, 1, d))
    >>> [sorted(block) for block in blocks({"a": day(1), "b": day(5), "c": day(12), "d": day(20)})]
    [['a', 'b'], ['c'], ['d']]
    """
    found: list[set[str]] = []
    end: dt.date | None = None
    for ident, span in sorted(spans.items(), key=lambda item: (item[1].first or dt.date.min, item[0])):
        if span.first is None or span.last is None:
            raise ValueError(f"report {ident} has no span")
        if end is None or (span.first - end).days > SPAN_GAP:
            found.append(set())
            end = span.last
        found[-1].add(ident)
        end = max(end, span.last)
    return found
