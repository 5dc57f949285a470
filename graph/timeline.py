"""The timeline of one pair, or of one party with every partner: what a journalist asks for first.

Levels as intervals, the events the parties met at (with their leaders and place), the joint
documents they signed, each with the evidence sentences and the articles (title, URL, file) behind
it, in date order.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n in ("BLR", "CHN"): g.add_node(n, label="State", name={"BLR": "Belarus", "CHN": "China"}[n])
>>> g.add_node("a1", label="Article", title="Xi meets Lukashenko", url="https://example.org/1", published="2022-09-16")
>>> _ = g.add_edge("BLR", "CHN", type="PARTNERSHIP", level="all-weather comprehensive strategic partnership",
...                rank=54, valid_from="2022-09-15", change="upgrade", sources=["a1"], claims=["c1"])
>>> t = pair_timeline(g, "CHN", "BLR")
>>> [(e.date, e.kind, e.summary) for e in t.entries]
[('2022-09-15', 'level', 'upgraded to all-weather comprehensive strategic partnership (earlier level not recorded)')]
>>> t.entries[0].sources[0].title
'Xi meets Lukashenko'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import networkx as nx

from entente.graph.intervals import RECALLED

__all__ = ["EvidenceReader", "Source", "Timeline", "TimelineEntry", "pair_timeline", "plot_timeline"]


@runtime_checkable
class EvidenceReader(Protocol):
    """A store that can give the evidence sentences of its claims (both stores can)."""

    def claim_evidence(self, groups: Iterable[str]) -> dict[str, str]: ...


_CHANGE_WORDS = {
    "establish": "established",
    "upgrade": "upgraded to",
    "downgrade": "downgraded to",
    "rename": "renamed",
    "attested": "attested",
}


@dataclass(frozen=True)
class Source:
    """An article behind an entry."""

    title: str | None
    url: str | None
    path: str | None
    published: str | None


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing that happened between the parties: a level (``kind`` "level"), an event, a document."""

    date: str | None
    kind: str  # "level", or the event's kind ("meeting", "visit", ...), or "document"
    parties: tuple[str, ...]
    summary: str
    level: str | None = None
    rank: int | None = None
    valid_to: str | None = None
    place: str | None = None
    leaders: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    group: str | None = None  # the derivation group of a level, whose claims are its evidence

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["parties"] = list(self.parties)
        data["leaders"] = list(self.leaders)
        data["evidence"] = list(self.evidence)
        data["sources"] = [asdict(s) for s in self.sources]
        del data["claims"], data["group"]
        return data


@dataclass
class Timeline:
    """A party's (``b`` None: with every partner) or a pair's history, oldest first."""

    a: str
    a_name: str
    b: str | None
    b_name: str | None
    entries: list[TimelineEntry] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # every party's name, by id

    def levels(self) -> list[TimelineEntry]:
        return [e for e in self.entries if e.kind == "level"]

    def claim_groups(self) -> list[str]:
        """The derivation groups whose claims hold the entries' evidence."""
        return sorted({e.group for e in self.entries if e.group})

    def with_evidence(self, texts: dict[str, str]) -> Timeline:
        """The same timeline with each entry's evidence sentences from ``texts`` (claim id -> sentence)."""
        entries = [
            replace(e, evidence=tuple(sorted({" ".join(texts[c].split()) for c in e.claims if texts.get(c)})))
            for e in self.entries
        ]
        return Timeline(self.a, self.a_name, self.b, self.b_name, entries, self.names)

    def as_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "a_name": self.a_name,
            "b": self.b,
            "b_name": self.b_name,
            "entries": [e.as_dict() for e in self.entries],
        }


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _sources(graph: nx.MultiDiGraph[str], article_ids: list[str]) -> tuple[Source, ...]:
    found = []
    for ident in sorted(set(article_ids)):
        if ident in graph and graph.nodes[ident].get("label") == "Article":
            data = graph.nodes[ident]
            found.append(Source(data.get("title"), data.get("url"), data.get("source"), data.get("published")))
    return tuple(sorted(found, key=lambda s: (s.published or "", s.path or "", s.title or "")))


def _level_summary(data: dict[str, Any]) -> str:
    change = data.get("change") or "establish"
    summary = f"{_CHANGE_WORDS.get(change, change)} {data.get('level')}"
    if change in ("upgrade", "downgrade"):
        previous = data.get("previous_level")
        summary += f" (from {previous})" if previous else " (earlier level not recorded)"
    if data.get("basis") == "attested":
        reason = str(data.get("reason") or "")
        if RECALLED in reason:
            summary = f"{data.get('level')} ({reason.split(';')[0]})"
        else:
            summary = f"{data.get('level')} attested (its start is not known)"
    return summary


