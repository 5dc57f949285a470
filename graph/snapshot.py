"""The graph as it stood on a date, and the partnership network analysis runs on.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("BLR", label="State", name="Belarus"); g.add_node("CHN", label="State", name="China")
>>> _ = g.add_edge("BLR", "CHN", key="p1", type="PARTNERSHIP", level="comprehensive strategic partnership", rank=40,
...                valid_from="2013-07-16", valid_to="2022-09-15")
>>> _ = g.add_edge("BLR", "CHN", key="p2", type="PARTNERSHIP", level="all-weather comprehensive strategic partnership",
...                rank=54, valid_from="2022-09-15")
>>> [d["level"] for _, _, d in as_of(g, "2022-09-14").edges(data=True)]
['comprehensive strategic partnership']
>>> [d["level"] for _, _, d in as_of(g, "2022-09-15").edges(data=True)]
['all-weather comprehensive strategic partnership']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, ClassVar

import networkx as nx

__all__ = [
    "UndatedEvent",
    "UndatedFacts",
    "UndatedPartnership",
    "UndatedSupport",
    "as_of",
    "graph_span",
    "parse_day",
    "partnership_network",
    "span_note",
    "undated_facts",
    "undated_partnerships",
    "valid_on",
]


def parse_day(value: str | dt.date | None) -> str:
    """An ISO day from a user's value (``None`` is today, UTC); raises ValueError when malformed."""
    if value is None:
        return dt.datetime.now(dt.UTC).date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value.strip()).isoformat()


def valid_on(data: dict[str, Any], day: str) -> bool:
    """Whether an interval edge held on ``day``: ``valid_from <= day < valid_to`` (open end while current)."""
    start = data.get("valid_from")
    if not start:
        return False
    end = data.get("valid_to")
    return start <= day and (not end or day < end)


def as_of(graph: nx.MultiDiGraph[str], day: str) -> nx.MultiDiGraph[str]:
    """The graph on ``day``: partnerships valid then, events and articles up to then, offices held then."""
    keep: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        label = data.get("label")
        if label == "Event" and (not data.get("date") or data["date"] > day):
            continue
        if label == "Article" and data.get("published") and data["published"] > day:
            continue
        keep.add_node(node, **data)
    for u, v, key, data in graph.edges(keys=True, data=True):
        if u not in keep or v not in keep:
            continue
        kind = data.get("type")
        if kind == "PARTNERSHIP" and not valid_on(data, day):
            continue
        if kind == "SUPPORTS" and data.get("since") and data["since"] > day:
            continue
        if kind == "HOLDS_OFFICE":
            start, end = data.get("from") or "", data.get("to") or ""
            if (start and start[: len(day)] > day) or (end and end < day[: len(end)]):
                continue
        keep.add_edge(u, v, key=key, **data)
    return keep


def partnership_network(graph: nx.MultiDiGraph[str], day: str) -> nx.Graph[str]:
    """Undirected graph of the partnerships valid on ``day``; edge ``weight`` is the rank.

    Parties without a partnership that day are left out.
    """
    network: nx.Graph[str] = nx.Graph()
    for u, v, data in graph.edges(data=True):
        if data.get("type") != "PARTNERSHIP" or not valid_on(data, day):
            continue
        for node in (u, v):
            if node not in network:
                network.add_node(node, name=graph.nodes[node].get("name", node), label=graph.nodes[node].get("label"))
        rank = float(data.get("rank") or 0)
        if not network.has_edge(u, v) or network[u][v]["weight"] < rank:
            network.add_edge(u, v, weight=rank, level=data.get("level"))
    return network


@dataclass(frozen=True)
class UndatedPartnership:
    """A partnership no source dates: it is stored, but no date's network can hold it."""

    KIND: ClassVar[str] = "partnership"

    a: str
    a_name: str
    b: str
    b_name: str
    level: str
    sources: list[str]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def row(self) -> dict[str, Any]:
        """The row a table or Markdown listing shows."""
        return {"pair": f"{self.a}–{self.b}", "level": self.level, "sources": ", ".join(self.sources)}

    def __str__(self) -> str:
        return f"{self.a}–{self.b} {self.level}"


def undated_partnerships(graph: nx.MultiDiGraph[str]) -> list[UndatedPartnership]:
    """The partnerships with no start date (left out of every :func:`as_of` snapshot), by pair.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("TLS", "CHN", type="PARTNERSHIP", level="strategic partnership", basis="undated")
    >>> [str(u) for u in undated_partnerships(g)]
    ['CHN–TLS strategic partnership']
    """
    found = []
    for u, v, data in graph.edges(data=True):
        if data.get("type") == "PARTNERSHIP" and not data.get("valid_from"):
            a, b = sorted((u, v))
            found.append(
                UndatedPartnership(
                    a=a,
                    a_name=graph.nodes[a].get("name", a),
                    b=b,
                    b_name=graph.nodes[b].get("name", b),
                    level=data.get("level", ""),
                    sources=sorted(data.get("source_paths") or data.get("sources") or []),
                )
            )
    return sorted(found, key=lambda x: (x.a, x.b, x.level))


