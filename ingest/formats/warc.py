"""Web archives (``.warc``, ``.warc.gz``) to articles, with FastWARC: each HTML response one article.

Only ``response`` records with a successful (2xx) HTTP status and an HTML content type are
articles; requests, metadata, redirects, errors, images, scripts and PDFs are counted in one
warning line per file (a warning: they were never articles, so the command does not fail).
A page's URL is the record's ``WARC-Target-URI``. Its publication date
comes from the page (metadata, a date line under the headline); ``WARC-Date`` is when the page
was crawled, which can be years after it was published, and is never taken for it.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Iterator

from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, ReadProblem, article_from_text, decode_bytes

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body)


def _cut_short(data: bytes) -> bool:
    """Whether an archive ends inside a record (a copy cut off): FastWARC stops there without a word.

    A gzipped archive must end with a whole gzip member; a plain one with the blank line that
    closes every record.
    """
    if not data.startswith(b"\x1f\x8b"):
        return not data.endswith(b"\r\n\r\n")
    member, fed = zlib.decompressobj(wbits=31), False
    try:
        for start in range(0, len(data), 1 << 20):
            member.decompress(data[start : start + (1 << 20)])  # the output is not needed
            fed = True
            while member.eof:  # the chunk ran on into the next member(s)
                rest = member.unused_data
                member, fed = zlib.decompressobj(wbits=31), bool(rest)
                if not rest:
                    break
                member.decompress(rest)
    except zlib.error:
        return True
    return fed and not member.eof


def read_warc(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """One article per HTML response of a WARC file (plain or gzipped, detected from its bytes)."""
    import warnings

    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from entente.ingest.html import html_to_text

    skipped: Counter[str] = Counter()
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data), parse_http=True), start=1):
            if record.record_type != WarcRecordType.response:
                skipped[f"{record.record_type} record"] += 1
                continue
            status = record.http_headers.status_code if record.http_headers is not None else None
            content_type = (record.http_content_type or "").lower()
            if status is None or not 200 <= status < 300:
                skipped[f"HTTP {status or 'non-HTTP'}"] += 1
                continue
            if content_type not in _HTML_TYPES:
                skipped[content_type or "no content type"] += 1
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                page = html_to_text(_decode(record.reader.read(), record.http_charset))
            url = record.headers.get("WARC-Target-URI") or page.url
            article = article_from_text(
                page.text,
                f"{source}#{number}",
                published=page.published,
                published_basis="metadata" if page.published else None,
                title=page.title,
                url=url,
                default_published=options.published,
            )
            if article is None:
                yield ReadProblem(source, f"record {number} ({url}): no article text found", number)
            else:
                yield article
    except OSError as exc:
        done = f"after {number} records" if number else "at its start"
        yield ReadProblem(source, f"not a readable WARC file {done} ({exc}); the rest skipped")
    else:
        if number == 0:
            yield ReadProblem(source, "no WARC records in this file; skipped")
        elif _cut_short(data):
            yield ReadProblem(
                source, f"the archive is cut short inside a record; the {number} records before it were read"
            )
    if skipped:
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        message = f"skipped {sum(skipped.values())} of {number} records, not HTML pages: {counts}"
        yield ReadProblem(source, message, warning=True)  # an archive's images and requests are no articles
