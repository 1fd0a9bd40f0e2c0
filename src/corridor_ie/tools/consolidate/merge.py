"""Merging the records of one event: conference fields, officials (one per person), commitments (one per
action), each value with the documents that report it and its support (distinct duplicate groups).

Officials are grouped by ``person_id`` (by folded name when the id is null; a name-only group whose name
belongs to exactly one identified person joins that person). Commitments are grouped by fuzzy-equal
action (``identity.same_action``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from corridor_ie.records import CommitmentRecord, ConferenceRecord, OfficialRecord

from ..identity import ACTION_MATCH, action_similarity, name_key, official_key, ref_key
from .models import CommitmentView, DocEvidence, Duplicate, EventView, FieldValue, OfficialView


def _canon(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass
class _Values:
    """Values of one field keyed by a matching key; the first value seen for a key is kept."""

    values: dict[str, Any] = field(default_factory=dict)
    docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, key: str, value: Any, doc: str) -> None:
        self.values.setdefault(key, value)
        self.docs[key].add(doc)

    def merge(self, other: _Values) -> None:
        for key, value in other.values.items():
            self.values.setdefault(key, value)
            self.docs[key] |= other.docs[key]

    def build(self, rep: Callable[[str], str]) -> list[FieldValue]:
        out = [
            FieldValue(value=self.values[k], documents=sorted(d), support=len({rep(x) for x in d}))
            for k, d in self.docs.items()
        ]
        return sorted(out, key=lambda v: (-v.support, -len(v.documents), _canon(v.value)))


def _evidence(doc: str, spans: Iterable[Any]) -> list[tuple[str, int, int, str]]:
    return [(doc, e.start, e.end, e.text) for e in spans]


def _doc_evidence(items: Iterable[tuple[str, int, int, str]]) -> list[DocEvidence]:
    return [DocEvidence(doc_id=d, start=s, end=e, text=t) for d, s, e, t in sorted(set(items))]


@dataclass
class _Official:
    person_id: str | None
    names: _Values = field(default_factory=_Values)
    titles: _Values = field(default_factory=_Values)
    organizations: _Values = field(default_factory=_Values)
    jurisdictions: _Values = field(default_factory=_Values)
    countries: _Values = field(default_factory=_Values)
    roles: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    evidence: set[tuple[str, int, int, str]] = field(default_factory=set)

    def add(self, r: OfficialRecord) -> None:
        d = r.doc_id
        self.names.add(name_key(r.name), r.name, d)
        if r.title:
            self.titles.add(name_key(r.title), r.title, d)
        if r.organization:
            self.organizations.add(name_key(r.organization), r.organization, d)
        if r.jurisdiction:
            j = r.jurisdiction.model_dump()
            self.jurisdictions.add(ref_key(j), j, d)
        if r.country:
            self.countries.add(r.country, r.country, d)
        self.roles.update(r.roles)
        self.documents.add(d)
        self.evidence.update(_evidence(d, r.evidence))

    def merge(self, other: _Official) -> None:
        for name in ("names", "titles", "organizations", "jurisdictions", "countries"):
            getattr(self, name).merge(getattr(other, name))
        self.roles |= other.roles
        self.documents |= other.documents
        self.evidence |= other.evidence

    def build(self, rep: Callable[[str], str]) -> OfficialView:
        names = self.names.build(rep)
        countries = self.countries.build(rep)
        return OfficialView(
            person_id=self.person_id, name=names[0].value, names=names, titles=self.titles.build(rep),
            organizations=self.organizations.build(rep), jurisdictions=self.jurisdictions.build(rep),
            country=countries[0].value if countries else None, roles=sorted(self.roles),
            documents=sorted(self.documents), support=len({rep(x) for x in self.documents}),
            evidence=_doc_evidence(self.evidence),
        )


@dataclass
class _Commitment:
    key_action: str
    actions: _Values = field(default_factory=_Values)
    actors: _Values = field(default_factory=_Values)
    sectors: _Values = field(default_factory=_Values)
    deadline: _Values = field(default_factory=_Values)
    modality: _Values = field(default_factory=_Values)
    documents: set[str] = field(default_factory=set)
    evidence: set[tuple[str, int, int, str]] = field(default_factory=set)

    def add(self, r: CommitmentRecord) -> None:
        d = r.doc_id
        self.actions.add(name_key(r.action), r.action, d)
        for a in r.actors:
            ref = a.model_dump()
            self.actors.add(ref_key(ref), ref, d)
        for s in r.sectors:
            self.sectors.add(s, s, d)
        if r.deadline:
            self.deadline.add(r.deadline, r.deadline, d)
        if r.modality:
            self.modality.add(r.modality, r.modality, d)
        self.documents.add(d)
        self.evidence.update(_evidence(d, r.evidence))

    def build(self, rep: Callable[[str], str]) -> CommitmentView:
        actions = self.actions.build(rep)
        return CommitmentView(
            action=actions[0].value, actions=actions, actors=self.actors.build(rep),
            sectors=self.sectors.build(rep), deadline=self.deadline.build(rep),
            modality=self.modality.build(rep), documents=sorted(self.documents),
            support=len({rep(x) for x in self.documents}), evidence=_doc_evidence(self.evidence),
        )


_CONFERENCE_FIELDS = ("host", "location", "start_date", "end_date", "format", "attendance", "members",
                      "documents", "topics")


@dataclass
class Event:
    event_id: str
    series_id: _Values = field(default_factory=_Values)
    series_name: _Values = field(default_factory=_Values)
    edition: _Values = field(default_factory=_Values)
    reported_in: set[str] = field(default_factory=set)
    referenced_in: set[str] = field(default_factory=set)
    fields: dict[str, _Values] = field(default_factory=lambda: {f: _Values() for f in _CONFERENCE_FIELDS})
    officials: list[OfficialRecord] = field(default_factory=list)
    commitments: list[CommitmentRecord] = field(default_factory=list)

    def add_conference(self, r: ConferenceRecord) -> None:
        d = r.doc_id
        for name, value in (("series_id", r.series_id), ("series_name", r.series_name),
                            ("edition", r.edition)):
            if value is not None:
                getattr(self, name).add(str(value), value, d)
        (self.reported_in if r.status == "reported" else self.referenced_in).add(d)
        f = self.fields
        for name in ("host", "location"):
            ref = getattr(r, name)
            if ref is not None:
                f[name].add(ref_key(ref.model_dump()), ref.model_dump(), d)
        for name in ("start_date", "end_date", "format"):
            value = getattr(r, name)
            if value is not None:
                f[name].add(value, value, d)
        for item in r.attendance:
            key = _canon({k: item.get(k) for k in ("value", "unit", "qualifier")})
            f["attendance"].add(key, item, d)
        for m in r.members:
            f["members"].add(ref_key(m.model_dump()), m.model_dump(), d)
        for name in ("documents", "topics"):
            for s in getattr(r, name):
                f[name].add(name_key(s), s, d)

    def build(self, rep: Callable[[str], str]) -> EventView:
        def top(values: _Values) -> Any:
            built = values.build(rep)
            return built[0].value if built else None

        docs = self.reported_in | self.referenced_in | {o.doc_id for o in self.officials} | {
            c.doc_id for c in self.commitments}
        dups = sorted((d, rep(d)) for d in docs if rep(d) != d)
        return EventView(
            event_id=self.event_id, series_id=top(self.series_id), series_name=top(self.series_name),
            edition=top(self.edition), reported_in=sorted(self.reported_in),
            referenced_in=sorted(self.referenced_in - self.reported_in),
            **{name: values.build(rep) for name, values in self.fields.items()},
            officials=_group_officials(self.officials, rep),
            commitments=_group_commitments(self.commitments, rep),
            duplicates=[Duplicate(doc_id=d, duplicate_of=r) for d, r in dups],
        )


def _record_order(r: OfficialRecord | CommitmentRecord) -> str:
    return r.doc_id + "\x00" + record_sort_key(r)


def record_sort_key(r: BaseModel) -> str:
    """A stable sort key for a record (its canonical JSON)."""
    return _canon(r.model_dump(mode="json"))


def _group_officials(records: list[OfficialRecord], rep: Callable[[str], str]) -> list[OfficialView]:
    by_key: dict[str, _Official] = {}
    for r in sorted(records, key=_record_order):
        by_key.setdefault(official_key(r.person_id, r.name), _Official(r.person_id)).add(r)
    # a name-only mention joins the one identified person with that name
    owners: dict[str, set[str]] = defaultdict(set)
    for key, o in by_key.items():
        for name in o.names.values.values() if o.person_id else ():
            owners[official_key(None, name)].add(key)
    groups = [o for o in by_key.values() if o.person_id]
    for key, o in sorted((k, o) for k, o in by_key.items() if not o.person_id):
        if len(owners.get(key, ())) == 1:
            by_key[next(iter(owners[key]))].merge(o)
        else:
            groups.append(o)
    views = [o.build(rep) for o in groups]
    return sorted(views, key=lambda v: (-v.support, name_key(v.name), v.person_id or ""))


def _group_commitments(records: list[CommitmentRecord], rep: Callable[[str], str]) -> list[CommitmentView]:
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
    views = [g.build(rep) for g in groups]
    return sorted(views, key=lambda v: (-v.support, name_key(v.action), v.documents))

