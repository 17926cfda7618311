"""A paragraph with one span in it highlighted: the words a claim or quote
stands on, in their context."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..safe import plain


class Passage(Static):
    COMPONENT_CLASSES = {"passage--span"}

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.paragraph = ""
        self.span: tuple[int, int] | None = None  # offsets into the paragraph

    def show(self, paragraph: str, span: tuple[int, int] | None) -> None:
        self.paragraph, self.span = paragraph, span
        self.update(self.build())

    def build(self) -> Text:
        text = plain(self.paragraph)
        if self.span:
            text.stylize(self.get_component_rich_style("passage--span", partial=True), *self.span)
        return text

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self.paragraph:
            self.update(self.build())
