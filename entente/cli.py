"""The ``entente`` command line: parse options, call one library function, render the result.

Library errors (:class:`entente.errors.EntenteError`) become one line on stderr here, in one
place (:class:`_Commands`).

This is the edge where settings come in: options take their defaults from the environment through
click's ``envvar=`` (``ENTENTE_STORE``, ``ENTENTE_KNOWLEDGE``, ``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_DATABASE``), and two settings that have no option are read here and nowhere else:
``NEO4J_PASSWORD`` (a password is never an option, so it cannot show in a process list; without it
the command asks on a terminal) and ``ENTENTE_LOCK_TIMEOUT``. The library takes them all as plain
arguments and reads no environment variable.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from entente import api
from entente.errors import EntenteError

if TYPE_CHECKING:
    import networkx as nx

    from entente.graph.snapshot import UndatedEvent, UndatedPartnership, UndatedSupport
    from entente.graph.store import Store
    from entente.ingest.readers import ReadOptions, ReadProblem
    from entente.queries import NamedQuery

EXIT_INPUT_PROBLEMS = 1
_Command = TypeVar("_Command", bound=Callable[..., Any])


class _Failure(click.ClickException):
    """A library error as the command line shows it: one line on stderr, exit code 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"entente: {self.format_message()}", err=True)


