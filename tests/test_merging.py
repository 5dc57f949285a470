"""Which reports of different articles are one event: named cases modelled on real dev reports.

Each case is the shape of a pair of real reports in ``tests/data/articles/real/dev`` (named in the
case's id), reduced to what merging sees: the date and its basis, the publication day, the place,
the leaders and the kind.
"""

from __future__ import annotations

import pytest

from entente.ingest.events import merge_events
from entente.ingest.model import EventMention, FuzzyDate


def _report(
    article: str,
    *,
    date: str | None = None,
    basis: str = "text",
    published: str | None = None,
    place: str | None = None,
    leaders: tuple[str, ...] = (),
    kind: str = "meeting",
    parties: tuple[str, ...] = ("JPN", "VNM"),
) -> EventMention:
    precision = None if date is None else ("year" if len(date) == 4 else "day")
    return EventMention(
        id=f"m-{article}",
        article=article,
        source=f"{article}.txt",
        kind=kind,
        parties=parties,
        leaders=leaders,
        date=FuzzyDate(date, precision, basis if date else None),
        place=place,
        published=published,
    )


def _together(events, a: str, b: str) -> bool:
    return any({f"m-{a}", f"m-{b}"} <= set(event.mentions) for event in events)


THUONG_KISHIDA = ("vo-van-thuong", "fumio-kishida")
XI_HASINA = ("xi-jinping", "sheikh-hasina")
MODI_MAHAMA = ("narendra-modi", "john-dramani-mahama")
MODI_WONG = ("narendra-modi", "lawrence-wong")
IND_SGP = ("IND", "SGP")
YOON_TOKAYEV = ("yoon-suk-yeol", "kassym-jomart-tokayev")
KAZ_KOR = ("KAZ", "KOR")
ALIYEV_MIRZIYOYEV = ("ilham-aliyev", "shavkat-mirziyoyev")
AZE_UZB = ("AZE", "UZB")
CHINH_PAETONGTARN = ("pham-minh-chinh", "paetongtarn-shinawatra")
THA_VNM = ("THA", "VNM")
KISHIDA_MANILA = _report(
    "kishida",
    date="2023-11-03",
    published="2023-11-03",
    place="Manila",
    leaders=("fumio-kishida", "ferdinand-marcos-jr"),
    parties=("JPN", "PHL"),
)


def _ishiba(article: str, **dated: str) -> EventMention:
    return _report(
        article, place="Manila", leaders=("shigeru-ishiba", "ferdinand-marcos-jr"), parties=("JPN", "PHL"), **dated
    )


# The Thai prime minister's talks with Pham Minh Chinh and her call on To Lam, one day in Hanoi.
HANOI_TALKS_AND_COURTESY_CALL = (
    _report("talks", date="2025-05-16", place="Hanoi", leaders=CHINH_PAETONGTARN, parties=THA_VNM),
    _report(
        "party-leader",
        date="2025-05-16",
        basis="relative",
        published="2025-05-16",
        place="Hanoi",
        leaders=("to-lam", "paetongtarn-shinawatra"),
        parties=THA_VNM,
    ),
)

