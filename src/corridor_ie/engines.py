"""Engines that run the pipeline over many documents on a dask.distributed cluster.

The local engine (``pipeline.run_documents``: in-process, or a ``multiprocessing`` pool) is the
default. ``run_documents_dask`` sends batches of documents to a dask scheduler instead: a cluster
named by address, or a ``LocalCluster`` of two single-threaded worker processes when none is given.

- Each worker process loads the pipeline's resources once (``pipeline.cached_resources``, cached by
  pipeline path) and reuses them for every batch it runs.
- Results come back in input order, and at most ``max_in_flight`` batches are submitted and not yet
  consumed: the input is streamed, never held whole in memory.
- The worker runs ``pipeline.process_document`` in a process it forks (``pipeline.isolated_runner``, one
  per dask worker thread, kept across batches), so a failing document costs that document only and the
  hard limits of the local engine hold there too: ``max_seconds`` (the process is killed and replaced)
  and ``max_memory_mb``.

Workers of a remote cluster need ``corridor-ie`` installed and the pipeline file (and the gazetteers
it names, or the ``gazetteers`` override) at the same absolute path.

Example:
    >>> from corridor_ie.config import load_pipeline
    >>> from corridor_ie.pipeline import read_inputs
    >>> items = read_inputs(["examples/"], load_pipeline(None))
    >>> for result in run_documents_dask(items, None, None, batch=8):  # doctest: +SKIP
    ...     print(result.doc_id, len(result.records))
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator

from .ingest.readers import ReadFailure
from .pipeline import DocResult, cached_resources, failure_result, isolated_runner, process_document
from .types import RawDoc
from .workers import Supervisor
from .workers import available as workers_available

#: batches a worker process holds (running and queued) when ``max_in_flight`` is not given
IN_FLIGHT_PER_WORKER = 2


#: per dask-worker thread, pipeline, gazetteer override and unrelated choice: the worker process that
#: runs its documents
_ISOLATED: dict[tuple[int, str | None, tuple[str, ...] | None, str], Supervisor] = {}


def run_batch(items: list[RawDoc | ReadFailure], pipeline_path: str | None,
              gazetteers: tuple[str, ...] | None = None, unrelated: str = "stub",
              isolated: bool = True) -> list[DocResult]:
    """One batch on a worker: resources come from the worker's cache (loaded on its first batch).

    ``isolated``: the documents run in a process forked from the dask worker (one per dask worker
    thread, kept for the next batches), under the same hard time and memory limits as the local engine;
    a stage is built in the dask worker when its first document reaches it, and the forked process is
    replaced by one that inherits it."""
    res = cached_resources(pipeline_path, gazetteers, "", unrelated)
    if not isolated or not workers_available():
        return [failure_result(i) if isinstance(i, ReadFailure) else process_document(i, res) for i in items]
    key = (threading.get_ident(), pipeline_path, gazetteers, unrelated)
    pool = _ISOLATED.get(key)
    if pool is None:
        # no PR_SET_PDEATHSIG: it follows the forking thread, which a thread pool may end; the worker
        # still ends with this process (the end of its pipe)
        pool = _ISOLATED[key] = isolated_runner(res, 1, pdeathsig=False)
    return list(pool.imap(items))


def _batches(items: Iterable[RawDoc | ReadFailure], size: int) -> Iterator[list[RawDoc | ReadFailure]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_documents_dask(items: Iterable[RawDoc | ReadFailure], pipeline_path: str | None,
                       scheduler: str | None, batch: int, *, n_workers: int = 2,
                       max_in_flight: int | None = None,
                       gazetteers: tuple[str, ...] | None = None, unrelated: str = "stub") -> Iterator[DocResult]:
    """Results in input order from a dask.distributed cluster (``scheduler`` address or a local one).

    ``n_workers`` sizes the local cluster only. Closing the generator (or an exception in the
    consumer, e.g. Ctrl-C) cancels what is still queued and shuts a local cluster down.
    """
    from distributed import Client, LocalCluster

    quiet = logging.getLogger("distributed")  # its INFO chatter would reach a root handler on stderr
    old_level = quiet.level
    quiet.setLevel(logging.ERROR)
    cluster = client = None
    pending: deque = deque()
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster if cluster is not None else scheduler)
        if max_in_flight is None:
            max_in_flight = IN_FLIGHT_PER_WORKER * max(1, sum(client.nthreads().values()))
        for chunk in _batches(items, max(1, batch)):
            pending.append(client.submit(run_batch, chunk, pipeline_path, gazetteers, unrelated, pure=False))
            while len(pending) >= max_in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        quiet.setLevel(old_level)
