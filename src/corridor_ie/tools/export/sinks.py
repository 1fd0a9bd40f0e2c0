"""Where exported tables go: one DuckDB file, or a folder of Parquet or CSV files (one per table).

Every writer takes Arrow batches (:meth:`write`) and writes them as they come, so memory stays bounded;
the output appears only when it is complete (:meth:`close` renames it into place), so an interrupted
export never leaves half a database or a truncated file behind.

Example:
    >>> import tempfile, pyarrow as pa
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp()) / "t"
    >>> sink = CsvSink(out, {"t": pa.schema([("a", pa.string())])})
    >>> sink.write("t", pa.table({"a": ["x", "y"]}))
    >>> sink.close()
    >>> (out / "t.csv").read_text().split()
    ['"a"', '"x"', '"y"']
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..batches import create_table, insert_arrow

#: DuckDB may use this much memory while loading, before it spills to disk
MEMORY_LIMIT = "1GB"


class Sink(Protocol):
    def write(self, table: str, batch: pa.Table) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class DuckDBSink:
    """One DuckDB database file holding every table."""

    def __init__(self, path: Path, schemas: dict[str, pa.Schema]) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".partial")
        self.tmp.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.tmp))
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        for name, schema in schemas.items():
            create_table(self.con, name, schema)

    def write(self, table: str, batch: pa.Table) -> None:
        insert_arrow(self.con, table, batch)

    def close(self) -> None:
        self.con.execute("CHECKPOINT")
        self.con.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.con.close()
        self.tmp.unlink(missing_ok=True)


class _FolderSink:
    """A folder with one file per table, each written batch by batch into a ``.partial`` folder."""

    suffix = ""

    def __init__(self, folder: Path, schemas: dict[str, pa.Schema]) -> None:
        self.folder = folder
        self.tmp = folder.with_name(folder.name + ".partial")
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        self.writers: dict[str, Any] = {name: self._open(self.tmp / f"{name}{self.suffix}", schema)
                                        for name, schema in schemas.items()}

    def _open(self, path: Path, schema: pa.Schema) -> Any:
        raise NotImplementedError

    def write(self, table: str, batch: pa.Table) -> None:
        self.writers[table].write_table(batch)

    def close(self) -> None:
        for w in self.writers.values():
            w.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        for f in sorted(self.tmp.iterdir()):
            os.replace(f, self.folder / f.name)
        self.tmp.rmdir()

    def abort(self) -> None:
        for w in self.writers.values():
            w.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


class ParquetSink(_FolderSink):
    """``<table>.parquet`` files (zstd-compressed), readable by DuckDB, pandas, Polars, Spark, dask."""

    suffix = ".parquet"

    def _open(self, path: Path, schema: pa.Schema) -> Any:
        return pq.ParquetWriter(path, schema, compression="zstd")


class CsvSink(_FolderSink):
    """``<table>.csv`` files (UTF-8, a header line, RFC 4180 quoting)."""

    suffix = ".csv"

    def _open(self, path: Path, schema: pa.Schema) -> Any:
        return pacsv.CSVWriter(path, schema)


SINKS: dict[str, type[Any]] = {"duckdb": DuckDBSink, "parquet": ParquetSink, "csv": CsvSink}
