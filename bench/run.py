"""Entente's benchmark: speed, memory and accuracy on generated news, into the real Neo4j.

``python bench/run.py --quick`` (a few minutes) loads a small generated graph into Neo4j three
times: batched into the server as it is (``load_first_*``: on a server just started, its JVM is
still compiling), batched again, and one query per row, and prints how much faster batching is.

``python bench/run.py [--sizes 10000,100000]`` measures, for each size: extraction articles/s
with 1 and 2 processes, the end-to-end ingest into Neo4j (seconds, load rows/s, peak memory),
the incremental re-run with 100 new articles, accuracy on the generated truth, and how peak memory
grows from a quarter of the articles (``--stages`` picks among these). Asked for by name,
``--stages embedded`` also ingests each size into a fresh embedded store (its articles/s, and
Neo4j's against it), and ``--stages growing`` writes each size's articles into one emptied
database as ten successive batches and prints each batch's rows/s. With two sizes or more, the
largest size's articles/s against the smallest's closes the output.

Every stage runs in its own process, so peak memory (``ru_maxrss``) is that stage's alone; the
spaCy worker processes are measured separately (``RUSAGE_CHILDREN``). Output is ``name=value``
lines, printed as each stage ends. Neo4j comes from ``NEO4J_URI`` / ``NEO4J_USERNAME`` /
``NEO4J_PASSWORD``; its database is emptied by the benchmark, so never point it at real data.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

RESULT = "BENCH-RESULT "
NEW_ARTICLES = 100


def _peak_mb() -> dict[str, float]:
    return {
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "workers_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def _neo4j(store_class=None):
    from entente.graph.neo4j_store import Neo4jStore

    # The benchmark is a script, an edge like the command line: it reads its settings here.
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        raise SystemExit("bench: set NEO4J_URI (and NEO4J_PASSWORD); start one with scripts/neo4j-local")
    cls = store_class or Neo4jStore
    return cls(
        uri,
        os.environ.get("NEO4J_USERNAME") or "neo4j",
        os.environ.get("NEO4J_PASSWORD"),
        os.environ.get("NEO4J_DATABASE") or None,
    )


# -- stages: each runs in a child process and returns a dict --------------------------------


def stage_generate(out: str, articles: int, seed: int) -> dict:
    from entente.bench.generate import generate

    marker = Path(out) / ".bench-generated"
    wanted = f"{articles} {seed}"
    if marker.exists() and marker.read_text() == wanted:
        return {"reused": 1}
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    summary = generate(out, articles, seed=seed)
    marker.write_text(wanted)
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "meetings": summary.meetings,
        "pairs": summary.pairs,
        "files": summary.files,
    }


def stage_extract(paths: list[str], n_process: int) -> dict:
    from entente.ingest.extract import Extractor
    from entente.ingest.readers import ReadProblem, read_articles

    extractor = Extractor()
    start = time.perf_counter()
    articles = chars = facts = 0

    def stream():
        nonlocal articles, chars
        for item in read_articles(paths):
            if not isinstance(item, ReadProblem):
                articles += 1
                chars += len(item.text)
                yield item

    for result in extractor(stream(), n_process=n_process):
        facts += len(result.partnerships) + len(result.events)
    seconds = time.perf_counter() - start
    return {
        "articles": articles,
        "seconds": round(seconds, 1),
        "articles_per_s": round(articles / seconds, 1),
        "mean_chars": round(chars / max(articles, 1)),
        "facts": facts,
        **_peak_mb(),
    }


def stage_ingest(paths: list[str], n_process: int, clear: bool, batch_size: int) -> dict:
    from entente.api import ingest_paths
    from entente.bench.loading import TimedStore, clear_database

    store = _neo4j()
    if clear:
        clear_database(store)
    timed = TimedStore(store)
    start = time.perf_counter()
    report = ingest_paths(paths, timed, n_process=n_process, batch_size=batch_size)
    seconds = time.perf_counter() - start
    store.close()
    return {
        "seconds": round(seconds, 1),
        "articles_new": report.articles_new,
        "articles_skipped": report.articles_skipped,
        "rows": timed.rows,
        "write_seconds": round(timed.write_seconds, 1),
        "load_rows_per_s": round(timed.rows / timed.write_seconds, 1) if timed.write_seconds else 0.0,
        **_peak_mb(),
    }


def stage_embedded(paths: list[str], n_process: int, batch_size: int) -> dict:
    """The same end-to-end ingest into a fresh embedded store (the README's default)."""
    import tempfile

    from entente.api import ingest_paths
    from entente.graph.embedded import EmbeddedStore

    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store", writer=True) as store:
        start = time.perf_counter()
        report = ingest_paths(paths, store, n_process=n_process, batch_size=batch_size)
        seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 1), "articles_new": report.articles_new, **_peak_mb()}


