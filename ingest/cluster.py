"""Extraction on a Dask cluster, written as fact shards for ``entente ingest --facts``.

The client reads the articles (cheap: reading, cleaning, hashing), cuts them into chunks of
``shard_size`` articles and sends each chunk to the cluster as one task. A worker keeps one
:class:`~entente.ingest.extract.Extractor` per process (the spaCy pipeline loads once per worker,
not per task) and returns the chunk's facts; the client writes each chunk as
``part-NNNNN.jsonl`` of ``article_facts`` lines, in input order, at most ``in_flight`` chunks
ahead of the one it is writing (flat memory). Every article's facts depend on that article alone,
so the shards hold exactly what a serial ``entente extract`` prints for the same articles.

Needs the optional extra ``entente[distributed]`` (``dask.distributed``). docs/scaling.md says
why Dask and how to point this at a real cluster.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from entente.ingest.factfiles import facts_line
from entente.ingest.model import Article, ArticleFacts
from entente.ingest.readers import batched

__all__ = ["ClusterReport", "extract_on_cluster"]

#: One Extractor per worker process, by knowledge folder (loaded at the first task it runs).
_EXTRACTORS: dict[str | None, Any] = {}


def _extract_chunk(articles: list[Article], knowledge: str | None) -> list[ArticleFacts]:
    from entente.ingest.extract import Extractor

    extractor = _EXTRACTORS.get(knowledge)
    if extractor is None:
        extractor = _EXTRACTORS[knowledge] = Extractor(knowledge=knowledge)
    return list(extractor(articles))


@dataclass
class ClusterReport:
    articles: int = 0
    shards: int = 0


def extract_on_cluster(
    articles: Iterable[Article],
    client: Any,
    out: str | Path,
    *,
    knowledge: str | None = None,
    shard_size: int = 500,
    in_flight: int = 16,
) -> ClusterReport:
    """Extract ``articles`` on the Dask ``client``'s cluster into fact shards under ``out``."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    report = ClusterReport()
    pending: deque[Any] = deque()

    def write(facts: list[ArticleFacts]) -> None:
        path = folder / f"part-{report.shards:05d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for item in facts:
                handle.write(json.dumps(facts_line(item), ensure_ascii=False, sort_keys=True) + "\n")
        report.shards += 1
        report.articles += len(facts)

    for chunk in _chunks(articles, shard_size):
        pending.append(client.submit(_extract_chunk, chunk, knowledge, pure=False))
        if len(pending) >= in_flight:
            write(pending.popleft().result())
    while pending:
        write(pending.popleft().result())
    return report


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    yield from batched(articles, size)
