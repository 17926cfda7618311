"""Re-linking after one document, against linking everything at once.

    python benchmarks/link_incremental.py [--documents 300] [--db /tmp/cs_link.db] [--check] [--once]

Builds a database of invented articles (real schema rows, no spaCy; the
vocabulary and sentence shapes of benchmarks/synthetic.py) in which articles
on one story restate the story's facts in their own words: the same event or
figure with another speaker, verb, qualifier or number, its quotes repeated.
So claims, figures and quotes link across documents.  Then it times, on the
same database, a full re-link (``relink(force=True)``), a re-link after
adding one article and one after changing one, and prints what each touched
(seed.link.incremental.last_run).  ``--check`` also compares the stored
result with linking everything at once (seed.link.compute): the claim groups'
members, the figure groups and the quote links must be equal; a re-link may
keep a member's score that drifted within the bound of seed/link/drift.py,
so differing scores and labels are counted.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import (ACTIONS, QUALIFIERS, QUOTES, SUBJECTS, VERBS, WHEN, Vocabulary,  # noqa: E402
                                  invent, person, write_claim)
from db import links as store  # noqa: E402
from db.connection import open_writer  # noqa: E402
from db.writer import SeedWriter  # noqa: E402
from seed.link import incremental as link_incremental  # noqa: E402
from seed.link import relink  # noqa: E402
from seed.link.compute import compute_from_rows, rows_to_store  # noqa: E402


def lexicon(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        w = invent(rng, (2, 3))
        if len(w) >= 5:
            words.add(w)
    return sorted(words)


class Story:
    """What the articles on one story keep restating."""

    def __init__(self, v: Vocabulary, rng: random.Random, words: list[str]):
        self.place = v.skewed(v.places)
        self.cast = [v.skewed(v.people) for _ in range(4)]
        self.facts = []
        for _ in range(rng.randint(5, 9)):
            kind = rng.random()
            if kind < 0.35:
                self.facts.append(("figure", rng.choice([rng.randint(2, 60) * 100, rng.randint(1, 30) * 1000]),
                                   rng.choice(SUBJECTS), rng.choice(ACTIONS)))
            elif kind < 0.55:
                said = " ".join(rng.sample(words, 4))
                self.facts.append(("quote", f"{rng.choice(QUOTES)} and the {said} in {self.place} will not change"))
            else:
                self.facts.append(("event", rng.sample(words, rng.randint(6, 9))))


def restate(fact, rng: random.Random, who: str) -> tuple[str, tuple[int, int] | None, tuple[int, int, float] | None]:
    """A story's fact in one article's words: (text, quote span, figure span and value)."""
    verb, when = rng.choice(VERBS), rng.choice(WHEN)
    if fact[0] == "figure":
        _, n, subject, action = fact
        if rng.random() < 0.15:
            n = n * rng.choice([3, 4])  # a source that counts otherwise
        head = f"{who} {verb} {when} that ".replace("  ", " ")
        fig = f"{rng.choice(QUALIFIERS)} {n:,} {subject}".strip()
        extra = rng.choice(["", " already", " this week", " again"])
        return head + fig + f"{extra} {action} the front.", None, (len(head), len(head) + len(fig), float(n))
    if fact[0] == "quote":
        head = "\u201c"
        return f"{head}{fact[1]},\u201d {who} {verb} {when}.".replace(" .", "."), (1, 1 + len(fact[1])), None
    words = list(fact[1])
    for _ in range(rng.randint(0, 2)):  # told a little differently
        words.pop(rng.randrange(len(words)))
    return f"{who} {verb} {when} that the {' '.join(words)}.".replace("  ", " "), None, None


def filler(v: Vocabulary, rng: random.Random, words: list[str], who: str) -> str:
    """A claim of one article only: words picked with a skew, so that a few
    recur in many claims (and weigh little) and most are rare."""
    said = " ".join(v.skewed(words) for _ in range(rng.randint(4, 7)))
    return f"{who} {rng.choice(VERBS)} {rng.choice(WHEN)} that the {said}.".replace("  ", " ")


class Builder:
    def __init__(self, con, seed: int = 7):
        self.rng = random.Random(seed)
        self.v = Vocabulary(self.rng, people=400, places=150, outlets=30, orgs=80, seed=seed)
        self.words = lexicon(self.rng, 5000)
        self.stories = [Story(self.v, self.rng, self.words) for _ in range(60)]
        self.writer = SeedWriter(con)
        self.actors: dict = {}

    def article(self, number: int, doc_id: int | None = None, version: int = 0) -> int:
        """Write one article (over ``doc_id`` when given); returns its id."""
        rng, v, w = self.rng, self.v, self.writer
        story = v.skewed(self.stories)
        rows = []  # (text, quote span, figure, speaker)
        for fact in rng.sample(story.facts, k=min(len(story.facts), rng.randint(3, 6))):
            speaker = rng.choice(story.cast)
            rows.append((*restate(fact, rng, f"{speaker[2]} {speaker[0]} {speaker[1]}"), speaker))
        for _ in range(rng.randint(8, 16)):
            speaker = rng.choice(story.cast)
            rows.append((filler(v, rng, self.words, f"{speaker[2]} {speaker[0]} {speaker[1]}"), None, None,
                         speaker))
        rng.shuffle(rows)
        body = "\n\n".join(r[0] for r in rows)
        path = f"/synthetic/link/{number:05d}.txt"
        doc_id = w.write_document(doc_id, {
            "path": path, "title": f"{story.place}: article {number}", "outlet": v.skewed(v.outlets),
            "authors": [], "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "url": None,
            "text": body, "sha256": hashlib.sha256(f"{path}:{version}".encode()).hexdigest(), "format": "txt",
            "words": body.count(" ") + 1})
        passages, at = [], 0
        for seq, (text, *_rest) in enumerate(rows):
            passages.append({"kind": "paragraph", "seq": seq, "start": at, "end": at + len(text), "text": text})
            passages.append({"kind": "sentence", "seq": seq, "start": at, "end": at + len(text), "text": text,
                             "parent": len(passages) - 1})
            at += len(text) + 2
        w.insert_passages(doc_id, passages)
        at = 0
        for text, quote, fig, speaker in rows:
            self._claim(doc_id, at, text, quote, fig, speaker)
            at += len(text) + 2
        return doc_id

    def _claim(self, doc_id, at, text, quote, fig, speaker):
        w = self.writer
        aid = person(w, self.actors, speaker)
        name = f"{speaker[0]} {speaker[1]}"
        found = text.find(name)
        if found >= 0:
            w.insert_mentions(doc_id, [{"actor_id": aid, "start": at + found, "end": at + found + len(name),
                                        "text": name, "rule": "synthetic", "confidence": 1.0}])
        claim_id = write_claim(w, doc_id, at, text, aid, quote)
        if fig:
            fs, fe, n = fig
            words = text[fs:fe].split()
            qualifier = " ".join(words[:-2]) or None
            w.insert_figures(doc_id, [{
                "claim_id": claim_id, "start": at + fs, "end": at + fe, "text": text[fs:fe], "low": n, "high": n,
                "unit": words[-1], "subject": words[-1], "qualifier": qualifier, "claimant_id": aid,
                "rule": "synthetic", "confidence": 1.0}])


def timed(con, force: bool = False) -> tuple[float, link_incremental.RunStats]:
    con.execute("BEGIN")
    t0 = time.perf_counter()
    relink(con, force=force)
    seconds = time.perf_counter() - t0
    con.execute("COMMIT")
    return seconds, link_incremental.last_run


def matches_full_link(con) -> tuple[bool, list[float], int, int]:
    """(the stored groups equal those of linking everything at once: claim
    groups by key and members, figure groups by key, status and members, quote
    links by key; how far the member scores that differ do, the group labels
    that differ, the members).  A re-link
    keeps a pair's decision exact but may keep a score that drifted by less
    than the bound of seed/link/drift.py, so scores and labels are counted,
    not compared."""
    rows = store.load_rows(con)
    cg, fg, reuse = rows_to_store(compute_from_rows(rows), {c["id"]: c["document_id"] for c in rows["claims"]},
                                  rows["published"])
    want_c = {g["key"]: (g["label"], {m["claim_id"]: m["score"] for m in g["members"]}) for g in cg}
    have_c = {k: (label, dict(con.execute("SELECT claim_id, score FROM claim_group_members WHERE group_id = ?",
                                          (i,)).fetchall()))
              for i, k, label in con.execute("SELECT id, key, label FROM claim_groups").fetchall()}
    want = ({k: set(m) for k, (_, m) in want_c.items()},
            {(g["key"], g["status"], frozenset(m["figure_id"] for m in g["members"])) for g in fg},
            {r["key"] for r in reuse})
    have = ({k: set(m) for k, (_, m) in have_c.items()},
            {(k, status, frozenset(f for (f,) in con.execute(
                "SELECT figure_id FROM figure_group_members WHERE group_id = ?", (i,)))) for i, k, status in
             con.execute("SELECT id, key, status FROM figure_groups").fetchall()},
            {k for (k,) in con.execute("SELECT key FROM quote_links")})
    gaps = [abs(want_c[k][1][c] - s) for k, (_, m) in have_c.items() if k in want_c
            for c, s in m.items() if c in want_c[k][1] and want_c[k][1][c] != s]
    labels = sum(1 for k, (label, _) in have_c.items() if k in want_c and want_c[k][0] != label)
    return have == want, gaps, labels, sum(len(m) for _, m in have_c.values())


def check(con) -> None:
    equal, gaps, labels, members = matches_full_link(con)
    print(f"  equal to linking everything at once: {equal} (groups, members, figure groups, quote links); "
          f"member scores differing {len(gaps)} of {members} (at most {max(gaps, default=0):.1f}), "
          f"labels differing {labels}")


def report(name: str, seconds: float, s: link_incremental.RunStats) -> None:
    print(f"{name:<22} {seconds:8.3f} s   claims +{s.claims_added}/-{s.claims_dropped}, "
          f"pair candidates {s.pair_candidates:,}, cap-crossing words {s.flipped_terms} "
          f"({s.pairs_rechecked:,} pairs rechecked), pairs +{s.pairs_added:,}/-{s.pairs_removed:,}, "
          f"scored {s.pairs_scored:,} ({'all' if s.rescored_all else f'{s.claims_rescored:,} claims re-scored, '}"
          f"{'' if s.rescored_all else f'{s.pairs_due:,} pairs due'}; drift {s.drift:.4f}), "
          f"rapidfuzz {s.similarities:,}, claims regrouped {s.claims_regrouped:,}, "
          f"figure buckets {s.buckets_regrouped} ({s.figures_regrouped:,} figures)")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=300)
    ap.add_argument("--db", type=Path, default=Path("/tmp/cs_link_bench.db"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", action="store_true", help="compare with linking everything at once")
    ap.add_argument("--once", action="store_true",
                    help="skip the second full re-link (at 3,000 documents one takes over ten minutes)")
    a = ap.parse_args(argv)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{a.db}{suffix}").unlink(missing_ok=True)
    con = open_writer(a.db, fresh=True)
    b = Builder(con, a.seed)
    t0 = time.perf_counter()
    con.execute("BEGIN")
    for i in range(a.documents - 1):
        b.article(i)
    con.execute("COMMIT")
    claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    print(f"{a.documents - 1} documents, {claims:,} claims built in {time.perf_counter() - t0:.1f} s")

    full, s_full = timed(con, force=True)
    report("full relink", full, s_full)
    counts = store.counts(con)
    print(f"  -> {counts['claim_groups']} claim groups, {counts['figure_groups']} figure groups, "
          f"{counts['quote_links']} quote links")

    con.execute("BEGIN")
    b.article(a.documents - 1)
    con.execute("COMMIT")
    added, s_added = timed(con)
    report("after adding one", added, s_added)
    if a.check:
        check(con)

    changed_id = con.execute("SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET 5").fetchone()[0]
    con.execute("BEGIN")
    b.writer.clear_document(changed_id)
    b.article(5, doc_id=changed_id, version=1)
    con.execute("COMMIT")
    changed, s_changed = timed(con)
    report("after changing one", changed, s_changed)
    if a.check:
        check(con)

    if not a.once:
        full2, s_full2 = timed(con, force=True)
        report("full relink again", full2, s_full2)
    print(f"ratio full / incremental: adding one {full / added:.1f}x, changing one {full / changed:.1f}x")
    con.close()


if __name__ == "__main__":
    main()
