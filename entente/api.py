"""Entente's library entry points: what each command does, without the command line.

>>> from entente.api import extract_paths
>>> result = extract_paths(["corpus/001_17cc30498ef1f3d8.txt"])
>>> [(c.pair, c.change) for f in result.facts for c in f.partnerships]
[('CHN|TLS', 'upgrade')]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The stages load when a function needs them, not at import: `entente --help` and the commands
# that only read the graph then start without spaCy, and the ones that need no graph without networkx.
if TYPE_CHECKING:
    import networkx as nx

    from entente.graph.centrality import CentralityRow
    from entente.graph.diff import NetworkDiff
    from entente.graph.snapshot import UndatedFacts, UndatedPartnership
    from entente.graph.store import IngestReport, Store
    from entente.graph.timeline import Timeline
    from entente.ingest.evaluate import EvalReport
    from entente.ingest.model import Article, ArticleFacts
    from entente.ingest.readers import ReadOptions, ReadProblem, SourceFile

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "DEFAULT_STORE",
    "ExtractResult",
    "centrality_picture",
    "centrality_report",
    "centrality_trend",
    "diff_dates",
    "evaluate_paths",
    "export_partnerships",
    "export_store",
    "extract_on_dask",
    "extract_paths",
    "has_facts",
    "ingest_fact_files",
    "ingest_paths",
    "named_query",
    "open_store",
    "party_id",
    "run_query",
    "timeline",
    "timeline_picture",
    "trend_picture",
    "undated_facts",
    "undated_partnerships",
]

DEFAULT_STORE = "entente-data"
#: Seconds a writer waits for another ingest into the same embedded store.
DEFAULT_LOCK_TIMEOUT = 300.0


@dataclass
class ExtractResult:
    facts: list[ArticleFacts] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def empty_articles(self) -> list[str]:
        """The sources of the articles that gave no facts."""
        return [f.article.source for f in self.facts if not has_facts(f)]


def has_facts(facts: ArticleFacts) -> bool:
    """Whether an article gave a fact: a partnership, event or support claim, or a joint document."""
    return bool(facts.partnerships or facts.events or facts.supports or facts.documents)


def _articles(
    paths: Iterable[str],
    published: str | None,
    problems: list[ReadProblem],
    max_bytes: int | None,
    options: ReadOptions | None,
    **sources: Any,
) -> Iterator[Article]:
    """The articles read; ``published`` (the command line's ``--published``) fills ``options``' date."""
    from entente.ingest.readers import DEFAULT_MAX_BYTES, ReadOptions, ReadProblem, read_articles

    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    options = options or ReadOptions()
    if published:
        options = replace(options, published=published)
    for item in read_articles(paths, max_bytes=max_bytes, options=options, **sources):
        if isinstance(item, ReadProblem):
            problems.append(item)
        else:
            yield item


def extract_paths(
    paths: Iterable[str],
    *,
    published: str | None = None,
    trained: str | None = None,
    knowledge: str | None = None,
    n_process: int = 1,
    max_bytes: int | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    options: ReadOptions | None = None,
) -> ExtractResult:
    """Read and extract every article under ``paths`` (files over ``max_bytes``, by default the
    readers' ``DEFAULT_MAX_BYTES``, are reported as problems and skipped), read as ``options`` says."""
    from entente.ingest.extract import Extractor

    result = ExtractResult()
    extractor = Extractor(trained=trained, knowledge=knowledge)
    articles = _articles(paths, published, result.problems, max_bytes, options)
    result.facts = list(extractor(articles, n_process=n_process))
    if on_problem:
        for problem in result.problems:
            on_problem(problem)
    return result


def open_store(
    *,
    store: str | None = None,
    neo4j: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    writer: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> Store:
    """The Neo4j store at the URI ``neo4j`` when one is given, else the embedded store in ``store``.

    ``user`` defaults to ``neo4j`` and ``database`` to the server's default. The embedded store
    is ``./entente-data`` unless ``store`` names another folder; a writer waits up to
    ``lock_timeout`` seconds for another ingest into it to finish. Nothing is read from the
    environment: the command line passes its settings in.
    """
    if neo4j:
        from entente.graph.neo4j_store import Neo4jStore

        return Neo4jStore(neo4j, user or "neo4j", password, database or None)
    from entente.graph.embedded import EmbeddedStore

    return EmbeddedStore(store or DEFAULT_STORE, writer=writer, lock_timeout=lock_timeout)


def party_id(text: str, knowledge: str | None = None) -> str:
    """The id of the state or organisation ``text`` names, as extraction would read it (an id, ISO
    code, name, alias or demonym); an unknown name raises an error that suggests the closest one."""
    from entente.ingest.knowledge import load_knowledge

    return load_knowledge(knowledge).party_id(text)


def run_query(
    text: str,
    params: dict[str, str],
    *,
    neo4j: str,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """The rows of a read query of the shipped Cypher library (:mod:`entente.queries`), run on the
    Neo4j at the URI ``neo4j``; its values come only as ``params``."""
    from entente.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j, user or "neo4j", password, database or None)
    try:
        return store.run_query(text, params)
    finally:
        store.close()


def named_query(
    name: str,
    params: dict[str, str],
    *,
    store: str | None = None,
    neo4j: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """The rows of the named query ``name`` (:mod:`entente.queries`) with ``params`` already bound:
    its Cypher on the Neo4j at the URI ``neo4j``, else its function (:mod:`entente.queries.embedded`)
    on the embedded store in ``store``; the same rows for the same corpus."""
    from entente.queries import load_queries

    queries = load_queries()
    if neo4j:
        return run_query(queries[name].text, params, neo4j=neo4j, user=user, password=password, database=database)
    from entente.graph.embedded import EmbeddedStore
    from entente.queries.embedded import run_embedded

    target = EmbeddedStore(store or DEFAULT_STORE)
    try:
        graph = target.read_graph(evidence=True)
    finally:
        target.close()
    return run_embedded(name, graph, params)


def ingest_paths(
    paths: Iterable[str],
    target: Store,
    *,
    published: str | None = None,
    trained: str | None = None,
    knowledge: str | None = None,
    n_process: int = 1,
    batch_size: int = 1000,
    max_bytes: int | None = None,
    problems: list[ReadProblem] | None = None,
    on_article: Callable[[int], None] | None = None,
    options: ReadOptions | None = None,
    report_empty: bool = False,
) -> IngestReport:
    """Read, skip what ``target`` already has, extract the rest and write it.

    Files the store has recorded as read whole (same type and bytes) are skipped unparsed; the
    articles of other files are skipped by id before extraction. A file is recorded once every
    article in it is committed, so an interrupted ingest records only what it finished.
    """
    from entente.graph.store import batched, ingest_facts
    from entente.ingest.extract import Extractor
    from entente.ingest.knowledge import load_knowledge

    problems = problems if problems is not None else []
    kb = load_knowledge(knowledge)
    extractor = Extractor(trained=trained, knowledge=knowledge)
    ledger = _SourceLedger(target)
    skipped = 0

    def fresh() -> Iterator[Article]:
        # Skip stored articles before extraction, the expensive part.
        nonlocal skipped
        articles = _articles(
            paths,
            published,
            problems,
            max_bytes,
            options,
            known_sources=target.known_sources,
            on_source=ledger.read_whole,
        )
        for batch in batched(articles, batch_size):
            known = target.known_articles(a.id for a in batch)
            skipped += sum(a.id in known for a in batch)
            for article in batch:
                if article.id not in known:
                    ledger.articles_fresh += 1
                    yield article
            ledger.handed_out()

    def committed(count: int) -> None:
        ledger.committed(count)
        if on_article:
            on_article(count)

    empty: list[str] = []

    def noting_empty(facts: Iterable[ArticleFacts]) -> Iterator[ArticleFacts]:
        for item in facts:
            if not has_facts(item):
                empty.append(item.article.source)
            yield item

    facts = extractor(fresh(), n_process=n_process)
    report = ingest_facts(
        target, noting_empty(facts) if report_empty else facts, kb, batch_size=batch_size, on_batch=committed
    )
    report.empty_articles = empty
    ledger.handed_out()
    ledger.committed(0, finished=True)
    report.articles_skipped += skipped
    report.files_unchanged = ledger.unchanged
    return report


def extract_on_dask(
    paths: Iterable[str],
    output: str,
    *,
    scheduler: str | None = None,
    local_workers: int = 2,
    knowledge: str | None = None,
    published: str | None = None,
    shard_size: int = 500,
    problems: list[ReadProblem] | None = None,
) -> Any:
    """Extract the articles under ``paths`` on a Dask cluster into fact shards in ``output``.

    ``scheduler`` is a Dask scheduler address (``tcp://host:8786``); without one, a local
    cluster of ``local_workers`` processes runs here. Needs ``entente[distributed]``.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        from entente.errors import EntenteError

        raise EntenteError("extraction on a cluster needs Dask: pip install 'entente[distributed]'") from exc
    from entente.ingest.cluster import extract_on_cluster

    problems = problems if problems is not None else []
    articles = _articles(paths, published, problems, None, None)
    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            return extract_on_cluster(articles, client, output, knowledge=knowledge, shard_size=shard_size)
    local = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with local as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        return extract_on_cluster(articles, client, output, knowledge=knowledge, shard_size=shard_size)


def ingest_fact_files(
    paths: Iterable[str],
    target: Store,
    *,
    knowledge: str | None = None,
    batch_size: int = 1000,
    problems: list[ReadProblem] | None = None,
    on_article: Callable[[int], None] | None = None,
) -> IngestReport:
    """Write the facts ``entente extract --format jsonl`` printed (files, or folders of shards).

    The graph is the one :func:`ingest_paths` gives for the same articles: extraction ran
    elsewhere, this is the one writer. Articles the store already has are skipped by id; a bad
    line is one problem naming its file and line, and the rest is ingested.
    """
    from entente.graph.store import ingest_facts
    from entente.ingest.factfiles import read_fact_files
    from entente.ingest.knowledge import load_knowledge

    problems = problems if problems is not None else []
    kb = load_knowledge(knowledge)
    return ingest_facts(target, read_fact_files(paths, problems), kb, batch_size=batch_size, on_batch=on_article)


class _SourceLedger:
    """When a file read whole may be recorded in the store: once all of its articles are committed.

    A file is complete when the reader moves past its last article; it is handed out when every
    article read so far has gone to extraction (as fresh) or been skipped (as stored), and then
    waits for the count of fresh articles at that moment to be committed (ingest commits them in
    order). Only the files between reading and committing are held, so this stays small.
    """

    def __init__(self, store: Store):
        self.store = store
        self.articles_fresh = 0
        self.done = 0
        self.unchanged = 0
        self.reading: list[SourceFile] = []
        self.handed: deque[tuple[int, SourceFile]] = deque()

    def read_whole(self, source: SourceFile, unchanged: bool) -> None:
        if unchanged:
            self.unchanged += 1
        else:
            self.reading.append(source)

    def handed_out(self) -> None:
        """Every article read so far has been handed out (as fresh, or skipped as stored)."""
        self.handed.extend((self.articles_fresh, source) for source in self.reading)
        self.reading.clear()

    def committed(self, count: int, *, finished: bool = False) -> None:
        self.done += count
        ready = []
        while self.handed and (finished or self.handed[0][0] <= self.done):
            ready.append(self.handed.popleft()[1])
        if ready:
            from entente.graph.store import utc_now

            self.store.record_sources(ready, utc_now())


def evaluate_paths(
    gold: str,
    paths: Iterable[str],
    *,
    published: str | None = None,
    trained: str | None = None,
    knowledge: str | None = None,
    n_process: int = 1,
) -> EvalReport:
    """Extract the articles under ``paths`` and score the facts against the gold file ``gold``.

    Only labelled articles are scored; articles with no gold line are listed in ``unlabelled`` and
    gold lines with no article read in ``missing``. A malformed gold file raises ``GoldError``.
    """
    from entente.ingest.evaluate import load_gold, score_facts
    from entente.ingest.knowledge import load_knowledge

    labels = load_gold(gold)
    extracted = extract_paths(paths, published=published, trained=trained, knowledge=knowledge, n_process=n_process)
    report = score_facts(labels, extracted.facts, load_knowledge(knowledge))
    report.problems = extracted.problems
    return report


def centrality_report(graph: nx.MultiDiGraph[str], day: str | None = None) -> list[CentralityRow]:
    """Centrality of the partnership network valid on ``day`` (default today)."""
    from entente.graph.centrality import centrality
    from entente.graph.snapshot import parse_day, partnership_network

    return centrality(partnership_network(graph, parse_day(day)))


def centrality_trend(
    graph: nx.MultiDiGraph[str], days: list[str], measure: str = "pagerank"
) -> dict[str, dict[str, tuple[int, float]]]:
    from entente.graph.centrality import trend
    from entente.graph.snapshot import parse_day, partnership_network

    return trend({day: partnership_network(graph, parse_day(day)) for day in days}, measure)


def centrality_picture(
    graph: nx.MultiDiGraph[str],
    day: str | None,
    path: str | Path,
    *,
    size: tuple[float, float] | None = None,
    dpi: int | None = None,
) -> Path:
    """A PNG of the partnership network valid on ``day``: node area by PageRank, edge width by rank;
    ``size`` in inches (width, height) and ``dpi`` default to the plot's own."""
    from entente.graph.centrality import centrality
    from entente.graph.plot import DEFAULT_DPI, plot_network
    from entente.graph.snapshot import parse_day, partnership_network

    day = parse_day(day)
    network = partnership_network(graph, day)
    extra: dict[str, Any] = {"size": size} if size else {}
    return plot_network(
        network, centrality(network), path, title=f"Partnership network as of {day}", dpi=dpi or DEFAULT_DPI, **extra
    )


def trend_picture(
    graph: nx.MultiDiGraph[str],
    days: list[str],
    path: str | Path,
    measure: str = "pagerank",
    *,
    size: tuple[float, float] | None = None,
    dpi: int | None = None,
) -> Path:
    """A PNG of each party's position on each of ``days``, one small panel per party, named."""
    from entente.graph.plot import DEFAULT_DPI, plot_trend

    names = {node: str(data.get("name") or node) for node, data in graph.nodes(data=True)}
    table = centrality_trend(graph, days, measure)
    return plot_trend(table, days, path, measure=measure, names=names, size=size, dpi=dpi or DEFAULT_DPI)


def export_store(graph: nx.MultiDiGraph[str], fmt: str, output: str, day: str | None = None) -> dict[str, Any]:
    """Export the whole history (``day`` None, GEXF dynamic) or the snapshot on ``day``."""
    from entente.graph.export import export_graph
    from entente.graph.snapshot import UndatedFacts, as_of, parse_day, undated_facts

    snapshot = as_of(graph, parse_day(day)) if day else graph
    undated = undated_facts(graph)
    left_out = UndatedFacts.LEFT_OUT_OF_SNAPSHOTS if day else ()
    path = export_graph(snapshot, fmt, output, dynamic=day is None, undated=undated, left_out=left_out)
    return {
        "path": str(path),
        "nodes": snapshot.number_of_nodes(),
        "edges": snapshot.number_of_edges(),
        "undated": undated,
        "left_out": left_out,
    }


def export_partnerships(graph: nx.MultiDiGraph[str], fmt: str, output: str, day: str | None = None) -> dict[str, Any]:
    """Export the partnership network that ``report centrality`` measures: on ``day``, or its whole
    history as dynamic GEXF (``day`` None)."""
    from entente.graph.export import export_network, network_history
    from entente.graph.snapshot import parse_day, partnership_network

    path = export_network(graph, "partnerships", fmt, output, parse_day(day) if day else None)
    if day:
        network = partnership_network(graph, parse_day(day))
        return {"path": str(path), "nodes": network.number_of_nodes(), "edges": network.number_of_edges()}
    pairs = network_history(graph)
    return {"path": str(path), "nodes": len({p for pair in pairs for p in pair}), "edges": len(pairs)}


def diff_dates(graph: nx.MultiDiGraph[str], since: str, until: str) -> NetworkDiff:
    """What was established, upgraded, downgraded or ended from ``since`` to ``until``, and the events between."""
    from entente.graph.diff import network_diff
    from entente.graph.snapshot import parse_day

    return network_diff(graph, parse_day(since), parse_day(until))


def undated_facts(graph: nx.MultiDiGraph[str]) -> UndatedFacts:
    """The partnerships, events and supports no source dates (snapshots leave out the first two)."""
    from entente.graph.snapshot import undated_facts

    return undated_facts(graph)


def undated_partnerships(graph: nx.MultiDiGraph[str]) -> list[UndatedPartnership]:
    """The partnerships no source dates, which no date's network or diff can hold."""
    from entente.graph.snapshot import undated_partnerships

    return undated_partnerships(graph)


def timeline(target: Store, a: str, b: str | None = None) -> Timeline:
    """The history of party ``a`` with ``b`` (ids), or with every partner when ``b`` is None, from
    ``target``: levels as intervals, events, leaders, joint documents, evidence sentences and sources."""
    from entente.graph.timeline import EvidenceReader, pair_timeline

    history = pair_timeline(target.read_graph(), a, b)
    if isinstance(target, EvidenceReader):
        history = history.with_evidence(target.claim_evidence(history.claim_groups()))
    return history


def timeline_picture(history: Timeline, path: str | Path, *, dpi: int = 100) -> Path:
    """A PNG step chart of the level's rank over time for each pair of ``history``, events marked."""
    from entente.graph.timeline import plot_timeline

    return plot_timeline(history, path, dpi=dpi)
