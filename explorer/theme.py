"""The ``claimscope`` theme.

Every colour is an entry of the xterm 256-colour palette, so a terminal without
true colour shows exactly these; marks in the text also differ by weight,
slant and underline, which is all that is left with ``NO_COLOR=1``.
"""
from __future__ import annotations

from textual.theme import Theme

CLAIMSCOPE = Theme(
    name="claimscope",
    primary="#5f87af",  # xterm 67
    secondary="#87af87",  # 108
    accent="#d7af5f",  # 179
    warning="#d7875f",  # 173
    error="#d75f5f",  # 167
    success="#87af5f",  # 107
    foreground="#d0d0d0",  # 252
    background="#1c1c1c",  # 234
    surface="#262626",  # 235
    panel="#303030",  # 236
    boost="#3a3a3a",  # 237
    dark=True,
    variables={
        "footer-key-foreground": "#d7af5f",
        "input-selection-background": "#5f87af 40%",
        "block-cursor-background": "#5f87af",
        "block-cursor-foreground": "#1c1c1c",
    },
)
