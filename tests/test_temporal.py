"""Partnership intervals: upgrade chains, arrival order, reaffirmations, disagreement, as-of boundaries."""

import itertools

import pytest

from entente.graph.intervals import partnership_intervals
from entente.graph.snapshot import as_of
from entente.ingest.knowledge import load_knowledge
from entente.ingest.model import Evidence, FuzzyDate, PartnershipClaim, Party

KB = load_knowledge()
PAIR = (Party("CHN", "China"), Party("KGZ", "Kyrgyzstan"))


def claim(ident, level, change, date, precision="day"):
    return PartnershipClaim(
        id=ident,
        article=f"art-{ident}",
        source=f"{ident}.txt",
        parties=PAIR,
        level=level,
        rank=KB.levels[level].rank,
        change=change,
        date=FuzzyDate(date, precision, "text"),
        evidence=Evidence(f"art-{ident}", f"{ident}.txt", 0, 10, "x", "test"),
    )


SP_2013 = claim("a", "strategic partnership", "establish", "2013-09-11")
CSP_2018 = claim("b", "comprehensive strategic partnership", "upgrade", "2018-06-06")
CSP_2018_AGAIN = claim("c", "comprehensive strategic partnership", "upgrade", "2018-06-06")
REAFFIRM_2020 = claim("d", "comprehensive strategic partnership", "reaffirm", "2020-02-01")


def _summary(intervals):
    return [(i.level, i.valid_from.value, i.valid_to.value, i.change) for i in intervals]


def test_upgrade_closes_the_previous_level():
    assert _summary(partnership_intervals([SP_2013, CSP_2018], KB)) == [
        ("strategic partnership", "2013-09-11", "2018-06-06", "establish"),
        ("comprehensive strategic partnership", "2018-06-06", None, "upgrade"),
    ]


def test_any_arrival_order_gives_the_same_intervals():
    claims = [SP_2013, CSP_2018, CSP_2018_AGAIN, REAFFIRM_2020]
    expected = _summary(partnership_intervals(claims, KB))
    for order in itertools.permutations(claims):
        assert _summary(partnership_intervals(list(order), KB)) == expected


def test_reaffirmation_adds_evidence_not_an_interval():
    intervals = partnership_intervals([SP_2013, CSP_2018, REAFFIRM_2020], KB)
    assert len(intervals) == 2
    assert {c.id for c in intervals[1].claims} == {"b", "d"}


def test_disagreeing_dates_keep_every_claim_and_say_why():
    late = claim("e", "comprehensive strategic partnership", "upgrade", "2018-06-07")
    intervals = partnership_intervals([SP_2013, CSP_2018, CSP_2018_AGAIN, late], KB)
    assert len(intervals) == 2
    assert intervals[1].valid_from.value == "2018-06-06"  # two sources against one
    assert {c.id for c in intervals[1].claims} == {"b", "c", "e"}
    assert "disagree on the date" in intervals[1].reason


def test_disagreeing_level_is_kept_as_dispute():
    odd = claim("f", "strategic cooperative partnership", "mention", "2019-01-10")
    intervals = partnership_intervals([SP_2013, CSP_2018, odd], KB)
    assert intervals[1].disputed_by == ("f",)


def test_mention_before_any_announcement_attests_the_level():
    early = claim("g", "strategic partnership", "mention", "2015-03-01")
    intervals = partnership_intervals([early, CSP_2018], KB)
    assert _summary(intervals) == [
        ("strategic partnership", "2015-03-01", "2018-06-06", "attested"),
        ("comprehensive strategic partnership", "2018-06-06", None, "upgrade"),
    ]


@pytest.mark.parametrize(
    ("day", "level"),
    [
        ("2013-09-10", None),
        ("2013-09-11", "strategic partnership"),
        ("2018-06-05", "strategic partnership"),
        ("2018-06-06", "comprehensive strategic partnership"),
        ("2030-01-01", "comprehensive strategic partnership"),
    ],
)
def test_as_of_on_the_boundary_dates(day, level):
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("CHN", label="State")
    graph.add_node("KGZ", label="State")
    for i, interval in enumerate(partnership_intervals([SP_2013, CSP_2018], KB)):
        graph.add_edge(
            "CHN",
            "KGZ",
            key=i,
            type="PARTNERSHIP",
            level=interval.level,
            valid_from=interval.valid_from.value,
            valid_to=interval.valid_to.value,
        )
    levels = [d["level"] for *_, d in as_of(graph, day).edges(data=True)]
    assert levels == ([level] if level else [])
