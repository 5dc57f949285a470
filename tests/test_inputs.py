"""Inputs as analysts have them: other people's JSONL and CSV field names, their date forms,
Markdown and extension-less text, saved-complete page folders, undated facts shown, not dropped.

The command line runs as a subprocess (tests/harness.py), against both stores where a store is
involved.
"""

from __future__ import annotations

import json

import pytest

from entente.ingest.readers import ReadOptions, ReadProblem, read_articles

from .harness import run_entente

TLS = (
    "Chinese President Xi Jinping met Timor-Leste Prime Minister Xanana Gusmao in Hangzhou on Saturday. The two sides"
    " announced the elevation of bilateral ties to a comprehensive strategic partnership."
)
BLR = (
    "Chinese President Xi Jinping met Belarusian President Alexander Lukashenko in Minsk on Thursday. The two sides"
    " agreed to elevate ties to an all-weather comprehensive strategic partnership."
)
LAO = (
    "Chinese President Xi Jinping met Lao President Thongloun Sisoulith in Vientiane. The two countries agreed to"
    " build a comprehensive strategic partnership."
)
KGZ = (
    "Chinese President Xi Jinping met Kyrgyz President Sadyr Japarov in Bishkek on Monday, 2 June 2025. The two"
    " sides agreed to build a comprehensive strategic partnership in the new era."
)


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _partnerships(graph):
    """``{pair: (level, valid_from)}`` of a store's graph."""
    return {
        "-".join(sorted((u, v))): (d["level"], d.get("valid_from"))
        for u, v, d in graph.edges(data=True)
        if d.get("type") == "PARTNERSHIP"
    }


def _lines(result, prefix="entente: "):
    return [line for line in result.stderr.splitlines() if line.startswith(prefix)]


