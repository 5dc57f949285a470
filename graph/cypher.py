"""All of the Neo4j store's Cypher, in one place.

Values only ever travel as ``$parameters``. Labels and relationship types cannot be parameters in
Cypher, so the statements that need them are generated here, once, from the schema's fixed lists
(:mod:`entente.graph.schema`); nothing a user or an article supplies reaches a statement's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from entente.graph.schema import (
    BOOKKEEPING_LABELS,
    GROUP_OWNED_LABELS,
    GROUP_OWNED_RELS,
    LABELS,
    REL_ENDPOINTS,
    check_label,
    check_rel_type,
)

__all__ = [
    "CLAIMS_BY_ID",
    "CLAIMS_FOR_GROUPS",
    "CLAIMS_OF_CHANGE",
    "CLAIMS_OF_KIND",
    "CLAIM_COUNTS",
    "CLAIM_EVIDENCE",
    "DELETE_NODES",
    "DELETE_RELS",
    "EVENTS_REPORTED",
    "EVENT_CLAIMS_NEAR",
    "GROUP_NODES",
    "GROUP_NODE_IDS",
    "GROUP_RELS",
    "GROUP_REL_ENDS",
    "HIDDEN_RELS",
    "INGEST_LOCK",
    "KNOWN_ARTICLES",
    "KNOWN_SOURCES",
    "PINNED",
    "PUBLISHED_FOR",
    "READ_NODES",
    "READ_RELS",
    "SCHEMA_STATEMENTS",
    "SCOPE_EVENTS",
    "SCOPE_EVENT_RELS",
    "merge_nodes",
    "merge_rels",
    "near_requests",
    "reported_requests",
    "set_nodes",
    "update_nodes",
    "update_rels",
]

HIDDEN_RELS = ("SOURCED_FROM", "ABOUT")

#: The prefix of every statement a batch runs. Neo4j plans a statement again whenever the counts
#: it was planned with have changed enough, which on a growing database is every batch: each of
#: the fifty-odd statements of a batch was planned again (and its expressions compiled again,
#: work for the JVM's compilers) after each commit. These statements' plans cannot change with
#: the counts, since each one starts from a unique id or names its index (``USING INDEX SEEK``),
#: so a cached plan is kept ("replan=skip"). ``tests/test_scale.py`` checks that each of them
#: plans no scan on an empty database and on a loaded one, and that each is in that check.
#: Measured in docs/performance.md, "Loading: the server's warm-up and re-planning".
PINNED = "CYPHER replan=skip "


def _constraint(label: str) -> str:
    check_label(label)
    return f"CREATE CONSTRAINT entente_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def _node_index(label: str, prop: str) -> str:
    check_label(label)
    return f"CREATE INDEX entente_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


def _rel_index(rel_type: str, prop: str) -> str:
    check_rel_type(rel_type)
    return f"CREATE INDEX entente_rel_{rel_type.lower()}_{prop} IF NOT EXISTS FOR ()-[r:{rel_type}]-() ON (r.{prop})"


def _rel_constraint(rel_type: str) -> str:
    check_rel_type(rel_type)
    return (
        f"CREATE CONSTRAINT entente_rel_{rel_type.lower()}_id_unique IF NOT EXISTS "
        f"FOR ()-[r:{rel_type}]-() REQUIRE r.id IS UNIQUE"
    )


def _drop_rel_index(rel_type: str, prop: str) -> str:
    check_rel_type(rel_type)
    return f"DROP INDEX entente_rel_{rel_type.lower()}_{prop} IF EXISTS"


#: Constraints and indexes, created before the first write.
#:
#: A relationship's ``id`` is unique within its type, and a uniqueness constraint (Neo4j 5.7+)
#: says so to the planner: every ``MERGE (a)-[r:T {id: ...}]->(b)`` and every delete by id is then
#: a unique index seek, whatever the statistics. With a plain range index on ``r.id`` (before
#: issue 13) a plan compiled while the index's sample still said "empty" (a new database, or one
#: just emptied) scanned the whole index for each row, and stayed cached for later batches:
#: ``docs/performance.md``, "The loading regression". Those indexes are dropped here first, since
#: a constraint cannot be created over an index on the same property.
SCHEMA_STATEMENTS: tuple[str, ...] = (
    *(_drop_rel_index(t, "id") for t in REL_ENDPOINTS),
    *(_constraint(label) for label in LABELS),
    *(_rel_constraint(t) for t in REL_ENDPOINTS),
    _node_index("Claim", "group"),
    # a party set's event reports by the first day of their span, its claims of one kind
    "CREATE INDEX entente_claim_group_span IF NOT EXISTS FOR (n:Claim) ON (n.group, n.span_from)",
    "CREATE INDEX entente_claim_group_kind IF NOT EXISTS FOR (n:Claim) ON (n.group, n.kind)",
    *(_node_index(label, "group") for label in GROUP_OWNED_LABELS),
    _node_index("Event", "date"),
    _node_index("State", "name"),
    _node_index("Leader", "name"),
    *(_rel_index(t, "group") for t in GROUP_OWNED_RELS),
    _rel_index("PARTNERSHIP", "valid_from"),
)

CLAIM_EVIDENCE = (
    "UNWIND $groups AS g MATCH (c:Claim {group: g}) USING INDEX SEEK c:Claim(group) "
    "RETURN c.data AS data, c.evidence_text AS text"
)
KNOWN_ARTICLES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id"

CLAIMS_FOR_GROUPS = (
    PINNED
    + """
