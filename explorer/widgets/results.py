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
    for m in matches:
        snippet.stylize(styles["match"], m, m + 1)
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

    def _styles(self) -> dict[str, Style]:
        names = ("match", "details", *KIND_LABELS)
        return {n: self.get_component_rich_style(f"result-list--{n}", partial=True) for n in names}

    def _prompt_width(self) -> int:
        return (self.scrollable_content_region.width or self.app.size.width) - 2

    def show_hits(self, hits: list[Hit]) -> None:
        self.hits = list(hits)
        self._width = self._prompt_width()
        styles = self._styles()
        self.clear_options()
        self.add_options([Option(hit_prompt(h, self._width, styles), id=str(i)) for i, h in enumerate(self.hits)])
        if self.hits:
            self.highlighted = 0

    def current(self) -> Hit | None:
        if self.highlighted is None or not self.hits:
            return None
        return self.hits[self.highlighted]

    def on_resize(self) -> None:
        if self.hits and self._prompt_width() != self._width:
            keep = self.highlighted
            self.show_hits(self.hits)
            self.highlighted = keep
