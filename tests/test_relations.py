"""Extraction rules checked one sentence pattern at a time, each with the case it must not break."""

from __future__ import annotations

import pytest

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


def _one(text: str):
    article = article_from_text(text, "one.txt", default_published="2013-06-03")
    return next(iter(extract_articles([article])))


def test_a_state_named_inside_a_place_or_locating_a_capital_is_no_party():
    # "Spain" inside "Port of Spain", and the state a capital is "the capital of", only say where.
    facts = _one("China and Jamaica held talks on Sunday in Port of Spain, the capital of Trinidad and Tobago.")
    assert [e.parties for e in facts.events] == [("CHN", "JAM")]
    assert facts.events[0].place == "Port of Spain"


def test_a_meeting_someone_is_also_scheduled_to_hold_is_no_event_yet():
    facts = _one(
        "Chinese President Xi Jinping met Jamaican Prime Minister Portia Simpson-Miller on Sunday. "
        "On Monday, Xi is also scheduled to meet Barbadian Prime Minister Freundel Stuart."
    )
    assert [e.parties for e in facts.events] == [("CHN", "JAM")]


def test_a_title_case_dateline_of_a_known_city_places_the_meeting():
    # "Lima: ...", "Lima, June 4 ..." (the wire's name dropped) and a wire's byline with the city are
    # datelines when the knowledge files know the city.
    for text in (
        "Lima: Peru and Chile held talks on Tuesday and agreed to deepen their cooperation.",
        "Lima, June 4 Peru and Chile held talks on Tuesday and agreed to deepen their cooperation.",
        "Peru and Chile deepen ties\nPress Trust of India Lima\nPeru and Chile held talks on Tuesday.",
    ):
        facts = _one(text)
        assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), "Lima")], text
    # A word before a colon is no dateline unless the knowledge files know it as a city.
    facts = _one("Update: Peru and Chile held talks on Tuesday.")
    assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), None)]


def test_a_title_case_dateline_gives_way_to_the_place_of_the_visit():
    # An outlet's home city opens the report ("Lima: ..."); the visit the text tells is elsewhere.
    facts = _one("Lima: Peru's president arrived in Santiago on Tuesday and held talks with Chile's president.")
    assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), "Santiago")]


def test_a_dateline_on_a_line_of_its_own_places_the_meeting():
    for text in (
        "Peru and Chile deepen ties\nLima (Andina)\nPeru and Chile held talks on Tuesday.",
        "Peru and Chile deepen ties\nLima, Peru\nPeru and Chile held talks on Tuesday.",
        # the outlet's own long name in the dateline's brackets
        "LIMA (Andina Peruvian News Agency) - Peru and Chile held talks on Tuesday.",
    ):
        facts = _one(text)
        assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), "Lima")], text


def test_a_host_able_to_welcome_a_guest_today_tells_the_meeting_now():
    # "to be able to host today" is no preview: the host's city places the meeting.
    facts = _one(
        "Peru and Chile held talks on Tuesday.\n"
        "I am very happy to be able to host today in Lima a true friend of our country, the President of Chile."
    )
    assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), "Lima")]


def test_a_city_after_an_unknown_venue_and_a_comma_places_the_meeting():
    facts = _one(
        "The President of Peru met the President of Chile on Tuesday at the Great Pizarro Government Palace, Lima."
    )
    assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), "Lima")]
    # A region's name before "in <city>" is not the city: "the Government House, Victoria in Melbourne".
    facts = _one("The leaders of Peru and Chile met on Tuesday at the Government House, Victoria in Melbourne.")
    assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), "Melbourne")]


def test_a_pages_month_token_gives_a_day_its_year():
    # " date 2024-02" (a month, no day) is no publication date, but "le 29 janvier" is then 2024's.
    article = article_from_text(
        " date 2024-02 Les présidents du Vietnam et des Philippines ont tenu des entretiens le 29 janvier à Hanoï.",
        "one.txt",
    )
    facts = next(iter(extract_articles([article])))
    assert [(e.parties, e.date.value) for e in facts.events] == [(("PHL", "VNM"), "2024-01-29")]


def test_a_government_named_by_its_seat_is_no_place():
    # "the leadership in Santiago" is Chile's government, not where Peru and Bolivia met.
    facts = _one("Peru and Bolivia held talks on Tuesday, in a move that could worry the leadership in Santiago.")
    assert [(e.parties, e.place) for e in facts.events] == [(("BOL", "PER"), None)]


def test_an_unknown_palace_is_a_venue_not_a_city():
    # "at Qasr Tullul Palace": the knowledge files lack it, and it is no city; the dateline's is.
    facts = _one("Lima: Peru's president held talks with Chile's president at Qasr Tullul Palace on Tuesday.")
    assert [(e.parties, e.place) for e in facts.events] == [(("CHL", "PER"), "Lima")]


