"""Cleaning each source and running the language model over all of them, in
order, with one bad document never stopping the rest.

Cleaning and metadata run one source at a time, so a failure there names its
file.  The model runs over batches (and over several processes with
``--workers``): when it fails, which document of the batch in flight broke it is
unknown, so from there on each remaining document is parsed alone, and the one
that fails again is the one reported.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from .ingest import Skipped, Source, clean, infer
from .ingest.clean import Cleaned
from .ingest.metadata import Meta
from .text import chunks


@dataclass
class Prepared:
    source: Source
    doc_id: int | None  # the document it replaces, if any
    cleaned: Cleaned
    meta: Meta


def parsed(todo: list[tuple[Source, int | None]], workers: int,
           skip: Callable[[Skipped], None]) -> Iterator[tuple[Prepared, object]]:
    """``(prepared, doc)`` for each source the cleaner and the model could read,
    in order; ``skip`` hears of each one they could not, with the reason."""
    if not todo:
        return
    from .text.model import load_model

    sent: deque[Prepared] = deque()  # handed to the model, not yet back from it
    items = _prepared(todo, skip, sent)
    nlp = load_model()
    # Memory follows the characters in one batch: at most 8 pieces of CHUNK each.
    kwargs = {"batch_size": 8} | ({"n_process": workers} if workers > 1 else {})
    try:
        for doc, item in chunks.pipe(nlp, items, **kwargs):
            sent.popleft()
            yield item, doc
    except Exception:  # noqa: BLE001 - which document broke the batch is found below
        rest = chain(list(sent), (item for _, item in items))
        sent.clear()
        yield from _one_by_one(nlp, rest, skip)


def _prepared(todo, skip, sent: deque) -> Iterator[tuple[str, Prepared]]:
    for source, doc_id in todo:
        try:
            cleaned = clean(source.text, source.format)
            meta = infer(cleaned, source.meta)
        except Exception as e:  # noqa: BLE001 - a bug meeting one file must not stop the corpus
            skip(Skipped(source.path, f"cleaning failed: {type(e).__name__}: {e}"))
            continue
        if not cleaned.text:
            skip(Skipped(source.path, "no article text left after removing markup and site chrome"))
            continue
        item = Prepared(source, doc_id, cleaned, meta)
        sent.append(item)
        yield cleaned.text, item


def _one_by_one(nlp, items, skip) -> Iterator[tuple[Prepared, object]]:
    for item in items:
        try:
            ((doc, _),) = chunks.pipe(nlp, [(item.cleaned.text, item)])
        except Exception as e:  # noqa: BLE001 - the model failed on this one: report it, go on
            skip(Skipped(item.source.path, f"the language model failed on it: {type(e).__name__}: {e}"))
            continue
        yield item, doc
