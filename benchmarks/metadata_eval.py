"""What the seeder reads of each article's metadata, without the language model.

    .venv/bin/python benchmarks/metadata_eval.py --set polnear-dev
    .venv/bin/python benchmarks/metadata_eval.py --set invented
    .venv/bin/python benchmarks/metadata_eval.py --set ARTICLES:GOLD --list

For each article it runs the ingest step a seed run runs (manifest, cleaning,
metadata) and counts the documents with a title, an outlet and a date.  A date
is checked against the date in the file's name when it has one
(``outlet_2016-09-12_slug.txt``) and against the gold ``meta`` when the set has
gold: a date that differs is counted as wrong, and a wrong date is worse than
none.  Outlets and titles are checked against the gold ``meta`` when it names
them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.extraction_eval import SETS  # noqa: E402
from seed.ingest import Source, clean, infer, load  # noqa: E402

NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _same(a: str | None, b: str | None) -> bool:
    norm = lambda s: re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).strip()  # noqa: E731
    return bool(a and b) and (norm(a) == norm(b) or norm(b) in norm(a) or norm(a) in norm(b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="invented", help=f"one of {', '.join(SETS)}, or ARTICLES:GOLD")
    ap.add_argument("--list", action="store_true", help="print what was read of each article")
    args = ap.parse_args()
    articles, gold = SETS[args.set] if args.set in SETS else map(Path, args.set.partition(":")[::2])
    golds = {}
    for path in Path(gold).glob("*.json"):
        g = json.loads(path.read_text())
        golds[g.get("file", path.stem + ".txt")] = g.get("meta") or {}
    n = 0
    counts = {k: 0 for k in ("title", "outlet", "published", "date_right", "date_wrong", "date_checked",
                             "outlet_right", "outlet_checked", "title_right", "title_checked")}
    for item in load([Path(articles)]):
        if not isinstance(item, Source):
            continue
        n += 1
        meta = infer(clean(item.text, item.format), item.meta)
        want = golds.get(item.path.name, {})
        m = NAME_DATE.search(item.path.name)
        want_date = want.get("published") or (m.group(1) if m else None)
        for key in ("title", "outlet", "published"):
            counts[key] += bool(getattr(meta, key))
        if meta.published and want_date:
            counts["date_checked"] += 1
            right = meta.published == want_date[:len(meta.published)]
            counts["date_right" if right else "date_wrong"] += 1
        for key in ("outlet", "title"):
            if want.get(key):
                counts[f"{key}_checked"] += 1
                counts[f"{key}_right"] += _same(getattr(meta, key), want[key])
        if args.list:
            print(f"{item.path.name}: title={meta.title!r} outlet={meta.outlet!r} published={meta.published!r}"
                  f" (want {want_date!r})")
    print(f"{args.set}: {n} articles")
    print(f"title found {counts['title']}/{n}, right {counts['title_right']}/{counts['title_checked']} of those in gold")
    print(f"outlet found {counts['outlet']}/{n}, right {counts['outlet_right']}/{counts['outlet_checked']} of those in gold")
    print(f"date found {counts['published']}/{n}: right {counts['date_right']}, wrong {counts['date_wrong']} "
          f"(of {counts['date_checked']} with a known date)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
