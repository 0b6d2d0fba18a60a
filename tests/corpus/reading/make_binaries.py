#!/usr/bin/env python3
"""Build the .docx and .pdf documents of the reading corpus from their text sources.

Each NAME.docx.txt becomes NAME.docx and each NAME.pdf.txt becomes NAME.pdf, in this folder.

    pip install python-docx reportlab
    python3 tests/corpus/reading/make_binaries.py

Source markup (one directive or block per line):

    # Title                  heading level 1 (docx: Heading 1 style; pdf: title style)
    ## Heading               heading level 2
    | a | b | c |            table row; consecutive rows form one table, the first row is the header
    @header: text            PDF only: a running header line printed on every page (at most two)
    @pagenumbers             PDF only: print the page number at the foot of every page
    @pagebreak               start a new page
    anything else            body text; a blank line ends a paragraph, lines inside one are joined

The output is made reproducible: fixed document dates, and reportlab's invariant mode.
"""

from __future__ import annotations

import datetime as _dt
import pathlib
import sys
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
FIXED_TIME = _dt.datetime(2026, 1, 1, 0, 0, 0)


def parse(text: str):
    """Return (meta, blocks). blocks: ("h1"|"h2"|"p", str) | ("table", rows) | ("pagebreak", None)."""
    meta = {"headers": [], "pagenumbers": False}
    blocks: list = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("@header:"):
            meta["headers"].append(line[len("@header:"):].strip())
            continue
        if line == "@pagenumbers":
            meta["pagenumbers"] = True
            continue
        if line == "@pagebreak":
            flush()
            blocks.append(("pagebreak", None))
            continue
        if line.startswith("|"):
            if para:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            table.append(cells)
            continue
        if table:
            flush()
        if not line.strip():
            flush()
            continue
        if line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
            continue
        if line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
            continue
        para.append(line)
    flush()
    return meta, blocks


def language_of(blocks) -> str:
    text = " ".join(b[1] for b in blocks if b[0] in ("h1", "h2", "p"))
    spanish = sum(text.count(w) for w in (" el ", " la ", " de ", " del ", " que "))
    english = sum(text.count(w) for w in (" the ", " of ", " and ", " shall "))
    return "es" if spanish > english else "en"


def build_docx(src: pathlib.Path, out: pathlib.Path) -> None:
    import docx
    from docx.shared import Pt

    meta, blocks = parse(src.read_text(encoding="utf-8"))
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    title = None
    for kind, value in blocks:
        if kind == "h1":
            document.add_heading(value, level=1)
            title = title or value
        elif kind == "h2":
            document.add_heading(value, level=2)
        elif kind == "p":
            document.add_paragraph(value)
        elif kind == "pagebreak":
            document.add_page_break()
        elif kind == "table":
            ncols = max(len(r) for r in value)
            table = document.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(value):
                cells = table.add_row().cells
                for j in range(ncols):
                    cells[j].text = row[j] if j < len(row) else ""
                    if i == 0:
                        for run in cells[j].paragraphs[0].runs:
                            run.bold = True
            document.add_paragraph("")
    props = document.core_properties
    props.title = title or ""
    props.author = "Renewal Desk test corpus"
    props.last_modified_by = "Renewal Desk test corpus"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 1
    props.language = language_of(blocks)
    document.save(str(out))


def build_pdf(src: pathlib.Path, out: pathlib.Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                    TableStyle)

    meta, blocks = parse(src.read_text(encoding="utf-8"))
    lang = language_of(blocks)
    headers = meta["headers"][:2]
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=10,
                          leading=13.5, spaceAfter=5)
    h1 = ParagraphStyle("h1", parent=styles["Title"], fontName="Helvetica-Bold", fontSize=15,
                        leading=19, alignment=TA_CENTER, spaceAfter=10)
    h2 = ParagraphStyle("h2", parent=styles["Heading2"], fontName="Helvetica-Bold", fontSize=11,
                        leading=14, spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)

    story = []
    title = None
    for kind, value in blocks:
        if kind == "h1":
            story.append(Paragraph(escape(value), h1))
            title = title or value
        elif kind == "h2":
            story.append(Paragraph(escape(value), h2))
        elif kind == "p":
            story.append(Paragraph(escape(value), body))
        elif kind == "pagebreak":
            story.append(PageBreak())
        elif kind == "table":
            data = [[Paragraph(escape(c), cell) for c in row] for row in value]
            t = Table(data, repeatRows=1, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            story.append(t)
            story.append(Spacer(1, 6))

    page_word = "Página" if lang == "es" else "Page"

    def decorate(canvas, doc):
        canvas.saveState()
        width, height = A4
        if headers:
            canvas.setFont("Helvetica", 8)
            y = height - 12 * mm
            for line in headers:
                canvas.drawString(20 * mm, y, line)
                y -= 10
            canvas.setLineWidth(0.4)
            canvas.line(20 * mm, y + 4, width - 20 * mm, y + 4)
        if meta["pagenumbers"]:
            canvas.setFont("Helvetica", 8)
            canvas.drawCentredString(width / 2, 10 * mm, f"{page_word} {doc.page}")
        canvas.restoreState()

    top = 28 * mm if headers else 20 * mm
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=top, bottomMargin=20 * mm, title=title or "",
                            author="Renewal Desk test corpus", creator="make_binaries.py",
                            invariant=1)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


def main() -> int:
    made = []
    for src in sorted(HERE.glob("*.docx.txt")):
        out = src.with_suffix("")  # NAME.docx
        build_docx(src, out)
        made.append(out)
    for src in sorted(HERE.glob("*.pdf.txt")):
        out = src.with_suffix("")  # NAME.pdf
        build_pdf(src, out)
        made.append(out)
    too_big = [p for p in made if p.stat().st_size >= 60 * 1024]
    for p in made:
        print(f"{p.name}\t{p.stat().st_size} bytes")
    if too_big:
        print("too big (>= 60 KB):", ", ".join(p.name for p in too_big), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
