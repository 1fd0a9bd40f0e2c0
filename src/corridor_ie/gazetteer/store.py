"""Loading gazetteer files (``*.jsonl``, one entry per line) into an immutable ``Gazetteer``.

Loading is strict: the first invalid line stops the run with ``file:line: message`` before any
document is processed. ``corridor-ie gazetteer validate`` reports every problem instead (see
``validate.py``). The version is a content hash, recorded in every extraction output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import GazetteerError
from .model import LABEL_OF_TYPE, Entry


@dataclass(frozen=True)
class LineProblem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def gazetteer_files(paths: Iterable[Path]) -> list[Path]:
    """The ``*.jsonl`` files named, or directly inside the folders named (sorted; sub-folders such as
    ``generate/`` hold sources, not gazetteers)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir() and not p.is_file():
            out.extend(sorted(q for q in p.glob("*.jsonl") if not q.name.startswith(".")))
        elif p.is_file():
            out.append(p)
        else:
            raise GazetteerError("no such gazetteer file or folder", location=str(p))
    return out


def describe_validation_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(k) for k in err["loc"]) or "entry"
    return f"{where}: {err['msg']}"


def iter_entries(path: Path) -> Iterator[tuple[int, Entry | LineProblem]]:
    """Yield ``(line number, Entry or LineProblem)`` for every non-blank line of one file."""
    try:
        with path.open("rb") as fh:
            raw_lines = fh.read().split(b"\n")
    except OSError as e:
        yield 0, LineProblem(path, 0, f"cannot read the file ({e.strerror or e})")
        return
    for n, raw in enumerate(raw_lines, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield n, LineProblem(path, n, "not UTF-8 text (save the file as UTF-8)")
            continue
        if True:
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                yield n, LineProblem(path, n, f"not valid JSON ({e.msg} at column {e.colno})")
                continue
            try:
                yield n, Entry.model_validate(data)
            except ValidationError as e:
                yield n, LineProblem(path, n, describe_validation_error(e))


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Entry]
    version: str
    files: tuple[Path, ...] = ()
    lines: dict[str, tuple[Path, int]] = field(default_factory=dict, compare=False)

    def get(self, entry_id: str | None) -> Entry | None:
        return self.entries.get(entry_id) if entry_id else None

    def of_type(self, *types: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.type in types]

    @staticmethod
    def label(entry: Entry) -> str:
        return LABEL_OF_TYPE[entry.type]

    def current(self, entry_id: str, day=None) -> Entry | None:
        """Follow ``successor`` links to the entry valid on ``day`` (today's unit of a merged province)."""
        e = self.get(entry_id)
        seen = set()
        while e is not None and e.successor and not e.valid_on(day) and e.id not in seen:
            seen.add(e.id)
            e = self.get(e.successor)
        return e


def content_version(files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def load_gazetteer(paths: Iterable[Path]) -> Gazetteer:
    """Load every entry; raise ``GazetteerError`` at the first bad line or duplicate id."""
    paths = list(paths)
    files = gazetteer_files(list(paths))
    if not files:
        raise GazetteerError("no gazetteer files (*.jsonl) found", location=", ".join(str(p) for p in paths),
                             hint="check [tag] gazetteers in the pipeline file")
    entries: dict[str, Entry] = {}
    lines: dict[str, tuple[Path, int]] = {}
    for f in files:
        for n, item in iter_entries(f):
            if isinstance(item, LineProblem):
                raise GazetteerError(item.message, location=f"{f}:{n}" if n else str(f),
                                     hint="run `corridor-ie gazetteer validate` for all problems")
            if item.id in entries:
                first = lines[item.id]
                raise GazetteerError(f"duplicate id {item.id!r} (first defined at {first[0]}:{first[1]})",
                                     location=f"{f}:{n}", hint="give one of them another id")
            entries[item.id] = item
            lines[item.id] = (f, n)
    return Gazetteer(entries=entries, version=content_version(files), files=tuple(files), lines=lines)
