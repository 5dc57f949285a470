"""Dates in news text: find them, then resolve them against the publication date.

Absolute forms ("15 September 2022", "Sept. 15, 2022", "2022-09-15", "15/09/2022", "30-4-2023"), partial ones
("September 15", "September 2022", "in 2013") and relative ones ("on Thursday afternoon",
"Saturday (September 23)", "yesterday") are found by :func:`find_dates`. :func:`resolve` turns one
into a :class:`~entente.ingest.model.FuzzyDate`, keeping its precision. A year is never invented:
without a publication date, "September 23" stays ``--09-23``.

>>> [m.kind for m in find_dates("on Saturday (September 23) and on 15 September 2022")]
['weekday+monthday', 'full']
>>> resolve(find_dates("on Thursday afternoon")[0], "2022-09-16").value
'2022-09-15'
>>> resolve(find_dates("on Saturday (September 23)")[0], None).value
'--09-23'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from entente.ingest.clean import MONTHS
from entente.ingest.model import FuzzyDate

__all__ = ["WEEKDAYS", "DateMention", "dateline_day", "find_dates", "month_number", "resolve"]

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_M = (
    r"(?P<mn>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<y>(?:19|20)\d\d)"
_W = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Look-aheads for the letter a month or a weekday starts with: a pattern that opens with one lets
# ``re`` pass over every other position at once instead of trying each name there (the scans of
# the date patterns take half the time; every match is the same).
_AT_M = "(?=[jfmasond])"
_AT_W = "(?=[mtwfs])"


def _language_words() -> dict[str, list[list[str]]]:
    """The date words of ``data/languages.toml`` (Spanish, Portuguese, French, Italian, German):
    months and weekdays as lists of spellings per month or day, ``today``, ``yesterday`` and
    ``year_before`` as one list each."""
    raw = tomllib.loads((resources.files("entente.ingest") / "data" / "languages.toml").read_text("utf-8"))
    words: dict[str, list[list[str]]] = {"months": [[] for _ in range(12)], "weekdays": [[] for _ in range(7)]}
    for lang in raw.values():
        table = lang.get("dates", {})
        for key in ("months", "weekdays"):
            for i, spellings in enumerate(table.get(key, [])):
                words[key][i] += spellings.split("|")
        for key in ("today", "yesterday", "year_before"):
            words.setdefault(key, [[]])[0] += table.get(key, [])
    return words


_LANG = _language_words()


def _alternation(spellings: list[str]) -> str:
    return "|".join(sorted(set(spellings), key=len, reverse=True))


# The same forms in the other languages: "17 de noviembre de 2024", "17 novembre 2024", "17. November
# 2024", "1er décembre", "noviembre de 2024", "el lunes", "en 2014". Their patterns are built per text
# from the spellings it holds (one big alternation of every spelling would cost every text a scan),
# and German's month names that are English ones count only beside a German day ("17. November").
_FD = r"(?P<d>[0-3]?\d)(?P<dot>er|º|°|\.)?"
_DE = r"(?:de\s+|del\s+)?"  # "17 de noviembre de 2024", "del 2024"
_FOREIGN_MONTH = [re.compile(rf"(?:{_alternation(m)})\.?", re.I) for m in _LANG["months"]]
_FOREIGN_WEEKDAY = [re.compile(_alternation(d), re.I) for d in _LANG["weekdays"]]
_FOREIGN_RELATIVE = {w.lower(): key for key in ("today", "yesterday") for w in _LANG[key][0]}
_LETTERS = re.compile(r"[^\W\d_]+")
_GERMAN_DAY = re.compile(r"\b[0-3]?\d\.\s+[A-ZÄÖÜ]")
_ENGLISH = set(MONTHS) | {name.rstrip(".") for name in MONTHS}


def _key(spelling: str) -> str:
    """The word a text must hold for ``spelling`` to occur in it: its longest run of letters."""
    return str(max(_LETTERS.findall(spelling.lower()), key=len))


_SPELLINGS: dict[str, list[tuple[str, str]]] = {}
for _group, _lists in (
    ("month", _LANG["months"]),
    ("weekday", _LANG["weekdays"]),
    ("relative", [_LANG["today"][0] + _LANG["yesterday"][0]]),
    ("year", _LANG["year_before"]),
):
    for _spellings in _lists:
        for _spelling in _spellings:
            _SPELLINGS.setdefault(_key(_spelling), []).append((_group, _spelling))


@functools.lru_cache(maxsize=256)
def _compile_foreign(
    months: tuple[str, ...], weekdays: tuple[str, ...], relative: tuple[str, ...], year: tuple[str, ...]
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns = []
    if months:
        fm = rf"(?P<mn>{_alternation(list(months))})\.?"
        patterns += [
            ("range", rf"\b[0-3]?\d\.?\s*(?:[-–]|al|au|bis)\s*{_FD}\s+{_DE}{fm}(?:,?\s+{_DE}{_Y})?\b"),
            ("full", rf"\b{_FD}\s+{_DE}{fm},?\s+{_DE}{_Y}\b"),
            ("monthday", rf"\b{_FD}\s+{_DE}{fm}(?![\w.]*,?\s+{_DE}(?:19|20)\d\d)(?!\w)"),
            ("month", rf"\b{fm},?\s+{_DE}{_Y}\b"),
        ]
    if year:
        patterns.append(("year", rf"\b(?:{_alternation(list(year))})\s+{_Y}\b(?!-\d)"))
    if weekdays:
        patterns.append(("weekday", rf"\b(?P<wd>{_alternation(list(weekdays))})\b"))
    if relative:
        patterns.append(("relative", rf"(?<!\w)(?P<rel>{_alternation(list(relative))})\b"))
    return tuple((kind, re.compile(pattern, re.I)) for kind, pattern in patterns)


def _foreign_patterns(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The other languages' date patterns for the spellings ``text`` holds (none for most English)."""
    found: dict[str, set[str]] = {"month": set(), "weekday": set(), "relative": set(), "year": set()}
    german_day = None
    for word in set(_LETTERS.findall(text.lower())) & _SPELLINGS.keys():
        for group, spelling in _SPELLINGS[word]:
            if group == "month" and spelling.lower() in _ENGLISH:
                if german_day is None:
                    german_day = bool(_GERMAN_DAY.search(text))
                if not german_day:
                    continue
            found[group].add(spelling)
    if not any(found.values()):
        return ()
    return _compile_foreign(*(tuple(sorted(found[g])) for g in ("month", "weekday", "relative", "year")))


