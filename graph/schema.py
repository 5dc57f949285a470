"""The graph model, one module for both stores.

Nodes (label: key ``id``)::

    (:State)  (:Organization)  (:Leader)  (:Event)  (:Initiative)  (:Place)  (:Article)
    (:Document)   a joint statement or declaration
    (:Claim)      one fact as one article states it (the evidence layer, not exported)

Relationships::

    (:State|Organization)-[:PARTNERSHIP {level, rank, qualifiers, valid_from, valid_to, ...}]-(:State|Organization)
        one relationship per validity interval, stored from the lower id to the higher, read as undirected
    (:Leader)-[:HOLDS_OFFICE {title, from, to}]->(:State)
    (:Leader)-[:ATTENDED]->(:Event)
    (:Event)-[:INVOLVES]->(:State|Organization)
    (:Event)-[:HELD_IN]->(:Place)-[:LOCATED_IN]->(:State)
    (:State|Organization)-[:SUPPORTS {since, sources}]->(:Initiative)
    (:Article)-[:REPORTS]->(:Event)
    (:Document)-[:SIGNED_BY]->(:State|Organization)
    (:Claim)-[:SOURCED_FROM {start, end}]->(:Article)
    (:Claim)-[:ABOUT]->(:State|Organization)

Time: ``valid_from``/``valid_to`` say when a fact held in the world (Neo4j ``Date``, with
``valid_from_precision`` beside it); ``recorded_at`` says when Entente learned it (system time).

Derived facts (intervals, merged events, offices, support) belong to a *group*, the set of claims
they are computed from: ``G:BLR|CHN`` (a pair's or party set's partnership and events),
``L:<leader>``, ``S:<state>|<initiative>``, ``D:<document>``. When new claims arrive the affected
groups are recomputed, so articles arriving in any order give one graph: from all their claims,
or from a group's ``Tally`` (running counts: a leader's names and titles, a party set's event
reports by kind of date span, an outline of its events and what each of its wild reports knows
of them) and the claims near the new ones (a party set's events, by the ``span_from``/``span_to``
days of its event claims, ``0000-01-01`` for a report with no span; :mod:`entente.graph.store`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "BOOKKEEPING_LABELS",
    "ENTITY_LABELS",
    "EXPORT_LABELS",
    "GROUP_OWNED_LABELS",
    "LABELS",
    "REL_ENDPOINTS",
    "REL_TYPES",
    "GraphRows",
    "NodeRow",
    "RelRow",
    "check_label",
    "check_rel_type",
    "clean_props",
]

LABELS = (
    "State",
    "Organization",
    "Leader",
    "Event",
    "Initiative",
    "Place",
    "Article",
    "Document",
    "Claim",
    "SourceFile",
    "IngestLock",
    "Tally",
)
#: Bookkeeping, never exported: files read whole (by content digest), the node every ingest
#: transaction writes first, so two ingests into one Neo4j database run one after the other, and
#: the running counts a group is derived from incrementally (``Tally``, owned by its group).
BOOKKEEPING_LABELS = ("SourceFile", "IngestLock", "Tally")
#: Nodes merged by key and never deleted (their properties come from the knowledge files).
ENTITY_LABELS = ("State", "Organization", "Leader", "Initiative", "Place")
#: Nodes owned by a group: deleted and recreated when the group is recomputed.
GROUP_OWNED_LABELS = ("Event", "Document", "Tally")
#: What exports and analysis see (the Claim evidence layer stays in the store).
EXPORT_LABELS = ("State", "Organization", "Leader", "Event", "Initiative", "Place", "Article", "Document")

_PARTY = ("State", "Organization")
REL_ENDPOINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "PARTNERSHIP": (_PARTY, _PARTY),
    "HOLDS_OFFICE": (("Leader",), _PARTY),
    "ATTENDED": (("Leader",), ("Event",)),
    "INVOLVES": (("Event",), _PARTY),
    "HELD_IN": (("Event",), ("Place",)),
    "LOCATED_IN": (("Place",), ("State",)),
    "SUPPORTS": (_PARTY, ("Initiative",)),
    "REPORTS": (("Article",), ("Event",)),
    "SIGNED_BY": (("Document",), _PARTY),
    "SOURCED_FROM": (("Claim",), ("Article",)),
    "ABOUT": (("Claim",), _PARTY),
}
REL_TYPES = tuple(REL_ENDPOINTS)
#: Relationships derived per group (deleted and recomputed with it).
GROUP_OWNED_RELS = (
    "PARTNERSHIP",
    "HOLDS_OFFICE",
    "ATTENDED",
    "INVOLVES",
    "HELD_IN",
    "SUPPORTS",
    "REPORTS",
    "SIGNED_BY",
)


def check_label(label: str) -> str:
    """``label`` if the schema has it; labels never come from input."""
    if label not in LABELS:
        raise ValueError(f"unknown node label {label!r}; the schema has {', '.join(LABELS)}")
    return label


def check_rel_type(rel_type: str) -> str:
    if rel_type not in REL_ENDPOINTS:
        raise ValueError(f"unknown relationship type {rel_type!r}; the schema has {', '.join(REL_TYPES)}")
    return rel_type


def clean_props(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as both stores keep them: no ``None`` values, lists for tuples, sorted keys."""
    out = {}
    for key in sorted(props):
        value = props[key]
        if value is None:
            continue
        if isinstance(value, (tuple, set, frozenset)):
            value = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        out[key] = value
    return out


@dataclass(frozen=True)
class NodeRow:
    label: str
    id: str
    props: dict[str, Any]


@dataclass(frozen=True)
class RelRow:
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    props: dict[str, Any]  # includes "id" (stable) and "group" for group-owned relationships


@dataclass
class GraphRows:
    """Rows to write: nodes and relationships, each already in the schema's shape."""

    nodes: list[NodeRow] = field(default_factory=list)
    rels: list[RelRow] = field(default_factory=list)

    def extend(self, other: GraphRows) -> None:
        self.nodes.extend(other.nodes)
        self.rels.extend(other.rels)
