"""Start-up time of every ``entente`` command, measured as a user meets it: a fresh process each run.

Builds a small embedded store from the sample corpus in a temporary folder (one ``entente
ingest``), then runs each command ``--repeat`` times as a subprocess and keeps the best and the
median wall time. The floor is ``python -c pass`` (the interpreter alone) and ``import click``;
the target for ``entente --help`` is 0.3 s. Read-only commands (``report``, ``export``, ``diff``,
``query``, ``timeline``) load no spaCy; ``extract``, ``ingest`` and ``eval`` build the extraction
pipeline, so they are the comparison. Prints ``name=value`` lines.

    python bench/startup.py                  # 7 runs each
    python bench/startup.py --repeat 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_HELP = 0.3
ENTENTE = [sys.executable, "-c", "from entente.cli import main; main()"]
#: Settings that would send a command to another store.
_ISOLATED = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "ENTENTE_STORE", "ENTENTE_KNOWLEDGE")


def commands(corpus: Path) -> dict[str, list[str]]:
    """Each command as a user runs it on the small store (the working folder holds ./entente-data)."""
    one = str(next(iter(sorted(corpus.glob("*.txt")))))
    return {
        "help": ["--help"],
        "report_help": ["report", "centrality", "--help"],
        "report": ["report", "centrality", "--as-of", "2024-01-01", "--format", "json"],
        "export": ["export", "--format", "json", "--output", "out.json"],
        "diff": ["diff", "2022-01-01", "2024-01-01", "--format", "json"],
        "query_list": ["query", "--list"],
        "timeline": ["timeline", "China", "Belarus", "--format", "json"],
        "extract": ["extract", one],
        "ingest": ["ingest", str(corpus)],
        "eval": ["eval", str(corpus / "corpus.gold.jsonl"), str(corpus)],
    }


def _timed(argv: list[str], cwd: Path, env: dict[str, str], repeat: int) -> tuple[float, float] | None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(f"# {' '.join(argv[3:])}: exit {done.returncode}: {done.stderr.strip()[:200]}", file=sys.stderr)
            return None
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="Runs of each command (the best and median count).")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in _ISOLATED}
    work = Path(tempfile.mkdtemp(prefix="entente-startup-"))
    try:
        corpus = work / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        subprocess.run([*ENTENTE, "ingest", str(corpus)], cwd=work, env=env, check=True, capture_output=True)
        load = os.getloadavg()[0]
        print(f"python={sys.version.split()[0]}")
        print(f"cpus={os.cpu_count()}")
        print(f"load_average_1min={load:.2f}")
        print(f"repeat={args.repeat}")
        floor = {
            "python_pass": [sys.executable, "-c", "pass"],
            "import_click": [sys.executable, "-c", "import click"],
        }
        figures: dict[str, float] = {}
        for name, argv in floor.items():
            best, median = _timed(argv, work, env, args.repeat) or (float("nan"), float("nan"))
            figures[name] = best
            print(f"{name}_best_s={best:.3f}")
            print(f"{name}_median_s={median:.3f}")
        for name, command in commands(corpus).items():
            timed = _timed([*ENTENTE, *command], work, env, args.repeat)
            if timed is None:
                print(f"{name}_best_s=failed")
                continue
            best, median = timed
            figures[name] = best
            print(f"{name}_best_s={best:.3f}")
            print(f"{name}_median_s={median:.3f}")
            print(f"{name}_over_python={best / figures['python_pass']:.1f}x")
        print(f"help_target_s={TARGET_HELP}")
        print(f"help_within_target={figures.get('help', float('inf')) < TARGET_HELP}")
        if "extract" in figures and "report" in figures:
            print(f"extract_over_report={figures['extract'] / figures['report']:.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
