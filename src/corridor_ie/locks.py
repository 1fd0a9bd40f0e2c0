"""A lock held while a command writes files that another run may write at the same time (the outputs
of ``extract``, a gazetteer folder), with the ``filelock`` package.

The lock file goes while still held: a run that opened it meanwhile finds it unlinked when its lock
succeeds, and filelock then starts again on a new file; no lock file is left behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import CorridorError, SetupError


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
