"""Reading records files back: JSON Lines written by ``corridor-ie extract`` (or ``consolidate``).

Files are streamed line by line. A missing file, a line that is not a JSON object or a record that does
not validate is a :class:`~corridor_ie.errors.SetupError` naming ``file:line``; a truncated last line (a
killed writer) is skipped, as ``output.iter_jsonl`` does; lines of the errors file are ignored.

A record whose ``schema_version`` is not in ``KNOWN_SCHEMA_VERSIONS`` (written by a newer corridor-ie) is
read as far as this version understands it: fields it does not know are ignored, and a
:class:`SchemaVersionWarning` names the file and the version once per file.

Example:
    >>> import json, tempfile, warnings
    >>> from pathlib import Path
    >>> p = Path(tempfile.mkdtemp()) / "r.jsonl"
    >>> _ = p.write_text(json.dumps({"record_type": "commitment", "schema_version": "9.0", "doc_id": "d",
    ...                              "action": "mở rộng hợp tác", "new_field": 1}) + "\\n", encoding="utf-8")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     [r.action for r in read_records([p])]
    ['mở rộng hợp tác']
    >>> print(str(caught[0].message).split(": ", 1)[1][:48])
    schema_version '9.0' is not one this corridor-ie
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from corridor_ie import KNOWN_SCHEMA_VERSIONS, SCHEMA_VERSION
from corridor_ie.errors import InputNotFound, SetupError
from corridor_ie.records import RECORD_ADAPTER, RECORD_MODELS

#: record types that may appear in a records file and are not read
IGNORED_TYPES = frozenset({"error"})
_MODEL_OF: dict[str, type[BaseModel]] = {m.model_fields["record_type"].default: m for m in RECORD_MODELS}


class SchemaVersionWarning(UserWarning):
    """A records file was written with a ``schema_version`` this corridor-ie does not know."""


def read_lines(paths: Iterable[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``("file:line", object)`` for every JSON line of every file, streamed in order."""
    paths = list(paths)
    for path in paths:
        if path.is_dir():
            raise SetupError("is a folder, not a records file", location=str(path),
                             hint="give a JSON Lines records file")
        if not path.is_file():
            raise InputNotFound("no such file", location=str(path), hint="give a JSON Lines records file")
    for path in paths:
        with path.open("rb") as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    if not raw.endswith(b"\n"):
                        break  # a cut last line
                    raise SetupError(f"not UTF-8 text (byte {e.start + 1} of the line)", location=f"{path}:{n}",
                                     hint="expected records written by corridor-ie extract") from None
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    if not line.endswith("\n"):
                        break
                    raise SetupError("not a JSON line", location=f"{path}:{n}",
                                     hint="expected records written by corridor-ie extract") from None
                except RecursionError:
                    raise SetupError("JSON nested too deeply to be a record", location=f"{path}:{n}") from None
                if not isinstance(obj, dict) or "record_type" not in obj:
                    raise SetupError("not a record (no record_type)", location=f"{path}:{n}")
                yield f"{path}:{n}", obj


def _known_fields(model: type[BaseModel], obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k in model.model_fields}


def read_records(paths: Iterable[Path], views: Mapping[str, type[BaseModel]] | None = None) -> Iterator[BaseModel]:
    """Validated records (article, conference, official, commitment) of the files; ``views`` maps other
    record types a tool writes (``{"event": EventView}``) to their models."""
    views = views or {}
    warned: set[tuple[str, str]] = set()
    for where, obj in read_lines(paths):
        kind = obj["record_type"]
        if kind in IGNORED_TYPES:
            continue
        version = str(obj.get("schema_version", SCHEMA_VERSION))
        model = views.get(kind) or _MODEL_OF.get(kind)
        try:
            if version in KNOWN_SCHEMA_VERSIONS or model is None:
                yield views[kind].model_validate(obj) if kind in views else RECORD_ADAPTER.validate_python(obj)
                continue
            file = where.rsplit(":", 1)[0]
            if (file, version) not in warned:
                warned.add((file, version))
                warnings.warn(SchemaVersionWarning(
                    f"{where}: schema_version {version!r} is not one this corridor-ie knows "
                    f"({', '.join(KNOWN_SCHEMA_VERSIONS)}); its records are read as {SCHEMA_VERSION} and "
                    "fields this version does not know are ignored"), stacklevel=2)
            yield model.model_validate(_known_fields(model, obj))
        except ValidationError as e:
            first = e.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise SetupError(f"invalid {kind} record: {loc}: {first['msg']}", location=where) from None
