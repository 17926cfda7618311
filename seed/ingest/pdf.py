"""PDF files: the text layer, as paragraphs, through pypdf.

A PDF holds lines placed on pages, not paragraphs.  What is read back:

- each page's lines, in the order pypdf gives them, with their height on the
  page;
- running headers and footers dropped: a line among the first or last three of
  a page that recurs there on most pages (digits counted as one, so "Page 2 of
  5" recurs), and a bare page number ("7", "Page 7", "- 7 -", "7 / 12");
- lines joined into paragraphs: a paragraph ends where the gap to the next
  line is clearly wider than the page's usual line spacing, or where a short
  line ends a sentence (the last line of a typeset paragraph), or a short line
  without final punctuation is followed by a capital (a heading); a paragraph
  cut by a page break (it does not end a sentence) goes on on the next page;
- a word hyphenated at a line end joined again ("deploy-" + "ment" is
  "deployment"), unless the document also writes it with its hyphen inside a
  line ("well-known"), and a soft hyphen always; ligatures (ﬁ, ﬂ) spelt out.

The result is one paragraph per line with blank lines between them, which the
cleaner treats as any text file, so offsets point into what it stores.  A PDF
whose pages hold no text (a scan) is refused: "no text layer".
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass

EDGE_LINES = 3  # lines at the top and bottom of a page a running header or footer may be
PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*$")
HYPHENATED = re.compile(r"(\w+)-$")
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
GAP_FACTOR = 1.4  # a gap this many times the usual line spacing ends a paragraph
SHORT = 0.75  # a line shorter than this share of the page's usual full line is short


@dataclass
class Line:
    text: str
    y: float | None  # height on the page (PDF units, up is larger); None: unknown


def read(data: bytes) -> str:
    """The text of a PDF, one paragraph per line; ValueError with the reason
    when it cannot be read or holds no text."""
    pages = _pages(data)
    if not any(line.text for page in pages for line in page):
        raise ValueError("no text layer: its pages are images (a scan?); run OCR on it to seed it")
    pages = _without_running_lines(pages)
    paragraphs: list[str] = []
    last_full = False  # the last line before the page break ran the full width
    for page in pages:
        groups, full = _paragraphs(page)
        for n, lines in enumerate(groups):
            if n == 0 and paragraphs and not ENDS_SENTENCE.search(paragraphs[-1]) \
                    and (last_full or lines[0][:1].islower()):
                lines = [paragraphs.pop(), *lines]  # the paragraph a page break cut
            paragraphs.append(_join(lines))
        if groups:
            last_full = full
    text = "\n\n".join(paragraphs)
    return _rejoin_hyphenated(text, _hyphened_words(text))


def _pages(data: bytes) -> list[list[Line]]:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's problem
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("an encrypted PDF: it cannot be read without its password")
        return [_lines(page) for page in reader.pages]
    except ValueError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on a broken file
        raise ValueError(f"not a readable PDF ({type(e).__name__}: {e})") from e


def _lines(page) -> list[Line]:
    """The page's lines with their height, from what pypdf's text extraction
    passes its visitor: the text shown, with the matrices that place it."""
    lines: list[Line] = []
    parts: list[str] = []
    y: list[float | None] = [None]

    def visit(text, cm, tm, font, size) -> None:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                end()
            if piece.strip() and y[0] is None:
                y[0] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            parts.append(piece)

    def end() -> None:
        line = " ".join("".join(parts).replace("\x00", "").translate(LIGATURES).split())
        if line:
            lines.append(Line(line, y[0]))
        parts.clear()
        y[0] = None

    page.extract_text(visitor_text=visit)
    end()
    return lines


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _without_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Each page without its running header and footer lines and page numbers."""
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        top.update({_key(line.text) for line in page[:EDGE_LINES]})
        bottom.update({_key(line.text) for line in page[-EDGE_LINES:]})
    most = len(pages) // 2 + 1
    running = {k for k, n in (top + bottom).items() if len(pages) >= 2 and max(top[k], bottom[k]) >= most}
    out = []
    for page in pages:
        edge = set(range(min(EDGE_LINES, len(page)))) | set(range(max(0, len(page) - EDGE_LINES), len(page)))
        out.append([line for i, line in enumerate(page)
                    if not (i in edge and (_key(line.text) in running or PAGE_NUMBER.match(line.text)))])
    return out


def _paragraphs(page: list[Line]) -> tuple[list[list[str]], bool]:
    """The page's lines grouped into paragraphs, and whether its last line runs
    the full width (then the page break may have cut a paragraph)."""
    if not page:
        return [], False
    gaps = [a.y - b.y for a, b in zip(page, page[1:]) if a.y is not None and b.y is not None and a.y > b.y]
    # The usual spacing: a low quantile, as paragraph gaps may be half of them.
    spacing = sorted(gaps)[len(gaps) // 4] if gaps else None
    lengths = sorted(len(line.text) for line in page)
    full = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 3 else None

    def short(line: Line) -> bool:
        return full is not None and len(line.text) < SHORT * full

    groups: list[list[str]] = [[page[0].text]]
    for prev, line in zip(page, page[1:]):
        wide = (spacing is not None and prev.y is not None and line.y is not None
                and (prev.y - line.y > GAP_FACTOR * spacing or line.y > prev.y))
        sentence_end = ENDS_SENTENCE.search(prev.text) is not None
        goes_on = HYPHENATED.search(prev.text) is not None  # "Franco-" / "German"
        heading = short(prev) and not sentence_end and not goes_on and line.text[:1].isupper()
        if wide or (short(prev) and sentence_end) or heading:
            groups.append([line.text])
        else:
            groups[-1].append(line.text)
    return groups, not short(page[-1])


def _join(lines: list[str]) -> str:
    """A paragraph's lines as one line.  A word hyphenated at a line end before
    a lower-case letter stays marked (NUL) until the whole document shows
    whether it keeps its hyphen; before a capital or a digit ("Franco-",
    "COVID-") the hyphen stays and no space comes in."""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif HYPHENATED.search(out) and line[:1].islower():
            out = out[:-1] + "\x00" + line
        elif HYPHENATED.search(out) and line[:1].isalnum() or out.endswith("\u2014"):
            out += line
        else:
            out += " " + line
    return out.replace("\u00ad", "")


def _hyphened_words(text: str) -> set[str]:
    """Words the document writes with a hyphen inside a line ("well-known")."""
    return {m.group(0).casefold() for m in re.finditer(r"\w+-\w+", text)}


def _rejoin_hyphenated(text: str, hyphened: set[str]) -> str:
    def join(m: re.Match) -> str:
        whole = f"{m.group(1)}-{m.group(2)}"
        return whole if whole.casefold() in hyphened else m.group(1) + m.group(2)

    return re.sub(r"(\w+)\x00(\w+)", join, text).replace("\x00", "-")
