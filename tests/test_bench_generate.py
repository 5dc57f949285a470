"""The benchmark's article generator: deterministic, and its truth agrees with itself and with knowledge."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from entente.bench.generate import HEAD_TITLES, generate
from entente.ingest.evaluate import load_gold
from entente.ingest.knowledge import load_knowledge
from entente.ingest.readers import ReadProblem, read_articles

SIZE = 400


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "a"
    summary = generate(folder, SIZE, seed=11)
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return folder, summary, gold


def test_same_seed_same_bytes_other_seed_other_articles(generated, tmp_path):
    folder, _, _ = generated
    again = tmp_path / "b"
    generate(again, SIZE, seed=11)
    assert _digest(again) == _digest(folder)
    other = tmp_path / "c"
    generate(other, SIZE, seed=12)
    assert (other / "gold.jsonl").read_bytes() != (folder / "gold.jsonl").read_bytes()


def test_one_gold_line_per_article_read(generated):
    folder, summary, gold = generated
    assert summary.articles == len(gold) == SIZE
    articles = [a for a in read_articles([str(folder)]) if not isinstance(a, ReadProblem)]
    sources = {a.source for a in articles}
    assert len(articles) == SIZE
    assert {str(folder / g["source"]) for g in gold} == sources
    # every article's text is unique, so none is skipped as a duplicate
    assert len({a.id for a in articles}) == SIZE
    # the gold file loads as the evaluator reads it
    assert len(load_gold(folder / "gold.jsonl")) == SIZE


def test_all_forms_and_kinds_of_report_occur(generated):
    _, summary, gold = generated
    assert set(summary.by_form) == {"wire", "state", "mt", "page", "feed"}
    changes = {p["change"] for g in gold for p in g["partnerships"]}
    assert {"establish", "upgrade", "reaffirm", "mention"} <= changes
    assert any(not g["partnerships"] and g["events"] for g in gold)  # talks with no partnership news
    assert any(not g["events"] for g in gold)  # analysis pieces
    assert any(g["supports"] for g in gold)
    keys = [e["key"] for g in gold for e in g["events"]]
    assert len(keys) > len(set(keys))  # duplicate reports of one meeting


def test_gold_agrees_with_knowledge(generated):
    _, _, gold = generated
    kb = load_knowledge()
    names = {leader.name: leader for leader in kb.leaders.values()}
    cities = {p.name: p.state for p in kb.places.values() if p.kind == "city"}
    initiatives = {i.name for i in kb.initiatives.values()}
    for article in gold:
        for claim in article["partnerships"]:
            assert claim["parties"] == sorted(claim["parties"]) and all(p in kb.states for p in claim["parties"])
            assert claim["level"] in kb.levels
            assert (
                claim["previous_level"] is None
                or kb.levels[claim["previous_level"]].rank < kb.levels[claim["level"]].rank
            )
            if claim["change"] == "mention":
                assert claim["date"] is None and claim["place"] is None
        for event in article["events"]:
            if event["place"] is not None:
                assert cities[event["place"]] in event["parties"]
            for name in event["leaders"]:
                leader = names[name]
                assert leader.state in event["parties"]
                held = [
                    o
                    for o in leader.offices
                    if o.title in HEAD_TITLES and o.start[:4] <= event["date"][:4] <= (o.end or "9999")[:4]
                ]
                assert held, (name, event["date"])
        for support in article["supports"]:
            assert support["initiative"] in initiatives
            assert any(support["state"] in e["parties"] and "CHN" in e["parties"] for e in article["events"])


def test_reports_of_one_meeting_agree(generated):
    _, _, gold = generated
    by_key: dict[str, list[dict]] = {}
    for article in gold:
        for event in article["events"]:
            by_key.setdefault(event["key"], []).append(event)
    for key, events in by_key.items():
        assert all(e == events[0] for e in events), key
        assert key == f"{events[0]['parties'][0].lower()}-{events[0]['parties'][1].lower()}-{events[0]['date']}"


def test_each_pair_history_climbs_the_ladder(generated):
    _, _, gold = generated
    kb = load_knowledge()
    announced: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for article in gold:
        for claim in article["partnerships"]:
            if claim["change"] in ("establish", "upgrade"):
                announced.setdefault(tuple(claim["parties"]), []).append(
                    (claim["date"], claim["change"], claim["level"])
                )
    for pair, history in announced.items():
        steps = sorted(set(history))
        assert steps[0][1] == "establish", pair
        ranks = [kb.levels[level].rank for _, _, level in steps]
        assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), pair


def test_generated_english_news_writes_names_in_latin_letters(generated):
    # The knowledge file also lists leaders' names in Cyrillic (for Russian text); English news,
    # machine-translated forms included, spells them in Latin letters.
    folder, _, _ = generated
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()]
    cyrillic = [t for t in texts if any("\u0400" <= ch <= "\u04ff" for ch in t)]
    assert not cyrillic, cyrillic[0][:300]
