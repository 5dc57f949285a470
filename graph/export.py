"""Exports of the graph: GraphML, GEXF 1.3, node-link JSON, and CSV for ``neo4j-admin database import``.

Every format carries the same attributes. GraphML and GEXF have no list or null values, so lists
are joined with ``;`` and empty values are left out (Gephi refuses both otherwise); the ``id``
property is the element's own id there, not a second attribute. The whole history exported as
GEXF is a dynamic graph: each partnership interval is an edge with one spell (its level and rank
hold over that spell), events and articles appear on their date.

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph()
>>> g.add_node("BLR", id="BLR", label="State", name="Belarus"); g.add_node("CHN", id="CHN", label="State", name="China")
>>> _ = g.add_edge("BLR", "CHN", key="p1", id="p1", type="PARTNERSHIP", level="strategic partnership", rank=30,
...                valid_from="2013-07-16", valid_to="2016-09-29", qualifiers=[])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "h.gexf"
>>> _ = export_graph(g, "gexf", path, dynamic=True)
>>> nx.read_gexf(path, version="1.3").number_of_edges()
1
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from entente.errors import EntenteError
from entente.graph.snapshot import UndatedFacts, partnership_network, undated_partnerships

__all__ = [
    "ARRAY_DELIMITER",
    "DATE_KEYS",
    "FORMATS",
    "GEXF_NS",
    "NETWORKS",
    "UNDATED_FILE",
    "ExportError",
    "export_graph",
    "export_network",
    "flat_graph",
    "network_history",
    "node_link",
    "undated_sentence",
    "write_gexf13",
]


class ExportError(EntenteError, ValueError):
    """An export that cannot be written as asked (the message names the option to change)."""


FORMATS = ("graphml", "gexf", "json", "csv")
#: The single-type networks ``export --network`` writes.
NETWORKS = ("partnerships",)
GEXF_NS = "http://gexf.net/1.3"
#: Joins list values in GraphML, GEXF and CSV (``neo4j-admin database import --array-delimiter``).
ARRAY_DELIMITER = ";"
#: Properties the stores keep as dates (Neo4j ``Date``); typed ``:date`` in CSV when every value is a full day.
DATE_KEYS = frozenset({"valid_from", "valid_to", "date", "published", "since"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The file of a CSV export's folder that lists the undated facts (not for neo4j-admin).
UNDATED_FILE = "undated.csv"


def _sorted_copy(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in sorted(graph.nodes):
        out.add_node(node, **dict(sorted(graph.nodes[node].items())))
    for u, v, key, data in sorted(
        graph.edges(keys=True, data=True), key=lambda e: (e[3].get("type", ""), str(e[2]), e[0], e[1])
    ):
        data = dict(data)
        if data.get("type") == "PARTNERSHIP":
            data.setdefault("valid_to", None)  # null while the level holds (interface.md)
        out.add_edge(u, v, key=key, **dict(sorted(data.items())))
    return out


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return value


def _kept(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _flat(v) for k, v in data.items() if k != "id" and v not in (None, "", [])}


def flat_graph(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A sorted copy with lists joined, empty values and the redundant ``id`` dropped (what GraphML and GEXF hold)."""
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    source = _sorted_copy(graph)
    for node, data in source.nodes(data=True):
        flat.add_node(node, **_kept(data))
    for u, v, key, data in source.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **_kept(data))
    return flat


