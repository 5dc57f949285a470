"""The Neo4j store: the same model in a real Neo4j 5, through the official driver.

Constraints and indexes are created ``IF NOT EXISTS`` before the first write. A batch (new
articles, their claims, the recomputed groups) is one managed write transaction, sent as
``UNWIND $rows`` statements of at most ``batch_rows`` rows: it commits whole or not at all, so a
killed ingest leaves the last committed batch and a re-run carries on from there. Transient
errors (a leader switch in a cluster, a deadlock) are retried by the driver's managed
transactions. ``neo4j://`` URIs route writes to the cluster leader and reads to any member (Aura,
a cluster); the store's sessions share one bookmark manager, so each read sees the writes before it
(causal consistency). See ``docs/scaling.md``.

Credentials come from the caller (the command line reads ``NEO4J_USERNAME``/``NEO4J_PASSWORD``);
the password never appears in a message.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

import networkx as nx
from neo4j import GraphDatabase, ManagedTransaction, Session
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime

from entente.graph import cypher
from entente.graph.derive import ClaimRecord, GroupKey
from entente.graph.schema import EXPORT_LABELS, GROUP_OWNED_LABELS, GROUP_OWNED_RELS, GraphRows, RelRow
from entente.graph.store import BatchWriter, Scope, SpanRange, StoreError, source_nodes, utc_now
from entente.ingest.readers import SourceFile

__all__ = ["BOLT_SCHEMES", "Neo4jStore"]

#: What groups own in the database: node properties by (label, id), and (start, end, properties)
#: of relationships by (type, id). Properties are None where they were not read (:meth:`Neo4jStore.stored_rows`).
_Stored = tuple[
    dict[tuple[str, str], dict[str, Any] | None], dict[tuple[str, str], tuple[str, str, dict[str, Any] | None]]
]
#: One statement of a batch: the query, the name of its list parameter, and the rows.
_Statement = tuple[str, str, list[Any]]

#: The URI schemes of the Bolt protocol, which Entente speaks (the driver's HTTP API is a preview).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _plain(value: Any) -> Any:
    """A query's value as plain data: dates as ISO text, nodes and relationships by their ``id``
    property, a path as ``{"nodes": [...], "relationships": [...]}`` (how the embedded store's
    named queries give them, :mod:`entente.queries.embedded`)."""
    if isinstance(value, (Node, Relationship)):
        return value.get("id")
    if isinstance(value, Path):
        return {
            "nodes": [n.get("id") for n in value.nodes],
            "relationships": [r.get("id") for r in value.relationships],
        }
    if isinstance(value, (Date, DateTime)):
        return value.iso_format()[:10] if isinstance(value, Date) else value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _native(props: dict[str, Any]) -> dict[str, Any]:
    """Stored properties as Python values (Neo4j dates as ``datetime.date``)."""
    return {k: v.to_native() if isinstance(v, (Date, DateTime)) else v for k, v in props.items()}


def _comparable(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as Neo4j would store them: no ``None`` (SET removes those), lists for tuples."""
    return {k: _param(v) for k, v in props.items() if v is not None}


def _param(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (list, tuple)):
        return [_param(v) for v in value]
    return value


