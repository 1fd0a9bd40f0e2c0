"""consolidate: one event view per edition, conflicts shown, syndicated copies linked and counted once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor_ie.errors import SetupError
from corridor_ie.output import JsonlWriter
from corridor_ie.records import RECORD_ADAPTER, ArticleRecord, ConferenceRecord, SourceInfo
from corridor_ie.tools.consolidate import EventView, consolidate, consolidate_files
from corridor_ie.tools.consolidate import read_views as read_records
from corridor_ie.tools.consolidate.duplicates import duplicate_groups, minhash, shingles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
EDITIONS = FIXTURES / "editions.jsonl"
SERIES = "series.test-border-secretaries"


@pytest.fixture(scope="module")
def views() -> dict[int, EventView]:
    return {v.edition: v for v in consolidate_files([EDITIONS])}


def values(field) -> list[tuple[object, list[str], int]]:
    return [(v.value, v.documents, v.support) for v in field]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.jsonl")))
def test_fixtures_are_valid_records_with_true_offsets(name):
    texts: dict[str, str] = {}
    records = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        r = RECORD_ADAPTER.validate_python(json.loads(line))
        records.append(r)
        if r.record_type == "article":
            texts[r.doc_id] = r.text
    for r in records:
        spans = r.entities if r.record_type == "article" else r.evidence
        for s in spans:
            assert texts[r.doc_id][s.start : s.end] == s.text


def test_one_view_per_edition_sorted(views):
    assert sorted(views) == [9, 10]
    ten = views[10]
    assert ten.record_type == "event" and ten.series_id == SERIES
    assert ten.event_id == f"{SERIES}#10"
    assert ten.reported_in == ["b1", "b2", "b3"]
    # edition 9 is reported by a9 and only referenced by b1/b2
    assert views[9].reported_in == ["a9"] and views[9].referenced_in == ["b1", "b2"]


def test_conflicts_are_shown_not_hidden(views):
    ten = views[10]
    attendance = [(v.value["text"], v.documents) for v in ten.attendance]
    assert attendance == [("hơn 200 đại biểu", ["b1", "b2"]), ("hơn 250 đại biểu", ["b3"])]
    assert values(ten.start_date) == [("2024-11-13", ["b1", "b2", "b3"], 2)]
    assert values(ten.end_date) == [("2024-11-14", ["b3"], 1)]


def test_referenced_edition_contributes_its_facts(views):
    # a9 reports Lào Cai; b1 and b2 (one syndicated story) refer back to it: two independent supporters
    assert values(views[9].location) == [({"id": "vn.lao-cai", "name": "Lào Cai"}, ["a9", "b1", "b2"], 2)]


def test_near_duplicates_linked_and_counted_once(views):
    ten = views[10]
    assert [d.model_dump() for d in ten.duplicates] == [{"doc_id": "b2", "duplicate_of": "b1"}]
    assert values(ten.format) == [("in_person", ["b1", "b2"], 1)]
    assert [(v.value["name"], v.support) for v in ten.members][:1] == [("Quảng Tây", 2)]


def _article(doc: str, text: str) -> ArticleRecord:
    return ArticleRecord(doc_id=doc, source=SourceInfo(path=f"{doc}.txt"), lang="vi", text=text)


def _conf(doc: str, date: str) -> ConferenceRecord:
    return ConferenceRecord(doc_id=doc, event_id="e", series_id="s", series_name="S", edition=3,
                            status="reported", start_date=date)


STORY = " ".join(f"Câu thứ {i} của bản tin về hội nghị hợp tác biên giới tại Lào Cai." for i in range(30))


def test_syndicated_ten_times_counts_once():
    records = [_article("orig", STORY), _conf("orig", "2024-11-13")]
    for i in range(10):  # ten copies with small edits (a byline, one changed word)
        text = STORY.replace("Câu thứ 3 ", "Đoạn số 3 ") + f" Nguồn: báo số {i}."
        records += [_article(f"copy{i}", text), _conf(f"copy{i}", "2024-11-13")]
    records += [_article("other", "Một phóng viên khác viết về hội nghị này theo cách riêng."),
                _conf("other", "2024-11-13")]
    (view,) = consolidate(records)
    (date,) = view.start_date
    assert len(date.documents) == 12 and date.support == 2
    assert {d.duplicate_of for d in view.duplicates} == {"copy0"}
    assert len(view.duplicates) == 10  # the earliest doc_id in sorted order represents the group


def test_duplicate_groups_deterministic_and_not_over_eager():
    hashes = {d: minhash(t) for d, t in [("z", STORY), ("y", STORY + " Ảnh: TTXVN"),
                                         ("x", STORY[: len(STORY) // 2])]}
    groups = duplicate_groups(hashes)
    assert groups == duplicate_groups(dict(reversed(list(hashes.items()))))
    assert groups["z"] == groups["y"] == "y" and groups["x"] == "x"


def test_shingles_are_five_words():
    assert shingles("một hai ba bốn năm sáu bảy") == {"một hai ba bốn năm", "hai ba bốn năm sáu",
                                                        "ba bốn năm sáu bảy"}
    assert shingles("") == set() and minhash("") is None


def test_officials_grouped_by_person_id_else_name(views):
    ten = {(o.person_id, o.name): o for o in views[10].officials}
    an = ten[("person.test-nguyen-van-an", "Nguyễn Văn An")]
    assert an.documents == ["b1", "b2", "b3"] and an.support == 2
    assert [t.value for t in an.titles] == ["Chủ tịch UBND tỉnh Lào Cai"]
    dung = ten[(None, "Hoàng Văn Dũng")]  # no person_id: grouped by name
    assert dung.documents == ["b1", "b2"] and dung.support == 1


def test_name_only_mention_joins_the_identified_person():
    from corridor_ie.records import OfficialRecord

    recs = [OfficialRecord(doc_id="d1", name="Lưu Minh", person_id="p.luu", title="Phó Chủ tịch", event_id="e"),
            OfficialRecord(doc_id="d2", name="lưu minh", person_id=None, title="Chủ tịch", event_id="e"),
            OfficialRecord(doc_id="d3", name="Liu Ming", person_id="p.luu", event_id="e"),
            _conf("d1", "2024-01-01")]
    (view,) = consolidate(recs)
    (person,) = view.officials
    assert person.person_id == "p.luu" and person.documents == ["d1", "d2", "d3"]
    assert sorted(n.value for n in person.names) == ["Liu Ming", "Lưu Minh"]  # "lưu minh" folds into Lưu Minh
    assert sorted(t.value for t in person.titles) == ["Chủ tịch", "Phó Chủ tịch"]


def test_commitments_grouped_by_fuzzy_action(views):
    gate = next(c for c in views[10].commitments if "Kim Thành" in c.action)
    assert [a.value for a in gate.actions] == [
        "nâng cấp cặp cửa khẩu Kim Thành – Hà Khẩu thành cửa khẩu thông minh",
        "nâng cấp cửa khẩu Kim Thành – Hà Khẩu thành cửa khẩu thông minh"]
    assert gate.documents == ["b1", "b2", "b3"] and gate.support == 2
    assert values(gate.deadline) == [("2025", ["b1", "b2", "b3"], 2)]
    assert {e.doc_id for e in gate.evidence} == {"b1", "b2", "b3"}
    assert len(views[10].commitments) == 5


def test_output_is_deterministic_and_round_trips(tmp_path):
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (out1, out2):
        with JsonlWriter(out) as w:
            w.write_batch(consolidate_files([EDITIONS]))
    assert out1.read_bytes() == out2.read_bytes()
    first = out1.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith('{"record_type":"event","schema_version"')
    # an events file read back gives the same views
    assert consolidate_files([out1]) == consolidate_files([EDITIONS])


def test_bad_input_is_a_setup_error(tmp_path):
    with pytest.raises(SetupError, match="no such file"):
        list(read_records([tmp_path / "missing.jsonl"]))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"record_type":"conference","doc_id":"d"}\n', encoding="utf-8")
    with pytest.raises(SetupError, match=r"bad.jsonl:1: invalid conference record"):
        list(read_records([bad]))
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(SetupError, match="not a JSON line"):
        list(read_records([bad]))
