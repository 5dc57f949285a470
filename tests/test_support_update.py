"""A state's support for an initiative updated from a batch's claims (``support_update``) equals the
``SUPPORTS`` relationship derived from all the group's claims, for any arrival order and batch
sizes, and gives up (derive from all the claims) exactly when the stored relationship cannot tell."""

from __future__ import annotations

import json
import random

import pytest

from entente.graph.derive import ClaimRecord, GroupKey, GroupKind, claim_id, derive_group, support_update
from entente.ingest.knowledge import load_knowledge
from entente.ingest.model import SupportClaim, to_dict

KB = load_knowledge()
GROUP = GroupKey(GroupKind.SUPPORT, "KGZ|bri")


def _day(rng: random.Random) -> str | None:
    shape = rng.random()
    if shape < 0.1:
        return None  # no publication date
    if shape < 0.13:
        return f"--0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"  # a day without a year
    year = rng.randint(2014, 2019)
    if shape < 0.25:
        return str(year)
    if shape < 0.45:
        return f"{year}-0{rng.randint(1, 9)}"
    return f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"


def _record(claim: SupportClaim, batch: int) -> ClaimRecord:
    return ClaimRecord(
        id=claim_id("support", GROUP, claim.article),
        kind="support",
        group=GROUP,
        article=claim.article,
        recorded_at=f"2026-12-02T10:{batch:02d}:00+00:00",
        data=json.dumps(to_dict(claim), sort_keys=True),
    )


def _as_stored(props: dict, embedded: bool) -> dict:
    """The properties as a store gives them back: Neo4j a date, the embedded store ISO text."""
    if embedded and props.get("since") is not None:
        return {**props, "since": props["since"].isoformat()}
    return dict(props)


@pytest.mark.parametrize("seed", range(40))
def test_support_updated_a_batch_at_a_time_equals_the_support_of_all_claims(seed):
    rng = random.Random(seed)
    count = rng.choice([6, 20, 60])
    claims = [
        SupportClaim("KGZ", "bri", "Belt and Road Initiative", f"art-{n:03d}", f"file-{n % 4}.jsonl")
        for n in range(count)
    ]
    published = {c.article: _day(rng) for c in claims}
    rng.shuffle(claims)
    stored: list[ClaimRecord] = []
    props: dict | None = None
    batches = 0
    while claims:
        size = rng.randint(1, 8)
        batch, claims = claims[:size], claims[size:]
        batches += 1
        records = [_record(c, batches) for c in batch]
        scratch = derive_group(GROUP, stored + records, KB, published)
        if props is not None:
            update = support_update(str(GROUP), _as_stored(props, rng.random() < 0.5), records, KB, published)
            new_days = [published[c.article] for c in batch if published[c.article]]
            # it gives up only when the stored relationship has no first day, or a new day has no year
            assert (update is None) == (props.get("since") is None or any(d.startswith("--") for d in new_days))
            if update is not None:
                assert update.rels == scratch.rels
        stored += records
        (rel,) = scratch.rels
        props = rel.props
