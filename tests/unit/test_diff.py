"""diff: editions of a series (fields, officials, commitments) and two extractor runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor_ie.errors import SetupError
from corridor_ie.records import CommitmentRecord, ConferenceRecord, OfficialRecord
from corridor_ie.tools.consolidate import consolidate, consolidate_files
from corridor_ie.tools.diff import (
    DIFF_ADAPTER,
    RunsDiff,
    SeriesDiff,
    diff_runs,
    diff_series,
    render_json,
    render_markdown,
    run_diff,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
EDITIONS = FIXTURES / "editions.jsonl"
RUN_OLD, RUN_NEW = FIXTURES / "run_old.jsonl", FIXTURES / "run_new.jsonl"
SERIES = "series.test-border-secretaries"


@pytest.fixture(scope="module")
def series_diff() -> SeriesDiff:
    return diff_series(consolidate_files([EDITIONS]), SERIES, 9, 10)


@pytest.fixture(scope="module")
def runs_diff() -> RunsDiff:
    return diff_runs(RUN_OLD, RUN_NEW)


def official(d: SeriesDiff, name: str):
    (hit,) = [o for o in d.officials if name in (o.old_name, o.new_name)]
    return hit


def commitment(d: SeriesDiff, words: str):
    (hit,) = [c for c in d.commitments if words in c.action]
    return hit


# ----------------------------------------------------------------------------------------- editions
def test_conference_fields_changed(series_diff):
    fields = {f.field: f for f in series_diff.fields}
    assert sorted(fields) == ["end_date", "host", "location", "start_date", "topics"]
    assert fields["host"].old["name"] == "Lào Cai" and fields["host"].new["name"] == "Quảng Tây"
    assert (fields["start_date"].old, fields["start_date"].new) == ("2023-11-13", "2024-11-13")
    assert fields["topics"].added == ["logistics"] and fields["topics"].removed == []
    # members and format are the same in both editions: not reported
    assert "members" not in fields and "format" not in fields


def test_set_field_added_and_removed():
    recs = [ConferenceRecord(doc_id=f"d{e}", event_id=f"e{e}", series_id="s", series_name="S", edition=e,
                             status="reported", members=m, format=f)
            for e, m, f in [(1, [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "online"),
                            (2, [{"id": "b", "name": "B"}, {"id": "c", "name": "C"}], "hybrid")]]
    d = diff_series(consolidate(recs), "s", 1, 2)
    fields = {f.field: f for f in d.fields}
    assert [m["name"] for m in fields["members"].added] == ["C"]
    assert [m["name"] for m in fields["members"].removed] == ["A"]
    assert (fields["format"].old, fields["format"].new) == ("online", "hybrid")


def test_official_appeared_and_disappeared(series_diff):
    assert official(series_diff, "Lê Quốc Cường").change == "appeared"
    assert official(series_diff, "Hoàng Văn Dũng").change == "appeared"  # matched by name: no person_id
    gone = official(series_diff, "Trần Thị Bình")
    assert gone.change == "disappeared" and gone.old_title == "Chủ tịch UBND tỉnh Hà Giang"


def test_official_title_changed(series_diff):
    an = official(series_diff, "Nguyễn Văn An")
    assert an.change == "changed" and an.notes == ["title changed"]
    assert (an.old_title, an.new_title) == ("Phó Chủ tịch UBND tỉnh Lào Cai", "Chủ tịch UBND tỉnh Lào Cai")


def test_renamed_person_same_id_is_the_same_person(series_diff):
    luu = official(series_diff, "Lưu Minh")
    assert luu.change == "changed" and luu.person_id == "person.test-luu-minh"
    assert (luu.old_name, luu.new_name) == ("Liu Ming", "Lưu Minh") and luu.notes == ["name changed"]
    assert not [o for o in series_diff.officials if o.person_id == "person.test-luu-minh" and o.change != "changed"]


def test_officials_matched_by_name_without_id():
    recs = [ConferenceRecord(doc_id=f"d{e}", event_id=f"e{e}", series_id="s", series_name=None, edition=e,
                             status="reported") for e in (1, 2)]
    recs += [OfficialRecord(doc_id="d1", name="Hoàng Văn Dũng", person_id=None, title="Giám đốc Sở", event_id="e1"),
             OfficialRecord(doc_id="d2", name="Hoàng Văn Dũng", person_id=None, title="Giám đốc Sở", event_id="e2")]
    d = diff_series(consolidate(recs), "s", 1, 2)
    assert d.officials == [] and d.summary.officials_unchanged == 1 and not d.has_changes


def test_commitment_new_carried_over_dropped(series_diff):
    assert commitment(series_diff, "trung tâm logistics").change == "new"
    assert commitment(series_diff, "thông quan hàng nông sản").change == "new"
    carried = commitment(series_diff, "thương mại nông sản")
    assert carried.change == "carried_over" and carried.score is not None
    assert carried.old_evidence == ["Hai bên thống nhất tăng cường hợp tác thương mại nông sản."]
    assert carried.new_evidence == ["tăng cường hợp tác thương mại nông sản, thủy sản"]
    dropped = commitment(series_diff, "đường sắt")
    assert dropped.change == "dropped" and dropped.new_evidence == [] and dropped.old_evidence


def test_commitment_deadline_moved(series_diff):
    gate = commitment(series_diff, "Kim Thành")
    assert gate.change == "changed" and gate.notes == ["deadline moved"]
    assert (gate.old_deadline, gate.new_deadline) == ("2024", "2025")
    assert gate.old_evidence == [
        "Hai bên thống nhất nâng cấp cặp cửa khẩu Kim Thành – Hà Khẩu thành cửa khẩu thông minh trong năm 2024."]
    assert len(gate.new_evidence) == 2  # b1 and b2 say the same thing once; b3 words it differently


def test_commitment_modality_changed(series_diff):
    tourism = commitment(series_diff, "du lịch")
    assert tourism.change == "changed" and tourism.notes == ["modality changed"]
    assert (tourism.old_modality, tourism.new_modality) == ("proposed", "agreed")
    assert tourism.old_evidence == ["Phía Việt Nam đề xuất đẩy mạnh hợp tác du lịch biên giới."]


def test_commitments_with_disjoint_sectors_do_not_match():
    recs = [ConferenceRecord(doc_id=f"d{e}", event_id=f"e{e}", series_id="s", series_name=None, edition=e,
                             status="reported") for e in (1, 2)]
    recs += [CommitmentRecord(doc_id="d1", event_id="e1", action="đẩy mạnh hợp tác", sectors=["tourism"]),
             CommitmentRecord(doc_id="d2", event_id="e2", action="đẩy mạnh hợp tác", sectors=["finance"])]
    d = diff_series(consolidate(recs), "s", 1, 2)
    assert sorted(c.change for c in d.commitments) == ["dropped", "new"]


def test_summary_counts(series_diff):
    s = series_diff.summary
    assert (s.fields_changed, s.officials_appeared, s.officials_disappeared, s.officials_changed) == (4, 2, 1, 2)
    # edition 9's reports give no end date: not reported, not a change
    assert s.fields_not_reported == 1 and {f.field: f.change for f in series_diff.fields}["end_date"] == "not_reported"
    assert (s.commitments_new, s.commitments_changed, s.commitments_carried_over, s.commitments_dropped) == (
        2, 2, 1, 1)
    assert series_diff.has_changes


def test_series_by_name_substring_and_errors():
    views = consolidate_files([EDITIONS])
    assert diff_series(views, "bốn tỉnh biên giới", 9, 10).series_id == SERIES
    with pytest.raises(SetupError, match="unknown series 'Quảng Ninh'"):
        diff_series(views, "Quảng Ninh", 9, 10)
    with pytest.raises(SetupError, match=r"edition 11 of series.test-border-secretaries not found .*9, 10"):
        diff_series(views, SERIES, 9, 11)


def test_ambiguous_series():
    recs = [ConferenceRecord(doc_id="d", event_id=f"e{i}", series_id=f"s{i}", series_name=f"Hội nghị {i}",
                             edition=1, status="reported") for i in (1, 2)]
    with pytest.raises(SetupError, match="ambiguous: s1, s2"):
        diff_series(consolidate(recs), "hội nghị", 1, 1)


# --------------------------------------------------------------------------------------------- runs
def test_runs_entities(runs_diff):
    (r1,) = [d for d in runs_diff.documents if d.doc_id == "r1"]
    assert r1.change == "changed"
    changes = {(e.label, e.text): e for e in r1.entities}
    assert changes[("BORDER_GATE_PAIR", "Hữu Nghị – Hữu Nghị Quan")].change == "added"
    place = changes[("PLACE", "Sùng Tả")]
    assert place.change == "changed" and [(f.field, f.old, f.new) for f in place.fields] == [
        ("id", None, "cn.chongzuo")]


def test_runs_records(runs_diff):
    (r1,) = [d for d in runs_diff.documents if d.doc_id == "r1"]
    got = {(r.record_type, r.change): r for r in r1.records}
    person = got[("official", "changed")]  # a key change (person_id null -> id) is a change, not remove + add
    assert person.key == "person.test-pham-hong-nam@-"
    assert [(f.field, f.old, f.new) for f in person.fields] == [("person_id", None, "person.test-pham-hong-nam")]
    assert got[("commitment", "removed")].key == "kéo dài thời gian thông quan@-"
    assert [f.field for f in got[("commitment", "changed")].fields] == ["actors"]


def test_runs_documents_added_removed_unchanged(runs_diff):
    assert [(d.doc_id, d.change) for d in runs_diff.documents] == [("r1", "changed"), ("r3", "removed"),
                                                                   ("r4", "added")]
    s = runs_diff.summary
    assert (s.documents_added, s.documents_removed, s.documents_changed, s.documents_unchanged) == (1, 1, 1, 1)
    assert runs_diff.has_changes


def test_runs_identical_files_have_no_changes():
    d = diff_runs(RUN_OLD, RUN_OLD)
    assert d.documents == [] and not d.has_changes and d.summary.documents_unchanged == 3


def test_run_diff_argument_errors(tmp_path):
    with pytest.raises(SetupError, match="expected OLD.jsonl NEW.jsonl, got 3 files"):
        run_diff([RUN_OLD, RUN_NEW, EDITIONS])
    with pytest.raises(SetupError, match="--series needs --from and --to"):
        run_diff([EDITIONS], series=SERIES, old_edition=9)
    with pytest.raises(SetupError, match="no such file"):
        run_diff([RUN_OLD, tmp_path / "none.jsonl"])


# ------------------------------------------------------------------------------------------- formats
@pytest.mark.parametrize("which", ["series", "runs"])
def test_json_parses_and_validates(which, series_diff, runs_diff):
    report = series_diff if which == "series" else runs_diff
    text = render_json(report)
    data = json.loads(text)
    assert list(data)[:2] == ["mode", "schema_version"] and data["mode"] == which
    assert DIFF_ADAPTER.validate_python(data) == report
    assert "Lào Cai" in text or which == "runs"  # UTF-8, not escaped


def test_json_is_deterministic():
    a = render_json(diff_series(consolidate_files([EDITIONS]), SERIES, 9, 10))
    b = render_json(diff_series(consolidate_files([EDITIONS]), SERIES, 9, 10))
    assert a == b


def test_markdown_series(series_diff):
    md = render_markdown(series_diff)
    assert md.startswith("# Diff: Hội nghị thường niên")
    for heading in ("## Coverage", "## Conference fields", "## Officials", "## Commitments", "### Carried over (1)",
                    "### Dropped (1)"):
        assert heading in md
    assert "**old: edition 9** (reported; officials reported, commitments reported)" in md
    assert "- b3.txt — reported, 2024-11-14: 2 officials, 3 commitments" in md
    assert "| host | Lào Cai | Quảng Tây | changed |" in md
    assert "| changed | person.test-luu-minh | Liu Ming, " in md and "name changed" in md
    assert "> “Phía Việt Nam đề xuất đẩy mạnh hợp tác du lịch biên giới.”" in md
    assert "aligned when their score is at least 0.50" in md
    assert md.rstrip().splitlines()[-1].startswith("**Summary:** fields changed 4")


def test_markdown_runs(runs_diff):
    md = render_markdown(runs_diff)
    assert "## Documents" in md and "| r3 | document | removed | records: 1 |" in md
    assert render_markdown(diff_runs(RUN_OLD, RUN_OLD)).rstrip().endswith("No differences.")


def test_markdown_cells_escape_pipes_and_newlines():
    from corridor_ie.tools.diff.render.markdown import _md_cell

    assert _md_cell("a | b\nc") == "a \\| b c"
