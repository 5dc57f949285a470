"""Pictures of a centrality report: the partnership network on a date, and positions over time.

Drawn with matplotlib's Agg backend (no display needed) and a seeded layout, so the same graph
gives the same PNG.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported
import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.figure import Figure

from entente.graph.centrality import CentralityRow

__all__ = ["DEFAULT_DPI", "LAYOUT_SEED", "network_figure", "plot_network", "plot_trend", "trend_figure"]

LAYOUT_SEED = 7
DEFAULT_DPI = 100
_PNG = {"Software": None}  # no version string: the bytes depend on the graph only


def _label(network: nx.Graph[str], node: str) -> str:
    """A party as a reader knows it: its name (the id when it has none)."""
    return str(network.nodes[node].get("name") or node)


def plot_network(
    network: nx.Graph[str],
    rows: list[CentralityRow],
    path: str | Path,
    *,
    title: str,
    size: tuple[float, float] = (8.0, 6.5),
    dpi: int = DEFAULT_DPI,
) -> Path:
    """The network with node area by PageRank and edge width by partnership rank; returns ``path``."""
    return _save(network_figure(network, rows, title=title, size=size, dpi=dpi), path)


def _save(fig: Figure, path: str | Path) -> Path:
    fig.savefig(path, format="png", metadata=_PNG)
    plt.close(fig)
    return Path(path)


def network_figure(
    network: nx.Graph[str],
    rows: list[CentralityRow],
    *,
    title: str,
    size: tuple[float, float] = (8.0, 6.5),
    dpi: int = DEFAULT_DPI,
) -> Figure:
    """The figure :func:`plot_network` saves: the drawing in the first axes, the key in the second.

    The levels' key sits in its own panel under the drawing, so no node can cover it; nodes are
    labelled with names, under the disc.
    """
    fig = plt.figure(figsize=size, dpi=dpi)
    levels_count = len({d.get("level") for *_, d in network.edges(data=True)})
    key_height = 0.06 + 0.035 * max(levels_count, 1)
    ax = fig.add_axes((0.02, key_height + 0.02, 0.96, 0.9 - key_height))
    key = fig.add_axes((0.02, 0.01, 0.96, key_height))
    key.axis("off")
    ax.axis("off")
    fig.suptitle(title, fontsize=11)
    lines = []
    if network.number_of_nodes():
        ordered: nx.Graph[str] = nx.Graph()
        ordered.add_nodes_from(sorted(network.nodes(data=True)))
        ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in network.edges(data=True)))
        positions = nx.spring_layout(ordered, seed=LAYOUT_SEED, weight=None)
        pagerank = {r.id: r.pagerank for r in rows}
        nodes = list(ordered.nodes)
        edges = list(ordered.edges(data=True))
        nx.draw_networkx_edges(
            ordered,
            positions,
            ax=ax,
            edgelist=[(u, v) for u, v, _ in edges],
            width=[max(0.5, d.get("weight", 0) / 10) for *_, d in edges],
            edge_color="#8a8a8a",
        )
        nx.draw_networkx_nodes(
            ordered,
            positions,
            ax=ax,
            nodelist=nodes,
            node_color="#3b6ea8",
            node_size=[300 + 6000 * pagerank.get(n, 0) for n in nodes],
        )
        nx.draw_networkx_edge_labels(
            ordered,
            positions,
            ax=ax,
            font_size=8,
            label_pos=0.35,
            edge_labels={(u, v): f"{d.get('weight', 0):g}" for u, v, d in edges},
        )
        for node in nodes:
            x, y = positions[node]
            radius = math.sqrt((300 + 6000 * pagerank.get(node, 0)) / math.pi)  # points
            ax.annotate(
                _label(ordered, node),
                (x, y),
                xytext=(0, -radius - 3),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=9,
                color="#1a1a1a",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        ax.margins(0.18)
        levels = sorted({(d.get("weight", 0), d.get("level", "")) for *_, d in edges}, reverse=True)
        lines = [f"{rank:g}: {level}" for rank, level in levels]
    else:
        ax.text(0.5, 0.5, "no partnership held on this date", ha="center", va="center", color="#555555")
    key.text(
        0.0,
        1.0,
        "\n".join([*lines, "node area: PageRank; edge width and number: partnership rank"]),
        transform=key.transAxes,
        fontsize=8,
        color="#333333",
        va="top",
    )
    return fig


def _trimmed(table: dict[str, dict[str, tuple[int, float]]], days: list[str]) -> list[str]:
    """``days`` without the leading and trailing ones on which no party has a position."""
    held = [i for i, day in enumerate(days) if any(day in row for row in table.values())]
    return days[held[0] : held[-1] + 1] if held else days


def plot_trend(
    table: dict[str, dict[str, tuple[int, float]]],
    days: list[str],
    path: str | Path,
    *,
    measure: str = "pagerank",
    names: dict[str, str] | None = None,
    size: tuple[float, float] | None = None,
    dpi: int = DEFAULT_DPI,
) -> Path:
    """Each party's position (1 = top) on each day; returns ``path`` (see :func:`trend_figure`)."""
    return _save(trend_figure(table, days, measure=measure, names=names, size=size, dpi=dpi), path)


def trend_figure(
    table: dict[str, dict[str, tuple[int, float]]],
    days: list[str],
    *,
    measure: str = "pagerank",
    names: dict[str, str] | None = None,
    size: tuple[float, float] | None = None,
    dpi: int = DEFAULT_DPI,
) -> Figure:
    """Small multiples: one panel per party (best first), its line in colour over the others' in
    grey, so no line can hide another. Days before the first and after the last on which anyone
    has a position are left out."""
    names = names or {}
    days = _trimmed(table, days)
    labels = [day[:4] if day.endswith("-12-31") else day for day in days]
    xs = list(range(len(days)))
    parties = sorted(table, key=lambda p: (min(pos for pos, _ in table[p].values()), p))
    columns = min(3, max(len(parties), 1))
    panel_rows = max(1, math.ceil(len(parties) / columns))
    figsize = size or (3.2 * columns + 0.8, 2.4 * panel_rows + 1.0)
    fig, axes = plt.subplots(panel_rows, columns, figsize=figsize, dpi=dpi, sharex=True, sharey=True, squeeze=False)
    worst = max([1, *(pos for row in table.values() for day, (pos, _) in row.items() if day in days)])

    def line(party: str) -> list[float]:
        return [table[party][day][0] if day in table[party] else math.nan for day in days]

    for index, ax in enumerate(axes.flat):
        if index >= len(parties):
            ax.axis("off")
            continue
        party = parties[index]
        for other in parties:
            if other != party:
                ax.plot(xs, line(other), color="#d0d0d0", linewidth=1, marker="o", markersize=2, zorder=1)
        ax.plot(xs, line(party), color=f"C{index % 10}", linewidth=2.2, marker="o", markersize=5, zorder=2)
        name = names.get(party, party)
        ax.set_title(name if name == party else f"{name} ({party})", fontsize=9)
        ax.grid(axis="y", color="#eeeeee")
        ax.set_ylim(worst + 0.5, 0.5)
        ax.set_yticks(range(1, worst + 1))
        ax.set_xticks(xs, labels, rotation=45 if len(days) > 6 else 0, fontsize=8)
        ax.xaxis.set_tick_params(labelbottom=True)  # every panel names its years (one below may be empty)
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("position", fontsize=8)
    fig.suptitle(
        f"Position in the partnership network by {measure} (1 = most central), {labels[0]}–{labels[-1]}", fontsize=11
    )
    fig.tight_layout()
    return fig
