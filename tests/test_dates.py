"""Date finding and resolution, hand-checked against a calendar."""

import pytest

from entente.ingest.dates import find_dates, resolve


@pytest.mark.parametrize(
    ("text", "published", "value", "precision"),
    [
        ("on Thursday afternoon", "2022-09-16", "2022-09-15", "day"),  # 2022-09-16 was a Friday
        ("on Saturday (September 23)", None, "--09-23", "day"),
        ("on Saturday (September 23)", "2023-09-24", "2023-09-23", "day"),
        ("on 15 September 2022", None, "2022-09-15", "day"),
        ("on Sept. 15, 2022", None, "2022-09-15", "day"),
        ("on 15/09/2022", None, "2022-09-15", "day"),
        ("in September 2022", None, "2022-09", "month"),
        ("in 2013", None, "2013", "year"),
        ("yesterday", "2024-03-01", "2024-02-29", "day"),
        ("on December 28", "2024-01-03", "2023-12-28", "day"),
        ("on Monday", "2024-01-03", "2024-01-01", "day"),
        # a span of days is its month, not its first or last day
        ("a visit from 9 to 11 October 2025", None, "2025-10", "month"),
        ("from October 9 to 11, 2025", None, "2025-10", "month"),
        ("between 2 and 4 May 2024", None, "2024-05", "month"),
        ("Updated: Sep 13,2018 9:03 AM", None, "2018-09-13", "day"),  # no space after the comma
    ],
)
def test_resolution(text, published, value, precision):
    (mention,) = find_dates(text)
    date = resolve(mention, published)
    assert (date.value, date.precision) == (value, precision)


def test_ambiguous_numeric_date_is_not_guessed():
    assert find_dates("on 03/04/2023") == []


def test_weekday_without_publication_date_stays_unknown():
    (mention,) = find_dates("on Thursday")
    assert resolve(mention, None).value is None


# The other languages of ingest/data/languages.toml: Spanish, Portuguese, French, Italian, German.
@pytest.mark.parametrize(
    ("text", "published", "value", "precision"),
    [
        ("el 17 de noviembre de 2024", None, "2024-11-17", "day"),
        ("em 17 de novembro de 2024", None, "2024-11-17", "day"),
        ("le 17 novembre 2024", None, "2024-11-17", "day"),
        ("il 17 novembre 2024", None, "2024-11-17", "day"),
        ("am 17. November 2024", None, "2024-11-17", "day"),  # the German day-dot, an English month name
        ("am 5. März 2024", None, "2024-03-05", "day"),
        ("le 1er décembre 2023", None, "2023-12-01", "day"),
        ("le 3 juill. 2025", None, "2025-07-03", "day"),
        ("Roma, 8 giu.", "2023-06-09", "2023-06-08", "day"),
        ("el 5 de agosto", None, "--08-05", "day"),
        ("del 5 al 7 de agosto de 2024", None, "2024-08", "month"),
        ("en noviembre de 2024", None, "2024-11", "month"),
        ("desde 2003", None, "2003", "year"),
        ("im Jahr 2010", None, "2010", "year"),
        ("el martes", "2024-11-20", "2024-11-19", "day"),  # 2024-11-20 was a Wednesday
        ("am Mittwoch", "2024-02-08", "2024-02-07", "day"),
        ("ayer", "2024-03-01", "2024-02-29", "day"),
        ("aujourd'hui", "2025-07-03", "2025-07-03", "day"),
    ],
)
def test_other_languages(text, published, value, precision):
    (mention,) = find_dates(text)
    date = resolve(mention, published)
    assert (date.value, date.precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "the Santo Domingo talks",  # the capital, not a Sunday
        "in Rio de Janeiro on",  # 'Janeiro' is a Portuguese month, but no day or year stands beside it
        "3 set pieces",  # 'set' (Portuguese and Italian September) is no abbreviation read here
    ],
)
def test_other_languages_take_no_date_from_a_name(text):
    assert find_dates(text) == []


def test_an_english_month_after_an_ordinal_stays_english():
    # The other languages' patterns come first; "17th of November 2024" is the English patterns' to read.
    (mention,) = find_dates("on the 17th of November 2024 in Rio de Janeiro")
    assert (mention.kind, resolve(mention, None).value) == ("full", "2024-11-17")
