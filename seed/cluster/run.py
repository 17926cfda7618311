"""The client side of a cluster run: connecting (or starting a local cluster),
sending each document as a task, and handing the records back in order.

Order.  Ids (documents, passages, actors) follow the order documents are
written, and actor resolution depends on what came before, so the writer takes
the records in the order of the sources, as a serial run does: a window of
futures is consumed from its head.  Tasks are submitted with falling priority,
so the workers take them in that order too and the head is the oldest running
task: it blocks the writer for at most about one document's time while the
rest of the window keeps every worker busy.

Bounded memory.  At most ``window`` documents are in flight (sent, running or
done and waiting for the writer): ``IN_FLIGHT_PER_WORKER`` per worker thread,
at least ``MIN_WINDOW``.  Each one done is released as soon as it is taken and
the next source is sent before the record is written.

Failures.  A worker that dies mid-document loses nothing: the scheduler runs the
task again elsewhere (a document on more than ``allowed-failures`` workers that
died, 3 by default, ends as ``KilledWorker``, reported as skipped with that
reason); a task that raises is retried ``RETRIES`` times.  What a document's own text breaks (the
cleaner, the model, an extraction rule) is no exception here: the task gives a
``Failed`` with the reason a serial run gives.  Losing the scheduler stops the
run (``ClusterError``), keeping every document committed before.
"""
from __future__ import annotations

import asyncio
import secrets
from collections import deque
from collections.abc import Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager

import dask
from distributed import Client, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from ..analyse import Analysed, Failed
from ..ingest import Source
from ..report import ClusterError, Report
from . import local_workers
from .work import Sent, analyse_sent, code_fingerprint, load_model

IN_FLIGHT_PER_WORKER = 4
MIN_WINDOW = 8
RETRIES = 2
CONNECT_SECONDS = 30  # to reach a scheduler, and for a first worker to join it
# A local cluster's settings.  The scheduler hands each worker thread one task
# at a time, not the default 1.1 (two for one thread): when a worker dies, every
# task the scheduler had placed on it counts one death towards KilledWorker, so
# a document queued behind one that kills its worker would be blamed with it.
# The workers run the model without Dask's sampling profiler and without its
# MALLOC_TRIM_THRESHOLD_ (glibc handing memory back after every free): each
# cost 15-20% more CPU per document than the same work outside Dask.  The
# numeric libraries stay at one thread per worker process.
LOCAL_CONFIG = {
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


class ModelPlugin(WorkerPlugin):
    """Loads the language model once in each worker process, when it joins
    (a worker restarted after dying loads it again)."""

    name = "claimscope-model"

    async def setup(self, worker) -> None:
        await asyncio.to_thread(load_model)  # off the event loop: heartbeats go on


def analysed_on(address: str, todo: list[tuple[Source, int | None]],
                report: Report) -> Iterator[tuple[Source, int | None, Analysed | Failed]]:
    """``(source, replaces, record)`` for each source of ``todo``, in order,
    analysed by the workers of the cluster at ``address`` (``local[:N]``: a
    local cluster for this run).  Adds the workers' ``parse`` and ``extract``
    seconds, and the writer's ``wait``, to ``report``."""
    with _connected(address, report) as client:
        threads = sum(client.nthreads().values())
        window = max(MIN_WINDOW, IN_FLIGHT_PER_WORKER * threads)
        run = secrets.token_hex(4)  # keys of this run, apart from any other client's
        sources = iter(enumerate(todo))
        pending: deque = deque()

        def send() -> None:
            for i, (source, doc_id) in sources:
                future = client.submit(analyse_sent, Sent(source.text, source.format, source.meta),
                                       key=f"claimscope-{run}-{i:07d}-{source.sha256[:12]}",
                                       priority=-i, retries=RETRIES, pure=False)
                pending.append((source, doc_id, future))
                return

        for _ in range(window):
            send()
        while pending:
            source, doc_id, future = pending.popleft()
            with report.timing("wait"):
                record, seconds = _result(future, address)
            future.release()
            send()  # before the writer writes this one: the workers stay busy
            for stage, spent in seconds.items():
                report.stages[stage] = report.stages.get(stage, 0.0) + spent
            yield source, doc_id, record


def _result(future, address: str) -> tuple[Analysed | Failed, dict[str, float]]:
    try:
        return future.result()
    except KilledWorker as e:
        return Failed(f"the cluster's workers died each time they analysed it ({_line(e)})"), {}
    except CancelledError as e:
        raise ClusterError(f"lost the Dask scheduler at {address} ({type(e).__name__}: {_line(e)})",
                           started=True) from e
    except Exception as e:  # noqa: BLE001 - this document alone, after its retries
        return Failed(f"the cluster failed on it: {type(e).__name__}: {_line(e)}"), {}


def _line(e: BaseException) -> str:
    """An exception's message on one line (Dask's run over several)."""
    return " ".join(str(e).split())


@contextmanager
def _connected(address: str, report: Report) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a local cluster started
    (and stopped) here, with its workers checked and the model loaded on each."""
    n = local_workers(address)
    cluster = client = None
    with report.timing("cluster start"):
        try:
            if n is not None:
                with dask.config.set(LOCAL_CONFIG):
                    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                           dashboard_address=":0")
                client = Client(cluster)
            else:
                client = Client(address, timeout=CONNECT_SECONDS)
                client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            _check_workers(client)
            client.register_plugin(ModelPlugin())
        except ClusterError:
            _close(client, cluster)
            raise
        except Exception as e:  # noqa: BLE001 - unreachable, no workers, a bad address
            _close(client, cluster)
            raise ClusterError(f"cannot use the Dask cluster at {address}: {type(e).__name__}: {_line(e)}") from e
    try:
        yield client
    finally:
        _close(client, cluster)


def _check_workers(client: Client) -> None:
    """Every worker runs this seeding code, or its records would differ."""
    ours = code_fingerprint()
    try:
        theirs = client.run(code_fingerprint)
    except Exception as e:  # noqa: BLE001 - a worker that cannot even import it
        raise ClusterError("the Dask workers cannot run Claimscope's seeding code "
                           f"({type(e).__name__}: {_line(e)}); install the same claimscope on them") from e
    other = sorted(w for w, print_ in theirs.items() if print_ != ours)
    if other:
        raise ClusterError(f"Dask workers {', '.join(other)} run other Claimscope seeding code than this "
                           "process; install the same claimscope on every worker")


def _close(client, cluster) -> None:
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()
