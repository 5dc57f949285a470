"""Records with named fields: JSONL lines and CSV rows, read through one field mapping.

Each record gives an article from four fields, found under the names other people's data uses:

========== ==============================================================
field      keys tried, in order (case ignored)
========== ==============================================================
text       ``text``, ``body``, ``content``, ``article``
published  ``published``, ``date``, ``pubDate``, ``published_at``, ``datetime``
title      ``title``, ``headline``
url        ``url``, ``link``
========== ==============================================================

An explicit mapping (``ReadOptions.fields``, the command line's ``--field text=body``) is tried
before the synonyms. Keys that no field uses are named once per file, as a warning, so a date
under an unexpected name is never dropped without a word. Dates are read by
:func:`parse_published`.

>>> from entente.ingest.readers import ReadOptions
>>> line = b'{"headline": "Ties elevated", "date": "Thu, 22 Aug 2024 09:30:00 +0800", "body": "Xi met Lam."}'
>>> [(a.title, a.published) for a in read_jsonl(line, "feed.jsonl", ReadOptions())]
[('Ties elevated', '2024-08-22')]
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from entente.ingest.clean import parse_page_date
from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, ReadProblem, article_from_text, decode_bytes

__all__ = ["FIELDS", "SYNONYMS", "parse_published", "read_csv", "read_jsonl"]

#: Entente's record fields and the keys tried for each when no mapping names one.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article"),
    "published": ("published", "date", "pubDate", "published_at", "datetime"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
}
FIELDS = tuple(SYNONYMS)

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\d{6})?$")  # 20240822 or 20240822093000 (GDELT)
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[T ,])")
_HTML = re.compile(r"</(p|div|html|body|article)>", re.I)


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_published(value: object, *, day_first: bool = False) -> tuple[str | None, bool]:
    """``(ISO day or None, whether the value was an ambiguous day/month form)``.

    ISO days and times (the day as written, in the writer's own zone), RFC 822 as in RSS,
    ``20240822`` (GDELT), ``22/08/2024`` and ``22.08.2024`` (day first with ``day_first``, else
    month first unless only one reading is a date), and written-out dates.

    >>> parse_published("2024-08-22T23:30:00-05:00")
    ('2024-08-22', False)
    >>> parse_published("Thu, 22 Aug 2024 09:30:00 GMT")
    ('2024-08-22', False)
    >>> parse_published("03/04/2024"), parse_published("03/04/2024", day_first=True)
    (('2024-03-04', True), ('2024-04-03', True))
    >>> parse_published("22/08/2024"), parse_published("2023-02-30")
    (('2024-08-22', False), (None, False))
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None, False
    text = value.strip()
    if match := _ISO.match(text):
        return _day(*(int(g) for g in match.groups())), False
    if match := _COMPACT.match(text):
        return _day(*(int(g) for g in match.groups())), False
    if match := _NUMERIC.match(text):
        a, b, year = (int(g) for g in match.groups())
        first = _day(year, b, a) if day_first else _day(year, a, b)
        other = _day(year, a, b) if day_first else _day(year, b, a)
        return first or other, bool(first and other and a != b)
    if "," in text or re.search(r"\d{2}:\d{2}", text):
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            stamp = None
        if stamp is not None:
            return stamp.date().isoformat(), False
    return parse_page_date(text), False


def _lookup(record: Mapping[str, Any], options: ReadOptions) -> dict[str, str | None]:
    """The key each field is read from in ``record`` (None when it has none)."""
    lowered = {key.lower(): key for key in record}
    found: dict[str, str | None] = {}
    for name, synonyms in SYNONYMS.items():
        explicit = options.fields.get(name)
        keys = ((explicit,) if explicit else ()) + synonyms
        found[name] = next((lowered[k.lower()] for k in keys if k.lower() in lowered), None)
    return found


def _known_keys(options: ReadOptions) -> set[str]:
    return {k.lower() for keys in SYNONYMS.values() for k in keys} | {k.lower() for k in options.fields.values()}


class _RecordFile:
    """The records of one file: each becomes an article or a problem; oddities are told once per file."""

    def __init__(self, source: str, options: ReadOptions):
        self.source = source
        self.options = options
        self.known = _known_keys(options)
        self.unknown: set[str] = set()
        self.ambiguous: str | None = None

    def article(self, record: object, number: int) -> Iterator[Article | ReadProblem]:
        if not isinstance(record, dict):
            yield ReadProblem(self.source, "needs an object with a text field; line skipped", number)
            return
        self.unknown.update(k for k in record if isinstance(k, str) and k.lower() not in self.known)
        keys = _lookup(record, self.options)
        text = record.get(keys["text"]) if keys["text"] else None
        if not isinstance(text, str):
            names = ", ".join(f'"{k}"' for k in SYNONYMS["text"])
            yield ReadProblem(self.source, f"needs a text field ({names} or --field text=KEY); line skipped", number)
            return
        pub = None
        if keys["published"] and record.get(keys["published"]) not in (None, ""):
            raw = record[keys["published"]]
            pub, ambiguous = parse_published(raw, day_first=self.options.day_first)
            if ambiguous and not self.options.day_first and self.ambiguous is None:
                self.ambiguous = str(raw)
            if pub is None:
                yield ReadProblem(
                    self.source,
                    f'"{keys["published"]}" must be a date (YYYY-MM-DD, ISO time, RFC 822 or DD/MM/YYYY),'
                    f" got {raw!r}; date ignored",
                    number,
                )
        page_title = page_url = None
        if "<" in text and _HTML.search(text):
            from entente.ingest.html import html_to_text

            page = html_to_text(text)
            text, pub, page_title, page_url = page.text, pub or page.published, page.title, page.url
        title, url = (record.get(k) if k else None for k in (keys["title"], keys["url"]))
        article = article_from_text(
            text,
            f"{self.source}#{number}",
            published=pub,
            published_basis="metadata" if pub else None,
            title=title if isinstance(title, str) and title.strip() else page_title,
            url=url if isinstance(url, str) and url.strip() else page_url,
            default_published=self.options.published,
        )
        yield ReadProblem(self.source, "no article text; line skipped", number) if article is None else article

    def notes(self) -> Iterator[ReadProblem]:
        """The file's warnings: unknown keys, and day/month dates read month first."""
        if self.unknown:
            names = ", ".join(sorted(self.unknown))
            yield ReadProblem(
                self.source, f"keys not read: {names} (map one with --field published=KEY etc.)", warning=True
            )
        if self.ambiguous:
            yield ReadProblem(
                self.source,
                f"dates like {self.ambiguous!r} were read month first; give --day-first if the day comes first",
                warning=True,
            )


def read_jsonl(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """Articles from a JSONL file, one object per line (a reader of :mod:`entente.ingest.readers`)."""
    records = _RecordFile(source, options)
    for number, line in enumerate(decode_bytes(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(source, f"not valid JSON ({exc.msg} at column {exc.colno}); line skipped", number)
            continue
        yield from records.article(record, number)
    yield from records.notes()


def _rows(text: str) -> Iterable[tuple[int, dict[str, str]]]:
    """``(line number, row)`` of a CSV file with a header; the delimiter is sniffed from the header."""
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for row in reader:
        yield line + 1, {k: v for k, v in row.items() if isinstance(k, str) and isinstance(v, str) and v.strip()}
        line = reader.line_num


def read_csv(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """Articles from a CSV file with a header row, one per row, through the same field mapping as JSONL."""
    records = _RecordFile(source, options)
    csv.field_size_limit(max(csv.field_size_limit(), len(data) + 1))  # an article is a long field
    try:
        for number, row in _rows(decode_bytes(data)):
            yield from records.article(row, number)
    except csv.Error as exc:
        yield ReadProblem(source, f"not valid CSV ({exc}); the rest of the file skipped")
    yield from records.notes()
