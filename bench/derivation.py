"""Derivation measured alone: the time per article of each batch as the embedded store grows.

``python bench/derivation.py --articles 10000`` generates the articles (``bench/generate.py``,
reused from ``--work``), extracts their facts once (two processes; cached as a pickle beside the
articles), then writes the facts into an empty embedded store in batches of ``--batch-size``
articles and times each batch: deriving the groups the batch touches and committing them. No
extraction is inside the timed part, so the figures show how the cost of a batch follows the size
of the store (derivation from whole groups) or only the batch (incremental derivation).

Output is ``name=value`` lines: each batch's articles/s, the mean articles/s of the first and of
the last tenth of the batches, their ratio (1.0: flat), and the peak resident memory. The same
per CPU second of this process (``..._per_cpu_s``, ``last_vs_first_cpu_ratio``): on a shared
machine other processes change the wall-clock figures of a batch far more than its CPU time. And
the CPU seconds of all batches and of the later half of them (``cpu_seconds_...``): single
batches vary, sums of several less.
"""

from __future__ import annotations

import argparse
import pickle
import resource
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _facts(work: Path, articles: int, seed: int) -> list:
    from entente.api import extract_paths
    from entente.bench.generate import generate

    folder = work / f"gen-{articles}-{seed}"
    marker = folder / ".bench-generated"
    if not (marker.exists() and marker.read_text() == f"{articles} {seed}"):
        generate(str(folder), articles, seed=seed)
        marker.write_text(f"{articles} {seed}")
    cache = work / f"facts-{articles}-{seed}.pickle"
    if cache.exists():
        with open(cache, "rb") as handle:
            return pickle.load(handle)
    paths = [str(p) for p in sorted(folder.iterdir()) if p.name != "gold.jsonl" and not p.name.startswith(".")]
    facts = extract_paths(paths, n_process=2).facts
    with open(cache, "wb") as handle:
        pickle.dump(facts, handle)
    return facts


def emit(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--work", default="/tmp/entente-bench", help="where generated articles are kept")
    args = parser.parse_args(argv)

    from entente.graph.embedded import EmbeddedStore
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    facts = _facts(work, args.articles, args.seed)
    kb = load_knowledge()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    emit("commit", commit.stdout.strip())
    emit("articles", len(facts))
    emit("batch_size", args.batch_size)
    rates: list[float] = []
    cpu_rates: list[float] = []  # articles per CPU second of this process: steadier on a shared machine
    cpu_times: list[float] = []  # CPU seconds of each batch
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store", writer=True) as store:
        start = time.perf_counter()
        for number, offset in enumerate(range(0, len(facts), args.batch_size), start=1):
            batch = facts[offset : offset + args.batch_size]
            began, began_cpu = time.perf_counter(), time.process_time()
            ingest_facts(store, batch, kb, batch_size=args.batch_size)
            seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu
            rates.append(len(batch) / seconds)
            cpu_rates.append(len(batch) / cpu)
            cpu_times.append(cpu)
            emit(f"batch{number}_articles_in_store", offset + len(batch))
            emit(f"batch{number}_articles_per_s", round(rates[-1], 1))
            emit(f"batch{number}_articles_per_cpu_s", round(cpu_rates[-1], 1))
        total = time.perf_counter() - start
    tenth = max(1, len(rates) // 10)
    first, last = sum(rates[:tenth]) / tenth, sum(rates[-tenth:]) / tenth
    emit("total_seconds", round(total, 1))
    emit("articles_per_s", round(len(facts) / total, 1))
    emit("first_tenth_articles_per_s", round(first, 1))
    emit("last_tenth_articles_per_s", round(last, 1))
    emit("last_vs_first_ratio", round(last / first, 2))
    first_cpu, last_cpu = sum(cpu_rates[:tenth]) / tenth, sum(cpu_rates[-tenth:]) / tenth
    emit("first_tenth_articles_per_cpu_s", round(first_cpu, 1))
    emit("last_tenth_articles_per_cpu_s", round(last_cpu, 1))
    emit("last_vs_first_cpu_ratio", round(last_cpu / first_cpu, 2))
    # CPU seconds of all batches, and of the later half (where what grows with the store shows)
    emit("cpu_seconds_all_batches", round(sum(cpu_times), 1))
    emit("cpu_seconds_later_half", round(sum(cpu_times[len(cpu_times) // 2 :]), 1))
    emit("peak_rss_mb", round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))


if __name__ == "__main__":
    main()
