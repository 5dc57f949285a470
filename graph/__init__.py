"""Facts in, the temporal graph out: installed as ``entente.graph``.

This folder holds the graph model (:mod:`.schema`), the derivation of partnership intervals and
merged events from every claim of a group (:mod:`.derive`, the interval rule in
:mod:`.intervals`), the store interface and ingestion on top
of it (:mod:`.store`), its two implementations, the embedded networkx store (:mod:`.embedded`) and
Neo4j (:mod:`.neo4j_store`, with all of its Cypher in :mod:`.cypher`), and what reads the graph:
snapshots on a date (:mod:`.snapshot`), centrality (:mod:`.centrality`), diffs (:mod:`.diff`),
exports (:mod:`.export`) and pictures (:mod:`.plot`). It is the second stage: its modules import
each other (as ``entente.graph.*``), ``entente.ingest`` (the facts model and knowledge) and
``entente.errors``; never ``entente.queries``, ``entente.api`` or ``entente.cli``.
"""
