"""One document's record: everything the writer needs from it, built the same way
on this machine and on a cluster worker.

``analyse`` turns a cleaned document and its parsed Doc into an ``Analysed``:
the cleaned text and blocks, the metadata, the passages rows, the word count and
the ``Extraction`` (with its ``DocActors``).  It holds plain values only, no
spaCy object, so it pickles small and crosses the wire from a Dask worker; the
writer (``seed.documents``) turns it into rows.  A document that cannot be
analysed becomes a ``Failed`` with the reason, reported as skipped by name.

``analysed`` is the serial path: the model over all the sources in batches
(``seed.parse``), each parsed Doc made a record here.  ``seed.cluster`` builds
the same record with the same two functions, one document per task.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from .extract import Extraction, extract
from .ingest import Skipped, Source
from .ingest.clean import Cleaned
from .ingest.metadata import Meta
from .parse import Prepared, parsed
from .report import Report
from .text import passages
from .text.columns import column


@dataclass
class Analysed:
    cleaned: Cleaned
    meta: Meta
    passages: list[dict]  # rows for the passages table (a sentence's parent by index)
    words: int
    extraction: Extraction


@dataclass
class Failed:
    reason: str  # why the document is skipped ("cleaning failed: ...")


def analyse(prepared: Prepared, doc) -> Analysed | Failed:
    """The record of one parsed document; a failing extraction rule makes it a
    ``Failed`` (one bad document must not stop the corpus)."""
    cleaned, meta = prepared.cleaned, prepared.meta
    try:
        ex = extract(doc, meta.authors, meta.outlet)
    except Exception as e:  # noqa: BLE001 - reported by name, the rest goes on
        return Failed(f"extraction failed: {type(e).__name__}: {e}")
    words = sum(1 for space, punct in zip(column(doc, "is_space"), column(doc, "is_punct"))
                if not space and not punct)
    return Analysed(cleaned, meta, passages(cleaned.text, cleaned.blocks, doc), words, ex)


def analysed(todo: list[tuple[Source, int | None]], workers: int,
             report: Report) -> Iterator[tuple[Source, int | None, Analysed | Failed]]:
    """``(source, replaces, record)`` for each source of ``todo``, in order, on
    this machine (``workers``: the model's processes).  Times ``parse`` and
    ``extract`` in ``report``."""
    failed: deque[Skipped] = deque()  # cleaning and model failures, heard of as the model pulls
    paths = {source.path: (source, doc_id) for source, doc_id in todo}
    items = parsed(todo, workers, failed.append)
    while True:
        with report.timing("parse"):
            found = next(items, None)
        while failed:
            item = failed.popleft()
            source, doc_id = paths[item.path]
            yield source, doc_id, Failed(item.reason)
        if found is None:
            return
        prepared, doc = found
        with report.timing("extract"):
            record = analyse(prepared, doc)
        yield prepared.source, prepared.doc_id, record
