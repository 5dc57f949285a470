"""Exports of the graph: GraphML, dynamic GEXF, node-link JSON, and CSV for ``neo4j-admin import``.

Every format carries the same attributes. GraphML and GEXF have no list or null values, so lists
are joined with ``;`` and empty values are left out (Gephi refuses both otherwise).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["FORMATS", "export_graph", "flat_graph", "node_link"]

FORMATS = ("graphml", "gexf", "json", "csv")


def _sorted_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    for node in sorted(graph.nodes):
        out.add_node(node, **dict(sorted(graph.nodes[node].items())))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[3].get("type", ""), str(e[2]), e[0], e[1])):
        data = dict(data)
        if data.get("type") == "PARTNERSHIP":
            data.setdefault("valid_to", None)  # null while the level holds (interface.md)
        out.add_edge(u, v, key=key, **dict(sorted(data.items())))
    return out


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return value
    return value


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with lists joined and empty values dropped (what GraphML and GEXF can hold)."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items() if v not in (None, "", [])})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _flat(v) for k, v in data.items() if v not in (None, "", [])})
    return flat


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    return nx.node_link_data(_sorted_copy(graph), edges="edges")


def _gexf(graph: nx.MultiDiGraph, path: Path, dynamic: bool) -> None:
    flat = flat_graph(_sorted_copy(graph))
    if dynamic:
        for u, v, key, data in flat.edges(keys=True, data=True):
            if data.get("type") == "PARTNERSHIP" and data.get("valid_from"):
                data["start"] = data["valid_from"]
                if data.get("valid_to"):
                    data["end"] = data["valid_to"]
            elif data.get("type") in ("REPORTS", "ATTENDED", "INVOLVES", "HELD_IN") and flat.nodes[v if data.get("type") != "INVOLVES" else u].get("date"):
                data["start"] = flat.nodes[v if data.get("type") != "INVOLVES" else u]["date"]
        for node, data in flat.nodes(data=True):
            if data.get("label") == "Event" and data.get("date"):
                data["start"] = data["date"]
            elif data.get("label") == "Article" and data.get("published"):
                data["start"] = data["published"]
        flat.graph["mode"] = "dynamic"
        flat.graph["timeformat"] = "date"
    nx.write_gexf(flat, path, version="1.2draft")


def _csv(graph: nx.MultiDiGraph, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    node_keys = sorted({k for _, d in graph.nodes(data=True) for k in d if k not in ("id", "label")})
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id:ID", ":LABEL", *node_keys])
        for node in sorted(graph.nodes):
            data = graph.nodes[node]
            writer.writerow([node, data.get("label", ""), *(_flat(data.get(k)) if data.get(k) is not None else "" for k in node_keys)])
    rel_keys = sorted({k for *_, d in graph.edges(data=True) for k in d if k != "type"})
    with open(folder / "relationships.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *rel_keys])
        for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[3].get("type", ""), str(e[2]))):
            writer.writerow([u, v, data.get("type", ""), *(_flat(data.get(k)) if data.get(k) is not None else "" for k in rel_keys)])


def export_graph(graph: nx.MultiDiGraph, fmt: str, output: str | Path, *, dynamic: bool = False) -> Path:
    """Write ``graph`` as ``fmt`` to ``output`` (a folder for CSV); returns the path written."""
    path = Path(output)
    if fmt == "json":
        path.write_text(json.dumps(node_link(graph), indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    elif fmt == "graphml":
        nx.write_graphml(flat_graph(_sorted_copy(graph)), path)
    elif fmt == "gexf":
        _gexf(graph, path, dynamic)
    elif fmt == "csv":
        _csv(graph, path)
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return path