@dataclass(frozen=True)
class UndatedEvent:
    """An event with no year (no date, or a day with no year, ``--09-23``): left out of every snapshot."""

    KIND: ClassVar[str] = "event"

    id: str
    kind: str
    parties: list[str]
    place: str | None
    date_text: str | None  # the day as the reports give it (``--09-23``), or None
    sources: list[str]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def row(self) -> dict[str, Any]:
        """The row a table or Markdown listing shows (``day``: as the reports give it, year unknown)."""
        return {
            "kind": self.kind,
            "parties": "–".join(self.parties),
            "place": self.place,
            "day": self.date_text,
            "sources": ", ".join(self.sources),
        }

    def __str__(self) -> str:
        where = f" in {self.place}" if self.place else ""
        when = f" on {self.date_text} (year unknown)" if self.date_text else " (no date)"
        return f"{self.kind} {'–'.join(self.parties)}{where}{when}"


@dataclass(frozen=True)
class UndatedSupport:
    """Support for an initiative no dated article states: kept in every snapshot, with no ``since``."""

    KIND: ClassVar[str] = "support"

    party: str
    party_name: str
    initiative: str
    initiative_name: str
    sources: list[str]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def row(self) -> dict[str, Any]:
        """The row a table or Markdown listing shows."""
        return {"party": self.party, "initiative": self.initiative, "sources": ", ".join(self.sources)}

    def __str__(self) -> str:
        return f"{self.party} supports {self.initiative}"


@dataclass(frozen=True)
class UndatedFacts:
    """Every fact of a graph no source dates, by kind.

    A snapshot (:func:`as_of`) leaves out the undated partnerships and events (no date can place
    them) and keeps the undated supports (with no ``since``); the whole history keeps all three.
    """

    partnerships: list[UndatedPartnership]
    events: list[UndatedEvent]
    supports: list[UndatedSupport]

    #: The kinds :func:`as_of` leaves out; the others stay in a snapshot.
    LEFT_OUT_OF_SNAPSHOTS: ClassVar[tuple[str, ...]] = ("partnerships", "events")

    def by_kind(self) -> dict[str, list[Any]]:
        return {"partnerships": self.partnerships, "events": self.events, "supports": self.supports}

    @property
    def count(self) -> int:
        return len(self.partnerships) + len(self.events) + len(self.supports)

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {kind: [item.as_dict() for item in items] for kind, items in self.by_kind().items()}


def _undated_events(graph: nx.MultiDiGraph[str]) -> list[UndatedEvent]:
    found = [
        UndatedEvent(
            id=str(data.get("id", node)),
            kind=data.get("kind", ""),
            parties=list(data.get("parties") or []),
            place=data.get("place"),
            date_text=data.get("date_text"),
            sources=sorted(data.get("sources") or []),
        )
        for node, data in graph.nodes(data=True)
        if data.get("label") == "Event" and not data.get("date")
    ]
    return sorted(found, key=lambda e: (e.parties, e.kind, e.date_text or "", e.id))


def _undated_supports(graph: nx.MultiDiGraph[str]) -> list[UndatedSupport]:
    found = [
        UndatedSupport(
            party=u,
            party_name=graph.nodes[u].get("name", u),
            initiative=v,
            initiative_name=graph.nodes[v].get("name", v),
            sources=sorted(data.get("source_paths") or data.get("sources") or []),
        )
        for u, v, data in graph.edges(data=True)
        if data.get("type") == "SUPPORTS" and not data.get("since")
    ]
    return sorted(found, key=lambda s: (s.party, s.initiative))


def undated_facts(graph: nx.MultiDiGraph[str]) -> UndatedFacts:
    """The partnerships, events and supports of ``graph`` that no source dates.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e1", label="Event", kind="meeting", parties=["CHN", "LAO"], place="Vientiane", date_text="--09-23")
    >>> _ = g.add_edge("LAO", "GDI", type="SUPPORTS", sources=["a1"])
    >>> facts = undated_facts(g)
    >>> facts.count, [str(e) for e in facts.events], [str(s) for s in facts.supports]
    (2, ['meeting CHN–LAO in Vientiane on --09-23 (year unknown)'], ['LAO supports GDI'])
    """
    return UndatedFacts(undated_partnerships(graph), _undated_events(graph), _undated_supports(graph))


def graph_span(graph: nx.MultiDiGraph[str]) -> tuple[str, str] | None:
    """The first and last day the graph says anything about: partnership starts and ends, event days.

    ``None`` when it holds neither partnerships nor dated events.
    """
    days = [d["date"] for _, d in graph.nodes(data=True) if d.get("label") == "Event" and d.get("date")]
    for _, _, data in graph.edges(data=True):
        if data.get("type") == "PARTNERSHIP":
            days += [data[k] for k in ("valid_from", "valid_to") if data.get(k)]
    days = [str(day)[:10] for day in days]
    return (min(days), max(days)) if days else None


def span_note(graph: nx.MultiDiGraph[str], *days: str) -> str:
    """Why an answer about ``days`` may be empty: the span the graph covers, and any day outside it.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e", label="Event", date="2022-09-15")
    >>> span_note(g, "1990-01-01")
    'the graph covers 2022-09-15 to 2022-09-15; 1990-01-01 is before it begins'
    >>> span_note(nx.MultiDiGraph())
    'the store holds no partnerships or events yet'
    """
    span = graph_span(graph)
    if span is None:
        return "the store holds no partnerships or events yet"
    note = f"the graph covers {span[0]} to {span[1]}"
    for day in days:
        if day < span[0]:
            note += f"; {day} is before it begins"
        elif day > span[1]:
            note += f"; {day} is after its last fact"
    return note
