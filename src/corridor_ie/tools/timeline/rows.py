"""One row per edition (or year) of a series, from its consolidated event views.

Example:
    >>> from corridor_ie.records import CommitmentRecord, ConferenceRecord
    >>> from corridor_ie.tools.consolidate import consolidate
    >>> views = consolidate([
    ...     ConferenceRecord(doc_id="a", event_id="x#1", series_id="x", series_name="X", edition=1,
    ...                      status="reported", start_date="2023-11-13", host={"id": None, "name": "Hà Nội"}),
    ...     CommitmentRecord(doc_id="a", event_id="x#1", action="mở tuyến du lịch", sectors=["tourism"]),
    ...     ConferenceRecord(doc_id="b", event_id="x#2", series_id="x", series_name="X", edition=2,
    ...                      status="planned", year=2025)])
    >>> t = build_timeline(views, "x")
    >>> [(r.key, r.date, r.host, r.sectors) for r in t.rows]
    [('1', '2023-11-13', 'Hà Nội', {'tourism': 1}), ('2', '2025', None, {})]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from corridor_ie import SCHEMA_VERSION

from ..consolidate import EventView
from ..series import event_key, resolve_series


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimelineRow(_Out):
    """One edition (or year): when, where, who reported it, what was committed."""

    key: str  # "10", or "@2024" for a meeting known by its year
    edition: int | None
    year: int | None
    event_id: str
    status: Literal["reported", "planned", "referenced"] | None
    date: str | None  # the start date, else the year (the position on a time axis)
    start_date: str | None
    end_date: str | None
    host: str | None
    location: str | None
    format: str | None
    documents: int
    reported_in: int
    document_names: list[str]
    officials: int
    commitments: int
    sectors: dict[str, int]  # sector -> number of (consolidated) commitments naming it


class Timeline(_Out):
    """The editions of one series over time."""

    record_type: Literal["timeline"] = "timeline"
    schema_version: str = SCHEMA_VERSION
    series_id: str
    series_name: str | None
    series_status: Literal["known", "provisional"]
    sectors: list[str]  # every sector committed, most committed first
    rows: list[TimelineRow]


def _name(value: Any) -> str | None:
    return value.get("name") if isinstance(value, dict) else value


def timeline_row(v: EventView) -> TimelineRow:
    sectors: Counter[str] = Counter(str(s.value) for c in v.commitments for s in c.sectors)
    date = v.start_date.value or (str(v.year) if v.year else None)
    return TimelineRow(
        key=event_key(v), edition=v.edition, year=v.year, event_id=v.event_id, status=v.status, date=date,
        start_date=v.start_date.value, end_date=v.end_date.value, host=_name(v.host.value),
        location=_name(v.location.value), format=v.format.value, documents=len(v.sources),
        reported_in=len(v.reported_in), document_names=[s.name for s in v.sources], officials=len(v.officials),
        commitments=len(v.commitments), sectors=dict(sorted(sectors.items())))


def _order(rows: list[TimelineRow]) -> list[TimelineRow]:
    if all(r.edition is not None for r in rows):
        return sorted(rows, key=lambda r: (r.edition, r.event_id))
    return sorted(rows, key=lambda r: (r.date or "", r.edition or 0, r.event_id))


def build_timeline(views: Iterable[EventView], series: str) -> Timeline:
    """The timeline of the series ``series`` names (an id or a unique name substring)."""
    views = list(views)
    series_id, series_name = resolve_series(((v.series_id, v.series_name) for v in views if v.series_id), series)
    mine = [v for v in views if v.series_id == series_id]
    rows = _order([timeline_row(v) for v in mine])
    totals: Counter[str] = Counter()
    for r in rows:
        totals.update(r.sectors)
    return Timeline(series_id=series_id, series_name=series_name,
                    series_status="provisional" if any(v.series_status == "provisional" for v in mine) else "known",
                    sectors=[s for s, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))], rows=rows)
