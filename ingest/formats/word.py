"""Word documents (``.docx``) to article text, with python-docx.

The body's paragraphs and table cells are read in document order, one paragraph per block; the
title is the document's own (its properties, else its first Title or Heading paragraph). The
publication date is the one the document states
(:func:`~entente.ingest.formats.document.stated_date`); the file's created and modified times say
when it was written or saved, not when it was issued, and are not used.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from entente.ingest.formats.document import document_article
from entente.ingest.model import Article
from entente.ingest.readers import ReadOptions, ReadProblem

__all__ = ["docx_paragraphs", "read_docx"]


def docx_paragraphs(data: bytes) -> tuple[list[str], str | None]:
    """The non-empty paragraphs of a ``.docx`` in document order, and its title if it names one."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    paragraphs: list[str] = []
    title = (document.core_properties.title or "").strip() or None
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            style = block.style.name if block.style is not None else ""
            if text and title is None and (style == "Title" or style.startswith("Heading")):
                title = text
            cells = [text]
        elif isinstance(block, Table):
            cells = []
            for row in block.rows:
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # a merged cell repeats
                        cells.append(text)
        paragraphs.extend(text for text in cells if text)
    return paragraphs, title


def read_docx(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """The article of a Word document, or why there is none."""
    try:
        paragraphs, title = docx_paragraphs(data)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        yield ReadProblem(source, f"not a readable Word document ({type(exc).__name__}: {exc}); skipped")
        return
    article = document_article(paragraphs, source, options, title=title)
    yield ReadProblem(source, "no article text found") if article is None else article
