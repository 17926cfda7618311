"""What a cluster worker runs for one document: cleaning, metadata, the model
and extraction, through the same functions as a serial run (``seed.parse``,
``seed.analyse``), giving the same record.  No Dask here: a worker imports this
by name, and a test can call it in-process.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..analyse import Analysed, Failed, analyse
from ..ingest import Skipped, Source
from ..parse import parsed

# A worker running several threads shares one model between them: one document
# through it at a time (the model holds the interpreter's lock anyway).
_MODEL = threading.Lock()


@dataclass
class Sent:
    """One document as it is sent to a worker: its text, format and manifest
    fields, never its path."""

    text: str
    format: str
    manifest: dict = field(default_factory=dict)


def analyse_sent(sent: Sent) -> tuple[Analysed | Failed, dict[str, float]]:
    """The document's record (or why it failed), and the seconds the worker spent
    in ``parse`` (cleaning, metadata, the model) and ``extract``."""
    began = time.perf_counter()
    source = Source(Path(f"<document sent as text>.{sent.format}"), sent.format, sent.text, "", sent.manifest)
    problems: list[Skipped] = []
    with _MODEL:
        found = list(parsed([(source, None)], 1, problems.append))
    parse = time.perf_counter() - began
    if not found:
        return Failed(problems[0].reason), {"parse": parse}
    prepared, doc = found[0]
    record = analyse(prepared, doc)
    return record, {"parse": parse, "extract": time.perf_counter() - began - parse}


def load_model() -> None:
    """Load the model into this worker process now (a worker plugin's set-up),
    so the first document does not pay for it."""
    from ..text.model import load_model as load

    load()


def code_fingerprint() -> str:
    """A hash of this process's seeding code (every ``.py`` of ``seed``): a worker
    must run the code the writer runs, or its records would not be a serial run's."""
    import hashlib

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
