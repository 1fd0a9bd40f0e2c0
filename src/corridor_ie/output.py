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
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel


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
