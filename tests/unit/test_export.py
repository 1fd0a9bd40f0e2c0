"""export: flat, documented tables with keys that join, in DuckDB, Parquet and CSV, written in batches."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from corridor_ie.errors import SetupError
from corridor_ie.records import (
    ArticleRecord,
    CommitmentRecord,
    ConferenceRecord,
    Entity,
    Evidence,
    OfficialRecord,
    Ref,
    SourceInfo,
)
from corridor_ie.tools import batches
from corridor_ie.tools.export import TABLES, export, export_records
from corridor_ie.tools.export.tables import SCHEMAS, markdown

REPO = Path(__file__).resolve().parents[2]
EDITIONS = REPO / "tests" / "fixtures" / "records" / "editions.jsonl"
TEXT = "Hai bên thống nhất nâng cấp cặp cửa khẩu Kim Thành – Hà Khẩu."


def document(doc: str) -> list:
    """One hand-written document: its article, a conference, an official and a commitment on a gate pair."""
    ev = f"series.test#{doc[-1]}"
    return [
        ArticleRecord(doc_id=doc, source=SourceInfo(path=f"in/{doc}.txt"), lang="vi", text=TEXT,
                      entities=[Entity(label="BORDER_GATE_PAIR", text="Kim Thành – Hà Khẩu", start=41, end=60,
                                       id="pair.test", value=["gate.a", "gate.b"])]),
        ConferenceRecord(doc_id=doc, event_id=ev, series_id="series.test", series_name="T", edition=int(doc[-1]),
                         status="reported", members=[Ref(id="vn.x", name="X"), Ref(id="cn.y", name="Y")],
                         topics=["cửa khẩu"]),
        OfficialRecord(doc_id=doc, name="Nguyễn Văn A", person_id="person.test-a", event_id=ev,
                       roles=["chaired", "spoke"]),
        CommitmentRecord(doc_id=doc, event_id=ev, action="nâng cấp cặp cửa khẩu Kim Thành – Hà Khẩu",
                         sectors=["border_management", "digital_economy"], actors=[Ref(id=None, name="hai bên")],
                         objects=[Ref(id="pair.test", name="Kim Thành – Hà Khẩu")], modality="agreed",
                         evidence=[Evidence(start=0, end=len(TEXT), text=TEXT)]),
    ]


RECORDS = document("d1") + document("d2")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    out = tmp_path_factory.mktemp("export") / "r.duckdb"
    summary = export_records(RECORDS, out)
    assert summary.format == "duckdb" and summary.rows["commitments"] == 2
    return duckdb.connect(str(out), read_only=True)


def test_every_table_has_its_documented_columns(db):
    for t in TABLES:
        cols = [r[0] for r in db.execute(f"DESCRIBE {t.name}").fetchall()]
        assert cols == [c.name for c in t.columns], t.name


def test_rows_and_keys_that_join(db):
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    rows = db.execute("""
        SELECT c.commitment_id, s.sector, o.object_kind, a.actor_name, ar.name, ed.status, ed.commitments
        FROM commitments c
        JOIN commitment_sectors s USING (commitment_id)
        JOIN commitment_objects o USING (commitment_id)
        JOIN commitment_actors a USING (commitment_id)
        JOIN articles ar ON ar.doc_id = c.doc_id
        JOIN event_documents ed ON ed.event_id = c.event_id AND ed.doc_id = c.doc_id
        WHERE c.doc_id = 'd1' ORDER BY s.sector""").fetchall()
    assert rows == [("d1/c1", "border_management", "gate_pair", "hai bên", "in/d1.txt", "reported", 1),
                    ("d1/c1", "digital_economy", "gate_pair", "hai bên", "in/d1.txt", "reported", 1)]
    assert db.execute("SELECT roles FROM officials WHERE official_id = 'd2/o1'").fetchone() == ("chaired,spoke",)
    assert db.execute("SELECT count(*) FROM conference_members WHERE conference_id = 'd1/e1'").fetchone() == (2,)
    assert db.execute("SELECT value FROM mentions WHERE doc_id = 'd1'").fetchone() == ('["gate.a", "gate.b"]',)
    ev = db.execute("SELECT a.text[e.start + 1:e.end] = e.text FROM evidence e JOIN articles a USING (doc_id)")
    assert ev.fetchall() == [(True,), (True,)]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_folder_formats_write_one_file_per_table(tmp_path, fmt):
    out = tmp_path / "tables"
    export_records(RECORDS, out, fmt)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t.name}.{fmt}" for t in TABLES)
    assert not (tmp_path / "tables.partial").exists()
    if fmt == "parquet":
        assert pq.read_table(out / "commitment_sectors.parquet").num_rows == 4
        assert pq.read_schema(out / "officials.parquet") == SCHEMAS["officials"]
    else:
        with (out / "commitments.csv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert [(r["commitment_id"], r["action"]) for r in rows][0] == ("d1/c1", "nâng cấp cặp cửa khẩu Kim Thành – "
                                                                                   "Hà Khẩu")


def test_batches_are_small_and_the_result_the_same(tmp_path, monkeypatch):
    written: list[tuple[str, int]] = []
    real = batches.Batches.__init__

    def small(self, schemas, write, rows=batches.BATCH_ROWS, rows_of=None):
        def spy(name, table):
            written.append((name, table.num_rows))
            write(name, table)
        real(self, schemas, spy, rows=1, rows_of={})

    monkeypatch.setattr(batches.Batches, "__init__", small)
    out = tmp_path / "small.duckdb"
    export([records_file(tmp_path)], out)
    assert written and max(n for _, n in written) == 1
    con = duckdb.connect(str(out), read_only=True)
    assert con.execute("SELECT count(*) FROM commitment_sectors").fetchone() == (4,)


def records_file(tmp_path: Path) -> Path:
    from corridor_ie.output import JsonlWriter

    path = tmp_path / "records.jsonl"
    with JsonlWriter(path) as w:
        w.write_batch(RECORDS)
    return path


def test_an_existing_database_is_replaced_only_when_the_new_one_is_complete(tmp_path):
    out = tmp_path / "r.duckdb"
    export_records(RECORDS, out)

    def broken():
        yield from RECORDS
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_records(broken(), out)
    assert duckdb.connect(str(out), read_only=True).execute("SELECT count(*) FROM articles").fetchone() == (2,)
    assert not (tmp_path / "r.duckdb.partial").exists()


def test_wrong_targets_are_one_line_setup_errors(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(SetupError, match="afile: is a file \\(give a folder for parquet files\\)"):
        export_records(RECORDS, tmp_path / "afile", "parquet")
    with pytest.raises(SetupError, match="is a folder"):
        export_records(RECORDS, tmp_path, "duckdb")


def test_the_fixture_records_export(tmp_path):
    s = export([EDITIONS], tmp_path / "e.duckdb")
    assert s.rows["articles"] == 4 and s.rows["event_documents"] == 6


def test_docs_describe_every_table_and_their_examples_run(tmp_path):
    doc = (REPO / "docs" / "export.md").read_text(encoding="utf-8")
    assert markdown() in doc, "docs/export.md is out of date: paste corridor_ie.tools.export.tables.markdown()"
    out = tmp_path / "e.duckdb"
    export([EDITIONS], out)
    con = duckdb.connect(str(out), read_only=True)
    for sql in re.findall(r"```sql\n(.*?)```", doc, re.S):
        for statement in filter(str.strip, sql.split(";")):
            con.execute(statement).fetchall()
