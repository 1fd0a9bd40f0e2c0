"""Diff reports as rows of text: the sections shared by the table and Markdown renderers."""

from __future__ import annotations

import json
from typing import Any

from ..models import FieldDelta, RunsDiff, SeriesDiff


def fmt(value: Any) -> str:
    """A value as short text: refs by name, attendance by its text, lists joined, null as "—".

    Example:
        >>> fmt([{"id": "vn.lao-cai", "name": "Lào Cai"}, None, "2024-11-13"])
        'Lào Cai, —, 2024-11-13'
    """
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(fmt(v) for v in value) if value else "∅"
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"])
        if "text" in value and value["text"]:
            return str(value["text"])
        if "value" in value:
            return " ".join(str(value[k]) for k in ("qualifier", "value", "unit") if value.get(k) is not None)
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _person(name: str | None, title: str | None) -> str:
    return ", ".join(x for x in (name, title) if x) or "—"


def _quote(texts: list[str]) -> str:
    return " / ".join(f"“{t}”" for t in texts) if texts else "—"


def series_rows(d: SeriesDiff) -> dict[str, tuple[list[str], list[list[str]]]]:
    fields = [[f.field, fmt(f.old), fmt(f.new),
               "; ".join(x for x in (f"+ {fmt(f.added)}" if f.added else "",
                                     f"− {fmt(f.removed)}" if f.removed else "") if x)]
              for f in d.fields]
    officials = [[o.change, o.person_id or "—", _person(o.old_name, o.old_title), _person(o.new_name, o.new_title),
                  ", ".join(o.notes)] for o in d.officials]
    commitments = [[c.change, c.action, f"{fmt(c.old_deadline)} / {fmt(c.old_modality)}",
                    f"{fmt(c.new_deadline)} / {fmt(c.new_modality)}", ", ".join(c.notes),
                    _quote(c.old_evidence), _quote(c.new_evidence)] for c in d.commitments]
    return {
        "Conference fields": (["field", "old", "new", "difference"], fields),
        "Officials": (["change", "person_id", "old (name, title)", "new (name, title)", "notes"], officials),
        "Commitments": (["change", "action", "old deadline / modality", "new deadline / modality", "notes",
                         "old evidence", "new evidence"], commitments),
    }


def runs_rows(d: RunsDiff) -> dict[str, tuple[list[str], list[list[str]]]]:
    rows = []
    for doc in d.documents:
        if doc.change != "changed":
            rows.append([doc.doc_id, "document", doc.change, f"records: {len(doc.records)}"])
        for e in doc.entities:
            rows.append([doc.doc_id, f"{e.label} {e.text!r} [{e.start}:{e.end}]", e.change, _deltas_text(e.fields)])
        if doc.change == "changed":
            for r in doc.records:
                rows.append([doc.doc_id, f"{r.record_type} {r.key}", r.change, _deltas_text(r.fields)])
    return {"Documents": (["doc_id", "item", "change", "fields"], rows)}


def _deltas_text(deltas: list[FieldDelta]) -> str:
    return "; ".join(f"{x.field}: {fmt(x.old)} → {fmt(x.new)}" for x in deltas)


def title_line(d: SeriesDiff | RunsDiff) -> str:
    if isinstance(d, SeriesDiff):
        name = f"{d.series_name} ({d.series_id})" if d.series_name else d.series_id
        return f"{name}: edition {d.old.edition} → {d.new.edition}"
    return f"{d.old_path} → {d.new_path}"


def summary_line(d: SeriesDiff | RunsDiff) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in d.summary.model_dump().items())

