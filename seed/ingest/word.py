"""Word files (.docx): the body's paragraphs, through python-docx.

Each paragraph of the body becomes one line, with a blank line between
paragraphs; a paragraph in a Title or Heading style is marked as a heading
("# "), which the cleaner reads as markdown's.  A line break inside a
paragraph is a space, soft hyphens go.  Page headers and footers, footnotes,
comments and tables are not the article's running text and are left out (the
HTML reader leaves tables out too).  The cleaner treats the result as any text
file, so offsets point into what it stores.
"""
from __future__ import annotations

import io

HEADING_STYLES = ("title", "heading")


def read(data: bytes) -> str:
    """The text of a .docx file, one paragraph per line; ValueError with the
    reason when it cannot be read."""
    try:
        import docx
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        paragraphs = [p for p in document.iter_inner_content() if isinstance(p, Paragraph)]
        lines = []
        for p in paragraphs:
            text = " ".join(p.text.replace("\u00ad", "").split())
            if not text:
                continue
            style = (p.style.name if p.style is not None else "") or ""
            lines.append(("# " if style.casefold().startswith(HEADING_STYLES) else "") + text)
    except Exception as e:  # noqa: BLE001 - python-docx and lxml raise many kinds on a broken file
        raise ValueError(f"not a readable Word file ({type(e).__name__}: {e})") from e
    return "\n\n".join(lines)
