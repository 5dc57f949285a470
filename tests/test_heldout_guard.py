"""No test text overlaps the project's held-out evaluation articles, and the real labelled corpus
(`tests/data/articles/real/`) keeps a sound dev/holdout split.

`heldout-guard` ships in `shared/tools/` beside the clone (`../shared/tools/heldout-guard` from the
repository root, the same layout in CI). Under CI=true a missing guard is a failure, never a skip.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from .conftest import CORPUS, ROOT

GUARD = ROOT.parent / "shared" / "tools" / "heldout-guard"
TEST_DATA = ROOT / "tests" / "data"
REAL = TEST_DATA / "articles" / "real"
SPLITS = ("dev", "holdout")


def _guard() -> Path:
    if not GUARD.is_file():
        message = f"{GUARD} is missing: heldout-guard ships in shared/tools/ beside the clone"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return GUARD


def test_no_test_text_overlaps_a_held_out_article():
    result = subprocess.run(
        [sys.executable, str(_guard()), str(TEST_DATA), str(CORPUS)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # Exit 1 names every overlapping file on stdout; exit 2 is a path the guard could not read.
    assert result.returncode == 0, f"heldout-guard exit {result.returncode}:\n{result.stdout}{result.stderr}"
    checked = re.search(r"(\d+) articles checked", result.stderr)
    assert checked, f"heldout-guard printed no summary:\n{result.stderr}"
    real_texts = sum(1 for split in SPLITS for path in (REAL / split).rglob("*") if path.is_file())
    assert int(checked.group(1)) >= real_texts > 0


def _read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _url_id(url: str) -> str:
    """A URL as heldout-guard compares them: no scheme, no 'www.', no trailing slash, lower case."""
    return re.sub(r"^https?://(www\.)?", "", url.strip().lower()).rstrip("/")


def _pairs(record: dict) -> set[tuple[str, str]]:
    """The pairs an article reports something new or current about: every two parties of an event,
    and the parties of every claim except a passing mention (a standing label named in passing may
    occur in either split)."""
    pairs = {tuple(sorted(claim["parties"])) for claim in record["partnerships"] if claim["change"] != "mention"}
    for event in record["events"]:
        pairs.update(itertools.combinations(sorted(event["parties"]), 2))
    return pairs


def split_problems(records: list[dict], folder: Path) -> list[str]:
    """What is wrong with a real-corpus gold file whose `source`s are relative to `folder`."""
    problems = []
    lines = Counter(record["source"] for record in records)
    problems += [f"{source}: {n} gold lines" for source, n in sorted(lines.items()) if n > 1]
    for split in SPLITS:
        for path in sorted((folder / split).rglob("*")):
            if path.is_file() and path.relative_to(folder).as_posix() not in lines:
                problems.append(f"{path.relative_to(folder).as_posix()}: no gold line")
    urls = Counter(_url_id(record["url"]) for record in records)
    problems += [f"{url}: {n} gold lines" for url, n in sorted(urls.items()) if n > 1]

    key_splits, pair_splits = defaultdict(set), defaultdict(set)
    for record in records:
        source = record["source"]
        split = source.split("/", 1)[0]
        if split not in SPLITS:
            problems.append(f"{source}: not under {' or '.join(SPLITS)}/")
        if record.get("split") != f"real/{split}":
            problems.append(f"{source}: split {record.get('split')!r}, folder {split}/")
        if not (folder / source).is_file():
            problems.append(f"{source}: no such file")
        for event in record["events"]:
            key_splits[event["key"]].add(split)
        for pair in _pairs(record):
            pair_splits[pair].add(split)
    problems += [f"event {key} in {' and '.join(sorted(s))}" for key, s in sorted(key_splits.items()) if len(s) > 1]
    problems += [
        f"pair {'-'.join(pair)} in {' and '.join(sorted(s))}" for pair, s in sorted(pair_splits.items()) if len(s) > 1
    ]
    return problems


def test_real_corpus_split_is_sound():
    records = _read_gold(REAL / "gold.jsonl")
    assert {record["source"].split("/", 1)[0] for record in records} == set(SPLITS)
    assert split_problems(records, REAL) == []


def _record(source, url, key=None, pair=("CHN", "VNM"), change="upgrade"):
    events = [{"key": key, "parties": list(pair)}] if key else []
    return {
        "source": source,
        "split": f"real/{source.split('/')[0]}",
        "url": url,
        "events": events,
        "partnerships": [{"parties": list(pair), "change": change}],
    }


@pytest.fixture
def small_corpus(tmp_path):
    for source in ("dev/a.txt", "dev/b.txt", "holdout/c.txt"):
        (tmp_path / source).parent.mkdir(exist_ok=True)
        (tmp_path / source).write_text("text")
    records = [
        _record("dev/a.txt", "https://a.example/1", key="chn-vnm-2023-12-12"),
        _record("dev/b.txt", "https://b.example/1", key="chn-vnm-2023-12-12"),
        _record("holdout/c.txt", "https://c.example/1", key="aus-ind-2020-06-04", pair=("AUS", "IND")),
    ]
    assert split_problems(records, tmp_path) == []
    return tmp_path, records


@pytest.mark.parametrize(
    "fault, expected",
    [
        ("missing text", "dev/b.txt: no such file"),
        ("unlabelled text", "holdout/d.txt: no gold line"),
        ("two gold lines", "dev/a.txt: 2 gold lines"),
        ("same url", "a.example/1: 2 gold lines"),
        ("wrong split field", "holdout/c.txt: split 'real/dev', folder holdout/"),
        ("event in both splits", "event chn-vnm-2023-12-12 in dev and holdout"),
        ("pair in both splits", "pair CHN-VNM in dev and holdout"),
    ],
)
def test_split_check_reports_each_fault(small_corpus, fault, expected):
    folder, records = small_corpus
    if fault == "missing text":
        (folder / "dev/b.txt").unlink()
    elif fault == "unlabelled text":
        (folder / "holdout/d.txt").write_text("text")
    elif fault == "two gold lines":
        records.append(records[0])
    elif fault == "same url":
        records[2]["url"] = "http://www.A.example/1/"
    elif fault == "wrong split field":
        records[2]["split"] = "real/dev"
    elif fault == "event in both splits":
        records[2]["events"] = [{"key": "chn-vnm-2023-12-12", "parties": ["AUS", "IND"]}]
    elif fault == "pair in both splits":
        records[2] = _record("holdout/c.txt", "https://c.example/1", key="chn-vnm-2024-01-01", change="reaffirm")
    assert expected in split_problems(records, folder)


def test_a_passing_mention_may_cross_the_split(small_corpus):
    folder, records = small_corpus
    records[2]["partnerships"].append({"parties": ["CHN", "VNM"], "change": "mention"})
    assert split_problems(records, folder) == []