def stage_growing(paths: list[str], n_process: int, batches: int) -> dict:
    """Ten successive batches into one emptied Neo4j database: each batch's rows and seconds.

    The articles are extracted first (not timed); each batch is then one ingest of a tenth of
    them, one transaction, timed whole (reading and deriving its groups, writing, committing)
    and for its writes alone."""
    from entente.api import extract_paths
    from entente.bench.loading import TimedStore, clear_database
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    facts = extract_paths(paths, n_process=n_process).facts
    kb = load_knowledge()
    store = _neo4j()
    clear_database(store)
    size = -(-len(facts) // batches)
    result: dict[str, Any] = {"articles": len(facts), "batches": []}
    for offset in range(0, len(facts), size):
        timed = TimedStore(store)
        start = time.perf_counter()
        ingest_facts(timed, facts[offset : offset + size], kb, batch_size=size)
        seconds = time.perf_counter() - start
        result["batches"].append(
            {"rows": timed.rows, "seconds": round(seconds, 2), "write_seconds": round(timed.write_seconds, 2)}
        )
    store.close()
    return result


def stage_accuracy(gold: str, paths: list[str], n_process: int) -> dict:
    from entente.api import evaluate_paths

    start = time.perf_counter()
    report = evaluate_paths(gold, paths, n_process=n_process)
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "articles": report.articles,
        **{kind: round(report.headline(kind), 4) for kind in report.scores},
    }


def stage_quick_load(paths: list[str]) -> dict:
    from entente.api import extract_paths
    from entente.bench.loading import PerRowNeo4jStore, TimedStore, clear_database
    from entente.graph.store import ingest_facts
    from entente.ingest.knowledge import load_knowledge

    facts = extract_paths(paths).facts
    kb = load_knowledge()
    result: dict[str, float] = {"articles": len(facts)}
    # The batched load runs twice: first into the server as it is (for --quick, just started), then
    # again. A fresh server's JVM compiles its own code while that first load runs (about 30 CPU
    # seconds of its compiler threads on 2 cores, docs/performance.md), a cost the per-row load,
    # which comes after, never pays; the ratio compares the two loaders on the same warm server.
    for name, cls in (("batched_first", None), ("batched", None), ("per_row", PerRowNeo4jStore)):
        store = _neo4j(cls)
        # a first small load, not timed, so both loaders run with the server's query plans cached
        clear_database(store)
        ingest_facts(store, facts[:20], kb)
        clear_database(store)
        timed = TimedStore(store)
        ingest_facts(timed, facts, kb)
        store.close()
        result[f"{name}_rows"] = timed.rows
        result[f"{name}_seconds"] = round(timed.write_seconds, 2)
    return result


STAGES: dict[str, Callable[..., dict[str, Any]]] = {
    "generate": stage_generate,
    "extract": stage_extract,
    "ingest": stage_ingest,
    "accuracy": stage_accuracy,
    "embedded": stage_embedded,
    "growing": stage_growing,
    "quick_load": stage_quick_load,
}


# -- the parent: runs stages, prints name=value ---------------------------------------------


