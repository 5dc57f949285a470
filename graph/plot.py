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

from entente.graph.centrality import CentralityRow

__all__ = ["LAYOUT_SEED", "plot_network", "plot_trend"]

LAYOUT_SEED = 7
_PNG = {"Software": None}  # no version string: the bytes depend on the graph only


def plot_network(network: nx.Graph[str], rows: list[CentralityRow], path: str | Path, *, title: str) -> Path:
    """The network with node area by PageRank and edge width by partnership rank; returns ``path``."""
    fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
    ax.set_title(title, fontsize=11)
    ax.axis("off")
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
        nx.draw_networkx_labels(ordered, positions, ax=ax, font_size=9, font_color="white", font_weight="bold")
        nx.draw_networkx_edge_labels(
            ordered,
            positions,
            ax=ax,
            font_size=8,
            label_pos=0.35,
            edge_labels={(u, v): f"{d.get('weight', 0):g}" for u, v, d in edges},
        )
        levels = sorted({(d.get("weight", 0), d.get("level", "")) for *_, d in edges}, reverse=True)
        ax.text(
            0.0,
            0.0,
            "\n".join(f"{rank:g}: {level}" for rank, level in levels),
            transform=ax.transAxes,
            fontsize=8,
            color="#333333",
            va="bottom",
        )
    ax.text(
        0.0,
        -0.04,
        "node area: PageRank; edge width and number: partnership rank",
        transform=ax.transAxes,
        fontsize=8,
        color="#555555",
    )
    fig.tight_layout()
    fig.savefig(path, format="png", metadata=_PNG)
    plt.close(fig)
    return Path(path)


def plot_trend(
    table: dict[str, dict[str, tuple[int, float]]], days: list[str], path: str | Path, *, measure: str = "pagerank"
) -> Path:
    """Each party's position (1 = top) on each day, one line per party; returns ``path``."""
    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    labels = [day[:4] if day.endswith("-12-31") else day for day in days]
    xs = list(range(len(days)))
    worst = 1
    for party in sorted(table, key=lambda p: (min(pos for pos, _ in table[p].values()), p)):
        positions = [table[party][day][0] if day in table[party] else math.nan for day in days]
        worst = max([worst, *(table[party][day][0] for day in days if day in table[party])])
        ax.plot(xs, positions, marker="o", label=party)
    ax.set_xticks(xs, labels, rotation=45 if len(days) > 12 else 0)
    ax.set_ylim(worst + 0.5, 0.5)
    ax.set_yticks(range(1, worst + 1))
    ax.set_ylabel(f"position by {measure} (1 = most central)")
    ax.set_title(f"Position in the partnership network by {measure}, {labels[0]}–{labels[-1]}", fontsize=11)
    ax.grid(axis="y", color="#dddddd")
    if table:
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path, format="png", metadata=_PNG)
    plt.close(fig)
    return Path(path)
