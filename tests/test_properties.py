"""Property-based tests of extraction (hypothesis): any text, and text made of the words the rules
look for, never crashes the extractor, and every fact's evidence is a span of its article.

Deterministic in CI: examples are derived from the test (``derandomize``), with no example database.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.ingest.extract import Extractor
from entente.ingest.knowledge import load_knowledge
from entente.ingest.model import Article
from entente.ingest.readers import article_id

_KB = load_knowledge()
PROPERTIES = settings(
    max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@functools.lru_cache(maxsize=1)
def _extractor() -> Extractor:
    return Extractor()


def _vocabulary() -> list[str]:
    """Words and phrases the extraction rules react to, from the shipped knowledge."""
    kb = _KB
    states = [
        kb.states[i] for i in ("CHN", "BLR", "KGZ", "TLS", "VNM", "RUS", "KAZ", "USA", "FRA", "IND", "LAO", "ZAF")
    ]
    words = [s.name for s in states] + [d for s in states for d in s.demonyms[:1]]
    words += [kb.leaders[i].name for i in sorted(kb.leaders)[:40]]
    words += sorted(kb.levels)[:20] + sorted(kb.qualifiers)[:5]
    words += sorted(kb.places)[:30] + [i.name for i in list(kb.initiatives.values())[:5]]
    words += [o.name for o in list(kb.organizations.values())[:5]]
    words += [
        "President",
        "Prime Minister",
        "Premier",
        "Foreign Minister",
        "met",
        "met with",
        "held talks with",
        "visited",
        "upgrade",
        "elevate",
        "establish",
        "reaffirmed",
        "agreed to",
        "relations to a",
        "ties",
        "bilateral",
        "partnership",
        "the two sides",
        "supports",
        "signed a joint statement",
        "in",
        "on",
        "at",
        "2023-09-23",
        "2022-09-15",
        "1999-12-31",
        "September 23",
        "23 September 2023",
        "on Saturday",
        "Thursday afternoon",
        "last year",
        "in May",
        "(September 23)",
        "2024",
        "Feb. 30",
        "--09-23",
        ".",
        ",",
        ";",
        "'s",
        "\u2019s",
        "\u2013",
        "-",
        "(",
        ")",
        '"',
        "\n",
        "\n\n",
        "\u00a0",
        "\u200f",
        "\u202e",
        "!",
        "?",
    ]
    return words


TOKENS = st.one_of(st.sampled_from(_vocabulary()), st.text(max_size=6))
GAZETTEER_TEXT = st.lists(TOKENS, min_size=1, max_size=60).flatmap(
    lambda parts: st.lists(
        st.sampled_from([" ", " ", " ", "", "\n", ". "]), min_size=len(parts), max_size=len(parts)
    ).map(lambda seps: "".join(p + s for p, s in zip(parts, seps, strict=True)))
)
_LEADERS = sorted(f"{leader.title_on(None) or ''} {leader.name}".strip() for leader in _KB.leaders.values())[:80]
#: Sentences shaped like news reports, with arbitrary text spliced in between the parts.
NEWS_TEXT = st.tuples(
    st.sampled_from(_LEADERS),
    st.sampled_from(["met", "met with", "held talks with", "spoke by phone with", "visited"]),
    st.sampled_from(_LEADERS),
    st.sampled_from(sorted(_KB.places)[:60]),
    st.sampled_from(["on Saturday", "on Sept. 23", "on 2023-09-23", "last week", "", "(September 23)"]),
    st.sampled_from(["upgrade", "elevate", "establish", "reaffirm", "downgrade"]),
    st.sampled_from(sorted(_KB.levels)),
    st.lists(st.text(max_size=5), min_size=3, max_size=3),
).map(
    lambda p: (
        f"{p[0]} {p[1]} {p[7][0]}{p[2]} in {p[3]} {p[4]}.{p[7][1]} The two sides agreed to {p[5]} "
        f"relations to a {p[6]}.{p[7][2]}"
    )
)
PUBLISHED = st.one_of(
    st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)).map(dt.date.isoformat)
)


def _evidence(facts):
    for group in (facts.partnerships, facts.events, facts.leaders, facts.supports, facts.documents):
        for fact in group:
            if fact.evidence is not None:
                yield fact, fact.evidence


def _check(text: str, published: str | None) -> None:
    article = Article(id=article_id(text), source="hypothesis.txt", text=text, published=published)
    (facts,) = list(_extractor()([article]))
    assert facts.article.id == article.id
    for fact, evidence in _evidence(facts):
        assert 0 <= evidence.start < evidence.end <= len(text), (fact, evidence)
        assert text[evidence.start : evidence.end] == evidence.text, (fact, evidence)
        assert evidence.article == article.id


@PROPERTIES
@given(text=st.text(max_size=400), published=PUBLISHED)
def test_any_text_extracts_without_error_and_evidence_lies_inside(text, published):
    _check(text, published)


@PROPERTIES
@given(text=GAZETTEER_TEXT, published=PUBLISHED)
def test_text_of_gazetteer_words_extracts_without_error_and_evidence_lies_inside(text, published):
    _check(text, published)


@PROPERTIES
@given(text=NEWS_TEXT, published=PUBLISHED)
def test_news_shaped_text_extracts_without_error_and_evidence_lies_inside(text, published):
    _check(text, published)


def test_the_word_strategies_make_the_rules_fire():
    """The strategies are worth their names: their examples produce facts (else the properties are empty)."""
    found = {"partnerships": 0, "events": 0, "leaders": 0}

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(text=st.one_of(GAZETTEER_TEXT, NEWS_TEXT))
    def count(text):
        (facts,) = list(_extractor()([Article(id=article_id(text), source="h.txt", text=text)]))
        for key in found:
            found[key] += len(getattr(facts, key))

    count()
    assert all(found.values()), found


@pytest.mark.parametrize("published", ["2023-02-30", "2023-13-01", "not a date"])
def test_an_impossible_publication_date_does_not_crash_extraction(published):
    text = "Chinese President Xi Jinping met Belarusian President Alexander Lukashenko in Minsk on Monday."
    (facts,) = list(_extractor()([Article(id=article_id(text), source="a.txt", text=text, published=published)]))
    assert [e.parties for e in facts.events] == [("BLR", "CHN")]
