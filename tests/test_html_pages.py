"""Saved news pages as real sites lay them out: the story, its standfirst and date, not the page.

The pages are written here after the layouts the real page sets of bench/real_pages.py showed
(trafilatura's and newspaper4k's test pages): a story column inside a wrapper named after the
sidebar beside it, a standfirst set apart from the body, related-story lists with dates and other
countries inside the story's container, a copyright footer with a year range, and a gallery.
"""

from __future__ import annotations

import json

from entente.ingest.html import _rules_to_text, html_to_text

from .harness import cli_env, run_entente

BODY = (
    "<p>Prime Minister Pham Minh Chinh and Prime Minister Anthony Albanese held talks at Parliament House "
    "right after an official welcome ceremony, the first visit by a Vietnamese head of government in "
    "five years.</p>"
    "<p>The two sides discussed trade, education, climate and maritime cooperation, and agreed to open "
    "new direct flights between the two capitals next year.</p>"
    "<p>Mr Albanese said the visit marked a new chapter in relations that began fifty years ago, and "
    "that both countries would meet every year at the level of prime ministers.</p>"
)
RELATED = (
    "<ul class='c-list'>"
    "<li><a href='/a'>Japan and the Philippines sign a reciprocal access agreement</a> <span>July 8, 2024</span></li>"
    "<li><a href='/b'>India, Brazil elevate ties to a strategic partnership</a> <span>June 2, 2024</span></li>"
    "<li><a href='/c'>Kenya hosts a summit on climate finance</a> <span>May 30, 2024</span></li>"
    "</ul>"
)


def _page(*, head: str = "", standfirst: str = "", story: str = BODY, footer: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Viet Nam, Australia upgrade ties - VGP News</title>{head}</head><body>"
        "<header class='site-header'><a href='/'>VGP NEWS</a> <a href='/world'>World</a></header>"
        "<div class='c-page-wrapper'><div class='o-row c-fixed-sidebar-layout--300@md'><div class='o-col'>"
        "<h1>Viet Nam, Australia upgrade ties to Comprehensive Strategic Partnership</h1>"
        f"{standfirst}<div class='c-article__content'>{story}</div>"
        f"<h3>More in World</h3>{RELATED}"
        "</div><div class='o-col'><div class='c-sidebar'><p>Most read: Kenya hosts a summit</p></div></div>"
        f"</div></div><footer>{footer}Copyright © 2000 - 2024 VGP News. All rights reserved.</footer></body></html>"
    )


PUBLISHED = "<meta property='article:published_time' content='2024-03-07T10:00:00+07:00'>"
STANDFIRST = (
    "<div class='sapo'><b>VGP - Prime Minister Pham Minh Chinh and his Australian counterpart Anthony "
    "Albanese agreed to elevate the Viet Nam-Australia relations to a Comprehensive Strategic Partnership "
    "during their talks in Canberra on Thursday.</b></div>"
)


def test_the_standfirst_set_apart_from_the_body_is_kept_after_the_headline():
    page = html_to_text(_page(head=PUBLISHED, standfirst=STANDFIRST))
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0] == "Viet Nam, Australia upgrade ties to Comprehensive Strategic Partnership"
    assert paragraphs[1].startswith("VGP - Prime Minister Pham Minh Chinh") and "Canberra" in paragraphs[1]
    assert paragraphs[2].startswith("Prime Minister Pham Minh Chinh and Prime Minister Anthony Albanese held")
    assert page.published == "2024-03-07"


def test_related_stories_sidebar_banner_and_footer_stay_out():
    text = html_to_text(_page(standfirst=STANDFIRST)).text
    assert "both countries would meet every year" in text
    for furniture in ("Japan", "Brazil", "Kenya", "More in World", "Most read", "VGP NEWS", "Copyright"):
        assert furniture not in text


def test_a_related_story_date_or_copyright_year_is_no_publication_date_the_date_line_is():
    # No date in the metadata. htmldate's free-text search would date the page by a related story
    # ("May 30, 2024") or by the footer's "2000 - 2024"; the page's date line, in pieces, dates it.
    dateline = (
        "<div class='header-cont'><span class='year'>2024</span><span class='day'>03/07</span>"
        "<span class='time'>17:32:06</span><span class='source'>Source: Xinhua</span></div>"
    )
    assert html_to_text(_page(standfirst=dateline + STANDFIRST)).published == "2024-03-07"
    assert html_to_text(_page(standfirst=STANDFIRST)).published is None


def test_a_page_with_almost_no_story_is_read_by_entente_rules():
    # Under 250 characters trafilatura keeps the whole page, banner and related links included.
    short = "Chinese President Xi Jinping met Kyrgyz President Sadyr Japarov in Xi'an on Thursday."
    page = html_to_text(_page(story=f"<p>{short}</p>"))
    assert page.text.split("\n\n")[1] == short
    assert "Japan" not in page.text and "Most read" not in page.text


def test_a_story_column_in_a_wrapper_named_after_its_sidebar_is_not_dropped_by_the_rules():
    # threatpost.com and theverge.com wrap the story in "c-fixed-sidebar-layout" / "l-sidebar-fixed";
    # the rules dropped everything named "sidebar", the story with it.
    page = _rules_to_text(_page(standfirst=STANDFIRST))
    assert "agreed to open new direct flights" in page.text
    assert "Most read" not in page.text


def test_advance_local_article_date_original_dates_the_page():
    meta = "<meta name='article_date_original' content='Saturday, December 27, 2014, 12:06 PM'>"
    assert _rules_to_text(_page(head=meta)).published == "2014-12-27"
    assert html_to_text(_page(head=meta)).published == "2014-12-27"


def test_extract_reads_the_saved_page_facts_from_the_story_not_the_related_list(tmp_path):
    (tmp_path / "vgp.html").write_text(
        _page(head=PUBLISHED, standfirst=STANDFIRST),
        encoding="utf-8",
    )
    result = run_entente(["extract", "vgp.html"], cli_env(), tmp_path)
    assert result.returncode == 0, result.stderr
    facts = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    partnerships = [f for f in facts if f.get("type") == "partnership"]
    assert [(sorted(p["id"] for p in f["parties"]), f["level"], f["date"], f["place"]) for f in partnerships] == [
        (["AUS", "VNM"], "comprehensive strategic partnership", "2024-03-07", "Canberra")
    ]
    # "India, Brazil elevate ties to a strategic partnership" in the related list is no fact here.
    assert not {"IND", "BRA", "JPN", "PHL", "KEN"} & set(json.dumps(facts).replace('"', " ").split())
