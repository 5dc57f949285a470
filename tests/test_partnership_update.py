"""A pair's partnership intervals updated from a batch's claims (``partnership_update``) equal the
intervals derived from all the pair's claims, for any arrival order and batch sizes, and the update
does go through without the pair's other claims most of the time."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from entente.graph.derive import (
    ClaimRecord,
    GroupKey,
    GroupKind,
    PartnershipTally,
    claim_id,
    partnership_rows,
    partnership_update,
)
from entente.graph.intervals import ANNOUNCING, partnership_intervals, partnership_plan, place
from entente.ingest.knowledge import load_knowledge
from entente.ingest.model import Event, FuzzyDate, PartnershipClaim, Party, to_dict

KB = load_knowledge()
PAIR = (Party("CHN", "China"), Party("KGZ", "Kyrgyzstan"))
GROUP = GroupKey(GroupKind.PARTIES, "CHN|KGZ")
LEVELS = ["strategic partnership", "comprehensive strategic partnership", "partnership"]
#: The days the pair's changes of level were reported on (as news of one change names one day).
CHANGES = {
    "partnership": [FuzzyDate("2014-03-11", "day", "text")],
    "strategic partnership": [FuzzyDate("2015-06-02", "day", "text"), FuzzyDate("2018-01", "month", "text")],
    "comprehensive strategic partnership": [FuzzyDate("2016-09-15", "day", "text")],
}


def _date(rng: random.Random) -> FuzzyDate:
    shape = rng.random()
    if shape < 0.25:
        return FuzzyDate()  # undated: joins the last interval of its level
    if shape < 0.3:
        return FuzzyDate(f"--0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "day", "text")
    year = rng.randint(2014, 2019)
    if shape < 0.35:
        return FuzzyDate(str(year), "year", "text")
    if shape < 0.45:
        return FuzzyDate(f"{year}-0{rng.randint(1, 9)}", "month", "text")
    return FuzzyDate(f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "day", "text")


def _claims(rng: random.Random, count: int) -> list[PartnershipClaim]:
    claims = []
    for number in range(count):
        level = rng.choice(LEVELS)
        change = rng.choice(["establish", "upgrade", *["reaffirm"] * 5, *["mention"] * 5])
        article = f"art-{number:03d}"
        claims.append(
            PartnershipClaim(
                id=f"c{number:03d}",
                article=article,
                source=f"file-{number % 7}.jsonl",  # several articles share a file
                parties=PAIR,
                level=level,
                rank=KB.levels[level].rank,
                change=change,
                # the reports of a change name one of a few days; other claims any
                date=rng.choice(CHANGES[level]) if change in ANNOUNCING and rng.random() < 0.8 else _date(rng),
                # a third are filled from their article's event, whose date a later batch may change
                event=f"m-{article}" if rng.random() < 0.33 else None,
            )
        )
    return claims


def _record(claim: PartnershipClaim, batch: int) -> ClaimRecord:
    return ClaimRecord(
        id=claim_id("partnership", GROUP, claim.article),
        kind="partnership",
        group=GROUP,
        article=claim.article,
        recorded_at=f"2026-12-02T10:{batch:02d}:00+00:00",
        data=json.dumps(to_dict(claim), sort_keys=True),
    )


def _event(article: str, date: FuzzyDate) -> Event:
    return Event(f"e-{article}", "talks", ("CHN", "KGZ"), (), date, None, None, (), (article,), (f"m-{article}",))


@pytest.mark.parametrize("seed", range(30))
def test_intervals_updated_a_batch_at_a_time_equal_the_intervals_of_all_claims(seed):
    rng = random.Random(seed)
    claims = _claims(rng, rng.choice([30, 60, 120]))
    rng.shuffle(claims)
    # the events the claims with one are filled from (a claim with no year of its own takes its event's date)
    by_mention = {c.event: _event(c.article, _date(rng)) for c in claims if c.event}
    stored: list[ClaimRecord] = []
    rels: list[dict] = []
    tally = PartnershipTally()
    outcomes: Counter[str] = Counter()
    at, batch = 0, 0
    while at < len(claims):
        batch += 1
        size = rng.choice([1, 1, 2, 3, 5, 12])
        new = [_record(c, batch) for c in claims[at : at + size]]
        at += size
        # the events of some articles are derived again: their claims may be filled otherwise now
        # (often the first dated attestation's: a later date makes another claim first)
        moved = set()
        for record in [*stored, *new]:
            first = tally.first is not None and record.article == tally.first[2]
            if f"m-{record.article}" in by_mention and rng.random() < (0.3 if first else 0.02):
                by_mention[f"m-{record.article}"] = _event(record.article, _date(rng))
                moved.add(record.id)
        every = stored + new
        expected_rows, expected_tally = partnership_rows(str(GROUP), every, by_mention, KB)
        announcing = [r for r in every if json.loads(r.data)["change"] in ANNOUNCING]
        first = [r for r in stored if tally.first and r.article == tally.first[2]]
        changed = [r for r in stored if r.id in moved] + first + new
        update = partnership_update(str(GROUP), tally, rels, announcing, changed, {r.id for r in new}, by_mention, KB)
        if update is None:
            outcomes["from all claims"] += 1
            rows, tally = expected_rows, expected_tally
        else:
            outcomes["updated" if stored else "first batch"] += 1
            rows, tally = update
            assert [r.props for r in rows.rels] == [r.props for r in expected_rows.rels]
            assert tally == expected_tally
        rels = [r.props for r in rows.rels]
        stored = every
    # not vacuous: batches after the first added their claims to the stored intervals (in all 30
    # draws together, 539 batches did and 227 read all the claims at the commit of this test)
    assert outcomes["updated"] >= 2


@pytest.mark.parametrize("seed", range(30))
def test_an_attestation_falls_where_the_whole_rule_puts_it(seed):
    """``place`` in the plan of the announcements and the first attestation puts every other claim
    where the whole interval rule (timeline and undated claims) puts it."""
    claims = _claims(random.Random(seed), 80)
    intervals, plan = partnership_plan(claims, KB)
    if not plan.intervals:
        pytest.skip("no dated interval in this draw")
    assert [(i.level, i.valid_from, i.valid_to) for i in intervals] == [
        (i.level, i.valid_from, i.valid_to) for i in partnership_intervals(list(reversed(claims)), KB)
    ]
    holder = {c.id: n for n, interval in enumerate(intervals) for c in interval.claims}
    planned = {c.id for interval in plan.intervals for c in interval.claims} | {c.id for c in plan.undated}
    for claim in claims:
        if claim.change in ANNOUNCING or claim.id in planned:
            continue
        index, disputed = place(plan.openings, claim)
        assert holder[claim.id] == index
        assert (claim.id in intervals[index].disputed_by) == disputed


def test_a_first_attestation_dated_later_by_its_event_leaves_the_rule_to_all_claims():
    """When the first dated attestation's event moves it later, another stored claim may be first
    now: the update cannot know, so it asks for all the claims."""
    established = PartnershipClaim(
        "c0", "art-0", "a.txt", PAIR, "strategic partnership", 30, "establish", date=FuzzyDate("2014-01-01", "day")
    )
    filled = PartnershipClaim("c1", "art-1", "b.txt", PAIR, "strategic partnership", 30, "reaffirm", event="m-art-1")
    later = PartnershipClaim(
        "c2", "art-2", "c.txt", PAIR, "strategic partnership", 30, "mention", date=FuzzyDate("2016-01-01", "day")
    )
    records = [_record(c, 1) for c in (established, filled, later)]
    by_mention = {"m-art-1": _event("art-1", FuzzyDate("2015-01-01", "day"))}
    rows, tally = partnership_rows(str(GROUP), records, by_mention, KB)
    assert tally.first is not None and tally.first[1] == "c1"
    by_mention = {"m-art-1": _event("art-1", FuzzyDate("2017-01-01", "day"))}
    _, expected = partnership_rows(str(GROUP), records, by_mention, KB)
    assert expected.first is not None and expected.first[1] == "c2"
    stored = [r.props for r in rows.rels]
    assert partnership_update(str(GROUP), tally, stored, records[:1], records[1:2], set(), by_mention, KB) is None
