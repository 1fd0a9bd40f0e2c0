"""Export records to flat tables an analyst can query: one DuckDB file, or Parquet or CSV files.

``corridor-ie export RECORDS.jsonl… --to out.duckdb`` (or ``--to out_dir/ --format parquet|csv``).
Records are streamed document by document and written in Arrow batches, so memory stays flat however
large the input. The tables (:mod:`.tables`, documented in ``docs/export.md``) join on ``doc_id``,
``event_id`` and the record ids (``commitment_id``, …).

Example:
    >>> import tempfile, duckdb
    >>> from pathlib import Path
    >>> from corridor_ie.records import CommitmentRecord
    >>> out = Path(tempfile.mkdtemp()) / "r.duckdb"
    >>> s = export_records([CommitmentRecord(doc_id="d", event_id="s#1", action="mở tuyến", sectors=["tourism"])],
    ...                    out)
    >>> s.rows["commitment_sectors"], duckdb.connect(str(out)).sql("select sector from commitment_sectors").fetchall()
    (1, [('tourism',)])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from corridor_ie.errors import SetupError

from ..batches import Batches
from ..read import read_records
from .rows import document_rows, grouped_by_document
from .sinks import SINKS
from .tables import SCHEMAS, TABLES

Format = Literal["duckdb", "parquet", "csv"]
#: rows per batch of a table whose rows carry whole article texts
TEXT_BATCH_ROWS = 500

__all__ = ["TABLES", "ExportSummary", "export", "export_records", "guess_format"]


@dataclass(frozen=True)
class ExportSummary:
    to: Path
    format: Format
    rows: dict[str, int]

    def line(self) -> str:
        counts = ", ".join(f"{t} {n}" for t, n in self.rows.items() if n)
        return f"exported {counts or 'nothing'} -> {self.to} ({self.format})"


def guess_format(to: Path) -> Format:
    """``duckdb`` for a ``.duckdb`` / ``.db`` file, else ``parquet`` (a folder).

    Example:
        >>> guess_format(Path("out/x.duckdb")), guess_format(Path("out/tables/"))
        ('duckdb', 'parquet')
    """
    return "duckdb" if to.suffix in (".duckdb", ".db") else "parquet"


def export_records(records: Iterable[BaseModel], to: Path, fmt: Format | None = None) -> ExportSummary:
    """Write ``records`` as flat tables to ``to`` (a DuckDB file, or a folder of Parquet / CSV files)."""
    fmt = fmt or guess_format(to)
    if fmt not in SINKS:
        raise SetupError(f"unknown export format {fmt!r}", hint="use duckdb, parquet or csv")
    if fmt == "duckdb" and to.is_dir():
        raise SetupError("is a folder", location=str(to), hint="give a file such as out/records.duckdb")
    if fmt != "duckdb" and to.exists() and not to.is_dir():
        raise SetupError("is a file", location=str(to), hint=f"give a folder for {fmt} files")
    sink = SINKS[fmt](to, SCHEMAS)
    batches = Batches(SCHEMAS, sink.write, rows_of={"articles": TEXT_BATCH_ROWS})
    try:
        for group in grouped_by_document(records):
            for table, row in document_rows(group):
                batches.add(table, row)
        batches.flush()
    except BaseException:
        sink.abort()
        raise
    sink.close()
    return ExportSummary(to, fmt, dict(batches.counts))


def export(paths: Iterable[Path], to: Path, fmt: Format | None = None) -> ExportSummary:
    """:func:`export_records` over records streamed from JSON Lines files."""
    return export_records(read_records(paths), to, fmt)
