"""A reader for one document's text that renders only the lines on screen.

The text is wrapped once per width into lines that remember the document
offset they start at, so a span (a claim, a quote) maps to a line, and the view
can put it in the middle of the screen.  Marks are style spans laid over text
that went through ``safe.plain``: nothing in the document is parsed as markup.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..safe import plain

MAX_WIDTH = 100  # reading is easier in a column than across a wide terminal
_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Mark:
    kind: str  # mention | claim | quote | figure | shared | conflict
    start: int
    end: int
    id: int = 0


@dataclass(frozen=True)
class Block:
    kind: str  # paragraph | heading
    start: int
    end: int


def wrap_offsets(s: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one line of text: ``(start, end)`` of each row, the
    trailing spaces of a row kept in it so the rows tile ``s`` exactly."""
    rows: list[tuple[int, int]] = []
    start = used = 0
    for i, j in _tokens(s, width):
        visible = cell_len(s[i:j].rstrip())
        if used and used + visible > width:
            rows.append((start, i))
            start, used = i, 0
        used += cell_len(s[i:j])
    if start < len(s) or not rows:
        rows.append((start, len(s)))
    return rows


def _tokens(s: str, width: int):
    """Words with their trailing spaces; a word wider than a row comes in pieces."""
    for m in _WORD.finditer(s):
        i, j = m.start(), m.end()
        while cell_len(s[i:j].rstrip()) > width:
            used, k = 0, i
            while k < j and used + cell_len(s[k]) <= width:
                used += cell_len(s[k])
                k += 1
            k = max(k, i + 1)
            yield i, k
            i = k
        if i < j:
            yield i, j


