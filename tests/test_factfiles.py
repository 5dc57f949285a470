"""Facts as an interchange format: `entente ingest --facts` on what `entente extract` printed."""

from __future__ import annotations

import json

from click.testing import CliRunner

from entente.cli import cli
from entente.ingest.factfiles import FACTS_TYPE, read_fact_files
from entente.ingest.model import to_dict

from .conftest import CORPUS, ROOT
from .harness import _ISOLATED

INPUTS = [str(CORPUS), str(ROOT / "tests" / "data" / "history.jsonl")]


def _invoke(target, args):
    env = {k: target.env.get(k) for k in _ISOLATED}
    return CliRunner().invoke(cli, args, env=env)


def _shards(tmp_path, lines, parts=2):
    """The lines of one `extract` run cut into ``parts`` files of a folder, as a cluster writes them."""
    folder = tmp_path / "shards"
    folder.mkdir()
    size = -(-len(lines) // parts)
    for part in range(parts):
        chunk = lines[part * size : (part + 1) * size]
        (folder / f"part-{part:05d}.jsonl").write_text("".join(line + "\n" for line in chunk), encoding="utf-8")
    return folder


def test_extract_prints_each_article_facts_once_and_they_read_back_exactly(tmp_path, corpus_facts):
    result = CliRunner().invoke(cli, ["extract", str(CORPUS)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "facts.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    kinds = [json.loads(line)["type"] for line in result.stdout.splitlines()]
    assert kinds.count(FACTS_TYPE) == kinds.count("document") == len(corpus_facts)
    problems = []
    assert [to_dict(f) for f in read_fact_files([path], problems)] == [to_dict(f) for f in corpus_facts]
    assert problems == []


def test_ingest_facts_gives_the_graph_of_a_direct_ingest(cli_target, tmp_path):
    result = _invoke(cli_target, ["ingest", *INPUTS, *cli_target.args])
    assert result.exit_code == 0, result.output
    direct = cli_target.exported(tmp_path)
    printed = _invoke(cli_target, ["extract", *INPUTS])
    assert printed.exit_code == 0, printed.output
    folder = _shards(tmp_path, printed.stdout.splitlines())
    cli_target.reset()

    result = _invoke(cli_target, ["ingest", "--facts", str(folder), "--batch-size", "3", *cli_target.args])
    assert result.exit_code == 0, result.output
    assert "0 already stored" in result.stdout
    assert cli_target.exported(tmp_path) == direct

    again = _invoke(cli_target, ["ingest", "--facts", str(folder), *cli_target.args])
    assert again.exit_code == 0, again.output
    assert "0 new articles" in again.stdout
    assert cli_target.exported(tmp_path) == direct


def test_a_bad_fact_line_is_one_error_naming_file_and_line_and_the_rest_is_ingested(tmp_path):
    store = ["--store", str(tmp_path / "direct")]
    assert CliRunner().invoke(cli, ["ingest", *INPUTS, *store]).exit_code == 0
    printed = CliRunner().invoke(cli, ["extract", *INPUTS])
    lines = printed.stdout.splitlines()
    facts_at = [i for i, line in enumerate(lines) if json.loads(line)["type"] == FACTS_TYPE]
    broken = json.loads(lines[facts_at[1]])
    del broken["article"]
    lines.insert(3, '{"type": "article_facts", "article": ')  # a torn line
    lines.append(json.dumps(broken))  # the second article again, without its article: not facts
    folder = _shards(tmp_path, lines, parts=1)

    from entente.graph.embedded import EmbeddedStore

    result = CliRunner().invoke(cli, ["ingest", "--facts", str(folder), "--store", str(tmp_path / "facts")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("entente:")]
    shard = folder / "part-00000.jsonl"
    assert errors == [
        f"entente: {shard}:4: not a JSON line (Expecting value)",
        f"entente: {shard}:{len(lines)}: an {FACTS_TYPE} line that does not hold facts (KeyError('article'))",
    ]
    graphs = []
    for name in ("direct", "facts"):
        with EmbeddedStore(tmp_path / name) as opened:
            from .test_store import _comparable

            graphs.append(_comparable(opened.read_graph()))
    assert graphs[0] == graphs[1]
