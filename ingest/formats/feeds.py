"""RSS and Atom feed files to articles, with feedparser: each item one article.

An item's article is its title and its content (else its summary), the HTML of either reduced to
text as a saved page's is; its URL is the item's link and its publication date the item's own
(``published``, else ``updated``), read as the day the feed wrote, in the feed's own time zone.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator
from typing import Any

from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, ReadProblem, article_from_text

__all__ = ["feed_day", "read_feed"]

_TAG = re.compile(r"</?(?:p|div|br|span|a|b|i|em|strong|img|ul|li|h\d|blockquote|figure|table)\b", re.I)


def feed_day(value: object, parsed: object = None) -> str | None:
    """The day of a feed date, as written (RFC 822 in RSS, RFC 3339 in Atom), else of
    feedparser's parsed date (in UTC).

    >>> feed_day("Sun, 10 Sep 2023 23:30:00 +0700"), feed_day("2023-07-10T21:29:45+08:00")
    ('2023-09-10', '2023-07-10')
    >>> feed_day("not a date") is None
    True
    """
    if isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            return email.utils.parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
    if isinstance(parsed, tuple) or hasattr(parsed, "tm_year"):
        year, month, day = parsed[0], parsed[1], parsed[2]  # type: ignore[index]
        try:
            return dt.date(year, month, day).isoformat()
        except (TypeError, ValueError):
            return None
    return None


def _text(value: str) -> str:
    if not _TAG.search(value):
        return value
    from entente.ingest.html import html_to_text

    return html_to_text(f"<html><body><article>{value}</article></body></html>").text


def _item_text(entry: Any) -> str:
    """The item's content (its longest part), else its summary, as text."""
    parts = [c.get("value", "") for c in entry.get("content", []) if isinstance(c.get("value"), str)]
    body = max(parts, key=len) if parts and max(parts, key=len).strip() else entry.get("summary", "") or ""
    return _text(body).strip() if isinstance(body, str) else ""


def read_feed(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """One article per feed item; a problem for an item with no text and for a file that is no feed."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "not an RSS or Atom feed" if not feed.get("version") else "a feed with no items"
        yield ReadProblem(source, f"{reason}; skipped")
        return
    for number, entry in enumerate(feed.entries, start=1):
        title = " ".join(str(entry.get("title", "")).split()) or None
        body = _item_text(entry)
        if title and not body.startswith(title):
            body = f"{title}\n\n{body}" if body else title
        published = feed_day(entry.get("published"), entry.get("published_parsed")) or feed_day(
            entry.get("updated"), entry.get("updated_parsed")
        )
        link = entry.get("link")
        article = article_from_text(
            body,
            f"{source}#{number}",
            published=published,
            published_basis="metadata" if published else None,
            title=title,
            url=link if isinstance(link, str) and link else None,
            default_published=options.published,
        )
        if article is None:
            yield ReadProblem(source, f"item {number} has no text; skipped", number)
        else:
            yield article
