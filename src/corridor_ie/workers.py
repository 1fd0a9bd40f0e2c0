"""Documents in worker processes with hard limits: time, memory, and a stop that always works.

``[limits] max_seconds`` is first enforced inside the worker by a timer (``pipeline._time_limit``), which
lands at the next Python bytecode and names the stage. C code (libxml2 parsing 200,000 attributes, a
regular expression, trafilatura's XPath) does not return to Python, so the supervisor (the parent)
watches the clock too: a worker still busy ``grace`` seconds after the limit is killed (SIGKILL) and
replaced by a fresh fork, and the document becomes one error line naming the stage it was in.

Memory: before each document the worker caps its address space (``RLIMIT_AS``) at what it uses now plus
``[limits] max_memory_mb``; a document that needs more gets a ``MemoryError`` (one error line; the worker is
then replaced) or is killed by the kernel (the supervisor reports that). A worker that grew by more than
the limit over many documents is replaced between documents.

Workers are forked from the process that loaded the pipeline, so they share its loaded resources and a
replacement costs milliseconds. A worker that finds something missing (a stage not built yet) says so
in its answer; the parent then prepares it (``prepare``), replaces its workers with fresh forks that
inherit it, and sends the document again, its clock started anew. They ignore SIGINT (the parent stops them) and die with the parent
(``PR_SET_PDEATHSIG`` and the end of their pipe). Results come back in input order, at most ``window``
documents ahead of the one the caller waits for.

Needs ``os.fork`` (Linux, macOS; macOS does not enforce ``RLIMIT_AS``); :func:`available` says so.

Example:
    >>> from corridor_ie.api import raw_text, resources
    >>> from corridor_ie.pipeline import process_document
    >>> res = resources()
    >>> with Supervisor(lambda doc, trace: process_document(doc, res, trace).encoded(), 1,
    ...                 HardLimits(seconds=60)) as pool:  # doctest: +SKIP
    ...     [r.doc_id for r in pool.imap([raw_text("Tỉnh Lào Cai họp với tỉnh Vân Nam.")])]
"""

from __future__ import annotations

import mmap
import os
import resource
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

#: fds of the parent ends of every worker's pipe in this process: a new worker closes them, so that a
#: worker sees the end of its own pipe when the parent dies
_PARENT_ENDS: set[int] = set()
_SLOT_BYTES = 64  # the stage name a worker is in, for the parent to read after killing it
_PR_SET_PDEATHSIG = 1


def available() -> bool:
    """Whether documents can run in worker processes here (``os.fork`` exists)."""
    return hasattr(os, "fork")


@dataclass(frozen=True)
class HardLimits:
    seconds: float  # ``max_seconds``: the worker's own timer
    memory_mb: int | None = None  # ``max_memory_mb``: address space a document may add; None: no cap
    grace: float | None = None  # the parent kills this long after ``seconds`` (default: see ``kill_after``)

    @property
    def kill_after(self) -> float:
        return self.seconds + (self.grace if self.grace is not None else max(1.0, 0.1 * self.seconds))


@dataclass(frozen=True)
class Stopped:
    """Why a worker did not return a document's result: killed over time, or it died."""

    item: Any
    stage: str  # the stage the worker had reached ("extract" before the first)
    timed_out: bool
    status: str  # "killed by SIGSEGV", "exited with 70", … ("" when timed out)


def _vm_bytes() -> int:
    """This process's address-space size (what ``RLIMIT_AS`` counts)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * mmap.PAGESIZE
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cap_memory(extra: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = _vm_bytes() + extra
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):  # pragma: no cover - a platform without it
        pass


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


class _SlotTrace(list):
    """The stage trace ``process_document`` keeps, also written to shared memory as each stage starts."""

    def __init__(self, slot: mmap.mmap):
        super().__init__()
        self._slot = slot

    def append(self, name: str) -> None:  # type: ignore[override]
        super().append(name)
        data = name.encode("utf-8", "replace")[: _SLOT_BYTES - 1]
        self._slot[: len(data) + 1] = data + b"\0"


def _read_slot(slot: mmap.mmap) -> str:
    return bytes(slot[:_SLOT_BYTES]).split(b"\0", 1)[0].decode("utf-8", "replace")


def _child(conn: Connection, slot: mmap.mmap, work: Callable[[Any, list], Any], limits: HardLimits,
           pdeathsig: bool) -> None:
    """A worker's life: documents in, results out, until the pipe ends or it should be replaced."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if pdeathsig:
        _die_with_parent()
    extra = limits.memory_mb * 1024 * 1024 if limits.memory_mb else None
    start_vm = _vm_bytes()
    unlimited = resource.getrlimit(resource.RLIMIT_AS)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        seq, item = msg
        slot[:1] = b"\0"
        if extra is not None:
            _cap_memory(extra)
        try:
            result = work(item, _SlotTrace(slot))
        except MemoryError:
            result = None
        finally:
            if extra is not None:
                resource.setrlimit(resource.RLIMIT_AS, unlimited)
        # a worker whose document ran out of memory, or that grew by more than one document may over
        # its life, is replaced: its heap is not to be trusted, or is too big to keep
        recycle = result is None or getattr(result, "fatal", False) or (
            extra is not None and _vm_bytes() - start_vm > extra)
        conn.send((seq, result, recycle))
        if recycle:
            return


