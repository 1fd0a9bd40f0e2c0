"""Records staged on disk (DuckDB) so that events can be consolidated one at a time in bounded memory.

Loading streams the records into three tables: ``docs`` (one row per article: its name, URL, path, date
and MinHash signature), ``bands`` (the signature's LSH band keys) and ``items`` (every conference,
official and commitment record, and any event view read back, as JSON with its ``event_id``). Duplicate
articles are then found with a join on ``bands`` and a check of the candidate pairs; reading streams the
items sorted by series, edition, year and event, so only one event's records are in memory at a time.

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> with RecordStore() as store:
    ...     store.add(ConferenceRecord(doc_id="d1", event_id="s@2024", series_id="s", series_name="S",
    ...                                status="reported", year=2024))
    ...     [(v.event_id, v.year, v.reported_in) for v in store.views()]
    [('s@2024', 2024, ['d1'])]
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from pydantic import BaseModel

from corridor_ie.records import ArticleRecord, CommitmentRecord, ConferenceRecord, OfficialRecord

from ..batches import Batches, create_table, insert_arrow
from ..identity import doc_name
from ..read import read_records
from .choose import DocInfo
from .duplicates import DUPLICATE_THRESHOLD, band_keys, representatives, signature, similarity
from .merge import EventRecords, build_view
from .models import EventView, SourceDoc

#: DuckDB may use this much memory before it spills to its temporary directory
MEMORY_LIMIT = "1GB"
FETCH_ROWS = 2_000

SCHEMAS = {
    "docs_raw": pa.schema([("doc_id", pa.string()), ("name", pa.string()), ("path", pa.string()),
                           ("url", pa.string()), ("title", pa.string()), ("published", pa.string()),
                           ("lang", pa.string()), ("sig", pa.binary())]),
    "bands": pa.schema([("doc_id", pa.string()), ("band", pa.int32()), ("bucket", pa.int64())]),
    "items": pa.schema([("seq", pa.int64()), ("event_id", pa.string()), ("series_id", pa.string()),
                        ("series_name", pa.string()), ("edition", pa.int64()), ("year", pa.int64()), ("kind", pa.string()),
                        ("doc_id", pa.string()), ("json", pa.string())]),
}
_RECORD_MODELS: dict[str, type[BaseModel]] = {"conference": ConferenceRecord, "official": OfficialRecord,
                                               "commitment": CommitmentRecord, "event": EventView}


class RecordStore:
    """Records staged in DuckDB. ``path`` keeps the database file (replaced if it exists); by default it
    lives in a temporary directory removed on :meth:`close`. Use as a context manager."""

    def __init__(self, path: Path | None = None) -> None:
        self._tmp = Path(tempfile.mkdtemp(prefix="corridor-ie-store-"))
        self.path = path or self._tmp / "records.duckdb"
        if path is not None and path.exists():
            path.unlink()
        self.con = duckdb.connect(str(self.path))
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        self.con.execute(f"SET temp_directory = '{self._tmp / 'spill'}'")
        for name, schema in SCHEMAS.items():
            create_table(self.con, name, schema)
        self._batches = Batches(SCHEMAS, lambda name, table: insert_arrow(self.con, name, table),
                                rows_of={"docs_raw": 2_000})
        self._seq = 0
        self._ready = False

    # ------------------------------------------------------------------------------------------ loading
    def add(self, record: BaseModel) -> None:
        """Stage one record (articles, conferences, officials and commitments with an event, event views)."""
        self._ready = False
        if isinstance(record, ArticleRecord):
            sig = signature(record.text)
            src = record.source
            self._batches.add("docs_raw", {
                "doc_id": record.doc_id, "name": doc_name(src.url, src.path, record.doc_id), "path": src.path,
                "url": src.url, "title": record.title, "published": record.published, "lang": record.lang,
                "sig": sig})
            for band, key in enumerate(band_keys(sig) if sig else ()):
                self._batches.add("bands", {"doc_id": record.doc_id, "band": band, "bucket": key})
            return
        kind = getattr(record, "record_type", None)
        event_id = getattr(record, "event_id", None)
        if kind not in _RECORD_MODELS or not event_id:
            return
        self._seq += 1
        self._batches.add("items", {
            "seq": self._seq, "event_id": event_id, "series_id": getattr(record, "series_id", None),
            "series_name": getattr(record, "series_name", None),
            "edition": getattr(record, "edition", None), "year": getattr(record, "year", None), "kind": kind,
            "doc_id": getattr(record, "doc_id", None), "json": record.model_dump_json()})

    def add_all(self, records: Iterable[BaseModel]) -> RecordStore:
        for r in records:
            self.add(r)
        return self

    def load(self, paths: Iterable[Path]) -> RecordStore:
        """Stage every record of JSON Lines records (or events) files, streamed."""
        return self.add_all(read_records(paths, {"event": EventView}))

    def _finish(self) -> None:
        if self._ready:
            return
        self._batches.flush()
        con = self.con
        con.execute("CREATE OR REPLACE TABLE docs AS SELECT DISTINCT ON (doc_id) * FROM docs_raw ORDER BY doc_id")
        pairs = con.execute("""
            SELECT DISTINCT a.doc_id, b.doc_id, da.sig, db.sig
            FROM bands a JOIN bands b ON a.band = b.band AND a.bucket = b.bucket AND a.doc_id < b.doc_id
            JOIN docs da ON da.doc_id = a.doc_id JOIN docs db ON db.doc_id = b.doc_id""")
        same: list[tuple[str, str]] = []
        while rows := pairs.fetchmany(FETCH_ROWS):
            same += [(a, b) for a, b, sa, sb in rows if similarity(sa, sb) >= DUPLICATE_THRESHOLD]
        reps = representatives(sorted(same))
        con.execute("CREATE OR REPLACE TABLE reps (doc_id VARCHAR, rep VARCHAR)")
        if reps:
            insert_arrow(con, "reps", pa.table({"doc_id": list(reps), "rep": list(reps.values())}))
        self._ready = True

    # ------------------------------------------------------------------------------------------ reading
    def series(self) -> list[tuple[str, str | None]]:
        """``(series_id, series_name)`` of every series in the records, by id."""
        self._finish()
        rows = self.con.execute("""
            SELECT series_id, min(series_name) FROM items
            WHERE series_id IS NOT NULL GROUP BY series_id ORDER BY series_id""").fetchall()
        return [(sid, name) for sid, name in rows]

    def duplicates(self) -> dict[str, str]:
        """doc_id -> representative doc_id, for the documents that have a near-duplicate."""
        self._finish()
        return dict(self.con.execute("SELECT doc_id, rep FROM reps ORDER BY doc_id").fetchall())

    def events(self, series_id: str | None = None) -> Iterator[EventRecords | EventView]:
        """Each event's records (or the event view read back, when no raw records of it were given), one
        event at a time, sorted by series, edition, year and event id; only ``series_id``'s if given."""
        self._finish()
        cur = self.con.cursor()
        cur.execute("""
            WITH ev AS (SELECT event_id, min(series_id) AS s, min(edition) AS e, min(year) AS y
                        FROM items GROUP BY event_id)
            SELECT i.event_id, i.kind, i.doc_id, i.json, d.name, d.path, d.url, d.title, d.published, d.lang, r.rep
            FROM items i JOIN ev USING (event_id)
            LEFT JOIN docs d ON d.doc_id = i.doc_id LEFT JOIN reps r ON r.doc_id = i.doc_id
            WHERE $series IS NULL OR ev.s = $series
            ORDER BY coalesce(ev.s, ''), coalesce(ev.e, 0), coalesce(ev.y, 0), i.event_id, i.seq""",
                    {"series": series_id})
        group: list[tuple[Any, ...]] = []
        while rows := cur.fetchmany(FETCH_ROWS):
            for row in rows:
                if group and row[0] != group[0][0]:
                    yield _event(group)
                    group = []
                group.append(row)
        if group:
            yield _event(group)
        cur.close()

    def views(self, series_id: str | None = None) -> Iterator[EventView]:
        """One :class:`EventView` per event (see :meth:`events`)."""
        for ev in self.events(series_id):
            yield ev if isinstance(ev, EventView) else build_view(ev)

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _event(rows: list[tuple[Any, ...]]) -> EventRecords | EventView:
    """One event's rows as records (or its first event view when there are no raw records)."""
    by_kind: dict[str, list[Any]] = {k: [] for k in _RECORD_MODELS}
    docs: dict[str, DocInfo] = {}
    sources: dict[str, SourceDoc] = {}
    for _, kind, doc_id, js, name, path, url, title, published, lang, rep in rows:
        by_kind[kind].append(_RECORD_MODELS[kind].model_validate_json(js))
        if doc_id and doc_id not in docs:
            docs[doc_id] = DocInfo(name or doc_id, published, rep)
            sources[doc_id] = SourceDoc(name=name or doc_id, doc_id=doc_id, url=url, path=path, title=title,
                                        published=published, lang=lang)
    if not (by_kind["conference"] or by_kind["official"] or by_kind["commitment"]):
        return by_kind["event"][0]
    return EventRecords(rows[0][0], by_kind["conference"], by_kind["official"], by_kind["commitment"], docs, sources)
