"""How much of the named query library grand-cypher runs on the embedded store's graph.

grand-cypher runs Cypher on networkx graphs; this script tries every ``queries/*.cypher`` on the
graph of an embedded store (Claims included), with each query's example values written in as
literals, and prints which ran and which failed (and why), then the count:

    pip install grand-cypher==1.2.0
    entente ingest corpus/ --store /tmp/store
    python bench/grand_cypher_coverage.py /tmp/store

Measured on 1 December 2026 with grand-cypher 1.2.0: 0 of the 15 queries of commit ba1c8be ran, and
0 of the 18 after the three graph queries were added (branch desk-browser): the parser stops at
``date()``, label tests in ``WHERE``, a second ``MATCH``, ``OPTIONAL MATCH`` and ``CALL``
subqueries, so the embedded store answers the library with ``entente.queries.embedded`` instead.
"""

from __future__ import annotations

import json
import sys

import networkx as nx

from entente.graph.embedded import EmbeddedStore
from entente.queries import load_queries


def main(folder: str) -> int:
    try:
        from grandcypher import GrandCypher  # type: ignore[import-not-found]
    except ImportError:
        print("needs grand-cypher: pip install grand-cypher==1.2.0", file=sys.stderr)
        return 2
    source = EmbeddedStore(folder).read_graph(evidence=True)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in source.nodes(data=True):
        graph.add_node(node, __labels__={data["label"]}, **data)
    for u, v, data in source.edges(data=True):
        graph.add_edge(u, v, __labels__={data["type"]}, **data)
    queries = load_queries()
    ran = 0
    for name, query in queries.items():
        text = query.text
        for key, value in query.examples.items():
            text = text.replace(f"${key}", json.dumps(value))
        try:
            GrandCypher(graph).run(text)
        except Exception as exc:  # any failure counts as not covered
            print(f"{name}: fails: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
        else:
            ran += 1
            print(f"{name}: runs")
    print(f"grand-cypher ran {ran} of {len(queries)} named queries ({ran / len(queries):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "entente-data"))
