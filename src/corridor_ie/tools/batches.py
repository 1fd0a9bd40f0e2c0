"""Rows buffered per table and written in Arrow batches, so memory stays bounded however many rows come.

Both the export (DuckDB, Parquet, CSV) and the consolidation store (DuckDB) write through this.

Example:
    >>> import pyarrow as pa
    >>> seen = []
    >>> b = Batches({"t": pa.schema([("a", pa.string())])}, lambda name, table: seen.append(table.num_rows), rows=2)
    >>> for x in "xyz":
    ...     b.add("t", {"a": x})
    >>> b.flush()
    >>> seen
    [2, 1]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pyarrow as pa

#: rows buffered per table before a batch is written
BATCH_ROWS = 10_000


class Batches:
    """Buffer rows (dicts) per table; every ``rows`` rows, or at :meth:`flush`, hand an Arrow table of them
    to ``write(table_name, arrow_table)``. ``rows_of`` overrides the batch size of some tables (a table of
    long texts wants smaller batches)."""

    def __init__(self, schemas: Mapping[str, pa.Schema], write: Callable[[str, pa.Table], None],
                 rows: int = BATCH_ROWS, rows_of: Mapping[str, int] | None = None) -> None:
        self.schemas = schemas
        self.write = write
        self.limit = {name: (rows_of or {}).get(name, rows) for name in schemas}
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in schemas}
        self.counts: dict[str, int] = dict.fromkeys(schemas, 0)

    def add(self, table: str, row: dict[str, Any]) -> None:
        buf = self.buffers[table]
        buf.append(row)
        self.counts[table] += 1
        if len(buf) >= self.limit[table]:
            self._flush_one(table)

    def _flush_one(self, table: str) -> None:
        buf = self.buffers[table]
        if buf:
            self.write(table, pa.Table.from_pylist(buf, schema=self.schemas[table]))
            buf.clear()

    def flush(self) -> None:
        """Write every buffered row."""
        for table in self.buffers:
            self._flush_one(table)


def duckdb_type(t: pa.DataType) -> str:
    """The DuckDB column type of an Arrow type used in these tables.

    Example:
        >>> duckdb_type(pa.int64()), duckdb_type(pa.string())
        ('BIGINT', 'VARCHAR')
    """
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "VARCHAR"
    if pa.types.is_int64(t):
        return "BIGINT"
    if pa.types.is_int32(t):
        return "INTEGER"
    if pa.types.is_float64(t):
        return "DOUBLE"
    if pa.types.is_boolean(t):
        return "BOOLEAN"
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return "BLOB"
    raise ValueError(f"no DuckDB type for {t}")


def create_table(con: Any, name: str, schema: pa.Schema) -> None:
    """``CREATE TABLE name (…)`` in a DuckDB connection, from an Arrow schema."""
    cols = ", ".join(f'"{f.name}" {duckdb_type(f.type)}' for f in schema)
    con.execute(f'CREATE TABLE "{name}" ({cols})')


def insert_arrow(con: Any, name: str, table: pa.Table) -> None:
    """Append an Arrow table to the DuckDB table ``name`` (columns in the same order)."""
    con.register("_batch", table)
    try:
        con.execute(f'INSERT INTO "{name}" SELECT * FROM _batch')
    finally:
        con.unregister("_batch")
