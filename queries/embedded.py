"""The named queries on the embedded store: one function per ``.cypher`` file, the same rows.

The ``.cypher`` files are the source people paste into Neo4j Browser; each function here answers
the same question on the networkx graph of the embedded store and returns the rows the Cypher
returns on Neo4j for the same corpus (``tests/test_query_parity.py`` runs every query on both
stores and compares). Cypher's rules are followed where they show in the rows: ``ORDER BY`` puts
nulls last going up and first going down, ``collect`` skips nulls, ``min``/``max`` ignore them, a
missing property reads as null. Lists a Cypher query collects come back sorted on both stores (the
parity test sorts Neo4j's, whose order is unspecified).

Graph-returning queries (for Browser's graph view) give nodes and relationships by their ``id``
property, and a path as ``{"nodes": [...], "relationships": [...]}``, the way
:meth:`entente.graph.neo4j_store.Neo4jStore.run_query` renders them.

The graph is a ``MultiDiGraph`` whose nodes carry ``label`` and their properties, and whose edges
carry ``type`` and their properties, Claim nodes and ``ABOUT``/``SOURCED_FROM`` edges included
(``EmbeddedStore.read_graph(evidence=True)``). Like the rest of this package, the module imports
nothing of Entente but ``entente.errors`` (through :mod:`entente.queries`).

(grand-cypher 1.2.0, which runs Cypher on networkx graphs, was measured on this library first: it
parsed none of the fifteen queries of commit ba1c8be, failing on ``date()``, label tests in ``WHERE``, a second
``MATCH``, ``OPTIONAL MATCH`` and ``CALL`` subqueries; see ``bench/grand_cypher_coverage.py``.)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

from entente.queries import QueryError

if TYPE_CHECKING:
    import networkx as nx

    Graph: TypeAlias = nx.MultiDiGraph[str]

__all__ = ["QUERY_FUNCTIONS", "run_embedded"]

Row = dict[str, Any]
_PARTY = ("State", "Organization")


# -- Cypher's semantics, as far as the library uses them ---------------------------------------


def _up(value: Any) -> Any:
    """An ascending sort key: nulls last."""
    return (1, 0) if value is None else (0, value)


def _down(value: float | None) -> tuple[int, float]:
    """A descending sort key for a number: nulls first (Cypher's ``DESC``)."""
    return (0, 0.0) if value is None else (1, -value)


def _lower(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _valid(data: dict[str, Any], day: str) -> bool:
    """``p.valid_from <= date($date) AND (p.valid_to IS NULL OR date($date) < p.valid_to)``."""
    start, end = data.get("valid_from"), data.get("valid_to")
    return start is not None and start <= day and (end is None or day < end)


def _limit(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise QueryError(f"--param limit={value!r} is not a whole number; use for example 10") from None


def _nodes(graph: Graph, *labels: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for node, data in graph.nodes(data=True):
        if data.get("label") in labels:
            yield node, data


def _named(graph: Graph, labels: tuple[str, ...], key: str, *, aliases: bool = False) -> list[str]:
    """Nodes with one of ``labels`` whose id is ``key`` or whose name (or an alias) is ``key`` in any case."""
    wanted = key.lower()
    found = []
    for node, data in _nodes(graph, *labels):
        names = [data.get("name"), *(data.get("aliases") or [] if aliases else [])]
        if data.get("id") == key or any(_lower(name) == wanted for name in names):
            found.append(node)
    return found


def _edges(graph: Graph, kind: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for u, v, data in graph.edges(data=True):
        if data.get("type") == kind:
            yield u, v, data


def _out(graph: Graph, node: str, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for _, v, data in graph.out_edges(node, data=True):
        if data.get("type") == kind:
            yield v, data


def _in(graph: Graph, node: str, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for u, _, data in graph.in_edges(node, data=True):
        if data.get("type") == kind:
            yield u, data


def _either(graph: Graph, node: str, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(node)-[:KIND]-(other)``: both directions."""
    yield from _out(graph, node, kind)
    yield from _in(graph, node, kind)


def _prop(graph: Graph, node: str, key: str) -> Any:
    return graph.nodes[node].get(key)


def _collected(values: Iterable[Any]) -> list[Any]:
    """``collect(DISTINCT x)``, nulls skipped, sorted."""
    return sorted({v for v in values if v is not None})


# -- the tables -----------------------------------------------------------------------------


#: What the change queries say of an upgrade or downgrade whose earlier level no report gives.
NOT_RECORDED = "earlier level not recorded"


def _before(rel: dict[str, Any]) -> Any:
    """The earlier level of an interval: its ``previous_level``, else the note for a change that had one."""
    if rel.get("previous_level") is not None:
        return rel["previous_level"]
    return NOT_RECORDED if rel.get("change") in ("upgrade", "downgrade") else None


def changes_between(graph: Graph, p: dict[str, str]) -> list[Row]:
    since, until = p["from"], p["to"]
    rows: list[Row] = []
    partnerships = list(_edges(graph, "PARTNERSHIP"))
    for a, b, rel in partnerships:
        start, end = rel.get("valid_from"), rel.get("valid_to")
        parties = [_prop(graph, a, "id"), _prop(graph, b, "id")]
        if start is not None and since < start <= until:
            rows.append(
                {
                    "date": start,
                    "what": rel.get("change"),
                    "parties": parties,
                    "detail": rel.get("level"),
                    "before": _before(rel),
                }
            )
        if end is not None and since < end <= until:
            followed = any(x == a and y == b and other.get("valid_from") == end for x, y, other in partnerships)
            if not followed:
                level = rel.get("level")
                rows.append({"date": end, "what": "end", "parties": parties, "detail": level, "before": level})
    for _, event in _nodes(graph, "Event"):
        day = event.get("date")
        if day is not None and since < day <= until:
            place = event.get("place")
            kind = event.get("kind")
            detail = None if kind is None else kind + ("" if place is None else f" in {place}")
            rows.append(
                {"date": day, "what": "event", "parties": event.get("parties"), "detail": detail, "before": None}
            )
    return sorted(rows, key=lambda r: (_up(r["date"]), _up(r["what"]), _up(r["parties"])))


def _event_row(graph: Graph, event: str, place: Any) -> Row:
    data = graph.nodes[event]
    return {
        "event": data.get("id"),
        "kind": data.get("kind"),
        "date": data.get("date"),
        "place": place,
        "parties": _collected(_prop(graph, party, "id") for party, _ in _out(graph, event, "INVOLVES")),
        "leaders": _collected(_prop(graph, leader, "name") for leader, _ in _in(graph, event, "ATTENDED")),
        "sources": data.get("sources"),
    }


def _by_date_and_event(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (_up(r["date"]), _up(r["event"])))


def events_at_place(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        _event_row(graph, event, _prop(graph, place, "name"))
        for place in _named(graph, ("Place",), p["place"])
        for event, _ in _in(graph, place, "HELD_IN")
    ]
    return _by_date_and_event(rows)


def events_in_period(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        _event_row(graph, event, data.get("place"))
        for event, data in _nodes(graph, "Event")
        if data.get("date") is not None and p["from"] <= data["date"] <= p["to"]
    ]
    return _by_date_and_event(rows)


def evidence(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows: list[Row] = []
    for x in _named(graph, _PARTY, p["a"]):
        for y in _named(graph, _PARTY, p["b"]):
            for claim, _ in _nodes(graph, "Claim"):
                about = [target for target, _ in _out(graph, claim, "ABOUT")]
                # two different ABOUT relationships: one to x, one to y (Cypher never reuses one)
                if x not in about or y not in about or (x == y and about.count(x) < 2):
                    continue
                c = graph.nodes[claim]
                for article, link in _out(graph, claim, "SOURCED_FROM"):
                    art = graph.nodes[article]
                    rows.append(
                        {
                            "kind": c.get("kind"),
                            "level": c.get("level"),
                            "change": c.get("change"),
                            "source": art.get("source"),
                            "published": art.get("published"),
                            "start": link.get("start"),
                            "end": link.get("end"),
                            "sentence": c.get("evidence_text"),
                            "rule": c.get("rule"),
                            "_claim": c.get("id"),
                        }
                    )
    rows.sort(key=lambda r: (_up(r["published"]), _up(r["source"]), _up(r["kind"]), _up(r["start"]), _up(r["_claim"])))
    for row in rows:
        del row["_claim"]
    return rows


def initiative_supporters(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        {
            "supporter_id": _prop(graph, supporter, "id"),
            "supporter": _prop(graph, supporter, "name"),
            "initiative": _prop(graph, initiative, "name"),
            "since": rel.get("since"),
            "sources": rel.get("source_paths"),
        }
        for initiative in _named(graph, ("Initiative",), p["initiative"])
        for supporter, rel in _in(graph, initiative, "SUPPORTS")
    ]
    return sorted(rows, key=lambda r: _up(r["supporter_id"]))


def leaders_met(graph: Graph, p: dict[str, str]) -> list[Row]:
    met: dict[str, set[str]] = {}
    for leader in _named(graph, ("Leader",), p["leader"], aliases=True):
        for event, _ in _out(graph, leader, "ATTENDED"):
            for other, _ in _in(graph, event, "ATTENDED"):
                if other != leader:
                    met.setdefault(other, set()).add(event)
    rows = []
    for other, events in met.items():
        dates = [d for d in (_prop(graph, e, "date") for e in events) if d is not None]
        rows.append(
            {
                "leader_id": _prop(graph, other, "id"),
                "leader": _prop(graph, other, "name"),
                "state": _prop(graph, other, "state"),
                "events": len(events),
                "first": min(dates, default=None),
                "last": max(dates, default=None),
                "places": _collected(_prop(graph, e, "place") for e in events),
            }
        )
    return sorted(rows, key=lambda r: (_down(r["events"]), _up(r["first"]), _up(r["leader_id"])))


def most_active_leaders(graph: Graph, p: dict[str, str]) -> list[Row]:
    limit = _limit(p["limit"])
    rows = []
    for leader, data in _nodes(graph, "Leader"):
        events = {event for event, _ in _out(graph, leader, "ATTENDED")}
        if not events:
            continue
        state = data.get("state")
        counterparts = {
            party
            for event in events
            for party, _ in _out(graph, event, "INVOLVES")
            if state is not None and _prop(graph, party, "id") is not None and _prop(graph, party, "id") != state
        }
        dates = [d for d in (_prop(graph, e, "date") for e in events) if d is not None]
        rows.append(
            {
                "leader_id": data.get("id"),
                "leader": data.get("name"),
                "state": state,
                "events": len(events),
                "counterparts": len(counterparts),
                "first": min(dates, default=None),
                "last": max(dates, default=None),
            }
        )
    rows.sort(key=lambda r: (_down(r["events"]), _up(r["leader_id"])))
    return rows[: max(limit, 0)]


def _pair_row(graph: Graph, a: str, b: str) -> Row:
    return {
        "a": _prop(graph, a, "id"),
        "a_name": _prop(graph, a, "name"),
        "b": _prop(graph, b, "id"),
        "b_name": _prop(graph, b, "name"),
    }


def network_as_of(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        {**_pair_row(graph, a, b), "level": rel.get("level"), "rank": rel.get("rank"), "since": rel.get("valid_from")}
        for a, b, rel in _edges(graph, "PARTNERSHIP")
        if _valid(rel, p["date"])
    ]
    return sorted(rows, key=lambda r: (_down(r["rank"]), _up(r["a"]), _up(r["b"])))


def _partnerships_of(graph: Graph, party: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``MATCH (s) WHERE <s is party> MATCH (s)-[p:PARTNERSHIP]-(partner)``: (partner, p) pairs."""
    for state in _named(graph, _PARTY, party):
        yield from _either(graph, state, "PARTNERSHIP")


def _partner_row(graph: Graph, partner: str, rel: dict[str, Any]) -> Row:
    return {
        "partner_id": _prop(graph, partner, "id"),
        "partner": _prop(graph, partner, "name"),
        **{key: rel.get(key) for key in ("level", "rank", "qualifiers")},
    }


def partners_as_of(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        {**_partner_row(graph, partner, rel), "since": rel.get("valid_from")}
        for partner, rel in _partnerships_of(graph, p["state"])
        if _valid(rel, p["date"])
    ]
    return sorted(rows, key=lambda r: (_down(r["rank"]), _up(r["partner_id"])))


def partnership_history(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        {
            **_partner_row(graph, partner, rel),
            **{key: rel.get(key) for key in ("change", "valid_from", "valid_to", "sources")},
        }
        for partner, rel in _partnerships_of(graph, p["state"])
    ]
    return sorted(rows, key=lambda r: (_up(r["valid_from"]), _up(r["partner_id"]), _up(r["rank"])))


def _valid_links(graph: Graph, day: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Each party's partnerships valid on ``day``, both directions, in a fixed order."""
    links: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for a, b, rel in _edges(graph, "PARTNERSHIP"):
        if _valid(rel, day):
            links.setdefault(a, []).append((b, rel))
            links.setdefault(b, []).append((a, rel))
    for edges in links.values():
        edges.sort(key=lambda e: (str(e[0]), -(e[1].get("rank") or 0), str(e[1].get("id"))))
    return links


def _shortest(graph: Graph, x: str, y: str, day: str, longest: int = 8) -> list[tuple[str, dict[str, Any]]] | None:
    """The shortest path of partnerships valid on ``day`` from ``x`` to ``y`` (at most ``longest`` steps).

    Breadth first, neighbours by id: where several paths are equally short, Neo4j picks one of them
    and this picks the first by id, so only a unique shortest path is sure to agree.
    """
    links = _valid_links(graph, day)
    before: dict[str, tuple[str, dict[str, Any]] | None] = {x: None}
    queue = deque([(x, 0)])
    while queue:
        node, depth = queue.popleft()
        if node == y:
            steps: list[tuple[str, dict[str, Any]]] = []
            while (back := before[node]) is not None:
                steps.append((node, back[1]))
                node = back[0]
            return list(reversed(steps))
        if depth == longest:
            continue
        for other, rel in links.get(node, []):
            if other not in before:
                before[other] = (node, rel)
                queue.append((other, depth + 1))
    return None


def _paths(graph: Graph, p: dict[str, str]) -> Iterator[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    for x in _named(graph, _PARTY, p["a"]):
        for y in _named(graph, _PARTY, p["b"]):
            if x == y:
                raise QueryError(f"{p['a']!r} and {p['b']!r} are the same party: a path needs two")
            steps = _shortest(graph, x, y, p["date"])
            if steps:
                yield x, steps


def partnership_path(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = []
    for start, steps in _paths(graph, p):
        nodes = [start, *(node for node, _ in steps)]
        rows.append(
            {
                "path": [_prop(graph, n, "id") for n in nodes],
                "names": [_prop(graph, n, "name") for n in nodes],
                "levels": [rel.get("level") for _, rel in steps],
                "steps": len(steps),
            }
        )
    return rows


def rising_ties(graph: Graph, p: dict[str, str]) -> list[Row]:
    partnerships = list(_edges(graph, "PARTNERSHIP"))
    rows = []
    for a, b, rel in partnerships:
        if not _valid(rel, p["to"]):
            continue
        # OPTIONAL MATCH: no partnership on the earlier day is one row with nulls ({} here)
        earlier = [q for x, y, q in partnerships if x == a and y == b and _valid(q, p["from"])] or [{}]
        for q in earlier:
            before = q.get("rank")
            after = rel.get("rank")
            base = before if before is not None else 0
            if after is None or not after > base:
                continue
            rows.append(
                {
                    **_pair_row(graph, a, b),
                    "level_before": q.get("level"),
                    "rank_before": base,
                    "level_after": rel.get("level"),
                    "rank_after": after,
                    "rise": after - base,
                }
            )
    return sorted(rows, key=lambda r: (_down(r["rise"]), _up(r["a"]), _up(r["b"])))


def shared_partners(graph: Graph, p: dict[str, str]) -> list[Row]:
    day = p["date"]
    rows = []
    for x in _named(graph, _PARTY, p["a"]):
        for y in _named(graph, _PARTY, p["b"]):
            for shared, first in _either(graph, x, "PARTNERSHIP"):
                if shared in (x, y) or not _valid(first, day):
                    continue
                for other, second in _either(graph, shared, "PARTNERSHIP"):
                    if other != y or second is first or not _valid(second, day):
                        continue
                    rows.append(
                        {
                            "partner_id": _prop(graph, shared, "id"),
                            "partner": _prop(graph, shared, "name"),
                            "level_with_a": first.get("level"),
                            "level_with_b": second.get("level"),
                            "combined_rank": (first.get("rank") or 0) + (second.get("rank") or 0),
                        }
                    )
    return sorted(rows, key=lambda r: (_down(r["combined_rank"]), _up(r["partner_id"])))


def top_partnerships(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        {**_pair_row(graph, a, b), **{key: rel.get(key) for key in ("level", "rank", "valid_from", "valid_to")}}
        for a, b, rel in _edges(graph, "PARTNERSHIP")
    ]
    rows.sort(key=lambda r: (_down(r["rank"]), _up(r["valid_from"]), _up(r["a"]), _up(r["b"])))
    return rows[: max(_limit(p["limit"]), 0)]


def upgrades_in_period(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        {
            **_pair_row(graph, a, b),
            "level": rel.get("level"),
            "rank": rel.get("rank"),
            "change": rel.get("change"),
            "previous_level": _before(rel),
            "date": rel.get("valid_from"),
            "sources": rel.get("sources"),
        }
        for a, b, rel in _edges(graph, "PARTNERSHIP")
        if rel.get("change") in ("establish", "upgrade")
        and rel.get("valid_from") is not None
        and p["from"] <= rel["valid_from"] <= p["to"]
    ]
    return sorted(rows, key=lambda r: (_up(r["date"]), _up(r["a"]), _up(r["b"])))


# -- the graphs (nodes and relationships by id, for Browser's graph view) ----------------------


def network_graph(graph: Graph, p: dict[str, str]) -> list[Row]:
    rows = [
        {"a": _prop(graph, a, "id"), "p": rel.get("id"), "b": _prop(graph, b, "id"), "_rank": rel.get("rank")}
        for a, b, rel in _edges(graph, "PARTNERSHIP")
        if _valid(rel, p["date"])
    ]
    rows.sort(key=lambda r: (_down(r["_rank"]), _up(r["a"]), _up(r["b"])))
    return [{k: v for k, v in r.items() if k != "_rank"} for r in rows]


def ego_network(graph: Graph, p: dict[str, str]) -> list[Row]:
    day = p["date"]
    rows = []
    for state in _named(graph, _PARTY, p["state"]):
        centre = _prop(graph, state, "id")
        for partner, rel in _either(graph, state, "PARTNERSHIP"):
            if _valid(rel, day):
                rows.append({"centre": centre, "link": rel.get("id"), "node": _prop(graph, partner, "id"), "_kind": 0})
        for event, rel in _in(graph, state, "INVOLVES"):
            when = _prop(graph, event, "date")
            if when is not None and when <= day:
                rows.append({"centre": centre, "link": rel.get("id"), "node": _prop(graph, event, "id"), "_kind": 1})
    rows.sort(key=lambda r: (_up(r["centre"]), r["_kind"], _up(r["node"]), _up(r["link"])))
    return [{k: v for k, v in r.items() if k != "_kind"} for r in rows]


def path_graph(graph: Graph, p: dict[str, str]) -> list[Row]:
    return [
        {
            "path": {
                "nodes": [_prop(graph, n, "id") for n in [start, *(node for node, _ in steps)]],
                "relationships": [rel.get("id") for _, rel in steps],
            }
        }
        for start, steps in _paths(graph, p)
    ]


QUERY_FUNCTIONS: dict[str, Callable[[Graph, dict[str, str]], list[Row]]] = {
    "changes-between": changes_between,
    "ego-network": ego_network,
    "events-at-place": events_at_place,
    "events-in-period": events_in_period,
    "evidence": evidence,
    "initiative-supporters": initiative_supporters,
    "leaders-met": leaders_met,
    "most-active-leaders": most_active_leaders,
    "network-as-of": network_as_of,
    "network-graph": network_graph,
    "partners-as-of": partners_as_of,
    "partnership-history": partnership_history,
    "partnership-path": partnership_path,
    "path-graph": path_graph,
    "rising-ties": rising_ties,
    "shared-partners": shared_partners,
    "top-partnerships": top_partnerships,
    "upgrades-in-period": upgrades_in_period,
}


def run_embedded(name: str, graph: Graph, params: dict[str, str]) -> list[Row]:
    """The rows of the named query ``name`` on ``graph`` (the embedded store's, Claims included)."""
    try:
        function = QUERY_FUNCTIONS[name]
    except KeyError:
        raise QueryError(f"no query {name!r} on the embedded store; known: {', '.join(QUERY_FUNCTIONS)}") from None
    return function(graph, params)