def run_stage(name: str, **kwargs) -> dict:
    """Run one stage in a fresh interpreter and return its result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", name, "--stage-args", json.dumps(kwargs)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"bench: stage {name} failed (exit {done.returncode})")
    line = next(line for line in done.stdout.splitlines() if line.startswith(RESULT))
    return json.loads(line[len(RESULT) :])


def emit(name: str, value) -> None:
    print(f"{name}={value}", flush=True)


def machine() -> None:
    emit("machine_cpus", os.cpu_count())
    with open("/proc/meminfo", encoding="utf-8") as handle:
        total_kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
    emit("machine_mem_gib", round(total_kb / 1024 / 1024, 1))
    emit("machine_cpu", platform.processor() or platform.machine())
    emit("python", platform.python_version())


def quick(work: Path, articles: int, seed: int) -> None:
    folder = work / f"gen-{articles}-{seed}"
    run_stage("generate", out=str(folder), articles=articles, seed=seed)
    result = run_stage("quick_load", paths=[str(folder)])
    batched = result["batched_rows"] / result["batched_seconds"]
    per_row = result["per_row_rows"] / result["per_row_seconds"]
    emit("quick_articles", result["articles"])
    emit("load_first_rows", result["batched_first_rows"])
    emit("load_first_seconds", result["batched_first_seconds"])
    emit("load_first_rows_per_s", round(result["batched_first_rows"] / result["batched_first_seconds"], 1))
    emit("load_rows", result["batched_rows"])
    emit("load_seconds", result["batched_seconds"])
    emit("load_rows_per_s", round(batched, 1))
    emit("per_row_rows", result["per_row_rows"])
    emit("per_row_seconds", result["per_row_seconds"])
    emit("per_row_rows_per_s", round(per_row, 1))
    emit("load_speedup_vs_per_row", round(batched / per_row, 1))
    first = result["batched_first_rows"] / result["batched_first_seconds"]
    emit("load_first_speedup_vs_per_row", round(first / per_row, 1))


def growing(prefix: str, folder: str) -> None:
    """The growing-database figure: ten batches into one database, rows/s of each against the first."""
    result = run_stage("growing", paths=[folder], n_process=2, batches=10)
    rates, write_rates = [], []
    for number, batch in enumerate(result["batches"], start=1):
        rates.append(batch["rows"] / batch["seconds"])
        write_rates.append(batch["rows"] / batch["write_seconds"] if batch["write_seconds"] else 0.0)
        emit(f"{prefix}growing_batch{number}_rows", batch["rows"])
        emit(f"{prefix}growing_batch{number}_rows_per_s", round(rates[-1], 1))
        emit(f"{prefix}growing_batch{number}_write_rows_per_s", round(write_rates[-1], 1))
    emit(prefix + "growing_min_vs_first", round(min(rates) / rates[0], 2))
    emit(prefix + "growing_last_vs_first", round(rates[-1] / rates[0], 2))
    emit(prefix + "growing_write_min_vs_first", round(min(write_rates) / write_rates[0], 2))


def full(work: Path, sizes: list[int], seed: int, stages: set[str], batch_size: int) -> None:
    peaks: dict[int, float] = {}
    rates: dict[str, dict[int, float]] = {"neo4j": {}, "embedded": {}}
    for size in sizes:
        folder = str(work / f"gen-{size}-{seed}")
        p = f"n{size}_"
        generated = run_stage("generate", out=folder, articles=size, seed=seed)
        if "seconds" in generated:
            emit(p + "generate_seconds", generated["seconds"])
        first = run_stage("ingest", paths=[folder], n_process=2, clear=True, batch_size=batch_size)
        peaks[size] = first["peak_rss_mb"]
        emit(p + "end_to_end_seconds", first["seconds"])
        emit(p + "end_to_end_articles_per_s", round(first["articles_new"] / first["seconds"], 1))
        rates["neo4j"][size] = first["articles_new"] / first["seconds"]
        emit(p + "load_rows", first["rows"])
        emit(p + "load_write_seconds", first["write_seconds"])
        emit(p + "load_rows_per_s", first["load_rows_per_s"])
        emit(p + "peak_rss_mb", first["peak_rss_mb"])
        emit(p + "workers_peak_rss_mb", first["workers_peak_rss_mb"])
        if "embedded" in stages:
            embedded = run_stage("embedded", paths=[folder], n_process=2, batch_size=batch_size)
            rates["embedded"][size] = embedded["articles_new"] / embedded["seconds"]
            emit(p + "embedded_end_to_end_seconds", embedded["seconds"])
            emit(p + "embedded_end_to_end_articles_per_s", round(rates["embedded"][size], 1))
            emit(p + "embedded_peak_rss_mb", embedded["peak_rss_mb"])
            emit(p + "neo4j_vs_embedded_rate", round(rates["neo4j"][size] / rates["embedded"][size], 2))
        if "growing" in stages:
            growing(p, folder)
        if "incremental" in stages:
            new = str(work / f"new-{NEW_ARTICLES}-{seed + 1}")
            run_stage("generate", out=new, articles=NEW_ARTICLES, seed=seed + 1)
            again = run_stage("ingest", paths=[folder, new], n_process=2, clear=False, batch_size=batch_size)
            emit(p + "incremental_seconds", again["seconds"])
            emit(p + "incremental_new_articles", again["articles_new"])
            emit(p + "incremental_cost_ratio", round(again["seconds"] / first["seconds"], 3))
        if "extract" in stages:
            for n_process in (1, 2):
                extracted = run_stage("extract", paths=[folder], n_process=n_process)
                emit(p + f"extract_{n_process}proc_articles_per_s", extracted["articles_per_s"])
                emit(p + f"extract_{n_process}proc_peak_rss_mb", extracted["peak_rss_mb"])
            emit(p + "mean_article_chars", extracted["mean_chars"])
        if "accuracy" in stages:
            scores = run_stage("accuracy", gold=str(Path(folder) / "gold.jsonl"), paths=[folder], n_process=2)
            for kind, value in scores.items():
                if kind not in ("seconds", "articles"):
                    emit(p + f"accuracy_{kind}", value)
        if "memory" in stages:
            quarter = size // 4
            if quarter not in peaks:
                folder = str(work / f"gen-{quarter}-{seed}")
                run_stage("generate", out=folder, articles=quarter, seed=seed)
                peaks[quarter] = run_stage("ingest", paths=[folder], n_process=2, clear=True, batch_size=batch_size)[
                    "peak_rss_mb"
                ]
                emit(f"n{quarter}_peak_rss_mb", peaks[quarter])
            emit(p + "memory_ratio_vs_quarter", round(peaks[size] / peaks[quarter], 2))
    # how the rate holds up as the corpus grows: the largest size's articles/s against the smallest's
    for store, by_size in rates.items():
        if len(by_size) > 1:
            small, large = min(by_size), max(by_size)
            emit(f"{store}_rate_n{large}_vs_n{small}", round(by_size[large] / by_size[small], 2))


STAGE_NAMES = ("incremental", "extract", "accuracy", "memory", "embedded", "growing")
#: What ``--sizes`` measures unless ``--stages`` says otherwise (``embedded`` and ``growing`` are
#: asked for by name: ``--sizes 2500,20000 --stages embedded``, ``--sizes 10000 --stages growing``).
DEFAULT_STAGES = ("incremental", "extract", "accuracy", "memory")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only batched vs per-row loading on a small graph")
    parser.add_argument("--sizes", default="10000,100000", help="article counts, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick-articles", type=int, default=2000)
    parser.add_argument(
        "--work",
        default=os.environ.get("ENTENTE_BENCH_DIR", "/tmp/entente-bench"),
        help="where generated articles are kept (reused across runs)",
    )
    parser.add_argument(
        "--stages",
        default=",".join(DEFAULT_STAGES),
        help="what to measure after each end-to-end ingest, from: " + ",".join(STAGE_NAMES),
    )
    parser.add_argument("--batch-size", type=int, default=1000, help="articles per ingest transaction")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--stage-args", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        # the server's notes on a fresh database (unknown property keys) are not results
        logging.getLogger("neo4j").setLevel(logging.ERROR)
        result = STAGES[args.stage](**json.loads(args.stage_args))
        print(RESULT + json.dumps(result), flush=True)
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    machine()
    if args.quick:
        quick(work, args.quick_articles, args.seed)
    else:
        emit("batch_size", args.batch_size)
        full(work, [int(s) for s in args.sizes.split(",")], args.seed, set(args.stages.split(",")), args.batch_size)


if __name__ == "__main__":
    main()
