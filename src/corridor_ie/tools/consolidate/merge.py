"""Merging the records of one event into an :class:`EventView`: conference fields, officials (one per
person), commitments (one per action), each value with the documents that report it.

Officials are grouped by ``identity.official_key`` (``person_id``, else the folded name; a name-only
group whose name belongs to exactly one identified person joins that person). Commitments are grouped
by ``identity.same_action`` against the first action of each group.

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> ev = EventRecords("s#2", [ConferenceRecord(doc_id="d", event_id="s#2", series_id="s", series_name="S",
    ...     edition=2, status="planned", start_date="2025")], [], [], {"d": DocInfo("https://x.vn/a")})
    >>> v = build_view(ev)
    >>> v.status, v.planned_in, v.start_date.value
    ('planned', ['https://x.vn/a'], '2025')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corridor_ie.records import CommitmentRecord, ConferenceRecord, OfficialRecord

from ..identity import ACTION_MATCH, action_similarity, name_key, official_key, ref_key
from .choose import DocInfo, Documents, Values, canonical
from .models import CommitmentView, DocEvidence, EventView, OfficialView, SourceDoc

#: conference statuses, strongest first
STATUS_ORDER = ("reported", "planned", "referenced")
SCALAR_FIELDS = ("host", "location", "start_date", "end_date", "format")
SET_FIELDS = ("members", "documents", "topics")

_Span = tuple[str, int, int, str]


@dataclass
class EventRecords:
    """Everything read about one event: its records and the documents they come from."""

    event_id: str
    conferences: list[ConferenceRecord]
    officials: list[OfficialRecord]
    commitments: list[CommitmentRecord]
    docs: dict[str, DocInfo]
    sources: dict[str, SourceDoc] = field(default_factory=dict)  # doc_id -> source (filled by the store)


def _spans(doc_id: str, spans: Iterable[Any]) -> list[_Span]:
    return [(doc_id, e.start, e.end, e.text) for e in spans]


def _evidence(items: Iterable[_Span], docs: Documents) -> list[DocEvidence]:
    return [DocEvidence(document=docs.name(d), start=s, end=e, text=t)
            for d, s, e, t in sorted(set(items), key=lambda x: (docs.name(x[0]), x[1], x[2], x[3]))]


class _Group:
    """The values of named fields of one person or one commitment across documents, with its documents
    and evidence."""

    FIELDS: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.values = {name: Values() for name in self.FIELDS}
        self.documents: set[str] = set()
        self.evidence: set[_Span] = set()

    def note(self, name: str, key: str, value: Any, doc_id: str) -> None:
        self.values[name].add(key, value, doc_id)

    def seen(self, r: OfficialRecord | CommitmentRecord) -> None:
        self.documents.add(r.doc_id)
        self.evidence.update(_spans(r.doc_id, r.evidence))

    def merge(self, other: _Group) -> None:
        for name in self.FIELDS:
            self.values[name].merge(other.values[name])
        self.documents |= other.documents
        self.evidence |= other.evidence


class _Official(_Group):
    FIELDS = ("name", "title", "organization", "jurisdiction", "country", "roles")

    def __init__(self, person_id: str | None) -> None:
        super().__init__()
        self.person_id = person_id

    def add(self, r: OfficialRecord) -> None:
        d = r.doc_id
        self.note("name", name_key(r.name), r.name, d)
        for name, text in (("title", r.title), ("organization", r.organization)):
            if text:
                self.note(name, name_key(text), text, d)
        if r.jurisdiction:
            self.note("jurisdiction", ref_key(r.jurisdiction.model_dump()), r.jurisdiction.model_dump(), d)
        if r.country:
            self.note("country", r.country, r.country, d)
        for role in r.roles:
            self.note("roles", role, role, d)
        self.seen(r)

    def build(self, docs: Documents) -> OfficialView:
        v = self.values
        return OfficialView(
            person_id=self.person_id, **{name: v[name].chosen(docs) for name in self.FIELDS[:-1]},
            roles=v["roles"].reported(docs), documents=docs.names(self.documents),
            support=docs.support(self.documents), evidence=_evidence(self.evidence, docs))


class _Commitment(_Group):
    FIELDS = ("action", "actors", "sectors", "objects", "deadline", "modality")

    def __init__(self, key_action: str) -> None:
        super().__init__()
        self.key_action = key_action

    def add(self, r: CommitmentRecord) -> None:
        d = r.doc_id
        self.note("action", name_key(r.action), r.action, d)
        for name, refs in (("actors", r.actors), ("objects", r.objects)):
            for ref in refs:
                self.note(name, ref_key(ref.model_dump()), ref.model_dump(), d)
        for sector in r.sectors:
            self.note("sectors", sector, sector, d)
        for name in ("deadline", "modality"):
            value = getattr(r, name)
            if value:
                self.note(name, value, value, d)
        self.seen(r)

    def build(self, docs: Documents) -> CommitmentView:
        v = self.values
        return CommitmentView(
            **{name: v[name].chosen(docs) for name in ("action", "deadline", "modality")},
            **{name: v[name].reported(docs) for name in ("actors", "sectors", "objects")},
            documents=docs.names(self.documents), support=docs.support(self.documents),
            evidence=_evidence(self.evidence, docs))


def _record_order(r: OfficialRecord | CommitmentRecord) -> str:
    return r.doc_id + "\x00" + canonical(r.model_dump(mode="json"))


def group_officials(records: list[OfficialRecord], docs: Documents) -> list[OfficialView]:
    """One view per person (see the module docstring), most supported first."""
    by_key: dict[str, _Official] = {}
    for r in sorted(records, key=_record_order):
        by_key.setdefault(official_key(r.person_id, r.name), _Official(r.person_id)).add(r)
    owners: dict[str, set[str]] = defaultdict(set)  # a name-only mention joins the one person with that name
    for key, o in by_key.items():
        for name in o.values["name"].values.values() if o.person_id else ():
            owners[official_key(None, name)].add(key)
    groups = [o for o in by_key.values() if o.person_id]
    for key, o in sorted((k, o) for k, o in by_key.items() if not o.person_id):
        if len(owners.get(key, ())) == 1:
            by_key[next(iter(owners[key]))].merge(o)
        else:
            groups.append(o)
    views = [o.build(docs) for o in groups]
    return sorted(views, key=lambda v: (-v.support, name_key(v.name.value), v.person_id or ""))


def group_commitments(records: list[CommitmentRecord], docs: Documents) -> list[CommitmentView]:
    """One view per commitment (fuzzy-equal actions), most supported first."""
    groups: list[_Commitment] = []
    for r in sorted(records, key=_record_order):
        scores = [(action_similarity(r.action, g.key_action), -i) for i, g in enumerate(groups)]
        best = max(scores, default=(0.0, 0))
        if best[0] >= ACTION_MATCH:
            groups[-best[1]].add(r)
        else:
            g = _Commitment(r.action)
            g.add(r)
            groups.append(g)
    views = [g.build(docs) for g in groups]
    return sorted(views, key=lambda v: (-v.support, name_key(v.action.value), v.documents))


def _year(chosen: Any, start: Any) -> int | None:
    if chosen is not None:
        return chosen
    return int(start[:4]) if isinstance(start, str) and start[:4].isdigit() else None


def build_view(ev: EventRecords) -> EventView:
    """The :class:`EventView` of one event's records."""
    docs = Documents(ev.docs)
    ident = {name: Values() for name in ("series_id", "series_name", "series_status", "edition", "year")}
    fields = {name: Values() for name in (*SCALAR_FIELDS, *SET_FIELDS)}
    attendance: dict[str, Values] = defaultdict(Values)
    status: dict[str, str] = {}
    for r in sorted(ev.conferences, key=lambda r: (r.doc_id, STATUS_ORDER.index(r.status))):
        d = r.doc_id
        status.setdefault(d, r.status)
        for name, values in ident.items():
            value = getattr(r, name)
            if value is not None:
                values.add(str(value), value, d)
        for name in ("host", "location"):
            ref = getattr(r, name)
            if ref is not None:
                fields[name].add(ref_key(ref.model_dump()), ref.model_dump(), d)
        for name in ("start_date", "end_date", "format"):
            value = getattr(r, name)
            if value is not None:
                fields[name].add(value, value, d)
        for item in r.attendance:
            attendance[str(item.get("unit"))].add(canonical({k: item.get(k) for k in ("value", "unit", "qualifier")}),
                                                  item, d)
        for m in r.members:
            fields["members"].add(ref_key(m.model_dump()), m.model_dump(), d)
        for name in ("documents", "topics"):
            for s in getattr(r, name):
                fields[name].add(name_key(s), s, d)
    all_docs = set(status) | {o.doc_id for o in ev.officials} | {c.doc_id for c in ev.commitments}
    by_status = {s: docs.names(d for d, st in status.items() if st == s) for s in STATUS_ORDER}
    strongest = next((s for s in STATUS_ORDER if by_status[s]), None)
    sources = [ev.sources.get(d) or SourceDoc(name=docs.name(d), doc_id=d) for d in all_docs]
    sources = [s.model_copy(update={"status": status.get(s.doc_id),
                                    "duplicate_of": docs.name(docs.rep(s.doc_id)) if docs.rep(s.doc_id) != s.doc_id
                                    else None}) for s in sources]
    chosen = {name: values.chosen(docs).value for name, values in ident.items()}
    start = fields["start_date"].chosen(docs)
    return EventView(
        event_id=ev.event_id, series_id=chosen["series_id"], series_name=chosen["series_name"],
        series_status=chosen["series_status"] or "known", edition=chosen["edition"],
        year=_year(chosen["year"], start.value), status=strongest,
        sources=sorted(sources, key=lambda s: (s.name, s.doc_id)),
        reported_in=by_status["reported"], planned_in=by_status["planned"], referenced_in=by_status["referenced"],
        host=fields["host"].chosen(docs), location=fields["location"].chosen(docs), start_date=start,
        end_date=fields["end_date"].chosen(docs), format=fields["format"].chosen(docs),
        attendance=[attendance[u].chosen(docs) for u in sorted(attendance)],
        members=fields["members"].reported(docs), documents=fields["documents"].reported(docs),
        topics=fields["topics"].reported(docs),
        officials=group_officials(ev.officials, docs), commitments=group_commitments(ev.commitments, docs))
