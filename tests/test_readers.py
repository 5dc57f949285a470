"""Readers and cleaning: tiny inputs, hand-checked answers."""

from entente.ingest.clean import clean_text
from entente.ingest.model import Article
from entente.ingest.readers import ReadProblem, article_id, read_articles


def _read(*paths):
    items = list(read_articles([str(p) for p in paths]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadProblem)]


def test_leading_date_token_is_metadata_not_text():
    cleaned = clean_text(
        " date 2023-09-23 Chinese President Xi Jinping met the prime minister on Saturday in Hangzhou."
    )
    assert cleaned.published == "2023-09-23"
    assert cleaned.text.startswith("Chinese President")


def test_trailing_related_headline_and_disclaimer_are_dropped():
    raw = (
        "Xi Jinping Talks with President Zaparov of Kyrgyzstan\n\n"
        "The two heads of state announced that they will elevate relations to a new level today.\n\n"
        "Cai Qi, Wang Yi, Qin Gang, and others participated in the above activities.\n\n"
        "Xi Jinping Talks with President Tokayev of Kazakhstan\n\n"
        "This article only represents the author's personal views, our website has not verified for its content."
    )
    cleaned = clean_text(raw)
    assert "Tokayev" not in cleaned.text
    assert "personal views" not in cleaned.text
    assert cleaned.text.startswith("Xi Jinping Talks with President Zaparov")


def test_stories_listed_under_a_latest_news_heading_are_dropped_whole_sentences_too():
    raw = (
        "On Europe Day, the President welcomed the Prime Minister to Nancy on Friday 9 May 2025.\n"
        "During this visit, the two leaders signed a friendship and enhanced cooperation treaty.\n"
        "Latest news\n"
        "See all articles and topics-\n"
        "18 November 2025 Summit on European Digital Sovereignty Delivers Landmark Commitments for Europe.\n"
        "-\n"
        "18 November 2025 Summit on European Digital Sovereignty in Berlin."
    )
    cleaned = clean_text(raw)
    assert cleaned.text.endswith("enhanced cooperation treaty.")
    assert "Berlin" not in cleaned.text and "Latest news" in cleaned.dropped
    # Above the story, the same heading is navigation and the story is kept.
    assert "treaty" in clean_text("Latest news\n" + raw.split("Latest news")[0]).text


def test_release_date_line_and_page_furniture(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "Home > NEWS > China >\n\nXi meets Lukashenko\n\nRelease Date:2022-09-16 17:51:59     Source:Xinhua\n\n"
        "Chinese President Xi Jinping on Thursday afternoon met with Belarusian President Alexander Lukashenko.\n\n"
        "Editor: Leon\n\nAbout us | Contact us | Legal notice\n"
    )
    (article,), problems = _read(page)
    assert not problems
    assert article.published == "2022-09-16"
    assert article.published_basis == "page"
    assert "Editor" not in article.text and "About us" not in article.text and "Home" not in article.text


def test_html_page_keeps_only_the_story(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><meta property='article:published_time' content='2023-05-19T08:00:00Z'>"
        "<script>var x=1;</script></head>"
        "<body><nav><a>Home</a> | <a>World</a></nav><div class='cookie-banner'>We use cookies</div>"
        "<article><h1>China, Kyrgyzstan elevate ties</h1>"
        "<p>The two heads of state met in Xi'an on Thursday and agreed to elevate relations.</p>"
        "<div class='related'><a>Other story about Kazakhstan</a></div></article>"
        "<footer>Copyright</footer></body></html>"
    )
    (article,), _ = _read(page)
    assert article.published == "2023-05-19"
    assert article.title == "China, Kyrgyzstan elevate ties"
    assert "cookies" not in article.text and "Kazakhstan" not in article.text and "var x" not in article.text
    assert "Xi'an" in article.text


def test_bad_inputs_are_named_and_the_rest_is_read(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "doc.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "latin.txt").write_bytes(
        "Prime Minister Xanana Gusmão met President Xi in Hangzhou today.".encode("cp1252")
    )
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "China and Laos met in Vientiane on Monday to sign a plan.", "published": "2024-01-02"}\n'
        "{not json}\n"
        '{"title": "no text"}\n'
    )
    articles, problems = _read(tmp_path, tmp_path / "missing.txt")
    messages = {(p.source.rsplit("/", 1)[-1], p.line): p.message for p in problems}
    assert messages[("empty.txt", None)] == "empty file"
    assert "binary" in messages[("binary.txt", None)]
    assert messages[("doc.pdf", None)].startswith("not a readable PDF")
    # a type no reader takes is skipped in a folder, and counted (a warning: nothing was lost)
    assert messages[("", None)].startswith("skipped 1 file: .odt 1")
    assert [p.source for p in problems if p.warning] == [""]
    assert "not valid JSON" in messages[("feed.jsonl", 2)]
    assert '"text"' in messages[("feed.jsonl", 3)]
    assert messages[("missing.txt", None)] == "no such file or folder"
    texts = {a.source.rsplit("/", 1)[-1]: a for a in articles}
    assert "Gusmão" in texts["latin.txt"].text
    assert texts["feed.jsonl#1"].published == "2024-01-02"


