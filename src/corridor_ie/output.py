"""JSON Lines output that an interruption cannot corrupt.

- Every record is serialised from its validated pydantic model; keys in a fixed order, ``record_type``
  first; UTF-8 without ASCII escaping.
- One document's records are written as one batch (a single buffer of complete lines); SIGINT/SIGTERM
  are deferred while a batch is being written, so a stopped run never leaves half a line.
- A file that ends in a partial line (a killed process) is repaired on open: the partial tail is cut.
- ``done_ids`` reads the doc ids already written, for ``--resume``.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from .errors import CorridorError, SetupError


def record_json(model: BaseModel) -> str:
    data = model.model_dump(mode="json")
    ordered = {"record_type": data.pop("record_type")} if "record_type" in data else {}
    ordered.update(data)
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))


def repair_tail(path: Path) -> int:
    """Cut a trailing partial line left by a killed writer; return the number of bytes removed."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        pos, chunk = size, 65536
        while pos > 0:
            start = max(0, pos - chunk)
            fh.seek(start)
            buf = fh.read(pos - start)
            i = buf.rfind(b"\n")
            if i >= 0:
                keep = start + i + 1
                break
            pos = start
        else:
            keep = 0
        if keep < size:
            fh.truncate(keep)
        return size - keep


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Complete, parseable lines of a JSON Lines file (a damaged last line is skipped)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


def done_ids(path: Path) -> set[str]:
    """Doc ids whose article record is already in ``path``."""
    if not path.exists():
        return set()
    return {r["doc_id"] for r in iter_jsonl(path) if r.get("record_type") == "article" and "doc_id" in r}


@contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block ends (only possible in the main thread)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[tuple[int, Any]] = []
    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def hold(signum, frame):
        pending.append((signum, frame))

    for s in old:
        signal.signal(s, hold)
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        for signum, frame in pending:
            handler = old[signum]
            if callable(handler):
                handler(signum, frame)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(signum)


class JsonlWriter:
    """Append complete batches of records to a file (or stdout when ``path`` is None)."""

    def __init__(self, path: Path | None, *, append: bool = False):
        self.path = path
        self.lines_written = 0
        self._fh: IO[bytes]
        if path is None:
            self._fh = sys.stdout.buffer
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if append:
                repair_tail(path)
            self._fh = path.open("ab" if append else "wb")

    def write_batch(self, models: Iterable[BaseModel]) -> None:
        lines = [record_json(m) for m in models]
        if not lines:
            return
        buf = ("\n".join(lines) + "\n").encode("utf-8")
        with deferred_signals():
            self._fh.write(buf)
            self._fh.flush()
        self.lines_written += len(lines)

    def close(self) -> None:
        if self.path is not None:
            self._fh.close()
        else:
            self._fh.flush()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- extract's outputs: checked up front, written through a temporary file, resumed safely -------------

EXTRACT_TYPES = frozenset({"article", "conference", "official", "commitment"})
PARTIAL_SUFFIX = ".partial"


