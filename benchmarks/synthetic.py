"""A synthetic Claimscope database of any size, for measuring search at scale.

    python benchmarks/synthetic.py --claims 1000000 --db /tmp/cs_1m.db [--seed 7]
    python benchmarks/synthetic.py --db /tmp/cs_1m.db --reindex   # search index only

Articles are built from a vocabulary of invented people, organisations,
places, outlets, reporting verbs and figures (nothing from the default
corpus, no spaCy), twenty-odd sentences each.  Every sentence is a claim with
its claimant; about one in five carries a quotation (a quote row inside the
claim), about one in four a figure ("some 4,200 troops").  Offsets are real:
``text[start:end] == span``.

Rows go through ``db.connection.open_writer`` and ``db.writer.SeedWriter``, so
the schema, the sqlite-utils FTS tables and their triggers are the real ones.
What makes a million claims build in minutes: one transaction for all the
inserts, the FTS triggers dropped during it and each FTS table rebuilt in one
pass afterwards (then the triggers put back), and the search index built by
the same ``db.search.index.refresh`` a seed run ends with.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.connection import open_writer  # noqa: E402
from db.notes import VERDICTS, text_key  # noqa: E402
from db.search.index import refresh  # noqa: E402
from db.writer import SeedWriter  # noqa: E402

ONSETS = ["b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t",
          "tr", "v", "w", "z", "sh", "ch", "th", "j"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"]
CODAS = ["", "", "n", "r", "l", "s", "k", "m", "v", "nd", "rk", "sk", "lt", "th", "x"]
TITLES = ["Minister", "spokesman", "spokeswoman", "Senator", "General", "analyst", "Governor", "Commander",
          "envoy", "Mayor", "official", "researcher", "President", "Admiral", "prosecutor", "lawmaker"]
ORG_KINDS = ["Ministry", "Agency", "Council", "Institute", "Bureau", "Command", "Authority", "Commission",
             "Directorate", "Service", "Foundation", "Party"]
VERBS = ["said", "told reporters", "claimed", "stated", "confirmed", "denied", "estimated", "reported",
         "warned", "insisted", "suggested", "acknowledged", "alleged", "wrote", "argued", "noted"]
SUBJECTS = ["troops", "soldiers", "refugees", "workers", "villages", "drones", "tanks", "ships", "casualties",
            "prisoners", "engineers", "advisers", "families", "shipments", "missiles", "volunteers"]
NOUNS = ["border", "convoy", "reservoir", "harbour", "pipeline", "bridge", "railway", "garrison", "airfield",
         "ceasefire", "negotiations", "sanctions", "election", "treaty", "reconstruction", "evacuation",
         "checkpoint", "offensive", "deployment", "blockade", "investigation", "tribunal", "embargo",
         "shortage", "contract", "mining concession", "grain corridor", "power station", "satellite images",
         "intelligence report", "supply route", "peace talks", "military exercise", "refugee camp"]
ACTIONS = ["had crossed", "were moved toward", "arrived near", "withdrew from", "were stationed at",
           "were killed near", "were captured outside", "were sent to", "guarded", "abandoned",
           "surrounded", "were seen at", "reinforced", "left"]
EVENTS = ["the {n} had been postponed", "the {n} was never approved", "talks on the {n} would resume",
          "the {n} near {p} was damaged", "the {n} had collapsed", "nobody had authorised the {n}",
          "the {n} would be reviewed by {o}", "{o} had ordered the {n}", "the {n} was a fabrication",
          "the {n} in {p} remained closed", "the cost of the {n} had doubled"]
QUOTES = ["We will not accept this", "There is no evidence of that", "The situation is under control",
          "Nobody told us anything", "This is a clear violation", "We have seen the reports",
          "Our people are safe", "The numbers are exaggerated", "We are ready to talk",
          "They must withdraw immediately", "It was a mistake", "We were never consulted",
          "The talks are over", "History will judge them", "The evidence speaks for itself"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "in a statement",
        "at a briefing", "in an interview", "late on Sunday", "this morning", ""]
QUALIFIERS = ["some", "about", "at least", "up to", "nearly", "more than", "roughly", "as many as", ""]
MONTHS = [f"{m:02d}" for m in range(1, 13)]


def invent(rng: random.Random, syllables: tuple[int, int]) -> str:
    n = rng.randint(*syllables)
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(n)) + rng.choice(CODAS)


class Vocabulary:
    """Invented names; picked with a skew, so some recur everywhere and most rarely."""

    def __init__(self, rng: random.Random, people: int, places: int, outlets: int, orgs: int, seed: int = 7):
        self.rng = rng
        seen: set[str] = set()
        # One generator per list, so the head of each list (the names that
        # recur most) is the same at every size: one query set fits all.
        rngs = [random.Random(seed * 100 + i) for i in range(4)]

        def unique(make):
            while True:
                w = make()
                if w not in seen and len(w) >= 4:
                    seen.add(w)
                    return w

        cap = str.capitalize
        r = rngs[0]
        self.people = [(cap(unique(lambda: invent(r, (1, 2)))), cap(unique(lambda: invent(r, (2, 3)))),
                        r.choice(TITLES)) for _ in range(people)]
        r = rngs[1]
        self.places = [cap(unique(lambda: invent(r, (2, 3)))) for _ in range(places)]
        r = rngs[2]
        papers = ["Times", "Herald", "Post", "Wire", "Observer", "Ledger", "Courier", "Daily"]
        self.outlets = [f"{cap(unique(lambda: invent(r, (2, 2))))} {r.choice(papers)}" for _ in range(outlets)]
        r = rngs[3]
        self.orgs = [f"{r.choice(self.places[:100])} {r.choice(ORG_KINDS)}" for _ in range(orgs)]

    def skewed(self, seq: list):
        # Zipf-like: index ~ n * u^3 favours the head of the list.
        return seq[int(len(seq) * self.rng.random() ** 3)]


def sentence(v: Vocabulary, speaker: tuple[str, str, str], first: bool) -> tuple[str, tuple[int, int] | None,
                                                                                   tuple[int, int, str] | None]:
    """One claim: its text, the span of its quotation (if any), and of its figure (if any)."""
    rng = v.rng
    first_name, surname, title = speaker
    who = f"{title} {first_name} {surname}" if first else surname
    verb, when = rng.choice(VERBS), rng.choice(WHEN)
    place = v.skewed(v.places)
    figure = None
    r = rng.random()
    if r < 0.25:
        n = rng.choice([rng.randint(2, 99) * 10, rng.randint(1, 40) * 1000, rng.randint(100, 999)])
        qual = rng.choice(QUALIFIERS)
        number = f"{n:,}"
        head = f"{who} {verb} {when} that ".replace("  ", " ")
        fig = f"{qual} {number} {rng.choice(SUBJECTS)}".strip()
        text = head + fig + f" {rng.choice(ACTIONS)} {place}."
        figure = (len(head), len(head) + len(fig), number)
    elif r < 0.45:
        quote = rng.choice(QUOTES)
        if rng.random() < 0.5:
            quote += f" in {place}"
        head = f"\u201c"
        text = f"{head}{quote},\u201d {who} {verb} {when}.".replace(" .", ".")
        return text, (len(head), len(head) + len(quote)), None
    else:
        event = rng.choice(EVENTS).format(n=rng.choice(NOUNS), p=place, o=v.skewed(v.orgs))
        text = f"{who} {verb} {when} that {event}.".replace("  ", " ")
    return text, None, figure


def build(db: Path, claims: int, seed: int = 7, annotate: float = 0.01) -> dict:
    rng = random.Random(seed)
    scale = max(1, claims // 1000)
    v = Vocabulary(rng, people=min(20000, 200 + 20 * scale), places=min(5000, 100 + 5 * scale),
                   outlets=min(300, 10 + scale // 5), orgs=min(3000, 50 + 3 * scale), seed=seed)
    db.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    con = open_writer(db, fresh=True)
    writer = SeedWriter(con)
    timings = {}
    t0 = time.perf_counter()
    writer.suspend_text_index()
    actor_ids: dict[tuple[str, str, str], int] = {}
    writer.con.execute("BEGIN")
    made, doc_n = 0, 0
    annotations = []
    while made < claims:
        doc_n += 1
        outlet = v.skewed(v.outlets)
        published = f"{rng.randint(2015, 2025)}-{rng.choice(MONTHS)}-{rng.randint(1, 28):02d}"
        cast = [v.skewed(v.people) for _ in range(rng.randint(2, 5))]
        topic = v.skewed(v.places)
        title = f"{rng.choice(NOUNS).capitalize()} in {topic}: {cast[0][1]} {rng.choice(VERBS)} {rng.choice(SUBJECTS)}"
        parts, spans, pos, introduced = [], [], 0, set()
        for _ in range(min(rng.randint(12, 30), claims - made)):
            speaker = rng.choice(cast)
            text, quote, figure = sentence(v, speaker, speaker not in introduced)
            introduced.add(speaker)
            spans.append((pos, text, quote, figure, speaker))
            parts.append(text)
            pos += len(text) + 2  # paragraphs: "\n\n"
        body = "\n\n".join(parts)
        path = f"/synthetic/{doc_n:07d}.txt"
        doc_id = writer.write_document(None, {
            "path": path, "title": title, "outlet": outlet, "authors": [], "published": published,
            "url": None, "text": body, "sha256": hashlib.sha256(path.encode()).hexdigest(), "format": "txt",
            "words": body.count(" ") + 1})
        for start, text, quote, figure, speaker in spans:
            aid = person(writer, actor_ids, speaker)
            claim_id = write_claim(writer, doc_id, start, text, aid, quote,
                                   "denies" if " denied " in text else "asserts")
            if figure:
                fs, fe, number = figure
                n = float(number.replace(",", ""))
                writer.insert_figures(doc_id, [{
                    "claim_id": claim_id, "start": start + fs, "end": start + fe, "text": text[fs:fe],
                    "low": n, "high": n, "unit": text[fs:fe].rsplit(" ", 1)[-1], "claimant_id": aid,
                    "rule": "synthetic", "confidence": 1.0}])
            if rng.random() < annotate:
                kind, words = ("quote", text[quote[0]:quote[1]]) if quote and rng.random() < 0.5 else ("claim", text)
                annotations.append((kind, path, text_key(words), words, rng.choice(VERDICTS)))
            made += 1
    con.executemany(
        "INSERT OR IGNORE INTO annotations (kind, document_path, text_key, text, verdict, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, '2025-01-01T00:00:00', '2025-01-01T00:00:00')", annotations)
    timings["inserts"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    writer.resume_text_index()
    timings["porter_fts"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    refresh(con)
    con.execute("COMMIT")
    timings["search_index"] = time.perf_counter() - t2
    con.execute("PRAGMA journal_mode = WAL").fetchall()
    con.close()
    timings["total"] = time.perf_counter() - t0
    timings["documents"], timings["claims"] = doc_n, made
    return timings


def person(writer: SeedWriter, known: dict, speaker: tuple[str, str, str]) -> int:
    """The actor id of ``speaker`` (first name, surname, title), made on first sight."""
    if speaker not in known:
        first_name, surname, title_word = speaker
        aid = writer.insert_actor(f"{first_name} {surname}".lower(), f"{first_name} {surname}", "person", title_word)
        writer.add_aliases(aid, [f"{first_name} {surname}", surname])
        known[speaker] = aid
    return known[speaker]


def write_claim(writer: SeedWriter, doc_id: int, at: int, text: str, aid: int,
                quote: tuple[int, int] | None, stance: str = "asserts") -> int:
    """A claim of ``aid`` at offset ``at``, with its quote (offsets within
    ``text``) when it has one; returns the claim's id."""
    quote_id = None
    if quote:
        qs, qe = quote
        quote_id, = writer.insert_quotes(doc_id, [{
            "start": at + qs, "end": at + qe, "text": text[qs:qe], "speaker_id": aid, "cue": "said",
            "rule": "synthetic", "confidence": 1.0, "text_key": text_key(text[qs:qe])}])
    claim_id, = writer.insert_claims(doc_id, [{
        "start": at, "end": at + len(text), "text": text, "claimant_id": aid, "cue": "said", "stance": stance,
        "quote_id": quote_id, "rule": "synthetic", "confidence": 1.0, "text_key": text_key(text)}])
    return claim_id


def reindex(db: Path) -> float:
    """Drop and rebuild the search index alone (after a change to how it is built)."""
    t0 = time.perf_counter()
    con = open_writer(db)
    con.execute("BEGIN")
    for table in ("search_text", "search_names", "search_items", "search_index_docs", "search_vocab",
                  "search_vocab_grams"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for view in ("search_text_rows", "search_name_rows"):
        con.execute(f"DROP VIEW IF EXISTS {view}")
    con.execute("COMMIT")
    con.close()
    con = open_writer(db)  # recreates the dropped tables from the schema
    con.execute("BEGIN")
    refresh(con)
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reindex", action="store_true", help="rebuild only the search index of --db")
    a = ap.parse_args(argv)
    if a.reindex:
        print(f"search index rebuilt in {reindex(a.db):.1f} s")
        return
    t = build(a.db, a.claims, a.seed)
    print(f"{t['claims']:,} claims in {t['documents']:,} documents: inserts {t['inserts']:.1f} s, "
          f"porter FTS {t['porter_fts']:.1f} s, search index {t['search_index']:.1f} s, total {t['total']:.1f} s")


if __name__ == "__main__":
    main()
