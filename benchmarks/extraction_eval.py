"""Seed a gold folder and print the evaluator's scores, and optionally what is wrong.

    .venv/bin/python benchmarks/extraction_eval.py                     # default dev gold
    .venv/bin/python benchmarks/extraction_eval.py --set polnear-dev   # the 84-article set
    .venv/bin/python benchmarks/extraction_eval.py --set invented      # ten invented articles
    .venv/bin/python benchmarks/extraction_eval.py --set polnear-dev --errors /tmp/pn-errors.txt

A set is a folder of articles and a folder of gold JSON files (see
../shared/gold/README.md).  Named sets live in ../shared/gold; a path may also be
given as ARTICLES:GOLD.  The scores are ../shared/eval/evaluate.py's, run on a
fresh database; ``--errors`` lists, per document, the gold quotes and claims
that were missed, those matched with another speaker or claimant, and the rows
that match nothing: the material to sort into classes of error.  The list is for
reading on this machine only: the polnear texts may not be copied into the project.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "dev": (SHARED / "corpus", SHARED / "gold" / "dev"),
    "polnear-dev": (SHARED / "gold" / "polnear" / "dev" / "articles", SHARED / "gold" / "polnear" / "dev" / "gold"),
    "polnear-train": (SHARED / "gold" / "polnear" / "train" / "articles",
                      SHARED / "gold" / "polnear" / "train" / "gold"),
    # Ten invented articles of other stories and outlets, written for this project
    # (tests/fixtures/invented/README.md): actors, figures and metadata annotated.
    "invented": (ROOT / "tests" / "fixtures" / "invented" / "articles", ROOT / "tests" / "fixtures" / "invented" / "gold"),
}


def evaluator():
    """The shared evaluator, imported as a module (it is the measure; never a copy)."""
    spec = importlib.util.spec_from_file_location("evaluate", SHARED / "eval" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_set(articles: Path, db: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "claimscope"), "seed", str(articles), "--db", str(db),
                           "--quiet"], capture_output=True, text=True)
    if done.returncode not in (0, 3):
        sys.exit(f"seeding {articles} failed:\n{done.stderr}")
    return time.perf_counter() - began


def errors(ev, db_path: Path, gold_dir: Path, corpus: Path) -> list[str]:
    """Per document: missed and misattributed gold items, and unmatched rows."""
    db = ev.Db(str(db_path))
    names = {r["id"]: r["name"] for r in db.rows("select id, name from actors")}
    forms: dict[str, set[str]] = {}  # every written form of each gold actor, as the evaluator has them
    for path in gold_dir.glob("*.json"):
        for a in json.loads(path.read_text()).get("actors", []):
            forms.setdefault(a["name"], set()).update(ev.norm(m) for m in a.get("mentions", []))
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        g = json.loads(path.read_text())
        raw = (corpus / g.get("file", path.stem + ".txt")).read_text(encoding="utf-8", errors="replace")
        doc = db.match_document(raw)
        if doc is None:
            out.append(f"## {path.stem}: document not found")
            continue
        out.append(f"## {path.stem}")
        meta = g.get("meta") or {}
        own = [n for n in [meta.get("outlet"), *(meta.get("authors") or [])] if n]
        for kind, who, table, speaker in (("quotes", "speaker", "quotes", "speaker_id"),
                                          ("claims", "claimant", "claims", "claimant_id")):
            found = db.rows(f"select text, {speaker} as who from {table} where document_id = ?", doc)
            gold = g.get(kind, [])
            score = _scorer(ev, kind)
            pairs = dict(ev.greedy(gold, found, score))
            for i, item in enumerate(gold):
                if i not in pairs:
                    out.append(f"  MISSED {kind[:-1]}: {ev.norm(item['text'])[:160]!r} ({who}: {item.get(who)})")
                elif item.get(who) and not any(  # an article's own voice: its outlet or its author
                        ev.same_actor(db, found[pairs[i]]["who"], n, forms)
                        for n in (own if kind == "claims" and item[who] in own else [item[who]])):
                    out.append(f"  WRONG {who}: {names.get(found[pairs[i]]['who'])!r} for {item[who]!r}: "
                               f"{ev.norm(item['text'])[:120]!r}")
            matched = set(pairs.values())
            for j, row in enumerate(found):
                if j not in matched:
                    out.append(f"  EXTRA {kind[:-1]}: {ev.norm(row['text'])[:160]!r} ({who}: {names.get(row['who'])})")
    return out


def _scorer(ev, kind: str):
    fuzz = ev.fuzz
    if kind == "quotes":
        return lambda a, b: (s := fuzz.ratio(ev.norm(a["text"]), ev.norm(b["text"]))) >= 80 and s

    def claim(a, b):  # as the evaluator scores claims
        x, y = ev.norm(a["text"]), ev.norm(b["text"])
        longest = 4.0 if "source" in a else 2.5
        if not x or not y or not 0.4 <= len(y) / len(x) <= longest:
            return 0
        s = fuzz.partial_ratio(x, y) if len(x) > 20 and len(y) > 20 else fuzz.ratio(x, y)
        return s if s >= 85 else 0
    return claim


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="dev", help=f"one of {', '.join(SETS)}, or ARTICLES:GOLD")
    ap.add_argument("--db", type=Path, help="seed into this file (kept); default: a temporary one")
    ap.add_argument("--errors", type=Path, help="also write what is wrong, per document, to this file")
    args = ap.parse_args()
    if args.set in SETS:
        articles, gold = SETS[args.set]
    else:
        articles, _, gold = args.set.partition(":")
        articles, gold = Path(articles), Path(gold)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "eval.db"
        seconds = seed_set(articles, db)
        print(f"{args.set}: {len(list(gold.glob('*.json')))} annotated articles, seeded in {seconds:.1f} s")
        result = subprocess.run([sys.executable, str(SHARED / "eval" / "evaluate.py"), "--db", str(db),
                                 "--gold", str(gold), "--corpus", str(articles)], capture_output=True, text=True)
        print(result.stdout.strip())
        if args.errors:
            lines = errors(evaluator(), db, gold, articles)
            args.errors.write_text("\n".join(lines) + "\n", encoding="utf-8")
            counts = {k: sum(1 for line in lines if line.lstrip().startswith(k)) for k in ("MISSED", "WRONG", "EXTRA")}
            print("errors written to", args.errors, counts)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
