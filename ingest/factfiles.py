"""Facts as an interchange format: read back what ``entente extract --format jsonl`` printed.

Among the lines ``extract`` prints, one ``{"type": "article_facts", ...}`` line per article holds
everything extracted from it (``ArticleFacts`` as :func:`entente.ingest.model.to_dict` writes
it); the other lines (``document``, ``partnership``, ``event``, ...) are the readable summary and
are skipped here. So extraction can run anywhere (other machines, a cluster: docs/scaling.md) and
one writer ingests its shards with ``entente ingest --facts``, giving the graph a direct ingest of
the same articles gives.

A line that is not JSON, or an ``article_facts`` line that does not hold facts, is one
:class:`ReadProblem` naming the file and line; the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from entente.ingest.model import ArticleFacts, to_dict
from entente.ingest.readers import ReadProblem

__all__ = ["FACTS_TYPE", "fact_files", "facts_line", "read_fact_files"]

#: The ``type`` of the one line per article that ``ingest --facts`` reads.
FACTS_TYPE = "article_facts"


def facts_line(facts: ArticleFacts) -> dict[str, object]:
    """The ``article_facts`` line of one article (``ArticleFacts.from_dict`` reads it back)."""
    return {"type": FACTS_TYPE, **to_dict(facts)}


def fact_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files given, and the ``*.jsonl`` files under folders given (sorted: shards in name order)."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.jsonl") if p.is_file())
        else:
            yield path


def read_fact_files(paths: Iterable[str | Path], problems: list[ReadProblem]) -> Iterator[ArticleFacts]:
    """Every article's facts in the files (or folders of shards), in order; bad lines go to ``problems``."""
    for path in fact_files(paths):
        try:
            handle = path.open(encoding="utf-8")
        except OSError as exc:
            problems.append(ReadProblem(str(path), f"cannot be read ({exc.strerror or type(exc).__name__})"))
            continue
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    problems.append(ReadProblem(str(path), f"not a JSON line ({exc.msg})", number))
                    continue
                if not isinstance(item, dict) or item.get("type") != FACTS_TYPE:
                    if not isinstance(item, dict) or "type" not in item:
                        problems.append(
                            ReadProblem(str(path), "not a line of `entente extract --format jsonl`", number)
                        )
                    continue
                try:
                    yield ArticleFacts.from_dict(item)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    problems.append(
                        ReadProblem(str(path), f"an {FACTS_TYPE} line that does not hold facts ({exc!r})", number)
                    )
