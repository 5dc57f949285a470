"""The sample corpus yields what tests/data/seeds-expected.json (the project's spec) says."""

import json
from pathlib import Path

import pytest

from entente.ingest.events import merge_events
from entente.ingest.extract import fact_lines
from entente.ingest.knowledge import fold, load_knowledge

EXPECTED = json.loads((Path(__file__).parent / "data" / "seeds-expected.json").read_text())


@pytest.fixture(scope="module")
def lines(corpus_facts):
    return list(fact_lines(corpus_facts, load_knowledge()))


def _names(entry):
    return {fold(entry["name"])} | {fold(a) for a in entry.get("aliases", [])}


@pytest.mark.parametrize("claim", EXPECTED["partnership_claims"], ids=lambda c: c["source"][:3])
def test_partnership_claim(lines, claim):
    found = [
        line
        for line in lines
        if line["type"] == "partnership"
        and line["source"].endswith(claim["source"])
        and sorted(p["id"] for p in line["parties"]) == claim["parties"]
    ]
    assert len(found) == 1, f"one claim for {claim['parties']} in {claim['source']}"
    line = found[0]
    assert line["level"] == claim["level"]
    assert line["change"] == claim["change"]
    assert line["date"] in claim["date_any_of"]
    assert line["place"] == claim["place"]
    if "qualifiers_any_of" in claim:
        assert line["qualifiers"] in claim["qualifiers_any_of"]
    start, end = line["evidence"]["start"], line["evidence"]["end"]
    assert 0 <= start < end


def test_exactly_these_partnership_pairs(lines):
    pairs = {tuple(sorted(p["id"] for p in line["parties"])) for line in lines if line["type"] == "partnership"}
    assert pairs == {tuple(p) for p in EXPECTED["exactly_these_partnership_pairs"]}


@pytest.mark.parametrize("expected", EXPECTED["events"], ids=lambda e: "-".join(e["parties"]))
def test_events_are_merged_across_articles(lines, expected):
    leaders = {line["id"]: line for line in lines if line["type"] == "leader"}
    events = [line for line in lines if line["type"] == "event" and line["parties"] == expected["parties"]]
    assert len(events) == 1
    event = events[0]
    assert sorted(s.rsplit("/", 1)[-1] for s in event["sources"]) == sorted(expected["sources"])
    assert event["date"] in expected.get("date_any_of", [expected.get("date")])
    assert event["place"] == expected["place"]
    wanted = {fold(n) for n in expected["leaders"]}
    names = [_names(leaders[i]) for i in event["leaders"]]
    assert all(any(w in n for n in names) for w in wanted), (wanted, names)


@pytest.mark.parametrize("expected", EXPECTED["leaders"], ids=lambda e: e["name"])
def test_leaders_resolve_with_aliases(lines, expected):
    wanted = {fold(expected["name"])} | {fold(a) for a in expected.get("aliases", [])}
    found = [line for line in lines if line["type"] == "leader" and _names(line) & wanted]
    assert found, expected["name"]
    assert any(line["state"] == expected["state"] and line["title"] == expected["title"] for line in found)


def test_related_article_leader_is_no_event_leader(lines):
    leaders = {line["id"]: line for line in lines if line["type"] == "leader"}
    for event in (line for line in lines if line["type"] == "event"):
        for ident in event["leaders"]:
            assert not any(fold(n) in _names(leaders[ident]) for n in EXPECTED["not_leaders_of_any_event"])


@pytest.mark.parametrize("source", sorted(EXPECTED["initiatives_by_source"]))
def test_initiatives_named_per_article(corpus_facts, source):
    kb = load_knowledge()
    facts = next(f for f in corpus_facts if f.article.source.endswith(source))
    named = {kb.initiatives[i].name for i in facts.initiatives}
    assert named >= set(EXPECTED["initiatives_by_source"][source])


def test_supporters(lines):
    by_name = {line["name"]: set(line["supporters"]) for line in lines if line["type"] == "initiative"}
    for name, supporters in EXPECTED["supporters"].items():
        assert by_name[name] >= set(supporters), name


def test_event_merging_does_not_depend_on_order(corpus_facts):
    mentions = [m for f in corpus_facts for m in f.events]
    assert merge_events(mentions) == merge_events(list(reversed(mentions)))
