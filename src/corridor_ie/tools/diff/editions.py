"""Series mode: two editions of one conference series compared (fields, officials, commitments).

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> from corridor_ie.tools.consolidate import consolidate
    >>> def conf(doc, edition, host):
    ...     return ConferenceRecord(doc_id=doc, event_id=f"e{edition}", series_id="series.x",
    ...         series_name="Hội nghị X", edition=edition, status="reported", host={"id": None, "name": host})
    >>> views = consolidate([conf("a", 9, "Lào Cai"), conf("b", 10, "Vân Nam")])
    >>> d = diff_series(views, "hội nghị x", 9, 10)
    >>> [(f.field, f.old["name"], f.new["name"]) for f in d.fields]
    [('host', 'Lào Cai', 'Vân Nam')]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, utils

from corridor_ie.errors import SetupError

from ..consolidate import CommitmentView, EventView, FieldValue, OfficialView
from ..identity import ACTION_MATCH, action_similarity, name_key, ref_key
from .models import CommitmentChange, EditionRef, FieldChange, OfficialChange, SeriesDiff, SeriesSummary

#: conference fields compared in series mode, and how
SCALAR_FIELDS = ("host", "location", "start_date", "end_date", "format")
SET_FIELDS = ("members", "documents", "topics")
#: actors of two matched commitments must be at least this similar (token_set_ratio), when both are known
ACTOR_MATCH = 60
COMMITMENT_ORDER = {"new": 0, "changed": 1, "dropped": 2, "carried_over": 3}
OFFICIAL_ORDER = {"appeared": 0, "changed": 1, "disappeared": 2}


def resolve_series(views: Iterable[EventView], query: str) -> tuple[str, str | None]:
    """``(series_id, series_name)`` for a series id, or a unique (case-insensitive) substring of a series
    name or id.

    Example:
        >>> v = EventView(event_id="e", series_id="series.x", series_name="Hội nghị Bốn tỉnh", edition=1,
        ...     reported_in=[], referenced_in=[], host=[], location=[], start_date=[], end_date=[],
        ...     format=[], attendance=[], members=[], documents=[], topics=[], officials=[],
        ...     commitments=[], duplicates=[])
        >>> resolve_series([v], "bốn tỉnh")
        ('series.x', 'Hội nghị Bốn tỉnh')
    """
    names: dict[str, str | None] = {}
    for v in views:
        if v.series_id:
            names.setdefault(v.series_id, v.series_name)
    if query in names:
        return query, names[query]
    q = name_key(query)
    hits = sorted(sid for sid, name in names.items() if q and (q in name_key(name or "") or q in name_key(sid)))
    if len(hits) == 1:
        return hits[0], names[hits[0]]
    known = ", ".join(sorted(names)) or "none"
    if hits:
        raise SetupError(f"series {query!r} is ambiguous: {', '.join(hits)}", hint="give a series id")
    raise SetupError(f"unknown series {query!r}", hint=f"series in the input: {known}")


def find_edition(views: Iterable[EventView], series_id: str, edition: int) -> EventView:
    """The event view of one edition of a series (the best-reported one if several ids claim it)."""
    views = [v for v in views if v.series_id == series_id]
    hits = [v for v in views if v.edition == edition]
    if not hits:
        present = ", ".join(str(e) for e in sorted({v.edition for v in views if v.edition})) or "none"
        raise SetupError(f"edition {edition} of {series_id} not found", hint=f"editions in the input: {present}")
    return sorted(hits, key=lambda v: (-len(v.reported_in), v.event_id))[0]


def _value_key(name: str, value: Any) -> str:
    if isinstance(value, dict) and "name" in value and name != "attendance":
        return ref_key(value)
    if isinstance(value, dict):
        return json.dumps({k: value.get(k) for k in ("value", "unit", "qualifier")}, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _top(values: list[FieldValue]) -> Any:
    return values[0].value if values else None


def _attendance(values: list[FieldValue]) -> list[Any]:
    by_unit: dict[str, Any] = {}
    for v in values:  # most supported first
        by_unit.setdefault(str(v.value.get("unit")), v.value)
    return [by_unit[u] for u in sorted(by_unit)]


def diff_fields(old: EventView, new: EventView) -> list[FieldChange]:
    """Conference fields whose values differ between two event views."""
    out: list[FieldChange] = []
    for name in SCALAR_FIELDS:
        a, b = _top(getattr(old, name)), _top(getattr(new, name))
        if _value_key(name, a) != _value_key(name, b):
            out.append(FieldChange(field=name, old=a, new=b))
    for name in ("attendance", *SET_FIELDS):
        if name == "attendance":
            a_list, b_list = _attendance(old.attendance), _attendance(new.attendance)
        else:
            a_list = [v.value for v in getattr(old, name)]
            b_list = [v.value for v in getattr(new, name)]
        a_keys = {_value_key(name, x): x for x in a_list}
        b_keys = {_value_key(name, x): x for x in b_list}
        if set(a_keys) != set(b_keys):
            out.append(FieldChange(
                field=name, old=[a_keys[k] for k in sorted(a_keys)], new=[b_keys[k] for k in sorted(b_keys)],
                added=[b_keys[k] for k in sorted(set(b_keys) - set(a_keys))],
                removed=[a_keys[k] for k in sorted(set(a_keys) - set(b_keys))],
            ))
    return out


def _title(o: OfficialView) -> str | None:
    return o.titles[0].value if o.titles else None


def _match_officials(old: list[OfficialView], new: list[OfficialView]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    new_by_id = {o.person_id: j for j, o in enumerate(new) if o.person_id}
    for i, o in enumerate(old):
        j = new_by_id.get(o.person_id) if o.person_id else None
        if j is not None:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    for i, o in enumerate(old):  # then by any shared spelling
        if i in used_old:
            continue
        names = {name_key(n.value) for n in o.names}
        for j, n in enumerate(new):
            if j in used_new or (o.person_id and n.person_id):
                continue
            if names & {name_key(x.value) for x in n.names}:
                pairs.append((i, j))
                used_old.add(i)
                used_new.add(j)
                break
    return pairs


def diff_officials(old: list[OfficialView], new: list[OfficialView]) -> tuple[list[OfficialChange], int]:
    """Officials who appeared, disappeared or changed (title, spelling); and the number unchanged."""
    pairs = _match_officials(old, new)
    out: list[OfficialChange] = []
    unchanged = 0
    for i, j in pairs:
        a, b = old[i], new[j]
        notes = []
        if name_key(a.name) != name_key(b.name):
            notes.append("name changed")
        ta, tb = _title(a), _title(b)
        if ta and tb and name_key(ta) != name_key(tb):
            notes.append("title changed")
        if not notes:
            unchanged += 1
            continue
        out.append(OfficialChange(
            change="changed", person_id=b.person_id or a.person_id, old_name=a.name, new_name=b.name,
            old_title=ta, new_title=tb, country=b.country or a.country, notes=notes,
            old_documents=a.documents, new_documents=b.documents))
    matched_old, matched_new = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, a in enumerate(old):
        if i not in matched_old:
            out.append(OfficialChange(
                change="disappeared", person_id=a.person_id, old_name=a.name, new_name=None,
                old_title=_title(a), new_title=None, country=a.country, notes=[],
                old_documents=a.documents, new_documents=[]))
    for j, b in enumerate(new):
        if j not in matched_new:
            out.append(OfficialChange(
                change="appeared", person_id=b.person_id, old_name=None, new_name=b.name,
                old_title=None, new_title=_title(b), country=b.country, notes=[],
                old_documents=[], new_documents=b.documents))
    out.sort(key=lambda c: (OFFICIAL_ORDER[c.change], name_key(c.new_name or c.old_name or ""),
                            c.person_id or ""))
    return out, unchanged


def _names(values: list[FieldValue]) -> list[str]:
    return sorted({v.value["name"] for v in values})


def _sectors(c: CommitmentView) -> set[str]:
    return {v.value for v in c.sectors}


def commitment_score(a: CommitmentView, b: CommitmentView) -> float | None:
    """How well two commitments match (higher is better), or None when they are different commitments.

    They match when the actions are fuzzy-equal (token_set_ratio >= ``ACTION_MATCH``), the sectors are
    not disjoint and the actors are similar (token_set_ratio >= ``ACTOR_MATCH``) when both sides list them.
    """
    action = action_similarity(a.action, b.action)
    if action < ACTION_MATCH:
        return None
    sa, sb = _sectors(a), _sectors(b)
    if sa and sb and not sa & sb:
        return None
    na, nb = " ".join(_names(a.actors)), " ".join(_names(b.actors))
    actors = fuzz.token_set_ratio(na, nb, processor=utils.default_process) if na and nb else 100.0
    if actors < ACTOR_MATCH:
        return None
    sectors = 100.0 * len(sa & sb) / len(sa | sb) if sa and sb else 100.0
    return round(0.8 * action + 0.1 * actors + 0.1 * sectors, 2)


def _evidence_texts(c: CommitmentView) -> list[str]:
    seen: dict[str, None] = {}
    for e in c.evidence:
        seen.setdefault(e.text, None)
    return list(seen)


def diff_commitments(old: list[CommitmentView], new: list[CommitmentView]) -> list[CommitmentChange]:
    """Commitments new, carried over, changed (deadline moved, modality changed), or dropped."""
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            s = commitment_score(a, b)
            if s is not None:
                candidates.append((-s, i, j))
    pairs: dict[int, tuple[int, float]] = {}
    used_new: set[int] = set()
    for neg, i, j in sorted(candidates):
        if i not in pairs and j not in used_new:
            pairs[i] = (j, -neg)
            used_new.add(j)

    def change(kind: str, a: CommitmentView | None, b: CommitmentView | None, score: float | None,
               notes: list[str]) -> CommitmentChange:
        both = [c for c in (a, b) if c is not None]
        da, db = (_top(a.deadline) if a else None), (_top(b.deadline) if b else None)
        ma, mb = (_top(a.modality) if a else None), (_top(b.modality) if b else None)
        return CommitmentChange(
            change=kind, action=(b or a).action, old_action=a.action if a else None,  # type: ignore[union-attr]
            new_action=b.action if b else None, score=score,
            actors=sorted({n for c in both for n in _names(c.actors)}),
            sectors=sorted({s for c in both for s in _sectors(c)}),
            old_deadline=da, new_deadline=db, old_modality=ma, new_modality=mb, notes=notes,
            old_evidence=_evidence_texts(a) if a else [], new_evidence=_evidence_texts(b) if b else [],
            old_documents=a.documents if a else [], new_documents=b.documents if b else [])

    out = []
    for i, a in enumerate(old):
        if i not in pairs:
            out.append(change("dropped", a, None, None, []))
            continue
        j, score = pairs[i]
        b = new[j]
        notes = []
        da, db = _top(a.deadline), _top(b.deadline)
        if da and db and da != db:
            notes.append("deadline moved")
        elif db and not da:
            notes.append("deadline set")
        ma, mb = _top(a.modality), _top(b.modality)
        if ma and mb and ma != mb:
            notes.append("modality changed")
        out.append(change("changed" if notes else "carried_over", a, b, score, notes))
    for j, b in enumerate(new):
        if j not in used_new:
            out.append(change("new", None, b, None, []))
    out.sort(key=lambda c: (COMMITMENT_ORDER[c.change], name_key(c.action), c.old_documents, c.new_documents))
    return out


def diff_editions(old: EventView, new: EventView) -> SeriesDiff:
    """Compare two event views (normally two editions of one series)."""
    fields = diff_fields(old, new)
    officials, unchanged = diff_officials(old.officials, new.officials)
    commitments = diff_commitments(old.commitments, new.commitments)
    o_count = Counter(c.change for c in officials)
    c_count = Counter(c.change for c in commitments)
    summary = SeriesSummary(
        fields_changed=len(fields), officials_appeared=o_count["appeared"],
        officials_disappeared=o_count["disappeared"], officials_changed=o_count["changed"],
        officials_unchanged=unchanged, commitments_new=c_count["new"], commitments_changed=c_count["changed"],
        commitments_carried_over=c_count["carried_over"], commitments_dropped=c_count["dropped"])

    def ref(v: EventView) -> EditionRef:
        return EditionRef(edition=v.edition or 0, event_id=v.event_id,
                          documents=sorted(set(v.reported_in) | set(v.referenced_in)))

    return SeriesDiff(
        series_id=new.series_id or old.series_id or "", series_name=new.series_name or old.series_name,
        old=ref(old), new=ref(new), fields=fields, officials=officials, commitments=commitments,
        summary=summary,
        has_changes=bool(fields or officials or any(c.change != "carried_over" for c in commitments)))


def diff_series(views: list[EventView], series: str, old_edition: int, new_edition: int) -> SeriesDiff:
    """Compare two editions of the series named by ``series`` (an id, or a unique name substring)."""
    series_id, _ = resolve_series(views, series)
    return diff_editions(find_edition(views, series_id, old_edition),
                         find_edition(views, series_id, new_edition))

