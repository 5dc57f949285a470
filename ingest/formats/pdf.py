"""PDF documents (joint statements, readouts, communiqués) to article text, with pdfminer.six.

pdfminer.six groups a page's characters into text boxes with their positions. The boxes are put
in reading order here (columns left to right between full-width blocks, top to bottom), running
headers, footers and page numbers are dropped, the lines of a box become one paragraph (words
split at a line-end hyphen are joined) and a paragraph cut by a column or page break is joined
to its continuation. The text of every page is kept, in page order.

The publication date is the one the document states
(:func:`~entente.ingest.formats.document.stated_date`). A PDF's own creation date is when the
file was made (printed, converted, saved again), not when the statement was issued: not used.

``docs/inputs.md`` has the comparison of pypdf, pdfplumber and pdfminer.six behind this choice.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from entente.ingest.formats.document import SENTENCE_END, document_article
from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, ReadProblem

__all__ = ["pdf_paragraphs", "read_pdf"]

#: A header or footer lies in this share of the page height at its top or bottom.
_MARGIN_BAND = 0.08
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.I)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_HYPHEN_END = re.compile(r"(\w)[-‐­]$")


@dataclass(frozen=True)
class _Box:
    """A text box of a page: its lines and where it stands (PDF points, origin bottom left)."""

    lines: tuple[str, ...]
    x0: float
    x1: float
    top: float  # distance from the page's top edge to the box's top
    bottom: float  # distance from the page's top edge to the box's bottom

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


def _page_boxes(page: object) -> tuple[list[_Box], float, float]:
    from pdfminer.layout import LTTextBox, LTTextLine

    width, height = page.width, page.height  # type: ignore[attr-defined]
    boxes = []
    for element in page:  # type: ignore[attr-defined]
        if not isinstance(element, LTTextBox):
            continue
        lines = tuple(
            line.get_text().translate(_LIGATURES).strip()
            for line in element
            if isinstance(line, LTTextLine) and line.get_text().strip()
        )
        if lines:
            boxes.append(_Box(lines, element.x0, element.x1, height - element.y1, height - element.y0))
    return boxes, width, height


def _furniture(boxes_by_page: list[tuple[list[_Box], float, float]]) -> set[tuple[int, int]]:
    """(page, box) positions of running headers, footers and page numbers."""
    repeated = Counter(
        re.sub(r"\d+", "#", box.text)
        for boxes, _, height in boxes_by_page
        for box in boxes
        if box.top < height * _MARGIN_BAND or box.bottom > height * (1 - _MARGIN_BAND)
    )
    found = set()
    for page, (boxes, _, height) in enumerate(boxes_by_page):
        for index, box in enumerate(boxes):
            in_band = box.bottom < height * _MARGIN_BAND or box.top > height * (1 - _MARGIN_BAND)
            short = len(box.text.split()) <= 10 and not SENTENCE_END.search(box.text)
            if _PAGE_NUMBER.match(box.text) or (
                in_band and (short or (len(boxes_by_page) > 1 and repeated[re.sub(r"\d+", "#", box.text)] > 1))
            ):
                found.add((page, index))
    return found


def _spans(box: _Box, width: float) -> bool:
    """Whether ``box`` runs across the middle of the page (a full-width block, not a column's)."""
    return box.x0 < width * 0.45 and box.x1 > width * 0.55


def _reading_order(boxes: list[_Box], width: float) -> list[list[_Box]]:
    """The page's boxes as runs read without a break: full-width blocks, then each column."""
    middle = width / 2
    spans = [b for b in boxes if _spans(b, width)]
    runs: list[list[_Box]] = []
    pending: list[_Box] = []

    def flush() -> None:
        left = sorted((b for b in pending if b.x0 < middle), key=lambda b: b.top)
        right = sorted((b for b in pending if b.x0 >= middle), key=lambda b: b.top)
        runs.extend(run for run in (left, right) if run)
        pending.clear()

    for box in sorted(boxes, key=lambda b: b.top):
        if box in spans:
            flush()
            if runs and runs[-1] and runs[-1][-1] in spans:
                runs[-1].append(box)
            else:
                runs.append([box])
        else:
            pending.append(box)
    flush()
    return runs


def _join_lines(lines: list[str], hyphenated: set[str]) -> str:
    """Lines of one paragraph as one line: a word split by a line-end hyphen is joined unless the
    document writes it with a hyphen elsewhere ("self-reliant") or it goes on with a capital or a
    digit ("Franco-Indian", "14-15")."""
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not text:
            text = line
            continue
        split = _HYPHEN_END.search(text)
        if split and line[:1].isalpha() and line[:1].islower():
            head = text.rsplit(" ", 1)[-1][:-1]
            tail = line.split(" ", 1)[0]
            keep = f"{head}-{tail}".lower().strip(".,;:") in hyphenated
            text = text[:-1] + ("-" if keep else "") + line
        elif split and (line[:1].isupper() or line[:1].isdigit()):
            text += line
        else:
            text += " " + line
    return text


def pdf_paragraphs(data: bytes) -> list[str]:
    """The paragraphs of a PDF in reading order, page furniture left out.

    Raises pdfminer's own errors for a file that is not a readable PDF.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    pages = [_page_boxes(page) for page in extract_pages(io.BytesIO(data), laparams=LAParams())]
    furniture = _furniture(pages)
    every_line = " ".join(line for boxes, _, _ in pages for box in boxes for line in box.lines)
    hyphenated = {w.lower().strip(".,;:") for w in re.findall(r"\b\w+-\w+\b", every_line)}
    paragraphs: list[list[str]] = []
    open_end = False  # the last paragraph ran to a column or page break without ending
    for page, (boxes, width, _) in enumerate(pages):
        kept = [box for index, box in enumerate(boxes) if (page, index) not in furniture]
        runs = _reading_order(kept, width)
        for number, run in enumerate(runs):
            for position, box in enumerate(run):
                lines = list(box.lines)
                starts_low = box.text[:1].islower()
                if position == 0 and paragraphs and open_end and (starts_low or not box.text[:1].isdigit()):
                    paragraphs[-1].extend(lines)  # the paragraph goes on after the break
                else:
                    paragraphs.append(lines)
            # A column ends at a break; a full-width block only at the foot of the page.
            at_break = len(run) == 1 and number < len(runs) - 1 and _spans(run[0], width)
            open_end = not at_break and not SENTENCE_END.search(run[-1].text) and len(run[-1].text.split()) > 8
    return [text for lines in paragraphs if (text := _join_lines(lines, hyphenated))]


def read_pdf(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """The article of a PDF document, or why there is none."""
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        paragraphs = pdf_paragraphs(data)
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        yield ReadProblem(source, f"not a readable PDF ({type(exc).__name__}: {exc}); skipped")
        return
    if not paragraphs:
        yield ReadProblem(source, "no text in this PDF (a scanned image needs OCR first); skipped")
        return
    article = document_article(paragraphs, source, options)
    yield ReadProblem(source, "no article text found") if article is None else article
