"""Series mode: two editions (or years) of one conference series compared, knowing what each side covers.

Each side lists its documents, how each speaks of the edition (reports it, announces it, mentions it in
passing) and how many officials and commitments each gives. Something absent from one side is only a
change when that side reports the section: a commitment of the old edition missing from a new edition
covered by a short preview is ``not_reported``, not ``dropped``; likewise officials (``not_reported``
rather than ``disappeared`` / ``appeared``) and conference fields (a date one side does not state).

Example:
    >>> from corridor_ie.records import CommitmentRecord, ConferenceRecord
    >>> from corridor_ie.tools.consolidate import consolidate
    >>> views = consolidate([
    ...     ConferenceRecord(doc_id="a", event_id="x#9", series_id="x", series_name="X", edition=9,
    ...                      status="reported", host={"id": None, "name": "Lào Cai"}),
    ...     CommitmentRecord(doc_id="a", event_id="x#9", action="mở tuyến du lịch", sectors=["tourism"]),
    ...     ConferenceRecord(doc_id="b", event_id="x#10", series_id="x", series_name="X", edition=10,
    ...                      status="planned", host={"id": None, "name": "Vân Nam"})])
    >>> d = diff_series(views, "x", 9, 10)
    >>> [(f.field, f.old["name"], f.new["name"]) for f in d.fields], [c.change for c in d.commitments]
    ([('host', 'Lào Cai', 'Vân Nam')], ['not_reported'])
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Literal

from ..consolidate import Chosen, CommitmentView, EventView, OfficialView, Reported
from ..consolidate.merge import SCALAR_FIELDS, SET_FIELDS
from ..identity import name_key, ref_key
from ..series import EditionKey, event_key, find_event, resolve_series
from .align import ALIGNMENT, align, sectors_of
from .models import (
    CommitmentChange,
    EditionRef,
    FieldChange,
    OfficialChange,
    SeriesDiff,
    SeriesSummary,
    SideCoverage,
    SideDocument,
)

COMMITMENT_ORDER = {"new": 0, "changed": 1, "carried_over": 2, "dropped": 3, "not_reported": 4}
OFFICIAL_ORDER = {"appeared": 0, "changed": 1, "disappeared": 2, "not_reported": 3}


# ---------------------------------------------------------------------------------------------- sides
def _coverage(view: EventView, items: list[OfficialView] | list[CommitmentView]) -> Literal[
        "reported", "partial", "not_reported"]:
    if not items:
        return "not_reported"
    reporting = set(view.reported_in)
    return "reported" if any(reporting & set(i.documents) for i in items) else "partial"


def edition_ref(view: EventView) -> EditionRef:
    """One side of the diff: the edition, its documents and what they cover."""
    docs = [SideDocument(name=s.name, doc_id=s.doc_id, status=s.status, published=s.published, lang=s.lang,
                         officials=sum(s.name in o.documents for o in view.officials),
                         commitments=sum(s.name in c.documents for c in view.commitments))
            for s in view.sources]
    return EditionRef(key=event_key(view), edition=view.edition, year=view.year, event_id=view.event_id,
                      status=view.status, documents=docs,
                      coverage=SideCoverage(officials=_coverage(view, view.officials),
                                            commitments=_coverage(view, view.commitments)))


# --------------------------------------------------------------------------------------------- fields
def _value_key(name: str, value: Any) -> str:
    if isinstance(value, dict) and "name" in value and name != "attendance":
        return ref_key(value)
    if isinstance(value, dict):
        return json.dumps({k: value.get(k) for k in ("value", "unit", "qualifier")}, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _values(view: EventView, name: str) -> list[Any]:
    if name == "attendance":
        return [c.value for c in view.attendance if c.value is not None]
    items: list[Reported] = getattr(view, name)
    return [v.value for v in items]


def diff_fields(old: EventView, new: EventView) -> list[FieldChange]:
    """Conference fields whose chosen values differ, or that only one side states."""
    out: list[FieldChange] = []
    for name in SCALAR_FIELDS:
        a: Chosen = getattr(old, name)
        b: Chosen = getattr(new, name)
        if _value_key(name, a.value) == _value_key(name, b.value):
            continue
        missing = "old" if a.value is None else "new" if b.value is None else None
        out.append(FieldChange(field=name, change="not_reported" if missing else "changed", missing_on=missing,
                               old=a.value, new=b.value))
    for name in ("attendance", *SET_FIELDS):
        a_keys = {_value_key(name, x): x for x in _values(old, name)}
        b_keys = {_value_key(name, x): x for x in _values(new, name)}
        if set(a_keys) == set(b_keys):
            continue
        missing = "old" if not a_keys else "new" if not b_keys else None
        out.append(FieldChange(
            field=name, change="not_reported" if missing else "changed", missing_on=missing,
            old=[a_keys[k] for k in sorted(a_keys)], new=[b_keys[k] for k in sorted(b_keys)],
            added=[] if missing else [b_keys[k] for k in sorted(set(b_keys) - set(a_keys))],
            removed=[] if missing else [a_keys[k] for k in sorted(set(a_keys) - set(b_keys))]))
    return out


# ------------------------------------------------------------------------------------------ officials
def _names(o: OfficialView) -> set[str]:
    return {name_key(str(n)) for n in [o.name.value, *(a.value for a in o.name.alternatives)]}


def _match_officials(old: list[OfficialView], new: list[OfficialView]) -> list[tuple[int, int]]:
    """Pairs of the same person: by ``person_id``, then by any shared spelling."""
    pairs: list[tuple[int, int]] = []
    new_by_id = {o.person_id: j for j, o in enumerate(new) if o.person_id}
    for i, o in enumerate(old):
        if o.person_id and o.person_id in new_by_id:
            pairs.append((i, new_by_id[o.person_id]))
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, o in enumerate(old):
        if i in used_old:
            continue
        for j, n in enumerate(new):
            if j not in used_new and not (o.person_id and n.person_id) and _names(o) & _names(n):
                pairs.append((i, j))
                used_new.add(j)
                break
    return pairs


def diff_officials(old: list[OfficialView], new: list[OfficialView], old_covers: bool = True,
                   new_covers: bool = True) -> tuple[list[OfficialChange], int]:
    """Officials who appeared, disappeared or changed (title, spelling), or are ``not_reported`` by a side
    that does not cover officials; and the number unchanged."""
    pairs = _match_officials(old, new)
    out: list[OfficialChange] = []
    unchanged = 0
    for i, j in pairs:
        a, b = old[i], new[j]
        notes = []
        if name_key(a.name.value) != name_key(b.name.value):
            notes.append("name changed")
        ta, tb = a.title.value, b.title.value
        if ta and tb and name_key(ta) != name_key(tb):
            notes.append("title changed")
        if not notes:
            unchanged += 1
            continue
        out.append(OfficialChange(
            change="changed", person_id=b.person_id or a.person_id, old_name=a.name.value, new_name=b.name.value,
            old_title=ta, new_title=tb, country=b.country.value or a.country.value, notes=notes,
            old_documents=a.documents, new_documents=b.documents))
    matched_old, matched_new = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, a in enumerate(old):
        if i not in matched_old:
            out.append(OfficialChange(
                change="disappeared" if new_covers else "not_reported", missing_on=None if new_covers else "new",
                person_id=a.person_id, old_name=a.name.value, new_name=None, old_title=a.title.value,
                new_title=None, country=a.country.value, notes=[], old_documents=a.documents, new_documents=[]))
    for j, b in enumerate(new):
        if j not in matched_new:
            out.append(OfficialChange(
                change="appeared" if old_covers else "not_reported", missing_on=None if old_covers else "old",
                person_id=b.person_id, old_name=None, new_name=b.name.value, old_title=None,
                new_title=b.title.value, country=b.country.value, notes=[], old_documents=[],
                new_documents=b.documents))
    out.sort(key=lambda c: (OFFICIAL_ORDER[c.change], name_key(c.new_name or c.old_name or ""), c.person_id or ""))
    return out, unchanged


# ---------------------------------------------------------------------------------------- commitments
def _evidence_texts(c: CommitmentView | None) -> list[str]:
    return list(dict.fromkeys(e.text for e in c.evidence)) if c else []


def _change(kind: str, a: CommitmentView | None, b: CommitmentView | None, notes: list[str],
            match: Any = None, missing_on: str | None = None) -> CommitmentChange:
    both = [c for c in (a, b) if c is not None]
    return CommitmentChange(
        change=kind, missing_on=missing_on, action=(b or a).action.value,  # type: ignore[union-attr]
        old_action=a.action.value if a else None, new_action=b.action.value if b else None,
        score=match.score if match else None, match=match,
        actors=sorted({str(r.value["name"]) for c in both for r in c.actors}),
        sectors=sorted({s for c in both for s in sectors_of(c)}),
        objects=sorted({str(r.value["name"]) for c in both for r in c.objects}),
        old_deadline=a.deadline.value if a else None, new_deadline=b.deadline.value if b else None,
        old_modality=a.modality.value if a else None, new_modality=b.modality.value if b else None, notes=notes,
        old_evidence=_evidence_texts(a), new_evidence=_evidence_texts(b),
        old_documents=a.documents if a else [], new_documents=b.documents if b else [])


def _notes(a: CommitmentView, b: CommitmentView) -> list[str]:
    notes = []
    da, db = a.deadline.value, b.deadline.value
    if da and db and da != db:
        notes.append("deadline moved")
    elif db and not da:
        notes.append("deadline set")
    ma, mb = a.modality.value, b.modality.value
    if ma and mb and ma != mb:
        notes.append("modality changed")
    return notes


def diff_commitments(old: list[CommitmentView], new: list[CommitmentView], old_covers: bool = True,
                     new_covers: bool = True) -> list[CommitmentChange]:
    """Commitments new, carried over, changed (deadline moved, modality changed), dropped, or
    ``not_reported`` by a side that does not cover commitments (alignment: :mod:`.align`)."""
    pairs = align(old, new)
    out = []
    for i, a in enumerate(old):
        if i in pairs:
            j, match = pairs[i]
            notes = _notes(a, new[j])
            out.append(_change("changed" if notes else "carried_over", a, new[j], notes, match))
        else:
            out.append(_change("dropped", a, None, []) if new_covers else
                       _change("not_reported", a, None, [], missing_on="new"))
    used = {j for j, _ in pairs.values()}
    out += [_change("new", None, b, []) if old_covers else _change("not_reported", None, b, [], missing_on="old")
            for j, b in enumerate(new) if j not in used]
    out.sort(key=lambda c: (COMMITMENT_ORDER[c.change], c.missing_on or "", sorted(c.sectors),
                            name_key(c.action), c.old_documents, c.new_documents))
    return out


# ------------------------------------------------------------------------------------------- editions
def diff_editions(old: EventView, new: EventView) -> SeriesDiff:
    """Compare two event views (normally two editions of one series)."""
    a, b = edition_ref(old), edition_ref(new)
    fields = diff_fields(old, new)
    officials, unchanged = diff_officials(old.officials, new.officials, a.coverage.officials == "reported",
                                          b.coverage.officials == "reported")
    commitments = diff_commitments(old.commitments, new.commitments, a.coverage.commitments == "reported",
                                   b.coverage.commitments == "reported")
    f, o, c = (Counter(x.change for x in xs) for xs in (fields, officials, commitments))
    summary = SeriesSummary(
        fields_changed=f["changed"], fields_not_reported=f["not_reported"], officials_appeared=o["appeared"],
        officials_disappeared=o["disappeared"], officials_changed=o["changed"], officials_unchanged=unchanged,
        officials_not_reported=o["not_reported"], commitments_new=c["new"], commitments_changed=c["changed"],
        commitments_carried_over=c["carried_over"], commitments_dropped=c["dropped"],
        commitments_not_reported=c["not_reported"])
    return SeriesDiff(
        series_id=new.series_id or old.series_id or "", series_name=new.series_name or old.series_name,
        series_status="provisional" if "provisional" in (old.series_status, new.series_status) else "known",
        old=a, new=b, alignment=ALIGNMENT, fields=fields, officials=officials, commitments=commitments,
        summary=summary,
        has_changes=bool(f["changed"] or o["appeared"] or o["disappeared"] or o["changed"]
                         or c["new"] or c["changed"] or c["dropped"]))


def diff_series(views: list[EventView], series: str, old_key: EditionKey | str | int,
                new_key: EditionKey | str | int) -> SeriesDiff:
    """Compare two editions (numbers, years, ``@year``) of the series ``series`` names (an id, or a unique
    name substring)."""
    series_id, _ = resolve_series(((v.series_id, v.series_name) for v in views if v.series_id), series)
    return diff_editions(find_event(views, series_id, old_key), find_event(views, series_id, new_key))
