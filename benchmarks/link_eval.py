"""Cross-source linking against hand labels.

    python benchmarks/link_eval.py [--db /tmp/cs_link_eval.db] [--keep]

Seeds the default corpus (../shared/corpus) and the invented one
(tests/fixtures/link_corpus: five unrelated stories sharing units) into one
temporary database, as a user mixing folders would, then scores the labelled
pairs of tests/fixtures/link_corpus/labels.toml: a pair is predicted "same"
when both sides sit in one group.  Prints precision and recall for claim
pairs and for figure pairs, the groups spanning two stories (the invented
articles' ``story`` in sources.toml; the default corpus is one story), and
the conflicts found, each with its members, to judge by eye.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db import link_report as store  # noqa: E402
from db.connection import open_readonly  # noqa: E402

DEFAULT = (ROOT / ".." / "shared" / "corpus").resolve()
INVENTED = ROOT / "tests" / "fixtures" / "link_corpus"


def seed(db: Path) -> None:
    subprocess.run([sys.executable, "-m", "seed", str(DEFAULT), str(INVENTED), "--db", str(db), "--quiet"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def _doc_of(paths: dict[int, str], corpus: str, name: str) -> int:
    folder = DEFAULT if corpus == "default" else INVENTED
    found = [i for i, p in paths.items() if Path(p).parent == folder and Path(p).name.startswith(name)]
    if len(found) != 1:
        raise SystemExit(f"labels: no single document {name!r} in {folder}")
    return found[0]


def _item(side, corpus, paths, texts, spans, figure: bool) -> int | None:
    """The claim or figure whose span holds the labelled point."""
    doc = _doc_of(paths, corpus, side[0])
    where = side[1]
    if isinstance(where, str):
        at = texts[doc].find(where)
        if at < 0:
            raise SystemExit(f"labels: {where!r} not in {side[0]}")
        # A figure's snippet points at its first digit ("lead of 6"), a claim's at its start.
        digits = [i for i, ch in enumerate(where) if ch.isdigit() or ch == "$"]
        where = at + (digits[0] if figure and digits else 0)
    hits = [(e - s, i) for i, d, s, e in spans if d == doc and s <= where < e]
    return min(hits)[1] if hits else None


def score(pairs: list, group_of: dict[int, int]) -> tuple[float, float, int, int, list]:
    tp = fp = fn = 0
    missing = []
    for a, b, same in pairs:
        if a is None or b is None:
            missing.append((a, b, same))
            fn += same
            continue
        predicted = a in group_of and group_of.get(a) == group_of.get(b)
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, tp + fp, len(pairs), missing


def stories(paths: dict[int, str]) -> dict[int, str]:
    manifest = tomllib.loads((INVENTED / "sources.toml").read_text(encoding="utf-8"))
    out = {}
    for i, p in paths.items():
        path = Path(p)
        out[i] = manifest[path.name]["story"] if path.parent == INVENTED else "default"
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="database to seed (default: a temporary file)")
    ap.add_argument("--keep", action="store_true", help="keep the database")
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "link_eval.db"
    db.unlink(missing_ok=True)
    seed(db)
    con = open_readonly(db)
    rows = store.spans_and_groups(con)
    paths = dict(rows["documents"])
    texts = store.document_texts(con)
    labels = tomllib.loads((INVENTED / "labels.toml").read_text(encoding="utf-8"))
    story = stories(paths)
    print(f"{len(paths)} documents, {len(set(story.values()))} stories")
    for kind, spans, groups in (("claims", rows["claims"], rows["claim_groups"]),
                                ("figures", rows["figures"], rows["figure_groups"])):
        figure = kind == "figures"
        pairs = [(_item(a, block["corpus"], paths, texts, spans, figure),
                  _item(b, block["corpus"], paths, texts, spans, figure), same)
                 for block in labels[kind] for a, b, same in block["pairs"]]
        group_of = {item: g for g, item, _ in groups}
        p, r, predicted, n, missing = score(pairs, group_of)
        members: dict[int, set[str]] = {}
        for g, _, doc in groups:
            members.setdefault(g, set()).add(story[doc])
        spanning = sum(len(s) > 1 for s in members.values())
        print(f"{kind[:-1]} pairs: {n} labelled ({sum(s for *_, s in pairs)} same), {predicted} predicted same, "
              f"precision {p:.2f}, recall {r:.2f}; groups {len(members)}, spanning two stories {spanning}"
              + (f"; {len(missing)} labelled sides not extracted" if missing else ""))
    status = dict(rows["figure_status"])
    conflicts = [g for g, s in status.items() if s == "conflict"]
    print(f"figure groups in conflict: {len(conflicts)} of {len(status)}")
    figure_text = store.figure_texts(con)
    for g in conflicts:
        members = sorted((Path(paths[doc]).stem[:12], figure_text[f]) for gid, f, doc in rows["figure_groups"] if gid == g)
        print(f"  {story[next(d for gid, _, d in rows['figure_groups'] if gid == g)]:8} "
              + " · ".join(f"{name} {text}" for name, text in members))
    if args.keep:
        print(f"database kept: {db}")
    else:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