def _iso_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from entente.graph.snapshot import parse_day

    try:
        return parse_day(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, for example 2023-09-23") from None


def _store_options(func: _Command) -> _Command:
    options = [
        _env_option("--store", "DIR", "ENTENTE_STORE", f"Embedded store folder (default ./{api.DEFAULT_STORE})."),
        _neo4j_option("Use Neo4j at URI (bolt:// or neo4j://) instead of the embedded store."),
        _user_option(),
        _database_option(),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _env_option(flag: str, metavar: str, envvar: str, text: str) -> Callable[[_Command], _Command]:
    """An option with no default of its own, taken from ``envvar`` when set (``--help`` names it)."""
    return click.option(flag, metavar=metavar, default=None, envvar=envvar, show_envvar=True, help=text)


def _neo4j_option(text: str) -> Callable[[_Command], _Command]:
    return _env_option("--neo4j", "URI", "NEO4J_URI", text)


def _user_option() -> Callable[[_Command], _Command]:
    return _env_option("--user", "NAME", "NEO4J_USERNAME", "Neo4j user (default neo4j).")


def _database_option() -> Callable[[_Command], _Command]:
    return _env_option(
        "--database", "NAME", "NEO4J_DATABASE", "Neo4j database (default: the server's default database)."
    )


def _knowledge_option() -> Callable[[_Command], _Command]:
    return _env_option(
        "--knowledge", "DIR", "ENTENTE_KNOWLEDGE", "Folder of knowledge files extending the shipped ones."
    )


def _password(neo4j: str | None) -> str | None:
    """The Neo4j password from ``NEO4J_PASSWORD``, or a prompt on a terminal; never an option."""
    if not neo4j:
        return None
    if os.environ.get("NEO4J_PASSWORD") is not None:
        return os.environ["NEO4J_PASSWORD"]
    if sys.stdin.isatty():
        return click.prompt("Neo4j password", hide_input=True)
    raise EntenteError("NEO4J_PASSWORD is not set and there is no terminal to ask for it")


def _lock_timeout() -> float:
    """Seconds an ingest waits for another one to finish with the embedded store (``ENTENTE_LOCK_TIMEOUT``)."""
    setting = os.environ.get("ENTENTE_LOCK_TIMEOUT", "300")
    try:
        return float(setting)
    except ValueError:
        raise EntenteError(
            f"ENTENTE_LOCK_TIMEOUT={setting!r} is not a number of seconds; use for example 300"
        ) from None


def _chosen(store: str | None, neo4j: str | None) -> str | None:
    """The Neo4j URI to use: none when ``--store`` was typed and the URI only came from NEO4J_URI
    (an exported variable must not override the store the command line names)."""
    if store is None or neo4j is None:
        return neo4j
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return neo4j
    from click.core import ParameterSource

    typed = ctx.get_parameter_source("store") == ParameterSource.COMMANDLINE
    from_env = ctx.get_parameter_source("neo4j") == ParameterSource.ENVIRONMENT
    return None if typed and from_env else neo4j


def _open(store: str | None, neo4j: str | None, user: str | None, database: str | None, writer: bool = False) -> Store:
    neo4j = _chosen(store, neo4j)
    if neo4j:
        return api.open_store(neo4j=neo4j, user=user, password=_password(neo4j), database=database)
    return api.open_store(store=store, writer=writer, lock_timeout=_lock_timeout())


def _read_graph(
    store: str | None, neo4j: str | None, user: str | None, database: str | None, *, say: bool = True
) -> nx.MultiDiGraph[str]:
    target = _open(store, neo4j, user, database)
    if say:
        _say_store(target.description)
    try:
        return target.read_graph()
    finally:
        target.close()


def _say_store(description: str) -> None:
    """Name the store a command reads, so an exported NEO4J_URI cannot switch stores unnoticed."""
    click.echo(f"store: {description}", err=True)


def _party(text: str, knowledge: str | None) -> str:
    """The id of the party a user typed (name, alias, ISO code); an unknown name is an error."""
    return api.party_id(text, knowledge)


def _report_problems(problems: list[ReadProblem]) -> bool:
    """Show each problem on a line; whether any was more than a warning (a file that should have been an article)."""
    for problem in problems:
        click.echo(f"entente: {problem}", err=True)
    return any(not problem.warning for problem in problems)


def _input_options(func: _Command) -> _Command:
    """How files are read: field names of JSONL/CSV records, day-first dates, which files of a folder."""
    options = [
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="FIELD=KEY",
            callback=_field_mapping,
            help="Read a record field (text, published, title, url) from KEY of JSONL/CSV records (repeatable).",
        ),
        click.option("--day-first", is_flag=True, help="Read dates like 03/04/2024 as 3 April (else month first)."),
        click.option(
            "--include", multiple=True, metavar="GLOB", help="In folders, read only files matching GLOB (repeatable)."
        ),
        click.option(
            "--exclude", multiple=True, metavar="GLOB", help="In folders, skip files or folders matching GLOB."
        ),
        click.option("--report-empty", is_flag=True, help="List the articles that gave no facts."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _field_mapping(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    from entente.ingest.records import FIELDS

    mapping = {}
    for value in values:
        name, sep, key = value.partition("=")
        if not sep or not key.strip() or name.strip() not in FIELDS:
            raise click.BadParameter(f"{value!r}: use FIELD=KEY with FIELD one of {', '.join(FIELDS)}")
        mapping[name.strip()] = key.strip()
    return mapping


def _read_options(
    fields: dict[str, str], day_first: bool, include: tuple[str, ...], exclude: tuple[str, ...]
) -> ReadOptions:
    from entente.ingest.readers import ReadOptions

    return ReadOptions(fields=fields, day_first=day_first, include=include, exclude=exclude)


def _report_empty(sources: list[str]) -> None:
    for source in sources:
        click.echo(f"entente: no facts: {source}", err=True)
    click.echo(f"entente: {len(sources)} article{'s' if len(sources) != 1 else ''} gave no facts", err=True)


class _Commands(click.Group):
    """The command group; the library errors a user can fix become one line here, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EntenteError as exc:
            raise _Failure(str(exc)) from None


@click.group(cls=_Commands, epilog="Example: entente ingest corpus/ && entente report centrality --as-of 2023-12-31")
@click.version_option(package_name="entente")
def cli() -> None:
    """Entente: diplomatic news in, a temporal partnership graph out.

    Reads articles, extracts who met whom, when and where and which partnership level two states
    announced, and keeps it as a temporal graph (the embedded store, or Neo4j).
    """


@cli.command(epilog="Example: entente extract corpus/ --format jsonl > facts.jsonl")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option(
    "--published", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles that state none."
)
@click.option(
    "--trained",
    metavar="PIPELINE",
    default=None,
    help="An installed trained spaCy pipeline to add statistical NER (e.g. en_core_web_sm).",
)
@_knowledge_option()
@click.option(
    "--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes."
)
@_input_options
def extract(
    paths: tuple[str, ...],
    fmt: str,
    published: str | None,
    trained: str | None,
    knowledge: str | None,
    processes: int,
    fields: dict[str, str],
    day_first: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    report_empty: bool,
) -> None:
    """Print the facts extracted from articles (files or folders); no database is touched."""
    from entente.ingest.extract import fact_lines
    from entente.ingest.knowledge import load_knowledge

    result = api.extract_paths(
        paths,
        published=published,
        trained=trained,
        knowledge=knowledge,
        n_process=processes,
        options=_read_options(fields, day_first, include, exclude),
    )
    lines = list(fact_lines(result.facts, load_knowledge(knowledge)))
    if fmt == "jsonl":
        for line in lines:
            click.echo(json.dumps(line, ensure_ascii=False, sort_keys=True))
    else:
        _table_facts(lines)
    undated = sum(line["type"] == "partnership" and not line["date"] for line in lines)
    if undated:
        click.echo(
            f"entente: {undated} partnership claim{'s' if undated != 1 else ''} {'have' if undated != 1 else 'has'}"
            " no date: give --published or a published field",
            err=True,
        )
    if report_empty:
        _report_empty(result.empty_articles)
    if _report_problems(result.problems):
        sys.exit(EXIT_INPUT_PROBLEMS)


@cli.command(
    "extract-cluster",
    epilog="Example: entente extract-cluster news/ -o facts/ --scheduler tcp://h:8786",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False), help="Folder for the fact shards.")
@click.option("--scheduler", metavar="ADDRESS", default=None, help="A Dask scheduler (default: a local cluster).")
@click.option("--local-workers", type=click.IntRange(1, 64), default=2, show_default=True, help="Without --scheduler.")
@click.option(
    "--shard-size", type=click.IntRange(1, 100000), default=500, show_default=True, help="Articles per shard."
)
@click.option(
    "--published", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles that state none."
)
@_knowledge_option()
def extract_cluster(
    paths: tuple[str, ...],
    output: str,
    scheduler: str | None,
    local_workers: int,
    shard_size: int,
    published: str | None,
    knowledge: str | None,
) -> None:
    """Extract on a Dask cluster into fact shards that `entente ingest --facts` loads (docs/scaling.md)."""
    problems: list[ReadProblem] = []
    report = api.extract_on_dask(
        paths,
        output,
        scheduler=scheduler,
        local_workers=local_workers,
        knowledge=knowledge,
        published=published,
        shard_size=shard_size,
        problems=problems,
    )
    click.echo(f"{report.articles} articles extracted into {report.shards} shards in {output}")
    _report_problems(problems)
    if problems:
        sys.exit(EXIT_INPUT_PROBLEMS)


def _table_facts(lines: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    table = Table(title="Partnership claims")
    for column in ("source", "parties", "level", "change", "date", "place"):
        table.add_column(column)
    for line in lines:
        if line["type"] == "partnership":
            table.add_row(
                line["source"],
                "–".join(p["id"] for p in line["parties"]),
                line["level"],
                line["change"],
                line["date"] or "",
                line["place"] or "",
            )
    console.print(table)
    events = Table(title="Events")
    for column in ("date", "kind", "parties", "place", "leaders", "sources"):
        events.add_column(column)
    for line in lines:
        if line["type"] == "event":
            events.add_row(
                line["date"] or "",
                line["kind"],
                "–".join(line["parties"]),
                line["place"] or "",
                ", ".join(line["leaders"]),
                str(len(line["sources"])),
            )
    console.print(events)


@cli.command(epilog="Example: entente ingest corpus/ --store ./entente-data")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_store_options
@click.option(
    "--published", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles that state none."
)
@click.option(
    "--trained", metavar="PIPELINE", default=None, help="An installed trained spaCy pipeline to add statistical NER."
)
@_knowledge_option()
@click.option(
    "--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes."
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100000),
    default=1000,
    show_default=True,
    help="Articles per committed batch.",
)
@_input_options
@click.option(
    "--facts",
    "from_facts",
    is_flag=True,
    help="PATHs are what `entente extract --format jsonl` printed (files or folders of shards), not articles.",
)
def ingest(
    paths: tuple[str, ...],
    store: str | None,
    neo4j: str | None,
    user: str | None,
    database: str | None,
    published: str | None,
    trained: str | None,
    knowledge: str | None,
    processes: int,
    batch_size: int,
    fields: dict[str, str],
    day_first: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    report_empty: bool,
    from_facts: bool,
) -> None:
    """Extract articles and write the graph; re-ingesting the same files changes nothing.

    Files the store has read whole before (same bytes) are skipped unread; articles it already
    has are skipped before extraction. Run it again on a grown folder to add only what is new.
    """
    target = _open(store, neo4j, user, database, writer=True)
    problems: list[ReadProblem] = []
    progress = None
    try:
        if sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.completed} articles"),
                TimeElapsedColumn(),
                transient=True,
            )
            progress.start()
            task = progress.add_task("ingesting", total=None)
            on_article = lambda n: progress.advance(task, n)  # noqa: E731
        else:
            on_article = None
        if from_facts:
            report = api.ingest_fact_files(
                paths, target, knowledge=knowledge, batch_size=batch_size, problems=problems, on_article=on_article
            )
        else:
            report = api.ingest_paths(
                paths,
                target,
                published=published,
                trained=trained,
                knowledge=knowledge,
                n_process=processes,
                batch_size=batch_size,
                problems=problems,
                on_article=on_article,
                options=_read_options(fields, day_first, include, exclude),
                report_empty=report_empty,
            )
    finally:
        if progress is not None:
            progress.stop()
        target.close()
    click.echo(f"{target.description}: {report.summary()}")
    if report_empty:
        _report_empty(report.empty_articles)
    if _report_problems(problems):
        sys.exit(EXIT_INPUT_PROBLEMS)


@cli.group(epilog="Example: entente report centrality --as-of 2023-12-31 --format md")
def report() -> None:
    """Reports on the partnership network."""


@report.command(epilog="Example: entente report centrality --as-of 2023-01-01 --format json")
@click.option("--as-of", "as_of", callback=_iso_day, metavar="YYYY-MM-DD", help="The date (default today).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "md"]), default="table", show_default=True)
@click.option(
    "--trend",
    "trend_years",
    metavar="FROM:TO",
    default=None,
    help="Year range (e.g. 2015:2024): rank of each party at each year's end.",
)
@click.option(
    "--png",
    "png",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also draw a PNG: the network on the date, or with --trend the positions over the years.",
)
@click.option("--dpi", type=click.IntRange(30, 600), default=None, help="Resolution of the PNG (default 100).")
@click.option(
    "--size", "size", metavar="WxH", default=None, help="Size of the PNG in inches, e.g. 10x7 (default: fits the data)."
)
@_store_options
def centrality(
    as_of: str | None,
    fmt: str,
    trend_years: str | None,
    png: str | None,
    dpi: int | None,
    size: str | None,
    store: str | None,
    neo4j: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """Centrality of states in the partnership network valid on a date."""
    inches = _inches(size)
    graph = _read_graph(store, neo4j, user, database)
    if trend_years:
        _trend(graph, trend_years, fmt, png, inches, dpi)
        return
    rows = [r.as_dict() for r in api.centrality_report(graph, as_of)]
    _render(rows, fmt, title=f"Centrality as of {as_of or 'today'}")
    _show_undated(api.undated_partnerships(graph), fmt, "not in the network of any date")
    if not rows:
        from entente.graph.snapshot import parse_day, span_note

        day = parse_day(as_of)
        click.echo(f"entente: no partnerships on {day}; {span_note(graph, day)}", err=True)
    if png:
        click.echo(f"wrote {api.centrality_picture(graph, as_of, png, size=inches, dpi=dpi)}", err=True)


def _inches(spec: str | None) -> tuple[float, float] | None:
    """``--size WxH`` in inches."""
    if spec is None:
        return None
    try:
        width, height = (float(x) for x in spec.lower().split("x"))
    except ValueError:
        raise click.BadParameter(
            f"{spec!r}: use WIDTHxHEIGHT in inches, for example 10x7", param_hint="--size"
        ) from None
    if not (1 <= width <= 50 and 1 <= height <= 50):
        raise click.BadParameter(f"{spec!r}: each side must be 1 to 50 inches", param_hint="--size")
    return width, height


def _trend(
    graph: nx.MultiDiGraph[str],
    spec: str,
    fmt: str,
    png: str | None,
    inches: tuple[float, float] | None = None,
    dpi: int | None = None,
) -> None:
    try:
        first, last = (int(x) for x in spec.split(":"))
    except ValueError:
        raise click.BadParameter(f"{spec!r}: use FROM:TO years, for example 2015:2024", param_hint="--trend") from None
    if last < first:
        raise click.BadParameter(f"{spec!r}: the last year comes before the first", param_hint="--trend")
    days = [f"{year}-12-31" for year in range(first, last + 1)]
    table = api.centrality_trend(graph, days)
    if png:
        click.echo(f"wrote {api.trend_picture(graph, days, png, size=inches, dpi=dpi)}", err=True)
    rows = []
    for party in sorted(table, key=lambda p: (min(pos for pos, _ in table[p].values()), p)):
        row: dict[str, Any] = {"id": party}
        for day in days:
            position = table[party].get(day)
            row[day[:4]] = position[0] if position else None
        rows.append(row)
    _render(rows, fmt, title="PageRank position at each year's end")
    _show_undated(api.undated_partnerships(graph), fmt, "not in the network of any year")


_UNDATED_TITLES = {
    "partnership": "Undated partnerships: no source dates them (give --published or a published field)",
    "event": "Undated events: no report gives their year (give --published or a published field)",
    "support": "Undated supports: no dated article states them",
}


def _show_undated(undated: Sequence[UndatedPartnership | UndatedEvent | UndatedSupport], fmt: str, why: str) -> None:
    """List undated facts of one kind: a section of a table or md report, else one line on stderr."""
    if not undated:
        return
    kind = undated[0].KIND
    title = _UNDATED_TITLES[kind]
    if fmt in ("table", "md"):
        click.echo(f"\n### {title}\n" if fmt == "md" else "")
        _render([u.row() for u in undated], fmt, title=title)
        return
    listed = "; ".join(str(u) for u in undated)
    count = f"{len(undated)} undated {kind}{'s' if len(undated) != 1 else ''}"
    click.echo(f"entente: {count}, {why}: {listed}", err=True)


def _render(rows: list[dict[str, Any]], fmt: str, title: str = "") -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
        return
    if fmt == "md":
        click.echo("| " + " | ".join(columns) + " |")
        click.echo("|" + "---|" * len(columns))
        for row in rows:
            click.echo("| " + " | ".join("" if row[c] is None else str(row[c]) for c in columns) + " |")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    Console().print(table)


@cli.command(epilog="Example: entente export --format gexf --output history.gexf")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv"]), required=True)
@click.option(
    "--as-of", "as_of", callback=_iso_day, metavar="YYYY-MM-DD", help="Snapshot date (default: the whole history)."
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(),
    help="File to write (for csv: a folder, created, holding the files).",
)
@click.option(
    "--network",
    type=click.Choice(["partnerships"]),
    default=None,
    help="Only the states-and-partnerships network centrality measures: undirected, weight = rank, "
    "level as label (GEXF without --as-of: the whole history as spells).",
)
@_store_options
def export(
    fmt: str,
    as_of: str | None,
    output: str,
    network: str | None,
    store: str | None,
    neo4j: str | None,
    user: str | None,
    database: str | None,
) -> None:
    """Export the network as of a date, or its whole history (GEXF: dynamic)."""
    graph = _read_graph(store, neo4j, user, database)
    if network:
        result = api.export_partnerships(graph, fmt, output, as_of)
        click.echo(f"wrote {result['path']}: {result['nodes']} parties, {result['edges']} partnerships", err=True)
        _show_undated(api.undated_partnerships(graph), "stderr", "left out of this network; listed in the file")
        return
    result = api.export_store(graph, fmt, output, as_of)
    # CSV is a folder of files for neo4j-admin import, whatever the name given ends with
    written = f"{result['path']}/ (a folder: nodes and relationships files)" if fmt == "csv" else result["path"]
    click.echo(f"wrote {written}: {result['nodes']} nodes, {result['edges']} relationships", err=True)
    kept = {"partnerships": "kept, basis undated", "events": "kept, with no date", "supports": "kept, with no since"}
    for kind, items in result["undated"].by_kind().items():
        out = kind in result["left_out"]
        how = "left out of this snapshot (the export without --as-of keeps them)" if out else kept[kind]
        _show_undated(items, "stderr", f"{how}; listed in the file")


@cli.command(epilog="Example: entente query partnership-history --param state=Belarus")
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_store_options
@click.option(
    "--browser-guide",
    "guide_file",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the library as a Neo4j Browser guide (HTML) to FILE.",
)
@click.option(
    "--serve-guide", is_flag=True, help="Serve the Browser guide on localhost for `:guide URL` (Ctrl-C stops)."
)
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port for --serve-guide.")
@_knowledge_option()
def query(
    name: str | None,
    list_: bool,
    params: tuple[str, ...],
    fmt: str,
    store: str | None,
    neo4j: str | None,
    user: str | None,
    database: str | None,
    guide_file: str | None,
    serve_guide: bool,
    port: int,
    knowledge: str | None,
) -> None:
    """List, or run, a named query of the shipped library, on either store (the same rows).

    On Neo4j it runs the query's .cypher file; on the embedded store, the function beside it.

    In Neo4j Browser: `entente query --serve-guide`, then `:guide http://localhost:8765/entente.html`.
    """
    from entente.queries import QueryError, load_queries

    queries = load_queries()
    if guide_file or serve_guide:
        _browser_guide(queries, guide_file, serve_guide, port)
        return
    if list_:
        rows = [{"name": q.name, "description": q.description, "params": list(q.params)} for q in queries.values()]
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2))
        else:
            _render([{**r, "params": ", ".join(r["params"])} for r in rows], "table", title="Named queries")
        return
    if not name:
        raise click.UsageError("name a query, or use --list")
    if name not in queries:
        raise click.BadParameter(f"no query {name!r}; known: {', '.join(queries)}", param_hint="NAME")
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: use KEY=VALUE", param_hint="--param")
        given[key.strip()] = value
    for key in queries[name].party_params:
        if key in given:
            given[key] = _party(given[key], knowledge)
    try:
        bound = queries[name].bind(given)
    except QueryError as exc:  # the --param values given here are wrong: a usage error (exit code 2)
        raise click.UsageError(str(exc)) from None
    neo4j = _chosen(store, neo4j)
    rows = api.named_query(
        name, bound, store=store, neo4j=neo4j, user=user, password=_password(neo4j), database=database
    )
    _say_store(f"Neo4j at {neo4j}" if neo4j else f"embedded store {store or api.DEFAULT_STORE}")
    if not rows:
        from entente.graph.snapshot import span_note

        days = [v for k, v in bound.items() if "(ISO)" in queries[name].params[k]]
        asked = ", ".join(f"{k}={v}" for k, v in bound.items())
        graph = _read_graph(store, neo4j, user, database, say=False)
        click.echo(f"entente: {name}: no rows for {asked or 'this graph'}; {span_note(graph, *days)}", err=True)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    else:
        _render(
            [{k: (", ".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()} for r in rows],
            "table",
            title=name,
        )


def _browser_guide(queries: dict[str, NamedQuery], guide_file: str | None, serve: bool, port: int) -> None:
    from entente.queries.guide import GUIDE_PATH, browser_guide, serve_guide

    page = browser_guide(queries, port=port)
    if guide_file:
        try:
            with open(guide_file, "w", encoding="utf-8") as handle:
                handle.write(page)
        except OSError as exc:
            raise EntenteError(f"{guide_file}: cannot write the guide: {exc.strerror or exc}") from None
        click.echo(f"wrote {guide_file}: {len(queries)} queries", err=True)
    if serve:
        try:
            server = serve_guide(page, port=port)
        except OSError as exc:
            raise EntenteError(
                f"cannot serve the guide on port {port}: {exc.strerror or exc}; choose another with --port"
            ) from None
        click.echo(f"In Neo4j Browser run:  :guide http://localhost:{port}{GUIDE_PATH}   (Ctrl-C stops)")
        click.echo(f"and for the Entente style:  :style http://localhost:{port}/entente.grass")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


@cli.command(epilog="Example: entente diff 2023-01-01 2024-01-01 --format md")
@click.argument("since", metavar="FROM", callback=_iso_day)
@click.argument("until", metavar="TO", callback=_iso_day)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True)
@_store_options
def diff(
    since: str, until: str, fmt: str, store: str | None, neo4j: str | None, user: str | None, database: str | None
) -> None:
    """What changed in the partnership network from FROM to TO, and the events between.

    Partnerships established, upgraded, downgraded or ended; events after FROM up to TO.
    """
    graph = _read_graph(store, neo4j, user, database)
    try:
        result = api.diff_dates(graph, since, until)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="FROM TO") from None
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    changes = [
        {
            "change": c.kind + (f" ({c.note})" if c.note else ""),
            "pair": f"{c.a}–{c.b}",
            "before": c.level_before,
            "after": c.level_after,
            "date": c.date,
        }
        for c in result.partnerships
    ]
    events = [
        {
            "date": e.date,
            "kind": e.kind,
            "parties": "–".join(e.parties),
            "place": e.place,
            "leaders": ", ".join(e.leaders),
        }
        for e in result.events
    ]
    for title, rows in (
        (f"Partnership changes {since} → {until}", changes),
        (f"Events after {since} up to {until}", events),
    ):
        if fmt == "md":
            click.echo(f"### {title}\n")
        if rows:
            _render(rows, fmt, title=title)
        else:
            click.echo(f"{'' if fmt == 'md' else title + ': '}none")
        if fmt == "md":
            click.echo()
    _show_undated(result.undated, fmt, "no period can say when they changed")
    _show_undated(result.undated_events, fmt, "no period can say whether they fell in it")
    if not result.partnerships and not result.events:
        from entente.graph.snapshot import span_note

        click.echo(f"entente: nothing changed from {since} to {until}; {span_note(graph, since, until)}", err=True)


@cli.command(epilog="Example: entente timeline China Belarus --format md --png china-belarus.png")
@click.argument("party")
@click.argument("other", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json"]), default="table", show_default=True)
@click.option(
    "--png",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also draw a step chart of the level's rank over time, events marked.",
)
@click.option("--dpi", type=click.IntRange(50, 600), default=100, show_default=True, help="Resolution of --png.")
@_store_options
@_knowledge_option()
def timeline(
    party: str,
    other: str | None,
    fmt: str,
    png: str | None,
    dpi: int,
    store: str | None,
    neo4j: str | None,
    user: str | None,
    database: str | None,
    knowledge: str | None,
) -> None:
    """The history of PARTY with OTHER, or with every partner: levels, events, leaders, documents.

    Each entry, in date order, comes with its evidence sentences and the articles behind it (title,
    URL, file). Parties are names, aliases or ISO codes ("China", "PRC", "CN").
    """
    a = _party(party, knowledge)
    b = _party(other, knowledge) if other else None
    target = _open(store, neo4j, user, database)
    _say_store(target.description)
    try:
        history = api.timeline(target, a, b)
    finally:
        target.close()
    if png:
        click.echo(f"wrote {api.timeline_picture(history, png, dpi=dpi)}", err=True)
    if fmt == "json":
        click.echo(json.dumps(history.as_dict(), indent=2, ensure_ascii=False))
    elif fmt == "md":
        _timeline_markdown(history)
    else:
        rows = [
            {
                "date": e.date or "undated",
                "what": e.summary,
                "until": e.valid_to or ("" if e.kind != "level" else "now"),
                "leaders": ", ".join(e.leaders),
                "sources": "; ".join(s.title or s.path or "" for s in e.sources),
            }
            for e in history.entries
        ]
        if rows:
            pair = f"{history.a_name}–{history.b_name}" if history.b_name else f"{history.a_name} and its partners"
            _render(rows, "table", title=f"Timeline: {pair}")
    if not history.entries:
        graph = _read_graph(store, neo4j, user, database, say=False)
        from entente.graph.snapshot import span_note
        from entente.ingest.knowledge import load_knowledge

        kb = load_knowledge(knowledge)
        with_whom = f" with {kb.party_name(b)}" if b else ""
        click.echo(f"entente: nothing recorded for {kb.party_name(a)}{with_whom}; {span_note(graph)}", err=True)


def _timeline_markdown(history: Any) -> None:
    pair = f"{history.a_name}–{history.b_name}" if history.b_name else f"{history.a_name} and its partners"
    click.echo(f"## Timeline: {pair}\n")
    for e in history.entries:
        until = f" (until {e.valid_to})" if e.valid_to else (" (holds)" if e.kind == "level" else "")
        click.echo(f"### {e.date or 'undated'}: {e.summary}{until}\n")
        if e.leaders:
            click.echo(f"Leaders: {', '.join(e.leaders)}\n")
        for sentence in e.evidence:
            click.echo(f"> {sentence}\n")
        for s in e.sources:
            title = s.title or s.path or "article"
            link = f"[{title}]({s.url})" if s.url else title
            extra = ", ".join(x for x in (s.published, s.path if s.url or s.title else None) if x)
            click.echo(f"- {link}" + (f" ({extra})" if extra else ""))
        if e.sources:
            click.echo()


@cli.command(name="eval", epilog="Example: entente eval corpus/corpus.gold.jsonl corpus/ --errors")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True)
@click.option("--errors", is_flag=True, help="Also list every disagreement with the gold labels.")
@click.option(
    "--published", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles that state none."
)
@click.option(
    "--trained", metavar="PIPELINE", default=None, help="An installed trained spaCy pipeline to add statistical NER."
)
@_knowledge_option()
@click.option(
    "--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes."
)
def evaluate(
    gold: str,
    paths: tuple[str, ...],
    fmt: str,
    errors: bool,
    published: str | None,
    trained: str | None,
    knowledge: str | None,
    processes: int,
) -> None:
    """Score extraction against your own labelled articles: precision and recall per kind of fact.

    GOLD is a JSON-lines file, one object per article, whose "source" is the article's path
    relative to GOLD's folder (docs/evaluation.md describes every field).
    """
    result = api.evaluate_paths(
        gold, paths, published=published, trained=trained, knowledge=knowledge, n_process=processes
    )
    if fmt == "json":
        click.echo(
            json.dumps(
                result.to_dict() if errors else {k: v for k, v in result.to_dict().items() if k != "errors"},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        rows = []
        for kind, score in result.to_dict()["scores"].items():
            if "f1" in score:
                rows.append(
                    {
                        "kind": kind,
                        "precision": f"{score['precision']:.3f}",
                        "recall": f"{score['recall']:.3f}",
                        "f1 / accuracy": f"{score['f1']:.3f}",
                        "counts": (
                            f"tp {score['true_positive']} fp {score['false_positive']} fn {score['false_negative']}"
                        ),
                    }
                )
            else:
                rows.append(
                    {
                        "kind": kind,
                        "precision": "",
                        "recall": "",
                        "f1 / accuracy": f"{score['accuracy']:.3f}",
                        "counts": f"{score['correct']} of {score['total']}",
                    }
                )
        _render(rows, fmt, title=f"{result.articles} labelled articles")
        if errors:
            for entry in result.errors:
                detail = ", ".join(f"{k}={v}" for k, v in entry.items() if k not in ("kind", "source"))
                click.echo(f"{entry['kind']}\t{entry['source']}\t{detail}")
    if result.missing:
        click.echo(
            f"entente: note: {len(result.missing)} labelled articles of {gold} were not among the paths given "
            "and are not scored",
            err=True,
        )
    if result.unlabelled:
        click.echo(
            f"entente: note: {len(result.unlabelled)} articles read have no gold line and are not scored", err=True
        )
    if _report_problems(result.problems):
        sys.exit(EXIT_INPUT_PROBLEMS)


def main() -> None:
    cli(standalone_mode=True)