def _is_special(path: Path) -> bool:
    """An existing path that is not a regular file or a directory (a device, a FIFO, a socket)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode))


@dataclass(frozen=True)
class Target:
    """Where one stream of lines goes: ``path`` None is stdout; a regular file (or one not there yet) is
    written through ``PATH.partial`` and renamed into place; a special file (``/dev/null``, a FIFO) is
    written in place and never renamed, truncated or removed."""

    path: Path | None
    special: bool = False

    @classmethod
    def of(cls, path: Path | None) -> Target:
        if path is None:
            return cls(None)
        if _is_special(path):
            return cls(path, special=True)
        return cls(Path(os.path.realpath(path)))  # a symlink to a regular file: the file it names

    @property
    def regular(self) -> bool:
        return self.path is not None and not self.special

    @property
    def partial(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + PARTIAL_SUFFIX)

    @property
    def lock(self) -> Path:
        assert self.path is not None
        return self.path.with_name(f".{self.path.name}.lock")


@dataclass
class ResumeState:
    """What ``--resume`` found in an output: the documents done, and what to drop before appending."""

    base: Path  # the file read: the output, or the ``.partial`` a killed run left
    done: set[str] = field(default_factory=set)
    versions: list[str] = field(default_factory=list)  # gazetteer versions of the done articles
    drop: list[tuple[int, int]] = field(default_factory=list)  # byte ranges of incomplete documents
    dropped_docs: int = 0
    dropped_records: int = 0
    cut_line: int | None = None  # the number of a last line without its newline
    size: int = 0

    def notes(self, shown: Path) -> list[str]:
        """What the user is told about the lines dropped (each is extracted again)."""
        out = []
        if self.cut_line is not None:
            out.append(f"{shown}:{self.cut_line}: the last line was cut short (no newline); dropped")
        if self.dropped_docs:
            out.append(f"{shown}: dropped {self.dropped_records} record(s) of {self.dropped_docs} document(s) "
                       "whose records were not all written; they are extracted again")
        return out


def _bad_line(path: Path, n: int, what: str) -> SetupError:
    return SetupError(what, location=f"{path}:{n}",
                      hint="not an output of corridor-ie extract: choose another -o, or remove the line")


def parse_output_line(path: Path, n: int, raw: bytes) -> dict[str, Any]:
    """One line of an extract output as a record dict; ``SetupError`` naming ``file:line`` otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _bad_line(path, n, f"not UTF-8 text (byte {e.start + 1})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise _bad_line(path, n, f"not valid JSON ({e.msg}, column {e.colno})") from None
    except RecursionError:
        raise _bad_line(path, n, "not a record (JSON nested too deeply)") from None
    if not isinstance(obj, dict):
        raise _bad_line(path, n, f"a JSON {type(obj).__name__}, not a record")
    if obj.get("record_type") not in EXTRACT_TYPES or not isinstance(obj.get("doc_id"), str):
        kind = obj.get("record_type")
        raise _bad_line(path, n, "not a record of corridor-ie extract"
                        + (f" (record_type {kind!r})" if isinstance(kind, str) else " (no record_type and doc_id)"))
    return obj


def scan_output(path: Path) -> ResumeState:
    """Read an output for ``--resume``: a document is done when its article and as many records as the
    article's ``record_count`` are there (an article without ``record_count``, schema 1.1 and older: when
    the article is there). A last line without its newline is dropped; any other line that is not a
    record is a ``SetupError`` naming ``file:line``."""
    state = ResumeState(base=path)
    group: dict[str, Any] | None = None
    versions: dict[str, None] = {}

    def close() -> None:
        if group is None:
            return
        expected = group["expected"]
        if group["article"] and (not isinstance(expected, int) or expected == group["count"]):
            state.done.add(group["doc_id"])
            if group["version"]:
                versions.setdefault(group["version"], None)
        else:
            state.drop.append((group["start"], group["end"]))
            state.dropped_docs += 1
            state.dropped_records += group["count"]

    offset = 0
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            start, offset = offset, offset + len(raw)
            if not raw.endswith(b"\n"):
                state.cut_line = n
                state.drop.append((start, offset))
                break
            if not raw.strip():
                continue
            obj = parse_output_line(path, n, raw)
            doc_id, kind = obj["doc_id"], obj["record_type"]
            if kind == "article" or group is None or group["doc_id"] != doc_id:
                close()
                group = {"doc_id": doc_id, "start": start, "article": kind == "article", "count": 0,
                         "expected": obj.get("record_count") if kind == "article" else None,
                         "version": obj.get("gazetteer_version") if kind == "article" else None}
            group["count"] += 1
            group["end"] = offset
        close()
    state.size = offset
    state.drop.sort()
    state.versions = list(versions)
    return state


def drop_ranges(path: Path, ranges: list[tuple[int, int]], size: int) -> None:
    """Remove byte ranges from ``path``: a truncation when they end the file, else a rewrite through a
    temporary file renamed into place."""
    if not ranges:
        return
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    if len(merged) == 1 and merged[0][1] >= size:
        with path.open("rb+") as fh:
            fh.truncate(merged[0][0])
        return
    tmp = path.with_name(f".{path.name}.rewrite")
    with path.open("rb") as src, tmp.open("wb") as dst:
        pos = 0
        for a, b in [*merged, (size, size)]:
            src.seek(pos)
            left = a - pos
            while left > 0:
                chunk = src.read(min(left, 1 << 20))
                if not chunk:
                    break
                dst.write(chunk)
                left -= len(chunk)
            pos = b
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)