class _AnchoredScroll(ScrollView):
    """A scroll view that keeps a span's first line in the middle through layout
    changes (the first layout, a scrollbar appearing, a resize) until the reader
    scrolls by hand.  The subclass lays out (``_rewrap``, ``line_of``) and marks."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="view.down"),
        Binding("k", "scroll_up", "Up", show=False, id="view.up"),
        Binding("space", "page_down", "Page down", show=False, id="view.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="view.page_up"),
        Binding("g", "scroll_home", "Top", show=False, id="view.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="view.bottom"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._pending: tuple[int, int] | None = None
        self._anchor: int | None = None

    def show_span(self, start: int, end: int, *, highlight: bool = True) -> None:
        """Scroll so the span's first line sits in the middle of the view."""
        if highlight:
            self.set_current((start, end))
        if not self.line_count or self.size.height == 0:
            self._pending = (start, end)
            return
        self._pending = None
        self._anchor = start
        self._center(start)
        self.call_after_refresh(self._recenter)

    def _center(self, offset: int) -> None:
        line = self.line_of(offset)
        self.scroll_to(y=max(0, line - self.size.height // 2), animate=False, immediate=True)

    def _recenter(self) -> None:
        if self._anchor is not None:
            self._center(self._anchor)

    def _release(self) -> None:
        self._anchor = None

    # The reader scrolling by hand lets go of the anchor.
    def action_scroll_down(self) -> None:
        self._release()
        super().action_scroll_down()

    def action_scroll_up(self) -> None:
        self._release()
        super().action_scroll_up()

    def action_page_down(self) -> None:
        self._release()
        super().action_page_down()

    def action_page_up(self) -> None:
        self._release()
        super().action_page_up()

    def action_scroll_home(self) -> None:
        self._release()
        super().action_scroll_home()

    def action_scroll_end(self) -> None:
        self._release()
        super().action_scroll_end()

    def on_mouse_scroll_down(self) -> None:
        self._release()

    def on_mouse_scroll_up(self) -> None:
        self._release()

    def on_resize(self) -> None:
        self._rewrap()
        if self._pending:
            self.call_after_refresh(self.show_span, *self._pending, highlight=False)
        else:
            self.call_after_refresh(self._recenter)


class _Lines:
    """Where a document offset is among the wrapped lines, and back."""

    _lines: list[Text]
    _starts: list[int]  # document offset of each line's first character

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_of(self, offset: int) -> int:
        """The line holding document offset ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding ``offset`` at the top (a reload keeps the reader's place)."""
        self.scroll_to(y=self.line_of(offset), animate=False, immediate=True)

    def top_offset(self) -> int:
        """Document offset of the first line on screen."""
        return self._starts[min(int(self.scroll_y), len(self._starts) - 1)] if self._starts else 0

    def line_text(self, y: int) -> str:
        return self._lines[y].plain if 0 <= y < len(self._lines) else ""


class DocumentView(_Lines, _AnchoredScroll, can_focus=True):
    """Document text with marked spans; ``show_span`` scrolls one to the middle."""

    LAYERS = ("mention", "figure", "claim", "quote", "shared", "conflict")  # later ones laid over earlier
    COMPONENT_CLASSES = {f"document-view--{kind}" for kind in (*LAYERS, "heading", "current")}

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.blocks: list[Block] = []
        self.marks: list[Mark] = []
        self.current: tuple[int, int] | None = None
        self._lines: list[Text] = []
        self._starts: list[int] = []  # document offset of each line's first character
        self._width = 0
        self._strips: dict[int, Strip] = {}

    def load(self, text: str, blocks: list[Block], marks: list[Mark]) -> None:
        self.text = text
        self.blocks = blocks or _blocks_of(text)
        self.marks = sorted(marks, key=lambda m: (self.LAYERS.index(m.kind) if m.kind in self.LAYERS else 0, m.start))
        self._rewrap(force=True)

    def set_marks(self, marks: list[Mark]) -> None:
        self.load(self.text, self.blocks, marks)

    def set_current(self, span: tuple[int, int] | None) -> None:
        self.current = span
        self._rewrap(force=True)

    def _style(self, kind: str) -> Style:
        return self.get_component_rich_style(f"document-view--{kind}", partial=True)

    def _rewrap(self, force: bool = False) -> None:
        width = max(10, min((self.scrollable_content_region.width or self.size.width) - 2, MAX_WIDTH))
        if not force and width == self._width:
            return
        keep = self.top_offset() if self._lines and not force else None
        self._width = width
        styles = {kind: self._style(kind) for kind in (*self.LAYERS, "heading", "current")}
        self._lines, self._starts = wrap_blocks(self.text, self.blocks, self.marks, self.current, styles, width)
        self._strips.clear()
        self.virtual_size = Size(width + 2, len(self._lines))
        if self._anchor is not None:
            self._center(self._anchor)
        elif keep is not None:
            self.scroll_to_offset(keep)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = _strip(self._lines[index], self.app.console, base)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self._lines:
            self._rewrap(force=True)


def wrap_blocks(text: str, blocks: list[Block], marks: list[Mark], current: tuple[int, int] | None,
                styles: dict[str, Style], width: int) -> tuple[list[Text], list[int]]:
    """The blocks wrapped at ``width``, marks and the current span styled: each
    line, and the document offset it starts at.  A blank line between blocks."""
    lines: list[Text] = []
    starts: list[int] = []
    for n, block in enumerate(blocks):
        if n:
            lines.append(Text())
            starts.append(block.start)
        raw = text[block.start:block.end].replace("\t", " ")
        body = plain(raw, "")
        if block.kind == "heading":
            body.stylize(styles["heading"])
        for mark in marks:
            if mark.end > block.start and mark.start < block.end:
                body.stylize(styles.get(mark.kind, Style()),
                             max(0, mark.start - block.start), min(len(raw), mark.end - block.start))
        if current and current[1] > block.start and current[0] < block.end:
            body.stylize(styles["current"], max(0, current[0] - block.start),
                         min(len(raw), current[1] - block.start))
        offset = 0
        for hard in raw.split("\n"):
            for a, b in wrap_offsets(hard, width):
                line = body[offset + a:offset + b]
                line.rstrip()
                lines.append(line)
                starts.append(block.start + offset + a)
            offset += len(hard) + 1
    return lines, starts


def _strip(line: Text, console, base: Style) -> Strip:
    """One wrapped line drawn, a space of margin before it."""
    segments = [Segment(" ", base)]
    segments += [Segment(s.text, base + s.style if s.style else base) for s in line.render(console)]
    return Strip(segments, 1 + line.cell_len)


def _blocks_of(text: str) -> list[Block]:
    """Paragraphs by blank lines, for a document without stored passages."""
    blocks = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        blocks.append(Block("paragraph", m.start(), m.end()))
    return blocks or [Block("paragraph", 0, len(text))]
