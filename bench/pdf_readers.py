"""PDF text quality and speed: pypdf, pdfplumber and pdfminer.six on real joint statements.

The fixtures are the joint statements in ``tests/data/formats/statements/``: each ``NAME.txt`` (the
real text, one paragraph per block) and ``NAME.pdf`` made from it (running header, page-number
footer, justified and hyphenated lines, ligatures, two columns in one, two pages in another).
Each library's plain text is split into paragraphs at blank lines and its lines joined the same
way for all (a line-end hyphen inside a word removed); "pdfminer.six + layout" is Entente's
reader (:func:`entente.ingest.formats.pdf.pdf_paragraphs`). Scores against the real text:

- words kept: share of the real words found, in order (longest common subsequence of words);
- words extra: share of the output's words that are not the real text's (headers, page numbers,
  words broken or glued together, a column read into the other);
- paragraphs: share of the real paragraphs found whole as one paragraph of the output;
- pages/s: pages read per second of CPU time (best of ``--repeat`` runs, one process).

    pip install -r bench/requirements-compare.txt   # pypdf and pdfplumber, for the comparison only
    python bench/pdf_readers.py
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import time
from pathlib import Path

from entente.ingest.formats.pdf import _join_lines, pdf_paragraphs

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "tests" / "data" / "formats" / "statements"


def _pypdf(path: Path) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\n\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def _pdfplumber(path: Path) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n\n".join(page.extract_text() for page in pdf.pages), len(pdf.pages)


def _pdfminer(path: Path) -> tuple[str, int]:
    from pdfminer.high_level import extract_text

    text = extract_text(path)
    return text, text.count("\f") or 1


def _paragraphs(text: str) -> list[str]:
    blocks = re.split(r"\n\s*\n|\f", text)
    return [p for block in blocks if (p := _join_lines([ln for ln in block.split("\n") if ln.strip()], set()))]


def _entente(path: Path) -> tuple[list[str], int]:
    data = path.read_bytes()
    return pdf_paragraphs(data), _pdfminer(path)[1]


READERS = {
    "pypdf": lambda p: (_paragraphs(_pypdf(p)[0]), _pypdf(p)[1]),
    "pdfplumber": lambda p: (_paragraphs(_pdfplumber(p)[0]), _pdfplumber(p)[1]),
    "pdfminer.six": lambda p: (_paragraphs(_pdfminer(p)[0]), _pdfminer(p)[1]),
    "pdfminer.six + layout (Entente)": _entente,
}
TIMED = {
    "pypdf": _pypdf,
    "pdfplumber": _pdfplumber,
    "pdfminer.six": _pdfminer,
    "pdfminer.six + layout (Entente)": lambda p: pdf_paragraphs(p.read_bytes()),
}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[-’']\w+)*", text)


def _score(truth: list[str], got: list[str]) -> tuple[int, int, int, int, int]:
    real, out = _words(" ".join(truth)), _words(" ".join(got))
    matcher = difflib.SequenceMatcher(None, real, out, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    whole = {" ".join(p.split()) for p in got}
    found = sum(" ".join(p.split()) in whole for p in truth)
    return kept, len(real), len(out) - kept, len(out), found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the best counts (default 5)")
    args = parser.parse_args(argv)
    pairs = [(t, t.with_suffix(".pdf")) for t in sorted(STATEMENTS.glob("*.txt")) if t.with_suffix(".pdf").exists()]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    print(f"commit={commit.strip()} statements={len(pairs)}")
    rows = {}
    for name, read in READERS.items():
        kept = real = extra = out = found = paragraphs = pages = 0
        for text, pdf in pairs:
            truth = [" ".join(b.split()) for b in text.read_text(encoding="utf-8").split("\n\n") if b.strip()]
            got, n_pages = read(pdf)
            k, r, e, o, f = _score(truth, got)
            kept, real, extra, out, found = kept + k, real + r, extra + e, out + o, found + f
            paragraphs, pages = paragraphs + len(truth), pages + n_pages
        best = float("inf")
        for _ in range(args.repeat):
            start = time.process_time()
            for _, pdf in pairs:
                TIMED[name](pdf)
            best = min(best, time.process_time() - start)
        rows[name] = (kept / real, extra / out, found / paragraphs, pages / best)
        print(
            f"reader={name!r} words_kept={kept / real:.3f} words_extra={extra / out:.3f} "
            f"paragraphs={found / paragraphs:.3f} ({found}/{paragraphs}) pages_per_s={pages / best:.1f}"
        )
    base = rows["pdfminer.six + layout (Entente)"][3]
    for name, row in rows.items():
        print(f"speed_ratio[{name!r}/entente]={row[3] / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