class Sink:
    """Lines to a :class:`Target`, opened on the first write (an output is never touched before a
    document is done). A fresh run writes ``PATH.partial`` and :meth:`commit` renames it into place;
    ``append`` (``--resume``) writes the file itself. ``before_open`` runs once, just before the file is
    opened (``--resume`` drops incomplete documents then)."""

    def __init__(self, target: Target, *, append: bool = False):
        self.target = target
        self.append = append
        self.lines = 0
        self._fh: IO[bytes] | None = None
        self.before_open: Callable[[], None] | None = None

    @property
    def written_to(self) -> Path | None:
        """The file lines go to now (the ``.partial`` of a fresh run)."""
        t = self.target
        if t.path is None or t.special or self.append:
            return t.path
        return t.partial

    def open(self) -> IO[bytes]:
        if self._fh is None:
            if self.before_open is not None:
                hook, self.before_open = self.before_open, None
                hook()
            t = self.target
            if t.path is None:
                self._fh = sys.stdout.buffer
            elif t.special:
                self._fh = t.path.open("ab")
            else:
                where = self.written_to
                assert where is not None
                self._fh = where.open("ab" if self.append else "wb")
        return self._fh

    def write_lines(self, lines: list[str]) -> None:
        if not lines:
            return
        buf = ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")
        fh = self.open()
        with deferred_signals():
            fh.write(buf)
            fh.flush()
        self.lines += len(lines)

    def write_models(self, models: Iterable[BaseModel]) -> None:
        self.write_lines([record_json(m) for m in models])

    def close(self) -> None:
        if self._fh is not None and self.target.path is not None:
            self._fh.close()
        elif self._fh is not None:
            self._fh.flush()

    def commit(self) -> None:
        """Close; a fresh run's ``.partial`` replaces the file."""
        self.close()
        t = self.target
        if t.regular and not self.append and self._fh is not None:
            assert t.path is not None
            os.replace(t.partial, t.path)

    def discard(self) -> None:
        """Close; a fresh run's ``.partial`` that got no line is removed (the output stays as it was)."""
        self.close()
        t = self.target
        if t.regular and not self.append and self._fh is not None and self.lines == 0:
            t.partial.unlink(missing_ok=True)


# --- locks -----------------------------------------------------------------------------------------
# held while a command writes files another run may write at the same time (the outputs of
# ``extract``, a gazetteer folder), with the ``filelock`` package. The lock file goes while still held:
# a run that opened it meanwhile finds it unlinked when its lock succeeds, and filelock then starts
# again on a new file; no lock file is left behind.


@contextmanager
def held(lock_path: Path, busy: Callable[[], CorridorError], *, wait: float = 0,
         required: bool = True) -> Iterator[None]:
    """Hold ``lock_path`` for the block; raise ``busy()`` when another process holds it for more than
    ``wait`` seconds. A lock that cannot be created (a read-only folder) is a :class:`SetupError`, or
    with ``required`` false the block runs unlocked (its own write then reports the folder)."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path), timeout=wait)
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise busy() from None
    except OSError as e:
        if required:
            raise SetupError(f"cannot take the lock {lock_path} ({e.strerror or e})") from None
        yield
        return
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        lock.release()
