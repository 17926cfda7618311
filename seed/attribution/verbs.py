"""Verbs that attribute what follows them to their subject, by class.

The classes follow VerbNet's verbs of communication and naming (say, manner of
speaking, dub, characterize, declare, complain, praise, promise, urge) and the
attitude verbs news prose reports beliefs with.  A class is a closed list of
English verbs, chosen for the sense, never grown one verb per error seen in some
article: a verb missing from here is a class to add, with its neighbours.
"""
from __future__ import annotations

# "say" and its neighbours: the verb is the act of stating.
SAY = {
    "say", "tell", "write", "add", "explain", "state", "declare", "announce", "report",
    "note", "remark", "mention", "comment", "reply", "respond", "answer", "retort",
    "counter", "reiterate", "repeat", "recount", "recall", "testify", "tweet", "post",
    "quote", "brief", "inform", "disclose", "reveal", "publish", "broadcast", "write",
}
# Manner of speaking: the verb says how it was said.
MANNER = {
    "shout", "yell", "scream", "whisper", "mutter", "murmur", "exclaim", "cry", "joke",
    "quip", "sneer", "snap", "bark", "chant", "gush", "marvel", "muse", "sigh",
}
# Asserting, conceding and denying.
ASSERT = {
    "claim", "insist", "assert", "argue", "contend", "maintain", "allege", "stress",
    "emphasize", "emphasise", "underline", "highlight", "point", "observe", "conclude",
    "admit", "acknowledge", "concede", "confess", "confirm", "deny", "dispute", "refute",
    "rebut", "reject", "dismiss", "boast", "brag", "warn", "caution", "predict",
    "forecast", "suggest", "propose", "hint", "indicate", "speculate", "estimate",
    "assess", "calculate", "project", "assure", "cite", "verify", "record", "document",
    "find", "show",
    # VerbNet's "declare" class: a verdict pronounced ("ruled that ...", "deemed it ...")
    "rule", "judge", "deem", "pronounce",
}
# Naming and characterizing: "called it 'a disgrace'", "described him as ...".
NAMING = {
    "call", "dub", "term", "label", "brand", "nickname", "describe", "characterize",
    "characterise", "portray", "depict", "liken", "compare", "rate", "rank", "regard",
    "define",
}
# Praise and blame: the object is what the speaker judged.
JUDGE = {
    "praise", "laud", "commend", "applaud", "hail", "tout", "thank", "congratulate",
    "credit", "blame", "criticize", "criticise", "condemn", "denounce", "decry",
    "deride", "mock", "ridicule", "lambaste", "rebuke", "scold", "chide", "fault",
    "accuse", "castigate", "berate",
}
# Complaining and protesting.
COMPLAIN = {"complain", "lament", "bemoan", "grumble", "protest", "object", "regret"}
# Committing oneself: promises, pledges, threats.
PROMISE = {"promise", "pledge", "vow", "swear", "threaten", "guarantee"}
# Asking others to act or answer.
URGE = {"urge", "ask", "demand", "request", "implore", "beg", "plead", "encourage",
        "advise", "recommend", "invite", "question", "challenge", "query", "exhort", "appeal"}
# Agreeing and disagreeing with someone.
AGREE = {"agree", "disagree", "concur"}
# Beliefs and wishes reported of someone.
ATTITUDE = {"believe", "think", "expect", "fear", "hope", "doubt", "suspect", "worry"}

# Positions taken, weaker than statements: what someone wants or intends
# (VerbNet's "want" class), defends or attacks, knows or perceives (its
# "consider", "see", "discover" and "learn" classes), talks about (its "talk"
# and "lecture" classes) or decides.  They attribute a stance, so they make a
# claim only where nothing stronger does and their subject names someone.
WANT = {"want", "wish", "intend", "plan", "seek", "aim", "prefer", "offer"}
# (endorsing and backing are acts, not positions stated: left out)
STANCE = {"oppose", "defend", "champion", "favor", "favour", "promote", "attack", "blast",
          "slam", "chastise", "grill", "welcome", "embrace"}
KNOW = {"know", "see", "view", "consider", "realize", "realise", "recognize", "recognise",
        "understand", "learn", "discover", "assume", "feel", "sense"}
TALK = {"speak", "talk", "discuss", "debate", "detail", "outline", "invoke", "lecture"}
DECIDE = {"decide", "vote", "approve", "resolve"}
POSITION_VERBS = WANT | STANCE | KNOW | TALK | DECIDE

# Verbs whose subject can only be someone communicating: whatever noun stands
# there is a source ("his surrogates called it ...", "delegates questioned ...").
# Evidential verbs are left out, as a thing can "show" or "suggest".
EVIDENTIAL = {"suggest", "indicate", "show", "find", "reveal", "confirm", "highlight", "underline",
              "point", "record", "document", "project", "forecast", "predict", "estimate",
              "calculate", "assess", "cite", "verify", "publish", "broadcast", "post", "rank", "rate"}
SPEAKER_VERBS = (SAY | MANNER | ASSERT | NAMING | JUDGE | COMPLAIN | PROMISE | URGE) - EVIDENTIAL

REPORT_VERBS = SAY | MANNER | ASSERT | NAMING | JUDGE | COMPLAIN | PROMISE | URGE | AGREE | ATTITUDE

# Verbs with another common sense that claims nothing: they count only with a
# complement (an object, a clause, "as ...").
NEEDS_COMPLEMENT = (
    {"find", "show", "record", "document", "publish", "broadcast", "post", "think", "fear",
     "verify", "recall", "mention", "point", "believe", "expect", "estimate", "confirm",
     "cite", "assess", "project", "calculate", "reject", "dismiss", "deny", "rule", "judge",
     "deem", "pronounce"}
    | NAMING | JUDGE | PROMISE | URGE | AGREE | ATTITUDE | MANNER
)
# Verbs that report only with a that-clause or a quote ("maintained that", not
# "maintaining an army").
THAT_ONLY = {"maintain", "find", "observe", "record", "document", "recall", "fear",
             "post", "publish", "broadcast", "project", "calculate", "emphasize",
             "emphasise", "stress", "underline", "compare", "worry", "object", "credit"}
