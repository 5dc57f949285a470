"""Typed records at the boundary between extraction and the graph.

An :class:`Article` goes in; :class:`ArticleFacts` (partnership claims, event mentions, leader
mentions, initiative support, joint documents) comes out, every fact with its
:class:`Evidence`. Events merged across articles are :class:`Event` records.

All records are frozen dataclasses that round-trip through plain JSON-able dicts
(:func:`to_dict` / ``from_dict``), which is how both stores keep them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CHANGES",
    "CHANGE_STRENGTH",
    "Article",
    "ArticleFacts",
    "Event",
    "EventMention",
    "Evidence",
    "FuzzyDate",
    "JointDocument",
    "LeaderMention",
    "PartnershipClaim",
    "Party",
    "SupportClaim",
    "stable_id",
    "to_dict",
]

#: The kinds of partnership change, weakest first (one claim per pair and article keeps the strongest).
CHANGES = ("mention", "reaffirm", "downgrade", "establish", "upgrade")
CHANGE_STRENGTH = {name: i for i, name in enumerate(CHANGES)}


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, deterministic id from the given parts.

    >>> stable_id("BLR", "CHN", "2022-09-15") == stable_id("BLR", "CHN", "2022-09-15")
    True
    >>> len(stable_id("BLR", "CHN"))
    16
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a JSON-able dict (tuples become lists).

    >>> to_dict(FuzzyDate("2022-09-15", "day"))
    {'value': '2022-09-15', 'precision': 'day', 'basis': None}
    """
    plain: dict[str, Any] = _plain(record)
    return plain


@functools.cache
def _field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    # Hand-rolled rather than dataclasses.asdict + a JSON round trip: it runs on every fact of every article.
    if dataclasses.is_dataclass(value):
        # mypy reads a class's __hash__ as unbound, so a class is not Hashable to it.
        names = _field_names(type(value))  # type: ignore[arg-type]
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Article:
    """One news article, its text cleaned of page furniture."""

    id: str
    source: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    published_basis: str | None = None  # "metadata", "page", "option", "dateline" or None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(**d)


@dataclass(frozen=True)
class Evidence:
    """Where a fact stands: the article, a character span of its text, the sentence, the rule."""

    article: str
    source: str
    start: int
    end: int
    text: str
    rule: str

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(**d)