def test_article_id_ignores_case_and_spacing_only():
    assert article_id("China and  Laos\nmet.") == article_id("china and laos met.")
    assert article_id("China and Laos met.") != article_id("China and Cuba met.")


def test_unclosed_paragraphs_keep_every_sentence():
    """Regression: an unclosed <p> nests the next one inside it, and its own sentence was dropped."""
    from entente.ingest.html import html_to_text

    page = html_to_text("<div><p>Xi met Lukashenko in Minsk.<p>They agreed to elevate ties.<div>")
    assert page.text == "Xi met Lukashenko in Minsk.\n\nThey agreed to elevate ties."


def test_a_date_that_is_no_calendar_day_is_ignored(tmp_path):
    """Regression: 2023-02-30 from a page or a feed reached date resolution and crashed extraction."""
    (tmp_path / "a.txt").write_text("date 2023-02-30 Xi met Lukashenko in Minsk on Monday.")
    (tmp_path / "b.jsonl").write_text('{"text": "Xi met Japarov in Bishkek.", "published": "2023-02-29"}\n')
    articles, problems = _read(tmp_path)
    assert [a.published for a in articles] == [None, None]
    assert [(p.line, p.message) for p in problems] == [
        (
            1,
            '"published" must be a date (YYYY-MM-DD, ISO time, RFC 822 or DD/MM/YYYY),'
            " got '2023-02-29'; date ignored",
        )
    ]


def test_utf16_with_a_byte_order_mark_is_text(tmp_path):
    (tmp_path / "a.txt").write_bytes("Gusmão met Xi in Hangzhou.".encode("utf-16"))
    (article,), problems = _read(tmp_path / "a.txt")
    assert not problems and article.text == "Gusmão met Xi in Hangzhou."


def test_html_saved_as_text_is_read_as_a_page(tmp_path):
    # A page's markup kept in a .txt file (as a scraper stored it): the tags go, the story stays.
    path = tmp_path / "fragment.txt"
    path.write_text(
        "<h6><strong>The Diplomat.</strong> 29/11/2018</h6> <h4><strong>Spain and China renew their strategic"
        " partnership.</strong></h4> <strong> </strong> The state visit of <strong>President Xi Jinping</strong>"
        " ended with a joint statement signed in Madrid by the two leaders, who agreed to relaunch the"
        " comprehensive strategic partnership between Spain and China after fifteen years.",
        encoding="utf-8",
    )
    (article,) = read_articles([str(path)])
    assert isinstance(article, Article)
    assert "<" not in article.text and "strong>" not in article.text
    assert "The state visit of President Xi Jinping ended with a joint statement" in article.text


def test_a_date_line_a_few_lines_into_the_story_is_the_page_date():
    # Under the lead and a "2 min read" line, a line holding a date alone is still the page's date;
    # a day-first numeric date with dashes too ("11-10-2014").
    cleaned = clean_text(
        "Peru and Chile sign a pact\n\nThe two presidents met in Lima to sign a trade pact.\n\n2 min read\n\n"
        "18 October, 2018\n\nThe presidents of Peru and Chile met in Lima on Wednesday."
    )
    assert (cleaned.published, "18 October, 2018" in cleaned.text) == ("2018-10-18", False)
    assert clean_text("11-10-2014\n\nChina and Germany signed a plan on Friday.").published == "2014-10-11"
    # A date inside a sentence of the story is no page date.
    assert clean_text("Peru and Chile met.\n\nThe pact was signed on 18 October, 2018 in Lima.").published is None


def test_a_dateline_with_a_year_gives_the_publication_date():
    for text, day in (
        ("London, August 29, 2018 (AltAfrica)-Peru and Chile deepened their ties.", "2018-08-29"),
        ("LIMA, Peru, Sept. 6, 2023 /CNW/ - Peru and Chile signed a pact.", "2023-09-06"),
        ("Lima (1st Sept, 2014): Peru and Chile on Monday agreed to a pact.", "2014-09-01"),
    ):
        assert clean_text(text).published == day, text
    # A date that opens the story's first sentence is the news, not a dateline.
    for text in ("On October 18, 2018, the two leaders met in Lima.", "In Lima, October 18, 2018, they met."):
        assert clean_text(text).published is None, text