# The words between the days of a span: "9 to 11", "2 and 4", "9 through 11".
_TO_DAY = r"\s+(?:to|and|through|till|until)\s+"
# Order matters: the first pattern to claim a stretch of text wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "weekday+monthday",
        re.compile(
            rf"{_AT_W}\b{_W}(?:\s+(?:morning|afternoon|evening|night))?\s*[(,]\s*{_M}\s+{_D}(?:,?\s+{_Y})?\s*\)?", re.I
        ),
    ),
    ("weekday+monthday", re.compile(rf"{_AT_W}\b{_W},?\s+{_D}\s+{_M}(?:,?\s+{_Y})?", re.I)),
    # A span of days ("May 29-30, 2018", "29-30 May 2018", "21-22 of August"): the month it falls in.
    # "from 9 to 11 October 2025", "October 9 to 11", "between 2 and 4 May": a span too.
    ("range", re.compile(rf"{_AT_M}\b{_M}\s+[0-3]?\d(?:\s*[-–]\s*|{_TO_DAY})[0-3]?\d\b(?:,?\s+{_Y})?\b", re.I)),
    (
        "range",
        re.compile(rf"(?=\d)\b[0-3]?\d(?:\s*[-–]\s*|{_TO_DAY})[0-3]?\d(?:\s+of)?\s+{_M}(?:,?\s+{_Y})?\b", re.I),
    ),
    ("full", re.compile(rf"(?=\d)\b{_Y}-(?P<m>[01]\d)-{_D}\b")),
    ("full", re.compile(rf"{_AT_M}\b{_M}\s+{_D}(?:,\s*|\s+){_Y}\b", re.I)),  # "Sep 13,2018" too
    ("full", re.compile(rf"(?=\d)\b{_D}(?:\s+of)?\s+{_M},?\s+{_Y}\b", re.I)),
    # One separator throughout: "15/09/2022", "15.09.2022", "30-4-2023" (not "29-30 May 2018").
    # (A back-reference for the second separator costs the whole scan 15%; find_dates compares them.)
    ("numeric", re.compile(r"(?=\d)\b(?P<a>[0-3]?\d)(?P<s1>[/.-])(?P<b>[01]?\d)(?P<s2>[/.-])(?P<y>(?:19|20)\d\d)\b")),
    ("monthday", re.compile(rf"{_AT_M}\b{_M}\s+{_D}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![:\d])", re.I)),
    ("monthday", re.compile(rf"(?=\d)\b{_D}\s+{_M}(?!\s*,?\s*(?:19|20)\d\d)\b", re.I)),
    ("month", re.compile(rf"{_AT_M}\b{_M},?\s+{_Y}\b", re.I)),
    (
        "year",
        re.compile(rf"(?=[isfutbdelm])\b(?:in|since|from|until|till|by|during|early|late|mid-?)\s+{_Y}\b(?!-\d)", re.I),
    ),
    ("weekday", re.compile(rf"{_AT_W}\b{_W}(?:\s+(?:morning|afternoon|evening|night))?\b", re.I)),
    (
        "relative",
        re.compile(
            r"(?=[tyl])\b(?P<rel>today|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night|tonight)\b",
            re.I,
        ),
    ),
    ("relative_year", re.compile(r"(?=[ltn])\b(?P<rel>last year|this year|next year)\b", re.I)),
)

