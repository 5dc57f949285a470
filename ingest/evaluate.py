"""Scoring extraction against a user's own labelled articles (``entente eval``).

The gold file is JSON lines, one object per article (the format is documented in
``docs/evaluation.md``); its ``source`` is the article's path relative to the gold file's folder
(``feed.jsonl#3`` names the third line of a JSONL feed). Extraction runs exactly as ``entente
extract`` does, events merged across all the articles given, and the facts are compared kind by
kind:

- ``announcement``: the pairs an article reports as newly established or upgraded
  (change ``establish`` or ``upgrade``), precision and recall per (article, pair);
- ``claim``: every partnership claim with its change, per (article, pair, change);
- ``level``, ``previous_level``, ``date``, ``place``: the share of matched claims that get the
  value right (date and place only where the gold change is not a passing ``mention``);
- ``event``: the meetings an article reports, per (article, party set);
- ``event_merging``: pairwise precision and recall of merging, over pairs of reports of one
  event in different articles (the gold ``key`` names the real event);
- ``event_date``, ``event_place``: the share of matched events whose *merged* event has the right
  date and place (a report filled in by another article counts as right);
- ``leader``: event participants, per (article, event, leader);
- ``support``: initiative support, per (article, state, initiative);
- ``published``: the share of articles whose publication date is right.

>>> s = Score(true_positive=9, false_positive=1, false_negative=3)
>>> (round(s.precision, 2), round(s.recall, 2), round(s.f1, 2))
(0.9, 0.75, 0.82)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar

from entente.errors import EntenteError
from entente.ingest.events import link_events
from entente.ingest.knowledge import Knowledge, fold
from entente.ingest.model import ArticleFacts, EventMention
from entente.ingest.readers import ReadProblem

__all__ = [
    "KINDS",
    "Accuracy",
    "EvalReport",
    "GoldArticle",
    "GoldError",
    "Score",
    "load_gold",
    "score_facts",
]

ANNOUNCEMENTS = ("establish", "upgrade")

_T = TypeVar("_T", bound=Hashable)

#: Every kind a report scores, in the order reports print them.
KINDS = (
    "announcement",
    "claim",
    "level",
    "previous_level",
    "date",
    "place",
    "event",
    "event_merging",
    "event_date",
    "event_place",
    "leader",
    "support",
    "published",
)
#: Kinds scored as the share of matched facts that are right (:class:`Accuracy`); the others count
#: true and false positives (:class:`Score`).
_RATED = ("level", "previous_level", "date", "place", "event_date", "event_place", "published")


class GoldError(EntenteError, ValueError):
    """The gold file cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class GoldArticle:
    """The labels of one article: what a careful reader finds in it."""

    source: str  # as written in the gold file
    path: str  # the resolved path, with ``#N`` for a JSONL line
    published: str | None
    partnerships: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]
    supports: tuple[dict[str, Any], ...]


@dataclass
class Score:
    """Precision, recall and F1 of a set-valued kind of fact."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[_T], predicted: set[_T]) -> tuple[set[_T], set[_T]]:
        """Count one comparison; returns (missed, spurious)."""
        self.true_positive += len(gold & predicted)
        self.false_negative += len(gold - predicted)
        self.false_positive += len(predicted - gold)
        return gold - predicted, predicted - gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positive": self.true_positive,
            "false_positive": self.false_positive,
            "false_negative": self.false_negative,
        }


@dataclass
class Accuracy:
    """The share of matched facts whose attribute is right."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, right: bool) -> None:
        self.correct += right
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": round(self.accuracy, 4), "correct": self.correct, "total": self.total}


@dataclass
class EvalReport:
    """Scores per kind, the articles compared, and every disagreement (for error analysis)."""

    scores: dict[str, Score | Accuracy] = field(default_factory=dict)
    articles: int = 0
    unlabelled: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)

    def headline(self, kind: str) -> float:
        """The one number of a kind: F1 for set kinds, accuracy for attributes."""
        score = self.scores[kind]
        return score.f1 if isinstance(score, Score) else score.accuracy

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "scores": {kind: self.scores[kind].to_dict() for kind in KINDS},
            "unlabelled": self.unlabelled,
            "missing": self.missing,
            "errors": self.errors,
        }