def test_a_visit_dated_by_its_year_alone_at_the_start_is_recalled():
    # "During his visit to Lima in 2017, ..." in a report that names no other day: a past visit.
    facts = _one("During his visit to Lima in 2017, the President of Chile said that trade with Peru mattered most.")
    assert not facts.events
    # The article's own year, known from a day, keeps the meeting.
    facts = _one("In 2013, on June 1, the President of Chile held talks with the President of Peru in Lima.")
    assert [e.parties for e in facts.events] == [("CHL", "PER")]


def test_what_the_leaders_will_do_at_a_meeting_is_a_preview():
    for text in (
        "During their meeting at the palace, the presidents of Peru and Chile will discuss trade.",
        "The presidents of Peru and Chile will be holding talks in Lima.",
        "The meeting between the presidents of Peru and Chile will reaffirm their friendship.",
    ):
        assert not _one(text).events, text
    # Told in the past, the meeting happened, whatever it plans.
    facts = _one("The presidents of Peru and Chile met in Lima on Tuesday and will discuss trade next month.")
    assert [e.parties for e in facts.events] == [("CHL", "PER")]


def test_the_month_may_is_no_hedge():
    # "May 28" in the dateline is a month, not the modal "may" that makes an upgrade a wish.
    facts = _one(
        "LIMA, May 28 (Andina) -- Peru and Chile on Tuesday elevated their relations to a strategic partnership."
    )
    assert [(c.pair, c.change) for c in facts.partnerships] == [("CHL|PER", "upgrade")]
    facts = _one("Peru and Chile may elevate their relations to a strategic partnership, officials said on Tuesday.")
    assert [c.change for c in facts.partnerships] != ["upgrade"]


def test_uplift_raises_a_level():
    facts = _one(
        "The presidents of Peru and Chile held talks on Tuesday and decided to uplift bilateral relations to a"
        " comprehensive strategic partnership."
    )
    assert [(c.pair, c.change) for c in facts.partnerships] == [("CHL|PER", "upgrade")]


def test_a_visit_where_the_traveller_held_talks_is_the_meeting():
    facts = _one(
        "The President of Peru embarked on an official visit to Santiago, where he held talks with the"
        " President of Chile on Tuesday."
    )
    assert [e.parties for e in facts.events] == [("CHL", "PER")]


def test_a_negation_or_talks_on_a_day_outside_the_verbs_clause_is_no_hedge():
    for text in (
        # "held talks on Tuesday" is no "talks on raising ties"; "not only ... but also" denies nothing
        "The presidents of Peru and Chile held talks on Tuesday and not only signed ten agreements but also"
        " elevated their relations to a strategic partnership.",
        "The presidents of Peru and Chile held talks on Tuesday and, noting that trade had never been higher,"
        " elevated their relations to a strategic partnership.",
    ):
        assert [(c.pair, c.change) for c in _one(text).partnerships] == [("CHL|PER", "upgrade")], text
    # The verb's own negation still denies it.
    text = "The presidents of Peru and Chile met on Tuesday but did not elevate their ties to a strategic partnership."
    assert "upgrade" not in [c.change for c in _one(text).partnerships]


@pytest.mark.parametrize(
    "text",
    [
        "The presidents of Peru and Chile discussed regional issues and elevated their relations to a strategic"
        " partnership on Tuesday.",
        "During the talks, which will be followed by a dinner, the presidents of Peru and Chile elevated their"
        " relations to a strategic partnership.",
        "In a move aimed at boosting trade, the presidents of Peru and Chile elevated their relations to a"
        " strategic partnership on Tuesday.",
        "The presidents of Peru and Chile, seeking closer ties, upgraded their relations to a strategic"
        " partnership on Tuesday.",
        "Highlighting the potential of their ties, the presidents of Peru and Chile elevated their relations to a"
        " strategic partnership on Tuesday.",
    ],
)
def test_a_verb_of_change_in_the_past_tense_is_the_act_whatever_wish_stands_before(text):
    # A hedge ("aimed", "seeking", "will", "potential") in another phrase of the sentence does not
    # make "elevated" a wish; only a word right before the verb does ("would have elevated").
    assert [(c.pair, c.change) for c in _one(text).partnerships] == [("CHL|PER", "upgrade")]


def test_a_wish_right_before_the_verb_still_hedges_it():
    for text in (
        "The presidents of Peru and Chile said their relations could be elevated to a strategic partnership.",
        "Peru and Chile, the ministers said, wish to deepen the newly-established strategic partnership.",
    ):
        assert "upgrade" not in [c.change for c in _one(text).partnerships], text
