"""Diff reports as plain text pieces (titles, rows, cells) shared by the table and Markdown renderers.

Every piece is plain text: article text is never interpreted as markup by a renderer.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import CommitmentChange, EditionRef, FieldDelta, RunsDiff, SeriesDiff

Rows = list[list[str]]

#: how a change reads, by kind (``not_reported`` says which side does not report it)
CHANGE_LABEL = {"carried_over": "carried over", "not_reported": "not reported"}


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


def change_label(change: str, missing_on: str | None = None) -> str:
    """``"not reported (new)"``, ``"carried over"``, ``"dropped"`` …

    Example:
        >>> change_label("not_reported", "new"), change_label("carried_over")
        ('not reported (new)', 'carried over')
    """
    label = CHANGE_LABEL.get(change, change)
    return f"{label} ({missing_on})" if missing_on else label


def side_label(ref: EditionRef) -> str:
    """``"edition 9"``, or ``"year 2024"`` for a meeting known by its year.

    Example:
        >>> from corridor_ie.tools.diff.models import EditionRef, SideCoverage
        >>> side_label(EditionRef(key="@2024", edition=None, year=2024, event_id="s@2024", status=None,
        ...     documents=[], coverage=SideCoverage(officials="not_reported", commitments="not_reported")))
        'year 2024'
    """
    return f"edition {ref.edition}" if ref.edition is not None else f"year {ref.year}" if ref.year else ref.event_id


def title_line(d: SeriesDiff | RunsDiff) -> str:
    if isinstance(d, RunsDiff):
        return f"{d.old_path} → {d.new_path}"
    name = f"{d.series_name} ({d.series_id})" if d.series_name else d.series_id
    if d.series_status == "provisional":
        name += ", a provisional series"
    if d.old.edition is not None and d.new.edition is not None:
        return f"{name}: edition {d.old.edition} → {d.new.edition}"
    return f"{name}: {side_label(d.old)} → {side_label(d.new)}"


def alignment_line(d: SeriesDiff) -> str:
    a = d.alignment
    return (f"Commitments are aligned when their score is at least {a.threshold:.2f} (weights: sectors "
            f"{a.sectors}, objects {a.objects}, action {a.action}); what a side does not cover is "
            "\"not reported\", not dropped.")


def summary_line(d: SeriesDiff | RunsDiff) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in d.summary.model_dump().items())


def coverage(ref: EditionRef) -> str:
    """``"officials reported, commitments partial"``."""
    return (f"officials {ref.coverage.officials.replace('_', ' ')}, "
            f"commitments {ref.coverage.commitments.replace('_', ' ')}")


def coverage_rows(d: SeriesDiff) -> tuple[list[str], Rows]:
    """One row per document of each side: how it speaks of the edition and what it reports."""
    rows: Rows = []
    for side, ref in (("old", d.old), ("new", d.new)):
        head = f"{side}: {side_label(ref)}"
        if not ref.documents:
            rows.append([head, "(no document)", "—", "0", "0"])
        for i, doc in enumerate(ref.documents):
            rows.append([head if i == 0 else "", doc.name, doc.status or "—", str(doc.officials),
                         str(doc.commitments)])
    return ["side", "document", "status", "officials", "commitments"], rows


def coverage_line(d: SeriesDiff) -> str:
    """``"old covers officials reported, commitments reported; new covers …"``."""
    return "; ".join(f"{side} covers {coverage(ref)}" for side, ref in (("old", d.old), ("new", d.new)))


def field_rows(d: SeriesDiff) -> tuple[list[str], Rows]:
    rows = []
    for f in d.fields:
        note = "; ".join(x for x in (f"+ {fmt(f.added)}" if f.added else "",
                                     f"− {fmt(f.removed)}" if f.removed else "") if x)
        rows.append([f.field, fmt(f.old), fmt(f.new), change_label(f.change, f.missing_on) + (f": {note}" if note
                                                                                            else "")])
    return ["field", "old", "new", "change"], rows


def _person(name: str | None, title: str | None) -> str:
    return ", ".join(x for x in (name, title) if x) or "—"


def official_rows(d: SeriesDiff) -> tuple[list[str], Rows]:
    rows = [[change_label(o.change, o.missing_on), o.person_id or "—", _person(o.old_name, o.old_title),
             _person(o.new_name, o.new_title), ", ".join(o.notes)] for o in d.officials]
    return ["change", "person_id", "old (name, title)", "new (name, title)", "notes"], rows


def quote(texts: list[str]) -> str:
    return " / ".join(f"“{t}”" for t in texts) if texts else "—"


def terms(c: CommitmentChange, side: str) -> str:
    """The deadline and modality of one side of a commitment: ``"2025 · agreed"``."""
    deadline, modality = getattr(c, f"{side}_deadline"), getattr(c, f"{side}_modality")
    return " · ".join(x for x in (deadline, modality) if x) or "—"


def score_text(c: CommitmentChange) -> str:
    """The alignment score and its parts: ``"0.82 (sectors 1.0, action 0.64)"``, or ``"—"``."""
    if c.match is None:
        return "—"
    parts = ", ".join(f"{k} {v}" for k, v in (("sectors", c.match.sectors), ("objects", c.match.objects),
                                              ("action", c.match.action)) if v is not None)
    return f"{c.match.score:.2f} ({parts})"


def commitment_rows(d: SeriesDiff) -> tuple[list[str], Rows]:
    """One row per commitment: change (and notes), score, sectors and objects, then each side's action
    with its deadline and modality (the evidence is in the Markdown and JSON reports)."""
    rows = []
    for c in d.commitments:
        old = f"{c.old_action}\n({terms(c, 'old')})" if c.old_action else "—"
        new = f"{c.new_action}\n({terms(c, 'new')})" if c.new_action else "—"
        what = ", ".join(c.sectors) or "(no sector)"
        if c.objects:
            what += "\n" + ", ".join(c.objects)
        rows.append([change_label(c.change, c.missing_on) + (f"\n{', '.join(c.notes)}" if c.notes else ""),
                     f"{c.score:.2f}" if c.score is not None else "—", what, old, new])
    return ["change", "score", "sectors, objects", "old", "new"], rows


def runs_rows(d: RunsDiff) -> tuple[list[str], Rows]:
    rows = []
    for doc in d.documents:
        if doc.change != "changed":
            rows.append([doc.doc_id, "document", doc.change, f"records: {len(doc.records)}"])
        for e in doc.entities:
            rows.append([doc.doc_id, f"{e.label} {e.text!r} [{e.start}:{e.end}]", e.change, _deltas_text(e.fields)])
        if doc.change == "changed":
            for r in doc.records:
                rows.append([doc.doc_id, f"{r.record_type} {r.key}", r.change, _deltas_text(r.fields)])
    return ["doc_id", "item", "change", "fields"], rows


def _deltas_text(deltas: list[FieldDelta]) -> str:
    return "; ".join(f"{x.field}: {fmt(x.old)} → {fmt(x.new)}" for x in deltas)


def sections(d: SeriesDiff | RunsDiff) -> dict[str, tuple[list[str], Rows]]:
    """The report's sections in order: title -> (header, rows)."""
    if isinstance(d, RunsDiff):
        return {"Documents": runs_rows(d)}
    return {"Coverage": coverage_rows(d), "Conference fields": field_rows(d), "Officials": official_rows(d),
            "Commitments": commitment_rows(d)}