CASES = [
    pytest.param(
        [
            _report("talks", date="2023-11-27", place="Tokyo", leaders=THUONG_KISHIDA),
            _report(
                "fukuoka",
                date="2023-11-28",
                basis="published",
                published="2023-11-28",
                place="Fukuoka",
                leaders=THUONG_KISHIDA,
            ),
            _report("undated", place="Tokyo", leaders=THUONG_KISHIDA, kind="summit"),
        ],
        ("undated", "talks"),
        True,
        id="an undated report of Tokyo joins the visit that also went to Fukuoka (japantimes/baoquocte/scmp)",
    ),
    pytest.param(
        [
            _report("dhaka", date="2016-10-14", place="Dhaka", leaders=XI_HASINA, parties=("BGD", "CHN")),
            _report("beijing", date="2024-07-10", place="Beijing", leaders=XI_HASINA, parties=("BGD", "CHN")),
            _report("undated", leaders=XI_HASINA, kind="visit", parties=("BGD", "CHN")),
        ],
        ("undated", "dhaka"),
        False,
        id="no year, no publication day, two meetings of the same leaders: not the earliest by default (qatarpress)",
    ),
    pytest.param(
        [
            _report("dhaka", date="2016-10-14", place="Dhaka", leaders=XI_HASINA, parties=("BGD", "CHN")),
            _report("beijing", date="2024-07-10", place="Beijing", leaders=XI_HASINA, parties=("BGD", "CHN")),
            _report("undated", place="Beijing", leaders=XI_HASINA, parties=("BGD", "CHN")),
        ],
        ("undated", "beijing"),
        True,
        id="no year, but the place tells which of the two meetings (diplomag)",
    ),
    pytest.param(
        [
            _report("old", date="2019-04-01", leaders=("xi-jinping",), parties=("CHN", "SVK")),
            _report(
                "moscow",
                date="2025-05-09",
                place="Moscow",
                leaders=("xi-jinping", "robert-fico"),
                parties=("CHN", "SVK"),
            ),
            _report("undated", leaders=("xi-jinping", "robert-fico"), parties=("CHN", "SVK")),
        ],
        ("undated", "moscow"),
        True,
        id="no year: the meeting that shares both leaders, not the earlier one sharing one (cgtn/exbulletin)",
    ),
    pytest.param(
        [
            _report(
                "capitalfm",
                date="2025-07-05",
                basis="published",
                published="2025-07-05",
                place="Accra",
                leaders=MODI_MAHAMA,
                parties=("GHA", "IND"),
            ),
            _report(
                "tathya",
                date="2025-07-04",
                basis="published",
                published="2025-07-04",
                place="Accra",
                leaders=MODI_MAHAMA,
                parties=("GHA", "IND"),
            ),
            _report(
                "etvbharat",
                date="2025-07-11",
                basis="published",
                published="2025-07-11",
                place="Accra",
                leaders=MODI_MAHAMA,
                parties=("GHA", "IND"),
            ),
            _report("undated", place="Accra", leaders=MODI_MAHAMA, parties=("GHA", "IND")),
        ],
        ("undated", "capitalfm"),
        True,
        id="no year, two meetings alike: the one more outlets reported (norvanreports, Accra)",
    ),
    pytest.param(
        [
            _report(
                "tashkent",
                date="2019-04-19",
                basis="relative",
                published="2019-04-19",
                place="Tashkent",
                leaders=("moon-jae-in", "shavkat-mirziyoyev"),
                parties=("KOR", "UZB"),
            ),
            _report(
                "undated", place="Samarkand", leaders=("moon-jae-in", "shavkat-mirziyoyev"), parties=("KOR", "UZB")
            ),
        ],
        ("undated", "tashkent"),
        False,
        id="an undated report of another city stays apart: nothing says it is the same visit (joongang)",
    ),
    pytest.param(
        [
            _report(
                "dated",
                date="2025-10-07",
                basis="relative",
                published="2025-10-07",
                leaders=("narendra-modi", "vladimir-putin"),
                kind="call",
                parties=("IND", "RUS"),
            ),
            _report("undated", leaders=("narendra-modi", "vladimir-putin"), kind="call", parties=("IND", "RUS")),
        ],
        ("undated", "dated"),
        True,
        id="one call of the same leaders fits: the undated report joins it (indiatoday)",
    ),
    pytest.param(
        [
            KISHIDA_MANILA,
            _ishiba("ishiba"),
        ],
        ("ishiba", "kishida"),
        False,
        id="the same host, another guest: Ishiba and Marcos in Manila are not Kishida and Marcos (atbp/pcomirror)",
    ),
    pytest.param(
        list(HANOI_TALKS_AND_COURTESY_CALL),
        ("party-leader", "talks"),
        True,
        id="the guest's courtesy call on the host's party leader, same day and city: one visit "
        "(vietnamnews_party_leader_receives_thai_pm beside vovworld_vietnam_thailand_elevate_csp)",
    ),
    pytest.param(
        [
            *HANOI_TALKS_AND_COURTESY_CALL,
            _report("undated", place="Hanoi", leaders=CHINH_PAETONGTARN, kind="visit", parties=THA_VNM),
        ],
        ("undated", "talks"),
        True,
        id="an undated report of leaders the visit already holds is no disagreement with its courtesy call "
        "(nationthailand_paetongtarn_state_dinner_hanoi)",
    ),
    pytest.param(
        [
            _report(
                "wam",
                date="2024-10-05",
                basis="relative",
                published="2024-10-05",
                place="Belgrade",
                leaders=("mohamed-bin-zayed-al-nahyan", "aleksandar-vucic"),
                parties=("ARE", "SRB"),
            ),
            _report(
                "khaleejtimes",
                date="2024-10-05",
                basis="published",
                published="2024-10-05",
                place="Belgrade",
                leaders=("sheikh-mohamed-are", "aleksandar-vucic"),
                parties=("ARE", "SRB"),
            ),
        ],
        ("wam", "khaleejtimes"),
        True,
        id="same day and city, the guest named two ways: one visit (gulfnews_wam and khaleejtimes, Belgrade)",
    ),
    pytest.param(
        [
            KISHIDA_MANILA,
            _ishiba("ishiba", date="2025-04-29", published="2025-04-29"),
            _ishiba("undated"),
        ],
        ("undated", "ishiba"),
        True,
        id="the same host with two guests: an undated report joins the meeting of its own guest, not the other",
    ),
    pytest.param(
        [
            _report(
                "nationthailand",
                date="2025-04-29",
                basis="published",
                published="2025-04-29",
                place="Manila",
                leaders=("shigeru-ishiba",),
                parties=("JPN", "PHL"),
            ),
            _report(
                "einnews",
                date="--04-29",
                leaders=("takeshi-iwaya", "shigeru-ishiba", "ferdinand-marcos-jr"),
                kind="summit",
                parties=("JPN", "PHL"),
            ),
            _report(
                "elperiodico",
                place="Manila",
                leaders=("ferdinand-marcos-jr", "fumio-kishida"),
                kind="talks",
                parties=("JPN", "PHL"),
            ),
        ],
        ("elperiodico", "einnews"),
        False,
        id="a successor named among three is still another guest: Kishida and Marcos are not Ishiba, Iwaya "
        "and Marcos (elperiodico beside einnews_philstar)",
    ),
    pytest.param(
        [
            _report(
                "asiaone",
                date="2024-09-05",
                place="Singapore",
                leaders=("narendra-modi",),
                kind="visit",
                parties=IND_SGP,
            ),
            _report(
                "businessstandard",
                date="2024-09-05",
                place="Singapore",
                leaders=MODI_WONG,
                kind="talks",
                parties=IND_SGP,
            ),
            _report("indiatvnews", date="2024-09-05", place="Singapore", leaders=MODI_WONG, parties=IND_SGP),
            _report("devdiscourse", date="2025-09-04", place="New Delhi", leaders=MODI_WONG, parties=IND_SGP),
            _report(
                "lokmattimes", date="2025-09-04", place="New Delhi", leaders=MODI_WONG, kind="visit", parties=IND_SGP
            ),
            _report("undated", leaders=MODI_WONG, parties=IND_SGP),
        ],
        ("undated", "indiatvnews"),
        False,
        id="no year, two meetings alike, three outlets against two: no reason to choose, it stays apart "
        "(connectedtoindia beside Modi in Singapore 2024 and Wong in New Delhi 2025)",
    ),
    pytest.param(
        [
            _report(
                "nov2024",
                date="2024-11-04",
                basis="relative",
                published="2024-11-05",
                place="Astana",
                leaders=("yoon-suk-yeol", "murat-nurtleu", "cho-tae-yul"),
                kind="visit",
                parties=KAZ_KOR,
            ),
            _report("reaffirm", date="--06-12", place="Astana", leaders=YOON_TOKAYEV, kind="talks", parties=KAZ_KOR),
            _report("akorda", place="Astana", leaders=YOON_TOKAYEV, kind="summit", parties=KAZ_KOR),
        ],
        ("akorda", "reaffirm"),
        True,
        id="a day without a year is placed before no date: the undated report joins the June meeting of both "
        "presidents, not the November visit that shares one (koreaherald beside astanatimes)",
    ),
    pytest.param(
        [
            _report("yuzuz", date="2022-06-21", place="Tashkent", leaders=ALIYEV_MIRZIYOYEV, parties=AZE_UZB),
            *(
                _report(
                    outlet,
                    date="2024-08-23",
                    place="Tashkent",
                    leaders=ALIYEV_MIRZIYOYEV,
                    kind="talks",
                    parties=AZE_UZB,
                )
                for outlet in ("interfax", "newsaz")
            ),
            _report("axar", leaders=ALIYEV_MIRZIYOYEV, parties=AZE_UZB),
        ],
        ("axar", "interfax"),
        True,
        id="the kind is each outlet's word: an undated 'meeting' is not drawn to the one other report that says "
        "'meeting'; it joins the visit more outlets report (axar beside interfax and newsaz, not yuzuz)",
    ),
]


@pytest.mark.parametrize(("reports", "pair", "together"), CASES)
def test_reports_of_one_meeting_are_merged_and_others_kept_apart(reports, pair, together):
    events = merge_events(reports)
    assert _together(events, *pair) is together, [(e.mentions, e.date, e.place) for e in events]
    assert merge_events(list(reversed(reports))) == events
