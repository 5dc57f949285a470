"""WARC reading speed: records per second, FastWARC against warcio, and Entente's WARC reader.

Writes a gzipped WARC like a news crawl's (one gzip member a record; for every page a request and
an HTML response of about ``--page-kb`` kilobytes: the labelled articles' texts inside a news
site's page furniture; and every tenth record an image), then times, best of ``--repeat`` runs:

- ``fastwarc``: FastWARC iterating every record and reading each response's HTTP payload;
- ``warcio``: the same with warcio (the other maintained library), when it is installed;
- ``entente``: :func:`entente.ingest.formats.warc.read_warc`, records to articles (HTML cleaned
  to text, the page's date read), which is what ``entente ingest crawl.warc.gz`` does before
  extraction.

Times are CPU time (one process, so a busy machine does not count). Prints ``name=value``
lines, figures and ratios.

    pip install -r bench/requirements-compare.txt   # warcio, for the comparison only
    python bench/warc_reading.py --pages 2000
"""

from __future__ import annotations

import argparse
import gzip
import io
import subprocess
import tempfile
import time
from pathlib import Path

from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, decode_bytes

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "data" / "articles"

FURNITURE = """<html><head><meta charset="utf-8"><title>{title} | News Desk</title>
<meta property="article:published_time" content="2023-0{month}-1{day}T08:00:00Z">
<script>{script}</script><style>{style}</style></head><body>
<header class="site-header"><nav>{menu}</nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all</div>
<main><article><h1>{title}</h1><div class="byline">By Staff Reporter</div>{paragraphs}
<div class="share">Share on Facebook Share on X Email</div></article>
<aside class="related"><h3>Related</h3><ul>{related}</ul></aside></main>
<footer>{footer}</footer></body></html>"""


def _pages(n: int, page_kb: int) -> list[bytes]:
    texts = [decode_bytes(p.read_bytes()) for p in sorted(TEXTS.rglob("*.txt")) if "holdout" not in p.parts]
    pages = []
    for i in range(n):
        text = texts[i % len(texts)]
        paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
        page = FURNITURE.format(
            title=text.split("\n", 1)[0][:90],
            month=1 + i % 9,
            day=i % 10,
            script="var tracking = {};" * 40,
            style=".a{color:#333}" * 60,
            menu=" ".join(f"<a href='/s{j}'>Section {j}</a>" for j in range(30)),
            paragraphs=paragraphs,
            related="".join(f"<li><a href='/r{j}'>Another story headline number {j}</a></li>" for j in range(15)),
            footer="About us | Contact | Privacy policy | Terms of use " * 8,
        )
        raw = page.encode("utf-8")
        padding = max(0, page_kb * 1024 - len(raw))
        pages.append(raw.replace(b"</body>", b"<!-- " + b"x" * padding + b" --></body>"))
    return pages


def _write(path: Path, pages: list[bytes]) -> int:
    from fastwarc.warc import WarcRecord, WarcRecordType

    def record(kind, uri, payload):
        rec = WarcRecord()
        rec.init_headers(record_type=kind)
        rec.headers["WARC-Target-URI"] = uri
        rec.headers["Content-Type"] = "application/http; msgtype=" + (
            "request" if kind == WarcRecordType.request else "response"
        )
        rec.set_bytes_content(payload)
        raw = io.BytesIO()
        rec.write(raw)
        return gzip.compress(raw.getvalue(), compresslevel=6)

    count = 0
    with path.open("wb") as out:
        for i, page in enumerate(pages):
            uri = f"https://news.example/{i}"
            out.write(record(WarcRecordType.request, uri, f"GET /{i} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()))
            head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(page)}\r\n\r\n"
            out.write(record(WarcRecordType.response, uri, head.encode() + page))
            count += 2
            if i % 5 == 0:
                image = b"\x89PNG\r\n" + b"\x00" * 4000
                head = f"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {len(image)}\r\n\r\n"
                out.write(record(WarcRecordType.response, f"{uri}.png", head.encode() + image))
                count += 1
    return count


def _fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, parse_http=True):
            if record.record_type == WarcRecordType.response:
                record.reader.read()
            n += 1
    return n


def _warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                record.content_stream().read()
            n += 1
    return n


def _entente(path: Path) -> int:
    from entente.ingest.formats.warc import read_warc

    return sum(isinstance(a, Article) for a in read_warc(path.read_bytes(), str(path), ReadOptions()))


def _best(run, path: Path, repeat: int) -> tuple[float, int]:
    best, result = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        result = run(path)
        best = min(best, time.process_time() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="HTML pages in the archive (default 2000)")
    parser.add_argument("--page-kb", type=int, default=60, help="size of a page in KB (default 60)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts (default 3)")
    args = parser.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crawl.warc.gz"
        records = _write(path, _pages(args.pages, args.page_kb))
        size = path.stat().st_size
        print(f"commit={commit.strip()} records={records} html_pages={args.pages} warc_gz_bytes={size}")
        runs = {"fastwarc": _fastwarc, "entente": _entente}
        try:
            import warcio  # noqa: F401

            runs["warcio"] = _warcio
        except ImportError:
            print("warcio=not installed (pip install -r bench/requirements-compare.txt)")
        rates = {}
        for name, run in runs.items():
            seconds, result = _best(run, path, args.repeat)
            rates[name] = records / seconds
            unit = "articles" if name == "entente" else "records"
            print(f"{name}_seconds={seconds:.3f} {name}_{unit}={result} {name}_records_per_s={records / seconds:.0f}")
            print(f"{name}_html_pages_per_s={args.pages / seconds:.0f} {name}_mb_per_s={size / seconds / 1e6:.1f}")
        if "warcio" in rates:
            print(f"ratio_fastwarc_over_warcio={rates['fastwarc'] / rates['warcio']:.2f}")
        print(f"ratio_entente_over_fastwarc={rates['entente'] / rates['fastwarc']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
