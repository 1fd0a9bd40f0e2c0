"""Reading records files back: JSON Lines written by ``corridor-ie extract`` (or ``consolidate``).

Files are streamed line by line. A missing file, a line that is not a JSON object or a record that does
not validate is a :class:`~corridor_ie.errors.SetupError` naming ``file:line``; a truncated last line (a
killed writer) is skipped, as ``output.iter_jsonl`` does; lines of the errors file are ignored.

Example:
    >>> list(read_records([]))
    []
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from corridor_ie.errors import InputNotFound, SetupError
from corridor_ie.records import RECORD_ADAPTER

#: record types that may appear in a records file and are not read
IGNORED_TYPES = frozenset({"error"})


def read_lines(paths: Iterable[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``("file:line", object)`` for every JSON line of every file, streamed in order."""
    paths = list(paths)
    for path in paths:
        if not path.is_file():
            raise InputNotFound("no such file", location=str(path), hint="give a JSON Lines records file")
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    if not line.endswith("\n"):
                        break
                    raise SetupError("not a JSON line", location=f"{path}:{n}",
                                     hint="expected records written by corridor-ie extract") from None
                if not isinstance(obj, dict) or "record_type" not in obj:
                    raise SetupError("not a record (no record_type)", location=f"{path}:{n}")
                yield f"{path}:{n}", obj


def read_records(paths: Iterable[Path], views: Mapping[str, type[BaseModel]] | None = None) -> Iterator[BaseModel]:
    """Validated records (article, conference, official, commitment) of the files; ``views`` maps other
    record types a tool writes (``{"event": EventView}``) to their models."""
    views = views or {}
    for where, obj in read_lines(paths):
        kind = obj["record_type"]
        if kind in IGNORED_TYPES:
            continue
        try:
            yield views[kind].model_validate(obj) if kind in views else RECORD_ADAPTER.validate_python(obj)
        except ValidationError as e:
            first = e.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise SetupError(f"invalid {kind} record: {loc}: {first['msg']}", location=where) from None
