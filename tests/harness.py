"""Entente as a real process, on either store, over varied articles written into a temporary folder.

:func:`run_entente` runs the installed command line in a subprocess (a traceback or a lost line
shows there as a user would see it). :class:`Target` is one store as the command line addresses
it. Each generated article is a meeting of two leaders followed by a partnership sentence; the pairs, dates,
places, levels and verbs vary, so the same pair is upgraded, reaffirmed and re-dated across
articles (what makes the derived graph depend on every claim of a pair, and a resumed ingest a
real test).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from entente.cli import cli

from .conftest import CORPUS

ENTENTE = (sys.executable, "-c", "from entente.cli import main; main()")
#: Settings that would point a test's command at some other store or knowledge.
_ISOLATED = (
    "NEO4J_URI",
    "NEO4J_USERNAME",
    "NEO4J_PASSWORD",
    "NEO4J_DATABASE",
    "ENTENTE_STORE",
    "ENTENTE_KNOWLEDGE",
    "ENTENTE_LOCK_TIMEOUT",
)
SYSTEM_TIME = ("recorded_at", "ingested_at")


def cli_env(**settings: str) -> dict[str, str]:
    """The environment for a command: this one without Entente's settings, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if k not in _ISOLATED}
    env.update(settings)
    return env


def entente_process(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*ENTENTE, *args], env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def run_entente(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """``entente ARGS`` as a subprocess, its output captured."""
    return subprocess.run([*ENTENTE, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600)


@dataclass
class Target:
    """One store as the command line addresses it: options and environment."""

    name: str
    args: list[str]
    env: dict[str, str] = field(default_factory=cli_env)

    def run(self, cwd: Path, *args: str) -> subprocess.CompletedProcess:
        """``entente ARGS`` on this store, as a subprocess in ``cwd`` (:func:`run_entente`)."""
        return run_entente([*args, *self.args], self.env, cwd)

    def _open(self):
        from entente.graph.embedded import EmbeddedStore
        from entente.graph.neo4j_store import Neo4jStore

        if self.name == "embedded":
            return EmbeddedStore(self.args[1])
        return Neo4jStore(
            self.env["NEO4J_URI"],
            self.env.get("NEO4J_USERNAME", "neo4j"),
            self.env["NEO4J_PASSWORD"],
            self.env.get("NEO4J_DATABASE"),
            ensure_schema=False,
        )

    def read_graph(self):
        store = self._open()
        try:
            return store.read_graph()
        finally:
            store.close()

    def count(self, label: str) -> int:
        """How many nodes of ``label`` the store's graph has."""
        return sum(1 for _, d in self.read_graph().nodes(data=True) if d["label"] == label)

    def reset(self) -> None:
        """Empty the store."""
        from .conftest import empty_neo4j

        if self.name == "embedded":
            shutil.rmtree(self.args[1], ignore_errors=True)
            return
        store = self._open()
        try:
            empty_neo4j(store)
        finally:
            store.close()

    def exported(self, folder: Path) -> str:
        """``entente export --format json`` of the whole history, system-time stamps dropped, as text."""
        output = folder / f"export-{len(list(folder.glob('export-*')))}.json"
        runner_env = {k: self.env.get(k) for k in _ISOLATED}
        result = CliRunner().invoke(
            cli, ["export", "--format", "json", "--output", str(output), *self.args], env=runner_env
        )
        assert result.exit_code == 0, result.output
        data = json.loads(output.read_text(encoding="utf-8"))
        for item in data["nodes"] + data["edges"]:
            for key in SYSTEM_TIME:
                item.pop(key, None)
        return json.dumps(data, sort_keys=True)


#: (leader A with title, leader B with title, place)
PAIRS = (
    ("Chinese President Xi Jinping", "Vietnamese President Nguyen Phu Trong", "Hanoi"),
    ("Russian President Vladimir Putin", "Kazakh President Kassym-Jomart Tokayev", "Moscow"),
    ("Chinese President Xi Jinping", "Belarusian President Alexander Lukashenko", "Minsk"),
    ("Chinese President Xi Jinping", "Kyrgyz President Sadyr Japarov", "Bishkek"),
    ("Indian Prime Minister Narendra Modi", "French President Emmanuel Macron", "Paris"),
    ("Russian President Vladimir Putin", "Belarusian President Alexander Lukashenko", "Sochi"),
    ("South African President Cyril Ramaphosa", "Chinese President Xi Jinping", "Pretoria"),
)
LEVELS = (
    "strategic partnership",
    "comprehensive partnership",
    "comprehensive strategic partnership",
    "all-round strategic partnership",
    "comprehensive strategic cooperative partnership",
)
VERBS = ("upgrade", "elevate", "establish", "reaffirm their commitment to")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def article_text(i: int) -> str:
    """The ``i``-th generated article (distinct text for every ``i``)."""
    first, second, place = PAIRS[i % len(PAIRS)]
    year = 2012 + (i * 7) % 13
    month = 1 + (i * 5) % 12
    day = 1 + (i * 11) % 27
    level = LEVELS[(i // len(PAIRS)) % len(LEVELS)]
    verb = VERBS[i % len(VERBS)]
    return (
        f"date {year}-{month:02d}-{day:02d} {first} met with {second} in {place} on {WEEKDAYS[i % 5]}. "
        f"The two leaders agreed to {verb} bilateral relations to a {level}.\n\n"
        f"Officials said the talks, number {i} in the series, covered trade and energy."
    )


def write_corpus(folder: Path, count: int) -> Path:
    """The sample corpus plus ``count`` generated articles in ``folder``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for i in range(count):
        (folder / f"gen_{i:04d}.txt").write_text(article_text(i), encoding="utf-8")
    return folder
