"""Cluster: the parse-and-extract step of a seed run on the workers of a Dask
distributed scheduler (``--cluster tcp://host:8786``) or of a ``LocalCluster``
started for the run (``--cluster local[:N]``); the process that runs ``seed``
stays the only writer.

Takes the sources a run has to seed, as text with their manifest metadata (never
a path: a worker may not see this machine's files), and gives back, in the
order of the sources, each one's record (``seed.analyse.Analysed``) or why it
failed, exactly as the serial path does: each worker builds the record with the
same functions.  ``work`` is what runs on a worker (no Dask in it); ``run`` the
client side (the window of documents in flight, retries, the local cluster).
Dask is an optional extra: ``pip install 'claimscope[cluster]'``.
"""
from __future__ import annotations

import os
from importlib.util import find_spec

INSTALL = "pip install 'claimscope[cluster]'"


def available() -> bool:
    """Is Dask's distributed scheduler installed (without importing it)?"""
    return find_spec("distributed") is not None


def local_workers(address: str) -> int | None:
    """The number of worker processes ``local[:N]`` asks for (``local``: one per
    core), None for the address of a scheduler; ValueError for a bad ``local:``."""
    if address != "local" and not address.startswith("local:"):
        return None
    n = address.partition(":")[2]
    if not n:
        return os.cpu_count() or 1
    if not n.isdigit() or int(n) < 1:
        raise ValueError(f"--cluster {address}: expected local or local:N with N at least 1")
    return int(n)
