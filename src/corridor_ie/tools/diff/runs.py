"""Runs mode: two extractor runs over the same articles compared document by document."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from corridor_ie.records import ArticleRecord

from ..consolidate import EventView, read_views
from ..identity import record_key, same_action, same_official
from .models import DocDiff, EntityChange, FieldDelta, RecordChange, RunsDiff, RunsSummary

CHANGE_ORDER = {"added": 0, "changed": 1, "removed": 2}
_SKIP = frozenset({"record_type", "doc_id", "schema_version"})


@dataclass
class _Doc:
    article: dict[str, Any] | None = None
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def _comparable(r: BaseModel) -> dict[str, Any]:
    data = {k: v for k, v in r.model_dump(mode="json").items() if k not in _SKIP}
    if isinstance(r, ArticleRecord):
        data.pop("entities")
        text = data.pop("text")
        data["text"] = {"chars": len(text), "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest()}
    return data


def load_run(path: Path) -> dict[str, _Doc]:
    """The records of one extractor run, by doc_id (article text kept only as length and digest)."""
    docs: dict[str, _Doc] = defaultdict(_Doc)
    for r in read_views([path]):
        if isinstance(r, EventView):
            continue
        doc = docs[r.doc_id]  # type: ignore[attr-defined]
        if isinstance(r, ArticleRecord):
            doc.article = _comparable(r)
            for e in r.entities:
                key = f"{e.label}:{e.start}-{e.end}"
                doc.entities.setdefault(key, e.model_dump(mode="json"))
        kind = r.record_type  # type: ignore[attr-defined]
        base = record_key(r)
        key, n = base, 1
        while (kind, key) in doc.records:
            n += 1
            key = f"{base}#{n}"
        doc.records[(kind, key)] = _comparable(r)
    return dict(docs)


def _deltas(a: dict[str, Any], b: dict[str, Any], skip: Iterable[str] = ()) -> list[FieldDelta]:
    names = list(a) + [k for k in b if k not in a]
    return [FieldDelta(field=k, old=a.get(k), new=b.get(k)) for k in names
            if k not in skip and a.get(k) != b.get(k)]


def _similar(kind: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("event_id") != b.get("event_id"):
        return False
    if kind == "official":
        return same_official(a.get("person_id"), a["name"], b.get("person_id"), b["name"])
    if kind == "commitment":
        return same_action(a["action"], b["action"])
    return False


def _diff_records(old: dict[tuple[str, str], dict[str, Any]],
                  new: dict[tuple[str, str], dict[str, Any]]) -> list[RecordChange]:
    out = [RecordChange(change="changed", record_type=k[0], key=k[1], fields=_deltas(old[k], new[k]))
           for k in old.keys() & new.keys() if old[k] != new[k]]
    gone = sorted(old.keys() - new.keys())
    came = sorted(new.keys() - old.keys())
    for k in list(gone):  # a record whose key changed (new person_id, reworded action) is "changed"
        match = next((n for n in came if n[0] == k[0] and _similar(k[0], old[k], new[n])), None)
        if match is not None:
            out.append(RecordChange(change="changed", record_type=k[0], key=match[1],
                                    fields=_deltas(old[k], new[match])))
            gone.remove(k)
            came.remove(match)
    out += [RecordChange(change="removed", record_type=k[0], key=k[1], fields=[]) for k in gone]
    out += [RecordChange(change="added", record_type=k[0], key=k[1], fields=[]) for k in came]
    return sorted(out, key=lambda c: (c.record_type, c.key, CHANGE_ORDER[c.change]))


def _diff_entities(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[EntityChange]:
    out = []
    for key in old.keys() | new.keys():
        a, b = old.get(key), new.get(key)
        e = b or a
        assert e is not None
        if a is None or b is None:
            kind: Literal["added", "removed", "changed"] = "added" if a is None else "removed"
            deltas: list[FieldDelta] = []
        elif a != b:
            kind, deltas = "changed", _deltas(a, b, skip=("label", "start", "end"))
        else:
            continue
        out.append(EntityChange(change=kind, label=e["label"], start=e["start"], end=e["end"], text=e["text"],
                                fields=deltas))
    return sorted(out, key=lambda c: (c.start, c.end, c.label, CHANGE_ORDER[c.change]))


def diff_runs(old_path: Path, new_path: Path) -> RunsDiff:
    """Per doc_id, the entities and records two extractor runs disagree on."""
    old, new = load_run(old_path), load_run(new_path)
    docs: list[DocDiff] = []
    unchanged = 0
    for doc_id in sorted(old.keys() | new.keys()):
        a, b = old.get(doc_id), new.get(doc_id)
        if a is None or b is None:
            d = b or a
            assert d is not None
            kind: Literal["added", "removed"] = "added" if a is None else "removed"
            records = [RecordChange(change=kind, record_type=k[0], key=k[1], fields=[]) for k in sorted(d.records)]
            docs.append(DocDiff(doc_id=doc_id, change=kind, entities=[], records=records))
            continue
        entities = _diff_entities(a.entities, b.entities)
        records = _diff_records(a.records, b.records)
        if entities or records:
            docs.append(DocDiff(doc_id=doc_id, change="changed", entities=entities, records=records))
        else:
            unchanged += 1
    d_count = Counter(d.change for d in docs)
    changed = [d for d in docs if d.change == "changed"]
    e_count = Counter(e.change for d in changed for e in d.entities)
    r_count = Counter(r.change for d in changed for r in d.records)
    summary = RunsSummary(
        documents_added=d_count["added"], documents_removed=d_count["removed"],
        documents_changed=d_count["changed"], documents_unchanged=unchanged,
        entities_added=e_count["added"], entities_removed=e_count["removed"], entities_changed=e_count["changed"],
        records_added=r_count["added"], records_removed=r_count["removed"], records_changed=r_count["changed"])
    return RunsDiff(old_path=str(old_path), new_path=str(new_path), documents=docs, summary=summary,
                    has_changes=bool(docs))

