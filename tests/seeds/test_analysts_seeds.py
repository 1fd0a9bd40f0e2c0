"""On the five seeds plus examples/: the README's SQL gives the documented answers on the DuckDB and on the
Parquet export, and `timeline --series series.economic-corridor --plot` writes a PNG and an HTML page
whose data match the records."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from PIL import Image
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.tools.export import TABLES

runner = CliRunner()
SERIES = "series.economic-corridor"


@pytest.fixture(scope="module")
def records(seeds_dir: Path, repo: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("analysts") / "all.jsonl"
    r = runner.invoke(app, ["extract", str(seeds_dir), str(repo / "examples"), "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    return out


def readme_queries(repo: Path) -> list[tuple[str, list[str], list[list[str]]]]:
    """(sql, header, rows) for every ```sql block of the README followed by its answer table."""
    text = (repo / "README.md").read_text(encoding="utf-8")
    out = []
    for sql, table in re.findall(r"```sql\n(.*?)```\n\n((?:\|[^\n]*\|\n)+)", text, re.S):
        lines = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.strip().splitlines()]
        out.append((sql, lines[0], lines[2:]))
    return out


def answer(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[list[str]]]:
    cur = con.execute(sql)
    return [d[0] for d in cur.description], [["" if v is None else str(v) for v in row] for row in cur.fetchall()]


def test_the_readme_asks_three_questions(repo):
    assert len(readme_queries(repo)) == 3


@pytest.mark.parametrize("fmt", ["duckdb", "parquet"])
def test_readme_sql_gives_the_documented_answers(records, repo, tmp_path, fmt):
    to = tmp_path / ("all.duckdb" if fmt == "duckdb" else "parquet")
    r = runner.invoke(app, ["export", str(records), "--to", str(to), "--format", fmt])
    assert r.exit_code == 0, r.output
    if fmt == "duckdb":
        con = duckdb.connect(str(to), read_only=True)
    else:  # each table a view over its file, as the README says
        con = duckdb.connect()
        for t in TABLES:
            con.execute(f"CREATE VIEW {t.name} AS SELECT * FROM read_parquet('{to / t.name}.parquet')")
    for sql, header, rows in readme_queries(repo):
        assert answer(con, sql) == (header, rows), sql


def test_timeline_plot_matches_the_records(records, tmp_path):
    png, page = tmp_path / "corridor.png", tmp_path / "corridor.html"
    r = runner.invoke(app, ["timeline", str(records), "--series", SERIES, "--plot", str(png), "--plot", str(page),
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    shown = json.loads(r.stdout)

    # the HTML page carries the same data, and fetches nothing
    html = page.read_text(encoding="utf-8")
    (embedded,) = re.findall(r"<script type='application/json' id='timeline-data'>(.*?)</script>", html, re.S)
    assert json.loads(embedded.replace("<\\/", "</")) == shown
    assert "<svg" in html and not re.search(r"<script[^>]*\ssrc=|<link\b|@import|url\(\s*['\"]?http", html)

    # the data match the raw records
    raw = [json.loads(x) for x in records.read_text(encoding="utf-8").splitlines()]
    events = {c["event_id"]: c["edition"] for c in raw if c["record_type"] == "conference" and c["series_id"] == SERIES}
    docs, sectors, commitments, hosts = defaultdict(set), defaultdict(set), defaultdict(int), defaultdict(set)
    for x in raw:
        if x.get("event_id") in events and x["record_type"] != "article":
            docs[x["event_id"]].add(x["doc_id"])
        if x["record_type"] == "commitment" and x["event_id"] in events:
            sectors[x["event_id"]].update(x["sectors"])
            commitments[x["event_id"]] += 1
        if x["record_type"] == "conference" and x["event_id"] in events and x["host"]:
            hosts[x["event_id"]].add(x["host"]["name"])
    rows = {row["event_id"]: row for row in shown["rows"]}
    assert [row["edition"] for row in shown["rows"]] == sorted(set(events.values())) == [8, 9, 10, 11]
    for event_id, row in rows.items():
        assert row["documents"] == len(docs[event_id])
        assert set(row["sectors"]) == sectors[event_id]
        assert 0 < row["commitments"] <= commitments[event_id] or commitments[event_id] == 0 == row["commitments"]
        assert all(0 < n <= row["commitments"] for n in row["sectors"].values())
        assert row["host"] in hosts[event_id] | {None}
    assert rows[f"{SERIES}#10"]["date"] == "2023-11-13" and rows[f"{SERIES}#10"]["status"] == "reported"

    # the PNG decodes and has a sane size
    with Image.open(png) as img:
        img.verify()
    with Image.open(png) as img:
        width, height = img.size
        assert img.format == "PNG" and 600 <= width <= 4000 and 300 <= height <= 4000
        assert len(img.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 10  # a drawing, not a blank
