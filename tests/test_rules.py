"""Every extraction rule family, pinned by named cases from the real development corpus.

Each case is one real sentence of ``tests/data/articles/real/dev`` (found by a distinctive substring),
the fact the rule must give from it or the fact it must not give, and why. Every case was checked
against the gold labels (``tests/data/articles/real/gold.jsonl``, split ``real/dev``) and asserts only
what the labels and the current extraction agree on, so a rule change that breaks a correct behaviour
fails here by name. Nothing under ``real/holdout`` is read: it is a blind test set.

A rule name is normalised to its family by dropping what stands in brackets, keeping a rule named
inside them as a family of its own: ``change:recalled(upgrade)`` -> ``change:recalled``;
``change:restated-at-meeting(change:hedged-upgrade)`` -> ``change:restated-at-meeting`` and
``change:hedged-upgrade``. :func:`test_every_rule_family_the_extractor_uses_on_dev_has_cases` makes a
new rule land with its cases.

Families with no real example in dev, so no table: ``change:from-to`` and ``leader:fuzzy`` (neither
fires on dev). Families whose tables hold only traps (what the rule must not give), because none of
their dev outputs was a fact gold agrees with when the cases were written: ``change:recalled``,
``change:hedged-upgrade``, ``change:hedged-establish`` and ``support:verb-before-initiative`` (it
fires on dev only where gold has no support, cgtn and eir, and misses the one real support,
tribuneindia).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from entente.ingest.extract import extract_articles
from entente.ingest.model import Article, ArticleFacts
from entente.ingest.readers import read_articles
from entente.ingest.rules.cues import reads_english

DEV = Path(__file__).resolve().parent / "data" / "articles" / "real" / "dev"

#: The changes that say a level is news: an upgrade, an establishment or a downgrade.
NEWS = ("upgrade", "establish", "downgrade")


def family_of(rule: str) -> set[str]:
    """The families a rule name belongs to (see the module docstring)."""
    outer, _, inner = rule.partition("(")
    found = {outer}
    inner = inner[:-1] if inner.endswith(")") else inner
    if ":" in inner:
        found |= family_of(inner)
    return found


def _squash(text: str) -> str:
    return " ".join(text.split())


class DevFacts:
    """The facts of dev articles, each file read and extracted once."""

    def __init__(self) -> None:
        self._facts: dict[str, ArticleFacts] = {}

    def load(self, files: list[str]) -> None:
        missing = [f for f in files if f not in self._facts]
        if not missing:
            return
        paths = []
        for file in missing:
            path = DEV / file
            assert path.is_file(), f"{file} is not in real/dev"
            paths.append(str(path))
        articles = list(read_articles(paths))
        assert all(isinstance(a, Article) for a in articles), [a for a in articles if not isinstance(a, Article)]
        assert len(articles) == len(missing)
        for facts in extract_articles(articles):
            self._facts[Path(facts.article.source).name] = facts

    def __getitem__(self, file: str) -> ArticleFacts:
        self.load([file])
        return self._facts[file]


@pytest.fixture(scope="module")
def dev() -> DevFacts:
    return DevFacts()


def _article(dev: DevFacts, case) -> ArticleFacts:
    facts = dev[case.file]
    assert _squash(case.text) in _squash(facts.article.text), f"{case.name}: the sentence is not in {case.file}"
    return facts


def _from_sentence(facts, text: str) -> list:
    return [f for f in facts if f.evidence is not None and _squash(text) in _squash(f.evidence.text)]


def _params(cases: list) -> list:
    return [pytest.param(c, id=c.name) for c in cases]


# --------------------------------------------------------------------------------------------------
# Partnership claims (change:*)


@dataclass(frozen=True)
class Claim:
    """A level named in one sentence. With ``change`` the sentence must give the pair that claim (by
    the table's rule family); ``never`` lists changes it must not give the pair; ``no_claim`` says
    the article gives the pair no claim at all."""

    name: str
    file: str
    text: str
    why: str
    pair: str
    change: str | None = None
    level: str | None = None
    previous: str | None = None
    qualifier: str | None = None
    date: str | None = None
    place: str | None = None
    never: tuple[str, ...] = ()
    no_claim: bool = False


def check_claim(dev: DevFacts, case: Claim, family: str) -> None:
    facts = _article(dev, case)
    of_pair = [c for c in facts.partnerships if c.pair == case.pair]
    here = _from_sentence(of_pair, case.text)
    if case.no_claim:
        assert not of_pair, f"{case.why}: got {[(c.level, c.change, c.evidence.rule) for c in of_pair]}"
    for claim in here:
        assert claim.change not in case.never, f"{case.why}: got {claim.change} ({claim.evidence.rule})"
    if case.change is None:
        return
    assert len(here) == 1, f"{case.why}: the sentence gives {len(here)} {case.pair} claims"
    (claim,) = here
    assert family in family_of(claim.evidence.rule), f"{case.why}: rule {claim.evidence.rule}"
    assert claim.change == case.change, f"{case.why}: change {claim.change} ({claim.evidence.rule})"
    if case.level is not None:
        assert claim.level == case.level
    if case.previous is not None:
        assert claim.previous_level == case.previous
    if case.qualifier is not None:
        assert case.qualifier.lower() in [q.lower() for q in claim.qualifiers]
    if case.date is not None:
        assert claim.date.value == case.date
    if case.place is not None:
        assert claim.place == case.place


CSP = "comprehensive strategic partnership"
SP = "strategic partnership"
SSP = "special strategic partnership"
SPSP = "special and privileged strategic partnership"
CSPC = "comprehensive strategic partnership of coordination"
CSCP = "comprehensive strategic cooperative partnership"
CP = "comprehensive partnership"

UPGRADE_VERB = [
    Claim(
        "peoplecn-the-month-may-is-no-hedge",
        "peoplecn_chinese_equatorial_guinean_presidents_elevate.txt",
        "China and Equatorial Guinea on Tuesday elevated their relations to a comprehensive strategic",
        "'BEIJING, May 28 (Xinhua) --': the month May before the verb is no modal 'may' hedging it",
        pair="CHN|GNQ",
        change="upgrade",
        level=CSCP,
        date="2024-05-28",
        place="Beijing",
    ),
    Claim(
        "chineseembassybb-uplift",
        "chineseembassybb_xi_talks_sassou_nguesso_uplift.txt",
        "Both Heads of State Decide to Uplift Bilateral Relations to a Comprehensive Strategic",
        "'Uplift' raises a level as 'elevate' does (China's English); the headline's claim, dated by the talks",
        pair="CHN|COG",
        change="upgrade",
        level=CSCP,
    ),
    Claim(
        "menafn-where-he-held-talks",
        "menafn_colombian_president_chinese_leader_upgrade.txt",
        "During this meeting, the two nations took a momentous step by officially upgrading",
        "the visit 'to Beijing, where he held talks with Chinese leader Xi Jinping' is the meeting of"
        " Colombia and China, so 'the two nations' are those two (not China and the United States the"
        " analysis names later)",
        pair="CHN|COL",
        change="upgrade",
        level=SP,
    ),
    Claim(
        "squidsaccess-at-the-time-of-the-visit",
        "squidsaccess_reuters_japan_lithuania_upgrade_ties.txt",
        "I’m glad we can upgrade our ties to strategic partnership at the time of Prime Minister",
        "'at the time of Prime Minister Simonyte’s Japan visit' is this visit, not a time recalled",
        pair="JPN|LTU",
        change="upgrade",
        level=SP,
    ),
    Claim(
        "gulftimes-a-pair-in-a-clause-of-another-time",
        "gulftimes_afp_india_mongolia_agree_upgrade.txt",
        "The leaders signed a joint statement upgrading relations to a “strategic partnership,” just a year after",
        "'just a year after Mongolia and China reached a similar agreement' names another pair's act: the"
        " upgrade is the leaders' who met (India and Mongolia); 'Agencies/Ulan Bator' is the dateline",
        pair="IND|MNG",
        change="upgrade",
        level=SP,
        place="Ulaanbaatar",
    ),
    Claim(
        "gulftimes-the-other-pair-named-after-the-level",
        "gulftimes_afp_india_mongolia_agree_upgrade.txt",
        "The leaders signed a joint statement upgrading relations to a “strategic partnership,” just a year after",
        "China and Mongolia are named only in the clause of the year before: no claim of theirs",
        pair="CHN|MNG",
        no_claim=True,
    ),
    Claim(
        "koreaherald-a-theme-inside-the-level",
        "koreaherald_bulgaria_upgrades_partnership_with_korea.txt",
        "raised the relations to a “comprehensive and future-oriented partnership",
        "'future-oriented' is a theme qualifier (the ladder reference): 'comprehensive and future-oriented"
        " partnership' is a comprehensive partnership",
        pair="BGR|KOR",
        change="upgrade",
        level="comprehensive partnership",
        qualifier="future-oriented",
    ),
    Claim(
        "usembassyjp-an-anniversary-as-the-occasion",
        "usembassyjp_gist_joint_statement_japan_spain.txt",
        "the two countries have decided to upgrade their relationship to a “strategic partnership”",
        "'To celebrate the 150th anniversary of ... diplomatic relations, the two countries have decided to"
        " upgrade': the anniversary is the occasion of the act, not a recall",
        pair="ESP|JPN",
        change="upgrade",
        level=SP,
    ),
    Claim(
        "usasean-an-abbreviation-and-a-hyphen",
        "usasean_biden_welcomes_jokowi_white_house.txt",
        "the two leaders officially announced to elevate U.S.-Indonesia ties to a Comprehensive Strategic",
        "'U.S.-Indonesia' is two names joined by a hyphen (one token before): the pair is not the"
        " 'upgrade that Biden announced with Vietnam' named after the level",
        pair="IDN|USA",
        change="upgrade",
        level=CSP,
    ),
    Claim(
        "csis-the-two-named-last",
        "csis_latest_southeast_asia_regional_relationship_building.txt",
        "The two agreed to upgrade bilateral ties to a comprehensive strategic partnership",
        "in a roundup of several visits, 'the two' are the pair named just before (Thailand's prime"
        " minister in Hanoi with Vietnam's), not the first pair of the piece (Australia and Indonesia)",
        pair="THA|VNM",
        change="upgrade",
        level=CSP,
    ),
    Claim(
        "presidentgokr-the-prime-minister-and-i",
        "presidentgokr_archive_moon_morrison_joint_press_csp.txt",
        "Today, the Prime Minister and I upgraded our bilateral relations",
        "a president's first-person statement: 'the Prime Minister and I upgraded' is the upgrade, and"
        " 'Korea' alone is South Korea, the speaker's state",
        pair="AUS|KOR",
        change="upgrade",
        level=CSP,
    ),
    Claim(
        "abplive-turn-the-partnership-into",
        "abplive_modi_meloni_g20_strategic.txt",
        "have decided to turn the partnership into a strategic partnership",
        "'decided to turn the partnership into a strategic partnership' raises it to that level",
        pair="IND|ITA",
        change="upgrade",
        level=SP,
    ),
    Claim(
        "nrinews24x7-a-level-worded-without-and",
        "nrinews24x7_india_japan_elevate_strategic_ties_2014.txt",
        "elevate their ties to a Special Strategic Global Partnership",
        "'Special Strategic Global Partnership' is the special strategic and global partnership, worded without 'and'",
        pair="IND|JPN",
        change="upgrade",
        level="special strategic and global partnership",
    ),
    Claim(
        "bd24live-to-a-level-from-the-existing-one",
        "bd24live_bangladesh_japan_relations_turn_strategic_partnership.txt",
        "Prime Minister Sheikh Hasina today said Bangladesh and Japan have successfully elevated",
        "'to a Strategic Partnership from the existing Comprehensive Partnership': the level after 'from'"
        " is the previous one, whichever comes first",
        pair="BGD|JPN",
        change="upgrade",
        level=SP,
        previous="comprehensive partnership",
    ),
    Claim(
        "deccanchronicle-transform-ties-into",
        "deccanchronicle_india_mauritius_eight_pacts.txt",
        "decided to",
        "'transform ties into' a level is the act, not a restatement (gold: the enhanced SP set up at the talks)",
        pair="IND|MUS",
        never=("reaffirm", "mention"),
    ),
    Claim(
        "freepressjournal-improve-ties-to-a-quoted-level",
        "freepressjournal_india_uk_virtual_summit_extradition.txt",
        "to improve the bilateral ties to a",
        "'improve ... to' a level in typographic quotes raises the ties to it: the 2021 upgrade, not a restatement",
        pair="GBR|IND",
        change="upgrade",
        level=CSP,
    ),
    Claim(
        "capitalfm-revealing-that-they-had-agreed",
        "capitalfm_india_ghana_comprehensive_partnership.txt",
        "revealing that the two countries had agreed to upgrade",
        "'had agreed' after 'announced ..., revealing that' is reported speech of the news, not a recall",
        pair="GHA|IND",
        never=("reaffirm", "mention"),
    ),
    Claim(
        "tathya-discussions-is-no-hedge",
        "tathya_india_ghana_elevate_partnership.txt",
        "saw India and Ghana elevate their relationship",
        "'bilateral discussions' (a noun) before the verb is no hedge, unlike 'discussed raising'",
        pair="GHA|IND",
        never=("reaffirm", "mention"),
    ),
    Claim(
        "cajnews-elevated-despite-dar-es-salaam-dateline",
        "cajnews_china_tanzania_uplift_relations.txt",
        "CHINA and Tanzania have elevated their bilateral relationship",
        "'have elevated' is the upgrade told; the Dar-es-Salaam dateline is not where it happened",
        pair="CHN|TZA",
        change="upgrade",
        level=CSCP,
        place="Beijing",
    ),
    Claim(
        "koreaherald-upgrade-takes-2006-level-as-previous",
        "koreaherald_korea_uzbekistan_special_strategic_partnership.txt",
        "agreed Friday to upgrade their bilateral relationship to a special strategic partnership",
        "an upgrade agreed at the Tashkent summit; the SP of 2006 told later is its previous level",
        pair="KOR|UZB",
        change="upgrade",
        level=SSP,
        previous=SP,
        date="2019-04-19",
        place="Tashkent",
    ),
    Claim(
        "indiatvnews-elevated-after-parliament-house-meeting",
        "indiatvnews_india_singapore_csp_parliament_house.txt",
        "at the Parliament House on Thursday after which they elevated the bilateral ties",
        "elevated to CSP at the talks; the SP 'established in 2015' is the previous level, not a claim",
        pair="IND|SGP",
        change="upgrade",
        level=CSP,
        previous=SP,
        date="2024-09-05",
        place="Singapore",
    ),
    Claim(
        "baoquocte-elevate-keeps-long-qualifier",
        "baoquocte_thuong_kishida_talks.txt",
        "agreed to elevate Vietnam-Japan relations to a",
        "'agreed to elevate' at the Tokyo talks, with the qualifier after the level",
        pair="JPN|VNM",
        change="upgrade",
        level=CSP,
        qualifier="for Peace and Prosperity in Asia and the World",
        place="Tokyo",
    ),
    Claim(
        "defenceredefined-upgraded-at-all-levels-is-no-level",
        "defenceredefined_greek_french_alliance_frigates.txt",
        "is being upgraded at all levels, strategic and allied",
        "an upgrade verb with no ladder label ('strategic and allied') claims nothing",
        pair="FRA|GRC",
        no_claim=True,
    ),
]

ESTABLISH_VERB = [
    Claim(
        "chinaculture-announced-plans-to-build",
        "chinaculture_qatar_emir_xi_great_hall.txt",
        "The two leaders held a talk at the Great Hall of People on Nov 3 and announced plans to build",
        "the leaders' announced plan, at their talk ('held a talk' is a meeting in China's English), is"
        " their decision: the level is set up, dated by the talk, not by an officials' meeting in May",
        pair="CHN|QAT",
        change="establish",
        level=SP,
        date="--11-03",
        place="Beijing",
    ),
    Claim(
        "brusselsmorning-scare-quotes-inside-the-level",
        "brusselsmorning_eu_jordan_3_billion_strategic.txt",
        "to provide 3 billion euros in financing and investments for Jordan in a new",
        "'a new “strategic” partnership': quotes around an adjective leave the level whole",
        pair="EU|JOR",
        change="establish",
        level=SP,
    ),
    Claim(
        "republicworld-a-member-states-city-hosts-the-summit",
        "republicworld_dhankhar_asean_india_30_years.txt",
        "to a comprehensive strategic partner in 2022",
        "the ASEAN-India Summit 'in Phnom Penh, Cambodia' is the meeting's place: a city of an"
        " organisation's member state hosts the organisation's meeting",
        pair="ASEAN|IND",
        change="establish",
        place="Phnom Penh",
    ),
    Claim(
        "upi-the-lead-shortens-the-level-the-body-names",
        "upi_us_asean_strike_new_strategic_partnership.txt",
        "on Saturday announced the start of a new a strategic partnership aimed at countering",
        "the lead's 'strategic partnership' is the 'ASEAN-U.S. Comprehensive Strategic Partnership' the"
        " body names, with words left out: the act sets up the fuller level",
        pair="ASEAN|USA",
        change="establish",
        level=CSP,
    ),
    Claim(
        "ubpost-declare-a-level",
        "ubpost_mongolia_usa_declare_strategic_partnership.txt",
        "Mongolia and USA declare strategic partnership",
        "'declare strategic partnership' sets it up, like 'sign' or 'adopt' right before a level",
        pair="MNG|USA",
        change="establish",
        level=SP,
    ),
    Claim(
        "watb-agreed-it-has-reached-the-level-of",
        "watb_white_house_expanding_partnership_mongolia.txt",
        "have agreed that their relationship has reached the level of a “strategic partnership",
        "'have agreed that their relationship has reached the level of' a level is the act (agreed)",
        pair="MNG|USA",
        change="establish",
        level=SP,
    ),
    Claim(
        "thehawk-give-the-partnership-the-status-of",
        "thehawk_india_mauritius_enhanced_strategic_partnership.txt",
        "decided to give the India-Mauritius partnership the status of",
        "'give the India-Mauritius partnership the status of' a level sets it up (three words between)",
        pair="IND|MUS",
        change="establish",
        level="enhanced strategic partnership",
    ),
    Claim(
        "livemint-give-the-status-of",
        "livemint_modi_startup_bridge_india_italy_strategic.txt",
        "We have decided to give the status of strategic partnership to India-Italy partnership",
        "'decided to give the status of' a level sets it up: the pair's first label",
        pair="IND|ITA",
        change="establish",
        level="strategic partnership",
    ),
    Claim(
        "alarabiya-a-strategic-partnership-committee",
        "alarabiya_mbs_meets_south_korean_president_riyadh.txt",
        "the recently established",
        "the 'strategic partnership committee' set up in November is a body, not a level of ties",
        pair="KOR|SAU",
        no_claim=True,
    ),
    Claim(
        "bjreview-innovative-comprehensive-partnership",
        "bjreview_china_israel_innovative_comprehensive_partnership.txt",
        "China, Israel Announce Innovative Comprehensive Partnership",
        "'innovative comprehensive partnership' is a comprehensive partnership with a theme qualifier"
        " (the ladder reference lists Israel 2017 at rank 25)",
        pair="CHN|ISR",
        change="establish",
        level="comprehensive partnership",
    ),
    Claim(
        "tashkenttimes-a-council-for-strategic-partnership",
        "tashkenttimes_mirziyoyev_erdogan_press_statements_kuksaroy.txt",
        "An agreement was reached on the establishment of the Supreme Council for Strategic Partnership",
        "the Supreme Council for Strategic Partnership is a body the leaders chair, not a level of ties",
        pair="TUR|UZB",
        no_claim=True,
    ),
    Claim(
        "koreaherald-dateline-in-a-member-of-the-organisation",
        "koreaherald_korea_asean_csp_vientiane.txt",
        "VIENTIANE, Laos -- South Korea and ASEAN inked the Comprehensive Strategic Partnership Thursday",
        "Vientiane is in neither party, but in Laos, a member of ASEAN: the report was filed at the summit",
        pair="ASEAN|KOR",
        change="establish",
        level=CSP,
        place="Vientiane",
    ),
    Claim(
        "aninews-dateline-with-the-state-in-brackets",
        "aninews_dhankhar_asean_pillar_commemorative_summit.txt",
        "The cultural, economic and civilizational ties that have existed between India and Southeast Asia",
        "ANI's 'Phnom Penh [Cambodia], November 12 (ANI):' is a dateline; Cambodia is a member of ASEAN",
        pair="ASEAN|IND",
        change="establish",
        place="Phnom Penh",
    ),
    Claim(
        "scmp-the-two-leaders-said-would-become",
        "scmp_japan_vietnam_top_tier.txt",
        "would become a",
        "both leaders telling, in their joint statement, that the relationship 'would become' a CSP is the act",
        pair="JPN|VNM",
        never=("reaffirm", "mention"),
    ),
    Claim(
        "embassy-ke-cooperative-wording-is-comprehensive-partnership",
        "embassy_ke_xi_kenyatta_comprehensive_cooperative_partnership.txt",
        "Announcing Establishment of China-Kenya Comprehensive Cooperative Partnership",
        "'Establishment of' a 'comprehensive cooperative partnership' sets up the comprehensive partnership rung",
        pair="CHN|KEN",
        change="establish",
        level="comprehensive partnership",
        date="2013-08-19",
        place="Beijing",
    ),
    Claim(
        "newswire-announced-first-label",
        "newswire_readout_carney_sheinbaum_mexico_city.txt",
        "The leaders announced a comprehensive strategic partnership and the new Canada-Mexico Action Plan",
        "'announced a CSP' with no earlier ladder label is an establishment, dated by the dateline's 'Today'",
        pair="CAN|MEX",
        change="establish",
        level=CSP,
        date="2025-09-18",
        place="Mexico City",
    ),
    Claim(
        "swissinfo-establishment-of-innovative-sp",
        "swissinfo_swiss_chinese_presidents_innovative_strategic_partnership.txt",
        "With the establishment of an",
        "'the establishment of an innovative strategic partnership' is the pair's first label",
        pair="CHE|CHN",
        change="establish",
        level="innovative strategic partnership",
        place="Beijing",
    ),
    Claim(
        "swissinfo-reuters-said-they-had-established",
        "swissinfo_reuters_nigeria_britain_strategic_partnership.txt",
        "Nigeria and Britain said on Monday they had established a strategic partnership",
        "'said on Monday they had established' is reported news of the day, not background",
        pair="GBR|NGA",
        change="establish",
        level=SP,
        date="2024-11-04",
    ),
]

REAFFIRM_VERB = [
    Claim(
        "govcn-its-own-day-over-the-publication-day",
        "govcn_china_vietnam_cscp_new_era_hu_chunhua.txt",
        "China and Vietnam pledged on Sept 12 to further develop",
        "'pledged on Sept 12': the sentence's own day dates the restated level, not the meeting's"
        " publication day ('Updated: Sep 13,2018', read without a space after the comma)",
        pair="CHN|VNM",
        change="reaffirm",
        level=CSCP,
        date="2018-09-12",
    ),
    Claim(
        "dailyexcelsior-the-fuller-level-over-the-dated-shorter-one",
        "dailyexcelsior_modi_kishida_first_call.txt",
        "I look forward to working with him to further strengthen India-Japan Special Strategic and Global Partnership",
        "two restatements of one act: the dateline sentence's 'strategic and global partnership' is the"
        " short form of the level the quote names in full; the higher level wins even though only the"
        " shorter one carries the day",
        pair="IND|JPN",
        change="reaffirm",
        level="special strategic and global partnership",
    ),
    Claim(
        "24kg-a-new-stage-of-the-same-level",
        "24kg_kyrgyzstan_china_relations_new_level_jeenbekov_xi.txt",
        "we are raising our relations to a qualitatively new stage of bilateral strategic partnership",
        "'a qualitatively new stage of' the strategic partnership the pair holds restates it, like 'a new"
        " level of': no new label",
        pair="CHN|KGZ",
        change="reaffirm",
        level=SP,
    ),
    Claim(
        "indiatvnews-a-boost-to-the-partnership",
        "indiatvnews_modi_oman_sultan_joint_vision_hyderabad_house.txt",
        "Giving a boost to India-Oman Strategic Partnership!",
        "a boost to the strategic partnership strengthens the level the pair has; it raises it to nothing",
        pair="IND|OMN",
        change="reaffirm",
    ),
    Claim(
        "urdupoint-dateline-with-outlet-and-date-in-brackets",
        "urdupoint_sputnik_russia_algeria_declaration_enhancing_strategic_partnership.txt",
        "MOSCOW (UrduPoint News / Sputnik - 15th June, 2023) Russian President Vladimir Putin",
        "'MOSCOW (UrduPoint News / Sputnik - 15th June, 2023)' is a dateline in a party's capital",
        pair="DZA|RUS",
        change="reaffirm",
        place="Moscow",
    ),
    Claim(
        "anews-alliance-is-not-a-level",
        "anews_kazakh_azerbaijani_presidents_astana.txt",
        "developing in the spirit of a true strategic partnership and alliance",
        "the SP 'developing' at the talks is reaffirmed; 'alliance' is not a ladder level",
        pair="AZE|KAZ",
        change="reaffirm",
        level=SP,
        never=NEWS,
        date="2023-04-10",
        place="Astana",
    ),
    Claim(
        "exbulletin-fast-way-deepens-last-novembers-sp",
        "exbulletin_xi_fico_moscow_fast_way.txt",
        "the strategic partnership of China-Slovakia has entered a",
        "the SP set up last November has 'entered a fast way': reaffirmed, not set up again",
        pair="CHN|SVK",
        change="reaffirm",
        level=SP,
        never=NEWS,
        date="2025-05-09",
        place="Moscow",
    ),
    Claim(
        "myanmaritv-new-era-is-no-upgrade",
        "myanmaritv_xi_medvedev_moscow_new_era.txt",
        "has entered a new era, which will enrich the bilateral comprehensive strategic partnership of coordination",
        "'entered a new era' restates the unchanged CSP of coordination",
        pair="CHN|RUS",
        change="reaffirm",
        level=CSPC,
        never=NEWS,
        date="2019-06-06",
        place="Moscow",
    ),
    Claim(
        "globaltimes-agreed-on-deepening-is-no-establishment",
        "globaltimes_xi_meets_raisi_iran_csp.txt",
        "where the two leaders agreed on deepening China-Iran comprehensive strategic partnership",
        "'agreed on deepening' the CSP reaffirms it; 'agreed on' does not set it up",
        pair="CHN|IRN",
        change="reaffirm",
        level=CSP,
        never=NEWS,
        date="2023-02-14",
        place="Beijing",
    ),
]

NO_VERB = [
    Claim(
        "thechinatimes-matured-in-a-message-stays-mention",
        "thechinatimes_wen_cameron_40th_anniversary.txt",
        "Sino-British comprehensive strategic partnership has matured",
        "a level named in an anniversary message, with no meeting, is a passing mention",
        pair="CHN|GBR",
        change="mention",
        level=CSP,
    ),
    Claim(
        "australiagovnews-csp-2-0-is-no-new-level",
        "australiagovnews_joint_declaration_csp_2_0.txt",
        "announce today the launch of our enhanced bilateral CSP 2.0",
        "an 'enhanced CSP 2.0' keeps the CSP: no upgrade, no establishment",
        pair="AUS|SGP",
        never=NEWS,
    ),
    Claim(
        "easytoread-bare-partnership-is-no-level",
        "easytoread_lula_macron_21_agreements.txt",
        "to consolidate the Brazil-France partnership",
        "the bare word 'partnership' is no ladder level: Brazil-France gets no claim",
        pair="BRA|FRA",
        no_claim=True,
    ),
    Claim(
        "govuk-close-partnership-is-no-level",
        "govuk_joint_statement_starmer_tusk_warsaw.txt",
        "We met in Warsaw to discuss our close partnership",
        "'close partnership' is generic wording, not a level: the UK and Poland get no claim",
        pair="GBR|POL",
        no_claim=True,
    ),
]

HEDGED_UPGRADE = [
    Claim(
        "yes8877-looking-to-elevate",
        "yes8877_vnp_pm_looking_elevate_vietnam_poland.txt",
        "PM looking to elevate Vietnam-Poland relations to strategic partnership",
        "a headline's 'looking to elevate' is an aim, like 'looking at elevating': no upgrade",
        pair="POL|VNM",
        never=NEWS,
    ),
    Claim(
        "nippon-a-wished-for-level-at-the-meeting-is-no-level",
        "nippon_jiji_kishida_anwar_hopes_csp.txt",
        "Japan hopes to elevate its relations with Malaysia to a comprehensiv",
        "a level only hoped for at the leaders' meeting is not the pair's level: no claim, not a"
        " reaffirmation of a level the pair never had",
        pair="JPN|MYS",
        no_claim=True,
    ),
    Claim(
        "pakistantoday-the-level-being-raised-is-restated",
        "pakistantoday_xi_boluarte_china_peru_fruitful.txt",
        "is willing elevate the comprehensive strategic partnership with Peru",
        "the level a wish would raise further ('elevate the CSP with Peru to ...') is the pair's own,"
        " restated at the meeting",
        pair="CHN|PER",
        change="reaffirm",
        level=CSP,
    ),
    Claim(
        "yes8877-the-goal-of-lifting",
        "yes8877_vnp_pm_looking_elevate_vietnam_poland.txt",
        "highlighted the goal of lifting Vietnam-Poland relations to a strategic partnership",
        "'the goal of lifting relations to' a level names an aim of the visit, not an upgrade made",
        pair="POL|VNM",
        never=NEWS,
    ),
    Claim(
        "realclearworld-agreed-in-principle",
        "realclearworld_australia_korea_minilateral.txt",
        "the two countries agreed in-principle to elevate their relationship",
        "an agreement 'in-principle' to elevate leaves the formal upgrade to come: no news for any pair"
        " of the sentence (Australia-Japan's Special Strategic Partnership is only named beside it)",
        pair="AUS|JPN",
        never=NEWS,
    ),
    Claim(
        "lionheartv-a-level-by-a-target-year",
        "lionheartv_ph_nz_elevate_comprehensive_partnership_2026.txt",
        "agreed on Thursday to elevate their bilateral relationship to Comprehensive Partnership by 2026",
        "'to Comprehensive Partnership by 2026' is a target the roadmap aims at, not an upgrade made",
        pair="NZL|PHL",
        never=NEWS,
    ),
    Claim(
        "manilastandard-moving-toward-upgrading",
        "manilastandard_philippines_vietnam_enhance_strategic_partnership.txt",
        "are moving toward upgrading their decade-old strategic partnership",
        "moving toward an upgrade, with a transition 'actively discussed', is the intention; the pair"
        " keeps its strategic partnership",
        pair="PHL|VNM",
        never=("upgrade",),
    ),
    Claim(
        "sggp-should-promptly-upgrade",
        "sggp_chinh_paetongtarn_phone_call_upgrade.txt",
        "should promptly upgrade their bilateral relationship",
        "'should promptly upgrade' in a phone call is advice for later, not the upgrade",
        pair="THA|VNM",
        never=NEWS,
    ),
    Claim(
        "sggp-agreed-on-the-need-to-elevate",
        "sggp_chinh_paetongtarn_phone_call_upgrade.txt",
        "agreed on the need to elevate their relationship",
        "agreeing 'on the need to' elevate is agreeing on an intention",
        pair="THA|VNM",
        never=NEWS,
    ),
    Claim(
        "myglobalnews-aiming-to-elevate-the-existing-level",
        "myglobalnews_li_qiang_mishustin_regular_meeting.txt",
        "aiming to elevate the China-Russia comprehensive strategic partnership of coordination",
        "'aiming to elevate' the pair's existing level is a wish, not an upgrade",
        pair="CHN|RUS",
        never=NEWS,
    ),
    Claim(
        "devdiscourse-hopes-of-upgrading",
        "devdiscourse_kuwait_fm_eyes_strategic_partnership.txt",
        "expressed hopes of upgrading their bilateral relations into a strategic partnership",
        "'expressed hopes of upgrading' is an intention, not an upgrade",
        pair="IND|KWT",
        never=NEWS,
    ),
    Claim(
        "zawya-seeking-to-elevate-before-the-visit",
        "zawya_sg_macron_saudi_visit_preview.txt",
        "both parties are seeking to elevate them to the level of",
        "'seeking to elevate ... that will be formally announced' previews an upgrade still to come",
        pair="FRA|SAU",
        never=NEWS,
    ),
    Claim(
        "chinadaily-set-to-upgrade-on-monday",
        "chinadaily_china_poland_set_to_upgrade_preview.txt",
        "are set to upgrade their strategic partnership to a comprehensive level on Monday",
        "'are set to upgrade ... on Monday' in a preview of the talks is no upgrade yet",
        pair="CHN|POL",
        never=("upgrade",),
    ),
    Claim(
        "urdupoint-sputnik-raise-in-the-near-future",
        "urdupoint_sputnik_kishida_khurelsukh_tokyo.txt",
        'for peace and prosperity" in the near future',
        "'agreed to raise ... in the near future' is worded as an intention, not an upgrade made at this meeting",
        pair="JPN|MNG",
        never=NEWS,
    ),
]

HEDGED_ESTABLISH = [
    Claim(
        "worldstockmarket-must-sign",
        "worldstockmarket_maduro_putin_meeting_preview_partnership.txt",
        "The two leaders must sign a strategic partnership agreement, Kremlin said",
        "a document the leaders 'must sign' is not yet signed: the hedge holds over the signing",
        pair="RUS|VEN",
        never=NEWS,
    ),
    Claim(
        "kuwaittimes-to-be-signed-during-the-trip",
        "kuwaittimes_iraqi_pm_uk_new_era.txt",
        'A "strategic partnership” to be signed during the trip would consolidate cooperation',
        "a partnership 'to be signed during the trip', told on the way there, is a preview",
        pair="GBR|IRQ",
        never=NEWS,
    ),
    Claim(
        "chronicle-a-common-vision-for-the-establishment",
        "chronicle_uk_hails_morocco_strategic_dialogue.txt",
        "we reaffirmed our common vision for the establishment of a strategic partnership",
        "a 'vision for the establishment' of a partnership is the aim of a ministers' dialogue, not the act",
        pair="GBR|MAR",
        never=NEWS,
    ),
    Claim(
        "tass-it-is-planned-to-sign",
        "tass_putin_mirziyoyev_talks_samarkand_sco.txt",
        "It is planned to sign a declaration on a comprehensive strategic partnership",
        "a declaration 'planned to' be signed, in a preview of talks, has not set the partnership up",
        pair="RUS|UZB",
        never=NEWS,
    ),
    Claim(
        "lbcgroup-a-headline-infinitive",
        "lbcgroup_afp_uk_iraq_to_sign_strategic_partnership.txt",
        "UK, Iraq to sign 'strategic partnership' in London",
        "a headline's 'UK, Iraq to sign' tells what is ahead; the signing is not reported",
        pair="GBR|IRQ",
        never=("establish", "upgrade"),
    ),
    Claim(
        "hanoitimes-a-roadmap-towards-the-establishment",
        "hanoitimes_vietnam_philippines_roadmap_strategic_2014.txt",
        "have agreed to figure out a roadmap towards the establishment of strategic partnership",
        "a roadmap towards a partnership is the intention to set one up; the pair had no level yet",
        pair="PHL|VNM",
        never=("establish", "upgrade"),
    ),
    Claim(
        "financialexpressbd-plans-to-sign-a-treaty",
        "financialexpressbd_afp_putin_kim_treaty.txt",
        "confirming Russia's plans to sign a",
        "the Kremlin's 'plans to sign' a treaty, published the day before, establish nothing",
        pair="PRK|RUS",
        never=NEWS,
    ),
]

FROM_TO = [
    Claim(
        "dailysabah-announced-the-two-nations-would",
        "dailysabah_turkiye_kyrgyzstan_boost_ties_bishkek.txt",
        "Erdoğan announced the two nations would elevate their bilateral strategic partnership",
        "'announced the two nations would elevate' is the announcement, not a wish; the level is named"
        " from the strategic partnership it was",
        pair="KGZ|TUR",
        change="upgrade",
        level=CSP,
        previous="strategic partnership",
    ),
]

RESTATED_AT_MEETING = [
    Claim(
        "phnompenhpost-the-short-form-of-a-level-told-as-history",
        "phnompenhpost_hun_manet_asean_japan_summit_preview.txt",
        "as evidence of this strategic partnership",
        "'this strategic partnership' shortens the 'comprehensive strategic partnership' the ties 'has"
        " recently advanced to' (told as background): the pair's level is the fuller one",
        pair="JPN|KHM",
        change="reaffirm",
        level=CSP,
    ),
    Claim(
        "thesunmy-the-level-it-would-be-raised-from",
        "thesunmy_pna_marcos_vietnam_laos_asean_sidelines.txt",
        "discussing the possibility of elevating their strategic partnership to a comprehensive strategic",
        "an upgrade under discussion leaves the pair at the level it would be raised from: the strategic"
        " partnership, restated at the meeting",
        pair="PHL|VNM",
        change="reaffirm",
        level="strategic partnership",
    ),
    Claim(
        "mofajp-comprehensive-and-strategic-partners",
        "mofajp_kishida_prabowo_telephone_talk.txt",
        "the two countries are Comprehensive and Strategic Partners",
        "'Comprehensive and Strategic Partners' names the comprehensive strategic partnership, plural and"
        " with 'and', restated in the call",
        pair="IDN|JPN",
        change="reaffirm",
        level=CSP,
    ),
    Claim(
        "financialexpress-sochi-summit-agreed-spsp-important",
        "financialexpress_modi_putin_sochi_informal_summit.txt",
        "held their first informal Summit at Sochi and agreed that the Special and Privileged",
        "the SPSP named at the Sochi summit, with no change verb, is restated there",
        pair="IND|RUS",
        change="reaffirm",
        level=SPSP,
        date="2018-05-23",
        place="Sochi",
    ),
    Claim(
        "siasat-sp-crucial-said-during-talks",
        "siasat_modi_mbs_strategic_partnership_council.txt",
        "The strategic partnership between India and Saudi Arabia is crucial",
        "the SP called crucial during the talks is restated; the Strategic Partnership Council is no level",
        pair="IND|SAU",
        change="reaffirm",
        level=SP,
        date="2023-09-11",
        place="New Delhi",
    ),
    Claim(
        "isrs-next-level-headline-is-an-aim",
        "isrs_uzbekistan_korea_special_strategic_partnership_seoul.txt",
        "to take the special strategic partnership to the next level",
        "'take ... to the next level' in the headline is an aim; the level is restated at the Seoul talks",
        pair="KOR|UZB",
        change="reaffirm",
        level=SSP,
        never=NEWS,
        date="--12-17",
        place="Seoul",
    ),
    Claim(
        "pakistantoday-new-level-wish-is-restatement",
        "pakistantoday_xi_ramos_horta_beijing_2024.txt",
        "comprehensive strategic partnership to a new level and bring more benefits",
        "'ready to ... take the CSP to a new level' is a wish; the CSP is restated at the Beijing talks",
        pair="CHN|TLS",
        change="reaffirm",
        level=CSP,
        never=NEWS,
        date="2024-07-29",
        place="Beijing",
    ),
]

OTHER_PAIR = [
    Claim(
        "ekathimerini-relations-of-one-with-another",
        "ekathimerini_mitsotakis_sisi_cairo_hlcc.txt",
        "expressed satisfaction with the upgrade of European Union relations with Egypt to a Comprehensive",
        "'the upgrade of European Union relations with Egypt', told at a Greek-Egyptian meeting, is the"
        " EU's and Egypt's level (another pair's news: a mention), not Greece's",
        pair="EGY|EU",
        change="mention",
    ),
    Claim(
        "ekathimerini-not-the-pair-that-met",
        "ekathimerini_mitsotakis_sisi_cairo_hlcc.txt",
        "expressed satisfaction with the upgrade of European Union relations with Egypt to a Comprehensive",
        "Greece and Egypt met, but the level named is the EU's with Egypt",
        pair="EGY|GRC",
        never=NEWS,
    ),
    Claim(
        "lankainformation-china-eu-csp-in-passing",
        "lankainformation_china_seeks_csp_sri_lanka.txt",
        "China has formed comprehensive strategic partnership with many countries in the world including the "
        "European Union",
        "China-EU is not the article's pair: its CSP is a mention, not an establishment",
        pair="CHN|EU",
        change="mention",
        level=CSP,
    ),
    Claim(
        "thenationalherald-eu-egypt-level-is-not-greece-egypt",
        "thenationalherald_greece_egypt_high_level_council_cairo.txt",
        "expressed his satisfaction that the EU-Egypt relationship was being upgraded",
        "the level belongs to EU-Egypt, not to the Greece-Egypt meeting it is told at",
        pair="EGY|GRC",
        no_claim=True,
    ),
]

HISTORICAL = [
    Claim(
        "sonkonews-a-bare-year-in-an-undated-article",
        "sonkonews_ruto_flies_out_us_state_visit.txt",
        "resulting in the elevation of the relationship in 2018 to a Strategic Partnership",
        "the article carries no publication date, and an upgrade dated by a bare year is the pair's"
        " history (the 2018 establishment), not news of Ruto's 2024 state visit",
        pair="KEN|USA",
        never=("upgrade", "establish"),
    ),
    Claim(
        "kantei-concurred-on-upgrading-in-2022",
        "kantei_japan_mongolia_working_lunch_new_york.txt",
        "concurred on upgrading the bilateral relationship to a",
        "the upgrade of November 2022, recalled at the 2023 working lunch, is history restated there",
        pair="JPN|MNG",
        change="reaffirm",
        level=SSP,
        never=NEWS,
        date="2023-09-20",
        place="New York",
    ),
    Claim(
        "latestly-last-year-agreed-csp",
        "latestly_johnson_india_visit_preview.txt",
        "Last year, Johnson and PM Modi agreed on a UK-India Comprehensive Strategic Partnership",
        "an establishment 'last year', told in a preview, is the pair's past, not news",
        pair="GBR|IND",
        never=NEWS,
    ),
    Claim(
        "bigasia-since-the-establishment-in-2016",
        "bigasia_xi_raisi_50th_anniversary.txt",
        "Since the establishment of a comprehensive strategic partnership in 2016",
        "'since the establishment ... in 2016' is history, not a new establishment",
        pair="CHN|IRN",
        never=NEWS,
    ),
    Claim(
        "truongmamnon-sp-since-2020",
        "truongmamnon_mirror_vietnam_nz_joint_statement.txt",
        "Since establishing diplomatic relations in 1975 and strategic partnership since 2020",
        "the SP 'since 2020' is the previous level, not an establishment of this visit",
        pair="NZL|VNM",
        never=NEWS,
    ),
]

RECALLED = [
    Claim(
        "chinagate-during-the-july-visit",
        "chinagate_china_argentina_pledge_closer_csp_2015.txt",
        "During the July visit, Xi and Fernandez announced a comprehensive strategic partnership",
        "'During the July visit', in a report of February talks: the act of an earlier visit, recalled",
        pair="ARG|CHN",
        never=NEWS,
    ),
    Claim(
        "chineseembassy-this-april-during-which",
        "chineseembassy_wang_yi_meets_schneider_ammann_bern.txt",
        "this April, you paid a successful state visit to China, during which both sides decided",
        "'this April, ... a state visit ..., during which both sides decided to establish', said at a"
        " December meeting: the act of the April visit, recalled",
        pair="CHE|CHN",
        never=NEWS,
    ),
    Claim(
        "chinadailyafrica-said-at-the-time",
        "chinadailyafrica_xi_ecuador_visit_preview_strategic_partnership.txt",
        "The establishment of strategic partnership precisely reflects the level of China-Ecuador relations",
        "'..., Xi said at the time': the words are quoted from the 2015 visit, in a preview of the next",
        pair="CHN|ECU",
        never=NEWS,
    ),
    Claim(
        "koreapost-for-the-past-thirty-years",
        "koreapost_radev_moon_30th_anniversary_message.txt",
        "for the past thirty years our countries have managed to establish a comprehensive and future-oriented",
        "what 'for the past thirty years' the countries 'have managed to establish' is recalled history",
        pair="BGR|KOR",
        never=NEWS,
    ),
    Claim(
        "chinaorgcn-the-sentence-after-an-old-visit",
        "chinaorgcn_keywords_china_germany_all_round_sp.txt",
        "The leaders of the two states agreed to elevate their strategic partnership established in 2010",
        "right after 'Xi Jinping made his first state visit to Germany in March 2014', in a 2020 explainer,"
        " the upgrade is that visit's, told again",
        pair="CHN|DEU",
        never=NEWS,
    ),
    Claim(
        "vietnamnet-a-sentence-opening-on-a-month-and-year",
        "vietnamnet_philippines_president_arrives_hanoi.txt",
        "In November 2015, the two countries’ foreign ministers signed a Joint Statement",
        "a sentence that opens 'In November 2015,' tells background in a report of a 2016 arrival",
        pair="PHL|VNM",
        never=NEWS,
    ),
    Claim(
        "ufabetindo-the-same-background-on-a-mirror",
        "ufabetindo_mirror_duterte_begins_visit_vietnam.txt",
        "foreign ministers signed a Joint Statement to establish the bilateral strategic partnership",
        "the same VNA background on a scraped mirror with injected characters",
        pair="PHL|VNM",
        never=NEWS,
    ),
    Claim(
        "sciogov-over-the-past-half-century",
        "sciogov_xinhua_xi_meets_sanchez_2023.txt",
        "Xi said that over the past half century, China and Spain have adhered to the principles",
        "what the pair did 'over the past half century' is its history told at a 2023 meeting; the level"
        " dates from 2005",
        pair="CHN|ESP",
        never=("establish", "upgrade"),
    ),
    Claim(
        "peoplecn-one-of-the-first-countries-to",
        "peoplecn_xinhua_xi_boluarte_csp_new_heights.txt",
        "Peru is one of the first Latin American countries to establish diplomatic ties",
        "'one of the first Latin American countries to establish ... a comprehensive strategic"
        " partnership' ranks the pair in history; nothing is set up at this meeting",
        pair="CHN|PER",
        never=("establish", "upgrade"),
    ),
    Claim(
        "chazidian-xi-recalled-the-june-upgrade",
        "chazidian_xi_putin_70th_anniversary_messages.txt",
        "Xi recalled his state visit to Russia in June, when he and Putin jointly announced the upgrade",
        "an upgrade Xi 'recalled' from June is not news of the anniversary messages",
        pair="CHN|RUS",
        never=NEWS,
    ),
]

EARLIER_LEVEL = [
    Claim(
        "koreaherald-had-upgraded-to-sp-in-2006",
        "koreaherald_korea_uzbekistan_special_strategic_partnership.txt",
        "The countries had upgraded their diplomatic relationship to a strategic partnership in 2006.",
        "the 2006 strategic partnership, recalled at the 2019 upgrade, is the pair's earlier level: a dated mention",
        pair="KOR|UZB",
        change="mention",
        level=SP,
        date="2006",
    ),
    Claim(
        "vnanet-relations-in-1975-and-the-sp-in-2020",
        "vnanet_nz_pm_wraps_up_vietnam_visit.txt",
        "since the establishment of diplomatic relations in 1975 and the Strategic Partnership in 2020",
        "the SP dates from 2020 (1975 is the diplomatic relations'), the level before the 2025 upgrade",
        pair="NZL|VNM",
        change="mention",
        level=SP,
        date="2020",
    ),
]

SIGNED_DOCUMENT = [
    Claim(
        "theasian-a-new-era-in-the-signed-title",
        "theasian_kabar_zhaparov_tokyo_comprehensive_partnership_new_era.txt",
        "the Joint Statement on Friendship and Comprehensive Partnership in a New Era between",
        "'in a New Era' is part of the signed document's title, not a restatement of a level the pair"
        " held: the first label of the pair, set up",
        pair="JPN|KGZ",
        change="establish",
        level=CP,
    ),
    Claim(
        "sigmalive-a-titled-declaration-was-adopted",
        "sigmalive_cyprus_india_comprehensive_partnership.txt",
        "a Joint Declaration on the implementation of a comprehensive partnership was adopted",
        "a document named after the level ('a Joint Declaration on ... a comprehensive partnership'),"
        " then 'was adopted': the passive of the signing sets the level up, whatever cue stands before",
        pair="CYP|IND",
        change="establish",
        level=CP,
    ),
    Claim(
        "rferl-sign-a-scare-quoted-treaty",
        "rferl_putin_sisi_strategic_partnership_treaty_sochi.txt",
        "Putin, Egyptian Leader Sign 'Strategic' Partnership Treaty",
        "a headline's \"Sign 'Strategic' Partnership Treaty\": the quoted adjective is still the level's",
        pair="EGY|RUS",
        change="establish",
        level=SP,
    ),
    Claim(
        "connectedtoindia-a-roadmap-for-the-partnership",
        "connectedtoindia_wong_india_visit_concludes_csp_roadmap.txt",
        "outlining the roadmap for the Comprehensive Strategic Partnership",
        "a joint statement 'outlining the roadmap for the CSP' plans the work of a partnership the pair"
        " has; and 'the visit was concluded' concludes no partnership",
        pair="IND|SGP",
        never=NEWS,
    ),
    Claim(
        "eshraag-a-document-to-strengthen-the-partnership",
        "eshraag_russian_algerian_presidents_sign_strategic_partnership.txt",
        "The Russian and Algerian presidents sign the new strategic partnership agreement",
        "the headline's 'new strategic partnership agreement' is told as 'signed a document to strengthen"
        " the strategic partnership': a new text for the level the pair has, which it restates",
        pair="DZA|RUS",
        change="reaffirm",
        level=SP,
    ),
    Claim(
        "1lurer-the-signing-of-the-charter",
        "1lurer_armenia_us_strategic_partnership_charter.txt",
        "the signing of the Strategic Partnership Charter between",
        "'the signing of the Strategic Partnership Charter' (a noun, a charter) sets the partnership up",
        pair="ARM|USA",
        change="establish",
        level=SP,
    ),
    Claim(
        "gamereactor-signed-a-wide-ranging-agreement",
        "gamereactor_putin_maduro_new_strategic_deal.txt",
        "signed a wide-ranging strategic partnership agreement",
        "adjectives between 'signed a' and the level do not hide the document that sets it up",
        pair="RUS|VEN",
        change="establish",
        place="Moscow",
    ),
    Claim(
        "financialexpressbd-signed-a-strategic-partnership-treaty",
        "financialexpressbd_afp_putin_kim_treaty.txt",
        'The two signed a "Comprehensive Strategic Partnership Treaty", according to',
        "a treaty named after the level, signed at the talks, sets the partnership up (not a name in"
        " passing); the lead's shorter 'strategic partnership treaty' gives way to the fuller name",
        pair="PRK|RUS",
        change="establish",
        level=CSP,
        date="2024-06-19",
        place="Pyongyang",
    ),
]

RAISED_FURTHER = [
    Claim(
        "thediplomaticinsight-elevating-the-csp-itself",
        "thediplomaticinsight_xi_ramaphosa_talks_pretoria.txt",
        "shared commitment to elevating the comprehensive strategic partnership between the two nations",
        "the CSP is what is elevated, to no new level: a restatement at the Pretoria talks, not an upgrade to it",
        pair="CHN|ZAF",
        change="reaffirm",
        level=CSP,
    ),
]

BACKGROUND = [
    Claim(
        "trendaz-has-reached-the-level-of",
        "trendaz_japarov_aliyev_interstate_council_strategic.txt",
        "Our cooperation has reached the level of strategic partnership, President of the Kyrgyz Republic",
        "'Our cooperation has reached the level of' a level, with no act told, is where the ties stand",
        pair="AZE|KGZ",
        never=NEWS,
    ),
    Claim(
        "iol-has-transformed-into",
        "iol_xi_state_visit_ramaphosa_union_buildings.txt",
        "has transformed into a Comprehensive Strategic Partnership",
        "a relationship that 'has transformed into' a CSP over the years is background, restated at the visit",
        pair="CHN|ZAF",
        change="reaffirm",
        level=CSP,
    ),
    Claim(
        "mofcom-have-established-in-a-felicitation",
        "mofcom_xi_kovind_70th_anniversary_messages.txt",
        "our two countries have established a Strategic and Cooperative Partnership",
        "'have established' in a 70th-anniversary message is background: the 2005 label, mentioned",
        pair="CHN|IND",
        change="mention",
        level="strategic cooperative partnership",
    ),
    Claim(
        "lankainformation-have-already-established",
        "lankainformation_china_seeks_csp_sri_lanka.txt",
        "The two countries have already established",
        "'have already established' the SP is background, not news",
        pair="CHN|LKA",
        never=NEWS,
    ),
    Claim(
        "matrixmag-have-established-in-arrival-statement",
        "matrixmag_xi_astana_written_statement.txt",
        "China and Kazakhstan have established a unique, permanent comprehensive strategic partnership",
        "'have established' in Xi's arrival statement is the pair's standing level, not a new one",
        pair="CHN|KAZ",
        never=NEWS,
    ),
]


@pytest.mark.parametrize("case", _params(UPGRADE_VERB))
def test_change_upgrade_verb(dev, case):
    check_claim(dev, case, "change:upgrade-verb")


@pytest.mark.parametrize("case", _params(ESTABLISH_VERB))
def test_change_establish_verb(dev, case):
    check_claim(dev, case, "change:establish-verb")


@pytest.mark.parametrize("case", _params(REAFFIRM_VERB))
def test_change_reaffirm_verb(dev, case):
    check_claim(dev, case, "change:reaffirm-verb")


@pytest.mark.parametrize("case", _params(NO_VERB))
def test_change_no_verb(dev, case):
    check_claim(dev, case, "change:no-verb")


@pytest.mark.parametrize("case", _params(HEDGED_UPGRADE))
def test_change_hedged_upgrade(dev, case):
    check_claim(dev, case, "change:hedged-upgrade")


@pytest.mark.parametrize("case", _params(HEDGED_ESTABLISH))
def test_change_hedged_establish(dev, case):
    check_claim(dev, case, "change:hedged-establish")


@pytest.mark.parametrize("case", _params(FROM_TO))
def test_change_from_to(dev, case):
    check_claim(dev, case, "change:from-to")


@pytest.mark.parametrize("case", _params(RESTATED_AT_MEETING))
def test_change_restated_at_meeting(dev, case):
    check_claim(dev, case, "change:restated-at-meeting")


@pytest.mark.parametrize("case", _params(OTHER_PAIR))
def test_change_other_pair(dev, case):
    check_claim(dev, case, "change:other-pair")


@pytest.mark.parametrize("case", _params(HISTORICAL))
def test_change_historical(dev, case):
    check_claim(dev, case, "change:historical")


@pytest.mark.parametrize("case", _params(RECALLED))
def test_change_recalled(dev, case):
    check_claim(dev, case, "change:recalled")


@pytest.mark.parametrize("case", _params(EARLIER_LEVEL))
def test_change_earlier_level(dev, case):
    check_claim(dev, case, "change:earlier-level")
    # The article's own claim of the pair is still its news, beside the earlier level.
    of_pair = [c for c in dev[case.file].partnerships if c.pair == case.pair]
    (earlier,) = [c for c in of_pair if c.evidence.rule.startswith("change:earlier-level")]
    news = [c for c in of_pair if c.change == "upgrade"]
    assert len(news) == 1 and news[0].rank > earlier.rank and news[0].id != earlier.id


@pytest.mark.parametrize("case", _params(SIGNED_DOCUMENT))
def test_change_signed_document(dev, case):
    check_claim(dev, case, "change:signed-document")


@pytest.mark.parametrize("case", _params(RAISED_FURTHER))
def test_change_raised_further(dev, case):
    check_claim(dev, case, "change:raised-further")


@pytest.mark.parametrize("case", _params(BACKGROUND))
def test_change_background(dev, case):
    check_claim(dev, case, "change:background")


# --------------------------------------------------------------------------------------------------
# Events (event:*)


@dataclass(frozen=True)
class Meeting:
    """With ``parties`` the sentence must start that event (by the table's rule family, or by the
    family ``by``); ``no_event`` says the article reports no event at all; ``not_party`` that no
    event of the article has that party; ``not_rule`` that no event of the article comes from that
    rule family."""

    name: str
    file: str
    text: str
    why: str
    parties: tuple[str, ...] | None = None
    kind: str | None = None
    date: str | None = None
    place: str | None = None
    placeless: bool = False
    not_place: str | None = None
    undated: bool = False
    leaders: tuple[str, ...] = ()
    no_event: bool = False
    not_party: str | None = None
    not_rule: str | None = None
    by: str | None = None


def check_meeting(dev: DevFacts, case: Meeting, family: str) -> None:
    facts = _article(dev, case)
    if case.no_event:
        assert not facts.events, f"{case.why}: got {[(e.kind, e.parties, e.evidence.rule) for e in facts.events]}"
    if case.not_party:
        assert all(case.not_party not in e.parties for e in facts.events), (
            f"{case.why}: {[e.parties for e in facts.events]}"
        )
    if case.not_rule:
        assert all(case.not_rule not in family_of(e.evidence.rule) for e in facts.events), case.why
    if case.parties is None:
        return
    here = [e for e in _from_sentence(facts.events, case.text) if e.parties == case.parties]
    assert len(here) == 1, f"{case.why}: got {[(e.parties, e.evidence.rule) for e in facts.events]}"
    (event,) = here
    assert (case.by or family) in family_of(event.evidence.rule), f"{case.why}: rule {event.evidence.rule}"
    if case.kind is not None:
        assert event.kind == case.kind
    if case.date is not None:
        assert event.date.value == case.date, f"{case.why}: date {event.date}"
    if case.undated:
        assert not event.date.known, f"{case.why}: date {event.date}"
    if case.place is not None:
        assert event.place == case.place
    if case.placeless:
        assert event.place is None, f"{case.why}: place {event.place}"
    if case.not_place is not None:
        assert event.place != case.not_place, f"{case.why}: place {event.place}"
    assert set(case.leaders) <= set(event.leaders), f"{case.why}: leaders {event.leaders}"


MEETING_SENTENCE = [
    Meeting(
        "theeuropetoday-as-both-countries-prepare",
        "theeuropetoday_canada_mexico_new_comprehensive_strategic_partnership.txt",
        "Prime Minister Mark Carney and Mexican President Claudia Sheinbaum on Thursday announced",
        "', as both countries prepare for potential challenges arising from a second Donald Trump"
        " presidency in the United States' tells the setting: Trump took no part",
        not_party="USA",
    ),
    Meeting(
        "trtfrancais-an-exonym-of-the-capital",
        "trtfrancais_turquie_emirats_partenariat_strategique_abou_dhabi.txt",
        "au palais Al Watan à Abou Dhabi",
        "'Abou Dhabi' is the French name of Abu Dhabi (data/languages.toml [fr.places])",
        parties=("ARE", "TUR"),
        place="Abu Dhabi",
    ),
    Meeting(
        "spainsnews-the-tour-will-take-him-to-paris",
        "spainsnews_efe_japan_trust_sanchez_moncloa.txt",
        "Within the European tour that will take him Wednesday to Paris and then to Brussels, Abe made",
        "'the tour that will take him Wednesday to Paris' tells where Abe goes next, not where he met Sánchez",
        parties=("ESP", "JPN"),
        not_place="Paris",
    ),
    Meeting(
        "eurasiantimes-support-to-astana",
        "eurasiantimes_us_kazakhstan_honour_strategic_partnership.txt",
        "US President Donald Trump met with the President of Kazakhstan Nursultan Nazarbayev, on Tuesday",
        "'would continue its support to Astana' names a government: 'to' a city is a place only after a"
        " word of going there (a visit, a trip, flew, welcomed)",
        parties=("KAZ", "USA"),
        not_place="Astana",
    ),
    Meeting(
        "dailysabah-a-visit-from-the-president-to-bishkek",
        "dailysabah_turkiye_kyrgyzstan_boost_ties_bishkek.txt",
        "during a visit from President Recep Tayyip",
        "'a visit from President Recep Tayyip Erdoğan to Bishkek': the visit is five words before 'to'",
        parties=("KGZ", "TUR"),
        place="Bishkek",
    ),
    Meeting(
        "republicworld-announced-in-joint-news-conference",
        "republicworld_greece_france_defence_deal_warships.txt",
        "announced the defence and security strategic partnership in a joint news conference in Paris",
        "two leaders announcing a partnership at a joint news conference met, in Paris",
        parties=("FRA", "GRC"),
        place="Paris",
        leaders=("emmanuel-macron", "kyriakos-mitsotakis"),
    ),
    Meeting(
        "defenceredefined-joint-press-conference-has-no-city",
        "defenceredefined_greek_french_alliance_frigates.txt",
        "At the joint press conference, Kyriakos Mitsotakis and Emmanuel Macron officially announced",
        "a joint press conference announcing a signing is the leaders' meeting; the text names no city",
        parties=("FRA", "GRC"),
        date="2021-09-28",
        placeless=True,
        leaders=("kyriakos-mitsotakis", "emmanuel-macron"),
    ),
    Meeting(
        "efecomunica-an-efe-dateline",
        "efecomunica_kazakhstan_uk_sign_strategic_partnership_agreement.txt",
        "Cameron stated during a joint press conference with Nurtleu following the sign",
        "EFE's 'Astana, April 24 (EFE).- ' is a dateline closed by '.-': the signing in 'the Kazakh"
        " capital' is in Astana, on April 24",
        parties=("GBR", "KAZ"),
        place="Astana",
        date="--04-24",
    ),
    Meeting(
        "tribune-a-joint-press-conference",
        "tribune_phl_nz_new_avenues_trade_investment.txt",
        "During the joint press conference of President Ferdinand Marcos Jr. and New Zealand Prime Minister",
        "two leaders' joint press conference is their meeting ('in Malacañan on Thursday')",
        parties=("NZL", "PHL"),
        date="2024-04-18",
    ),
    Meeting(
        "thesunmy-a-dateline-at-the-summit-sidelines",
        "thesunmy_pna_marcos_vietnam_laos_asean_sidelines.txt",
        "The Philippines is strengthening regional ties with Vietnam and Laos",
        "'KUALA LUMPUR: ... separate bilateral meetings ... on the sidelines of the ASEAN Summit': the"
        " report is filed from the summit's city, where the meetings were held",
        parties=("PHL", "VNM"),
        place="Kuala Lumpur",
    ),
    Meeting(
        "dailyexcelsior-a-since-clause-dates-what-came-before",
        "dailyexcelsior_modi_kishida_first_call.txt",
        "This was their first phone call since Kishida took over as the new Japanese Prime Minister",
        "'since Kishida took over ... on October 4' dates his taking office; the call is the Friday of the"
        " NEW DELHI, Oct 8 dateline",
        parties=("IND", "JPN"),
        date="2021-10-08",
    ),
    Meeting(
        "pmtranscripts-a-term-of-office-is-no-publication-date",
        "pmtranscripts_turnbull_abe_sydney_meeting_outcomes.txt",
        "Joint Meeting Outcomes - Visit to Australia by Japanese Prime Minister Abe",
        "'Period of Service: 15/09/2015 - 24/08/2018' is Turnbull's term; 'Release Date: 14/01/2017' dates"
        " the page, so 'today' is 14 January 2017",
        parties=("AUS", "JPN"),
        date="2017-01-14",
        place="Sydney",
    ),
    Meeting(
        "msd11-a-relative-clause-recalls-not-the-welcome",
        "msd11_indonesia_thailand_agree_strategic_partnership.txt",
        "INDONESIA and Thailand agreed today to elevate their relationship",
        "'President Prabowo Subianto, who took power last year, was welcomed ... at Government House in"
        " Bangkok': 'last year' belongs to the relative clause, so the welcome places the meeting",
        parties=("IDN", "THA"),
        place="Bangkok",
    ),
    Meeting(
        "anews-arrived-the-day-before-the-talks",
        "anews_lula_indonesia_renew_strategic_partnership.txt",
        "Lula made the remarks during a meeting with Indonesian President Prabowo Subianto in Jakarta",
        "'He arrived in Indonesia on Wednesday' dates the arrival, not the meeting: the meeting takes the"
        " day of publication, the Thursday of the lead",
        parties=("BRA", "IDN"),
        date="2025-10-23",
        place="Jakarta",
    ),
    Meeting(
        "wionews-a-visit-commencing-on-a-day",
        "wionews_modi_bilateral_oman_sultan_haitham_new_delhi.txt",
        "held a bilateral meeting at the Hyderabad House today",
        "'three-day state visit, commencing on December 15' dates the visit's first day; 'today' with no"
        " publication date leaves the talks undated",
        parties=("IND", "OMN"),
        undated=True,
    ),
    Meeting(
        "elysee-welcomed-to-a-city-the-gazetteer-lacks",
        "elysee_franco_polish_treaty_nancy.txt",
        "President Emmanuel Macron welcomed Polish Prime Minister Donald Tusk to Nancy on Friday 9 May 2025",
        "a leader welcomed to a city is met there, though Nancy is in no knowledge file; the Berlin summit"
        " dated 18 November 2025 is a 'Latest news' headline under the story, not this meeting",
        parties=("FRA", "POL"),
        date="2025-05-09",
        place="Nancy",
    ),
    Meeting(
        "menafn-what-putin-said-of-last-year",
        "menafn_kuna_putin_japarov_bishkek.txt",
        "Speaking during talks held in Bishkek, Putin stated that",
        "'trade reached record levels last year' is what Putin said at the talks, not when they were: the "
        "talks are this report's, in Bishkek, dated by the KUNA dateline behind an aggregator's prefix",
        parties=("KGZ", "RUS"),
        place="Bishkek",
        date="--11-26",
    ),
    Meeting(
        "turkishminute-agence-france-presse-is-no-party",
        "turkishminute_afp_turkey_kyrgyzstan_csp.txt",
        "Turkey and Kyrgyzstan on Tuesday agreed",
        "'Agence France-Presse reported' names a news agency, not France: the visit is Turkey's and"
        " Kyrgyzstan's, not a list of three states",
        parties=("KGZ", "TUR"),
        not_party="FRA",
    ),
    Meeting(
        "phnompenhpost-the-summits-two-sides-met",
        "phnompenhpost_asean_us_forge_csp.txt",
        "announced at the 10th annual ASEAN-US Summit in Phnom Penh",
        "at the ASEAN-US Summit the sides are ASEAN and the United States, though the leaders named are"
        " Biden and Cambodia's prime minister, who spoke for ASEAN as its chair",
        parties=("ASEAN", "USA"),
        kind="summit",
        place="Phnom Penh",
        leaders=("joe-biden", "hun-sen"),
        not_party="KHM",
    ),
    Meeting(
        "yahoo-a-headline-welcomes-to-a-city",
        "yahoo_scmp_hun_manet_belt_and_road.txt",
        "Xi Jinping welcomes new PM Hun Manet to Beijing",
        "a headline's present tense 'welcomes ... to Beijing' is the meeting, in Beijing",
        parties=("CHN", "KHM"),
        place="Beijing",
        leaders=("xi-jinping", "hun-manet"),
    ),
    Meeting(
        "balkantravellers-a-french-spelling-of-sisi",
        "balkantravellers_sissi_received_by_macron_paris.txt",
        "Abdel Fattah Al-Sissi was received by Emmanuel Macron in Paris",
        "'Al-Sissi' (the French transliteration, machine-translated) is el-Sisi, so the reception is"
        " Egypt's and France's, in Paris",
        parties=("EGY", "FRA"),
        place="Paris",
        leaders=("abdel-fattah-el-sisi", "emmanuel-macron"),
    ),
    Meeting(
        "vietnamplus-a-date-after-the-relative-clause",
        "vietnamplus_laos_cambodia_foster_bilateral_cooperation.txt",
        "who is on an official visit to Laos, on February 13 agreed",
        "', who is on an official visit to Laos,' ends at its comma: 'on February 13' dates the talks,"
        " not the publication day after",
        parties=("KHM", "LAO"),
        date="2023-02-13",
    ),
    Meeting(
        "cuucorontech-a-sentence-opening-in-the-city",
        "cuucorontech_bne_china_uzbekistan_all_weather.txt",
        "The announcement of the move came during the January 23-25 state visit paid to China",
        "'In Beijing, Mirziyoyev and China's President Xi ...' opens a later sentence of the visit with"
        " its city: the visit was in Beijing",
        parties=("CHN", "UZB"),
        place="Beijing",
    ),
    Meeting(
        "ipmirror-a-summit-tomorrow",
        "ipmirror_modi_johnson_virtual_summit_tomorrow.txt",
        "PM Modi to hold virtual Summit with British counterpart Boris Johnson tomorrow",
        "a summit to be held 'tomorrow' is a preview: the article reports no meeting yet",
        no_event=True,
    ),
    Meeting(
        "kuwaittimes-an-upcoming-visit",
        "kuwaittimes_amir_china_trip_targets_boosting_cooperation.txt",
        "upcoming visit to China",
        "the Amir's 'upcoming visit' has not happened when the article is written",
        no_event=True,
    ),
    Meeting(
        "lawyerdanang-separate-meetings-with-two-leaders",
        "lawyerdanang_mirror_chinh_meets_marcos_anutin.txt",
        "Prime Minister Phạm Minh Chính on Monday held separate meetings with Philippine President",
        "'held separate meetings with' the Philippine president and the Thai prime minister: two"
        " bilateral meetings of Vietnam's, not one three-party meeting",
        parties=("THA", "VNM"),
        leaders=("pham-minh-chinh", "anutin-charnvirakul"),
    ),
    Meeting(
        "investmenttimes-back-to-back-meetings-with-ten-leaders",
        "investmenttimesonline_yoon_meets_10_african_leaders.txt",
        "Yoon had back-to-back meetings with leaders from Lesotho",
        "'back-to-back meetings with leaders from Lesotho, Ivory Coast, ...' are ten bilateral meetings"
        " of South Korea's, each its own event",
        parties=("KOR", "LSO"),
        place="Seoul",
    ),
    Meeting(
        "connectedtoindia-welcoming-in-the-future",
        "connectedtoindia_wong_india_visit_concludes_csp_roadmap.txt",
        "The official India visit of Singapore Prime Minister Lawrence Wong",
        "'looked forward to welcoming PM Modi and President Murmu to Singapore in the future' is a later"
        " visit: it does not place this one (in India, its city unnamed)",
        parties=("IND", "SGP"),
        placeless=True,
    ),
    Meeting(
        "deccanchronicle-at-the-island-nations-capital",
        "deccanchronicle_india_mauritius_eight_pacts.txt",
        'held "substantive and fruitful" talks',
        "talks 'at the island nation’s capital, Port Louis': a possessive before 'capital' still names the city",
        parties=("IND", "MUS"),
        kind="talks",
        place="Port Louis",
    ),
    Meeting(
        "cajnews-talks-in-beijing-not-at-the-dateline",
        "cajnews_china_tanzania_uplift_relations.txt",
        "President Xi Jinping held talks with Tanzania counterpart",
        "talks at the Great Hall of the People: Beijing, not the Dar-es-Salaam dateline",
        parties=("CHN", "TZA"),
        kind="talks",
        place="Beijing",
        leaders=("xi-jinping", "samia-suluhu-hassan"),
    ),
    Meeting(
        "financialexpressbd-pyongyang-under-a-moscow-dateline",
        "financialexpressbd_afp_putin_kim_treaty.txt",
        "after a signing ceremony following their bilateral talks at Kumsusan state residence",
        "talks at Kumsusan residence: Pyongyang on June 19, not the 'MOSCOW, June 19 (AFP)' dateline city",
        parties=("PRK", "RUS"),
        date="2024-06-19",
        place="Pyongyang",
        leaders=("vladimir-putin", "kim-jong-un"),
    ),
    Meeting(
        "businessnewsthisweek-call-has-no-place",
        "businessnewsthisweek_modi_putin_birthday_call.txt",
        "on Tuesday held a telephone conversation with the Russian President",
        "a telephone conversation is a call, dated 'on Tuesday', with no place from 'Moscow/New Delhi'",
        parties=("IND", "RUS"),
        kind="call",
        date="2025-10-07",
        placeless=True,
        leaders=("narendra-modi", "vladimir-putin"),
    ),
    Meeting(
        "tanxheaven-two-polish-leaders-in-warsaw",
        "tanxheaven_uk_poland_defense_treaty_talks.txt",
        "meeting with both Polish Prime Minister Donald Tusk and President Andrzej Duda",
        "Starmer met both Polish leaders in Warsaw: one event with all three",
        parties=("GBR", "POL"),
        place="Warsaw",
        leaders=("keir-starmer", "donald-tusk", "andrzej-duda"),
    ),
    Meeting(
        "thenationalherald-greece-egypt-meeting-not-the-eu",
        "thenationalherald_greece_egypt_high_level_council_cairo.txt",
        "during a bilateral meeting with Egyptian President",
        "the bilateral meeting is Greece-Egypt; the EU-Egypt upgrade named in it is no EU event",
        parties=("EGY", "GRC"),
        date="2024-03-17",
        not_party="EU",
        leaders=("kyriakos-mitsotakis", "abdel-fattah-el-sisi"),
    ),
    Meeting(
        "thechinatimes-exchanged-messages-is-no-meeting",
        "thechinatimes_wen_cameron_40th_anniversary.txt",
        "today exchanged congratulatory messages",
        "an exchange of congratulatory messages is neither a meeting nor a call",
        no_event=True,
    ),
    Meeting(
        "urdupoint-spokesperson-briefing-is-no-meeting",
        "urdupoint_china_pakistan_69th_anniversary.txt",
        "while responding to a question from APP during his regular briefing",
        "a foreign-ministry press briefing is not a meeting between China and Pakistan",
        no_event=True,
    ),
]

JOINT_DOCUMENT = [
    Meeting(
        "theswitzerlandtribune-a-leader-in-what-the-meeting-is-about",
        "theswitzerlandtribune_canada_mexico_aim_csp_national_palace.txt",
        "Prime Minister Mark Carney and Mexican President Claudia Sheinbaum have agreed to strengthen ties",
        "'amidst the uncertainty surrounding a potential second term for U.S. President Donald Trump' names"
        " what the two talked about: Trump took no part, the meeting is Canada and Mexico's",
        parties=("CAN", "MEX"),
    ),
    Meeting(
        "shine-jointly-announced-in-hangzhou",
        "shine_xinhua_xi_gusmao_timor_leste_csp_hangzhou.txt",
        "Xanana Gusmao of Timor-Leste jointly announced the elevation",
        "a joint announcement by the two leaders is their meeting in Hangzhou on Saturday",
        parties=("CHN", "TLS"),
        date="2023-09-23",
        place="Hangzhou",
        leaders=("xi-jinping", "xanana-gusmao"),
    ),
    Meeting(
        "radarafrica-signed-agreement-is-the-athens-meeting",
        "radarafrica_greece_egypt_new_strategic_partnership.txt",
        "Greece and Egypt signed a strategic partnership agreement on Wednesday",
        "the two states signing an agreement, with no meeting word, is their meeting in Athens",
        parties=("EGY", "GRC"),
        place="Athens",
        leaders=("kyriakos-mitsotakis", "abdel-fattah-el-sisi"),
    ),
    Meeting(
        "mercopress-released-a-joint-communique",
        "mercopress_brazil_indonesia_growing_strategic_partnership.txt",
        "released a joint communiqué on Thursday in Jakarta",
        "two presidents releasing a joint communiqué in Jakarta met there, though no meeting word is used",
        parties=("BRA", "IDN"),
        date="2025-10-23",
        place="Jakarta",
        leaders=("luiz-inacio-lula-da-silva", "prabowo-subianto"),
    ),
    Meeting(
        "baohaiduong-treaty-signing-gives-way-to-the-talks",
        "baohaiduong_russia_dprk_csp_treaty.txt",
        "The treaty was signed in Pyongyang after talks between the two leaders",
        "the signing sentence's weak event is replaced by the talks in Pyongyang",
        parties=("PRK", "RUS"),
        place="Pyongyang",
        not_rule="event:joint-document",
        by="event:meeting-sentence",
    ),
]


STATEMENT = [
    Meeting(
        "primeministergr-remarks-along-with-the-president",
        "primeministergr_mitsotakis_remarks_strategic_partnership_france.txt",
        "Because, along with President Macron, we have decided to upgrade",
        "a prime minister's own remarks name only his host in the first person ('along with President"
        " Macron, we'): the statement is Greece's and France's meeting",
        parties=("FRA", "GRC"),
        leaders=("kyriakos-mitsotakis", "emmanuel-macron"),
    ),
    Meeting(
        "presidentaz-press-statements-of-two-leaders",
        "presidentaz_aliyev_fico_press_statements_strategic_partnership.txt",
        "today marks the opening of a new chapter in Azerbaijan-Slovakia relations",
        "press statements spoken by Aliyev to 'Mr. Prime Minister' Fico: Azerbaijan and Slovakia met on"
        " the day the page gives",
        parties=("AZE", "SVK"),
        date="2024-05-07",
        leaders=("ilham-aliyev", "robert-fico"),
    ),
    Meeting(
        "ucsb-remarks-thanking-for-past-hospitality",
        "ucsb_biden_remarks_prior_meeting_jokowi.txt",
        "I'm grateful for the hospitality you showed me in Bali",
        "remarks before a meeting are that meeting; the hospitality 'in Bali' was shown on an earlier trip,"
        " so it does not place this one: 'Welcome to the White House' does",
        parties=("IDN", "USA"),
        date="2023-11-13",
        place="Washington, D.C.",
    ),
]


@pytest.mark.parametrize("case", _params(STATEMENT))
def test_event_statement(dev, case):
    check_meeting(dev, case, "event:statement")


@pytest.mark.parametrize("case", _params(MEETING_SENTENCE))
def test_event_meeting_sentence(dev, case):
    check_meeting(dev, case, "event:meeting-sentence")


@pytest.mark.parametrize("case", _params(JOINT_DOCUMENT))
def test_event_joint_document(dev, case):
    check_meeting(dev, case, "event:joint-document")


# --------------------------------------------------------------------------------------------------
# Leaders (leader:*)


@dataclass(frozen=True)
class Leader:
    """With ``id`` the leader must be named first in the sentence and resolved by the table's rule
    family; ``not_new`` is a surface that must not become a new leader."""

    name: str
    file: str
    text: str
    why: str
    id: str | None = None
    surface: str | None = None
    state: str | None = None
    not_new: str | None = None


def check_leader(dev: DevFacts, case: Leader, family: str) -> None:
    facts = _article(dev, case)
    if case.not_new is not None:
        new = [
            m for m in facts.leaders if m.evidence.rule == "leader:new" and case.not_new.lower() in m.surface.lower()
        ]
        assert not new, f"{case.why}: got {[(m.id, m.surface) for m in new]}"
        assert case.id is None or case.id in {m.id for m in facts.leaders}, (
            f"{case.why}: {[m.id for m in facts.leaders]}"
        )
        return
    assert case.id is not None
    here = [m for m in _from_sentence(facts.leaders, case.text) if m.id == case.id]
    assert len(here) == 1, f"{case.why}: got {[(m.id, m.surface, m.evidence.rule) for m in facts.leaders]}"
    (leader,) = here
    assert family in family_of(leader.evidence.rule), f"{case.why}: rule {leader.evidence.rule}"
    if case.surface is not None:
        assert leader.surface == case.surface
    if case.state is not None:
        assert leader.state == case.state


LEADER_NAME = [
    Leader(
        "laodong-a-leader-the-knowledge-file-lacked",
        "laodong_vietnam_czech_upgrade_strategic_partnership.txt",
        "Czech Prime Minister Petr Fiala announced the upgrading",
        "Petr Fiala, Czech prime minister 2021-2025, is in the leaders file: his id is the same in every"
        " report, not a new 'petr-fiala-cze'",
        id="petr-fiala",
    ),
    Leader(
        "okaz-a-fathers-name-inside-the-sons",
        "okaz_crown_prince_concludes_historic_us_visit.txt",
        "Yesterday, Crown Prince and Prime Minister Mohammed bin Salman bin Abdulaziz concluded",
        "'Salman bin Abdulaziz' after 'bin' is the father's name inside the crown prince's, not King Salman",
        id="mohammed-bin-salman",
    ),
    Leader(
        "codelist-lula-without-accents",
        "codelist_lemonde_mt_macron_lula_limits_dialogue.txt",
        "Emmanuel Macron and Luiz Inacio Lula da Silva, after a working meeting",
        "'Luiz Inacio' without accents is still Lula",
        id="luiz-inacio-lula-da-silva",
        surface="Luiz Inacio Lula da Silva",
    ),
    Leader(
        "gulfobserver-vietnamese-diacritics",
        "gulfobserver_nz_vietnam_elevate.txt",
        "conducted an official visit to the Socialist Republic of",
        "'Phạm Minh Chính' with Vietnamese diacritics is Pham Minh Chinh",
        id="pham-minh-chinh",
        surface="Phạm Minh Chính",
    ),
    Leader(
        "kantei-capitalised-short-khurelsukh",
        "kantei_japan_mongolia_working_lunch_new_york.txt",
        "held a working lunch with H.E. Mr. Ukhnaa KHURELSUKH, President of Mongolia",
        "'Ukhnaa KHURELSUKH' (short given name, capitalised surname) is Ukhnaagiin Khurelsukh",
        id="ukhnaagiin-khurelsukh",
        surface="Ukhnaa KHURELSUKH",
    ),
    Leader(
        "indiatvnews-meshal-spelling-of-the-amir",
        "indiatvnews_india_kuwait_strategic_partnership.txt",
        "on Sunday met Sheikh Meshal Al-Ahmad Al-Jaber Al-Sabah, Amir of Kuwait",
        "'Sheikh Meshal' is the Amir Mishal Al-Ahmad Al-Jaber Al-Sabah",
        id="mishal-al-ahmad-al-jaber-al-sabah",
    ),
]

LEADER_SURNAME_TITLE = [
    Leader(
        "bactf-prime-minister-gusmang",
        "bactf_mt_xi_gusmang_asian_games.txt",
        "met with the East Timor Prime Minister Gusmang",
        "the machine translation's 'Prime Minister Gusmang' is Xanana Gusmao",
        id="xanana-gusmao",
        surface="Gusmang",
    ),
    Leader(
        "baoquocte-family-name-first-kishida",
        "baoquocte_thuong_kishida_talks.txt",
        "holds talks with Japanese Prime Minister Kishida Fumio",
        "'Prime Minister Kishida Fumio' (family name first) is Fumio Kishida",
        id="fumio-kishida",
    ),
    Leader(
        "primeministergr-president-macron",
        "primeministergr_mitsotakis_remarks_strategic_partnership_france.txt",
        "along with President Macron, we have decided",
        "'President Macron' in Mitsotakis's remarks is Emmanuel Macron",
        id="emmanuel-macron",
        surface="Macron",
    ),
]

LEADER_SURNAME_CONTEXT = [
    Leader(
        "globaltimes-headline-xi-meets-raisi",
        "globaltimes_xi_meets_raisi_iran_csp.txt",
        "Xi meets Raisi, injecting new momentum",
        "bare 'Raisi' in the headline is the Iranian president named in full below",
        id="ebrahim-raisi",
        surface="Raisi",
    ),
    Leader(
        "kantei-capitalised-oyun-erdene",
        "kantei_japan_mongolia_telephone_talk_2024.txt",
        "held a summit telephone talk with H.E. Mr. Luvsannamsrai OYUN-ERDENE",
        "'Luvsannamsrai OYUN-ERDENE, Prime Minister of Mongolia' is Luvsannamsrain Oyun-Erdene",
        id="luvsannamsrain-oyun-erdene",
        surface="OYUN-ERDENE",
    ),
    Leader(
        "rbcua-headline-tokayev",
        "rbcua_putin_tokayev_formalize_alliance.txt",
        "Putin and Tokayev formalize alliance",
        "bare 'Tokayev' beside Putin and Kazakhstan is Kassym-Jomart Tokayev",
        id="kassym-jomart-tokayev",
        surface="Tokayev",
    ),
    Leader(
        "cajnews-kikwete-with-middle-name",
        "cajnews_china_tanzania_uplift_relations.txt",
        "when Jakaya Mrisho Kikwete was head of state",
        "'Jakaya Mrisho Kikwete' (middle name between) is Jakaya Kikwete",
        id="jakaya-kikwete",
        surface="Kikwete",
    ),
]

LEADER_FUZZY = [
    Leader(
        "asianlite-president-joko-cut-by-an-ellipsis",
        "asianlite_india_indonesia_vision_2025_elevate.txt",
        "talks with Indonesian President Joko Widodo",
        "a title and a name close to the office holder's ('Joko', the surname run into an ellipsis) "
        "resolve to him, not to a new leader",
        id="joko-widodo",
        state="IDN",
    ),
]

LEADER_NEW = [
    Leader(
        "telegraphindia-then-pm-papandreou",
        "telegraphindia_mirror_india_greece_csp_preview.txt",
        "Then Greek prime minister Andreas Papandreou visited India thrice",
        "a past Greek prime minister missing from the knowledge files is a new leader of Greece",
        id="andreas-papandreou-grc",
        surface="Andreas Papandreou",
        state="GRC",
    ),
    Leader(
        "vnanet-national-assembly-chairman",
        "vnanet_nz_pm_wraps_up_vietnam_visit.txt",
        "National Assembly Chairman Tran Thanh Man",
        "a titled name missing from the knowledge files becomes a new leader",
        id="tran-thanh-man",
        surface="Tran Thanh Man",
    ),
    Leader(
        "bactf-gusmang-is-not-new",
        "bactf_mt_xi_gusmang_asian_games.txt",
        "the East Timor Prime Minister Gusmang",
        "a misspelt surname after a title resolves to the office holder, not a new leader",
        id="xanana-gusmao",
        not_new="Gusmang",
    ),
]


@pytest.mark.parametrize("case", _params(LEADER_NAME))
def test_leader_name(dev, case):
    check_leader(dev, case, "leader:name")


@pytest.mark.parametrize("case", _params(LEADER_SURNAME_TITLE))
def test_leader_surname_title(dev, case):
    check_leader(dev, case, "leader:surname+title")


@pytest.mark.parametrize("case", _params(LEADER_SURNAME_CONTEXT))
def test_leader_surname_context(dev, case):
    check_leader(dev, case, "leader:surname+context")


@pytest.mark.parametrize("case", _params(LEADER_NEW))
def test_leader_new(dev, case):
    check_leader(dev, case, "leader:new")


@pytest.mark.parametrize("case", _params(LEADER_FUZZY))
def test_leader_fuzzy(dev, case):
    check_leader(dev, case, "leader:fuzzy")


# --------------------------------------------------------------------------------------------------
# Initiative support (support:*)


@dataclass(frozen=True)
class Support:
    """The sentence names ``initiative``; with ``state`` it must make that state a supporter, else
    the article states no support for the initiative at all."""

    name: str
    file: str
    text: str
    why: str
    initiative: str
    state: str | None = None


def check_support(dev: DevFacts, case: Support, family: str) -> None:
    facts = _article(dev, case)
    assert case.initiative in facts.initiatives, f"{case.why}: the initiative is not found"
    given = [s for s in facts.supports if s.initiative == case.initiative]
    if case.state is None:
        assert not given, f"{case.why}: got {[(s.state, s.evidence.text) for s in given]}"
        return
    here = [s for s in _from_sentence(given, case.text) if s.state == case.state]
    assert len(here) == 1, f"{case.why}: got {[(s.state, s.evidence.text) for s in given]}"
    assert family in family_of(here[0].evidence.rule)


SUPPORT = [
    Support(
        "bactf-two-sides-should-promote-belt-and-road",
        "bactf_mt_xi_gusmang_asian_games.txt",
        "The two sides should continue to promote the construction of the",
        "Xi's 'the two sides should continue to promote' the Belt and Road is no Timorese support",
        initiative="BRI",
    ),
    Support(
        "shine-xi-calls-for-belt-and-road-cooperation",
        "shine_xinhua_xi_gusmao_timor_leste_csp_hangzhou.txt",
        "The two sides should continue to promote Belt and Road cooperation",
        "the proposer's call for cooperation, 'Xi said', is not Timor-Leste's support",
        initiative="BRI",
    ),
    Support(
        "pakistantoday-china-supports-but-proposed-csf",
        "pakistantoday_xi_ramos_horta_beijing_2024.txt",
        "China firmly supports Timor-Leste",
        "China 'supports' in a sentence ending on the community with a shared future, its own proposal: no supporter",
        initiative="CSF",
    ),
    Support(
        "scmp-foip-partner-is-japans-own-vision",
        "scmp_japan_vietnam_top_tier.txt",
        "a key partner in achieving a free and open Indo-Pacific",
        "Japan calling Vietnam a partner in its own Indo-Pacific vision is no Vietnamese support",
        initiative="FOIP",
    ),
]


@pytest.mark.parametrize("case", _params(SUPPORT))
def test_support_verb_before_initiative(dev, case):
    check_support(dev, case, "support:verb-before-initiative")


# --------------------------------------------------------------------------------------------------
# Joint documents (document:*)


@dataclass(frozen=True)
class Document:
    """With ``parties`` the sentence must give a document of those parties whose title starts with
    ``title``; without, the sentence gives no document."""

    name: str
    file: str
    text: str
    why: str
    parties: tuple[str, ...] | None = None
    title: str | None = None


def check_document(dev: DevFacts, case: Document, family: str) -> None:
    facts = _article(dev, case)
    here = _from_sentence(facts.documents, case.text)
    if case.parties is None:
        assert not here, f"{case.why}: got {[d.title for d in here]}"
        return
    assert case.title is not None
    found = [d for d in here if d.parties == case.parties and d.title.lower().startswith(case.title.lower())]
    assert len(found) == 1, f"{case.why}: got {[(d.title, d.parties) for d in here]}"
    assert family in family_of(found[0].evidence.rule)


DOCUMENTS = [
    Document(
        "baohaiduong-signed-treaty-on-csp",
        "baohaiduong_russia_dprk_csp_treaty.txt",
        "signed a treaty on comprehensive strategic partnership between the two countries",
        "'signed a treaty on comprehensive strategic partnership' is a treaty of the two signers' states",
        parties=("PRK", "RUS"),
        title="treaty on comprehensive strategic partnership",
    ),
    Document(
        "shine-issued-joint-statement",
        "shine_xinhua_xi_gusmao_timor_leste_csp_hangzhou.txt",
        "The two sides issued a joint statement on the establishment of",
        "'the two sides issued a joint statement' names no state: it is the meeting's pair",
        parties=("CHN", "TLS"),
        title="joint statement on the establishment of",
    ),
    Document(
        "milletnews-signed-joint-declaration",
        "milletnews_egypt_eu_level_up.txt",
        "Egypt and the European Union signed a joint declaration on Sunday",
        "Egypt and the EU 'signed a joint declaration'",
        parties=("EGY", "EU"),
        title="joint declaration",
    ),
    Document(
        "trendaz-adopted-declaration-keeps-its-title",
        "trendaz_aliyev_xinhua_interview_strategic_partnership.txt",
        "The Joint Declaration on the Establishment of Strategic Partnership between the Republic of Azerbaijan",
        "an adopted declaration keeps the title that follows 'Joint Declaration'",
        parties=("AZE", "CHN"),
        title="Joint Declaration on the Establishment of Strategic Partnership",
    ),
    Document(
        "keyanhelp-will-sign-documents-is-no-document",
        "keyanhelp_hu_nazarbayev_astana_2011.txt",
        "the two countries will sign a series of documents on bilateral cooperation",
        "documents still to be signed, and unnamed, are no joint document",
    ),
]


@pytest.mark.parametrize("case", _params(DOCUMENTS))
def test_document_signed_or_issued(dev, case):
    check_document(dev, case, "document:signed-or-issued")


# --------------------------------------------------------------------------------------------------
# Every rule family has its cases

FAMILIES: dict[str, list] = {
    "change:upgrade-verb": UPGRADE_VERB,
    "change:establish-verb": ESTABLISH_VERB,
    "change:reaffirm-verb": REAFFIRM_VERB,
    "change:no-verb": NO_VERB,
    "change:hedged-upgrade": HEDGED_UPGRADE,
    "change:hedged-establish": HEDGED_ESTABLISH,
    "change:restated-at-meeting": RESTATED_AT_MEETING,
    "change:other-pair": OTHER_PAIR,
    "change:historical": HISTORICAL,
    "change:recalled": RECALLED,
    "change:background": BACKGROUND,
    "event:meeting-sentence": MEETING_SENTENCE,
    "event:joint-document": JOINT_DOCUMENT,
    "event:statement": STATEMENT,
    "leader:name": LEADER_NAME,
    "leader:surname+title": LEADER_SURNAME_TITLE,
    "leader:surname+context": LEADER_SURNAME_CONTEXT,
    "leader:new": LEADER_NEW,
    "leader:fuzzy": LEADER_FUZZY,
    "support:verb-before-initiative": SUPPORT,
    "document:signed-or-issued": DOCUMENTS,
    "change:signed-document": SIGNED_DOCUMENT,
    "change:earlier-level": EARLIER_LEVEL,
    "change:raised-further": RAISED_FURTHER,
    "change:from-to": FROM_TO,
}


def test_family_of_normalises_rule_names():
    assert family_of("change:recalled(upgrade)") == {"change:recalled"}
    assert family_of("change:upgrade-verb") == {"change:upgrade-verb"}
    assert family_of("change:restated-at-meeting(change:hedged-upgrade)") == {
        "change:restated-at-meeting",
        "change:hedged-upgrade",
    }


def test_every_rule_family_the_extractor_uses_on_dev_has_cases(dev):
    files = sorted(p.name for p in DEV.iterdir() if p.is_file())
    assert len(files) > 100
    dev.load(files)
    used: dict[str, str] = {}
    for file in files:
        facts = dev[file]
        for fact in (*facts.partnerships, *facts.events, *facts.leaders, *facts.supports, *facts.documents):
            for family in family_of(fact.evidence.rule):
                used.setdefault(family, f"{file}: {fact.evidence.rule}")
    missing = {family: example for family, example in used.items() if not FAMILIES.get(family)}
    assert not missing, f"rule families with no named case in tests/test_rules.py: {missing}"


def test_cases_are_named_once_and_read_only_dev():
    cases = [case for table in FAMILIES.values() for case in table]
    names = [case.name for case in cases]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert all((DEV / case.file).is_file() and "holdout" not in case.file for case in cases)


# --------------------------------------------------------------------------------------------------
# Texts not in English (ingest/data/languages.toml): Spanish, Portuguese, French, Italian, German.
# The same rule families, read with the other languages' names, level wordings, cue words and dates.

OTHER_LANGUAGE_CLAIMS: list[tuple[str, Claim]] = [
    (
        "change:upgrade-verb",
        Claim(
            "pt-latamvietnam-elevar-ao-status-de",
            "latamvietnam_brasil_vietna_parceria_estrategica_g20.txt",
            "concordaram em elevar as relações bilaterais ao status de Parceria Estratégica",
            "Portuguese 'elevar ... ao status de Parceria Estratégica' at the talks in Rio is the upgrade;"
            " 'no Rio de Janeiro' is the place",
            pair="BRA|VNM",
            change="upgrade",
            level=SP,
            place="Rio de Janeiro",
        ),
    ),
    (
        "change:upgrade-verb",
        Claim(
            "es-chinaorgcn-elevaran-hasta-el-nivel-de",
            "chinaorgcn_es_xi_pena_nieto_elevan_relacion.txt",
            "anunciaron aquí el martes que elevarán la relación bilateral hasta el nivel de asociación",
            "Spanish 'anunciaron ... que elevarán ... hasta el nivel de asociación estratégica integral': the"
            " announced act, a comprehensive strategic partnership ('llegó hoy martes a Ciudad de México')",
            pair="CHN|MEX",
            change="upgrade",
            level=CSP,
            place="Mexico City",
        ),
    ),
    (
        "change:establish-verb",
        Claim(
            "it-lapresse-stabilimento-delle-relazioni",
            "lapresse_italia_uzbekistan_meloni_mirziyoyev_intesa.txt",
            "sullo stabilimento delle relazioni di partenariato strategico",
            "Italian 'dichiarazione congiunta sullo stabilimento delle relazioni di partenariato strategico' sets"
            " the level up; the dateline 'Roma, 8 giu. (LaPresse)' gives day and city",
            pair="ITA|UZB",
            change="establish",
            level=SP,
            date="--06-08",
            place="Rome",
        ),
    ),
    (
        "change:establish-verb",
        Claim(
            "fr-observatoire-signe-une-declaration-sur",
            "observatoiredeleurope_macron_accueille_mirziyoyev_visite_etat.txt",
            "ont signé une déclaration conjointe sur le partenariat stratégique",
            "French 'ont signé une déclaration conjointe sur le partenariat stratégique' sets the level up",
            pair="FRA|UZB",
            change="establish",
            level=SP,
            place="Paris",
        ),
    ),
    (
        "change:establish-verb",
        Claim(
            "de-jungewelt-vereinbarung-fuer-unterzeichnet",
            "jungewelt_mongolei_strategische_partnerschaft_brd.txt",
            "eine Vereinbarung für eine strategische Partnerschaft unterzeichnet",
            "German 'eine Vereinbarung für eine strategische Partnerschaft unterzeichnet' (the verb last) sets the"
            " level up, 'in Ulaanbaatar'",
            pair="DEU|MNG",
            change="establish",
            level=SP,
            place="Ulaanbaatar",
        ),
    ),
    (
        "change:hedged-establish",
        Claim(
            "de-tablemedia-wollen-vereinbaren",
            "tablemedia_steinmeier_reise_partnerschaft_mongolei_preview.txt",
            "wollen am Mittwoch eine strategische Partnerschaft vereinbaren",
            "German 'wollen ... eine strategische Partnerschaft vereinbaren' (want to agree): a preview, no act;"
            " the level only wished for is none of the pair's (the gold has no claim)",
            pair="DEU|MNG",
            no_claim=True,
        ),
    ),
    (
        "change:reaffirm-verb",
        Claim(
            "de-newspravda-vertiefung-umfassende-partnerschaft-und-strategische-zusammenarbeit",
            "newspravda_de_putin_staatsbesuch_china.txt",
            "über die Vertiefung der Beziehungen der umfassenden Partnerschaft",
            "German 'Vertiefung der ... umfassenden Partnerschaft und der strategischen Zusammenarbeit' deepens the"
            " comprehensive strategic partnership of coordination (Russia's wording of it)",
            pair="CHN|RUS",
            change="reaffirm",
            level=CSPC,
        ),
    ),
    (
        "change:reaffirm-verb",
        Claim(
            "pt-rtbrasil-fortalecimento-da-parceria",
            "rtbrasil_modi_recebe_homenagem_lula.txt",
            "em gesto simbólico de fortalecimento da parceria estratégica entre os dois países",
            "Portuguese 'fortalecimento da parceria estratégica' restates the level at the visit ('visita oficial a"
            " Brasília')",
            pair="BRA|IND",
            change="reaffirm",
            level=SP,
            place="Brasília",
        ),
    ),
]

OTHER_LANGUAGE_MEETINGS: list[tuple[str, Meeting]] = [
    (
        "event:meeting-sentence",
        Meeting(
            "it-lapresse-ha-incontrato-a-palazzo-chigi",
            "lapresse_italia_uzbekistan_meloni_mirziyoyev_intesa.txt",
            "ha incontrato a Palazzo Chigi il presidente",
            "Italian 'ha incontrato' is a meeting; the dateline 'Roma, 8 giu.' gives its day and city",
            parties=("ITA", "UZB"),
            date="--06-08",
            place="Rome",
        ),
    ),
    (
        "event:meeting-sentence",
        Meeting(
            "de-jungewelt-im-beisein-von",
            "jungewelt_mongolei_strategische_partnerschaft_brd.txt",
            "im Beisein von Bundespräsident Frank-Walter Steinmeier in Ulaanbaatar",
            "German 'im Beisein von' (in the presence of) the president: the two sides met, in Ulaanbaatar",
            parties=("DEU", "MNG"),
            place="Ulaanbaatar",
        ),
    ),
    (
        "event:meeting-sentence",
        Meeting(
            "pt-latamvietnam-reuniu-se-no-rio",
            "latamvietnam_brasil_vietna_parceria_estrategica_g20.txt",
            "reuniu-se com o presidente brasileiro Luiz Inácio Lula da Silva no Rio de Janeiro",
            "Portuguese 'reuniu-se com' is a meeting; 'Cúpula do G20' makes it a summit; 'no Rio de Janeiro' its place",
            parties=("BRA", "VNM"),
            kind="summit",
            place="Rio de Janeiro",
        ),
    ),
    (
        "event:meeting-sentence",
        Meeting(
            "es-canalsur-viajaran-is-no-meeting-yet",
            "canalsur_reyes_reforzar_asociacion_estrategica_argentina.txt",
            "viajarán por vez primera como reyes a Argentina",
            "Spanish 'viajarán' (will travel) announces the state visit: no meeting of Spain and Argentina yet",
            not_party="ARG",
        ),
    ),
]


@pytest.mark.parametrize(("family", "case"), [pytest.param(f, c, id=c.name) for f, c in OTHER_LANGUAGE_CLAIMS])
def test_other_language_claims(dev, family, case):
    check_claim(dev, case, family)


@pytest.mark.parametrize(("family", "case"), [pytest.param(f, c, id=c.name) for f, c in OTHER_LANGUAGE_MEETINGS])
def test_other_language_meetings(dev, family, case):
    check_meeting(dev, case, family)


def test_other_language_cases_are_named_once_and_read_as_not_english():
    cases = [case for _, case in (*OTHER_LANGUAGE_CLAIMS, *OTHER_LANGUAGE_MEETINGS)]
    names = [case.name for case in cases] + [case.name for table in FAMILIES.values() for case in table]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    # Each is read with the other languages' cue words (ingest/rules/cues.py: reads_english).
    assert not [case.file for case in cases if reads_english((DEV / case.file).read_text(encoding="utf-8"))]
