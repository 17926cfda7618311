"""Each document of a run written in a transaction of its own, from its record
(``seed.analyse``): parsed and extracted here, or by the workers of a Dask
cluster (``seed.cluster``).  This process is the only writer either way, and it
writes the records in the order of the sources, so a cluster gives the ids a
serial run gives.  The language model is loaded only when a run has a document
to seed: a run with nothing to do never imports this module.
"""
from __future__ import annotations

import sqlite3
import time

from db.writer import SeedWriter

from .actors import ActorRegistry
from .analyse import Analysed, Failed, analysed
from .ingest import Skipped, Source
from .report import Progress, Report, skip
from .text import block_locator


def seed_each(writer: SeedWriter, todo: list[tuple[Source, int | None]], workers: int,
              report: Report, progress: Progress, cluster: str | None = None) -> None:
    """Analyse and write each source, one transaction per document, in order.  A
    problem with one document skips it; a database that cannot be written
    stops the run (``WriteError``), keeping every document committed before.
    ``cluster``: a Dask scheduler's address or ``local[:N]`` (``seed.cluster``)."""
    registry = ActorRegistry(writer)
    if cluster is None:
        records = analysed(todo, workers, report)
    else:
        from .cluster.run import analysed_on  # Dask, only when asked for

        records = analysed_on(cluster, todo, report)
    try:
        for source, doc_id, record in records:
            if isinstance(record, Failed):
                skip(report, progress, Skipped(source.path, record.reason))
                continue
            try:
                with report.timing("write"), writer.transaction():
                    _write(writer, registry, source, doc_id, record)
            except sqlite3.Error:
                raise  # the file, not this document: see seed()
            except Exception as e:  # noqa: BLE001 - a row this document alone makes unwritable
                registry.reload()
                skip(report, progress, Skipped(source.path, f"writing failed: {type(e).__name__}: {e}"))
                continue
            report.seeded.append(source.path)
            if not record.meta.outlet:
                report.no_outlet.append(source.path)
            if not record.meta.published:
                report.no_date.append(source.path)
            progress.advance(source.path)
    finally:
        records.close()  # a cluster's client (and a local cluster) goes with it


def _write(writer: SeedWriter, registry: ActorRegistry, source: Source, doc_id: int | None,
           record: Analysed) -> None:
    cleaned, meta, ex = record.cleaned, record.meta, record.extraction
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
        "words": record.words,
        "seeded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    })
    rows = record.passages
    passage_ids = writer.insert_passages(doc_id, rows)

    locate = block_locator(rows)

    def passage_of(start: int) -> int | None:
        i = locate(start)
        return passage_ids[i] if i is not None else None

    actor_ids = registry.write(ex.actors, str(source.path.resolve()))
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
