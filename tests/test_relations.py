"""Extraction rules checked one sentence pattern at a time, each with the case it must not break."""

from __future__ import annotations

from entente.ingest.extract import extract_articles
from entente.ingest.readers import article_from_text

REPORT = (
    "China, Vietnam reaffirm comprehensive strategic partnership\n\n"
    "At their summit on Dec. 10 in Beijing, Vietnam's Prime Minister Nguyen Tan Dung and Chinese "
    "President Xi Jinping reviewed the state of relations. {sentence} Officials said a working "
    "group on aviation would meet every quarter."
)


def _facts(sentence: str):
    article = article_from_text(REPORT.format(sentence=sentence), "report.txt", default_published="2015-12-11")
    return next(iter(extract_articles([article])))


def test_a_meeting_word_that_points_back_makes_no_meeting_of_other_parties():
    facts = _facts("Analysts compared the visit with Japan's comprehensive strategic partnership with China.")
    assert [e.parties for e in facts.events] == [("CHN", "VNM")]
    assert {c.pair: c.change for c in facts.partnerships}["CHN|JPN"] == "mention"


def test_a_new_meeting_of_other_parties_is_still_an_event():
    facts = _facts("Xi Jinping also met Japanese Prime Minister Shinzo Abe on the sidelines on Dec. 11.")
    assert sorted(e.parties for e in facts.events) == [("CHN", "JPN"), ("CHN", "VNM")]
