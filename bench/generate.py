"""Synthetic diplomatic news at any scale, with its own ground truth.

A seeded world is drawn from the shipped knowledge (states, their heads of state or government
on each day, cities and venues, the partnership ladder, qualifiers, China's initiatives): many
pairs of states meet over the years, and each pair's partnership is established, upgraded,
reaffirmed or left alone at those meetings. Each meeting is then reported by one to three
outlets in different forms (wire copy, state media, machine translation with noise, saved web
pages with navigation and related links, JSON-lines feeds), and analysis pieces mention
partnerships in passing. The truth is written as ``gold.jsonl`` at the root of the output folder,
in the format of ``tests/data/articles/README.md``.

The wording is this module's own and deliberately varied; it does not follow the extractor's
rules. The same seed and size give the same bytes.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     summary = generate(tmp, 20, seed=1)
...     (summary.articles, sum(1 for _ in open(f"{tmp}/gold.jsonl")))
(20, 20)

Command line: ``python bench/generate.py OUT --articles 10000 --seed 7``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from entente.ingest.knowledge import Knowledge, Leader, load_knowledge

__all__ = ["GenerateSummary", "World", "build_world", "generate"]

HEAD_TITLES = ("President", "Prime Minister", "Premier", "Chancellor", "King", "Emir", "Sultan")
FIRST_DAY = dt.date(2013, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)
#: Weight of a state when pairs are drawn: a few states meet far more often than the rest.
HUB_WEIGHTS = {
    "CHN": 14,
    "USA": 5,
    "RUS": 5,
    "IND": 4,
    "JPN": 3,
    "FRA": 3,
    "DEU": 2,
    "GBR": 2,
    "VNM": 3,
    "IDN": 2,
    "BRA": 2,
    "TUR": 2,
    "KAZ": 2,
    "AUS": 2,
    "KOR": 2,
    "SAU": 2,
    "EGY": 2,
}
INITIATIVES = ("BRI", "GDI", "GSI", "GCI")
KINDS = ("talks", "talks", "talks", "meeting", "meeting", "summit", "call")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
#: State names that take "the" in running text.
ARTICLE_NAMES = (
    "United ",
    "Czech Republic",
    "Dominican Republic",
    "Central African Republic",
    "Islands",
    "Philippines",
    "Netherlands",
    "Bahamas",
    "Gambia",
    "Maldives",
    "Holy See",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = {
    "wire": ("Meridian Wire", "Continental Press", "Global Dispatch", "Atlas News Agency"),
    "state": ("National News Agency", "People's Herald", "State Information Service", "Government Gazette Online"),
    "mt": ("Steppe Daily", "Horizon Agency", "Danube Courier"),
    "page": ("The World Desk", "Asia Ledger", "Foreign Affairs Today", "Capital Times Online"),
    "feed": ("Newsfeed Aggregator",),
}
FIRST_NAMES = (
    "Anna",
    "Ben",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lina",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sami",
    "Tanvir",
    "Ulla",
    "Vera",
)
LAST_NAMES = (
    "Abbott",
    "Bauer",
    "Costa",
    "Dinh",
    "Ekwueme",
    "Fischer",
    "Gupta",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kaur",
    "Lopez",
    "Mensah",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Silva",
    "Tan",
)
SECTORS = (
    "trade",
    "energy",
    "agriculture",
    "digital economy",
    "infrastructure",
    "education",
    "tourism",
    "green development",
    "health",
    "finance",
    "mining",
    "aviation",
    "culture",
    "science",
)


@dataclass(frozen=True)
class Head:
    leader: Leader
    title: str
    start: str
    end: str


@dataclass
class World:
    """What the generator draws from: states with heads on each day, places, levels, initiatives."""

    kb: Knowledge
    heads: dict[str, list[Head]]
    cities: dict[str, list[str]]
    venues: dict[str, list[tuple[str, str]]]
    levels: list[tuple[int, str]]  # (rank, label), weakest first


@dataclass
class Meeting:
    key: str
    pair: tuple[str, str]
    host: str
    day: dt.date
    kind: str
    place: str | None  # gold city, None for calls
    venue: str | None
    leaders: dict[str, tuple[Leader, str]]  # state -> (leader, title on the day)
    change: str | None = None
    level: str | None = None
    previous: str | None = None
    qualifiers: tuple[str, ...] = ()
    mentions: list[tuple[tuple[str, str], str, int]] = field(default_factory=list)  # (pair, level, since year)


@dataclass
class GenerateSummary:
    """What :func:`generate` wrote."""

    articles: int = 0
    meetings: int = 0
    pairs: int = 0
    files: int = 0
    by_form: dict[str, int] = field(default_factory=dict)


def _bound(value: str, *, start: bool) -> str:
    # A year-only bound is read conservatively: the office surely held from the end of its first
    # year to the start of its last.
    if not value:
        return "0000-00-00" if start else "9999-99-99"
    if len(value) == 10:
        return value
    return value[:4] + ("-12-31" if start else "-01-01")


def build_world(kb: Knowledge | None = None) -> World:
    """Heads of state or government, cities and venues per state, and the ladder, from knowledge."""
    kb = kb or load_knowledge()
    heads: dict[str, list[Head]] = {}
    for leader in sorted(kb.leaders.values(), key=lambda item: item.id):
        if leader.state not in kb.states:
            continue
        for office in leader.offices:
            if office.title in HEAD_TITLES and office.start:
                heads.setdefault(leader.state, []).append(
                    Head(leader, office.title, _bound(office.start, start=True), _bound(office.end, start=False))
                )
    cities: dict[str, list[str]] = {}
    venues: dict[str, list[tuple[str, str]]] = {}
    for place in sorted(kb.places.values(), key=lambda item: item.name):
        if not place.state or place.ambiguous:
            continue
        if place.kind == "city":
            cities.setdefault(place.state, []).append(place.name)
        elif place.city:
            venues.setdefault(place.state, []).append((place.name, place.city))
    for state, entry in kb.states.items():
        if entry.capital and entry.capital not in cities.get(state, []):
            cities.setdefault(state, []).insert(0, entry.capital)
    heads = {state: found for state, found in heads.items() if state in cities}
    levels = sorted((level.rank, label) for label, level in kb.levels.items())
    return World(kb, heads, cities, venues, levels)


def _heads_on(world: World, state: str, day: dt.date) -> list[Head]:
    iso = day.isoformat()
    return [head for head in world.heads.get(state, []) if head.start <= iso <= head.end]


def _capital(world: World, state: str) -> str:
    return world.kb.states[state].capital or world.cities[state][0]


def _meetings(world: World, rng: random.Random, count: int) -> list[Meeting]:
    """``count`` meetings in date order, with each pair's partnership history applied."""
    states = sorted(world.heads)
    weights = [HUB_WEIGHTS.get(s, 1) for s in states]
    n_pairs = max(12, min(6000, count // 12))
    pairs: list[tuple[str, str]] = []
    seen_pairs: set[tuple[str, str]] = set()
    while len(pairs) < n_pairs:
        a, b = rng.choices(states, weights, k=2)
        pair = (a, b) if a <= b else (b, a)
        if a != b and pair not in seen_pairs:
            seen_pairs.add(pair)
            pairs.append(pair)
    pair_weights = [HUB_WEIGHTS.get(a, 1) * HUB_WEIGHTS.get(b, 1) for a, b in pairs]
    span = (LAST_DAY - FIRST_DAY).days
    meetings: list[Meeting] = []
    keys: set[str] = set()
    while len(meetings) < count:
        pair = rng.choices(pairs, pair_weights)[0]
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        key = f"{pair[0].lower()}-{pair[1].lower()}-{day.isoformat()}"
        on_day = {state: _heads_on(world, state, day) for state in pair}
        if key in keys or not all(on_day.values()):
            continue
        keys.add(key)
        host = rng.choice(pair)
        kind = rng.choice(KINDS)
        venue = place = None
        if kind != "call" and rng.random() > 0.04:  # a few summits and meetings are virtual
            if world.venues.get(host) and rng.random() < 0.15:
                venue, place = rng.choice(world.venues[host])
            else:
                place = _capital(world, host) if rng.random() < 0.7 else rng.choice(world.cities[host])
        leaders = {}
        for state in pair:
            head = rng.choice(on_day[state])
            leaders[state] = (head.leader, head.title)
        meetings.append(Meeting(key, pair, host, day, kind, place, venue, leaders))
    meetings.sort(key=lambda m: (m.day, m.key))
    _apply_history(world, rng, meetings)
    return meetings


def _apply_history(world: World, rng: random.Random, meetings: list[Meeting]) -> None:
    """Decide what each meeting did to its pair's partnership, and which partnerships it recalls."""
    current: dict[tuple[str, str], tuple[str, int]] = {}  # pair -> (level, since year)
    partners: dict[str, list[tuple[str, str]]] = {}
    ranks = {label: rank for rank, label in world.levels}
    qualifiers = sorted(world.kb.qualifiers)
    for meeting in meetings:
        held = current.get(meeting.pair)
        roll = rng.random()
        if held is None and roll < 0.45:
            meeting.change = "establish"
            meeting.level = rng.choice([label for rank, label in world.levels if rank <= 33])
        elif held is not None and roll < 0.3:
            higher = [label for rank, label in world.levels if rank > ranks[held[0]]]
            if higher:
                meeting.change, meeting.level = "upgrade", rng.choice(higher[:4])
                meeting.previous = held[0] if rng.random() < 0.6 else None
            else:
                meeting.change, meeting.level = "reaffirm", held[0]
        elif held is not None and roll < 0.5:
            meeting.change, meeting.level = "reaffirm", held[0]
        if meeting.change in ("establish", "upgrade") and rng.random() < 0.2:
            meeting.qualifiers = (rng.choice(qualifiers),)
        # passing mentions: partnerships either party already has with a third state
        others = [p for state in meeting.pair for p in partners.get(state, []) if p != meeting.pair]
        for pair in sorted(set(rng.sample(others, min(len(others), rng.choice((0, 0, 1, 2)))))):
            meeting.mentions.append((pair, *current[pair]))
        if meeting.change in ("establish", "upgrade"):
            assert meeting.level is not None
            if meeting.pair not in current:
                for state in meeting.pair:
                    partners.setdefault(state, []).append(meeting.pair)
            current[meeting.pair] = (meeting.level, meeting.day.year)


# -- wording ------------------------------------------------------------------------------------


def _a(phrase: str) -> str:
    return ("an " if phrase[0].lower() in "aeiou" else "a ") + phrase


def _foreign_names() -> frozenset[str]:
    """Every name the shipped ``languages.toml`` adds (levels, leaders, states ... in Spanish,
    Russian ...): English news is written with the English names only."""
    data = tomllib.loads((resources.files("entente.ingest") / "data" / "languages.toml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for table in data.values():
        for kind in ("levels", "leaders", "states", "organizations", "places"):
            for values in table.get(kind, {}).values() if isinstance(table, dict) else ():
                names.update(values if isinstance(values, list) else [values])
    return frozenset(names)


_FOREIGN = _foreign_names()


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Writer:
    """One article's wording: names, dates and places as its outlet writes them."""

    def __init__(self, world: World, rng: random.Random, meeting: Meeting | None, form: str, published: dt.date | None):
        self.world, self.rng, self.meeting, self.form, self.published = world, rng, meeting, form, published

    @property
    def reported(self) -> Meeting:
        """The meeting the article reports (only articles that report one ask)."""
        assert self.meeting is not None
        return self.meeting

    def state(self, state: str) -> str:
        name = self.world.kb.states[state].name
        return f"the {name}" if name.startswith(ARTICLE_NAMES) or name.endswith(ARTICLE_NAMES) else name

    def demonym(self, state: str) -> str | None:
        entry = self.world.kb.states[state]
        return entry.demonyms[0] if entry.demonyms else None

    def leader(self, state: str, full: bool = True) -> str:
        leader, title = self.reported.leaders[state]
        name = leader.name
        if self.form == "mt":
            # transliterations from the knowledge file, or the name without diacritics
            # (English ones: the knowledge files also name leaders in other languages' texts)
            variants = [a for a in leader.aliases if " " in a and a != name and a not in _FOREIGN]
            name = self.rng.choice(variants) if variants and self.rng.random() < 0.6 else _ascii(name)
        if not full:
            return name
        demonym = self.demonym(state)
        style = self.rng.random()
        if demonym and style < 0.5:
            return f"{demonym} {title} {name}"
        if style < 0.8:
            return f"{title} {name} of {self.state(state)}"
        return f"{self.state(state)}'s {title} {name}"

    def when(self, day: dt.date) -> str:
        pub = self.published
        if pub is not None and 0 <= (pub - day).days <= 1 and self.rng.random() < 0.55:
            return "today" if pub == day and self.rng.random() < 0.2 else f"on {WEEKDAYS[day.weekday()]}"
        style = self.rng.random()
        if pub is not None and pub.year == day.year and style < 0.5:
            return (
                f"on {SHORT_MONTHS[day.month - 1]} {day.day}"
                if style < 0.25
                else f"on {MONTHS[day.month - 1]} {day.day}"
            )
        return (
            f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
            if style < 0.75
            else f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
        )

    def where(self) -> str:
        meeting = self.reported
        if meeting.venue:
            return (
                f"at the {meeting.venue}" if self.rng.random() < 0.5 else f"at the {meeting.venue} in {meeting.place}"
            )
        if meeting.place is None:
            return "via video link" if meeting.kind != "call" else ""
        return f"in {meeting.place}"

    def level(self, label: str) -> str:
        aliases = [
            a for a in self.world.kb.levels[label].aliases if (a.islower() or a[0].isupper()) and a not in _FOREIGN
        ]
        wording = self.rng.choice(aliases) if aliases and self.rng.random() < 0.2 else label
        return wording.title() if self.rng.random() < 0.25 else wording


def _meeting_sentence(w: Writer) -> str:
    m, rng = w.reported, w.rng
    a, b = m.pair if rng.random() < 0.5 else m.pair[::-1]
    when, where = w.when(m.day), w.where()
    tail = (
        " ".join(part for part in (where, when) if part)
        if rng.random() < 0.5
        else " ".join(part for part in (when, where) if part)
    )
    if m.kind == "call":
        return rng.choice(
            (
                f"{w.leader(a)} held a phone call with {w.leader(b)} {when}.",
                f"{w.leader(a)} and {w.leader(b)} spoke by telephone {when}.",
                f"In a telephone conversation {when}, {w.leader(a)} told {w.leader(b)} that the two sides should keep "
                "in close contact.",
            )
        )
    if m.kind == "summit":
        return rng.choice(
            (
                f"{w.leader(a)} and {w.leader(b)} held a bilateral summit {tail}.",
                f"At their summit {tail}, {w.leader(a)} and {w.leader(b)} reviewed the state of relations.",
            )
        )
    if m.kind == "meeting":
        return rng.choice(
            (
                f"{w.leader(a)} met {w.leader(b)} {tail}.",
                f"{w.leader(a)} met with visiting {w.leader(b)} {tail}.",
                f"{w.leader(b)} was received by {w.leader(a)} {tail}, and the two leaders met for more than an hour.",
            )
        )
    return rng.choice(
        (
            f"{w.leader(a)} held talks with {w.leader(b)} {tail}.",
            f"{w.leader(a)} and {w.leader(b)} held talks {tail}.",
            f"{tail[0].upper() + tail[1:]}, {w.leader(a)} held official talks with {w.leader(b)}.",
        )
    )


def _partnership_sentence(w: Writer) -> str | None:
    m, rng = w.reported, w.rng
    if m.change is None:
        return None
    assert m.level is not None  # a meeting that changes the partnership names its level
    a, b = (w.state(s) for s in m.pair)
    level = w.level(m.level)
    qual = f" {m.qualifiers[0]}" if m.qualifiers else ""
    if m.change == "establish":
        return rng.choice(
            (
                f"The two sides agreed to establish {_a(level)}{qual} between {a} and {b}.",
                f"{a} and {b} announced the establishment of {_a(level)}{qual}.",
                f"The leaders decided to set up {_a(level)}{qual}, a first for relations between the two countries.",
            )
        )
    if m.change == "upgrade":
        previous = f" from {_a(w.level(m.previous))}" if m.previous else ""
        if w.form == "mt":
            return f"Relations between {a} and {b} was raised{previous} into {level}{qual}."
        return rng.choice(
            (
                f"The two leaders agreed to upgrade bilateral ties{previous} to {_a(level)}{qual}.",
                f"{a} and {b} elevated their relationship{previous} to {_a(level)}{qual}.",
                f"They announced that relations would be lifted{previous} to {_a(level)}{qual}.",
            )
        )
    return rng.choice(
        (
            f"The two sides reaffirmed their commitment to the {level} between {a} and {b}.",
            f"Both leaders pledged to deepen the {level} that links the two countries.",
        )
    )


def _mention_sentences(w: Writer, mentions) -> list[str]:
    sentences = []
    for (x, y), level, since in mentions:
        sx, sy = (w.state(x), w.state(y)) if w.rng.random() < 0.5 else (w.state(y), w.state(x))
        sentences.append(
            w.rng.choice(
                (
                    f"{sx} has maintained {_a(w.level(level))} with {sy} since {since}.",
                    f"{sx} already has {_a(w.level(level))} with {sy}.",
                    f"Analysts compared the visit with {sx}'s {w.level(level)} with {sy}.",
                )
            )
        )
    return sentences


def _support_sentences(w: Writer) -> tuple[list[str], list[dict[str, str]]]:
    m, rng, kb = w.reported, w.rng, w.world.kb
    if "CHN" not in m.pair or rng.random() > 0.35:
        return [], []
    partner = m.pair[0] if m.pair[1] == "CHN" else m.pair[1]
    name = w.state(partner)
    sentences, supports = [], []
    for ident in sorted(rng.sample(INITIATIVES, rng.randint(1, 2))):
        initiative = kb.initiatives[ident].name
        if rng.random() < 0.75:
            sentences.append(
                rng.choice(
                    (
                        f"{name} supports the {initiative} proposed by China.",
                        f"{name} speaks highly of the {initiative}, {w.leader(partner, full=False)} said.",
                        f"{w.leader(partner, full=False)} said {name} firmly supports the {initiative}.",
                    )
                )
            )
            supports.append({"state": partner, "initiative": initiative})
        else:
            sentences.append(
                rng.choice(
                    (
                        f"{name} is willing to study the {initiative}, officials said.",
                        f"{name} will actively consider the {initiative}.",
                        f"{name} appreciated the briefing on the {initiative}.",
                    )
                )
            )
    return sentences, supports


def _filler(w: Writer, pair: tuple[str, str], serial: int) -> list[str]:
    """Background paragraphs: figures, quotes and agenda items that carry no fact of interest."""
    rng = w.rng
    a, b = (w.state(s) for s in pair)

    def sector() -> str:
        return rng.choice(SECTORS)

    pool = [
        f"Bilateral {sector()} cooperation was high on the agenda; officials put the value of existing projects at "
        f"{rng.randint(2, 900)}.{rng.randint(0, 9)} billion dollars.",
        f"The two sides signed {rng.randint(2, 30)} documents covering {sector()}, {sector()} and {sector()}.",
        f"{a} is expected to send a delegation to {b} later this year to prepare a further round of consultations.",
        f"Trade between the two countries grew by {rng.randint(1, 40)} percent last year, according to customs figures "
        f"released in {rng.choice(MONTHS)}.",
        f'"We are ready to work with our friends in {b} on {sector()} and {sector()}," '
        f"an official from {a} told reporters.",
        "The talks also covered regional security, climate change and the reform of international financial "
        "institutions.",
        f"Business leaders from both countries attended a forum on {sector()} that drew about "
        f"{rng.randint(2, 40) * 50} participants.",
        f"Officials said a working group on {sector()} would meet every "
        f"{rng.choice(('six months', 'year', 'quarter'))}.",
        f"Direct flights between the two capitals are due to increase to {rng.randint(2, 21)} a week from "
        f"{rng.choice(MONTHS)}.",
        f"Students from {b} received {rng.randint(50, 3000)} scholarships to study in {a} over the past five years.",
        f"Observers noted that the two governments have differed in the past over {sector()} tariffs and visa rules.",
        f"A joint commission on {sector()} is scheduled to hold its {rng.randint(2, 15)}th session before the end "
        "of the year.",
    ]
    rng.shuffle(pool)
    lines = pool[: rng.randint(3, 7)]
    if w.form == "mt":
        lines = [line.replace(" the ", " ").replace("The ", "") for line in lines]
    lines.append(f"(Reporting by {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}; story {serial:07d})")
    return lines


def _published_line(day: dt.date | None, rng: random.Random) -> str:
    if day is None:
        return ""
    style = rng.randrange(6)
    if style == 0:
        return f"date {day.isoformat()}"
    if style == 1:
        return f"Release Date: {day.isoformat()}"
    if style == 2:
        return f"Updated: {MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == 3:
        return f"Posted On: {day.day:02d} {MONTHS[day.month - 1][:3].upper()} {day.year}"
    if style == 4:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


# -- articles -----------------------------------------------------------------------------------


@dataclass
class Draft:
    form: str
    title: str
    body: list[str]
    published: dt.date | None
    outlet: str
    gold: dict


def _report(world: World, rng: random.Random, meeting: Meeting, form: str, copy: int, serial: int) -> Draft:
    published = None if rng.random() < 0.03 else meeting.day + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
    w = Writer(world, rng, meeting, form, published)
    first = _meeting_sentence(w)
    partnership = _partnership_sentence(w)
    supports_text, supports = _support_sentences(w)
    mentions = meeting.mentions if rng.random() < 0.7 else []
    body = [first]
    if partnership:
        body.append(partnership)
    body += supports_text + _mention_sentences(w, mentions) + _filler(w, meeting.pair, serial)
    body = [line[0].upper() + line[1:] for line in body]
    a, b = (w.state(s) for s in meeting.pair)
    verb = {"establish": "establish", "upgrade": "upgrade ties to", "reaffirm": "reaffirm"}.get(
        meeting.change or "", "hold talks on"
    )
    title = f"{a}, {b} {verb} {w.level(meeting.level) if meeting.level else rng.choice(SECTORS)}"
    # without a publication date the wording always carries the year, so the date is complete
    date = meeting.day.isoformat()
    place = meeting.place
    partnerships = []
    if meeting.change:
        partnerships.append(
            {
                "parties": list(meeting.pair),
                "level": meeting.level,
                "qualifiers": list(meeting.qualifiers),
                "change": meeting.change,
                "previous_level": meeting.previous,
                "date": date,
                "place": place,
            }
        )
    for pair, level, _ in mentions:
        partnerships.append(
            {
                "parties": list(pair),
                "level": level,
                "qualifiers": [],
                "change": "mention",
                "previous_level": None,
                "date": None,
                "place": None,
            }
        )
    events = [
        {
            "key": meeting.key,
            "kind": meeting.kind,
            "parties": list(meeting.pair),
            "date": date,
            "place": place,
            "leaders": sorted(meeting.leaders[s][0].name for s in meeting.pair),
        }
    ]
    gold = {
        "published": published.isoformat() if published else None,
        "partnerships": partnerships,
        "events": events,
        "supports": supports,
        "notes": f"generated {form} report {copy + 1} of meeting {meeting.key}",
    }
    return Draft(form, title, body, published, rng.choice(OUTLETS[form]), gold)


def _analysis(world: World, rng: random.Random, meeting: Meeting, serial: int) -> Draft:
    """A piece with no event: partnerships in passing and a visit that has not happened yet."""
    published = meeting.day + dt.timedelta(days=rng.randint(2, 20))
    w = Writer(world, rng, meeting, "wire", published)
    a, b = (w.state(s) for s in meeting.pair)
    body = [
        f"Diplomats in {a} and {b} are weighing what a further visit could bring, analysts said.",
        f"{w.leader(meeting.pair[0], full=False)} is expected to travel to {b} next year, according to officials.",
        *_mention_sentences(w, meeting.mentions),
        *_filler(w, meeting.pair, serial),
    ]
    body = [line[0].upper() + line[1:] for line in body]
    partnerships = [
        {
            "parties": list(pair),
            "level": level,
            "qualifiers": [],
            "change": "mention",
            "previous_level": None,
            "date": None,
            "place": None,
        }
        for pair, level, _ in meeting.mentions
    ]
    gold = {
        "published": published.isoformat(),
        "partnerships": partnerships,
        "events": [],
        "supports": [],
        "notes": "generated analysis: passing mentions and an announced visit, no event",
    }
    return Draft("wire", f"Analysis: where {a}-{b} ties go next", body, published, rng.choice(OUTLETS["wire"]), gold)


def _txt(draft: Draft, rng: random.Random, meeting: Meeting, world: World) -> str:
    dateline_city = (meeting.place or _capital(world, meeting.host)).upper()
    day = meeting.day
    lead = draft.body[0]
    if draft.form in ("wire", "state", "mt") and rng.random() < 0.7:
        month = SHORT_MONTHS[day.month - 1] if draft.form == "wire" else MONTHS[day.month - 1]
        lead = f"{dateline_city}, {month} {day.day} ({draft.outlet}) -- {lead}"
    lines = [_published_line(draft.published, rng), draft.title, "", lead, *draft.body[1:]]
    if draft.form == "state":
        lines.append(
            "Related: " + rng.choice(("Premier meets business leaders", "Spring festival gala draws record audience"))
        )
    return "\n\n".join(line for line in lines if line is not None).strip() + "\n"


def _page(draft: Draft, rng: random.Random, related: list[str]) -> str:
    time_tag = ""
    meta = ""
    if draft.published:
        iso = draft.published.isoformat()
        if rng.random() < 0.5:
            meta = f'<meta property="article:published_time" content="{iso}T08:{rng.randint(10, 59)}:00Z">\n'
        else:
            published = draft.published
            time_tag = (
                f'<time datetime="{iso}T09:00:00Z">'
                f"{MONTHS[published.month - 1]} {published.day}, {published.year}</time>\n"
            )
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in draft.body)
    links = "\n".join(f'<li><a href="/news/{i}">{html.escape(h)}</a></li>' for i, h in enumerate(related))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(draft.title)} | {html.escape(draft.outlet)}</title>\n{meta}"
        '<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"section": "world"});</script>\n'
        "</head>\n<body>\n"
        '<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>\n'
        '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
        '<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>\n'
        f"<main>\n<article>\n<h1>{html.escape(draft.title)}</h1>\n{time_tag}{paragraphs}\n</article>\n"
        f'<aside class="related"><h2>Related stories</h2><ul>\n{links}\n</ul></aside>\n</main>\n'
        f"<footer><p>&copy; {html.escape(draft.outlet)}. All rights reserved.</p>"
        '<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>\n</body>\n</html>\n'
    )


def _headline(world: World, meeting: Meeting) -> str:
    a, b = (world.kb.states[s].name for s in meeting.pair)
    if meeting.level:
        return f"{a} and {b} agree on {meeting.level}"
    return f"{a} and {b} leaders hold {meeting.kind}"


def _articles(world: World, rng: random.Random, count: int) -> Iterator[tuple[Draft, Meeting, list[str]]]:
    # about 1.6 reports per meeting; the spare meetings are never reported
    meetings = _meetings(world, rng, count if count < 200 else count * 10 // 13)
    written = 0
    recent: list[str] = []
    for meeting in meetings:
        copies = rng.choices((1, 2, 3), (60, 25, 15))[0]
        forms = rng.sample(("wire", "state", "mt", "page", "feed", "wire", "page"), copies)
        for copy, form in enumerate(forms):
            if written >= count:
                return
            draft = _report(world, rng, meeting, "wire" if form == "feed" else form, copy, written)
            draft.form = form
            yield draft, meeting, list(recent[-4:])
            written += 1
        if meeting.mentions and written < count and rng.random() < 0.1:
            yield _analysis(world, rng, meeting, written), meeting, []
            written += 1
        recent.append(_headline(world, meeting))
        del recent[:-8]


def generate(
    out: str | Path,
    articles: int,
    *,
    seed: int = 0,
    kb: Knowledge | None = None,
    feed_lines: int = 50,
    shard: int = 1000,
) -> GenerateSummary:
    """Write ``articles`` synthetic articles under ``out`` and their truth as ``out/gold.jsonl``.

    Files go to ``wire/``, ``pages/`` (html) and ``feeds/`` (jsonl, ``feed_lines`` per file),
    ``shard`` files per sub-folder.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    world = build_world(kb)
    rng = random.Random(seed)
    summary = GenerateSummary()
    feed_file: Path | None = None
    feed_count = 0
    keys: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    with open(out / "gold.jsonl", "w", encoding="utf-8") as gold:
        for draft, meeting, related in _articles(world, rng, articles):
            index = summary.articles
            if draft.form == "feed":
                if feed_file is None or feed_count >= feed_lines:
                    feed_file = out / "feeds" / f"{summary.files // shard:04d}" / f"feed_{index:07d}.jsonl"
                    feed_file.parent.mkdir(parents=True, exist_ok=True)
                    feed_count = 0
                    summary.files += 1
                record = {
                    "text": "\n\n".join(draft.body),
                    "title": draft.title,
                    "url": f"https://feeds.example.org/{index}",
                    "published": draft.published.isoformat() if draft.published else None,
                }
                with open(feed_file, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                feed_count += 1
                source = f"{feed_file.relative_to(out).as_posix()}#{feed_count}"
            else:
                folder = "pages" if draft.form == "page" else "wire"
                suffix = "html" if draft.form == "page" else "txt"
                path = out / folder / f"{summary.files // shard:04d}" / f"{index:07d}_{draft.form}.{suffix}"
                path.parent.mkdir(parents=True, exist_ok=True)
                text = _page(draft, rng, related) if draft.form == "page" else _txt(draft, rng, meeting, world)
                path.write_text(text, encoding="utf-8")
                summary.files += 1
                source = path.relative_to(out).as_posix()
            gold.write(json.dumps({"source": source, **draft.gold}, ensure_ascii=False, sort_keys=True) + "\n")
            summary.articles += 1
            summary.by_form[draft.form] = summary.by_form.get(draft.form, 0) + 1
            keys.add(meeting.key)
            pairs.add(meeting.pair)
    summary.meetings, summary.pairs = len(keys), len(pairs)
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="output folder (gold.jsonl goes at its root)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    summary = generate(args.out, args.articles, seed=args.seed)
    print(
        f"articles={summary.articles} meetings={summary.meetings} pairs={summary.pairs} files={summary.files} "
        + " ".join(f"{form}={n}" for form, n in sorted(summary.by_form.items()))
    )


if __name__ == "__main__":
    main()
