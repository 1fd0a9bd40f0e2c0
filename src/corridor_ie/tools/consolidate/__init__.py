"""Consolidate the reports of each conference edition across articles into one ``event`` view.

Conference, official and commitment records that share an ``event_id`` (known and provisional series
alike, editions or years) are merged into an :class:`EventView`. Each field gets one chosen value (the
best supported; ties broken by the more specific value, then the more recent source) and keeps the
alternatives other documents report, each with its documents, named by URL or path. Syndicated copies
are linked, not counted twice: ``support`` counts groups of near-duplicates (MinHash/LSH,
:mod:`.duplicates`), while ``documents`` lists every copy.

Records are staged on disk (:class:`RecordStore`, DuckDB) and consolidated one event at a time, so a
large records file works in bounded memory. Modules: ``models`` (the view), ``choose`` (the choice of a
value), ``merge`` (one event's records into a view), ``duplicates``, ``store``.

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> views = consolidate(ConferenceRecord(doc_id=doc, event_id="e10", series_id="series.x", series_name="X",
    ...                                      edition=10, status="reported", start_date=date)
    ...                     for doc, date in [("d1", "2024-11-13"), ("d2", "2024-11-13"), ("d3", "2024-11-14")])
    >>> s = views[0].start_date
    >>> s.value, s.documents, [(a.value, a.documents) for a in s.alternatives]
    ('2024-11-13', ['d1', 'd2'], [('2024-11-14', ['d3'])])

Command line: ``corridor-ie consolidate RECORDS.jsonl... [-o EVENTS.jsonl]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from ..read import read_records
from .models import Chosen, CommitmentView, DocEvidence, EventView, OfficialView, Reported, SourceDoc
from .store import RecordStore

__all__ = ["Chosen", "CommitmentView", "DocEvidence", "EventView", "OfficialView", "RecordStore", "Reported",
           "SourceDoc", "consolidate", "consolidate_files", "iter_views", "read_views"]


def read_views(paths: Iterable[Path]) -> Iterator[BaseModel]:
    """Records and event views (a consolidated file read back) streamed from JSON Lines files."""
    return read_records(paths, {"event": EventView})


def consolidate(records: Iterable[BaseModel]) -> list[EventView]:
    """One :class:`EventView` per ``event_id`` in ``records``, sorted by series, edition, year and id."""
    with RecordStore() as store:
        return list(store.add_all(records).views())


def iter_views(paths: Iterable[Path], store_path: Path | None = None,
               series_id: str | None = None) -> Iterator[EventView]:
    """Event views of JSON Lines files, one at a time (bounded memory); ``store_path`` keeps the DuckDB
    staging file, ``series_id`` restricts to one series."""
    with RecordStore(store_path) as store:
        yield from store.load(paths).views(series_id)


def consolidate_files(paths: Iterable[Path]) -> list[EventView]:
    """:func:`consolidate` over records streamed from JSON Lines files."""
    return list(iter_views(paths))