UNWIND $groups AS g
MATCH (c:Claim {group: g}) USING INDEX SEEK c:Claim(group)
RETURN c.id AS id, c.kind AS kind, c.group AS group, c.article AS article,
       c.recorded_at AS recorded_at, c.data AS data
ORDER BY c.id
"""
)

_CLAIM_RECORD = (
    "c.id AS id, c.kind AS kind, c.group AS group, c.article AS article, c.recorded_at AS recorded_at, c.data AS data"
)

#: The claims of one kind of some groups.
CLAIMS_OF_KIND = PINNED + (
    "UNWIND $groups AS g MATCH (c:Claim) USING INDEX SEEK c:Claim(group, kind) WHERE c.group = g AND c.kind = $kind "
    f"RETURN {_CLAIM_RECORD} ORDER BY c.id"
)

#: The claims of one kind of some groups whose ``change`` is one of ``$changes`` (a pair's announcing claims).
CLAIMS_OF_CHANGE = PINNED + (
    "UNWIND $groups AS g MATCH (c:Claim) USING INDEX SEEK c:Claim(group, kind) WHERE c.group = g AND c.kind = $kind "
    f"AND c.change IN $changes RETURN {_CLAIM_RECORD} ORDER BY c.id"
)

#: Claims by id (those that exist).
CLAIMS_BY_ID = PINNED + (
    f"UNWIND $ids AS id MATCH (c:Claim {{id: id}}) USING INDEX SEEK c:Claim(id) RETURN {_CLAIM_RECORD} ORDER BY c.id"
)

#: The event claims of some groups whose span starts between ``r[0]`` and ``r[1]`` and ends on or
#: after ``r[2]``, for each range ``r`` of the group's request (:func:`near_requests`).
EVENT_CLAIMS_NEAR = PINNED + (
    "UNWIND $requests AS q UNWIND q.ranges AS r MATCH (c:Claim) USING INDEX SEEK c:Claim(group, span_from) "
    "WHERE c.group = q.group AND c.span_from >= r[0] AND c.span_from <= r[1] AND c.span_to >= r[2] "
    f"WITH DISTINCT c RETURN {_CLAIM_RECORD} ORDER BY c.id"
)

#: The event of a group each of its articles reports (:func:`reported_requests`): the properties a
#: partnership claim is filled from (:func:`~entente.graph.derive.stored_event`) and its id.
EVENTS_REPORTED = PINNED + (
    # From the article, by its unique id: with statistics left by other data, the planner may
    # otherwise scan the REPORTS relationships' group index.
    "UNWIND $requests AS q UNWIND q.articles AS a MATCH (art:Article {id: a}) USING INDEX SEEK art:Article(id) "
    "MATCH (art)-[r:REPORTS]->(e:Event) WHERE r.group = q.group "
    "RETURN q.group AS group, a AS article, e {.id, .kind, .date_text, .date_precision} AS props"
)


def near_requests(ranges: Mapping[Any, list[tuple[str, str, str]]]) -> list[dict[str, Any]]:
    """The ``$requests`` of :data:`EVENT_CLAIMS_NEAR`: each group (by its text) with its ranges."""
    return [{"group": str(group), "ranges": [list(r) for r in asked]} for group, asked in ranges.items()]


def reported_requests(articles: Mapping[Any, list[str]]) -> list[dict[str, Any]]:
    """The ``$requests`` of :data:`EVENTS_REPORTED`: each group (by its text) with its articles."""
    return [{"group": str(group), "articles": list(asked)} for group, asked in articles.items()]


#: Events of a group by id, and the group's relationships at them: the part of a group a partial
#: derivation rewrites (with the group's PARTNERSHIP relationships and Tally, read by group).
SCOPE_EVENTS = PINNED + (
    "UNWIND $rows AS row MATCH (n:Event {id: row.id}) USING INDEX SEEK n:Event(id) WHERE n.group = row.group "
    "RETURN n.id AS id, properties(n) AS props"
)
SCOPE_EVENT_RELS = PINNED + (
    "UNWIND $rows AS row MATCH (e:Event {id: row.id}) USING INDEX SEEK e:Event(id) "
    "MATCH (e)-[r]-() WHERE r.group = row.group "
    "RETURN type(r) AS type, r.id AS id, startNode(r).id AS start, endNode(r).id AS end, properties(r) AS props"
)

KNOWN_SOURCES = "UNWIND $ids AS id MATCH (s:SourceFile {id: id}) RETURN s.id AS id"

#: The first write of every ingest transaction: a write lock on one node, held until commit, so a
#: second ingest waits here and then reads the first one's claims (Neo4j reads are read-committed).
INGEST_LOCK = "MERGE (l:IngestLock {id: 'ingest'}) SET l.at = $at"

CLAIM_COUNTS = PINNED + (
    "UNWIND $groups AS g MATCH (c:Claim {group: g}) USING INDEX SEEK c:Claim(group) "
    "RETURN g AS group, count(c) AS claims"
)

PUBLISHED_FOR = PINNED + (
    "UNWIND $ids AS id MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id) "
    "RETURN a.id AS id, a.published AS published"
)


def _group_nodes(label: str) -> str:
    check_label(label)
    return PINNED + (
        f"UNWIND $groups AS g MATCH (n:{label} {{group: g}}) USING INDEX SEEK n:{label}(group) "
        "RETURN n.id AS id, properties(n) AS props"
    )


def _group_rels(rel_type: str) -> str:
    check_rel_type(rel_type)
    return PINNED + (
        f"UNWIND $groups AS g MATCH (a)-[r:{rel_type} {{group: g}}]->(b) USING INDEX SEEK r:{rel_type}(group) "
        "RETURN r.id AS id, a.id AS start, b.id AS end, properties(r) AS props"
    )


def _delete_nodes(label: str) -> str:
    check_label(label)
    return PINNED + f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) USING INDEX SEEK n:{label}(id) DETACH DELETE n"


def _delete_rels(rel_type: str) -> str:
    check_rel_type(rel_type)
    return PINNED + (
        f"UNWIND $ids AS id MATCH ()-[r:{rel_type} {{id: id}}]->() USING INDEX SEEK r:{rel_type}(id) DELETE r"
    )


def _group_node_ids(label: str) -> str:
    check_label(label)
    return PINNED + (
        f"UNWIND $groups AS g MATCH (n:{label} {{group: g}}) USING INDEX SEEK n:{label}(group) RETURN n.id AS id"
    )


def _group_rel_ends(rel_type: str) -> str:
    check_rel_type(rel_type)
    return PINNED + (
        f"UNWIND $groups AS g MATCH (a)-[r:{rel_type} {{group: g}}]->(b) USING INDEX SEEK r:{rel_type}(group) "
        "RETURN r.id AS id, a.id AS start, b.id AS end"
    )


#: What a group owns now, with its properties (GROUP_NODES, GROUP_RELS) or only what says which
#: rows are gone or moved (GROUP_NODE_IDS, GROUP_REL_ENDS: ids, and a relationship's ends). Reads by
#: group name their index with ``USING INDEX SEEK``: planned while an index's sample still said
#: "empty", a scan of the whole index looked as cheap as a seek (see ``SCHEMA_STATEMENTS``).
GROUP_NODES = {label: _group_nodes(label) for label in GROUP_OWNED_LABELS}
GROUP_RELS = {t: _group_rels(t) for t in GROUP_OWNED_RELS}
GROUP_NODE_IDS = {label: _group_node_ids(label) for label in GROUP_OWNED_LABELS}
GROUP_REL_ENDS = {t: _group_rel_ends(t) for t in GROUP_OWNED_RELS}
DELETE_NODES = {label: _delete_nodes(label) for label in GROUP_OWNED_LABELS}
DELETE_RELS = {t: _delete_rels(t) for t in GROUP_OWNED_RELS}


def _merge_nodes(label: str) -> str:
    check_label(label)
    return PINNED + f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"


def _set_nodes(label: str) -> str:
    check_label(label)
    return PINNED + f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"


def _update_nodes(label: str) -> str:
    # The server compares: a row whose properties are as stored is matched and left alone. The
    # rows' properties hold no nulls (a stored node has none), so equal means unchanged.
    check_label(label)
    return PINNED + (
        f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) USING INDEX SEEK n:{label}(id) "
        "WITH n, row WHERE properties(n) <> row.props SET n = row.props"
    )


def _update_rels(rel_type: str) -> str:
    check_rel_type(rel_type)
    return PINNED + (
        f"UNWIND $rows AS row MATCH ()-[r:{rel_type} {{id: row.props.id}}]->() USING INDEX SEEK r:{rel_type}(id) "
        "WITH r, row WHERE properties(r) <> row.props SET r = row.props"
    )


def _merge_rels(rel_type: str, start: str, end: str) -> str:
    check_rel_type(rel_type)
    check_label(start)
    check_label(end)
    return PINNED + (
        "UNWIND $rows AS row "
        f"MERGE (a:{start} {{id: row.start}}) "
        f"MERGE (b:{end} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel_type} {{id: row.props.id}}]->(b) "
        "SET r = row.props"
    )


merge_nodes = {label: _merge_nodes(label) for label in LABELS}
set_nodes = {label: _set_nodes(label) for label in LABELS}
merge_rels = {
    (t, s, e): _merge_rels(t, s, e) for t, (starts, ends) in REL_ENDPOINTS.items() for s in starts for e in ends
}
#: Writes of a group's rows whose stored properties were not read (GROUP_NODE_IDS, GROUP_REL_ENDS):
#: the server sets only those that differ. A relationship here is stored with the same ends.
update_nodes = {label: _update_nodes(label) for label in GROUP_OWNED_LABELS}
update_rels = {t: _update_rels(t) for t in GROUP_OWNED_RELS}

READ_NODES = """
MATCH (n)
WHERE NOT ({hidden})
RETURN labels(n) AS labels, properties(n) AS props
""".format(hidden=" OR ".join(f"n:{check_label(label)}" for label in ("Claim", *BOOKKEEPING_LABELS)))

READ_RELS = """
MATCH (a)-[r]->(b)
WHERE NOT type(r) IN $hidden
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
"""
