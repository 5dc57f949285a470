"""The ``entente`` command line: parse options, call one library function, render the result.

Library errors become one line on stderr here, in one place (:func:`main`).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

import click

from entente import api
from entente.graph.store import StoreError
from entente.ingest.knowledge import KnowledgeError
from entente.ingest.pipeline import PipelineError
from entente.ingest.readers import ReadProblem

EXIT_INPUT_PROBLEMS = 1


class EntenteError(click.ClickException):
    """An error the user can fix; printed as one line, exit code 1."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"entente: {self.format_message()}", err=True)


def _iso_day(ctx, param, value):
    if value is None:
        return None
    from entente.graph.snapshot import parse_day

    try:
        return parse_day(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, for example 2023-09-23") from None


def _store_options(func: Callable) -> Callable:
    options = [
        click.option("--store", "store", metavar="DIR", default=None,
                     help=f"Embedded store folder (default ./{api.DEFAULT_STORE}, or $ENTENTE_STORE)."),
        click.option("--neo4j", "neo4j", metavar="URI", default=None,
                     help="Use Neo4j at URI (bolt:// or neo4j://) instead of the embedded store; default $NEO4J_URI."),
        click.option("--user", "user", default=None, metavar="NAME", help="Neo4j user (default $NEO4J_USERNAME or neo4j)."),
        click.option("--database", "database", default=None, metavar="NAME", help="Neo4j database (default $NEO4J_DATABASE)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _password(neo4j: str | None) -> str | None:
    """The Neo4j password from the environment, or a prompt on a terminal; never an option."""
    if not (neo4j or os.environ.get("NEO4J_URI")):
        return None
    if os.environ.get("NEO4J_PASSWORD") is not None:
        return os.environ["NEO4J_PASSWORD"]
    if sys.stdin.isatty():
        return click.prompt("Neo4j password", hide_input=True)
    raise EntenteError("NEO4J_PASSWORD is not set and there is no terminal to ask for it")


def _open(store, neo4j, user, database, writer=False):
    try:
        return api.open_store(store=store, neo4j=neo4j, user=user, password=_password(neo4j), database=database, writer=writer)
    except StoreError as exc:
        raise EntenteError(str(exc)) from None


def _read_graph(store, neo4j, user, database):
    target = _open(store, neo4j, user, database)
    try:
        return target.read_graph()
    except StoreError as exc:
        raise EntenteError(str(exc)) from None
    finally:
        target.close()


def _report_problems(problems: list[ReadProblem]) -> None:
    for problem in problems:
        click.echo(f"entente: {problem}", err=True)


@click.group(epilog="Example: entente ingest corpus/ && entente report centrality --as-of 2023-12-31")
@click.version_option(package_name="entente")
def cli() -> None:
    """Entente: diplomatic news in, a temporal partnership graph out.

    Reads articles, extracts who met whom, when and where and which partnership level two states
    announced, and keeps it as a temporal graph (the embedded store, or Neo4j).
    """


@cli.command(epilog="Example: entente extract corpus/ --format jsonl > facts.jsonl")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--published", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles that state none.")
@click.option("--trained", metavar="PIPELINE", default=None, help="An installed trained spaCy pipeline to add statistical NER (e.g. en_core_web_sm).")
@click.option("--knowledge", metavar="DIR", default=None, help="Folder of knowledge files extending the shipped ones (default $ENTENTE_KNOWLEDGE).")
@click.option("--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes.")
def extract(paths, fmt, published, trained, knowledge, processes) -> None:
    """Print the facts extracted from articles (files or folders); no database is touched."""
    from entente.ingest.extract import fact_lines
    from entente.ingest.knowledge import load_knowledge

    result = api.extract_paths(paths, published=published, trained=trained, knowledge=knowledge, n_process=processes)
    lines = fact_lines(result.facts, load_knowledge(knowledge))
    if fmt == "jsonl":
        for line in lines:
            click.echo(json.dumps(line, ensure_ascii=False, sort_keys=True))
    else:
        _table_facts(list(lines))
    _report_problems(result.problems)
    if result.problems:
        sys.exit(EXIT_INPUT_PROBLEMS)


def _table_facts(lines: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    table = Table(title="Partnership claims")
    for column in ("source", "parties", "level", "change", "date", "place"):
        table.add_column(column)
    for line in lines:
        if line["type"] == "partnership":
            table.add_row(line["source"], "–".join(p["id"] for p in line["parties"]), line["level"], line["change"],
                          line["date"] or "", line["place"] or "")
    console.print(table)
    events = Table(title="Events")
    for column in ("date", "kind", "parties", "place", "leaders", "sources"):
        events.add_column(column)
    for line in lines:
        if line["type"] == "event":
            events.add_row(line["date"] or "", line["kind"], "–".join(line["parties"]), line["place"] or "",
                           ", ".join(line["leaders"]), str(len(line["sources"])))
    console.print(events)


@cli.command(epilog="Example: entente ingest corpus/ --store ./entente-data")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_store_options
@click.option("--published", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles that state none.")
@click.option("--trained", metavar="PIPELINE", default=None, help="An installed trained spaCy pipeline to add statistical NER.")
@click.option("--knowledge", metavar="DIR", default=None, help="Folder of knowledge files extending the shipped ones.")
@click.option("--processes", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes.")
@click.option("--batch-size", type=click.IntRange(1, 100000), default=1000, show_default=True, help="Articles per committed batch.")
def ingest(paths, store, neo4j, user, database, published, trained, knowledge, processes, batch_size) -> None:
    """Extract articles and write the graph; re-ingesting the same files changes nothing."""
    target = _open(store, neo4j, user, database, writer=True)
    problems: list[ReadProblem] = []
    progress = None
    try:
        if sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
                                TimeElapsedColumn(), transient=True)
            progress.start()
            task = progress.add_task("ingesting", total=None)
            on_article = lambda n: progress.advance(task, n)  # noqa: E731
        else:
            on_article = None
        report = api.ingest_paths(paths, target, published=published, trained=trained, knowledge=knowledge,
                                  n_process=processes, batch_size=batch_size, problems=problems, on_article=on_article)
    except StoreError as exc:
        raise EntenteError(str(exc)) from None
    finally:
        if progress is not None:
            progress.stop()
        target.close()
    click.echo(f"{target.description}: {report.summary()}")
    _report_problems(problems)
    if problems:
        sys.exit(EXIT_INPUT_PROBLEMS)


@cli.group(epilog="Example: entente report centrality --as-of 2023-12-31 --format md")
def report() -> None:
    """Reports on the partnership network."""


@report.command(epilog="Example: entente report centrality --as-of 2023-01-01 --format json")
@click.option("--as-of", "as_of", callback=_iso_day, metavar="YYYY-MM-DD", help="The date (default today).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "md"]), default="table", show_default=True)
@click.option("--trend", "trend_years", metavar="FROM:TO", default=None, help="Year range (e.g. 2015:2024): rank of each party at each year's end.")
@_store_options
def centrality(as_of, fmt, trend_years, store, neo4j, user, database) -> None:
    """Centrality of states in the partnership network valid on a date."""
    graph = _read_graph(store, neo4j, user, database)
    if trend_years:
        _trend(graph, trend_years, fmt)
        return
    rows = [r.as_dict() for r in api.centrality_report(graph, as_of)]
    _render(rows, fmt, title=f"Centrality as of {as_of or 'today'}")


def _trend(graph, spec: str, fmt: str) -> None:
    try:
        first, last = (int(x) for x in spec.split(":"))
    except ValueError:
        raise click.BadParameter(f"{spec!r}: use FROM:TO years, for example 2015:2024", param_hint="--trend") from None
    days = [f"{year}-12-31" for year in range(first, last + 1)]
    table = api.centrality_trend(graph, days)
    rows = []
    for party in sorted(table, key=lambda p: min(pos for pos, _ in table[p].values())):
        row = {"id": party}
        for day in days:
            position = table[party].get(day)
            row[day[:4]] = position[0] if position else None
        rows.append(row)
    _render(rows, fmt, title="PageRank position at each year's end")


def _render(rows: list[dict], fmt: str, title: str = "") -> None:
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
@click.option("--as-of", "as_of", callback=_iso_day, metavar="YYYY-MM-DD", help="Snapshot date (default: the whole history).")
@click.option("--output", "-o", required=True, type=click.Path(), help="File to write (a folder for csv).")
@_store_options
def export(fmt, as_of, output, store, neo4j, user, database) -> None:
    """Export the network as of a date, or its whole history (GEXF: dynamic)."""
    graph = _read_graph(store, neo4j, user, database)
    result = api.export_store(graph, fmt, output, as_of)
    click.echo(f"wrote {result['path']}: {result['nodes']} nodes, {result['edges']} relationships", err=True)


@cli.command(epilog="Example: entente query partnership-history --param state=Belarus")
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--neo4j", "neo4j", metavar="URI", default=None, help="Neo4j URI (default $NEO4J_URI).")
@click.option("--user", "user", default=None, metavar="NAME", help="Neo4j user (default $NEO4J_USERNAME or neo4j).")
@click.option("--database", "database", default=None, metavar="NAME", help="Neo4j database.")
def query(name, list_, params, fmt, neo4j, user, database) -> None:
    """List, or run, a named query of the shipped Cypher library against Neo4j."""
    from entente.queries import QueryError, load_queries

    queries = load_queries()
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
    try:
        bound = queries[name].bind(given)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if not (neo4j or os.environ.get("NEO4J_URI")):
        raise EntenteError("named queries run on Neo4j: pass --neo4j URI or set NEO4J_URI")
    target = _open(None, neo4j, user, database)
    try:
        rows = target.run_query(queries[name].text, bound)
    except StoreError as exc:
        raise EntenteError(str(exc)) from None
    finally:
        target.close()
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    else:
        _render([{k: (", ".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()} for r in rows], "table", title=name)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except (KnowledgeError, PipelineError) as exc:
        click.echo(f"entente: {exc}", err=True)
        sys.exit(1)
