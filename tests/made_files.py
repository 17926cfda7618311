"""PDF and Word files the tests make, with the text the seeder must store.

The PDF is laid out line by line, as a typesetter would: three pages, each
with a running header and a "Page N of 3" footer, a word hyphenated at a line
end, a compound whose hyphen falls at a line end (kept, as the document also
writes it inside a line), a paragraph cut by a page break, and blank space
between paragraphs.
"""
from __future__ import annotations

from pathlib import Path

HEADER = "Coastal Times - Harbour report"
PDF_PAGES = [
    ["Harbour strike enters its second week",
     None,
     "The port authority said on Monday that about 2,000 dock-",
     "workers had joined the strike at the northern terminal, a well-",
     "known gathering place.",
     None,
     '"We will not return until the contract is signed," union leader',
     "Ana Duarte told reporters.",
     None,
     "Officials denied that cargo was being diverted to other ports, and",
     "the ministry said the well-known terminal would reopen once the"],
    ["talks had ended.",
     None,
     "A spokesman for the operator said 300 containers were waiting at the",
     "quay."],
    ["The strike is the longest since 1998, according to the union."],
]
PDF_TEXT = (
    "Harbour strike enters its second week\n\n"
    "The port authority said on Monday that about 2,000 dockworkers had joined the strike at the "
    "northern terminal, a well-known gathering place.\n\n"
    '"We will not return until the contract is signed," union leader Ana Duarte told reporters.\n\n'
    "Officials denied that cargo was being diverted to other ports, and the ministry said the "
    "well-known terminal would reopen once the talks had ended.\n\n"
    "A spokesman for the operator said 300 containers were waiting at the quay.\n\n"
    "The strike is the longest since 1998, according to the union."
)


def make_pdf(path: Path, pages: list[list[str | None]] = PDF_PAGES, header: str = HEADER) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for n, lines in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_xy(15, 10)
        pdf.cell(0, 5, header)
        y = 25.0
        for line in lines:
            if line is not None:
                pdf.set_xy(15, y)
                pdf.cell(0, 6, line)
            y += 6 if line is not None else 7  # a blank line's worth between paragraphs
        pdf.set_xy(15, 282)
        pdf.cell(0, 5, f"Page {n} of {len(pages)}")
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose one page is a picture: no text layer."""
    from fpdf import FPDF
    from PIL import Image

    picture = path.with_suffix(".png")
    Image.new("RGB", (200, 280), "white").save(picture)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(picture), x=10, y=10, w=190)
    pdf.output(str(path))
    picture.unlink()
    return path


DOCX_TEXT = (
    "Ferry operator cuts three routes\n\n"
    "The operator said on Tuesday that it would cut three routes from April, citing fuel costs.\n\n"
    '"We cannot run half-empty boats all winter," chief executive Lena Holm told reporters.\n\n'
    "Passengers\n\n"
    "Analysts expect more than 40% of passengers to switch to buses."
)


def make_docx(path: Path) -> Path:
    """A Word file with a title, a heading, a soft line break and a soft hyphen
    in its paragraphs, and a page header, a table and an empty paragraph that
    are not the article's text."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Island Weekly - internal draft"
    document.add_heading("Ferry operator cuts three routes", level=0)
    p = document.add_paragraph("The operator said on Tuesday that it would cut three routes from April,")
    p.add_run().add_break()  # a line break inside the paragraph
    p.add_run("citing fuel costs.")
    document.add_paragraph("")
    document.add_paragraph('"We cannot run half-empty boats all win\u00adter," chief executive Lena Holm '
                           "told reporters.")
    document.add_heading("Passengers", level=2)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Route"
    table.rows[0].cells[1].text = "Passengers"
    document.add_paragraph("Analysts expect more than 40% of passengers to switch to buses.")
    document.save(str(path))
    return path
