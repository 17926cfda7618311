"""Cleaning scraped text: general rules, offsets that hold."""
from __future__ import annotations

from seed.ingest.clean import clean


def _blocks(raw: str, fmt: str = "txt") -> list[tuple[str, str]]:
    c = clean(raw, fmt)
    return [(b.kind, c.text[b.start:b.end]) for b in c.blocks]


def test_markdown_links_images_and_emphasis_become_plain_text():
    blocks = _blocks("See the [full report](https://x.org/r) and ![a chart](c.png) on **budget** *cuts*.")
    assert blocks == [("paragraph", "See the full report and on budget cuts.")]


def test_site_chrome_lines_are_dropped():
    raw = "1. Skip to content\n2. Skip to main menu\nShare\nhttps://example.org/a/1\nThe mayor resigned on Friday.\nDo you like this article?\nCaptcha *\n---"
    assert _blocks(raw) == [("paragraph", "The mayor resigned on Friday.")]


def test_a_sentence_broken_by_a_blank_line_is_rejoined():
    assert _blocks("The plan needs more\n\nmoney than expected.") == [
        ("paragraph", "The plan needs more money than expected.")]


def test_a_caption_printed_twice_is_kept_once():
    caption = "Firefighters work on the roof of the old library on Sunday."
    assert _blocks(f"{caption}\n{caption}\nThe fire started at dawn.") == [
        ("paragraph", caption), ("paragraph", "The fire started at dawn.")]


def test_headings_come_from_markdown_marks_or_short_unpunctuated_lines():
    assert _blocks("## What happens next?\nThe vote is in May.\nA Long Road Ahead") == [
        ("heading", "What happens next?"), ("paragraph", "The vote is in May."), ("heading", "A Long Road Ahead")]


def test_control_characters_never_reach_the_text():
    c = clean("Prices \x1b[31mrose\x1b[0m by 5%.\x07\x00")
    assert "\x1b" not in c.text and "\x07" not in c.text and "\x00" not in c.text


def test_html_scripts_styles_and_navigation_are_left_out():
    html = """<html><head><style>.x{}</style><script>alert(1)</script></head><body>
    <nav>Home About</nav><article><h1>Bridge reopens</h1>
    <p>The bridge reopened on Monday after repairs that took eight months, the transport office said.</p>
    <p>Engineers said traffic would be limited to cars for another week while inspectors finished work.</p>
    </article></body></html>"""
    c = clean(html, "html")
    assert "The bridge reopened on Monday" in c.text
    assert "alert(1)" not in c.text and ".x{}" not in c.text


def test_block_offsets_slice_the_text():
    c = clean("# Title here\n\nFirst para.\n\n\nSecond [para](u).\n")
    assert [c.text[b.start:b.end] for b in c.blocks] == ["Title here", "First para.", "Second para."]
