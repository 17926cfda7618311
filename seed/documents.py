"""Each document of a run: parsed, its claims, quotes, actors and figures
extracted, and written in a transaction of its own.  The language model is
loaded here, and only when a run has a document to seed: a run with nothing to
do never imports it."""
from __future__ import annotations

import sqlite3
import time

from db.writer import SeedWriter

from .actors import ActorRegistry
from .extract import Extraction, extract
from .ingest import Skipped, Source
from .parse import parsed
from .report import Progress, Report, skip
from .text import block_locator, passages
from .text.columns import column


def seed_each(writer: SeedWriter, todo: list[tuple[Source, int | None]], workers: int,
              report: Report, progress: Progress) -> None:
    """Parse, extract and write each source, one transaction per document.  A
    problem with one document skips it; a database that cannot be written
    stops the run (``WriteError``), keeping every document committed before."""
    registry = ActorRegistry(writer)
    items = parsed(todo, workers, lambda item: skip(report, progress, item))
    while todo:  # (a run with nothing to seed times no stage)
        with report.timing("parse"):
            found = next(items, None)
        if found is None:
            break
        item, doc = found
        try:
            with report.timing("extract"):
                ex = extract(doc, item.meta.authors, item.meta.outlet)
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the corpus
            skip(report, progress, Skipped(item.source.path, f"extraction failed: {type(e).__name__}: {e}"))
            continue
        try:
            with report.timing("write"), writer.transaction():
                _write(writer, registry, item.source, item.doc_id, item.cleaned, item.meta, doc, ex)
        except sqlite3.Error:
            raise  # the file, not this document: see seed()
        except Exception as e:  # noqa: BLE001 - a row this document alone makes unwritable
            registry.reload()
            skip(report, progress, Skipped(item.source.path, f"writing failed: {type(e).__name__}: {e}"))
            continue
        report.seeded.append(item.source.path)
        progress.advance(item.source.path)


def _write(writer: SeedWriter, registry: ActorRegistry, source: Source, doc_id: int | None, cleaned, meta, doc, ex: Extraction) -> None:
    if doc_id is not None:
        writer.clear_document(doc_id)
    doc_id = writer.write_document(doc_id, {
        "path": str(source.path.resolve()),
        "title": meta.title,
        "outlet": meta.outlet,
        "authors": meta.authors,
        "published": meta.published,
        "url": meta.url,
        "text": cleaned.text,
        "sha256": source.sha256,
        "inferred": meta.inferred,
        "format": source.format,
        "words": sum(1 for space, punct in zip(column(doc, "is_space"), column(doc, "is_punct")) if not space and not punct),
        "seeded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    })
    rows = passages(cleaned.text, cleaned.blocks, doc)
    passage_ids = writer.insert_passages(doc_id, rows)

    locate = block_locator(rows)

    def passage_of(start: int) -> int | None:
        i = locate(start)
        return passage_ids[i] if i is not None else None

    actor_ids = registry.write(ex.actors)
    writer.insert_mentions(doc_id, [
        {"actor_id": actor_ids[m.actor], "start": m.start, "end": m.end, "text": m.text,
         "rule": m.rule, "confidence": m.confidence}
        for m in ex.actors.mentions if m.actor in actor_ids
    ])
    quote_ids = writer.insert_quotes(doc_id, [
        {"passage_id": passage_of(q.start), "start": q.start, "end": q.end, "text": q.text,
         "speaker_id": actor_ids.get(q.speaker), "cue": q.cue, "rule": q.rule, "confidence": q.confidence}
        for q in ex.quotes
    ])
    claim_ids = writer.insert_claims(doc_id, [
        {"passage_id": passage_of(c.start), "start": c.start, "end": c.end, "text": c.text,
         "claimant_id": actor_ids.get(c.claimant), "cue": c.cue, "stance": c.stance,
         "quote_id": quote_ids[c.quote] if c.quote is not None else None,
         "rule": c.rule, "confidence": c.confidence}
        for c in ex.claims
    ])
    writer.insert_figures(doc_id, [
        {"claim_id": claim_ids[ci] if ci is not None else None,
         "start": f.start, "end": f.end, "text": f.text, "low": f.low, "high": f.high,
         "unit": f.unit, "subject": f.subject, "qualifier": f.qualifier,
         "claimant_id": actor_ids.get(ex.claims[ci].claimant) if ci is not None else None,
         "rule": f.rule, "confidence": f.confidence}
        for f, ci in zip(ex.figures, ex.figure_claims)
    ])
