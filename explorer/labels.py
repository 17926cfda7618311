"""How a document is named on screen when it has no title."""
from __future__ import annotations

UNTITLED = "untitled"


def untitled() -> str:
    """What stands for a missing title.  Never the opening words: a first line
    shown as if it were the headline tells the reader the article said so, and
    the title in the database is what every other screen and export shows."""
    return UNTITLED
