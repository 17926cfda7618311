"""Option lists whose rows are loaded again (a refresh after a seed run)."""
from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option


def refill(options: OptionList, rows: list[Option]) -> None:
    """Replace the rows, keeping the highlight at the same place when there is
    still a row there (the first row for a list shown for the first time)."""
    keep = options.highlighted
    options.clear_options()
    options.add_options(rows)
    if rows:
        options.highlighted = min(keep or 0, len(rows) - 1)
