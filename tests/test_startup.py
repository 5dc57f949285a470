"""Fast start: the commands that only read the graph never load spaCy (issue 15, item 8).

Each command runs in a fresh interpreter, on a store of each kind holding the sample corpus, and
that interpreter then reports which heavy modules it had loaded. The test fails if spaCy was among
them, or if the command did not succeed (so it cannot pass by failing early).
"""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from entente.cli import cli

from .conftest import CORPUS

#: Runs the command line in-process, then prints the loaded modules that matter as JSON on stderr.
_PROBE = """
import json, sys
from entente.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="entente")
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
heavy = sorted(m for m in ("spacy", "thinc", "networkx", "neo4j", "matplotlib") if m in sys.modules)
print("PROBE " + json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def _probe(args, env, cwd):
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("PROBE "))
    return done, json.loads(line.removeprefix("PROBE "))


def test_help_loads_neither_spacy_nor_networkx(tmp_path):
    from .harness import cli_env

    done, probe = _probe(["--help"], cli_env(), tmp_path)
    assert probe["code"] == 0 and "Usage: entente" in done.stdout
    assert probe["heavy"] == []


def _readers(target, tmp):
    """Each reading command, and a text its successful output holds."""
    commands = {
        "report": (["report", "centrality", "--as-of", "2024-01-01", "--format", "json"], '"CHN"'),
        "export": (["export", "--format", "json", "--output", str(tmp / "g.json")], "wrote"),
        "diff": (["diff", "2022-01-01", "2024-01-01", "--format", "json"], '"partnerships"'),
    }
    commands["query"] = (["query", "partners-as-of", "-p", "state=China", "-p", "date=2024-01-01"], "BLR")
    commands["timeline"] = (["timeline", "China", "Belarus", "--format", "json"], "Samarkand")
    return commands


def test_commands_that_read_the_graph_load_no_spacy(cli_target, tmp_path):
    ingested = CliRunner().invoke(cli, ["ingest", str(CORPUS), *cli_target.args], env=_runner_env(cli_target))
    assert ingested.exit_code == 0, ingested.output
    for name, (args, expected) in _readers(cli_target, tmp_path).items():
        done, probe = _probe([*args, *cli_target.args], cli_target.env, tmp_path)
        assert probe["code"] == 0, (name, done.stderr)
        assert expected in done.stdout + done.stderr, name
        assert "spacy" not in probe["heavy"] and "thinc" not in probe["heavy"], name


def test_extract_does_load_spacy(tmp_path):
    """The probe can see spaCy: the command that extracts loads it."""
    from .harness import cli_env

    done, probe = _probe(["extract", str(CORPUS / "001_17cc30498ef1f3d8.txt")], cli_env(), tmp_path)
    assert probe["code"] == 0, done.stderr
    assert "spacy" in probe["heavy"]


def _runner_env(target):
    from .harness import _ISOLATED

    return {k: target.env.get(k) for k in _ISOLATED}