def _resolve(base: Path, source: str) -> str:
    path, _, line = source.partition("#")
    resolved = os.path.normpath(os.path.abspath(base / path))
    return f"{resolved}#{line}" if line else resolved


def _article_key(source: str) -> str:
    path, _, line = source.partition("#")
    resolved = os.path.normpath(os.path.abspath(path))
    return f"{resolved}#{line}" if line else resolved


def _list(entry: dict[str, Any], key: str, where: str) -> tuple[dict[str, Any], ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise GoldError(f"{where}: {key!r} must be a list of objects")
    return tuple(value)


def load_gold(path: str | os.PathLike[str]) -> list[GoldArticle]:
    """Read a gold file; a malformed line raises :class:`GoldError` naming the file and line."""
    gold_path = Path(path)
    try:
        raw = gold_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{gold_path}: cannot read the gold file ({exc})") from None
    base = gold_path.resolve().parent
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{gold_path}:{number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            raise GoldError(f'{where}: needs an object with a "source" string')
        for claim in _list(entry, "partnerships", where):
            parties = claim.get("parties")
            if (
                not (isinstance(parties, list) and len(parties) == 2)
                or not claim.get("level")
                or not claim.get("change")
            ):
                raise GoldError(f"{where}: a partnership needs two parties, a level and a change")
        for event in _list(entry, "events", where):
            if not isinstance(event.get("parties"), list) or not event.get("key"):
                raise GoldError(f"{where}: an event needs a key and a list of parties")
        resolved = _resolve(base, entry["source"])
        if resolved in seen:
            raise GoldError(f"{where}: {entry['source']!r} is labelled twice")
        seen.add(resolved)
        articles.append(
            GoldArticle(
                source=entry["source"],
                path=resolved,
                published=entry.get("published"),
                partnerships=_list(entry, "partnerships", where),
                events=_list(entry, "events", where),
                supports=_list(entry, "supports", where),
            )
        )
    return articles


class _Names:
    """Gold names (leaders, initiatives, places) folded onto the knowledge base's ids."""

    def __init__(self, kb: Knowledge):
        self.leaders: dict[str, str] = {}
        for leader in kb.leaders.values():
            for name in (leader.name, *leader.aliases):
                self.leaders.setdefault(fold(name), leader.id)
        self.initiatives: dict[str, str] = {}
        for ident, initiative in kb.initiatives.items():
            for name in (ident, initiative.name, *initiative.aliases):
                self.initiatives.setdefault(fold(name), ident)
        self.kb = kb

    def place(self, name: str | None) -> str | None:
        """A place by its canonical city, so "Washington" and "Washington, D.C." compare equal."""
        return fold(self.kb.city_of(name) or name) if name else None

    def leader(self, name: str) -> str:
        return self.leaders.get(fold(name), fold(name))

    def initiative(self, name: str) -> str:
        return self.initiatives.get(fold(name), fold(name))


def _same_date(gold: str | None, found: str | None) -> bool:
    """Equal, or the year a yearless gold date lacks was filled in (merging with another report).

    >>> _same_date("--06-19", "2024-06-19"), _same_date("--06-19", "2024-06-20"), _same_date(None, None)
    (True, False, True)
    """
    if gold is not None and found is not None and gold.startswith("--") and len(found) == 10:
        return found.endswith(gold[1:])
    return gold == found


def _pair(parties: Iterable[str]) -> str:
    return "|".join(sorted(parties))


def _match_events(
    gold: tuple[dict[str, Any], ...], predicted: list[EventMention]
) -> list[tuple[dict[str, Any], EventMention | None]]:
    """Each gold event of an article with the report of the same party set (the closest date first)."""
    free = list(predicted)
    pairs = []
    for event in gold:
        wanted = _pair(event["parties"])
        same = [m for m in free if _pair(m.parties) == wanted]
        same.sort(key=lambda m: (m.date.value != event.get("date"), m.id))
        match = same[0] if same else None
        if match is not None:
            free.remove(match)
        pairs.append((event, match))
    return pairs


def score_facts(gold: list[GoldArticle], facts: list[ArticleFacts], kb: Knowledge) -> EvalReport:
    """Compare extracted facts with the gold labels of the same articles."""
    rated = {kind: Accuracy() for kind in KINDS if kind in _RATED}
    counted = {kind: Score() for kind in KINDS if kind not in _RATED}
    report = EvalReport(scores={kind: rated[kind] if kind in rated else counted[kind] for kind in KINDS})
    names = _Names(kb)
    by_path = {g.path: g for g in gold}
    labelled = [f for f in facts if _article_key(f.article.source) in by_path]
    report.unlabelled = sorted(f.article.source for f in facts if _article_key(f.article.source) not in by_path)
    read = {_article_key(f.article.source) for f in facts}
    report.missing = sorted(g.source for g in gold if g.path not in read)
    report.articles = len(labelled)

    linked = link_events(m for f in facts for m in f.events)
    event_of = linked.by_mention
    gold_reports: list[tuple[str, str, str | None]] = []  # (article, gold key, matched report id)
    reports: dict[str, tuple[str, str]] = {}  # report id -> (article source, merged event id)

    def error(kind: str, source: str, **detail: Any) -> None:
        report.errors.append({"kind": kind, "source": source, **detail})

    gold_event_values: dict[str, dict[str, set[str | None]]] = {}
    gold_pair_dates: dict[str, set[str]] = {}
    for facts_ in labelled:
        for claim in by_path[_article_key(facts_.article.source)].partnerships:
            if claim.get("date") and claim["change"] != "mention":
                gold_pair_dates.setdefault(_pair(claim["parties"]), set()).add(claim["date"])
        for event in by_path[_article_key(facts_.article.source)].events:
            values = gold_event_values.setdefault(event["key"], {"date": set(), "place": set()})
            if event.get("date"):
                values["date"].add(event["date"])
            if event.get("place"):
                values["place"].add(names.place(event["place"]))

    for facts_ in labelled:
        g = by_path[_article_key(facts_.article.source)]
        source = g.source
        rated["published"].add(facts_.article.published == g.published)
        if facts_.article.published != g.published:
            error("published", source, gold=g.published, found=facts_.article.published)

        # The article's claim of a pair comes first; a dated earlier level of the same pair
        # (``change:earlier-level``) follows it and is not the article's claim.
        claims: dict[str, Any] = {}
        for c in linked.fill(facts_.partnerships):
            claims.setdefault(c.pair, c)
        gold_claims = {_pair(c["parties"]): c for c in g.partnerships}
        selections: tuple[tuple[str, Callable[[str], bool]], ...] = (
            ("announcement", lambda change: change in ANNOUNCEMENTS),
            ("claim", lambda change: True),
        )
        for kind, select in selections:
            wanted = {
                (p, c["change"] if kind == "claim" else "") for p, c in gold_claims.items() if select(c["change"])
            }
            found = {(p, c.change if kind == "claim" else "") for p, c in claims.items() if select(c.change)}
            missed, spurious = counted[kind].add(wanted, found)
            for pair in sorted({p for p, _ in missed | spurious}):
                error(
                    kind,
                    source,
                    pair=pair,
                    gold=gold_claims[pair]["change"] if pair in gold_claims else None,
                    found=claims[pair].change if pair in claims else None,
                )
        for pair in sorted(gold_claims.keys() & claims.keys()):
            want, got = gold_claims[pair], claims[pair]
            checks = [
                ("level", want["level"], got.level),
                ("previous_level", want.get("previous_level"), got.previous_level),
            ]
            if want["change"] != "mention":
                checks += [
                    ("date", want.get("date"), got.date.value),
                    ("place", names.place(want.get("place")), names.place(got.place)),
                ]
            for kind, expected, value in checks:
                right = _same_date(expected, value) if kind == "date" else expected == value
                if kind == "date" and expected is None:
                    right = right or value in gold_pair_dates.get(pair, set())  # filled from another report
                rated[kind].add(right)
                if not right:
                    error(kind, source, pair=pair, gold=expected, found=value)

        first_report = len(gold_reports)
        for event, mention in _match_events(g.events, list(facts_.events)):
            filled_by_others = gold_event_values.get(event["key"], {"date": set(), "place": set()})
            key = event["key"]
            gold_reports.append((source, key, mention.id if mention else None))
            if mention is None:
                counted["event"].false_negative += 1
                error("event", source, key=key, gold=_pair(event["parties"]), found=None)
                continue
            counted["event"].true_positive += 1
            merged = event_of[mention.id]
            for kind, expected, value in (
                ("event_date", event.get("date"), merged.date.value),
                ("event_place", names.place(event.get("place")), names.place(merged.place)),
            ):
                right = _same_date(expected, value) if kind == "event_date" else expected == value
                # A value this report lacks, filled in by another report of the event, is right.
                right = right or (expected is None and value in filled_by_others[kind.removeprefix("event_")])
                rated[kind].add(right)
                if not right:
                    error(kind, source, key=key, gold=expected, found=value)
            leaders = {names.leader(n) for n in event.get("leaders") or ()}
            missed_leaders, spurious_leaders = counted["leader"].add(leaders, set(mention.leaders))
            if missed_leaders or spurious_leaders:
                error("leader", source, key=key, missed=sorted(missed_leaders), spurious=sorted(spurious_leaders))
        matched = {ident for _, _, ident in gold_reports[first_report:]}  # this article's reports
        for mention in facts_.events:
            reports[mention.id] = (source, event_of[mention.id].id)
            if mention.id not in matched:
                counted["event"].false_positive += 1
                error("event", source, key=None, gold=None, found=_pair(mention.parties))

        supports = {(x["state"], names.initiative(x["initiative"])) for x in g.supports}
        missed_supports, spurious_supports = counted["support"].add(
            supports, {(x.state, x.initiative) for x in facts_.supports}
        )
        if missed_supports or spurious_supports:
            error("support", source, missed=sorted(missed_supports), spurious=sorted(spurious_supports))

    _score_merging(counted["event_merging"], reports, gold_reports, report)
    return report


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _score_merging(
    score: Score,
    reports: dict[str, tuple[str, str]],
    gold_reports: list[tuple[str, str, str | None]],
    report: EvalReport,
) -> None:
    """Pairwise merging over reports in different articles: a gold pair is two reports of one real
    event (one ``key``); a found pair is two reports merged into one event. A gold report that
    extraction missed leaves its pairs missed."""
    # Pairs are formed within one gold event and within one merged event only: a corpus of
    # 100,000 reports has billions of pairs, almost none of them in the same event.
    by_key: dict[str, list[str]] = {}
    for source, key, _ in gold_reports:
        by_key.setdefault(key, []).append(source)
    gold_pairs: set[tuple[str, str]] = set()
    for key, sources in by_key.items():
        for source_a, source_b in combinations(sources, 2):
            if source_a != source_b:
                gold_pairs.add(_ordered(f"{source_a}|{key}", f"{source_b}|{key}"))
    label = {ident: f"{source}|{key}" for source, key, ident in gold_reports if ident}
    by_event: dict[str, list[str]] = {}
    for ident in sorted(reports):
        by_event.setdefault(reports[ident][1], []).append(ident)
    found_pairs: set[tuple[str, str]] = set()
    for a, b in (pair for idents in by_event.values() for pair in combinations(idents, 2)):
        (source_a, _), (source_b, _) = reports[a], reports[b]
        if source_a != source_b:
            found_pairs.add(_ordered(label.get(a, f"{source_a}|report {a}"), label.get(b, f"{source_b}|report {b}")))
    missed, spurious = score.add(gold_pairs, found_pairs)
    for a, b in sorted(missed):
        report.errors.append({"kind": "event_merging", "source": a, "gold": "one event", "found": f"apart from {b}"})
    for a, b in sorted(spurious):
        report.errors.append(
            {"kind": "event_merging", "source": a, "gold": "different events", "found": f"merged with {b}"}
        )
