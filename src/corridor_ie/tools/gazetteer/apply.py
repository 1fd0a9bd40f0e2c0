"""``gazetteer apply``: write the suggestions an annotator accepted (``"decision": "accept"`` in the
JSON Lines ``gazetteer suggest -o`` wrote) into a gazetteer folder.

- Every accepted line is checked on its own: a line that is not a suggestion, a new entry that is not a
  valid ``Entry`` (or still has the ``todo-pinyin`` placeholder id, or an id already taken), an alias of
  an entry that does not exist, or a new entry for a generated file is **skipped**, with the reason.
  An alias that already is a name of its entry, or a new entry already there unchanged, is **already
  done** (applying a file twice changes nothing).
- The rest is applied as one **batch**: it is refused whole, and nothing written, when it would create a
  clash: a person named like a place, organisation or series (``clash.py``; ``force`` skips this
  check), or any new problem ``gazetteer validate`` would report (a name given to two entries of one
  type, a gate pair whose gates are not one Vietnamese and one Chinese gate, …).
- Files are written as ``gazetteer add`` writes them: validated, sorted by id, each replaced atomically.

Example::

    >>> report = apply_file(Path("out/suggestions.jsonl"), Path("gazetteers"))  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP
    applied 2 (new person.vn.nguyen-van-tung, alias 'Bùi Văn Kháng' (vi) of person.vn.bui-van-khang); …
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from corridor_ie.errors import GazetteerError, InputNotFound
from corridor_ie.gazetteer.model import Entry

from .clash import FORCE_HINT, NameClash, name_clash
from .edit import (
    GENERATED_FILES,
    EditRefused,
    _file_entries,
    _gazetteer_paths,
    default_file,
    entry_dict,
    locked,
    make_entry,
    read_folder,
    write_files,
)
from .suggest import PLACEHOLDER, Suggestion
from .validate import match_key


@dataclass
class ApplyReport:
    """What ``apply_file`` did: lines applied, already done, skipped (with why), undecided, rejected."""

    applied: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    undecided: int = 0
    rejected: int = 0
    written: list[Path] = field(default_factory=list)
    remaining: int = 0  # problems that were in the gazetteer before and remain

    def summary(self) -> str:
        parts = [f"applied {len(self.applied)}"]
        if self.already:
            parts.append(f"already in the gazetteer {len(self.already)}")
        parts += [f"skipped {len(self.skipped)}", f"rejected {self.rejected}", f"not decided {self.undecided}"]
        files = f" -> {', '.join(str(p) for p in self.written)}" if self.written else ""
        return "; ".join(parts) + files


class _Skip(Exception):
    pass


class _Done(Exception):
    pass


def read_suggestions(path: Path) -> Iterator[tuple[int, Suggestion | str]]:
    """``(line number, Suggestion or the reason the line is not one)`` for every non-blank line."""
    if not path.is_file():
        raise InputNotFound("no such suggestions file", location=str(path),
                            hint="write one with `corridor-ie gazetteer suggest CORPUS -o FILE`")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield n, Suggestion.model_validate(json.loads(line))
            except json.JSONDecodeError as e:
                yield n, f"not a JSON line ({e.msg})"
            except (ValidationError, RecursionError) as e:
                first = e.errors()[0] if isinstance(e, ValidationError) else {"loc": (), "msg": "too deeply nested"}
                where = ".".join(str(x) for x in first["loc"]) or "line"
                yield n, f"not a suggestion: {where}: {first['msg']}"


@dataclass
class _Batch:
    """The gazetteer folder's entries per file, with the accepted changes applied in memory."""

    folder: Path
    files: dict[Path, list[Entry]] = field(default_factory=dict)
    where: dict[str, Path] = field(default_factory=dict)  # entry id -> its file
    changed: set[Path] = field(default_factory=set)
    touched: list[str] = field(default_factory=list)  # ids of new or edited entries

    @classmethod
    def load(cls, folder: Path) -> _Batch:
        batch = cls(folder)
        for it in read_folder([folder]).items:
            batch.where.setdefault(it.entry.id, it.path)
        for path in sorted(set(batch.where.values())):
            batch.files[path] = _file_entries(path)
        return batch

    def get(self, entry_id: str) -> Entry | None:
        path = self.where.get(entry_id)
        return next((e for e in self.files.get(path, []) if e.id == entry_id), None) if path else None

    def put(self, entry: Entry, path: Path) -> None:
        entries = [e for e in self.files.setdefault(path, _file_entries(path) if path.exists() else [])
                   if e.id != entry.id]
        self.files[path] = [*entries, entry]
        self.where[entry.id] = path
        self.changed.add(path)
        if entry.id not in self.touched:
            self.touched.append(entry.id)

    def entries(self) -> Iterator[Entry]:
        for entries in self.files.values():
            yield from entries


