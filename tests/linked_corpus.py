"""An invented story in three outlets for the cross-source tests: two agree on
a deployment, a third gives another number, and quotes the first."""
from __future__ import annotations

from pathlib import Path

SOURCES = '''
["a.txt"]
title = "Tarsia confirms deployment to Quellon"
outlet = "Harbour Daily"
published = "2024-03-01"

["b.txt"]
title = "Tarsian troops in Quellon"
outlet = "Valley Post"
published = "2024-03-05"

["c.txt"]
title = "Quellon counts the soldiers"
outlet = "Coast Ledger"
published = "2024-03-10"
'''
ARTICLES = {
    "a.txt": (
        "Tarsia confirms deployment to Quellon\n\n"
        "The Tarsian defence ministry said that about 2,000 Tarsian troops have already been deployed "
        "to the province of Quellon to guard the new dam.\n\n"
        "\"Our soldiers will stay in Quellon until the bridges over the river are rebuilt and the roads "
        "are safe again,\" General Mira Oskander told reporters on Friday.\n"),
    "b.txt": (
        "Tarsian troops in Quellon\n\n"
        "Approximately 2,000 Tarsian troops have already been deployed to the province of Quellon to "
        "guard the new dam, the Tarsian defence ministry said.\n\n"
        "Farmers in the valley said the convoys had blocked the only road for two days.\n"),
    "c.txt": (
        "Quellon counts the soldiers\n\n"
        "A Quellon provincial official, Dara Vennick, said that 6,000 Tarsian troops are now stationed "
        "in the province.\n\n"
        "General Mira Oskander said last week that \"our soldiers will stay in Quellon until the bridges "
        "over the river are rebuilt and the roads are safe again.\"\n"),
}


def write_linked_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.toml").write_text(SOURCES, encoding="utf-8")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