def node_link(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """The node-link form of interface.md (``networkx.node_link_data(G, edges="edges")`` of a sorted copy)."""
    return nx.node_link_data(_sorted_copy(graph), edges="edges")


# -- GEXF 1.3 -------------------------------------------------------------------------------------


def _value_type(values: list[Any]) -> str:
    """``boolean``, ``long``, ``double`` or ``string``: the narrowest type holding every value
    (the names GEXF and neo4j-admin share)."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gexf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def _spell(
    graph: nx.MultiDiGraph[str], kind: str, data: dict[str, Any], u: str, v: str
) -> tuple[str | None, str | None]:
    """When an element exists in the dynamic graph: ``(start, end)``, both inclusive days, None for open."""
    if kind == "PARTNERSHIP" and data.get("valid_from"):
        # valid_to is the first day of the next level; GEXF spells are closed, so the spell ends the day before.
        end = data.get("valid_to")
        return data["valid_from"], _day_before(end) if end and _DAY.match(end) else end
    if kind == "SUPPORTS":
        return data.get("since"), None
    event = {"REPORTS": v, "ATTENDED": v, "HELD_IN": u, "INVOLVES": u}.get(kind)
    if event is not None:
        return graph.nodes[event].get("date"), None
    return None, None


def _node_spell(data: dict[str, Any]) -> str | None:
    if data.get("label") == "Event":
        return data.get("date")
    if data.get("label") == "Article":
        return data.get("published")
    return None


#: Edge attributes that change from one interval of a pair to the next (dynamic in the history).
_DYNAMIC_EDGE_KEYS = ("level", "rank", "change", "qualifiers")


def _attributes(
    parent: ET.Element, cls: str, rows: list[dict[str, Any]], dynamic_keys: tuple[str, ...], dynamic: bool
) -> dict[str, str]:
    keys = sorted({k for row in rows for k in row})
    static = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    moving = (
        ET.SubElement(parent, "attributes", {"class": cls, "mode": "dynamic"}) if dynamic and dynamic_keys else None
    )
    ids = {}
    for key in keys:
        target = moving if moving is not None and key in dynamic_keys else static
        ids[key] = f"{cls[0]}_{key}"
        ET.SubElement(
            target, "attribute", {"id": ids[key], "title": key, "type": _value_type([r[key] for r in rows if key in r])}
        )
    for element in (static, moving):
        if element is not None and len(element) == 0:
            parent.remove(element)
    return ids


def _attvalues(
    parent: ET.Element,
    data: dict[str, Any],
    ids: dict[str, str],
    spell: tuple[str | None, str | None],
    dynamic_keys: tuple[str, ...],
) -> None:
    if not data:
        return
    values = ET.SubElement(parent, "attvalues")
    for key in sorted(data):
        attrs = {"for": ids[key], "value": _gexf_value(data[key])}
        if key in dynamic_keys:
            if spell[0]:
                attrs["start"] = spell[0]
            if spell[1]:
                attrs["end"] = spell[1]
        ET.SubElement(values, "attvalue", attrs)


def _spells(parent: ET.Element, start: str | None, end: str | None) -> None:
    if start or end:
        spells = ET.SubElement(parent, "spells")
        ET.SubElement(spells, "spell", {k: v for k, v in (("start", start), ("end", end)) if v})


def write_gexf13(graph: nx.MultiDiGraph[str], path: str | Path, *, dynamic: bool = False, note: str = "") -> None:
    """GEXF 1.3 (``http://gexf.net/1.3``); ``dynamic`` adds spells (``timeformat="date"``) to what has a date.

    ``note`` ends the description (GEXF has no graph attributes): the undated facts, in words.
    """
    flat = flat_graph(graph)
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Entente"
    described = "The partnership graph over its whole history" if dynamic else "The partnership graph on one date"
    ET.SubElement(meta, "description").text = ". ".join(x for x in (described, note) if x)
    graph_attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attrs["timeformat"] = "date"
    element = ET.SubElement(root, "graph", graph_attrs)
    node_rows = [data for _, data in flat.nodes(data=True)]
    edge_rows = [{k: v for k, v in data.items() if k != "type"} for *_, data in flat.edges(data=True)]
    node_ids = _attributes(element, "node", node_rows, (), dynamic)
    edge_keys = _DYNAMIC_EDGE_KEYS if dynamic else ()
    edge_ids = _attributes(element, "edge", edge_rows, edge_keys, dynamic)
    nodes = ET.SubElement(element, "nodes")
    for node, data in flat.nodes(data=True):
        item = ET.SubElement(nodes, "node", {"id": str(node), "label": str(data.get("name", node))})
        _attvalues(item, data, node_ids, (None, None), ())
        if dynamic:
            _spells(item, _node_spell(data), None)
    edges = ET.SubElement(element, "edges")
    for (u, v, key, data), row in zip(flat.edges(keys=True, data=True), edge_rows, strict=True):
        kind = data.get("type", "")
        attrs = {"id": str(key), "source": str(u), "target": str(v), "label": kind}
        if isinstance(data.get("rank"), (int, float)) and data["rank"] > 0:
            attrs["weight"] = _gexf_value(float(data["rank"]))
        item = ET.SubElement(edges, "edge", attrs)
        spell = _spell(flat, kind, data, u, v) if dynamic else (None, None)
        _attvalues(item, row, edge_ids, spell, edge_keys)
        _spells(item, *spell)
    ET.indent(root)
    Path(path).write_bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n")


# -- CSV for neo4j-admin --------------------------------------------------------------------------


def _csv_type(key: str, values: list[Any]) -> str:
    """The neo4j-admin header type of a column: ``long``, ``double``, ``boolean``, ``date`` or ``string``.

    Arrays add ``[]``.
    """
    if not values:
        return "date" if key in DATE_KEYS else "string"
    if all(isinstance(v, list) for v in values):
        items = [i for v in values for i in v]
        return _csv_type(key, items) + "[]" if items else "string[]"
    if key in DATE_KEYS and all(isinstance(v, str) and _DAY.match(v) for v in values):
        return "date"
    return _value_type(values)


def _csv_cell(value: Any) -> Any:
    if value is None or value == []:
        return ""  # an empty unquoted field: no property
    if isinstance(value, bool):
        return "true" if value else "false"
    return _flat(value)


def _csv_columns(rows: list[dict[str, Any]], skip: set[str]) -> list[tuple[str, str]]:
    keys = sorted({k for row in rows for k in row} - skip)
    return [(key, _csv_type(key, [row[key] for row in rows if row.get(key) not in (None, "")])) for key in keys]


def _csv(graph: nx.MultiDiGraph[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    graph = _sorted_copy(graph)
    node_rows = [data for _, data in graph.nodes(data=True)]
    node_columns = _csv_columns(node_rows, {"id", "label"})
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id:ID", ":LABEL", *(f"{k}:{t}" for k, t in node_columns)])
        for node, data in graph.nodes(data=True):
            writer.writerow([node, data.get("label", ""), *(_csv_cell(data.get(k)) for k, _ in node_columns)])
    edge_rows = [data for *_, data in graph.edges(data=True)]
    edge_columns = _csv_columns(edge_rows, {"type"})
    with open(folder / "relationships.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{k}:{t}" for k, t in edge_columns)])
        for u, v, data in graph.edges(data=True):
            writer.writerow([u, v, data.get("type", ""), *(_csv_cell(data.get(k)) for k, _ in edge_columns)])


# -- the undated facts, as each format can hold them ----------------------------------------------


def _undated_json(undated: UndatedFacts, left_out: tuple[str, ...]) -> dict[str, Any]:
    """The ``graph.undated`` field of node-link JSON: every undated fact by kind, and the kinds this file leaves out."""
    return {**undated.as_dict(), "count": undated.count, "left_out": [k for k in left_out if undated.by_kind()[k]]}


def _undated_attributes(undated: UndatedFacts, left_out: tuple[str, ...]) -> dict[str, Any]:
    """Graph-level GraphML attributes: per kind with undated facts, its count, list, and whether the file holds them."""
    attributes: dict[str, Any] = {}
    for kind, items in undated.by_kind().items():
        if items:
            attributes[f"undated_{kind}"] = len(items)
            attributes[f"undated_{kind}_list"] = ARRAY_DELIMITER.join(str(item) for item in items)
            attributes[f"undated_{kind}_in_file"] = kind not in left_out
    return attributes


def undated_sentence(undated: UndatedFacts, left_out: tuple[str, ...]) -> str:
    """The undated facts in words (GEXF's description): what this file leaves out and what it keeps.

    >>> from entente.graph.snapshot import UndatedEvent
    >>> event = UndatedEvent("e1", "meeting", ["CHN", "LAO"], None, "--09-23", ["a.txt"])
    >>> undated_sentence(UndatedFacts([], [event], []), ("events",))
    'Undated, left out: 1 event (meeting CHN–LAO on --09-23 (year unknown))'
    """
    parts: dict[bool, list[str]] = {True: [], False: []}
    for kind, items in undated.by_kind().items():
        if items:
            noun = kind if len(items) != 1 else kind[:-1]
            parts[kind in left_out].append(f"{len(items)} {noun} ({ARRAY_DELIMITER.join(str(i) for i in items)})")
    said = [
        f"Undated, {how}: {', '.join(parts[out])}" for out, how in ((True, "left out"), (False, "kept")) if parts[out]
    ]
    return ". ".join(said)


def _undated_csv(undated: UndatedFacts, left_out: tuple[str, ...], folder: Path) -> None:
    rows = [(kind[:-1], item, kind not in left_out) for kind, items in undated.by_kind().items() for item in items]
    if not rows:
        return
    with open(folder / UNDATED_FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "fact", "sources", "in_file"])
        for kind, item, kept in rows:
            writer.writerow([kind, str(item), ARRAY_DELIMITER.join(item.sources), "true" if kept else "false"])


def export_graph(
    graph: nx.MultiDiGraph[str],
    fmt: str,
    output: str | Path,
    *,
    dynamic: bool = False,
    undated: UndatedFacts | None = None,
    left_out: tuple[str, ...] = (),
) -> Path:
    """Write ``graph`` as ``fmt`` to ``output`` (a folder for CSV); returns the path written.

    ``dynamic`` (GEXF only) writes the whole history with spells. ``undated`` facts (of which the
    kinds in ``left_out`` are not in ``graph``) are listed in the file: JSON ``graph.undated``,
    GraphML graph attributes, the GEXF description, CSV ``undated.csv``.
    """
    path = Path(output)
    undated = undated or UndatedFacts([], [], [])
    if fmt == "json":
        data = node_link(graph)
        data["graph"]["undated"] = _undated_json(undated, left_out)
        path.write_text(
            json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
    elif fmt == "graphml":
        flat = flat_graph(graph)
        flat.graph.update(_undated_attributes(undated, left_out))
        nx.write_graphml(flat, path)
    elif fmt == "gexf":
        write_gexf13(graph, path, dynamic=dynamic, note=undated_sentence(undated, left_out))
    elif fmt == "csv":
        _csv(graph, path)
        _undated_csv(undated, left_out, path)
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return path


# -- the partnership network (what centrality measures) -------------------------------------------


def network_history(graph: nx.MultiDiGraph[str]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every partnership interval by unordered pair (ids sorted), oldest first."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("type") == "PARTNERSHIP" and data.get("valid_from"):
            a, b = sorted((u, v))
            pairs.setdefault((a, b), []).append(data)
    for intervals in pairs.values():
        intervals.sort(key=lambda d: (d["valid_from"], d.get("valid_to") or "9999-12-31", -(d.get("rank") or 0)))
    return pairs


def _merged(spells: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Closed day spells joined where they touch or overlap (``None`` end: still open)."""
    merged: list[tuple[str, str | None]] = []
    for start, end in sorted(spells):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= (dt.date.fromisoformat(last_end) + dt.timedelta(days=1)).isoformat():
                later = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_start, later)
                continue
        merged.append((start, end))
    return merged


def _closed(data: dict[str, Any]) -> tuple[str, str | None]:
    """An interval as a closed GEXF spell: ``valid_to`` is the first day of what follows."""
    end = data.get("valid_to")
    return data["valid_from"], _day_before(end) if end and _DAY.match(end) else end


def _network_gexf(graph: nx.MultiDiGraph[str], path: Path, day: str | None, note: str = "") -> None:
    """The partnership network as undirected GEXF 1.3: on ``day`` (static), or its whole history (dynamic).

    Nodes are the parties (label: name); edges the pairs (label: level, weight: rank). In the
    history each pair has one spell per interval, with level, rank and weight dynamic over them,
    and each party lives while it has a partnership, so the network at any day in Gephi's timeline
    is the one ``partnership_network`` gives for that day.
    """
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Entente"
    described = (
        f"The partnership network on {day}: parties, and their partnerships weighted by rank"
        if day
        else "The partnership network over its whole history: one spell per partnership interval"
    )
    ET.SubElement(meta, "description").text = ". ".join(x for x in (described, note) if x)
    attrs = {"defaultedgetype": "undirected", "mode": "static" if day else "dynamic"}
    if not day:
        attrs["timeformat"] = "date"
    element = ET.SubElement(root, "graph", attrs)
    nodes_attrs = ET.SubElement(element, "attributes", {"class": "node", "mode": "static"})
    ET.SubElement(nodes_attrs, "attribute", {"id": "n_kind", "title": "kind", "type": "string"})
    edge_attrs = ET.SubElement(element, "attributes", {"class": "edge", "mode": "static" if day else "dynamic"})
    ET.SubElement(edge_attrs, "attribute", {"id": "level", "title": "level", "type": "string"})
    ET.SubElement(edge_attrs, "attribute", {"id": "rank", "title": "rank", "type": "double"})
    if not day:
        ET.SubElement(edge_attrs, "attribute", {"id": "weight", "title": "weight", "type": "double"})
    pairs: dict[tuple[str, ...], list[dict[str, Any]]]
    parties: dict[str, list[tuple[str, str | None]]]
    if day:
        network = partnership_network(graph, day)
        pairs = {
            tuple(sorted((u, v))): [{"level": d.get("level"), "rank": d["weight"]}]
            for u, v, d in network.edges(data=True)
        }
        parties = {node: [] for node in network}
    else:
        history = network_history(graph)
        pairs = dict(history.items())
        parties = {}
        for (a, b), intervals in history.items():
            for node in (a, b):
                parties.setdefault(node, []).extend(_closed(d) for d in intervals)
    nodes = ET.SubElement(element, "nodes")
    for node in sorted(parties):
        data = graph.nodes[node]
        item = ET.SubElement(nodes, "node", {"id": str(node), "label": str(data.get("name", node))})
        values = ET.SubElement(item, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "n_kind", "value": str(data.get("label", ""))})
        if parties[node]:
            spells = ET.SubElement(item, "spells")
            for start, end in _merged(parties[node]):
                ET.SubElement(spells, "spell", {k: v for k, v in (("start", start), ("end", end)) if v})
    edges = ET.SubElement(element, "edges")
    for (a, b), intervals in sorted(pairs.items()):
        last = intervals[-1]
        rank = float(last.get("rank") or 0)
        item = ET.SubElement(
            edges,
            "edge",
            {"id": f"{a}|{b}", "source": a, "target": b, "label": str(last.get("level") or ""), "weight": str(rank)},
        )
        values = ET.SubElement(item, "attvalues")
        for interval in intervals:
            spell = {} if day else {k: v for k, v in zip(("start", "end"), _closed(interval), strict=True) if v}
            value = float(interval.get("rank") or 0)
            ET.SubElement(values, "attvalue", {"for": "level", "value": str(interval.get("level") or ""), **spell})
            ET.SubElement(values, "attvalue", {"for": "rank", "value": str(value), **spell})
            if not day:
                ET.SubElement(values, "attvalue", {"for": "weight", "value": str(value), **spell})
        if not day:
            spells = ET.SubElement(item, "spells")
            for interval in intervals:
                start, end = _closed(interval)
                ET.SubElement(spells, "spell", {k: v for k, v in (("start", start), ("end", end)) if v})
    ET.indent(root)
    path.write_bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n")


def export_network(graph: nx.MultiDiGraph[str], network: str, fmt: str, output: str | Path, day: str | None) -> Path:
    """Write one single-type network of ``graph``: ``partnerships`` is the undirected graph of
    parties and partnerships (weight = rank, level as label) that ``report centrality`` measures,
    on ``day``, or over the whole history as dynamic GEXF (``day`` None, GEXF only).

    The undated partnerships, which no date's network holds, are listed in the file as
    :func:`export_graph` lists them (left out).
    """
    if network not in NETWORKS:
        raise ExportError(f"unknown network {network!r}; use one of {', '.join(NETWORKS)}")
    path = Path(output)
    undated = UndatedFacts(undated_partnerships(graph), [], [])
    left_out = ("partnerships",)
    if fmt == "gexf":
        _network_gexf(graph, path, day, undated_sentence(undated, left_out))
        return path
    if day is None:
        raise ExportError(
            f"--network {network} --format {fmt} needs --as-of DATE (only GEXF holds the whole history, as spells)"
        )
    snapshot = partnership_network(graph, day)
    if fmt == "graphml":
        snapshot.graph.update(_undated_attributes(undated, left_out))
        nx.write_graphml(snapshot, path)
    elif fmt == "json":
        data = nx.node_link_data(snapshot, edges="edges")
        data["graph"]["undated"] = _undated_json(undated, left_out)
        path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    elif fmt == "csv":
        typed: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for node, data in snapshot.nodes(data=True):
            typed.add_node(node, id=node, **data)
        for u, v, data in snapshot.edges(data=True):
            typed.add_edge(u, v, key=f"{u}|{v}", type="PARTNERSHIP", rank=data["weight"], level=data.get("level"))
        _csv(typed, path)
        _undated_csv(undated, left_out, path)
    else:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return path
