"""Make the joint-statement PDFs in ``statements/`` from their texts (run by hand; needs LibreOffice).

Each ``statements/NAME.txt`` holds a real joint statement (the excerpt a public web archive
stored; sources in ``statements/SOURCES.md``), one paragraph per block, the title first. This
script lays each out as an official document would be: a Word file with a running header and a
page-number footer, justified and hyphenated text, ligature-setting fonts, one of them in two
columns, and LibreOffice turns it into a PDF. The ``.docx`` is kept too (the Word reader's fixture).

    python tests/data/formats/make_statement_pdfs.py   # writes statements/NAME.docx and NAME.pdf

The tests read the committed PDFs; they never run this script (CI has no LibreOffice).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent / "statements"

# name: (font, size in points, justified, columns, running header)
LAYOUTS = {
    "china_iran_2016": ("Linux Libertine O", 13, True, 1, "China–Iran Joint Statement"),
    "india_france_2013": ("Liberation Serif", 11, True, 2, "India–France Joint Statement"),
    "china_solomon_islands_2023": ("DejaVu Sans", 11, False, 1, "Joint Statement"),
    "vietnam_united_states_2023": ("Liberation Sans", 11, True, 1, "Joint Leaders' Statement"),
}


def _field(paragraph, instruction: str) -> None:
    """A Word field (``PAGE``) in ``paragraph``: LibreOffice fills in the page number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _document(name: str, blocks: list[str]) -> Document:
    font, size, justified, columns, header = LAYOUTS[name]
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = font, Pt(size)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    style.element.get_or_add_rPr().append(language)
    hyphenate = OxmlElement("w:autoHyphenation")
    document.settings.element.append(hyphenate)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(3)
    section.header.paragraphs[0].text = header
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("– ")
    _field(footer, "PAGE")
    footer.add_run(" –")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(blocks[0])
    run.bold, run.font.size = True, Pt(size + 3)
    if columns > 1:
        body = document.add_section(WD_SECTION.CONTINUOUS)
        cols = body._sectPr.xpath("./w:cols")
        element = cols[0] if cols else OxmlElement("w:cols")
        element.set(qn("w:num"), str(columns))
        element.set(qn("w:space"), "567")
        if not cols:
            body._sectPr.append(element)
    for block in blocks[1:]:
        paragraph = document.add_paragraph(block)
        short = len(block.split()) < 8
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justified and not short else WD_ALIGN_PARAGRAPH.LEFT
        if short and not any(ch.isdigit() for ch in block):
            paragraph.runs[0].bold = True  # a section heading
    return document


def main() -> int:
    with tempfile.TemporaryDirectory() as profile:
        for text in sorted(HERE.glob("*.txt")):
            blocks = [" ".join(b.split()) for b in text.read_text(encoding="utf-8").split("\n\n") if b.strip()]
            docx = text.with_suffix(".docx")
            _document(text.stem, blocks).save(str(docx))
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(HERE),
                    str(docx),
                ],
                check=True,
                capture_output=True,
            )
            print(text.with_suffix(".pdf").name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
