"""PDF, Word, RSS/Atom and WARC inputs: real joint statements and archives the tests write."""

import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.ingest.formats.pdf import pdf_paragraphs
from entente.ingest.model import Article
from entente.ingest.readers import ReadProblem, read_articles

STATEMENTS = Path(__file__).parent / "data" / "formats" / "statements"


def _read(*paths, **options):
    items = list(read_articles([str(p) for p in paths], **options))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadProblem)]


def _extract(*paths):
    result = CliRunner().invoke(cli, ["extract", *map(str, paths), "--format", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, lines


# --- PDF ---------------------------------------------------------------------------------------


def test_cli_reads_a_pdf_joint_statement_with_its_level_date_and_parties():
    result, lines = _extract(STATEMENTS / "china_solomon_islands_2023.pdf")
    assert result.exit_code == 0, result.output
    (document,) = [x for x in lines if x["type"] == "document"]
    assert document["published"] == "2023-07-10"  # the date line under the title
    partnerships = [x for x in lines if x["type"] == "partnership"]
    assert {(p["level"], p["change"]) for p in partnerships} == {("comprehensive strategic partnership", "establish")}
    assert {tuple(sorted(q["id"] for q in p["parties"])) for p in partnerships} == {("CHN", "SLB")}


def test_pdf_in_two_columns_reads_in_column_order_without_header_or_page_number():
    paragraphs = pdf_paragraphs((STATEMENTS / "india_france_2013.pdf").read_bytes())
    truth = [" ".join(b.split()) for b in (STATEMENTS / "india_france_2013.txt").read_text().split("\n\n")]
    assert paragraphs == truth  # paragraph 7 runs on into the second column and is joined
    (article,), problems = _read(STATEMENTS / "india_france_2013.pdf")
    assert not problems
    assert article.published == "2013-02-14" and article.published_basis == "page"
    assert "India–France Joint Statement" not in article.text and "– 1 –" not in article.text


def test_pdf_over_two_pages_keeps_every_page_and_joins_hyphenated_words():
    (article,), _ = _read(STATEMENTS / "china_iran_2016.pdf")
    assert "Islamic Republic of Iran" in article.text and "Is- lamic" not in article.text
    assert article.text.rstrip().endswith("regional and international affairs.")  # the last line of page 2
    assert "– 2 –" not in article.text and "China–Iran Joint Statement" not in article.text
    assert article.title.startswith("Joint Statement between the People's Republic of China")
    assert article.published is None  # the statement states no date of its own
    (dated,), _ = _read(STATEMENTS / "china_iran_2016.pdf", published="2016-01-23")
    assert (dated.published, dated.published_basis) == ("2016-01-23", "option")


def _minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws ``content`` (built by hand: the tests have no PDF writer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_without_text_and_a_broken_pdf_are_named_and_the_rest_is_read(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(_minimal_pdf(b"0 0 1 rg 10 10 100 100 re f"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body at all\n" * 20)
    (tmp_path / "statement.pdf").write_bytes((STATEMENTS / "vietnam_united_states_2023.pdf").read_bytes())
    articles, problems = _read(tmp_path)
    assert [a.source for a in articles] == [str(tmp_path / "statement.pdf")]
    messages = {Path(p.source).name: p.message for p in problems}
    assert messages.keys() == {"broken.pdf", "scan.pdf"}
    assert messages["broken.pdf"].startswith("not a readable PDF (")
    assert messages["scan.pdf"] == "no text in this PDF (a scanned image needs OCR first); skipped"


# --- Word --------------------------------------------------------------------------------------


def test_docx_reads_paragraphs_and_tables_in_order_with_title_and_stated_date(tmp_path):
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = "Ministry letterhead, not the statement"
    document.add_heading("Joint Statement between Kazakhstan and Uzbekistan", level=1)
    document.add_paragraph("22 December 2022, Tashkent")
    document.add_paragraph(
        "The presidents of Kazakhstan and Uzbekistan signed a treaty on allied relations in Tashkent on Thursday."
    )
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Both sides agreed to raise trade to ten billion dollars by 2030."
    table.rows[0].cells[1].text = "They will open a joint industrial zone on the border."
    document.add_paragraph("Done in Tashkent on 22 December 2022")
    document.save(tmp_path / "statement.docx")
    (article,), problems = _read(tmp_path / "statement.docx")
    assert not problems
    assert article.title == "Joint Statement between Kazakhstan and Uzbekistan"
    assert article.published == "2022-12-22"
    assert "letterhead" not in article.text
    assert article.text.index("allied relations") < article.text.index("ten billion") < article.text.index("border")


def test_docx_fixture_gives_the_same_text_as_its_pdf():
    (from_docx,), _ = _read(STATEMENTS / "vietnam_united_states_2023.docx")
    (from_pdf,), _ = _read(STATEMENTS / "vietnam_united_states_2023.pdf")
    assert from_docx.text == from_pdf.text and from_docx.id == from_pdf.id


def test_cli_reads_a_word_joint_statement():
    result, lines = _extract(STATEMENTS / "vietnam_united_states_2023.docx")
    assert result.exit_code == 0, result.output
    partnerships = {
        (tuple(sorted(q["id"] for q in p["parties"])), p["level"], p["change"], p["date"])
        for p in lines
        if p["type"] == "partnership"
    }
    assert partnerships == {(("USA", "VNM"), "comprehensive strategic partnership", "upgrade", "2023-09-10")}


def test_docx_that_is_not_a_word_file_is_one_problem(tmp_path):
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip archive")
    articles, (problem,) = _read(tmp_path / "fake.docx")
    assert not articles and problem.message.startswith("not a readable Word document")


# --- RSS and Atom ------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Desk</title>
<item><title>Vietnam, Australia elevate ties</title><link>https://news.example/vn-au</link>
<pubDate>Thu, 07 Mar 2024 23:10:00 +1100</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Vietnam and Australia on Thursday elevated their relations to a
comprehensive strategic partnership during a visit to Canberra.</p><p>Share this</p>]]></content:encoded></item>
<item><title>Leaders meet in Astana</title><link>https://news.example/kz</link>
<description>The presidents of Kazakhstan and Azerbaijan met in Astana on Monday.</description></item>
<item><title></title><link>https://news.example/empty</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><title>China and Honduras establish ties</title><link href="https://news.example/hn"/>
<updated>2023-03-27T02:00:00+08:00</updated>
<summary type="html">&lt;p&gt;China and Honduras established diplomatic relations on Sunday.&lt;/p&gt;</summary></entry>
</feed>"""


def test_rss_items_are_articles_with_title_link_and_the_day_the_feed_wrote(tmp_path):
    (tmp_path / "desk.rss").write_text(RSS)
    articles, problems = _read(tmp_path / "desk.rss")
    first, second = articles
    assert (first.url, first.published, first.title) == (
        "https://news.example/vn-au",
        "2024-03-07",  # 23:10 in Canberra is still the 7th there (UTC would say the 7th at 12:10)
        "Vietnam, Australia elevate ties",
    )
    assert "comprehensive strategic partnership" in first.text and "Share this" not in first.text
    assert first.text.startswith("Vietnam, Australia elevate ties")
    assert (second.published, second.url) == (None, "https://news.example/kz")
    assert "met in Astana" in second.text
    assert [(p.line, p.message) for p in problems] == [(3, "item 3 has no text; skipped")]
    assert first.source.endswith("desk.rss#1") and second.source.endswith("desk.rss#2")


def test_cli_extracts_feed_items_as_dated_articles_and_names_the_empty_item(tmp_path):
    (tmp_path / "desk.rss").write_text(RSS)
    result, lines = _extract(tmp_path / "desk.rss")
    assert result.exit_code == 1  # the item with no text is named
    assert result.stderr.strip().endswith("desk.rss:3: item 3 has no text; skipped")
    documents = {x["url"]: x["published"] for x in lines if x["type"] == "document"}
    assert documents == {"https://news.example/vn-au": "2024-03-07", "https://news.example/kz": None}
    (partnership,) = [x for x in lines if x["type"] == "partnership"]
    assert [q["id"] for q in partnership["parties"]] == ["AUS", "VNM"]
    assert (partnership["level"], partnership["date"]) == ("comprehensive strategic partnership", "2024-03-07")


def test_atom_entry_uses_updated_when_it_has_no_published_date(tmp_path):
    (tmp_path / "desk.atom").write_text(ATOM)
    (article,), problems = _read(tmp_path / "desk.atom")
    assert not problems
    assert (article.published, article.url) == ("2023-03-27", "https://news.example/hn")
    assert "established diplomatic relations" in article.text and "<p>" not in article.text


def test_xml_that_is_not_a_feed_is_named(tmp_path):
    (tmp_path / "sitemap.xml").write_text("<?xml version='1.0'?><urlset><url><loc>x</loc></url></urlset>")
    articles, (problem,) = _read(tmp_path / "sitemap.xml")
    assert not articles and problem.message == "not an RSS or Atom feed; skipped"


# --- WARC --------------------------------------------------------------------------------------

PAGE = """<html><head><title>{title}</title>{meta}</head><body><nav>Home | World | Business</nav>
<article><h1>{title}</h1><p>{body}</p></article><footer>Copyright News Desk</footer></body></html>"""

PAGES = [
    (
        "https://news.example/2023/kz-uz",
        '<meta property="article:published_time" content="2022-12-22T10:00:00+05:00">',
        "Kazakhstan, Uzbekistan sign allied treaty",
        "The presidents of Kazakhstan and Uzbekistan signed a treaty on allied relations in Tashkent on Thursday.",
    ),
    (
        "https://news.example/2023/vn-us",
        "",
        "Vietnam, US upgrade ties",
        "Vietnam and the United States elevated relations to a comprehensive strategic partnership in Hanoi.",
    ),
    (
        "https://news.example/2023/cn-hn",
        '<meta name="date" content="2023-03-26">',
        "China, Honduras establish relations",
        "China and Honduras established diplomatic relations on Sunday, the foreign ministers said in Beijing.",
    ),
]


def _write_warc(path: Path, compress: bool) -> None:
    """A crawl of 2026 with three HTML pages, an image, a redirect and a request (FastWARC writes it)."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    def record(kind, uri, payload, content_type="application/http; msgtype=response"):
        rec = WarcRecord()
        rec.init_headers(record_type=kind)
        rec.headers["WARC-Date"] = "2026-11-30T08:00:00Z"
        rec.headers["WARC-Target-URI"] = uri
        rec.headers["Content-Type"] = content_type
        rec.set_bytes_content(payload)
        raw = io.BytesIO()
        rec.write(raw)
        return gzip.compress(raw.getvalue()) if compress else raw.getvalue()  # .warc.gz: one gzip member a record

    def http(status, content_type, body):
        head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
        return head.encode() + body

    records = [record(WarcRecordType.request, PAGES[0][0], b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n")]
    for uri, meta, title, body in PAGES:
        html = PAGE.format(title=title, meta=meta, body=body).encode("utf-8")
        records.append(record(WarcRecordType.response, uri, http("200 OK", "text/html; charset=utf-8", html)))
    records.append(
        record(WarcRecordType.response, "https://news.example/logo.png", http("200 OK", "image/png", b"\x89PNG\r\n"))
    )
    records.append(record(WarcRecordType.response, "https://news.example/old", http("301 Moved", "text/html", b"")))
    path.write_bytes(b"".join(records))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_are_articles_with_target_uri_and_the_page_date(tmp_path, name):
    _write_warc(tmp_path / name, compress=name.endswith(".gz"))
    articles, problems = _read(tmp_path / name)
    assert [a.url for a in articles] == [uri for uri, *_ in PAGES]
    # The page's own date, never the crawl's (WARC-Date 2026-11-30).
    assert [a.published for a in articles] == ["2022-12-22", None, "2023-03-26"]
    assert all("Copyright" not in a.text and "Home |" not in a.text for a in articles)
    assert [a.source for a in articles] == [f"{tmp_path / name}#{n}" for n in (2, 3, 4)]
    (skipped,) = problems
    assert skipped.message == "skipped 3 of 6 records, not HTML pages: HTTP 301 1, image/png 1, request record 1"
    assert skipped.warning


def test_cli_extracts_partnerships_from_a_warc(tmp_path):
    _write_warc(tmp_path / "crawl.warc.gz", compress=True)
    result, lines = _extract(tmp_path / "crawl.warc.gz")
    documents = {x["url"]: x["published"] for x in lines if x["type"] == "document"}
    assert documents == {PAGES[0][0]: "2022-12-22", PAGES[1][0]: None, PAGES[2][0]: "2023-03-26"}
    levels = {(tuple(sorted(q["id"] for q in p["parties"])), p["level"]) for p in lines if p["type"] == "partnership"}
    assert (("USA", "VNM"), "comprehensive strategic partnership") in levels
    assert "skipped 3 of 6 records" in result.stderr
    assert result.exit_code == 0  # the image, the redirect and the request were never articles


def test_a_truncated_warc_keeps_the_records_before_the_break(tmp_path):
    _write_warc(tmp_path / "crawl.warc.gz", compress=True)
    data = (tmp_path / "crawl.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    articles, problems = _read(tmp_path / "cut.warc.gz")
    assert [a.url for a in articles] == [uri for uri, *_ in PAGES][: len(articles)] and articles
    assert problems and all(p.source == str(tmp_path / "cut.warc.gz") for p in problems)


def test_a_warc_may_be_larger_than_the_limit_for_one_article_file(tmp_path):
    _write_warc(tmp_path / "crawl.warc.gz", compress=True)
    (tmp_path / "long.txt").write_text("China and Laos met in Vientiane on Monday to sign a plan. " * 100)
    limit = (tmp_path / "crawl.warc.gz").stat().st_size - 1
    articles, problems = _read(tmp_path, max_bytes=limit)
    assert len(articles) == len(PAGES)
    assert [Path(p.source).name for p in problems if "over the limit" in p.message] == ["long.txt"]


def test_a_warc_with_only_warnings_counts_as_read_whole(tmp_path):
    # A store records a file read whole, so the next ingest skips it unparsed; the warning about an
    # archive's images must not stop that.
    _write_warc(tmp_path / "crawl.warc.gz", compress=True)
    heard = []
    items = list(read_articles([str(tmp_path / "crawl.warc.gz")], on_source=lambda file, same: heard.append(same)))
    assert sum(isinstance(i, Article) for i in items) == len(PAGES) and heard == [False]
    (tmp_path / "cut.warc.gz").write_bytes((tmp_path / "crawl.warc.gz").read_bytes()[:-40])
    heard.clear()
    list(read_articles([str(tmp_path / "cut.warc.gz")], on_source=lambda file, same: heard.append(same)))
    assert heard == []  # a broken archive is not whole: it is read again next time