class _Worker:
    def __init__(self, pid: int, conn: Connection, slot: mmap.mmap, generation: int):
        self.pid = pid
        self.conn = conn
        self.slot = slot
        self.generation = generation  # the parent's state it was forked from (see ``Supervisor.prepare``)
        self.job: tuple[int, Any, float] | None = None  # (seq, item, started)


class Supervisor:
    """``n`` worker processes running ``work(item, trace)`` with the hard limits; ``imap`` keeps order.

    ``on_stopped(Stopped)`` turns a killed or dead worker's document into a result; ``on_memory(item)``
    a document that raised ``MemoryError``. ``direct(item)`` (optional) gives the result of an item the
    parent handles itself (a read failure) or None to send it to a worker. ``prepare(result)``
    (optional) is asked about every result: True means the parent has just done what the worker lacked
    (built a stage), so the item runs again in a worker forked after that.
    """

    MAX_AGAIN = 8  # an item sent again this often without a result is an error (``prepare`` must help)

    def __init__(self, work: Callable[[Any, list], Any], n: int, limits: HardLimits, *,
                 on_stopped: Callable[[Stopped], Any], on_memory: Callable[[Any], Any],
                 direct: Callable[[Any], Any] | None = None, prepare: Callable[[Any], bool] | None = None,
                 window: int | None = None, pdeathsig: bool = True):
        self._work = work
        self._n = max(1, n)
        self._limits = limits
        self._on_stopped = on_stopped
        self._on_memory = on_memory
        self._direct = direct or (lambda item: None)
        self._prepare = prepare or (lambda result: False)
        self._generation = 0  # bumped each time ``prepare`` changed the parent: older workers are replaced
        self._again: list[tuple[int, Any]] = []  # items to send again (after ``prepare``)
        self._tries: dict[int, int] = {}
        # documents read ahead of the one the caller waits for: enough that a slow document does not
        # leave the other workers idle (head-of-line), few enough to bound the memory of read documents
        self._window = window or max(32, 8 * self._n)
        self._pdeathsig = pdeathsig
        self._workers: list[_Worker] = []
        self._closed = False
        self.replaced = 0  # workers killed or lost and started again

    # --- workers -------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent_end, child_end = socket.socketpair()
        slot = mmap.mmap(-1, _SLOT_BYTES)
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller's code
            code = 0
            try:
                parent_end.close()
                for fd in list(_PARENT_ENDS):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                _child(Connection(child_end.detach()), slot, self._work, self._limits, self._pdeathsig)
            except BaseException:  # noqa: BLE001 - a worker never unwinds into the parent's stack
                code = 70
            finally:
                os._exit(code)
        child_end.close()
        fd = parent_end.detach()
        _PARENT_ENDS.add(fd)
        worker = _Worker(pid, Connection(fd), slot, self._generation)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool) -> str:
        """Stop a worker and reap it; return how it ended ("" when it exited cleanly)."""
        if kill:
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _PARENT_ENDS.discard(worker.conn.fileno())
        worker.conn.close()
        status = ""
        try:
            _, raw = os.waitpid(worker.pid, 0)
            if os.WIFSIGNALED(raw):
                status = f"killed by {signal.Signals(os.WTERMSIG(raw)).name}"
            elif os.WEXITSTATUS(raw):
                status = f"exited with status {os.WEXITSTATUS(raw)}"
        except ChildProcessError:
            pass
        self._workers.remove(worker)
        worker.slot.close()
        return status

    def close(self) -> None:
        """Stop every worker (idle or busy) and reap them."""
        if self._closed:
            return
        self._closed = True
        for w in list(self._workers):
            self._retire(w, kill=True)

    def __enter__(self) -> Supervisor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- running -------------------------------------------------------------------------------

    def imap(self, items: Iterable[Any]) -> Iterator[Any]:
        """Results of ``items`` in order. Closing the generator early leaves the workers running (the
        next ``imap`` reuses them); ``close`` stops them."""
        if self._closed:
            raise RuntimeError("supervisor closed")
        while len(self._workers) < self._n:
            self._spawn()
        it = iter(items)
        done: dict[int, Any] = {}
        next_seq = next_out = 0
        exhausted = False
        pending: tuple[int, Any] | None = None  # read, not yet sent
        try:
            while True:
                # read ahead one document (a read failure is answered at once)
                while pending is None and not exhausted and next_seq - next_out < self._window:
                    try:
                        item = next(it)
                    except StopIteration:
                        exhausted = True
                        break
                    direct = self._direct(item)
                    if direct is not None:
                        done[next_seq] = direct
                    else:
                        pending = (next_seq, item)
                    next_seq += 1
                # hand over what is ready, in order, before more work starts: a stop that arrives meanwhile
                # finds every finished document written
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                idle = [w for w in self._workers if w.job is None]
                if (self._again or pending is not None) and idle:
                    w = idle[0]
                    if w.generation < self._generation:  # forked before the parent prepared something
                        self._retire(w, kill=True)
                        w = self._spawn()
                    if self._again:
                        self._send(w, *self._again.pop(0))
                    else:
                        assert pending is not None
                        self._send(w, *pending)
                        pending = None
                    continue
                busy = [w for w in self._workers if w.job is not None]
                if exhausted and pending is None and not self._again and not busy and next_out == next_seq:
                    return
                if busy and next_out not in done:
                    self._collect(busy, done)
        finally:
            # an early exit (an exception in the caller, Ctrl-C): busy workers hold stale jobs; the next
            # ``imap`` starts new ones
            for w in [w for w in self._workers if w.job is not None]:
                self._retire(w, kill=True)

    def _send(self, w: _Worker, seq: int, item: Any) -> None:
        w.job = (seq, item, time.monotonic())
        try:
            w.conn.send((seq, item))
        except OSError:  # it died while idle: the document goes to a fresh one
            self._retire(w, kill=True)
            w = self._spawn()
            w.job = (seq, item, time.monotonic())
            w.conn.send((seq, item))

    def _collect(self, busy: list[_Worker], done: dict[int, Any]) -> None:
        """Wait for a result or the nearest deadline; kill and replace workers over their time."""
        kill_after = self._limits.kill_after
        nearest = min(w.job[2] for w in busy if w.job) + kill_after
        ready = wait([w.conn for w in busy], timeout=max(0.0, nearest - time.monotonic()))
        by_conn = {id(w.conn): w for w in busy}
        for conn in ready:
            w = by_conn[id(conn)]
            assert w.job is not None
            seq, item, _ = w.job
            try:
                got_seq, result, recycle = w.conn.recv()
            except (EOFError, OSError):
                stage = _read_slot(w.slot) or "extract"
                status = self._retire(w, kill=True)
                done[seq] = self._on_stopped(Stopped(item, stage, False, status or "exited"))
                self.replaced += 1
                self._spawn()
                continue
            w.job = None
            if result is not None and self._prepare(result):
                self._generation += 1
                tries = self._tries[seq] = self._tries.get(seq, 0) + 1
                if tries > self.MAX_AGAIN:
                    raise RuntimeError(f"a worker kept asking for what the parent prepared ({result!r})")
                self._again.append((seq, item))
                if recycle:
                    self._retire(w, kill=False)
                    self._spawn()
                continue
            self._tries.pop(seq, None)
            done[got_seq] = self._on_memory(item) if result is None else result
            if recycle:
                self._retire(w, kill=False)
                self._spawn()
        now = time.monotonic()
        for w in [w for w in busy if w.job is not None and now - w.job[2] >= kill_after]:
            assert w.job is not None
            seq, item, _ = w.job
            stage = _read_slot(w.slot) or "extract"
            self._retire(w, kill=True)
            done[seq] = self._on_stopped(Stopped(item, stage, True, ""))
            self.replaced += 1
            self._spawn()


__all__ = ["HardLimits", "Stopped", "Supervisor", "available"]