def _new(s: Suggestion, batch: _Batch) -> str:
    if not s.entry:
        raise _Skip("a new entry without its 'entry'")
    if PLACEHOLDER in str(s.entry.get("id", "")):
        raise _Skip(f"replace '{PLACEHOLDER}' in the id with the pinyin first")
    try:
        entry = make_entry(s.entry)
    except GazetteerError as e:
        raise _Skip(str(e)) from None
    if (old := batch.get(entry.id)) is not None:
        if entry_dict(old) == entry_dict(entry):
            raise _Done(f"new {entry.id}")
        raise _Skip(f"id '{entry.id}' already exists in {batch.where[entry.id]}: choose another id")
    target = default_file(batch.folder, entry)
    if target.name in GENERATED_FILES:
        raise _Skip(f"{target.name}: {GENERATED_FILES[target.name]}")
    batch.put(entry, target)
    return f"new {entry.id} ({target.name})"


def _alias(s: Suggestion, batch: _Batch) -> str:
    lang = s.alias_lang or "vi"
    if not s.entry_id or (entry := batch.get(s.entry_id)) is None:
        raise _Skip(f"alias of '{s.entry_id}': no such entry")
    name = " ".join(s.name.split())
    label = f"alias '{name}' ({lang}) of {entry.id}"
    if any(match_key(n) == match_key(name) for _, n in entry.all_names()):
        raise _Done(label)
    path = batch.where[entry.id]
    if path.name in GENERATED_FILES:
        raise _Skip(f"{path.name}: {GENERATED_FILES[path.name]}")
    data = entry_dict(entry)
    data.setdefault("aliases", {}).setdefault(lang, []).append(name)
    try:
        batch.put(make_entry(data), path)
    except GazetteerError as e:
        raise _Skip(str(e)) from None
    return label


def apply_file(path: Path, gazetteer: Path, *, force: bool = False, dry_run: bool = False) -> ApplyReport:
    """Apply the accepted suggestions of ``path`` to the gazetteer folder ``gazetteer``.

    Raises ``NameClash`` or ``EditRefused`` (nothing written) when the batch would create a clash, and
    ``GazetteerError`` / ``InputNotFound`` for a missing folder or file.
    """
    if not gazetteer.is_dir():
        raise GazetteerError("no such gazetteer folder", location=str(gazetteer))
    with locked(gazetteer):
        return _apply(path, gazetteer, force, dry_run)


def _apply(path: Path, gazetteer: Path, force: bool, dry_run: bool) -> ApplyReport:
    report = ApplyReport()
    batch = _Batch.load(gazetteer)
    seen: set[str] = set()
    for n, s in read_suggestions(path):
        if isinstance(s, str):
            report.skipped.append(f"line {n}: {s}")
            continue
        if s.decision != "accept":
            report.rejected += s.decision == "reject"
            report.undecided += s.decision == ""
            continue
        if s.key in seen:
            report.already.append(f"line {n}: the same suggestion as an earlier line")
            continue
        seen.add(s.key)
        try:
            report.applied.append(_new(s, batch) if s.action == "new" else _alias(s, batch))
        except _Done as done:
            report.already.append(f"line {n}: {done}")
        except _Skip as skip:
            report.skipped.append(f"line {n}: {s.action} {s.proposed_id or s.name}: {skip}")
    if not batch.changed:
        return report
    if not force:
        everything = list(batch.entries())
        for entry_id in batch.touched:
            entry = batch.get(entry_id)
            why = name_clash(entry, everything) if entry is not None else None
            if why:
                raise NameClash(f"batch refused: {why}", hint=FORCE_HINT + "; nothing was written")
    changes = {p: batch.files[p] for p in sorted(batch.changed)}
    if dry_run:
        report.written = list(changes)
        return report
    paths = sorted({q for p in changes for q in _gazetteer_paths(gazetteer, p)})
    try:
        report.remaining = write_files(paths, changes)
    except EditRefused as e:
        raise EditRefused(f"batch refused: {e.message}", e.problems, hint=e.hint) from None
    report.written = list(changes)
    return report
