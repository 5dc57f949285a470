"""What documents (PDF, Word) share: the date a document states, and its article.

A joint statement or readout states its date in a line under its title ("21 November 2018,
Manila", "2023-07-10 21:29:45") or in a closing line ("Done at Beijing on 16 May 2024"). A file's
own created or modified time says when it was written, converted or saved, not when the document
was issued, and is never used.
"""

from __future__ import annotations

import re
from dataclasses import replace

from entente.ingest.clean import parse_page_date
from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, article_from_text

__all__ = ["SENTENCE_END", "document_article", "stated_date"]

SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_CLOSING = re.compile(r"^\s*(?:done|signed|issued|adopted|made)\b.{0,80}$", re.I)


def stated_date(paragraphs: list[str]) -> str | None:
    """The date a document states for itself: a short date line among its first paragraphs,
    else a closing "Done at ..." line among its last.

    >>> stated_date(["Joint Statement", "21 November 2018, Manila", "1. Upon the invitation of ..."])
    '2018-11-21'
    >>> stated_date(["Joint Statement", "Both sides agreed.", "Done in Beijing on 16 May 2024"])
    '2024-05-16'
    >>> stated_date(["Joint Statement", "The leaders met on 16 May 2024 in Beijing and agreed."]) is None
    True
    """
    for paragraph in paragraphs[:4]:
        if len(paragraph.split()) <= 8 and not SENTENCE_END.search(paragraph) and (date := parse_page_date(paragraph)):
            return date
    for paragraph in reversed(paragraphs[-4:]):
        if _CLOSING.match(paragraph) and (date := parse_page_date(paragraph)):
            return date
    return None


def document_article(
    paragraphs: list[str], source: str, options: ReadOptions, *, title: str | None = None
) -> Article | None:
    """The article of a document's paragraphs: its stated date (else ``options.published``) and its
    title (else the first paragraph when it is a title, not a sentence)."""
    article = article_from_text("\n\n".join(paragraphs), source, title=title) if paragraphs else None
    if article is None:
        return None
    if article.published is None:
        stated = stated_date(paragraphs)
        if stated or options.published:
            basis = "page" if stated else "option"
            article = replace(article, published=stated or options.published, published_basis=basis)
    if article.title is None and not SENTENCE_END.search(paragraphs[0]):
        article = replace(article, title=paragraphs[0])  # a statement's title is often longer than a headline
    return article
