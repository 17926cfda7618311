"""The words a claim is compared by: content words, stemmed, with the
common paraphrases of news reports brought to one word.

The stemmer cuts the commonest English endings.  Past tenses that change the
word, and the few verbs and nouns news reports use interchangeably for one
act ("killed" and "died", "sent" and "deployed", "believed" and "thought"),
are mapped to one term first: these are English, not any one story's words.
"""
from __future__ import annotations

from db.matching import normalise

_STOP = set("""
a an the of to in on at by for with from as into onto over under about after before since until while
and or but nor not no yes so if than then that this these those there here it its it's they them their
he she his her him we us our you your i me my who whom whose which what when where why how all any both
each some such only own same other another more most less very just also even too again further once
is are was were be been being am have has had having do does did doing will would could should may might
must can shall said says say saying told tell according reported reports report claims claim stated
one two three four five six seven eight nine ten hundreds thousands dozens
monday tuesday wednesday thursday friday saturday sunday today yesterday week weeks day days now still
january february march april june july august september october november december
""".split())

# One term for words news reports use for the same act or thing.
_SAME = {
    "die": "kill killed kills killing die died dies dying dead death deaths",
    "send": "send sends sent sending deploy deploys deployed deploying dispatch dispatched dispatching",
    "believe": "believe believed believes think thinks thought",
    "confirm": "confirm confirms confirmed acknowledge acknowledges acknowledged",
    "half": "half halve halves halved halving",
    "halt": "halt halts halted stop stops stopped stall stalls stalled",
    "troop": "troop troops soldier soldiers personnel servicemen",
    "free": "free freed frees release released releases",
    "captured": "captured seized",
    "poll": "poll polls survey surveys",
}
_CANON = {w: canon for canon, words in _SAME.items() for w in words.split()}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [_CANON.get(w) or _stem(w) for w in normalise(text).split()
            if len(w) > 2 and w not in _STOP and not w.isdigit()]
