"""A Label Studio JSON export → gold files (``GoldDoc``, ``annotations/README.md``).

Label Studio's "JSON" export is a list of tasks, each with its ``data`` and its ``annotations`` (every
annotation a ``result`` list; results of one region share an ``id``). Of a task's annotations the latest
one not cancelled is read (``updated_at``, else ``created_at``, else the last); a task without one is
left out and reported. For each ``labels`` region:

- its ``start``/``end`` must cut exactly its ``text`` out of ``data.text`` (offsets in code points; an
  export whose offsets count UTF-16 units, as some Label Studio versions do after an emoji, is converted);
  a region with another text there, no label, two labels or a label that is not a gold label is an
  error naming the task and the region;
- the per-region text boxes give its gazetteer ``id`` and ``value`` (JSON when it is a JSON list or
  object, the string otherwise: an ISO date stays a string; empty is null);
- it becomes a ``GoldEntity`` anchored by its text and occurrence ``n``, and must anchor to the same
  offsets in the document's current cleaned text (when the source can be read): a document whose cleaner
  output changed since the export is an error too.

The ``relevant`` choice and the ``notes`` box are the document's; records (conferences, officials,
commitments) are not edited in Label Studio: an existing gold file's records are kept.

Example:
    >>> gold_file_name("examples/vi/joint-committee-14.txt", None), gold_file_name("examples/batch/a.jsonl", 2)
    ('vi__joint-committee-14.txt.json', 'batch__a.jsonl#2.json')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..annotations import LABELS, REPO_ROOT, SHARED_ROOT, GoldDoc, GoldEntity, anchor, load_gold
from .config import ABOUT, ENTITY_ID, ENTITY_VALUE, NOT_ABOUT, NOTES, RELEVANT


def gold_source(path: str) -> str:
    """The ``source`` a gold file gives for an input path: ``examples/…`` (in this repository),
    ``seeds/…`` (the shared seeds), else the absolute path."""
    p = Path(path).resolve()
    for root, prefix in ((SHARED_ROOT / "seeds", "seeds/"), (REPO_ROOT, "")):
        try:
            return prefix + p.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return p.as_posix()


def gold_file_name(source: str, item: int | None) -> str:
    """The gold file name for a source (``annotations/README.md``: the path without its first folder,
    ``/`` written ``__``, ``#n`` for a JSONL line; a seed by its stem)."""
    parts = Path(source).parts
    if parts and parts[0] == "seeds":
        return Path(source).stem + ".json"
    rest = parts[1:] if len(parts) > 1 and not Path(source).is_absolute() else parts[-1:]
    return "__".join(rest) + (f"#{item}" if item is not None else "") + ".json"


class TaskError(ValueError):
    """A task that cannot become a gold file; the message names the task."""


@dataclass
class Imported:
    gold: GoldDoc
    name: str  # file name
    task: str  # how the task is named in messages


@dataclass
class ImportRun:
    docs: list[Imported] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _task_name(task: dict[str, Any], n: int) -> str:
    data = task.get("data") if isinstance(task.get("data"), dict) else {}
    src = data.get("source") or "?"
    item = f"#{data['item']}" if data.get("item") is not None else ""
    return f"task {task.get('id', n)} ({src}{item})"


def _utf16_to_index(text: str) -> dict[int, int]:
    """UTF-16 offset -> code point offset, for every code point boundary."""
    out, units = {0: 0}, 0
    for i, ch in enumerate(text, 1):
        units += 2 if ord(ch) > 0xFFFF else 1
        out[units] = i
    return out


def _annotation(task: dict[str, Any]) -> dict[str, Any] | None:
    anns = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if not anns:
        return None
    return max(enumerate(anns), key=lambda ia: (str(ia[1].get("updated_at") or ia[1].get("created_at") or ""),
                                                ia[0]))[1]


def _parse_value(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if text[0] in "[{":
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    return text


def _box(result: dict[str, Any]) -> str:
    got = (result.get("value") or {}).get("text")
    if isinstance(got, list):
        return "\n".join(str(x) for x in got)
    return str(got or "")


def task_to_gold(task: dict[str, Any], name: str) -> GoldDoc | None:
    """The gold of one exported task (None when it has no annotation); raises ``TaskError``."""
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data.get("source"):
        raise TaskError(f"{name}: not a task exported by `corridor-ie annotate export` (data.text and"
                           " data.source are needed)")
    ann = _annotation(task)
    if ann is None:
        return None
    text = data["text"]
    utf16: dict[int, int] | None = None
    regions: dict[str, dict[str, Any]] = {}
    relevant, notes = data.get("relevant", True), None
    for r in ann.get("result") or []:
        if not isinstance(r, dict):
            continue
        kind, rid, value = r.get("type"), str(r.get("id")), r.get("value") or {}
        if kind == "labels":
            regions.setdefault(rid, {})["labels"] = value
        elif kind == "textarea" and r.get("from_name") in (ENTITY_ID, ENTITY_VALUE):
            regions.setdefault(rid, {})[r["from_name"]] = _box(r)
        elif kind == "choices" and r.get("from_name") == RELEVANT:
            choices = value.get("choices") or []
            relevant = ABOUT in choices or (NOT_ABOUT not in choices and relevant)
        elif kind == "textarea" and r.get("from_name") == NOTES:
            notes = _box(r).strip() or None
    entities: list[tuple[int, GoldEntity]] = []
    for rid, reg in regions.items():
        lab = reg.get("labels")
        if lab is None:
            continue  # a text box whose region was deleted
        labels = lab.get("labels") or []
        where = f"{name}: region {rid}"
        if len(labels) != 1 or labels[0] not in LABELS:
            raise TaskError(f"{where}: labels {labels} (give exactly one of {', '.join(LABELS)})")
        start, end, snippet = lab.get("start"), lab.get("end"), lab.get("text")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(snippet, str)):
            raise TaskError(f"{where}: a region needs start, end and text")
        if text[start:end] != snippet:
            utf16 = utf16 if utf16 is not None else _utf16_to_index(text)
            s, e = utf16.get(start), utf16.get(end)
            if s is None or e is None or text[s:e] != snippet:
                raise TaskError(f"{where}: {labels[0]} {snippet!r} at {start}-{end}, but the text there is"
                                   f" {text[start:end]!r}")
            start, end = s, e
        n, pos = 0, -1
        while True:  # the occurrence number, counted as ``anchor`` counts (overlapping)
            pos = text.find(snippet, pos + 1)
            n += 1
            if pos == start or pos < 0:
                break
        entities.append((start, GoldEntity(label=labels[0], text=snippet, n=n, id=(reg.get(ENTITY_ID) or "").strip()
                                           or None, value=_parse_value(reg.get(ENTITY_VALUE) or ""))))
    entities.sort(key=lambda se: (se[0], se[1].label))
    try:
        return GoldDoc(source=str(data["source"]), item=data.get("item"), lang=str(data.get("lang") or "und"),
                       published=data.get("published"), relevant=bool(relevant), notes=notes,
                       entities=[e for _, e in entities])
    except ValidationError as e:
        err = e.errors()[0]
        raise TaskError(f"{name}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None


def read_export(path: Path) -> list[dict[str, Any]]:
    """The tasks of a Label Studio JSON export (a list of tasks, or one task)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise TaskError(f"{path}: not a Label Studio JSON export ({e})") from None
    tasks = data if isinstance(data, list) else [data]
    if not all(isinstance(t, dict) for t in tasks):
        raise TaskError(f"{path}: not a Label Studio JSON export (a list of task objects)")
    return tasks


def check_against_source(gold: GoldDoc, exported_text: str, clean_text) -> tuple[str | None, str | None]:
    """Anchor the gold in the document's current cleaned text: ``(error, warning)``. ``clean_text`` gives
    that text for a gold (raises ``ValueError`` when the source cannot be read)."""
    current = clean_text(gold)
    if current == exported_text:
        return None, None
    try:
        anchor(current, gold.entities)
    except ValueError as e:
        return f"the document's cleaned text changed since the export and the gold no longer fits it: {e}", None
    return None, "the document's cleaned text changed since the export; every mention still anchors by its text"


def import_export(tasks: Iterable[dict[str, Any]], clean_text=None) -> ImportRun:
    """Gold documents of the tasks' annotations; errors name the task (nothing is written by this)."""
    run = ImportRun()
    for n, task in enumerate(tasks, 1):
        name = _task_name(task, n)
        try:
            gold = task_to_gold(task, name)
        except TaskError as e:
            run.errors.append(str(e))
            continue
        if gold is None:
            run.skipped.append(f"{name}: no annotation (not labelled yet, or cancelled)")
            continue
        if clean_text is not None:
            try:
                problem, warning = check_against_source(gold, task["data"]["text"], clean_text)
            except ValueError as e:
                problem, warning = None, f"not checked against its source ({e})"
            if warning:
                run.warnings.append(f"{name}: {warning}")
            if problem:
                run.errors.append(f"{name}: {problem}")
                continue
        run.docs.append(Imported(gold, gold_file_name(gold.source, gold.item), name))
    return run


def gold_json(gold: GoldDoc) -> str:
    """A gold file as the project writes them (one-space indent, keys in model order, ``n`` only when > 1,
    ``item`` and ``relevant`` only when they say something)."""
    data = gold.model_dump(mode="json")
    if data.get("item") is None:
        data.pop("item")
    if data.get("relevant", True):
        data.pop("relevant")
    for e in data["entities"]:
        if e.get("n") == 1:
            e.pop("n")
    for key in ("conferences", "officials", "commitments"):
        if not data.get(key):
            data.pop(key, None)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def merge_records(gold: GoldDoc, existing: Path) -> GoldDoc:
    """``gold`` with the records (and notes, when it has none) of the gold file already at ``existing``."""
    old = load_gold(existing)
    return gold.model_copy(update={"conferences": old.conferences, "officials": old.officials,
                                   "commitments": old.commitments, "notes": gold.notes or old.notes})
