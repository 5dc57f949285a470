"""Extraction end to end: articles in, facts out, and the facts as interface.md's JSON lines.

>>> from entente.ingest.readers import article_from_text
>>> article = article_from_text(
...     "date 2022-09-16 Chinese President Xi Jinping on Thursday met with Belarusian President "
...     "Alexander Lukashenko in Samarkand. The two presidents decided to upgrade the bilateral "
...     "relationship to an all-weather comprehensive strategic partnership.", "a.txt")
>>> facts = list(extract_articles([article]))
>>> claim = facts[0].partnerships[0]
>>> (claim.pair, claim.level, claim.change, claim.date.value, claim.place)
('BLR|CHN', 'all-weather comprehensive strategic partnership', 'upgrade', '2022-09-15', 'Samarkand')
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from entente.ingest.events import fill_from_events, link_events
from entente.ingest.factfiles import facts_line
from entente.ingest.knowledge import Knowledge, load_knowledge
from entente.ingest.model import Article, ArticleFacts, FuzzyDate
from entente.ingest.pipeline import build_pipeline
from entente.ingest.readers import batched

__all__ = ["Extractor", "batched", "extract_articles", "fact_lines", "fill_from_events"]


class Extractor:
    """A reusable extraction pipeline (building one takes a second; reuse it).

    With ``n_process`` > 1 the articles go to a pool of worker processes, each with its own
    pipeline, in chunks of ``batch_size``; at most eight chunks per worker are in flight, so memory
    stays flat however many articles stream through, and the facts come back in input order,
    exactly as a serial run gives them.
    """

    def __init__(self, trained: str | None = None, knowledge: str | None = None):
        self.trained, self.knowledge = trained, knowledge
        self.nlp: Language = build_pipeline(trained=trained, knowledge=knowledge)
        self.kb: Knowledge = load_knowledge(knowledge)

    def __call__(
        self, articles: Iterable[Article], *, n_process: int = 1, batch_size: int = 64
    ) -> Iterator[ArticleFacts]:
        if n_process == 1:
            yield from self._serial(articles, batch_size)
            return
        workers = (os.cpu_count() or 1) if n_process < 1 else n_process
        # spawn, not fork: the parent may hold a database driver's threads and locks
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(self.trained, self.knowledge)
        ) as pool:
            pending: deque[Future[list[ArticleFacts]]] = deque()
            for chunk in batched(articles, batch_size):
                pending.append(pool.submit(_extract_chunk, chunk))
                if len(pending) >= 8 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def _serial(self, articles: Iterable[Article], batch_size: int) -> Iterator[ArticleFacts]:
        def docs() -> Iterator[Doc]:
            for article in articles:
                doc = self.nlp.make_doc(article.text)
                doc.user_data["entente_article"] = article
                yield doc

        for doc in self.nlp.pipe(docs(), batch_size=batch_size):
            yield doc.user_data["entente_facts"]


_WORKER: Extractor | None = None


def _start_worker(trained: str | None, knowledge: str | None) -> None:
    global _WORKER
    _WORKER = Extractor(trained=trained, knowledge=knowledge)


def _extract_chunk(articles: list[Article]) -> list[ArticleFacts]:
    assert _WORKER is not None, "the pool's initializer makes the worker's extractor"
    return list(_WORKER._serial(articles, len(articles)))


_DEFAULT: dict[tuple[str | None, str | None], Extractor] = {}


def extract_articles(
    articles: Iterable[Article],
    *,
    trained: str | None = None,
    knowledge: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[ArticleFacts]:
    """Facts of each article, in input order, streaming."""
    key = (trained, knowledge)
    if key not in _DEFAULT:
        _DEFAULT[key] = Extractor(trained=trained, knowledge=knowledge)
    yield from _DEFAULT[key](articles, n_process=n_process, batch_size=batch_size)


def _date_fields(date: FuzzyDate) -> dict[str, Any]:
    return {"date": date.value, "date_precision": date.precision if date.value else None}


def fact_lines(all_facts: list[ArticleFacts], kb: Knowledge) -> Iterator[dict[str, Any]]:
    """The JSON objects of ``entente extract --format jsonl``, in a stable order."""
    linked = link_events(m for f in all_facts for m in f.events)
    leaders: dict[str, dict[str, Any]] = {}
    initiatives: dict[str, dict[str, Any]] = {}
    for facts in all_facts:
        article = facts.article
        yield {
            "type": "document",
            "id": article.id,
            "source": article.source,
            "published": article.published,
            "published_basis": article.published_basis,
            "title": article.title,
            "url": article.url,
        }
        yield facts_line(facts)  # everything extracted, for `entente ingest --facts`
        for claim in linked.fill(facts.partnerships):
            yield {
                "type": "partnership",
                "parties": [{"id": p.id, "name": p.name} for p in claim.parties],
                "level": claim.level,
                "rank": claim.rank,
                "qualifiers": list(claim.qualifiers),
                "change": claim.change,
                "previous_level": claim.previous_level,
                **_date_fields(claim.date),
                "date_basis": claim.date.basis,
                "place": claim.place,
                "event": claim.event,
                "source": claim.source,
                "article": claim.article,
                "evidence": {
                    "start": claim.evidence.start,
                    "end": claim.evidence.end,
                    "text": claim.evidence.text,
                    "rule": claim.evidence.rule,
                }
                if claim.evidence
                else None,
            }
        for document in facts.documents:
            yield {
                "type": "joint_document",
                "id": document.id,
                "title": document.title,
                "parties": list(document.parties),
                "source": document.source,
                "evidence": {
                    "start": document.evidence.start,
                    "end": document.evidence.end,
                    "text": document.evidence.text,
                }
                if document.evidence
                else None,
            }
        for mention in facts.leaders:
            entry = leaders.setdefault(
                mention.id,
                {
                    "type": "leader",
                    "id": mention.id,
                    "name": mention.name,
                    "title": mention.title,
                    "state": mention.state,
                    "aliases": set(),
                    "resolution": {},
                    "sources": set(),
                },
            )
            if mention.surface != mention.name:
                entry["aliases"].add(mention.surface)
            entry["resolution"][mention.source] = mention.resolution
            entry["sources"].add(mention.source)
        for ident in facts.initiatives:
            entry = initiatives.setdefault(
                ident,
                {
                    "type": "initiative",
                    "id": ident,
                    "name": kb.initiatives[ident].name,
                    "supporters": set(),
                    "sources": set(),
                },
            )
            entry["sources"].add(article.source)
        for support in facts.supports:
            entry = initiatives.setdefault(
                support.initiative,
                {
                    "type": "initiative",
                    "id": support.initiative,
                    "name": support.initiative_name,
                    "supporters": set(),
                    "sources": set(),
                },
            )
            entry["supporters"].add(support.state)
            entry["sources"].add(support.source)
    for event in linked.events:
        yield {
            "type": "event",
            "id": event.id,
            "kind": event.kind,
            **_date_fields(event.date),
            "date_basis": event.date.basis,
            "place": event.place,
            "parties": list(event.parties),
            "leaders": list(event.leaders),
            "sources": list(event.sources),
            "reason": event.reason,
        }
    for entry in sorted(leaders.values(), key=lambda e: e["id"]):
        known = kb.leaders.get(entry["id"])
        aliases = set(entry["aliases"]) | (set(known.aliases) if known else set())
        yield {
            **entry,
            "aliases": sorted(aliases),
            "sources": sorted(entry["sources"]),
            "resolution": dict(sorted(entry["resolution"].items())),
        }
    for entry in sorted(initiatives.values(), key=lambda e: e["id"]):
        yield {**entry, "supporters": sorted(entry["supporters"]), "sources": sorted(entry["sources"])}