class Neo4jStore:
    """A Neo4j database as an Entente store."""

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        *,
        batch_rows: int = 1000,
        ensure_schema: bool = True,
    ):
        self.uri = uri
        self.database = database
        self.batch_rows = batch_rows
        self._froze = False  # whether this store froze the objects alive (_settle)
        self.description = f"Neo4j at {uri}" + (f" (database {database})" if database else "")
        scheme = uri.partition("://")[0].lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreError(
                f"Neo4j URI {uri!r} is not valid: use one of {', '.join(s + '://' for s in BOLT_SCHEMES)} "
                f"(for example bolt://127.0.0.1:7687; http:// is Neo4j Browser's address, not Bolt's)"
            )
        try:
            # Server notifications ("property key does not exist" on an empty database) would be
            # logged to stderr as noise around Entente's own one-line messages; its queries are fixed.
            self.driver = GraphDatabase.driver(
                uri, auth=(user, password or ""), connection_timeout=15, notifications_min_severity="OFF"
            )
            self.driver.verify_connectivity()
        except neo4j_errors.AuthError as exc:
            raise StoreError(
                f"Neo4j at {uri}: authentication failed for user {user!r} (check NEO4J_USERNAME/NEO4J_PASSWORD)"
            ) from exc
        except (neo4j_errors.ServiceUnavailable, OSError) as exc:
            raise StoreError(f"Neo4j at {uri}: not reachable ({type(exc).__name__}); is the server running?") from exc
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreError(f"Neo4j URI {uri!r} is not valid: {exc}") from exc
        if ensure_schema:
            self.ensure_schema()

    def _session(self) -> Session:
        # One bookmark manager for every session of this store: in a cluster a read that follows
        # a write (the claims of a group after the last batch) waits until a follower has it.
        bookmarks = self.driver.execute_query_bookmark_manager
        if self.database:
            return self.driver.session(bookmark_manager=bookmarks, database=self.database)
        return self.driver.session(bookmark_manager=bookmarks)

    def ensure_schema(self) -> None:
        with self._session() as session:
            for statement in cypher.SCHEMA_STATEMENTS:
                session.run(statement).consume()

    def close(self) -> None:
        self.driver.close()
        if self._froze:
            gc.unfreeze()
            self._froze = False

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _failure(self, doing: str, exc: Exception) -> StoreError:
        """One line for a failed read or write (after the driver's own retries of transient errors)."""
        if isinstance(exc, neo4j_errors.Neo4jError):
            reason = f"{(exc.message or '').splitlines()[0] if exc.message else ''} ({exc.code})".strip()
        else:
            reason = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        return StoreError(f"{self.description}: {doing} failed: {reason}")

    def _read(self, query: str, *, raw: bool = False, **params: Any) -> list[dict[str, Any]]:
        """Rows of a read query; ``raw`` keeps nodes, relationships and paths as the driver's objects."""

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [
                dict(zip(record.keys(), record.values(), strict=True)) if raw else record.data()
                for record in tx.run(query, **params)
            ]

        try:
            with self._session() as session:
                rows: list[dict[str, Any]] = session.execute_read(work)
                return rows
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._failure("reading", exc) from exc

    # -- the Store interface --------------------------------------------------------------
    def known_articles(self, ids: Iterable[str]) -> set[str]:
        return {row["id"] for row in self._read(cypher.KNOWN_ARTICLES, ids=list(ids))}

    def known_sources(self, digests: Iterable[str]) -> set[str]:
        return {row["id"] for row in self._read(cypher.KNOWN_SOURCES, ids=list(digests))}

    def claim_evidence(self, groups: Iterable[str]) -> dict[str, str]:
        """The evidence sentence of each claim of ``groups``, by the id of the fact it records."""
        rows = self._read(cypher.CLAIM_EVIDENCE, groups=sorted(set(groups)))
        return {json.loads(row["data"])["id"]: row["text"] for row in rows if row["text"]}

    def record_sources(self, sources: list[SourceFile], recorded_at: str) -> None:
        nodes = GraphRows(nodes=source_nodes(sources, recorded_at))
        self._write(lambda tx: _Neo4jBatch(self, tx).write_base(nodes), "recording the files read")

    def claims_for_groups(self, groups: Iterable[GroupKey]) -> list[ClaimRecord]:
        rows = self._read(cypher.CLAIMS_FOR_GROUPS, groups=sorted(map(str, groups)))
        return [ClaimRecord.from_stored(row) for row in rows]

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        rows = self._read(cypher.PUBLISHED_FOR, ids=sorted(article_ids))
        return {row["id"]: _plain(row["published"]) for row in rows}

    def _chunks(self, rows: list[Any]) -> Iterator[list[Any]]:
        for i in range(0, len(rows), self.batch_rows):
            yield rows[i : i + self.batch_rows]

    def stored_rows(self, tx: ManagedTransaction, groups: list[str], *, props: bool = False) -> _Stored:
        """What ``groups`` own in the database now: nodes by (label, id), relationships by (type, id)
        with their ends. Their properties only with ``props``; else None, and the server compares
        as it writes (:data:`~entente.graph.cypher.update_nodes`): reading every property of each
        group derived whole, to compare here, was the part of a batch that grew most with the database."""
        nodes: dict[tuple[str, str], dict[str, Any] | None] = {}
        rels: dict[tuple[str, str], tuple[str, str, dict[str, Any] | None]] = {}
        for label in GROUP_OWNED_LABELS:
            if props:
                for record in tx.run(cypher.GROUP_NODES[label], groups=groups):
                    nodes[(label, record["id"])] = _native(record["props"])
            else:
                nodes.update(((label, i), None) for i in tx.run(cypher.GROUP_NODE_IDS[label], groups=groups).value())
        for rel_type in GROUP_OWNED_RELS:
            if props:
                for record in tx.run(cypher.GROUP_RELS[rel_type], groups=groups):
                    rels[(rel_type, record["id"])] = (record["start"], record["end"], _native(record["props"]))
            else:
                for ident, start, end in tx.run(cypher.GROUP_REL_ENDS[rel_type], groups=groups).values():
                    rels[(rel_type, ident)] = (start, end, None)
        return nodes, rels

    def scoped_rows(self, tx: ManagedTransaction, scopes: Mapping[str, Scope]) -> _Stored:
        """The part of each group its :class:`~entente.graph.store.Scope` covers: the events named,
        the group's relationships at them, its PARTNERSHIP relationships and its Tally."""
        groups = sorted(scopes)
        events = [{"group": group, "id": ident} for group in groups for ident in sorted(scopes[group].events)]
        nodes: dict[tuple[str, str], dict[str, Any] | None] = {}
        for record in tx.run(cypher.SCOPE_EVENTS, rows=events):
            nodes[("Event", record["id"])] = _native(record["props"])
        for record in tx.run(cypher.GROUP_NODES["Tally"], groups=groups):
            nodes[("Tally", record["id"])] = _native(record["props"])
        rels: dict[tuple[str, str], tuple[str, str, dict[str, Any] | None]] = {}
        for record in tx.run(cypher.SCOPE_EVENT_RELS, rows=events):
            rels[(record["type"], record["id"])] = (record["start"], record["end"], _native(record["props"]))
        for record in tx.run(cypher.GROUP_RELS["PARTNERSHIP"], groups=groups):
            rels[("PARTNERSHIP", record["id"])] = (record["start"], record["end"], _native(record["props"]))
        return nodes, rels

    def batch_statements(self, base: GraphRows, derived: dict[str, GraphRows], stored: _Stored) -> list[_Statement]:
        """The statements of one batch in the order they run: (query, parameter name, rows).

        The recomputed groups are compared with what they own in the database (``stored``, from
        :meth:`stored_rows` or :meth:`scoped_rows`): what is gone is deleted, what is new or
        different is written, and what is unchanged is left alone. A group is recomputed whole
        whenever one of its articles arrives, so without this a hub pair's every event would be
        rewritten in every batch. Rows whose stored properties were not read go to statements
        that write only those the server finds different.
        """
        stored_nodes, stored_rels = stored
        new_nodes = {(node.label, node.id): node for rows in derived.values() for node in rows.nodes}
        new_rels = {(row.type, row.props["id"]): row for rows in derived.values() for row in rows.rels}
        gone_nodes = {key for key in stored_nodes if key not in new_nodes}
        gone_rels = {
            key
            for key, (start, end, _) in stored_rels.items()
            if key not in new_rels or (new_rels[key].start, new_rels[key].end) != (start, end)
        }

        def kept_rel(key: tuple[str, str], row: RelRow) -> bool:
            """Stored, with the same ends, which stay."""
            return (
                key in stored_rels
                and key not in gone_rels
                and (row.start_label, row.start) not in gone_nodes
                and (row.end_label, row.end) not in gone_nodes
            )

        merge_nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in base.nodes:
            merge_nodes[node.label].append({"id": node.id, "props": _param(node.props)})
        set_nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        update_nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for key, node in new_nodes.items():
            if key in stored_nodes and stored_nodes[key] is None:
                update_nodes[node.label].append({"id": node.id, "props": _comparable(node.props)})
            elif stored_nodes.get(key) != _comparable(node.props):
                set_nodes[node.label].append({"id": node.id, "props": {k: _param(v) for k, v in node.props.items()}})
        update_rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for row in base.rels:
            rels[(row.type, row.start_label, row.end_label)].append(
                {"start": row.start, "end": row.end, "props": _param(row.props)}
            )
        for key, row in new_rels.items():
            if not kept_rel(key, row):
                rels[(row.type, row.start_label, row.end_label)].append(
                    {"start": row.start, "end": row.end, "props": _param(row.props)}
                )
            elif stored_rels[key][2] is None:
                update_rels[row.type].append({"props": _comparable(row.props)})
            elif stored_rels[key][2] != _comparable(row.props):
                rels[(row.type, row.start_label, row.end_label)].append(
                    {"start": row.start, "end": row.end, "props": _param(row.props)}
                )
        return [
            *(
                (cypher.DELETE_RELS[t], "ids", sorted(i for kind, i in gone_rels if kind == t))
                for t in GROUP_OWNED_RELS
            ),
            *(
                (cypher.DELETE_NODES[label], "ids", sorted(i for kind, i in gone_nodes if kind == label))
                for label in GROUP_OWNED_LABELS
            ),
            *((cypher.merge_nodes[label], "rows", merge_nodes[label]) for label in sorted(merge_nodes)),
            *((cypher.set_nodes[label], "rows", set_nodes[label]) for label in sorted(set_nodes)),
            *((cypher.update_nodes[label], "rows", update_nodes[label]) for label in sorted(update_nodes)),
            *((cypher.merge_rels[key], "rows", rels[key]) for key in sorted(rels)),
            *((cypher.update_rels[t], "rows", update_rels[t]) for t in sorted(update_rels)),
        ]

    def write_batch(self, work: Callable[[BatchWriter], None]) -> None:
        def transaction(tx: ManagedTransaction) -> None:
            tx.run(cypher.INGEST_LOCK, at=utc_now()).consume()
            work(_Neo4jBatch(self, tx))

        self._settle()
        self._write(transaction, "writing a batch")

    def _settle(self) -> None:
        """Before a batch, leave every object alive out of later collections (:func:`gc.freeze`),
        as the embedded store does: each full collection that a batch's derivation set off walked
        the caller's articles and facts and the knowledge, and a batch of bigger groups sets off
        more (a fifth to a quarter of a batch's client time at 10,000 articles). The young
        generations are collected first, so that little garbage is frozen; a full collection
        would walk everything again. Left alone when someone else froze objects first;
        :meth:`close` unfreezes what this store froze (a store never closed leaves it frozen
        until the process ends, as an embedded store does)."""
        if not self._froze and gc.get_freeze_count() == 0:
            self._froze = True
        if self._froze:
            gc.collect(1)
            gc.freeze()

    def _write(self, work: Callable[[ManagedTransaction], None], doing: str) -> None:
        try:
            with self._session() as session:
                session.execute_write(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise self._failure(doing, exc) from exc

    def read_graph(self) -> nx.MultiDiGraph[str]:
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for row in sorted(self._read(cypher.READ_NODES), key=lambda r: (r["labels"], r["props"].get("id"))):
            label = next((name for name in row["labels"] if name in EXPORT_LABELS), None)
            if label is None:
                continue
            props = {k: _plain(v) for k, v in row["props"].items()}
            graph.add_node(props["id"], label=label, **props)
        for row in sorted(
            self._read(cypher.READ_RELS, hidden=list(cypher.HIDDEN_RELS)),
            key=lambda r: (r["type"], r["props"].get("id") or ""),
        ):
            if row["start"] in graph and row["end"] in graph:
                props = {k: _plain(v) for k, v in row["props"].items()}
                graph.add_edge(row["start"], row["end"], key=props["id"], type=row["type"], **props)
        return graph

    def run_query(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Run a read query of the shipped library (its text is ours; values are parameters)."""
        rows = self._read(query, raw=True, **params)
        return [{k: _plain(v) for k, v in row.items()} for row in rows]


class _Neo4jBatch:
    """One batch inside one write transaction: its reads see what it has written so far."""

    def __init__(self, store: Neo4jStore, tx: ManagedTransaction):
        self.store = store
        self.tx = tx

    def claim_counts(self, groups: list[GroupKey]) -> dict[GroupKey, int]:
        counts = self.tx.run(cypher.CLAIM_COUNTS, groups=[str(group) for group in groups])
        return {GroupKey.parse(record["group"]): record["claims"] for record in counts}

    def claims_for_groups(self, groups: list[GroupKey]) -> list[ClaimRecord]:
        rows = self.tx.run(cypher.CLAIMS_FOR_GROUPS, groups=sorted(map(str, groups)))
        return [ClaimRecord.from_stored(record.data()) for record in rows]

    def claims_of_kind(
        self, groups: list[GroupKey], kind: str, changes: tuple[str, ...] | None = None
    ) -> list[ClaimRecord]:
        names = sorted(map(str, groups))
        if changes is None:
            rows = self.tx.run(cypher.CLAIMS_OF_KIND, groups=names, kind=kind)
        else:
            rows = self.tx.run(cypher.CLAIMS_OF_CHANGE, groups=names, kind=kind, changes=list(changes))
        return [ClaimRecord.from_stored(record.data()) for record in rows]

    def claims_by_id(self, ids: list[str]) -> list[ClaimRecord]:
        rows = self.tx.run(cypher.CLAIMS_BY_ID, ids=sorted(set(ids)))
        return [ClaimRecord.from_stored(record.data()) for record in rows]

    def group_rels(self, groups: list[GroupKey], rel_type: str) -> dict[GroupKey, list[dict[str, Any]]]:
        found: dict[GroupKey, list[dict[str, Any]]] = {group: [] for group in groups}
        for record in self.tx.run(cypher.GROUP_RELS[rel_type], groups=sorted(map(str, groups))):
            props = _native(record["props"])
            found[GroupKey.parse(props["group"])].append(props)
        return found

    def event_claims_near(self, ranges: Mapping[GroupKey, list[SpanRange]]) -> list[ClaimRecord]:
        rows = self.tx.run(cypher.EVENT_CLAIMS_NEAR, requests=cypher.near_requests(ranges))
        return [ClaimRecord.from_stored(record.data()) for record in rows]

    def events_reported(self, articles: Mapping[GroupKey, list[str]]) -> dict[GroupKey, dict[str, dict[str, Any]]]:
        rows = self.tx.run(cypher.EVENTS_REPORTED, requests=cypher.reported_requests(articles))
        found: dict[GroupKey, dict[str, dict[str, Any]]] = {}
        for record in rows:
            found.setdefault(GroupKey.parse(record["group"]), {})[record["article"]] = dict(record["props"])
        return found

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        return {
            record["id"]: _plain(record["published"])
            for record in self.tx.run(cypher.PUBLISHED_FOR, ids=sorted(article_ids))
        }

    def write_base(self, base: GraphRows) -> None:
        self._run(self.store.batch_statements(base, {}, ({}, {})))

    def tallies(self, groups: list[GroupKey]) -> dict[GroupKey, str]:
        rows = self.tx.run(cypher.GROUP_NODES["Tally"], groups=[str(group) for group in groups])
        return {GroupKey.parse(row["props"]["group"]): row["props"]["counts"] for row in rows}

    def write_groups(
        self,
        derived: dict[GroupKey, GraphRows],
        scopes: Mapping[GroupKey, Scope] | None = None,
        new: AbstractSet[GroupKey] = frozenset(),
    ) -> None:
        if not derived:
            return  # a chunk whose groups all went another way: nothing to read or write
        by_name = {str(group): rows for group, rows in derived.items()}
        scoped = {str(group): scope for group, scope in (scopes or {}).items() if group in derived}
        # what the groups own now, except new groups, which own nothing yet
        owning = sorted(by_name.keys() - scoped.keys() - {str(group) for group in new})
        nodes, rels = self.store.stored_rows(self.tx, owning) if owning else ({}, {})
        if scoped:
            more_nodes, more_rels = self.store.scoped_rows(self.tx, scoped)
            nodes.update(more_nodes)
            rels.update(more_rels)
        self._run(self.store.batch_statements(GraphRows(), by_name, (nodes, rels)))

    def _run(self, statements: list[_Statement]) -> None:
        for query, name, rows in statements:
            for chunk in self.store._chunks(rows):
                self.tx.run(query, {name: chunk}).consume()
