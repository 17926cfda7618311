"""The search results list: two lines per hit, kind and snippet with the
matched characters marked, then who, where and when."""
from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from db.search import Hit

from ..safe import plain

KIND_LABELS = {"claim": "claim", "quote": "quote", "actor": "actor", "doc": "doc", "figure": "figure"}
BADGE = 7  # cells for the kind column


def hit_prompt(hit: Hit, width: int, styles: dict[str, Style]) -> Text:
    """The two lines of one hit, each cut to ``width`` cells."""
    width = max(20, width)
    room = width - BADGE
    snippet_text = " ".join((hit.snippet or "").split())
    snippet = plain(snippet_text)
    matches = sorted(m for m in hit.matches if 0 <= m < len(snippet_text))
    for start, end in _runs(matches):
        # One span per run of matched characters, not per character: each
        # span splits the line into more segments to measure and draw.
        snippet.stylize(styles["match"], start, end)
    if matches:
        run_end = matches[0] + 1
        while run_end in matches:
            run_end += 1
        if run_end > room - 8:
            # Cut the front so the first matched word shows, with as much of
            # what leads up to it as fits.
            cut = min(matches[0], run_end - room + 12)
            space = snippet_text.find(" ", cut, matches[0])
            cut = space if space != -1 else cut  # start on a whole word when one fits
            snippet = Text("…") + snippet[cut + 1:]
    first = Text(no_wrap=True, overflow="ellipsis", end="")
    first.append(f"{KIND_LABELS.get(hit.kind, hit.kind):<{BADGE - 1}} ", styles.get(hit.kind, Style()))
    first.append_text(snippet)
    first.truncate(width, overflow="ellipsis")
    details = [x for x in (hit.who, hit.outlet, hit.published) if x]
    second = Text(" " * BADGE, no_wrap=True, overflow="ellipsis", end="")
    second.append_text(plain(" · ".join(details), "") if details else Text(""))
    second.stylize(styles["details"])
    if hit.verdict:
        second.append(f"  [{hit.verdict}]", "bold")  # a literal label, appended as plain text
    second.truncate(width, overflow="ellipsis")
    return Text("\n", no_wrap=True).join([first, second])


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted character positions as (start, end) runs of consecutive ones."""
    runs: list[list[int]] = []
    for m in positions:
        if runs and m <= runs[-1][1]:
            runs[-1][1] = m + 1
        else:
            runs.append([m, m + 1])
    return [(a, b) for a, b in runs]


class ResultList(OptionList):
    COMPONENT_CLASSES = {
        "result-list--match",
        "result-list--details",
        "result-list--claim",
        "result-list--quote",
        "result-list--actor",
        "result-list--doc",
        "result-list--figure",
    }
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
    ]

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self._width = 0
        self._built = 0  # rows of ``hits`` made into options so far, from the top
        self._style_cache: dict[str, Style] = {}

    def _styles(self) -> dict[str, Style]:
        names = ("match", "details", *KIND_LABELS)
        return {n: self.get_component_rich_style(f"result-list--{n}", partial=True) for n in names}

    def _prompt_width(self) -> int:
        return (self.scrollable_content_region.width or self.app.size.width) - 2

    def show_hits(self, hits: list[Hit]) -> None:
        """Show ``hits``: only the rows that fit are built now (two lines
        each, measured and styled: 0.5 ms a row), the rest as the cursor or
        the scroll comes near them."""
        self.hits = list(hits)
        self._width = self._prompt_width()
        self._style_cache = self._styles()
        self._built = 0
        self.clear_options()
        self._build(self._fit())
        if self.hits:
            self.highlighted = 0

    def reveal(self, index: int) -> None:
        """Highlight row ``index``, building the rows up to it first."""
        if index >= self._built:
            self._build(index + 1 - self._built + self._fit())
        self.highlighted = index

    def _fit(self) -> int:
        rows = self.scrollable_content_region.height or self.app.size.height
        return max(1, rows // 2 + 2)

    def _build(self, n: int) -> None:
        batch = self.hits[self._built:self._built + n]
        if batch:
            start, self._built = self._built, self._built + len(batch)
            self.add_options([Option(hit_prompt(h, self._width, self._style_cache), id=str(start + i))
                              for i, h in enumerate(batch)])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Not stopped: the screen may listen too.
        if event.option_index >= self._built - 2:
            self._build(self._fit())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.hits and self._built < len(self.hits) and new >= self.max_scroll_y - 2:
            self._build(self._fit())

    def current(self) -> Hit | None:
        if self.highlighted is None or not self.hits:
            return None
        return self.hits[self.highlighted]

    def on_resize(self) -> None:
        if self.hits and self._prompt_width() != self._width:
            keep = self.highlighted
            self.show_hits(self.hits)
            if keep is not None:
                self.reveal(keep)