_FUTURE = re.compile(
    r"\b(?:will|shall|to be held|is scheduled|are scheduled|is expected|are expected|next|upcoming"
    r"|plans? to|is due|are due)\b",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression found at ``start:end`` of a text."""

    start: int
    end: int
    text: str
    kind: str  # full, numeric, range, monthday, month, year, weekday, weekday+monthday, relative, relative_year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: str | None = None
    future: bool = False


def _month(name: str | None) -> int | None:
    if not name:
        return None
    month = MONTHS.get(name.lower().rstrip("."))
    return month or next((i + 1 for i, p in enumerate(_FOREIGN_MONTH) if p.fullmatch(name)), None)


def month_number(name: str) -> int | None:
    """The month a month name or abbreviation stands for, in English or another language of
    ``data/languages.toml``: ``month_number("Juli") == 7``."""
    return _month(name)


def _english_month(name: str | None) -> bool:
    return name is not None and name.lower().rstrip(".") in MONTHS


def _weekday(name: str) -> int | None:
    day = WEEKDAYS.get(name.lower())
    return day if day is not None else next((i for i, p in enumerate(_FOREIGN_WEEKDAY) if p.fullmatch(name)), None)


# What each pattern cannot match without: a text lacking it skips the pattern's scan.
_NEEDS = {
    "weekday": re.compile(rf"{_AT_W}(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I),
    "month": re.compile(rf"{_AT_M}\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I),
    "digit": re.compile(r"\d"),
}
_PATTERN_NEEDS: tuple[tuple[str, ...], ...] = tuple(
    tuple({need for need, part in (("weekday", _W), ("month", _M), ("digit", _D), ("digit", _Y)) if part in p.pattern})
    for _, p in _PATTERNS
)


def find_dates(text: str) -> list[DateMention]:
    """All date expressions of ``text``, in order, none overlapping."""
    taken = bytearray(len(text))  # 1 where an earlier pattern already claimed the character
    found: list[DateMention] = []
    present = {need for need, probe in _NEEDS.items() if probe.search(text)}
    foreign = _foreign_patterns(text)
    english = [kp for kp, needs in zip(_PATTERNS, _PATTERN_NEEDS, strict=True) if present.issuperset(needs)]
    for kind_index, (kind, pattern) in enumerate([*foreign, *english]):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            groups = match.groupdict()
            if kind_index < len(foreign) and _english_month(groups.get("mn")) and groups.get("dot") != ".":
                continue  # "17th of November 2024" is the English patterns' to read; "17. November" is German
            year = int(groups["y"]) if groups.get("y") else None
            month = _month(groups.get("mn")) or (int(groups["m"]) if groups.get("m") else None)
            day = int(groups["d"]) if groups.get("d") else None
            if kind == "numeric":
                if groups["s1"] != groups["s2"]:
                    continue  # "30-4/2023" is no date
                a, b = int(groups["a"]), int(groups["b"])
                if a > 12 and b <= 12:
                    day, month = a, b
                elif b > 12 and a <= 12:
                    day, month = b, a
                elif a == b:
                    day = month = a
                else:
                    continue  # 03/04/2023 could be either; a date is never guessed
                kind_ = "full"
            else:
                kind_ = kind
            if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
                continue
            weekday = _weekday(groups["wd"]) if groups.get("wd") else None
            if kind_ == "weekday+monthday" and year is not None:
                kind_ = "full"
            # The clause before the date: "is due to meet President X and Prime Minister Y on Monday".
            before = re.split(r"[.!?;]\s", text[max(0, start - 120) : start])[-1]
            found.append(
                DateMention(
                    start=start,
                    end=end,
                    text=match.group(0),
                    kind=kind_,
                    year=year,
                    month=month,
                    day=day,
                    weekday=weekday,
                    relative=_FOREIGN_RELATIVE.get((groups.get("rel") or "").lower(), (groups.get("rel") or "").lower())
                    or None,
                    future=bool(_FUTURE.search(before)),
                )
            )
            taken[start:end] = b"\x01" * (end - start)
    found.sort(key=lambda m: m.start)
    return found


def _iso(day: dt.date) -> str:
    return day.isoformat()


def resolve(mention: DateMention, published: str | None) -> FuzzyDate:
    """The date ``mention`` stands for, given the article's publication date (ISO or ``None``).

    >>> resolve(find_dates("on September 23")[0], "2023-09-24").value
    '2023-09-23'
    >>> resolve(find_dates("on December 28")[0], "2024-01-03").value
    '2023-12-28'
    >>> resolve(find_dates("in 2013")[0], None)
    FuzzyDate(value='2013', precision='year', basis='text')
    """
    pub = dt.date.fromisoformat(published) if published else None
    # Each kind of mention sets the fields it needs (find_dates): the asserts say which.
    if mention.kind == "full":
        assert mention.year is not None and mention.month is not None and mention.day is not None
        try:
            return FuzzyDate(_iso(dt.date(mention.year, mention.month, mention.day)), "day", "text")
        except ValueError:
            return FuzzyDate()
    if mention.kind == "month" or (mention.kind == "range" and mention.year):
        return FuzzyDate(f"{mention.year:04d}-{mention.month:02d}", "month", "text")
    if mention.kind == "range":
        if pub is None:
            return FuzzyDate()
        assert mention.month is not None
        year = pub.year - 1 if mention.month > pub.month + 2 else pub.year
        return FuzzyDate(f"{year:04d}-{mention.month:02d}", "month", "relative")
    if mention.kind == "year":
        return FuzzyDate(f"{mention.year:04d}", "year", "text")
    if mention.kind in ("monthday", "weekday+monthday"):
        assert mention.month is not None and mention.day is not None
        if pub is None:
            return FuzzyDate(f"--{mention.month:02d}-{mention.day:02d}", "day", "text")
        for year in (pub.year, pub.year - 1, pub.year + 1):
            try:
                candidate = dt.date(year, mention.month, mention.day)
            except ValueError:
                continue
            # News reports the recent past; a date far after publication is last year's.
            if year == pub.year and candidate > pub + dt.timedelta(days=60) and not mention.future:
                continue
            if year == pub.year + 1 and not (mention.future or pub.month == 12):
                continue
            return FuzzyDate(_iso(candidate), "day", "relative")
        return FuzzyDate()
    if pub is None:
        return FuzzyDate()
    if mention.kind == "weekday":
        assert mention.weekday is not None
        delta = (pub.weekday() - mention.weekday) % 7
        if mention.future and delta:
            day = pub + dt.timedelta(days=7 - delta)
        else:
            day = pub - dt.timedelta(days=delta)
        return FuzzyDate(_iso(day), "day", "relative")
    if mention.kind == "relative_year":
        offset = {"last year": -1, "next year": 1}.get(mention.relative or "", 0)
        return FuzzyDate(f"{pub.year + offset:04d}", "year", "relative")
    if mention.kind == "relative":
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(mention.relative or "", 0)
        return FuzzyDate(_iso(pub + dt.timedelta(days=offset)), "day", "relative")
    return FuzzyDate()


# A wire dateline that gives the full date: "Tokyo, 30 November 2022 (TDI): ...",
# "NEW DELHI, March 12, 2025 (PTI) - ...". The city part allows "Port Louis/New Delhi" and a region.
_DATELINE_DAY = re.compile(
    r"^\s*[A-Z][A-Za-z'’.\- ]{1,30}?(?:[/,]\s*[A-Z][A-Za-z'’.\- ]{1,30}?)?,\s*"
    r"(?P<date>[^():–—]{6,30}?)\s*(?:\([^()]{1,30}\)\s*)?(?:--|—|–|-|:)\s"
)


def dateline_day(text: str, lines: int = 4) -> str | None:
    """The day a story's dateline gives in full, read from its first ``lines`` lines: when it was filed.

    >>> dateline_day("Headline here\\nAstana, 12 April 2023 (TDI): President Tokayev met ...")
    '2023-04-12'
    >>> dateline_day("BEIJING, Sept. 15 (Xinhua) -- The two presidents ...") is None  # no year: not a day
    True
    >>> dateline_day("In Astana, on 12 April 2023, the presidents met: ...") is None
    True
    """
    for line in text.split("\n")[:lines]:
        match = _DATELINE_DAY.match(line)
        if not match:
            continue
        found = find_dates(match.group("date"))
        if len(found) == 1 and found[0].kind == "full" and found[0].text.strip() == match.group("date").strip():
            return resolve(found[0], None).value
    return None
