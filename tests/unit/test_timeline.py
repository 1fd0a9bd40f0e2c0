"""timeline: one row per edition or year of a series (known or provisional), its formats, and its plots (a PNG
that decodes, a self-contained HTML page that carries the data)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from PIL import Image

from corridor_ie.errors import SetupError
from corridor_ie.records import ArticleRecord, CommitmentRecord, ConferenceRecord, SourceInfo
from corridor_ie.tools.consolidate import consolidate
from corridor_ie.tools.timeline import build_timeline, render_csv, render_json, render_markdown, write_plot

PROVISIONAL = "prov.test-lc-hk-talks"


def meeting(doc: str, year: int, status: str, **fields) -> list:
    """A yearly meeting of a provisional series (no edition number), reported by one article."""
    return [ArticleRecord(doc_id=doc, source=SourceInfo(path=f"{doc}.txt"), lang="vi", text=f"Bài {doc}."),
            ConferenceRecord(doc_id=doc, event_id=f"{PROVISIONAL}@{year}", series_id=PROVISIONAL,
                             series_name="Hội đàm Lào Cai – Hà Khẩu (tạm)", series_status="provisional",
                             year=year, status=status, **fields)]


def pledge(doc: str, year: int, action: str, *sectors: str) -> CommitmentRecord:
    return CommitmentRecord(doc_id=doc, event_id=f"{PROVISIONAL}@{year}", action=action, sectors=list(sectors))


RECORDS = (meeting("m24", 2024, "reported", start_date="2024-03-12", host={"id": None, "name": "Lào Cai"}) +
           [pledge("m24", 2024, "mở tuyến du lịch tự lái", "tourism"),
            pledge("m24", 2024, "đầu tư xe buýt liên vận cho khách", "tourism", "transport")] +
           meeting("m23", 2023, "reported", start_date="2023-03") +
           [pledge("m23", 2023, "tăng kim ngạch buôn bán", "trade")] +
           meeting("m25", 2025, "planned"))


@pytest.fixture(scope="module")
def timeline():
    return build_timeline(consolidate(RECORDS), "lào cai – hà khẩu")


def test_a_provisional_year_keyed_series_has_one_row_per_year_in_time_order(timeline):
    assert (timeline.series_id, timeline.series_status) == (PROVISIONAL, "provisional")
    assert [(r.key, r.year, r.status, r.date) for r in timeline.rows] == [
        ("@2023", 2023, "reported", "2023-03"), ("@2024", 2024, "reported", "2024-03-12"),
        ("@2025", 2025, "planned", "2025")]
    assert timeline.rows[1].host == "Lào Cai" and timeline.rows[1].documents == 1


def test_sectors_committed_per_year(timeline):
    assert [r.sectors for r in timeline.rows] == [{"trade": 1}, {"tourism": 2, "transport": 1}, {}]
    assert timeline.sectors == ["tourism", "trade", "transport"]  # most committed first


def test_numbered_editions_sort_by_number_and_an_undated_one_keeps_its_place():
    recs = [ConferenceRecord(doc_id=f"d{e}", event_id=f"s#{e}", series_id="s", series_name="S", edition=e,
                             status="referenced", year=y) for e, y in ((14, 2023), (13, None), (2, 2009))]
    assert [r.key for r in build_timeline(consolidate(recs), "s").rows] == ["2", "13", "14"]


def test_unknown_series_is_a_setup_error():
    with pytest.raises(SetupError, match="unknown series 'nowhere'"):
        build_timeline(consolidate(RECORDS), "nowhere")


def test_csv_markdown_json(timeline):
    rows = list(csv.DictReader(io.StringIO(render_csv(timeline))))
    assert [(r["key"], r["sectors"]) for r in rows] == [("@2023", "trade=1"), ("@2024", "tourism=2;transport=1"),
                                                         ("@2025", "")]
    md = render_markdown(timeline)
    assert "a provisional series: 3 editions or meetings" in md.splitlines()[0]
    assert "| @2024 | 2024-03-12 | reported | Lào Cai |" in md
    assert json.loads(render_json(timeline))["rows"][1]["sectors"] == {"tourism": 2, "transport": 1}


def test_png_decodes_with_a_sane_size(timeline, tmp_path):
    out = tmp_path / "plots" / "t.png"
    write_plot(timeline, out)
    with Image.open(out) as img:
        img.verify()
    with Image.open(out) as img:
        assert img.format == "PNG" and 600 <= img.size[0] <= 4000 and 300 <= img.size[1] <= 4000


def test_html_is_self_contained_and_carries_the_data(timeline, tmp_path):
    out = tmp_path / "t.html"
    write_plot(timeline, out)
    page = out.read_text(encoding="utf-8")
    (data,) = re.findall(r"<script type='application/json' id='timeline-data'>(.*?)</script>", page, re.S)
    assert json.loads(data) == json.loads(render_json(timeline))
    assert page.count("<svg") == 1 and "Lào Cai" in page
    assert not re.search(r"<script[^>]*\ssrc=|<link\b|@import|url\(\s*['\"]?http", page)


def test_html_escapes_what_the_records_say(tmp_path):
    recs = meeting("x", 2024, "reported", host={"id": None, "name": "</script><b>Lào Cai"})
    out = tmp_path / "t.html"
    write_plot(build_timeline(consolidate(recs), PROVISIONAL), out)
    page = out.read_text(encoding="utf-8")
    (data,) = re.findall(r"id='timeline-data'>(.*?)</script>", page, re.S)
    shown = page.replace(data, "")
    assert "<b>Lào Cai" not in shown and "&lt;/script&gt;&lt;b&gt;Lào Cai" in shown
    assert "</script>" not in data
    assert json.loads(data)["rows"][0]["host"] == "</script><b>Lào Cai"


def test_other_plot_suffixes_are_refused(timeline, tmp_path):
    with pytest.raises(SetupError, match=r"cannot plot to 't.pdf' \(give a .png or .html file\)"):
        write_plot(timeline, tmp_path / "t.pdf")
