"""What changed in the partnership network between two dates.

A pair's partnership on ``since`` is compared with its partnership on ``until``: absent then and
present now is *established*, a higher rank *upgraded*, a lower rank *downgraded*, the same rank
under another label *relabelled*, present then and absent now *ended*. A partnership the graph first
knows from a report of an upgrade (or downgrade) is *upgraded* (*downgraded*), not established: from
the ``previous_level`` the report gives, or with the note "earlier level not recorded". Events dated after
``since`` and up to ``until`` are listed with it; the partnerships and events no source dates are
listed apart (``undated``, ``undated_events``), since no period can say whether they fall in it.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n in ("CHN", "KGZ"): g.add_node(n, label="State", name=n)
>>> _ = g.add_edge("CHN", "KGZ", type="PARTNERSHIP", level="strategic partnership", rank=30,
...                valid_from="2013-09-11", valid_to="2018-06-06")
>>> _ = g.add_edge("CHN", "KGZ", type="PARTNERSHIP", level="comprehensive strategic partnership", rank=40,
...                valid_from="2018-06-06")
>>> [(c.kind, c.rank_before, c.rank_after) for c in network_diff(g, "2015-01-01", "2019-01-01").partnerships]
[('upgraded', 30, 40)]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from entente.graph.snapshot import UndatedEvent, UndatedPartnership, undated_facts, valid_on

__all__ = ["CHANGE_KINDS", "EventRecord", "NetworkDiff", "PartnershipChange", "network_diff"]

CHANGE_KINDS = ("established", "upgraded", "downgraded", "relabelled", "ended")
#: How a pair's first known interval began, by the change its reports announce.
_FIRST_KNOWN = {"upgrade": "upgraded", "downgrade": "downgraded"}


@dataclass(frozen=True)
class PartnershipChange:
    kind: str
    a: str
    a_name: str
    b: str
    b_name: str
    level_before: str | None
    rank_before: int | None
    level_after: str | None
    rank_after: int | None
    date: str | None  # when the new level began (or the old one ended)
    note: str | None = None  # "earlier level not recorded": an upgrade whose earlier level no report gives

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EventRecord:
    id: str
    date: str
    kind: str
    parties: list[str]
    place: str | None
    leaders: list[str]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class NetworkDiff:
    since: str
    until: str
    partnerships: list[PartnershipChange] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    #: Partnerships no source dates: no period can say whether they changed in it.
    undated: list[UndatedPartnership] = field(default_factory=list)
    #: Events with no year: no period can say whether they fell in it.
    undated_events: list[UndatedEvent] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[PartnershipChange]:
        return [c for c in self.partnerships if c.kind == kind]

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.since,
            "to": self.until,
            "partnerships": [c.as_dict() for c in self.partnerships],
            "events": [e.as_dict() for e in self.events],
            "undated": [u.as_dict() for u in self.undated],
            "undated_events": [e.as_dict() for e in self.undated_events],
        }


def _held(graph: nx.MultiDiGraph[str], day: str) -> dict[tuple[str, str], dict[str, Any]]:
    """The partnership of each pair on ``day`` (the highest rank if sources left two)."""
    held: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("type") == "PARTNERSHIP" and valid_on(data, day):
            pair = (u, v) if u <= v else (v, u)
            if pair not in held or (data.get("rank") or 0) > (held[pair].get("rank") or 0):
                held[pair] = data
    return held


def _kind(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str | None:
    if before is None:
        return _FIRST_KNOWN.get(after.get("change") or "", "established") if after else None
    if after is None:
        return "ended"
    rank_before, rank_after = before.get("rank") or 0, after.get("rank") or 0
    if rank_after > rank_before:
        return "upgraded"
    if rank_after < rank_before:
        return "downgraded"
    return "relabelled" if before.get("level") != after.get("level") else None


def network_diff(graph: nx.MultiDiGraph[str], since: str, until: str) -> NetworkDiff:
    """Partnership changes from ``since`` to ``until`` (ISO days) and the events in ``(since, until]``.

    Changes are ordered by kind (established, upgraded, downgraded, relabelled, ended), then pair.
    """
    if until < since:
        raise ValueError(f"the period ends ({until}) before it starts ({since}); give the earlier date first")
    before, after = _held(graph, since), _held(graph, until)
    diff = NetworkDiff(since, until)
    for pair in sorted(set(before) | set(after)):
        old, new = before.get(pair), after.get(pair)
        kind = _kind(old, new)
        if kind is None:
            continue
        a, b = pair
        note = None
        if old is None and new is not None and kind != "established":
            old = {"level": new.get("previous_level"), "rank": None}
            note = None if old["level"] else "earlier level not recorded"
        diff.partnerships.append(
            PartnershipChange(
                kind=kind,
                a=a,
                a_name=graph.nodes[a].get("name", a),
                b=b,
                b_name=graph.nodes[b].get("name", b),
                level_before=old.get("level") if old else None,
                rank_before=old.get("rank") if old else None,
                level_after=new.get("level") if new else None,
                rank_after=new.get("rank") if new else None,
                date=new.get("valid_from") if new else old.get("valid_to") if old else None,
                note=note,
            )
        )
    diff.partnerships.sort(key=lambda c: (CHANGE_KINDS.index(c.kind), c.a, c.b))
    leaders: dict[str, list[str]] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("type") == "ATTENDED":
            leaders.setdefault(v, []).append(graph.nodes[u].get("name", u))
    for node, data in graph.nodes(data=True):
        if data.get("label") == "Event" and data.get("date") and since < data["date"] <= until:
            diff.events.append(
                EventRecord(
                    id=node,
                    date=data["date"],
                    kind=data.get("kind", ""),
                    parties=list(data.get("parties") or []),
                    place=data.get("place"),
                    leaders=sorted(leaders.get(node, [])),
                )
            )
    diff.events.sort(key=lambda e: (e.date, e.id))
    undated = undated_facts(graph)
    diff.undated, diff.undated_events = undated.partnerships, undated.events
    return diff
