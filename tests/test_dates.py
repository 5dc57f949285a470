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