def test_jsonl_named_date_headline_link_comes_out_dated(cli_target, tmp_path):
    _jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "headline": "Ties elevated",
                "date": "Sat, 23 Sep 2023 10:00:00 +0800",
                "link": "https://e.org/a",
                "body": TLS,
            },
            {"headline": "Minsk", "pubDate": "2024-08-22T23:30:00-05:00", "link": "https://e.org/b", "content": BLR},
        ],
    )
    result = run_entente(["ingest", "feed.jsonl", *cli_target.args], cli_target.env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no date" not in result.stdout + result.stderr
    graph = cli_target.read_graph()
    assert _partnerships(graph) == {
        "CHN-TLS": ("comprehensive strategic partnership", "2023-09-23"),
        "BLR-CHN": ("all-weather comprehensive strategic partnership", "2024-08-22"),
    }
    articles = {d["url"]: d for _, d in graph.nodes(data=True) if d["label"] == "Article"}
    assert articles["https://e.org/a"]["title"] == "Ties elevated"
    assert articles["https://e.org/b"]["published"] == "2024-08-22"


def test_undated_partnerships_are_counted_and_listed_by_report_diff_and_export(cli_target, tmp_path):
    _jsonl(tmp_path / "feed.jsonl", [{"text": TLS, "published": "2023-09-23"}, {"text": LAO}])
    ingest = run_entente(["ingest", "feed.jsonl", *cli_target.args], cli_target.env, tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    assert "2 partnership pairs touched; 1 partnership has no date: give --published or a published field" in (
        ingest.stdout
    )

    report = run_entente(["report", "centrality", "--as-of", "2024-01-01", *cli_target.args], cli_target.env, tmp_path)
    assert "Undated partnerships" in report.stdout and "CHN–LAO" in report.stdout, report.stdout
    as_json = run_entente(
        ["report", "centrality", "--as-of", "2024-01-01", "--format", "json", *cli_target.args],
        cli_target.env,
        tmp_path,
    )
    assert {row["id"] for row in json.loads(as_json.stdout)} == {"CHN", "TLS"}
    assert _lines(as_json) == [
        "entente: 1 undated partnership, not in the network of any date: CHN–LAO comprehensive strategic partnership"
    ]

    diff = run_entente(
        ["diff", "2020-01-01", "2024-01-01", "--format", "json", *cli_target.args], cli_target.env, tmp_path
    )
    undated = json.loads(diff.stdout)["undated"]
    assert [(u["a"], u["b"], u["level"], u["sources"]) for u in undated] == [
        ("CHN", "LAO", "comprehensive strategic partnership", ["feed.jsonl#2"])
    ]
    diff_md = run_entente(
        ["diff", "2020-01-01", "2024-01-01", "--format", "md", *cli_target.args], cli_target.env, tmp_path
    )
    assert "| CHN–LAO | comprehensive strategic partnership | feed.jsonl#2 |" in diff_md.stdout

    snapshot = run_entente(
        ["export", "--format", "json", "-o", "s.json", "--as-of", "2024-01-01", *cli_target.args],
        cli_target.env,
        tmp_path,
    )
    assert "1 undated partnership, left out of this snapshot" in snapshot.stderr and "CHN–LAO" in snapshot.stderr
    history = run_entente(["export", "--format", "json", "-o", "h.json", *cli_target.args], cli_target.env, tmp_path)
    assert "1 undated partnership, kept, basis undated" in history.stderr
    edges = json.loads((tmp_path / "h.json").read_text())["edges"]
    assert [
        (e["basis"], e.get("valid_from"))
        for e in edges
        if e["type"] == "PARTNERSHIP" and "LAO" in e["target"] + e["source"]
    ] == [("undated", None)]


def _saved_complete(folder):
    """A page saved "complete" by a browser: the page, and its assets (scripts, styles, images, an iframe)."""
    assets = folder / "Xi meets Japarov_files"
    assets.mkdir(parents=True)
    (folder / "Xi meets Japarov.html").write_text(
        "<html><head><title>Xi meets Japarov</title><script src='x_files/a.js'></script></head><body>"
        f"<nav>Home | World</nav><article><p>{KGZ}</p></article><footer>Cookies</footer></body></html>",
        encoding="utf-8",
    )
    for name in ("jquery.js", "analytics.js", "main.css", "print.css", "logo.png", "photo.jpg", "ad-frame.html"):
        (assets / name).write_text("/* asset */ <html><body><p>Advertisement</p></body></html>", encoding="utf-8")
    (assets / "pixel").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00")
    (folder / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")


def test_a_saved_complete_page_folder_is_one_article_and_one_summary_line(cli_target, tmp_path):
    _saved_complete(tmp_path / "saved")
    result = run_entente(["ingest", "saved", *cli_target.args], cli_target.env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "entente: skipped 9 files: .css 2, .js 2, (none) 1, .html 1, .ico 1, .jpg 1, .png 1"
        " (page assets and types no reader takes; --include GLOB reads them)"
    ]
    assert cli_target.count("Article") == 1
    assert _partnerships(cli_target.read_graph()) == {"CHN-KGZ": ("comprehensive strategic partnership", "2025-06-02")}


def test_include_and_exclude_globs_choose_the_files_of_a_folder(tmp_path):
    _saved_complete(tmp_path / "saved")
    (tmp_path / "saved" / "drafts").mkdir()
    (tmp_path / "saved" / "drafts" / "laos.txt").write_text(LAO, encoding="utf-8")
    excluded = run_entente(["extract", "saved", "--exclude", "drafts"], {}, tmp_path)
    assert excluded.returncode == 0, excluded.stderr
    assert excluded.stdout.count('"type": "document"') == 1 and "skipped 10 files" in excluded.stderr
    included = run_entente(["extract", "saved", "--include", "*.txt"], {}, tmp_path)
    assert [json.loads(x)["source"] for x in included.stdout.splitlines() if '"document"' in x] == [
        "saved/drafts/laos.txt"
    ]
    assert "skipped 10 files" in included.stderr
    # a file of an asset folder is read when a glob asks for it, and then it should have been an article
    forced = run_entente(["extract", "saved", "--include", "*_files/*.html"], {}, tmp_path)
    assert forced.returncode == 1
    assert _lines(forced)[0] == "entente: saved/Xi meets Japarov_files/ad-frame.html: no article text found"


def test_an_empty_folder_or_one_with_nothing_readable_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "a.png").write_bytes(b"\x89PNG\r\n")
    result = run_entente(["extract", "empty", "pictures"], {}, tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "entente: empty: no article files in this folder",
        "entente: pictures: no article files in this folder",
        "entente: skipped 1 file: .png 1 (page assets and types no reader takes; --include GLOB reads them)",
    ]


def test_an_unsupported_file_named_on_the_command_line_is_a_problem(tmp_path):
    (tmp_path / "memo.odt").write_bytes(b"PK\x03\x04")
    result = run_entente(["extract", "memo.odt"], {}, tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("entente: memo.odt: unsupported file type '.odt'; use one of ")


def test_report_empty_lists_the_articles_that_gave_no_facts(cli_target, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kgz.txt").write_text(KGZ, encoding="utf-8")
    (tmp_path / "in" / "weather.txt").write_text("Rain is expected in Minsk on Monday, forecasters said.")
    result = run_entente(["ingest", "in", "--report-empty", *cli_target.args], cli_target.env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert _lines(result) == ["entente: no facts: in/weather.txt", "entente: 1 article gave no facts"]
    assert cli_target.count("Article") == 2


def test_explicit_field_mapping_and_day_first_dates(tmp_path):
    _jsonl(
        tmp_path / "scraped.jsonl",
        [
            {"story": BLR, "when": "03/04/2024", "extra": 1},
            {"story": TLS, "when": "23/09/2023", "other": 2},
        ],
    )
    args = ["extract", "scraped.jsonl", "--field", "text=story", "--field", "published=when"]
    month_first = run_entente(args, {}, tmp_path)
    assert month_first.returncode == 0, month_first.stderr
    docs = [json.loads(x) for x in month_first.stdout.splitlines() if '"document"' in x]
    assert [d["published"] for d in docs] == ["2024-03-04", "2023-09-23"]
    # unknown keys are named once for the file; the month-first reading is said once
    assert _lines(month_first) == [
        "entente: scraped.jsonl: keys not read: extra, other (map one with --field published=KEY etc.)",
        "entente: scraped.jsonl: dates like '03/04/2024' were read month first; give --day-first if the day comes"
        " first",
    ]
    day_first = run_entente([*args, "--day-first"], {}, tmp_path)
    docs = [json.loads(x) for x in day_first.stdout.splitlines() if '"document"' in x]
    assert [d["published"] for d in docs] == ["2024-04-03", "2023-09-23"]
    bad = run_entente(["extract", "scraped.jsonl", "--field", "body"], {}, tmp_path)
    assert bad.returncode == 2 and "use FIELD=KEY with FIELD one of text, published, title, url" in bad.stderr


def test_csv_with_a_header_goes_through_the_same_mapping(tmp_path):
    (tmp_path / "export.csv").write_text(
        'headline;date;link;body\n"Ties elevated";2023-09-23;https://e.org/a;"'
        + TLS
        + '"\n;;;\n"Minsk";22.08.2024;;"'
        + BLR.replace(".", ".\n", 1)
        + '"\n',
        encoding="utf-8",
    )
    result = run_entente(["extract", "export.csv", "--day-first"], {}, tmp_path)
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    docs = [x for x in lines if x["type"] == "document"]
    assert [(d["source"], d["published"], d["title"], d["url"]) for d in docs] == [
        ("export.csv#2", "2023-09-23", "Ties elevated", "https://e.org/a"),
        ("export.csv#4", "2024-08-22", "Minsk", None),
    ]
    assert {x["date"] for x in lines if x["type"] == "partnership"} == {"2023-09-23", "2024-08-22"}
    assert result.returncode == 1 and _lines(result) == [
        "entente: export.csv:3: needs a text field"
        ' ("text", "body", "content", "article" or --field text=KEY); line skipped'
    ], result.stderr


def test_markdown_and_extensionless_files_are_text(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "statement.md").write_text(
        f"---\ntitle: Joint statement\ndate: 2023-09-23\n---\n# China and Timor-Leste\n\n**{TLS}** See [the text](https://x.org/y).\n",
        encoding="utf-8",
    )
    (tmp_path / "notes" / "LAO_STATEMENT").write_text("date 2023-12-12 " + LAO, encoding="utf-8")
    result = run_entente(["extract", "notes"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    docs = {d["source"]: d for d in lines if d["type"] == "document"}
    assert docs["notes/statement.md"]["title"] == "Joint statement"
    assert docs["notes/statement.md"]["published"] == "2023-09-23"
    assert docs["notes/LAO_STATEMENT"]["published"] == "2023-12-12"
    assert {x["date"] for x in lines if x["type"] == "partnership"} == {"2023-09-23", "2023-12-12"}


@pytest.mark.parametrize(
    ("value", "day_first", "day"),
    [
        ("2024-08-22", False, "2024-08-22"),
        ("2024-08-22T23:30:00Z", False, "2024-08-22"),
        ("2024-08-22 08:00:00+08:00", False, "2024-08-22"),
        ("Thu, 22 Aug 2024 09:30:00 +0800", False, "2024-08-22"),
        ("22 Aug 2024 09:30 GMT", False, "2024-08-22"),
        ("20240822093000", False, "2024-08-22"),
        ("08/22/2024", False, "2024-08-22"),
        ("22/08/2024", True, "2024-08-22"),
        ("22.08.2024", True, "2024-08-22"),
        ("August 22, 2024", False, "2024-08-22"),
        ("2024-02-30", False, None),
        ("yesterday", False, None),
    ],
)
def test_date_forms(value, day_first, day):
    from entente.ingest.records import parse_published

    assert parse_published(value, day_first=day_first)[0] == day


def test_every_record_is_an_article_or_a_counted_problem(tmp_path):
    _jsonl(
        tmp_path / "mixed.jsonl",
        [{"body": TLS, "date": "someday"}, {"title": "no text"}, {"article": BLR, "datetime": None}, [1, 2]],
    )
    items = list(read_articles([tmp_path], options=ReadOptions()))
    articles = [i for i in items if not isinstance(i, ReadProblem)]
    problems = {(p.line, p.warning): p.message for p in items if isinstance(p, ReadProblem)}
    assert [(a.source.rsplit("/", 1)[-1], a.published) for a in articles] == [
        ("mixed.jsonl#1", None),
        ("mixed.jsonl#3", None),
    ]
    assert problems[(1, False)].startswith('"date" must be a date') and problems[(1, False)].endswith("date ignored")
    assert "needs a text field" in problems[(2, False)] and "needs an object" in problems[(4, False)]
    assert len(problems) == 3
