"""Extraction on a real local Dask cluster (two worker processes) equals a serial `entente extract`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from entente.cli import cli
from entente.ingest.factfiles import FACTS_TYPE

from .conftest import CORPUS, ROOT

INPUTS = [str(CORPUS), str(ROOT / "tests" / "data" / "history.jsonl")]


def test_shards_from_a_two_worker_cluster_equal_the_serial_extract(tmp_path):
    serial = CliRunner().invoke(cli, ["extract", *INPUTS])
    assert serial.exit_code == 0, serial.output
    expected = [line for line in serial.stdout.splitlines() if json.loads(line)["type"] == FACTS_TYPE]

    out = tmp_path / "shards"
    result = CliRunner().invoke(
        cli, ["extract-cluster", *INPUTS, "--output", str(out), "--local-workers", "2", "--shard-size", "2"]
    )
    assert result.exit_code == 0, result.output
    shards = sorted(out.glob("part-*.jsonl"))
    assert len(shards) == -(-len(expected) // 2) > 1  # several shards, so both workers had work
    got = [line for shard in shards for line in shard.read_text(encoding="utf-8").splitlines()]
    assert [json.loads(line) for line in got] == [json.loads(line) for line in expected]
    assert f"{len(expected)} articles extracted into {len(shards)} shards" in result.stdout
