"""Saved pages to article text: Entente's page reader against trafilatura (+ htmldate) and Resiliparse.

Entente's reader (``ingest/html.py``) is trafilatura for the story, headline and date, Entente's
page-date rules where it finds no date, and Entente's own rules for pages where it finds almost
no text; ``clean.py``'s line rules follow. It is measured with its own rules alone beside it.

Real saved pages first (``bench/real_pages.py``: English news pages from the tests of
trafilatura 1.0.0 and newspaper4k 0.9.6, downloaded from PyPI into a cache outside the
repository at run time, never committed), scored against the gold that comes with them:

- story snippets kept / furniture snippets left: the sentences trafilatura's author wrote down as
  what an extraction must contain and must not contain (7 pages);
- words kept / extra words: the share of newspaper's expected text kept, and the share of the
  output that is not in it (9 pages);
- date right: the day equals newspaper's publication date (9 pages);
- pages/s on these pages (100 KB to 2.9 MB each).

Then the HTML pages of the labelled dev sets (``tests/data/articles/dev`` and ``dev2``: pages
written after real outlets' layouts, with cookie banners, menus, bylines, share bars, related
links that name other countries, JSON-LD and ``<time>`` dates), whose gold lines give the
publication date and the facts. The real labelled corpus (``real/``) has no HTML page.

For each cleaner, every page becomes an article as ``entente extract`` makes one (the cleaner's
text and date, then Entente's line cleaning), and is scored:

- words kept: share of the story's words in the output (the story: the ``<p>`` paragraphs and the
  headline inside ``<article>``, outside bylines, share bars, related lists and figures);
- furniture left: share of the page's other text blocks (menus, banners, footers, related
  headlines, bylines, captions; 3 words or more) found in the output;
- date right: the article's publication date equals the gold ``published``;
- facts: claim F1 and level accuracy of Entente's extraction on those articles (``entente eval``);
- pages/s: cleaning alone, best of ``--repeat`` runs, on these pages and on 60 KB pages (the
  labelled texts in a news site's furniture, as ``bench/warc_reading.py`` writes them).

    pip install -r bench/requirements-compare.txt   # resiliparse (trafilatura comes with Entente)
    python bench/html_cleaners.py                   # downloads the page sets once (pip download)
    python bench/html_cleaners.py --real-only --pages /tmp/pages
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Tag

from entente.bench.real_pages import DEFAULT_CACHE, RealPage, real_pages
from entente.bench.warc_reading import _pages
from entente.ingest.html import _rules_to_text, html_to_text
from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, _one, article_from_text, decode_bytes, register_reader

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "articles"
SETS = (("dev", ARTICLES / "gold.jsonl"), ("dev2", ARTICLES / "gold2.jsonl"))
_FURNITURE_MARK = re.compile(r"byline|share|related|cookie|newsletter|promo|read-?next|tags|caption|author", re.I)

Clean = Callable[[str], tuple[str, str | None, str | None]]  # html -> (text, published, title)


def _entente(html: str) -> tuple[str, str | None, str | None]:
    page = html_to_text(html)
    return page.text, page.published, page.title


def _trafilatura(html: str) -> tuple[str, str | None, str | None]:
    import htmldate
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    return text, htmldate.find_date(html, original_date=True), None


def _resiliparse(html: str) -> tuple[str, str | None, str | None]:
    import htmldate
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    text = extract_plain_text(HTMLTree.parse(html), main_content=True)
    return text, htmldate.find_date(html, original_date=True), None


def _rules(html: str) -> tuple[str, str | None, str | None]:
    page = _rules_to_text(html)
    return page.text, page.published, page.title


ENTENTE = "entente (trafilatura + entente's date and line rules)"
RULES = "entente's own rules alone (html.py before 14c)"
CLEANERS: dict[str, Clean] = {
    ENTENTE: _entente,
    RULES: _rules,
    "trafilatura + htmldate": _trafilatura,
    "resiliparse + htmldate": _resiliparse,
}


def _truth(html: str) -> tuple[list[str], list[str]]:
    """The story's words and the page's other text blocks, from the page's own markup."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "style", "noscript", "template"]):
        tag.decompose()
    story = soup.find("article") or soup.find("main") or soup.body
    kept: list[Tag] = []
    for block in story.find_all(["h1", "p"]) if isinstance(story, Tag) else []:
        marked = any(
            _FURNITURE_MARK.search(" ".join([*(a.get("class") or []), str(a.get("id") or "")]))
            or a.name in ("aside", "nav", "footer", "figure", "figcaption")
            for a in [block, *block.parents]
            if isinstance(a, Tag)
        )
        if not marked:
            kept.append(block)
    words = [w for block in kept for w in re.findall(r"\w+", block.get_text(" ").lower())]
    for block in kept:
        block.decompose()
    furniture = []
    for string in soup.find_all(string=True):
        text = " ".join(str(string).split())
        if len(text.split()) >= 3 and not text.startswith(("<!", "{")):
            furniture.append(text)
    return words, furniture


def _pages_with_gold() -> list[tuple[Path, str | None]]:
    pages = []
    for split, gold in SETS:
        published = {}
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                published[entry["source"]] = entry.get("published")
        for path in sorted((ARTICLES / split).glob("*.htm*")):
            pages.append((path, published.get(f"{split}/{path.name}")))
    return pages


