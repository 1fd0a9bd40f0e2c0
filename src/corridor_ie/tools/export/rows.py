"""Records flattened into table rows, one document at a time.

``extract`` writes a document's records together (its article, then its conferences, officials and
commitments), so rows are made per group of consecutive records with the same ``doc_id``; record ids
(``doc_id/c3``: the document's 3rd commitment) are numbered within the group.

Example:
    >>> from corridor_ie.records import CommitmentRecord
    >>> rows = list(document_rows([CommitmentRecord(doc_id="d", event_id="s#1", action="mở tuyến",
    ...                                             sectors=["tourism", "transport"])]))
    >>> [(table, row.get("sector")) for table, row in rows]
    [('commitments', None), ('commitment_sectors', 'tourism'), ('commitment_sectors', 'transport'), ('event_documents', None)]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from corridor_ie.records import ArticleRecord, CommitmentRecord, ConferenceRecord, OfficialRecord, Ref

from ..identity import doc_name

Row = tuple[str, dict[str, Any]]
#: the letter of a record id (``doc_id/c3``), by record type
ID_LETTER = {"conference": "e", "official": "o", "commitment": "c"}
#: the kind of object a commitment names, by the prefix of its gazetteer id
OBJECT_KIND = {"pair": "gate_pair", "gate": "border_gate", "place": "place", "vn": "place", "cn": "place"}


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value not in (None, []) else None


def _value(value: Any) -> str | None:
    return value if isinstance(value, str) or value is None else json.dumps(value, ensure_ascii=False)


def _ref(prefix: str, ref: Ref | None) -> dict[str, Any]:
    return {f"{prefix}_id": ref.id if ref else None, f"{prefix}_name": ref.name if ref else None}


def _article(r: ArticleRecord) -> Iterator[Row]:
    yield "articles", {
        "doc_id": r.doc_id, "path": r.source.path, "url": r.source.url,
        "name": doc_name(r.source.url, r.source.path, r.doc_id), "lang": r.lang, "title": r.title,
        "published": r.published, "byline": r.byline, "sitename": r.sitename, "relevant": r.relevant,
        "chars": len(r.text), "mentions": len(r.entities), "text": r.text,
        "gazetteer_version": r.gazetteer_version, "schema_version": r.schema_version}
    for n, e in enumerate(r.entities, 1):
        yield "mentions", {"doc_id": r.doc_id, "mention_no": n, "label": e.label, "text": e.text, "start": e.start,
                           "end": e.end, "entity_id": e.id, "value": _value(e.value), "method": e.method,
                           "score": e.score, "reading": e.reading}


def _evidence(record_id: str, r: Any) -> Iterator[Row]:
    for e in r.evidence:
        yield "evidence", {"record_id": record_id, "doc_id": r.doc_id, "record_type": r.record_type,
                           "start": e.start, "end": e.end, "text": e.text}


def _conference(cid: str, r: ConferenceRecord) -> Iterator[Row]:
    keys = {"doc_id": r.doc_id, "event_id": r.event_id}
    yield "conferences", {
        "conference_id": cid, **keys, "series_id": r.series_id, "series_name": r.series_name,
        "series_status": r.series_status, "edition": r.edition, "year": r.year, "status": r.status,
        **_ref("host", r.host), **_ref("location", r.location), "start_date": r.start_date,
        "end_date": r.end_date, "format": r.format, "attendance": _json(r.attendance),
        "documents_signed": _json(r.documents), "topics": _json(r.topics), "statement": r.statement}
    for m in r.members:
        yield "conference_members", {"conference_id": cid, **keys, **_ref("member", m)}
    yield from _evidence(cid, r)


def _official(oid: str, r: OfficialRecord) -> Iterator[Row]:
    yield "officials", {
        "official_id": oid, "doc_id": r.doc_id, "event_id": r.event_id, "name": r.name, "person_id": r.person_id,
        "link": r.link, "title": r.title, "organization": r.organization, **_ref("jurisdiction", r.jurisdiction),
        "country": r.country, "roles": ",".join(r.roles) or None}
    yield from _evidence(oid, r)


def _commitment(cid: str, r: CommitmentRecord) -> Iterator[Row]:
    keys = {"commitment_id": cid, "doc_id": r.doc_id, "event_id": r.event_id}
    yield "commitments", {**keys, "action": r.action, "deadline": r.deadline, "modality": r.modality}
    for s in r.sectors:
        yield "commitment_sectors", {**keys, "sector": s}
    for a in r.actors:
        yield "commitment_actors", {**keys, **_ref("actor", a)}
    for o in r.objects:
        kind = OBJECT_KIND.get(o.id.split(".")[0], o.id.split(".")[0]) if o.id else None
        yield "commitment_objects", {**keys, **_ref("object", o), "object_kind": kind}
    yield from _evidence(cid, r)


def _event_documents(records: list[BaseModel]) -> Iterator[Row]:
    conferences = {r.event_id: r for r in records if isinstance(r, ConferenceRecord)}
    officials = Counter(r.event_id for r in records if isinstance(r, OfficialRecord) and r.event_id)
    commitments = Counter(r.event_id for r in records if isinstance(r, CommitmentRecord) and r.event_id)
    doc_id = getattr(records[0], "doc_id", None)
    for event_id in sorted(set(conferences) | set(officials) | set(commitments)):
        c = conferences.get(event_id)
        yield "event_documents", {
            "event_id": event_id, "doc_id": doc_id, "series_id": c.series_id if c else None,
            "series_status": c.series_status if c else None, "edition": c.edition if c else None,
            "year": c.year if c else None, "status": c.status if c else None,
            "officials": officials[event_id], "commitments": commitments[event_id]}


def document_rows(records: list[BaseModel]) -> Iterator[Row]:
    """``(table, row)`` for every row the records of one document give."""
    n: Counter[str] = Counter()
    for r in records:
        if isinstance(r, ArticleRecord):
            yield from _article(r)
            continue
        kind = getattr(r, "record_type", "")
        if kind not in ID_LETTER:
            continue
        n[kind] += 1
        record_id = f"{r.doc_id}/{ID_LETTER[kind]}{n[kind]}"  # type: ignore[attr-defined]
        yield from {"conference": _conference, "official": _official, "commitment": _commitment}[kind](record_id, r)
    if records:
        yield from _event_documents(records)


def grouped_by_document(records: Iterable[BaseModel]) -> Iterator[list[BaseModel]]:
    """Consecutive records with the same ``doc_id``, as lists (one document's records at a time)."""
    group: list[BaseModel] = []
    for r in records:
        doc = getattr(r, "doc_id", None)
        if group and doc != getattr(group[0], "doc_id", None):
            yield group
            group = []
        group.append(r)
    if group:
        yield group