def pair_timeline(graph: nx.MultiDiGraph[str], a: str, b: str | None = None) -> Timeline:
    """Levels, events and joint documents of ``a`` with ``b`` (or with every partner), oldest first.

    Entries without a date come last. Evidence sentences are filled in by :meth:`Timeline.with_evidence`
    (the claims live in the store's evidence layer, which the exported graph leaves out).
    """

    def name(party: str) -> str:
        return str(graph.nodes[party].get("name", party)) if party in graph else party

    def concerns(parties: list[str]) -> bool:
        return a in parties and (b is None or b in parties)

    timeline = Timeline(a, name(a), b, name(b) if b else None)
    entries: list[TimelineEntry] = []
    for u, v, data in graph.edges(data=True):
        if data.get("type") != "PARTNERSHIP" or not concerns([u, v]):
            continue
        pair = tuple(sorted((u, v)))
        entries.append(
            TimelineEntry(
                date=data.get("valid_from"),
                kind="level",
                parties=pair,
                summary=f"{'–'.join(name(p) for p in pair)}: {_level_summary(data)}"
                if b is None
                else _level_summary(data),
                level=data.get("level"),
                rank=int(data["rank"]) if data.get("rank") is not None else None,
                valid_to=data.get("valid_to"),
                claims=tuple(_list(data.get("claims"))),
                group=data.get("group"),
                sources=_sources(graph, _list(data.get("sources"))),
            )
        )
    leaders: dict[str, list[str]] = {}
    reports: dict[str, list[str]] = {}
    signers: dict[str, list[str]] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("type") == "ATTENDED":
            leaders.setdefault(v, []).append(name(u))
        elif data.get("type") == "REPORTS":
            reports.setdefault(v, []).append(u)
        elif data.get("type") == "SIGNED_BY":
            signers.setdefault(u, []).append(v)
    for node, data in graph.nodes(data=True):
        label = data.get("label")
        if label == "Event" and concerns(_list(data.get("parties"))):
            place = data.get("place")
            entries.append(
                TimelineEntry(
                    date=data.get("date"),
                    kind=str(data.get("kind") or "event"),
                    parties=tuple(sorted(_list(data.get("parties")))),
                    summary=f"{data.get('kind') or 'event'}" + (f" in {place}" if place else ""),
                    place=place,
                    leaders=tuple(sorted(leaders.get(node, []))),
                    sources=_sources(graph, reports.get(node, []) + _list(data.get("articles"))),
                )
            )
        elif label == "Document" and concerns(_list(data.get("parties")) or signers.get(node, [])):
            sources = _sources(graph, _article_ids(graph, _list(data.get("sources"))))
            entries.append(
                TimelineEntry(
                    date=min((s.published for s in sources if s.published), default=None),
                    kind="document",
                    parties=tuple(sorted(_list(data.get("parties")) or signers.get(node, []))),
                    summary=f"signed: {data.get('title') or data.get('name')}",
                    sources=sources,
                )
            )
    order = {"level": 1, "document": 2}
    if b is None:  # with every partner: each event and document says whom it concerns
        entries = [
            e if e.kind == "level" else replace(e, summary=f"{'–'.join(name(p) for p in e.parties)}: {e.summary}")
            for e in entries
        ]
    timeline.names = {p: name(p) for e in entries for p in e.parties}
    timeline.entries = sorted(
        entries, key=lambda e: (e.date is None, e.date or "", order.get(e.kind, 0), e.parties, e.summary)
    )
    return timeline


def _article_ids(graph: nx.MultiDiGraph[str], paths_or_ids: list[str]) -> list[str]:
    """Article ids for a list that may hold ids or source paths (documents keep paths)."""
    by_path = {d.get("source"): n for n, d in graph.nodes(data=True) if d.get("label") == "Article"}
    return [by_path.get(item, item) for item in paths_or_ids]


