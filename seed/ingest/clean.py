"""Cleaning: from a scraped article to the text every offset points into.

Markdown links become their text, emphasis and heading marks go, site chrome
(skip links, share and donate lines, captchas, repeated captions) is dropped,
and what is left is a list of blocks, paragraphs or headings, joined by blank
lines.  HTML goes through trafilatura, the article extractor, first.  The
rules describe web pages in general; none names a line of any one corpus.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]*>")
BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
HEADING = re.compile(r"^#{1,6}\s+")
LIST_MARK = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])\s+")
RULE = re.compile(r"^(?:[-*_=]\s*){3,}$")
URL_ONLY = re.compile(r"^(?:<)?(?:https?://|www\.)\S+(?:>)?\s*[-—>]*$")
CREDIT_TAIL = re.compile(r"\s*Image:\s*[^.!?]*$")
# Terminal punctuation, allowing closing quotes and brackets after it.
ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*$")
# Control characters other than newline and tab: never part of an article, and
# dangerous if they reach a terminal.
# Markdown's backslash escapes, and the private-use characters that stand for an
# escaped mark while the line is cleaned (one character for one: offsets hold).
MD_ESCAPABLE = "\\`*_{}[]()#+-.!|<>~"
MD_ESCAPE = re.compile(r"\\([" + re.escape(MD_ESCAPABLE) + r"])")
ESCAPE_BASE = 0xF0000
UNESCAPE = {ESCAPE_BASE + i: c for i, c in enumerate(MD_ESCAPABLE)}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CHROME = re.compile(
    r"""^(?:
        skip\ to\b.* | (?:main\ )?menu | search | share(?:\ this.*)? | print | subscribe\b.* |
        advertisement | sponsored | donate\b.* | captcha\b.* | comments? | close | log\ ?in |
        sign\ (?:in|up)\b.* | follow\ us\b.* | related(?:\ (?:articles|stories|topics))?:? |
        read\ more:? | read\ next:? | (?:do|did)\ you\ (?:like|enjoy)\ this\ (?:article|story)\b.* |
        was\ this\ (?:article|story)\ helpful\b.* | all\ rights\ reserved\b.* | cookies?\b.*settings.* |
        accept\ (?:all\ )?cookies | share\ on\ \w+ | copy\ link | listen\ to\ this\ article\b.* |
        (?:advertisement\ )?continue\ reading\ below | back\ to\ top | print\ this\ page
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass
class Block:
    kind: str  # paragraph | heading
    start: int
    end: int


@dataclass
class Cleaned:
    text: str
    blocks: list[Block]
    html_meta: dict  # what the page itself says: title, author, date, sitename, url


def clean_line(line: str) -> tuple[str, bool]:
    """A line without markup, and whether it was marked as a heading."""
    # Most lines hold no markup: each pattern runs only when the characters it
    # needs are there (a pattern tried at every position of a long paragraph
    # costs more than the check).
    if "](" in line:
        line = IMAGE.sub("", line)
        line = LINK.sub(r"\1", line)
    if "<" in line:
        line = AUTOLINK.sub("", line)
    heading = bool(HEADING.match(line))
    line = HEADING.sub("", line)
    line = LIST_MARK.sub("", line.strip())
    if "*" in line or "__" in line:
        for _ in range(2):  # nested emphasis ("**_x_**")
            line = BOLD.sub(r"\2", line)
            line = ITALIC.sub(r"\1", line)
    line = line.replace("\u00a0", " ")
    if "Image:" in line:
        line = CREDIT_TAIL.sub("", line)
    line = re.sub(r"[ \t]+", " ", line).strip()
    if line.endswith(">"):
        line = re.sub(r"\s*[—-]+>$", "", line)
    return line, heading


def is_chrome(line: str) -> bool:
    return bool(CHROME.match(line) or URL_ONLY.match(line) or RULE.match(line))


def looks_like_heading(line: str) -> bool:
    return not ENDS_SENTENCE.search(line) and len(line.split()) <= 14


def _lines(raw: str, found: dict) -> list[tuple[str, bool]]:
    """Cleaned non-empty lines, with a blank-line marker as ("", False).  A bare
    URL near the top is the article's own link: kept in ``found`` as its url."""
    out: list[tuple[str, bool]] = []
    for n, raw_line in enumerate(raw.split("\n")):
        line, heading = clean_line(raw_line)
        if not line:
            out.append(("", False))
        elif not is_chrome(line):
            out.append((line, heading))
        elif n < 40 and "url" not in found and URL_ONLY.match(line):
            found["url"] = line.strip("<> ")
    return out


def _paragraphs(lines: list[tuple[str, bool]]) -> list[tuple[str, str]]:
    """(kind, text) blocks: one per line, rejoining a sentence that a blank line
    broke in two (the next line goes on in lower case), and dropping a line that
    repeats an earlier one (a caption printed twice)."""
    blocks: list[list] = []
    seen: set[str] = set()
    for line, heading in lines:
        if not line:
            continue
        if (
            blocks
            and not blocks[-1][2]
            and not ENDS_SENTENCE.search(blocks[-1][1])
            and line[:1].islower()
        ):
            blocks[-1][1] += " " + line
            blocks[-1][0] = "heading" if looks_like_heading(blocks[-1][1]) else "paragraph"
            continue
        key = line.casefold()
        if len(line) > 25 and key in seen:
            continue
        seen.add(key)
        kind = "heading" if heading or looks_like_heading(line) else "paragraph"
        blocks.append([kind, line, heading])
    return [(k, t) for k, t, _ in blocks]


def _from_html(raw: str) -> tuple[str, dict]:
    import trafilatura

    from .html_meta import page_meta

    text = trafilatura.extract(
        raw, output_format="markdown", include_comments=False, include_tables=False,
        include_links=False, include_images=False, favor_recall=True,
    )
    meta = page_meta(raw)
    if not text:
        # Too short or too odd for the extractor: fall back to the page's text.
        from lxml import html as lxml_html

        try:
            tree = lxml_html.fromstring(raw)
        except Exception:  # noqa: BLE001 - lxml raises several types on junk
            return "", meta
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        text = "\n\n".join(
            t.strip() for t in tree.xpath("//body//text()") if t.strip()
        ) if tree.xpath("//body") else tree.text_content()
    return text, meta


def clean(raw: str, fmt: str = "txt") -> Cleaned:
    html_meta: dict = {}
    if fmt == "html":
        raw, html_meta = _from_html(raw)
    if fmt in ("html", "md"):
        # "strike\_plan" is markdown for "strike_plan" (the HTML extractor writes
        # markdown): an escaped mark is set aside as one placeholder character
        # before the markup patterns run, and put back as itself after.
        raw = MD_ESCAPE.sub(lambda m: chr(ESCAPE_BASE + MD_ESCAPABLE.index(m.group(1))), raw)
    raw = unicodedata.normalize("NFC", raw)
    raw = CONTROL.sub("", raw.replace("\t", " "))
    parts = _paragraphs(_lines(raw, html_meta))
    text_parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, line in parts:
        if text_parts:
            pos += 2
        blocks.append(Block(kind, pos, pos + len(line)))
        text_parts.append(line)
        pos += len(line)
    text = "\n\n".join(text_parts)
    if fmt in ("html", "md"):
        text = text.translate(UNESCAPE)
    return Cleaned(text, blocks, html_meta)
