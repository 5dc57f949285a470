"""Centrality of parties in the partnership network valid on a date.

``degree`` (number of partners), ``strength`` (degree weighted by partnership rank),
``betweenness`` (normalised, unweighted shortest paths), ``eigenvector`` (rank-weighted) and
``pagerank`` (rank-weighted, damping 0.85).

>>> import networkx as nx
>>> net = nx.Graph()
>>> net.add_edge("CHN", "BLR", weight=54.0); net.add_edge("CHN", "KGZ", weight=40.0)
>>> rows = centrality(net)
>>> [(r.id, r.degree, r.strength, r.betweenness) for r in rows]
[('CHN', 2, 94.0, 1.0), ('BLR', 1, 54.0, 0.0), ('KGZ', 1, 40.0, 0.0)]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

__all__ = ["CentralityRow", "centrality", "trend"]


@dataclass(frozen=True)
class CentralityRow:
    id: str
    name: str
    degree: int
    strength: float
    betweenness: float
    eigenvector: float
    pagerank: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _eigenvector(network: nx.Graph[str]) -> dict[str, float]:
    if network.number_of_edges() == 0:
        return dict.fromkeys(network, 0.0)
    scores: dict[str, float] = {}
    # Per connected component, scaled by its size, so a disconnected network has a defined answer.
    for component in nx.connected_components(network):
        sub = network.subgraph(component)
        if sub.number_of_nodes() < 2:
            scores.update(dict.fromkeys(sub, 0.0))
            continue
        if sub.number_of_nodes() == 2:
            values = dict.fromkeys(sub, 2 ** (-0.5))  # the leading eigenvector of one edge, by hand
        else:
            values = nx.eigenvector_centrality_numpy(sub, weight="weight")
        share = sub.number_of_nodes() / network.number_of_nodes()
        scores.update({n: abs(v) * share for n, v in values.items()})
    return scores


def centrality(network: nx.Graph[str]) -> list[CentralityRow]:
    """One row per node, highest PageRank first (ties by id)."""
    if network.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(network, normalized=True)
    pagerank = (
        nx.pagerank(network, alpha=0.85, weight="weight")
        if network.number_of_edges()
        else {n: 1 / len(network) for n in network}
    )
    eigen = _eigenvector(network)
    rows = [
        CentralityRow(
            id=node,
            name=network.nodes[node].get("name", node),
            degree=network.degree(node),
            strength=float(network.degree(node, weight="weight")),
            betweenness=round(betweenness[node], 6),
            eigenvector=round(eigen[node], 6),
            pagerank=round(pagerank[node], 6),
        )
        for node in network
    ]
    return sorted(rows, key=lambda r: (-r.pagerank, r.id))


def trend(networks: dict[str, nx.Graph[str]], measure: str = "pagerank") -> dict[str, dict[str, tuple[int, float]]]:
    """Position and value of each party per date: ``{party: {date: (position, value)}}``.

    Position 1 is the top; equal values share a position and the next one skips (1, 2, 2, 4).
    """
    table: dict[str, dict[str, tuple[int, float]]] = {}
    for day, network in sorted(networks.items()):
        values = {row.id: getattr(row, measure) for row in centrality(network)}
        for party, value in values.items():
            position = 1 + sum(other > value for other in values.values())
            table.setdefault(party, {})[day] = (position, value)
    return table