def plot_timeline(timeline: Timeline, path: str | Path, *, dpi: int = 100) -> Path:
    """A step chart of each pair's level rank over time, its events marked on the line; returns ``path``.

    Pairs at the same rank are drawn a little apart so no line hides another; an open interval
    runs to the right edge; the legend sits outside the plot, so it covers nothing.
    """
    import datetime as dt

    import matplotlib

    matplotlib.use("Agg")  # before pyplot is imported
    import matplotlib.pyplot as plt

    def x(value: str) -> float:
        """A date as a fractional year, the chart's x axis."""
        when = dt.date.fromisoformat(value[:10]) if len(value) >= 10 else dt.date(int(value[:4]), 1, 1)
        return when.year + (when.timetuple().tm_yday - 1) / 366

    levels = [e for e in timeline.levels() if e.date]
    marks = [e for e in timeline.entries if e.kind != "level" and e.date]
    xs_all = [x(e.date or "") for e in levels + marks] + [x(e.valid_to) for e in levels if e.valid_to]
    fig, ax = plt.subplots(figsize=(10, 5), dpi=dpi)
    title = f"{timeline.a_name}–{timeline.b_name}" if timeline.b_name else f"{timeline.a_name} and its partners"
    ax.set_title(f"{title}: partnership level over time", fontsize=11)
    if not xs_all:
        ax.text(0.5, 0.5, "nothing recorded", transform=ax.transAxes, ha="center")
        ax.set_axis_off()
    else:
        first, last = min(xs_all), max(xs_all)
        margin = max(0.15, (last - first) / 10)
        start, end = first - margin, last + margin
        pairs = sorted({e.parties for e in levels})
        for i, pair in enumerate(pairs):
            offset = (i - (len(pairs) - 1) / 2) * 0.5
            xs: list[float] = []
            ys: list[float] = []
            for entry in [e for e in levels if e.parties == pair]:
                y = float(entry.rank or 0) + offset
                xs += [x(entry.date or ""), x(entry.valid_to) if entry.valid_to else end, float("nan")]
                ys += [y, y, float("nan")]
            partner = [p for p in pair if p != timeline.a] or [timeline.a]
            label = timeline.names.get(partner[0], partner[0])
            (line,) = ax.plot(xs, ys, linewidth=2.4, label=label)
            notes: dict[tuple[float, float], list[str]] = {}
            for mark in [m for m in marks if set(pair) <= set(m.parties)]:
                when = x(mark.date or "")
                held = [e for e in levels if e.parties == pair and x(e.date or "") <= when]
                held = [e for e in held if not e.valid_to or when < x(e.valid_to)]
                y = float(held[-1].rank or 0) + offset if held else offset
                document = mark.kind == "document"
                ax.plot(
                    [when],
                    [y],
                    marker="s" if document else "o",
                    markersize=6 if document else 10,
                    color="white" if document else line.get_color(),
                    markeredgecolor="black",
                    zorder=3,
                )
                # marks within a fortieth of the chart's width share one label, so labels do not overprint
                near = next((k for k in notes if k[1] == y and abs(k[0] - when) < (end - start) / 40), (when, y))
                short = mark.summary if timeline.b else mark.summary.split(": ", 1)[-1]  # the line names the pair
                notes.setdefault(near, []).append("joint document" if document else short)
            for (when, y), texts in notes.items():
                right_half = when > (start + end) / 2  # label leftwards there, so it stays inside the plot
                ax.annotate(
                    "; ".join(dict.fromkeys(texts)),
                    (when, y),
                    textcoords="offset points",
                    xytext=(-6 if right_half else 6, 7),
                    ha="right" if right_half else "left",
                    fontsize=7,
                    color="#333333",
                )
        ax.set_xlim(start, end)
        if end - start < 3:
            ticks = [year + q / 4 for year in range(int(start), int(end) + 1) for q in range(4)]
            ticks = [t for t in ticks if start <= t <= end]
            ax.set_xticks(ticks, [f"{int(t)}-{round((t % 1) * 12) + 1:02d}" for t in ticks], fontsize=8)
        else:
            years = [y for y in range(int(start), int(end) + 1) if start <= y <= end]
            step = max(1, len(years) // 12)
            ax.set_xticks([float(y) for y in years][::step], [str(y) for y in years][::step], fontsize=8)
        rank_names = {e.rank: e.level for e in levels if e.rank is not None}
        ranks = sorted(rank_names)
        ax.set_yticks([float(r) for r in ranks], [f"{rank_names[r]} ({r})" for r in ranks], fontsize=7)
        ax.set_ylim(min(ranks, default=0) - 6, max(ranks, default=10) + 6)
        ax.set_ylabel("level (rank on the ladder)", fontsize=9)
        ax.grid(axis="y", color="#e4e4e4")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="partner")
    fig.text(0.01, 0.01, "line: partnership level; circle: event; square: joint document", fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(path, format="png", metadata={"Software": None})
    plt.close(fig)
    return Path(path)
