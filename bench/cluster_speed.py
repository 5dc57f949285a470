"""Extraction on a local Dask cluster: articles/s with one worker process and with two.

``python bench/cluster_speed.py FOLDER`` runs ``entente extract-cluster``'s path
(:func:`entente.api.extract_on_dask`) over the articles of FOLDER (a ``bench/generate.py``
output) twice, on a ``LocalCluster`` of 1 and of 2 single-threaded worker processes, and prints
``name=value`` lines: seconds, articles/s and the speed-up of two workers over one. The timing
includes starting the cluster and loading the pipeline in each worker, as a user pays them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--shard-size", type=int, default=100)
    args = parser.parse_args(argv)
    from entente.api import extract_on_dask

    rates = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            report = extract_on_dask([args.folder], out, local_workers=workers, shard_size=args.shard_size)
            seconds = time.perf_counter() - start
        rates[workers] = report.articles / seconds
        print(f"workers_{workers}_seconds={seconds:.1f}", flush=True)
        print(f"workers_{workers}_articles_per_s={rates[workers]:.1f}", flush=True)
    print(f"articles={report.articles}")
    print(f"speedup_2_vs_1={rates[2] / rates[1]:.2f}")
    print("load=" + subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), file=sys.stdout)


if __name__ == "__main__":
    main()
