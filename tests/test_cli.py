"""The command line through click's runner, on temporary folders."""

import json
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner

from entente.cli import cli

from .conftest import CORPUS


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize(
    ("path", "command"), list(_commands(cli)), ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
def test_every_command_has_help_ending_with_an_example(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert command.help, f"entente {' '.join(path)} has no help"
    assert result.output.strip().splitlines()[-1].strip().startswith("Example: entente")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("ENTENTE_STORE", raising=False)
    return tmp_path


def test_extract_prints_one_json_fact_per_line(workdir):
    result = CliRunner().invoke(cli, ["extract", "corpus/", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    documents = [line for line in lines if line["type"] == "document"]
    assert sorted(d["source"] for d in documents) == sorted(f"corpus/{p.name}" for p in CORPUS.glob("*.txt"))
    upgrade = next(
        line for line in lines if line["type"] == "partnership" and line["source"].endswith("002_db423443686d68f5.txt")
    )
    assert upgrade["parties"] == [{"id": "BLR", "name": "Belarus"}, {"id": "CHN", "name": "China"}]
    assert upgrade["rank"] == 54 and upgrade["date_precision"] == "day"


def test_ingest_report_export_round_trip(workdir):
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "corpus/"]).exit_code == 0
    again = runner.invoke(cli, ["ingest", "corpus/"])
    assert "0 new articles (0 already stored), 5 unchanged files skipped" in again.output
    report = runner.invoke(cli, ["report", "centrality", "--as-of", "2024-01-01", "--format", "json"])
    rows = json.loads(report.stdout)
    assert rows[0]["id"] == "CHN"
    assert {r["id"]: r["degree"] for r in rows} == {"CHN": 3, "BLR": 1, "KGZ": 1, "TLS": 1}
    early = json.loads(runner.invoke(cli, ["report", "centrality", "--as-of", "2023-01-01", "--format", "json"]).stdout)
    assert {r["id"] for r in early} == {"BLR", "CHN"}

    assert runner.invoke(cli, ["export", "--format", "json", "--output", "g.json"]).exit_code == 0
    graph = nx.node_link_graph(json.loads((workdir / "g.json").read_text()), edges="edges")
    parts = [d for *_, d in graph.edges(data=True) if d["type"] == "PARTNERSHIP"]
    assert len(parts) == 3 and all(d["valid_to"] is None for d in parts)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        assert runner.invoke(cli, ["export", "--format", fmt, "--output", f"g.{fmt}"]).exit_code == 0
        again = reader(workdir / f"g.{fmt}")
        assert (again.number_of_nodes(), again.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    snap = runner.invoke(cli, ["export", "--format", "json", "--as-of", "2023-01-01", "--output", "s.json"])
    assert snap.exit_code == 0
    snapshot = json.loads((workdir / "s.json").read_text())
    assert [e["level"] for e in snapshot["edges"] if e["type"] == "PARTNERSHIP"] == [
        "all-weather comprehensive strategic partnership"
    ]
    assert runner.invoke(cli, ["export", "--format", "csv", "--output", "csv"]).exit_code == 0
    header = (workdir / "csv" / "nodes.csv").read_text().splitlines()[0]
    assert header.startswith("id:ID,:LABEL")


def test_bad_input_is_named_and_the_rest_ingested(workdir):
    (workdir / "corpus" / "broken.jsonl").write_text('{"text": "ok"\n')
    (workdir / "corpus" / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["ingest", "corpus/"])
    assert result.exit_code == 1
    assert "corpus/broken.jsonl:1: not valid JSON" in result.output
    assert "corpus/empty.txt: empty file" in result.output
    assert "5 new articles" in result.output
    assert "Traceback" not in result.output


def test_bad_date_is_a_usage_error(workdir):
    result = CliRunner().invoke(cli, ["report", "centrality", "--as-of", "2023-13-45"])
    assert result.exit_code == 2
    assert "use YYYY-MM-DD" in result.output


def test_missing_store_is_one_clear_line(workdir):
    result = CliRunner().invoke(cli, ["report", "centrality", "--store", "nowhere"])
    assert result.exit_code == 1
    assert "no Entente store here" in result.output


def test_settings_come_from_the_environment_at_the_command_line_only(workdir, monkeypatch):
    """``ENTENTE_KNOWLEDGE`` reaches the library through ``--knowledge``'s envvar; the library
    itself reads no environment (``load_knowledge()`` is the shipped knowledge whatever it says)."""
    from entente.ingest.knowledge import load_knowledge

    monkeypatch.setenv("ENTENTE_KNOWLEDGE", str(workdir / "no-such-folder"))
    result = CliRunner().invoke(cli, ["extract", "corpus/"])
    assert result.exit_code == 1
    assert result.output.startswith(f"entente: {workdir / 'no-such-folder'}: knowledge folder not found; name a folder")
    assert len(result.output.splitlines()) == 1
    assert load_knowledge().levels  # the environment changed nothing


def test_a_typed_store_wins_over_an_exported_neo4j_uri(tmp_path):
    """`--store DIR` on the command line is the store used, even with NEO4J_URI exported (here a
    closed port): an environment variable must not switch the store a user named."""
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "unused-pw"}
    folder = tmp_path / "graph"
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", str(folder)], env=env)
    assert result.exit_code == 0, result.output
    assert (folder / "journal.jsonl").exists() or any(folder.iterdir())
    report = CliRunner().invoke(cli, ["report", "centrality", "--store", str(folder)], env=env)
    assert report.exit_code == 0, report.output
    assert "store:" in report.stderr
    assert "Neo4j" not in report.stderr
