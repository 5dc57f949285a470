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
from typing import Any

import networkx as nx

__all__ = [
    "UndatedPartnership",
    "as_of",
    "graph_span",
    "parse_day",
    "partnership_network",
    "span_note",
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

    a: str
    a_name: str
    b: str
    b_name: str
    level: str
    sources: list[str]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

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