def _facts(name: str, pages: list[tuple[Path, str | None]]) -> tuple[float, float]:
    """Claim F1 and level accuracy of Entente's extraction on the pages, read with cleaner ``name``."""
    from entente import api

    clean = CLEANERS[name]

    def read(data: bytes, source: str, options: ReadOptions):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text, published, title = clean(decode_bytes(data))
        article = article_from_text(text, source, published=published, published_basis="metadata", title=title)
        yield from _one(article, source)

    register_reader([".html", ".htm"], read)
    try:
        with tempfile.TemporaryDirectory() as folder:
            claims = levels = total_claims = total_levels = 0.0
            for split, gold in SETS:
                base = Path(folder) / split
                base.mkdir()
                names = {p.name for p, _ in pages if p.parent.name == split}
                for n in names:
                    shutil.copy(ARTICLES / split / n, base / n)
                lines = [
                    ln
                    for ln in gold.read_text().splitlines()
                    if ln.strip() and json.loads(ln)["source"].split("/")[-1] in names
                ]
                (Path(folder) / f"{split}.jsonl").write_text("\n".join(lines) + "\n")
                report = api.evaluate_paths(str(Path(folder) / f"{split}.jsonl"), [str(base)])
                claims += report.headline("claim") * len(names)
                total_claims += len(names)
                levels += report.headline("level") * len(names)
                total_levels += len(names)
            return claims / total_claims, levels / total_levels
    finally:
        from entente.ingest import readers

        register_reader([".html", ".htm"], readers._read_html)


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _real(name: str, pages: list[RealPage], repeat: int) -> tuple[str, float]:
    """Cleaner ``name`` on real saved pages, scored against the gold that comes with them."""
    clean = CLEANERS[name]
    keep = keep_total = drop = drop_total = kept = total = extra = output_words = right = dated = 0
    for page in pages:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text, published, title = clean(page.html)
        article = article_from_text(text, page.name, published=published, published_basis="metadata", title=title)
        output = article.text if isinstance(article, Article) else ""
        flat = _flat(output)
        keep += sum(_flat(s) in flat for s in page.keep)
        keep_total += len(page.keep)
        drop += sum(_flat(s) in flat for s in page.drop)
        drop_total += len(page.drop)
        if page.text is not None:
            have = Counter(re.findall(r"\w+", output.lower()))
            need = Counter(re.findall(r"\w+", page.text.lower()))
            kept += sum(min(n, have[w]) for w, n in need.items())
            total += sum(need.values())
            extra += sum(max(0, n - need[w]) for w, n in have.items())
            output_words += sum(have.values())
        if page.published is not None:
            dated += 1
            right += (article.published if isinstance(article, Article) else None) == page.published
    speed = _speed(clean, [p.html for p in pages], repeat)
    return (
        f"real cleaner={name!r} real_pages={len(pages)} story_snippets_kept={keep}/{keep_total} "
        f"furniture_snippets_left={drop}/{drop_total} words_kept={kept / max(total, 1):.3f} "
        f"extra_words={extra / max(output_words, 1):.3f} date_right={right}/{dated} pages_per_s={speed:.1f}",
        speed,
    )


def _speed(clean: Clean, htmls: list[str], repeat: int) -> float:
    best = float("inf")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(repeat):
            start = time.process_time()
            for html in htmls:
                clean(html)
            best = min(best, time.process_time() - start)
    return len(htmls) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts (default 3)")
    parser.add_argument("--large", type=int, default=100, help="60 KB pages for the speed figure (default 100)")
    parser.add_argument(
        "--pages",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"where the real page sets are downloaded and unpacked (default {DEFAULT_CACHE})",
    )
    parser.add_argument("--real-only", action="store_true", help="only the real saved pages, not the dev pages")
    args = parser.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    real = real_pages(args.pages)
    print(f"commit={commit.strip()} real saved pages={len(real)} (bench/real_pages.py; CPU time, one process)")
    real_speeds = {}
    for name in CLEANERS:
        line, real_speeds[name] = _real(name, real, args.repeat)
        print(line)
    for name, speed in real_speeds.items():
        print(f"real speed_ratio[{name!r}/rules]={speed / real_speeds[RULES]:.2f}")
    if args.real_only:
        return 0
    pages = _pages_with_gold()
    htmls = [decode_bytes(p.read_bytes()) for p, _ in pages]
    large = [p.decode("utf-8") for p in _pages(args.large, 60)]
    print(f"commit={commit.strip()} pages={len(pages)} large_pages={len(large)} (CPU time, one process)")
    speeds = {}
    for name, clean in CLEANERS.items():
        kept = total = leaked = furniture = right = 0
        for (path, gold_published), html in zip(pages, htmls, strict=True):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                text, published, title = clean(html)
            article = article_from_text(text, path.name, published=published, published_basis="metadata", title=title)
            output = article.text if isinstance(article, Article) else ""
            words, blocks = _truth(html)
            have = Counter(re.findall(r"\w+", output.lower()))
            need = Counter(words)
            kept += sum(min(n, have[w]) for w, n in need.items())
            total += sum(need.values())
            flat = " ".join(output.split())
            leaked += sum(block in flat for block in blocks)
            furniture += len(blocks)
            right += (article.published if isinstance(article, Article) else None) == gold_published
        claim_f1, level_accuracy = _facts(name, pages)
        speeds[name] = (_speed(clean, htmls, args.repeat), _speed(clean, large, args.repeat))
        print(
            f"cleaner={name!r} words_kept={kept / total:.3f} furniture_left={leaked / furniture:.3f} "
            f"({leaked}/{furniture}) date_right={right}/{len(pages)} claim_f1={claim_f1:.3f} "
            f"level_accuracy={level_accuracy:.3f} pages_per_s={speeds[name][0]:.0f} "
            f"large_pages_per_s={speeds[name][1]:.0f}"
        )
    base = speeds[RULES]
    for name, (small, big) in speeds.items():
        print(f"speed_ratio[{name!r}/rules]={small / base[0]:.2f} (large pages {big / base[1]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