@dataclass(frozen=True, order=True)
class Party:
    """A state (ISO 3166-1 alpha-3 id) or an organisation acting as a party (``EU``, ``ASEAN``)."""

    id: str
    name: str
    kind: str = "state"  # "state" or "organization"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Party:
        return cls(**d)


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to a precision: ``2022-09-15`` (day), ``2022-09`` (month), ``2022`` (year),
    ``--09-23`` (day and month, year unknown), or nothing."""

    value: str | None = None
    precision: str | None = None  # "day", "month", "year" or None
    basis: str | None = None  # how it was found: "text", "relative", "published", "event", ...

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def has_year(self) -> bool:
        return self.value is not None and not self.value.startswith("--")

    def sort_key(self) -> str:
        """A key that sorts dated values chronologically and unknown ones last."""
        if self.value is None or self.value.startswith("--"):  # not has_year
            return "9999"
        return self.value  # ISO strings of mixed precision sort by their prefix

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> FuzzyDate:
        return cls(**d) if d else cls()


@dataclass(frozen=True)
class PartnershipClaim:
    """What one article says about the partnership level of one pair."""

    id: str
    article: str
    source: str
    parties: tuple[Party, Party]
    level: str
    rank: int
    change: str
    qualifiers: tuple[str, ...] = ()
    previous_level: str | None = None
    date: FuzzyDate = field(default_factory=FuzzyDate)
    place: str | None = None
    event: str | None = None
    evidence: Evidence | None = None

    @property
    def pair(self) -> str:
        return "|".join(p.id for p in self.parties)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PartnershipClaim:
        d = dict(d)
        d["parties"] = tuple(Party.from_dict(p) for p in d["parties"])
        d["qualifiers"] = tuple(d.get("qualifiers") or ())
        d["date"] = FuzzyDate.from_dict(d.get("date"))
        d["evidence"] = Evidence.from_dict(d["evidence"]) if d.get("evidence") else None
        return cls(**d)


@dataclass(frozen=True)
class EventMention:
    """A meeting, talks, visit, summit or call as one article reports it."""

    id: str
    article: str
    source: str
    kind: str
    parties: tuple[str, ...]
    leaders: tuple[str, ...] = ()
    date: FuzzyDate = field(default_factory=FuzzyDate)
    place: str | None = None
    place_state: str | None = None
    published: str | None = None
    evidence: Evidence | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventMention:
        d = dict(d)
        d["parties"] = tuple(d["parties"])
        d["leaders"] = tuple(d.get("leaders") or ())
        d["date"] = FuzzyDate.from_dict(d.get("date"))
        d["evidence"] = Evidence.from_dict(d["evidence"]) if d.get("evidence") else None
        return cls(**d)


@dataclass(frozen=True)
class LeaderMention:
    """A leader as named in one article, resolved to one entity, with the reason."""

    id: str
    name: str
    title: str | None
    state: str | None
    surface: str
    resolution: str
    article: str
    source: str
    evidence: Evidence | None = None
    offices: tuple[tuple[str, str, str], ...] = ()  # (title, from, to) from the knowledge base

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LeaderMention:
        d = dict(d)
        d["offices"] = tuple(tuple(o) for o in d.get("offices") or ())
        d["evidence"] = Evidence.from_dict(d["evidence"]) if d.get("evidence") else None
        return cls(**d)


@dataclass(frozen=True)
class SupportClaim:
    """A state's support for an initiative, as one article states it."""

    state: str
    initiative: str
    initiative_name: str
    article: str
    source: str
    evidence: Evidence | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SupportClaim:
        d = dict(d)
        d["evidence"] = Evidence.from_dict(d["evidence"]) if d.get("evidence") else None
        return cls(**d)


@dataclass(frozen=True)
class JointDocument:
    """A joint statement, declaration or agreement the parties signed or issued."""

    id: str
    title: str
    parties: tuple[str, ...]
    event: str | None
    article: str
    source: str
    evidence: Evidence | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> JointDocument:
        d = dict(d)
        d["parties"] = tuple(d["parties"])
        d["evidence"] = Evidence.from_dict(d["evidence"]) if d.get("evidence") else None
        return cls(**d)


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    partnerships: tuple[PartnershipClaim, ...] = ()
    events: tuple[EventMention, ...] = ()
    leaders: tuple[LeaderMention, ...] = ()
    supports: tuple[SupportClaim, ...] = ()
    documents: tuple[JointDocument, ...] = ()
    initiatives: tuple[str, ...] = ()  # ids of the initiatives the article names

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleFacts:
        return cls(
            article=Article.from_dict(d["article"]),
            partnerships=tuple(PartnershipClaim.from_dict(x) for x in d.get("partnerships", ())),
            events=tuple(EventMention.from_dict(x) for x in d.get("events", ())),
            leaders=tuple(LeaderMention.from_dict(x) for x in d.get("leaders", ())),
            supports=tuple(SupportClaim.from_dict(x) for x in d.get("supports", ())),
            documents=tuple(JointDocument.from_dict(x) for x in d.get("documents", ())),
            initiatives=tuple(d.get("initiatives", ())),
        )


@dataclass(frozen=True)
class Event:
    """One real-world event, merged from the reports of one or more articles."""

    id: str
    kind: str
    parties: tuple[str, ...]
    leaders: tuple[str, ...]
    date: FuzzyDate
    place: str | None
    place_state: str | None
    sources: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: tuple[str, ...]
    reason: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        d = dict(d)
        for key in ("parties", "leaders", "sources", "articles", "mentions"):
            d[key] = tuple(d.get(key) or ())
        d["date"] = FuzzyDate.from_dict(d.get("date"))
        return cls(**d)
