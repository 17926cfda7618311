"""The linking stage: takes the claims, figures and quotes of every seeded
document (through ``db.links``) and gives, across documents, the claims that
say the same thing, the figures that count the same thing, and quoted words
found in another source.

A seed run ends with ``relink``, which redoes only what the documents added,
changed or removed touch (``incremental``; SQL in db/links.py and
db/link_state.py) and gets the result ``compute`` gets linking everything at
once.  It is deterministic, and a group keeps its id while its members are
unchanged, so seeding the same corpus twice gives the same groups and ids.
Thresholds were chosen on the default corpus and the hand-labelled pairs of
benchmarks/link_eval.py (README, "Across sources").
"""
from .compute import compute
from .incremental import relink

__all__ = ["compute", "relink"]
