"""Compare records: two editions of a conference series, or two extractor runs over the same articles.

Two modes, chosen by the arguments of ``corridor-ie diff``:

``corridor-ie diff RECORDS.jsonl... --series SERIES --from 9 --to 10`` (**series** mode)
    Consolidates the records (see :mod:`corridor_ie.consolidate`) and compares the two editions:
    conference fields that changed (host, location, dates, format, attendance, members, documents,
    topics); officials who appeared, disappeared, or changed title (matched by ``person_id``, else by
    name; a new spelling of the same ``person_id`` is the same person with a "name changed" note);
    commitments that are new, carried over, dropped, or changed (deadline moved, modality changed),
    each with the evidence text from both sides. ``SERIES`` is a series id or a unique substring of a
    series name.

``corridor-ie diff OLD.jsonl NEW.jsonl`` (**runs** mode)
    Two runs of the extractor over the same articles: per ``doc_id``, the entities and records that were
    added, removed or changed, and which fields changed.

Output (``--format``): ``table`` (rich, the default), ``markdown``, or ``json``. The JSON is one object,
a :class:`SeriesDiff` or a :class:`RunsDiff` told apart by ``mode``; ``DIFF_ADAPTER`` validates it.
Keys appear in the order below and lists are sorted, so two runs over the same input print the same bytes.

Series mode JSON::

    {"mode": "series", "schema_version": "1.0", "series_id": "series.x", "series_name": "…",
     "old": {"edition": 9, "event_id": "…", "documents": ["d1", …]},
     "new": {"edition": 10, "event_id": "…", "documents": […]},
     "fields": [{"field": "start_date", "old": "2023-11-13", "new": "2024-11-13",
                 "added": [], "removed": []}, …],
     "officials": [{"change": "appeared" | "disappeared" | "changed", "person_id": "…" | null,
                    "old_name": …, "new_name": …, "old_title": …, "new_title": …, "country": "VN",
                    "notes": ["name changed", "title changed"], "old_documents": […],
                    "new_documents": […]}, …],
     "commitments": [{"change": "new" | "changed" | "carried_over" | "dropped", "action": "…",
                      "old_action": …, "new_action": …, "score": 96.5 | null, "actors": […],
                      "sectors": […], "old_deadline": …, "new_deadline": …, "old_modality": …,
                      "new_modality": …, "notes": ["deadline moved", "modality changed"],
                      "old_evidence": ["…"], "new_evidence": ["…"], "old_documents": […],
                      "new_documents": […]}, …],
     "summary": {"fields_changed": 1, "officials_appeared": 0, …},
     "has_changes": true}

Runs mode JSON::

    {"mode": "runs", "schema_version": "1.0", "old_path": "old.jsonl", "new_path": "new.jsonl",
     "documents": [{"doc_id": "…", "change": "added" | "removed" | "changed",
                    "entities": [{"change": "added" | "removed" | "changed", "label": "PERSON",
                                  "start": 10, "end": 22, "text": "…",
                                  "fields": [{"field": "id", "old": null, "new": "person.x"}]}, …],
                    "records": [{"change": …, "record_type": "official", "key": "person.x@event",
                                 "fields": [{"field": "title", "old": …, "new": …}]}, …]}, …],
     "summary": {"documents_added": 0, …}, "has_changes": true}

Exit codes: 0 the diff ran (whatever it found); 1 with ``--fail-on-change`` when there are differences;
2 bad input (missing file, invalid record, unknown or ambiguous series, edition not found).

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> def conf(doc, edition, host):
    ...     return ConferenceRecord(doc_id=doc, event_id=f"e{edition}", series_id="series.x",
    ...         series_name="Hội nghị X", edition=edition, status="reported", host={"id": None, "name": host})
    >>> from corridor_ie.consolidate import consolidate
    >>> views = consolidate([conf("a", 9, "Lào Cai"), conf("b", 10, "Vân Nam")])
    >>> d = diff_series(views, "hội nghị x", 9, 10)
    >>> [(f.field, f.old["name"], f.new["name"]) for f in d.fields]
    [('host', 'Lào Cai', 'Vân Nam')]
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from rapidfuzz import fuzz, utils
from rich.console import Console
from rich.table import Table

from . import SCHEMA_VERSION
from .consolidate import (
    ACTION_MATCH,
    CommitmentView,
    EventView,
    FieldValue,
    OfficialView,
    actions_match,
    consolidate_files,
    norm_name,
    read_records,
)
from .errors import SetupError
from .records import ArticleRecord, CommitmentRecord, ConferenceRecord, OfficialRecord

#: conference fields compared in series mode, and how
SCALAR_FIELDS = ("host", "location", "start_date", "end_date", "format")
SET_FIELDS = ("members", "documents", "topics")
#: actors of two matched commitments must be at least this similar (token_set_ratio), when both are known
ACTOR_MATCH = 60
COMMITMENT_ORDER = {"new": 0, "changed": 1, "dropped": 2, "carried_over": 3}
OFFICIAL_ORDER = {"appeared": 0, "changed": 1, "disappeared": 2}
CHANGE_ORDER = {"added": 0, "changed": 1, "removed": 2}


# ---------------------------------------------------------------------------------------------- models
class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldChange(_Out):
    """A conference field whose (most supported) value differs between editions.

    Scalars (host, location, dates, format): ``old``/``new`` are the values, ``added``/``removed`` empty.
    Sets (members, documents, topics) and attendance (one item per unit): ``old``/``new`` are lists and
    ``added``/``removed`` hold the difference.
    """

    field: str
    old: Any
    new: Any
    added: list[Any] = Field(default_factory=list)
    removed: list[Any] = Field(default_factory=list)


class OfficialChange(_Out):
    change: Literal["appeared", "disappeared", "changed"]
    person_id: str | None
    old_name: str | None
    new_name: str | None
    old_title: str | None
    new_title: str | None
    country: str | None
    notes: list[str]
    old_documents: list[str]
    new_documents: list[str]


class CommitmentChange(_Out):
    change: Literal["new", "changed", "carried_over", "dropped"]
    action: str
    old_action: str | None
    new_action: str | None
    score: float | None
    actors: list[str]
    sectors: list[str]
    old_deadline: str | None
    new_deadline: str | None
    old_modality: str | None
    new_modality: str | None
    notes: list[str]
    old_evidence: list[str]
    new_evidence: list[str]
    old_documents: list[str]
    new_documents: list[str]


class EditionRef(_Out):
    edition: int
    event_id: str
    documents: list[str]


class SeriesSummary(_Out):
    fields_changed: int
    officials_appeared: int
    officials_disappeared: int
    officials_changed: int
    officials_unchanged: int
    commitments_new: int
    commitments_changed: int
    commitments_carried_over: int
    commitments_dropped: int


class SeriesDiff(_Out):
    """Two editions of one conference series compared."""

    mode: Literal["series"] = "series"
    schema_version: str = SCHEMA_VERSION
    series_id: str
    series_name: str | None
    old: EditionRef
    new: EditionRef
    fields: list[FieldChange]
    officials: list[OfficialChange]
    commitments: list[CommitmentChange]
    summary: SeriesSummary
    has_changes: bool


class FieldDelta(_Out):
    field: str
    old: Any
    new: Any


class EntityChange(_Out):
    change: Literal["added", "removed", "changed"]
    label: str
    start: int
    end: int
    text: str
    fields: list[FieldDelta]


class RecordChange(_Out):
    change: Literal["added", "removed", "changed"]
    record_type: str
    key: str
    fields: list[FieldDelta]


class DocDiff(_Out):
    doc_id: str
    change: Literal["added", "removed", "changed"]
    entities: list[EntityChange]
    records: list[RecordChange]


class RunsSummary(_Out):
    documents_added: int
    documents_removed: int
    documents_changed: int
    documents_unchanged: int
    entities_added: int
    entities_removed: int
    entities_changed: int
    records_added: int
    records_removed: int
    records_changed: int


class RunsDiff(_Out):
    """Two extractor runs over the same articles compared document by document."""

    mode: Literal["runs"] = "runs"
    schema_version: str = SCHEMA_VERSION
    old_path: str
    new_path: str
    documents: list[DocDiff]
    summary: RunsSummary
    has_changes: bool


DiffReport = Annotated[SeriesDiff | RunsDiff, Field(discriminator="mode")]
DIFF_ADAPTER: TypeAdapter[Any] = TypeAdapter(DiffReport)


# ----------------------------------------------------------------------------------------- series mode
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
    q = norm_name(query)
    hits = sorted(sid for sid, name in names.items() if q and (q in norm_name(name or "") or q in norm_name(sid)))
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
        return f"id:{value['id']}" if value.get("id") else f"name:{norm_name(value['name'])}"
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
        names = {norm_name(n.value) for n in o.names}
        for j, n in enumerate(new):
            if j in used_new or (o.person_id and n.person_id):
                continue
            if names & {norm_name(x.value) for x in n.names}:
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
        if norm_name(a.name) != norm_name(b.name):
            notes.append("name changed")
        ta, tb = _title(a), _title(b)
        if ta and tb and norm_name(ta) != norm_name(tb):
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
    out.sort(key=lambda c: (OFFICIAL_ORDER[c.change], norm_name(c.new_name or c.old_name or ""),
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
    action = actions_match(a.action, b.action)
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
    out.sort(key=lambda c: (COMMITMENT_ORDER[c.change], norm_name(c.action), c.old_documents, c.new_documents))
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


# ------------------------------------------------------------------------------------------- runs mode
_SKIP = frozenset({"record_type", "doc_id", "schema_version"})


@dataclass
class _Doc:
    article: dict[str, Any] | None = None
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def _record_key(r: BaseModel) -> str:
    if isinstance(r, ConferenceRecord):
        return r.event_id
    if isinstance(r, OfficialRecord):
        return f"{r.person_id or r.name}@{r.event_id or '-'}"
    if isinstance(r, CommitmentRecord):
        return f"{r.action}@{r.event_id or '-'}"
    return "article"


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
    for r in read_records([path]):
        if isinstance(r, EventView):
            continue
        doc = docs[r.doc_id]  # type: ignore[attr-defined]
        if isinstance(r, ArticleRecord):
            doc.article = _comparable(r)
            for e in r.entities:
                key = f"{e.label}:{e.start}-{e.end}"
                doc.entities.setdefault(key, e.model_dump(mode="json"))
        kind = r.record_type  # type: ignore[attr-defined]
        base = _record_key(r)
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
        return norm_name(a["name"]) == norm_name(b["name"]) or bool(
            a.get("person_id") and a.get("person_id") == b.get("person_id"))
    if kind == "commitment":
        return actions_match(a["action"], b["action"]) >= ACTION_MATCH
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


# ------------------------------------------------------------------------------------------- rendering
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


def _series_rows(d: SeriesDiff) -> dict[str, tuple[list[str], list[list[str]]]]:
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


def _runs_rows(d: RunsDiff) -> dict[str, tuple[list[str], list[list[str]]]]:
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


def _title_line(d: SeriesDiff | RunsDiff) -> str:
    if isinstance(d, SeriesDiff):
        name = f"{d.series_name} ({d.series_id})" if d.series_name else d.series_id
        return f"{name}: edition {d.old.edition} → {d.new.edition}"
    return f"{d.old_path} → {d.new_path}"


def _summary_line(d: SeriesDiff | RunsDiff) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in d.summary.model_dump().items())


def render_table(d: SeriesDiff | RunsDiff, console: Console) -> None:
    """Print the diff as rich tables (one per section that has rows)."""
    console.print(_title_line(d), style="bold", markup=False, highlight=False)
    sections = _series_rows(d) if isinstance(d, SeriesDiff) else _runs_rows(d)
    for title, (header, rows) in sections.items():
        if not rows:
            continue
        table = Table(title=title, show_lines=True, title_justify="left")
        for h in header:
            table.add_column(h, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print(_summary_line(d) if d.has_changes else "no differences", markup=False, highlight=False)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(d: SeriesDiff | RunsDiff) -> str:
    """The diff as a Markdown report (a heading, one table per section, a summary line).

    Example:
        >>> from corridor_ie.consolidate import consolidate
        >>> from corridor_ie.records import ConferenceRecord
        >>> vs = consolidate([ConferenceRecord(doc_id=f"d{e}", event_id=f"e{e}", series_id="s", series_name=None,
        ...     edition=e, status="reported", format=f) for e, f in [(1, "online"), (2, "in_person")]])
        >>> print(render_markdown(diff_series(vs, "s", 1, 2)).splitlines()[6])
        | format | online | in_person |  |
    """
    lines = [f"# Diff: {_md_cell(_title_line(d))}", ""]
    sections = _series_rows(d) if isinstance(d, SeriesDiff) else _runs_rows(d)
    for title, (header, rows) in sections.items():
        if not rows:
            continue
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    lines.append(f"**Summary:** {_summary_line(d)}" if d.has_changes else "No differences.")
    return "\n".join(lines) + "\n"


def render_json(d: SeriesDiff | RunsDiff) -> str:
    """The diff as indented JSON (UTF-8, keys in model order); ``DIFF_ADAPTER`` validates it."""
    return json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


# ----------------------------------------------------------------------------------------------- CLI
#: the values of ``--format``
DiffFormat = Literal["table", "markdown", "json"]


def run_diff(inputs: list[Path], series: str | None = None, old_edition: int | None = None,
             new_edition: int | None = None) -> SeriesDiff | RunsDiff:
    """Pick the mode from the arguments and compute the diff; bad input raises :class:`SetupError`."""
    if series is None:
        if old_edition is not None or new_edition is not None:
            raise SetupError("--from/--to need --series")
        if len(inputs) != 2:
            raise SetupError(f"expected OLD.jsonl NEW.jsonl, got {len(inputs)} files",
                             hint="or compare editions with --series SERIES --from N --to M")
        for p in inputs:
            if not p.is_file():
                raise SetupError("no such file", location=str(p))
        return diff_runs(inputs[0], inputs[1])
    if old_edition is None or new_edition is None:
        raise SetupError("--series needs --from and --to editions", hint="e.g. --from 9 --to 10")
    return diff_series(consolidate_files(inputs), series, old_edition, new_edition)


def diff_command(
    inputs: Annotated[list[Path], typer.Argument(help="Records files; or exactly OLD.jsonl NEW.jsonl.")],
    series: Annotated[str | None, typer.Option("--series", help="Series id or unique name substring.")] = None,
    old_edition: Annotated[int | None, typer.Option("--from", help="Old edition number.")] = None,
    new_edition: Annotated[int | None, typer.Option("--to", help="New edition number.")] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="table, markdown or json.")]
    = "table",
    fail_on_change: Annotated[bool, typer.Option("--fail-on-change", help="Exit 1 when there are differences.")]
    = False,
) -> None:
    """Compare two editions of a conference series, or two extractor runs over the same articles.

    Example: corridor-ie diff out/records.jsonl --series series.four-provinces --from 9 --to 10
    Example: corridor-ie diff old.jsonl new.jsonl --format markdown
    """
    try:
        report = run_diff(inputs, series, old_edition, new_edition)
    except SetupError as e:
        typer.echo(f"corridor-ie: error: {e}", err=True)
        raise typer.Exit(2) from None
    if output_format == "json":
        typer.echo(render_json(report), nl=False)
    elif output_format == "markdown":
        typer.echo(render_markdown(report), nl=False)
    else:
        render_table(report, Console())
    raise typer.Exit(1 if fail_on_change and report.has_changes else 0)


def register(app: typer.Typer) -> None:
    """Add ``diff`` to a typer app."""
    app.command("diff")(diff_command)
