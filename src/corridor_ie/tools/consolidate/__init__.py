"""Consolidate the reports of one event across articles into one ``event`` view per edition.

Conference, official and commitment records that share an ``event_id`` are merged into an
:class:`EventView`. Nothing is voted away: every field is a list of ``{"value", "documents", "support"}``
so that conflicting reports ("hơn 200 đại biểu" in one outlet, "hơn 250" in another) are all shown, most
supported first.

Syndicated copies are linked, not counted twice. Near-duplicate articles are found with MinHash/LSH
(shingles of 5 words over ``article.text``, Jaccard threshold 0.8, fixed seed); each group of copies is
represented by its smallest ``doc_id``, and ``support`` counts distinct groups, so a fact reported once
and syndicated ten times has ``support == 1`` (while ``documents`` still lists all eleven copies).

Officials are grouped by ``person_id`` (by normalised name when the id is null; a name-only group whose
name belongs to exactly one identified person joins that person). Commitments are grouped by fuzzy-equal
action (rapidfuzz ``token_set_ratio`` >= 85). Officials and commitments with ``event_id`` null are not
attached to any event.

Input is streamed line by line; only the merged state (and one MinHash per article) is kept.

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> c = Consolidator()
    >>> for doc, date in [("d1", "2024-11-13"), ("d2", "2024-11-13"), ("d3", "2024-11-14")]:
    ...     c.add(ConferenceRecord(doc_id=doc, event_id="e10", series_id="series.x", series_name="X",
    ...                            edition=10, status="reported", start_date=date))
    >>> [(v.value, v.documents) for v in c.views()[0].start_date]
    [('2024-11-13', ['d1', 'd2']), ('2024-11-14', ['d3'])]

Command line: ``corridor-ie consolidate RECORDS.jsonl... [-o EVENTS.jsonl]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from datasketch import MinHash
from pydantic import BaseModel

from corridor_ie.records import ArticleRecord, CommitmentRecord, ConferenceRecord, OfficialRecord

from ..read import read_records
from .duplicates import duplicate_groups, minhash
from .merge import Event
from .models import CommitmentView, DocEvidence, Duplicate, EventView, FieldValue, OfficialView

__all__ = ["CommitmentView", "Consolidator", "DocEvidence", "Duplicate", "EventView", "FieldValue",
           "OfficialView", "consolidate", "consolidate_files", "read_views"]


# ------------------------------------------------------------------------------------------- library
class Consolidator:
    """Feed records one at a time with :meth:`add`; :meth:`views` returns one :class:`EventView` per event.

    Event views found in the input (a consolidated file read back) are passed through unchanged unless
    raw records for the same ``event_id`` are also present.
    """

    def __init__(self) -> None:
        self._events: dict[str, Event] = {}
        self._hashes: dict[str, MinHash] = {}
        self._ready: dict[str, EventView] = {}

    def _event(self, event_id: str) -> Event:
        return self._events.setdefault(event_id, Event(event_id))

    def add(self, record: BaseModel) -> None:
        if isinstance(record, ArticleRecord):
            if record.doc_id not in self._hashes:
                m = minhash(record.text)
                if m is not None:
                    self._hashes[record.doc_id] = m
        elif isinstance(record, ConferenceRecord):
            self._event(record.event_id).add_conference(record)
        elif isinstance(record, OfficialRecord):
            if record.event_id:
                self._event(record.event_id).officials.append(record)
        elif isinstance(record, CommitmentRecord):
            if record.event_id:
                self._event(record.event_id).commitments.append(record)
        elif isinstance(record, EventView):
            self._ready.setdefault(record.event_id, record)

    def duplicates(self) -> dict[str, str]:
        """doc_id -> representative doc_id for every article seen (itself when it has no copy)."""
        return duplicate_groups(self._hashes)

    def views(self) -> list[EventView]:
        groups = self.duplicates()

        def rep(doc: str) -> str:
            return groups.get(doc, doc)

        built = {eid: ev.build(rep) for eid, ev in self._events.items()}
        for eid, view in self._ready.items():
            built.setdefault(eid, view)
        return [built[eid] for eid in sorted(built, key=lambda e: (
            built[e].series_id or "", built[e].edition or 0, e))]


def consolidate(records: Iterable[BaseModel]) -> list[EventView]:
    """One :class:`EventView` per ``event_id`` in ``records``, sorted by series, edition and id."""
    c = Consolidator()
    for r in records:
        c.add(r)
    return c.views()


def read_views(paths: Iterable[Path]) -> Iterator[BaseModel]:
    """Records and event views (a consolidated file read back) streamed from JSON Lines files."""
    return read_records(paths, {"event": EventView})


def consolidate_files(paths: Iterable[Path]) -> list[EventView]:
    """:func:`consolidate` over records streamed from JSON Lines files."""
    return consolidate(read_views(paths))
