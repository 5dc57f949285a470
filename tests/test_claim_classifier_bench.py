"""The learned-check benchmark (bench/claim_classifier.py): its examples, its training and its deciders."""

from __future__ import annotations

import json
from pathlib import Path

from entente.bench.claim_classifier import PairExample, _combine, _gold, examples, predict, train

# Our own wording: a new upgrade of one pair, and a pair the gold names that no rule claim reaches.
TEXT = (
    "Freedonia and Sylvania upgrade ties\n\n"
    "Indian Prime Minister Narendra Modi and Greek Prime Minister Kyriakos Mitsotakis held talks in "
    "New Delhi on 21 February 2024 and elevated the relationship between India and Greece to a "
    "comprehensive strategic partnership.\n"
)


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "one.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "source": "dev/one.txt",
        "split": "real/dev",
        "url": "https://example.org/one",
        "partnerships": [
            {"parties": ["GRC", "IND"], "level": "comprehensive strategic partnership", "change": "upgrade"},
            {"parties": ["FRA", "IND"], "level": "strategic partnership", "change": "establish"},
        ],
        "events": [{"key": "grc-ind-2024-02-21", "parties": ["GRC", "IND"]}],
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return tmp_path


def test_examples_label_the_rules_claims_and_count_the_pairs_they_miss(tmp_path: Path) -> None:
    labelled = examples(_folder(tmp_path) / "gold.jsonl")
    assert [(r.rules_say, r.gold_says, r.group) for r in labelled.rows] == [(True, True, "grc-ind-2024-02-21")]
    assert labelled.outside_missed == 1  # FRA-IND: announced in the gold, no claim from the rules
    rich = labelled.rows[0].texts["rich"]
    assert rich.startswith("RULE_upgrade") and "LVL_" in rich and "h_upgrade" in rich


def test_a_fresh_rounds_urls_are_left_out(tmp_path: Path) -> None:
    gold_file = _folder(tmp_path) / "gold.jsonl"
    assert list(_gold(gold_file, "real/dev")) == ["dev/one.txt"]
    assert _gold(gold_file, "real/dev", frozenset({"https://example.org/one"})) == {}


def test_the_rules_are_overruled_only_where_the_classifier_is_sure() -> None:
    assert _combine(True, 0.10, 0.85) is False
    assert _combine(True, 0.20, 0.85) is True
    assert _combine(False, 0.90, 0.85) is True
    assert _combine(False, 0.80, 0.85) is False


def test_spacys_training_learns_a_separable_cue() -> None:
    rows = [
        PairExample(
            group=str(i), texts={"rich": f"{cue} filler words {i}"}, rules_say=False, gold_says=cue == "ANNOUNCED"
        )
        for i in range(24)
        for cue in ("ANNOUNCED", "RECALLED")
    ]
    model = train(rows, "rich", "bow", seed=0)
    probe = [
        PairExample("x", {"rich": "ANNOUNCED other words"}, False, True),
        PairExample("y", {"rich": "RECALLED other"}, False, False),
    ]
    yes, no = predict(model, probe, "rich")
    assert yes > 0.5 > no
