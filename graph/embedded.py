"""The embedded default store: the graph in memory, on disk as a snapshot plus a journal.

``DIR/graph.json`` is a snapshot; ``DIR/journal.jsonl`` holds one line per committed batch since
the snapshot, appended and fsynced before the batch counts as written. Opening replays the
journal over the snapshot (a torn last line, from a crash mid-write, is an uncommitted batch and
is ignored); closing writes a new snapshot atomically (temporary file, fsync, rename) and empties
the journal. A kill at any moment leaves the last committed batch intact. Writers hold
``DIR/.lock``, so two ingests into one store run one after the other, never interleaved.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import json
import os
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import networkx as nx
from filelock import FileLock, Timeout

from entente.graph.derive import ClaimRecord, GroupKey, tally_id
from entente.graph.schema import EXPORT_LABELS, GROUP_OWNED_LABELS, GROUP_OWNED_RELS, GraphRows, NodeRow, RelRow
from entente.graph.store import BatchWriter, Scope, SpanRange, StoreError, source_nodes
from entente.ingest.readers import SourceFile

__all__ = ["FORMAT_VERSION", "EmbeddedStore"]

FORMAT_VERSION = 1
_HIDDEN_RELS = ("SOURCED_FROM", "ABOUT")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [v if type(v) is str else _jsonable(v) for v in value]
    return value


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in props.items() if v is not None}


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class EmbeddedStore:
    """The graph on networkx-ready dicts, persisted under ``path``.

    ``writer=True`` takes the store's lock (waiting up to ``lock_timeout`` seconds).
    """

    def __init__(self, path: str | os.PathLike[str], *, writer: bool = False, lock_timeout: float = 300.0):
        self.path = Path(path)
        self.description = f"embedded store {self.path}"
        self.snapshot = self.path / "graph.json"
        self.journal = self.path / "journal.jsonl"
        self.nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self.rels: dict[tuple[str, str], dict[str, Any]] = {}
        self._claims_by_group: dict[str, set[str]] = {}  # claims are never deleted
        self._claims_by_kind: dict[tuple[str, str], set[str]] = {}  # (group, kind)
        # Event claims by the first day of their span, per group: (span_from, id), sorted.
        self._spans: dict[str, list[tuple[str, str]]] = {}
        self._span_of: dict[str, str] = {}
        # What each group owns, and the relationships at each node: a recomputed group's rows are
        # found without a pass over the whole graph.
        self._owned_nodes: dict[str, set[tuple[str, str]]] = {}
        self._owned_rels: dict[str, set[tuple[str, str]]] = {}
        self._rels_at: dict[tuple[str, str], set[tuple[str, str]]] = {}
        self._partnerships: dict[str, set[tuple[str, str]]] = {}  # a group's PARTNERSHIP relationships
        self._lock: FileLock | None = None
        self._dirty = False
        self._froze = False  # whether this store froze objects (see _settle)
        if writer:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create the store folder: {exc.strerror or exc}") from exc
            self._lock = FileLock(str(self.path / ".lock"))
            try:
                self._lock.acquire(timeout=lock_timeout)
            except Timeout as exc:
                raise StoreError(
                    f"{self.path}: another ingest is writing this store (lock {self.path / '.lock'}); "
                    f"waited {lock_timeout:.0f} s"
                ) from exc
        elif not self.snapshot.exists() and not self.journal.exists():
            raise StoreError(f"{self.path}: no Entente store here; run `entente ingest` first or pass --store")
        self._load()
        if writer:
            self._froze = gc.get_freeze_count() == 0
            self._settle()

    # -- persistence ----------------------------------------------------------------------
    def _load(self) -> None:
        if self.snapshot.exists():
            try:
                data = json.loads(self.snapshot.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise StoreError(f"{self.snapshot}: unreadable store snapshot ({exc})") from exc
            if data.get("format") != FORMAT_VERSION:
                raise StoreError(
                    f"{self.snapshot}: store format {data.get('format')!r}, this Entente reads {FORMAT_VERSION}"
                )
            for node in data["nodes"]:
                self._set_node((node["label"], node["id"]), node["props"])
                self._index_claim(node["label"], node["id"], node["props"])
            for rel in data["rels"]:
                self._set_rel(rel)
        if self.journal.exists():
            lines = self.journal.read_bytes().split(b"\n")
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    delta = json.loads(line)
                except json.JSONDecodeError as exc:
                    if number >= len(lines) - 1:
                        break  # a torn last line: that batch never committed
                    raise StoreError(f"{self.journal}:{number}: corrupt journal line ({exc.msg})") from exc
                self._apply(delta)
                self._dirty = True

    def _index_claim(self, label: str, ident: str, props: dict[str, Any]) -> None:
        if label != "Claim":
            return
        group = str(props.get("group"))
        self._claims_by_group.setdefault(group, set()).add(ident)
        self._claims_by_kind.setdefault((group, str(props.get("kind"))), set()).add(ident)
        start = props.get("span_from")
        if start is not None and self._span_of.get(ident) != start:
            spans = self._spans.setdefault(group, [])
            if ident in self._span_of:
                spans.remove((self._span_of[ident], ident))
            bisect.insort(spans, (start, ident))
            self._span_of[ident] = start

    def _require_writer(self) -> None:
        if self._lock is None:
            raise StoreError(f"{self.path}: opened read-only")

    def _set_node(self, key: tuple[str, str], props: dict[str, Any]) -> None:
        old = self.nodes.get(key)
        if old is not None and key[0] in GROUP_OWNED_LABELS:
            self._owned_nodes.get(old.get("group") or "", set()).discard(key)
        self.nodes[key] = props
        if key[0] in GROUP_OWNED_LABELS and props.get("group") is not None:
            self._owned_nodes.setdefault(props["group"], set()).add(key)

    def _forget_node(self, key: tuple[str, str], props: dict[str, Any]) -> None:
        """Forget a deleted node in the indexes, and delete its relationships (like DETACH DELETE)."""
        self._owned_nodes.get(props.get("group") or "", set()).discard(key)
        for rel_key in sorted(self._rels_at.pop(key, set())):
            if rel_key in self.rels:
                self._drop_rel(rel_key)

    def _set_rel(self, rel: dict[str, Any]) -> None:
        key = (rel["type"], rel["id"])
        if key in self.rels:
            self._drop_rel(key)
        self.rels[key] = rel
        for end in ("start", "end"):
            self._rels_at.setdefault((rel[f"{end}_label"], rel[end]), set()).add(key)
        if rel["type"] in GROUP_OWNED_RELS and rel["props"].get("group") is not None:
            self._owned_rels.setdefault(rel["props"]["group"], set()).add(key)
            if rel["type"] == "PARTNERSHIP":
                self._partnerships.setdefault(rel["props"]["group"], set()).add(key)

    def _drop_rel(self, key: tuple[str, str]) -> None:
        rel = self.rels.pop(key)
        for end in ("start", "end"):
            self._rels_at.get((rel[f"{end}_label"], rel[end]), set()).discard(key)
        if rel["type"] in GROUP_OWNED_RELS:
            self._owned_rels.get(rel["props"].get("group") or "", set()).discard(key)
            self._partnerships.get(rel["props"].get("group") or "", set()).discard(key)

    def _apply(self, delta: dict[str, Any]) -> None:
        # A batch names the rows its groups no longer derive; older journals name whole groups.
        for rel_type, ident in delta.get("drop_rels", ()):
            if (rel_type, ident) in self.rels:
                self._drop_rel((rel_type, ident))
        for label, ident in delta.get("drop_nodes", ()):
            props = self.nodes.pop((label, ident), None)
            if props is not None:
                self._forget_node((label, ident), props)
        for group in delta.get("groups", ()):
            for key in sorted(self._owned_rels.pop(group, set())):
                if key in self.rels:
                    self._drop_rel(key)
            for key in sorted(self._owned_nodes.pop(group, set())):
                del self.nodes[key]
                # like DETACH DELETE: relationships of deleted nodes go too
                for rel_key in sorted(self._rels_at.pop(key, set())):
                    if rel_key in self.rels:
                        self._drop_rel(rel_key)
        for node in delta.get("merge_nodes", ()):
            key = (node["label"], node["id"])
            self._set_node(key, {**self.nodes.get(key, {}), **node["props"]})
            self._index_claim(node["label"], node["id"], self.nodes[key])
        for node in delta.get("set_nodes", ()):
            self._set_node((node["label"], node["id"]), dict(node["props"]))
        for rel in delta.get("rels", ()):
            for end in ("start", "end"):
                self.nodes.setdefault((rel[f"{end}_label"], rel[end]), {"id": rel[end]})
            self._set_rel(rel)

    def _append(self, delta: dict[str, Any]) -> None:
        line = json.dumps(delta, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        with open(self.journal, "ab") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def compact(self) -> None:
        """Write the snapshot atomically and empty the journal."""
        self._require_writer()
        data = {
            "format": FORMAT_VERSION,
            "nodes": [{"label": k[0], "id": k[1], "props": self.nodes[k]} for k in sorted(self.nodes)],
            "rels": [self.rels[k] for k in sorted(self.rels)],
        }
        tmp = self.snapshot.with_suffix(".json.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, sort_keys=True, ensure_ascii=False, indent=0)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.snapshot)
        _fsync_dir(self.path)
        if self.journal.exists():
            os.replace(self._empty_journal(), self.journal)
            _fsync_dir(self.path)
        self._dirty = False

    def _empty_journal(self) -> Path:
        empty = self.path / "journal.jsonl.tmp"
        with open(empty, "wb") as handle:
            os.fsync(handle.fileno())
        return empty

    def _settle(self) -> None:
        """Collect the cyclic garbage there is, then leave every object alive out of later
        collections (:func:`gc.freeze`): the store's graph, which only grows, is then not walked
        again by every full collection of every later batch (a quarter of a batch's time at 10,000
        articles, and growing with the store). Its objects hold no cycles, so reference counting
        still frees them when a batch replaces them. Collecting first means no cycle that is
        garbage already stays frozen."""
        gc.collect()
        gc.freeze()

    def close(self) -> None:
        if self._lock is not None:
            try:
                if self._dirty:
                    self.compact()
            finally:
                self._lock.release()
                self._lock = None
                if self._froze:  # nothing was frozen before this store: hand the collector all back
                    gc.unfreeze()
                    self._froze = False

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the Store interface --------------------------------------------------------------
    def known_articles(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if ("Article", i) in self.nodes}

    def known_sources(self, digests: Iterable[str]) -> set[str]:
        return {d for d in digests if ("SourceFile", d) in self.nodes}

    def claim_evidence(self, groups: Iterable[str]) -> dict[str, str]:
        """The evidence sentence of each claim of ``groups``, by the id of the fact it records."""
        found = (self.nodes[("Claim", i)] for g in set(groups) for i in self._claims_by_group.get(g, ()))
        return {json.loads(c["data"])["id"]: c["evidence_text"] for c in found if c.get("evidence_text")}

    def record_sources(self, sources: list[SourceFile], recorded_at: str) -> None:
        self._commit({"merge_nodes": [_node(n) for n in source_nodes(sources, recorded_at)]})

    def claims_for_groups(self, groups: Iterable[GroupKey]) -> list[ClaimRecord]:
        ids = sorted(i for group in set(groups) for i in self._claims_by_group.get(str(group), ()))
        return [ClaimRecord.from_stored(self.nodes[("Claim", i)]) for i in ids]

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        return {i: self.nodes.get(("Article", i), {}).get("published") for i in article_ids}

    def write_batch(self, work: Callable[[BatchWriter], None]) -> None:
        self._require_writer()
        batch = _EmbeddedBatch(self)
        work(batch)  # reads see the committed store; the batch's own claims come from ingest
        self._commit(batch.delta)

    def _commit(self, delta: dict[str, Any]) -> None:
        """Append ``delta`` to the journal (one fsynced line: the commit), then apply it."""
        self._require_writer()
        self._append(delta)
        self._apply(delta)
        self._dirty = True
        self._settle()

    def read_graph(self, *, evidence: bool = False) -> nx.MultiDiGraph[str]:
        """The exported graph; ``evidence=True`` adds the Claim nodes and their ``ABOUT`` and
        ``SOURCED_FROM`` relationships (what the named queries read, :mod:`entente.queries.embedded`)."""
        labels = (*EXPORT_LABELS, "Claim") if evidence else EXPORT_LABELS
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for (label, ident), props in sorted(self.nodes.items()):
            if label in labels:
                graph.add_node(ident, label=label, **props)
        for (rel_type, ident), rel in sorted(self.rels.items()):
            if rel_type in _HIDDEN_RELS and not evidence:
                continue
            if rel["start"] in graph and rel["end"] in graph:
                graph.add_edge(rel["start"], rel["end"], key=ident, type=rel_type, **rel["props"])
        return graph


def _node(node: NodeRow) -> dict[str, Any]:
    return {"label": node.label, "id": node.id, "props": _props(node.props)}


def _rel(row: RelRow) -> dict[str, Any]:
    return {
        "type": row.type,
        "id": row.props["id"],
        "start_label": row.start_label,
        "start": row.start,
        "end_label": row.end_label,
        "end": row.end,
        "props": _props(row.props),
    }


class _EmbeddedBatch:
    """One batch of the embedded store: collects the journal line that commits it."""

    def __init__(self, store: EmbeddedStore):
        self.store = store
        self.delta: dict[str, Any] = {
            "drop_rels": [],
            "drop_nodes": [],
            "merge_nodes": [],
            "set_nodes": [],
            "rels": [],
        }

    def claim_counts(self, groups: list[GroupKey]) -> dict[GroupKey, int]:
        return {group: len(self.store._claims_by_group.get(str(group), ())) for group in groups}

    def claims_for_groups(self, groups: list[GroupKey]) -> list[ClaimRecord]:
        return self.store.claims_for_groups(groups)

    def claims_of_kind(
        self, groups: list[GroupKey], kind: str, changes: tuple[str, ...] | None = None
    ) -> list[ClaimRecord]:
        nodes = self.store.nodes
        ids = sorted({i for group in groups for i in self.store._claims_by_kind.get((str(group), kind), ())})
        if changes is not None:
            ids = [i for i in ids if nodes[("Claim", i)].get("change") in changes]
        return [ClaimRecord.from_stored(nodes[("Claim", i)]) for i in ids]

    def claims_by_id(self, ids: list[str]) -> list[ClaimRecord]:
        found = [self.store.nodes.get(("Claim", i)) for i in sorted(set(ids))]
        return [ClaimRecord.from_stored(props) for props in found if props is not None]

    def group_rels(self, groups: list[GroupKey], rel_type: str) -> dict[GroupKey, list[dict[str, Any]]]:
        rels, store = self.store.rels, self.store
        index = store._partnerships if rel_type == "PARTNERSHIP" else store._owned_rels
        return {
            group: [rels[key]["props"] for key in sorted(index.get(str(group), ())) if key[0] == rel_type]
            for group in groups
        }

    def event_claims_near(self, ranges: Mapping[GroupKey, list[SpanRange]]) -> list[ClaimRecord]:
        found: set[str] = set()
        for group, asked in ranges.items():
            spans = self.store._spans.get(str(group), [])
            for earliest, latest, ends in asked:
                low = bisect.bisect_left(spans, (earliest, ""))
                high = bisect.bisect_right(spans, (latest, "\uffff"))
                for _start, ident in spans[low:high]:
                    if self.store.nodes[("Claim", ident)].get("span_to", "") >= ends:
                        found.add(ident)
        return [ClaimRecord.from_stored(self.store.nodes[("Claim", i)]) for i in sorted(found)]

    def events_reported(self, articles: Mapping[GroupKey, list[str]]) -> dict[GroupKey, dict[str, dict[str, Any]]]:
        found: dict[GroupKey, dict[str, dict[str, Any]]] = {}
        for group, asked in articles.items():
            name = str(group)
            for article in asked:
                for key in self.store._rels_at.get(("Article", article), ()):
                    rel = self.store.rels[key]
                    if key[0] == "REPORTS" and rel["props"].get("group") == name:
                        found.setdefault(group, {})[article] = self.store.nodes[("Event", rel["end"])]
        return found

    def published_for(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        return self.store.published_for(article_ids)

    def tallies(self, groups: list[GroupKey]) -> dict[GroupKey, str]:
        found = {group: self.store.nodes.get(("Tally", tally_id(group))) for group in groups}
        return {group: props["counts"] for group, props in found.items() if props is not None}

    def write_base(self, base: GraphRows) -> None:
        self.delta["merge_nodes"] += [_node(n) for n in base.nodes]
        self.delta["rels"] += [_rel(r) for r in base.rels]

    def _owned(self, group: str, scope: Scope | None) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
        """What ``group`` owns, or the part of it ``scope`` covers: node keys, relationship keys."""
        store = self.store
        if scope is None:
            return store._owned_nodes.get(group, set()), store._owned_rels.get(group, set())
        owned = store._owned_nodes.get(group, set())
        nodes = {key for key in [*(("Event", e) for e in scope.events), ("Tally", f"tally:{group}")] if key in owned}
        rels = set(store._partnerships.get(group, set()))
        for key in nodes:
            rels.update(k for k in store._rels_at.get(key, ()) if store.rels[k]["props"].get("group") == group)
        return nodes, rels

    def write_groups(
        self,
        derived: dict[GroupKey, GraphRows],
        scopes: Mapping[GroupKey, Scope] | None = None,
        new: AbstractSet[GroupKey] = frozenset(),
    ) -> None:
        """Journal only what the recomputed groups change: rows gone, new, or with other properties."""
        store = self.store
        for group, rows in sorted(derived.items(), key=lambda item: str(item[0])):
            nodes = {(n.label, n.id): _node(n) for n in rows.nodes}
            rels = {(r.type, r.props["id"]): _rel(r) for r in rows.rels}
            owned_nodes, owned_rels = self._owned(str(group), (scopes or {}).get(group))
            gone_nodes = sorted(owned_nodes - nodes.keys())
            gone_rels = sorted(owned_rels - rels.keys())
            detached = {k for key in gone_nodes for k in store._rels_at.get(key, ())}
            self.delta["drop_rels"] += [list(key) for key in gone_rels]
            self.delta["drop_nodes"] += [list(key) for key in gone_nodes]
            gone = set(gone_nodes)
            for key, node in nodes.items():
                if store.nodes.get(key) != node["props"]:
                    self.delta["set_nodes"].append(node)
            for key, rel in rels.items():
                ends = {(rel["start_label"], rel["start"]), (rel["end_label"], rel["end"])}
                if store.rels.get(key) != rel or key in detached or ends & gone:
                    self.delta["rels"].append(rel)
