"""How a document is named on screen when it has no title."""
from __future__ import annotations


def untitled(text: str) -> str:
    """What stands for a missing title: the opening words."""
    first = " ".join(text.strip().split("\n", 1)[0].split())
    return first[:120] or "(untitled)"
