"""consolidate: one event view per edition, a chosen value per field with its alternatives, documents named
by URL or path, syndicated copies linked and counted once, records staged on disk."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from corridor_ie.errors import SetupError
from corridor_ie.output import JsonlWriter
from corridor_ie.records import (
    RECORD_ADAPTER,
    ArticleRecord,
    CommitmentRecord,
    ConferenceRecord,
    OfficialRecord,
    SourceInfo,
)
from corridor_ie.tools.consolidate import EventView, RecordStore, consolidate, consolidate_files, iter_views
from corridor_ie.tools.consolidate import read_views as read_records
from corridor_ie.tools.consolidate.duplicates import duplicate_groups, minhash, shingles
from corridor_ie.tools.read import SchemaVersionWarning

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
EDITIONS = FIXTURES / "editions.jsonl"
SERIES = "series.test-border-secretaries"


@pytest.fixture(scope="module")
def views() -> dict[int, EventView]:
    return {v.edition: v for v in consolidate_files([EDITIONS])}


def chosen(field) -> tuple[object, list[str], int]:
    return field.value, field.documents, field.support


def alternatives(field) -> list[tuple[object, list[str], int]]:
    return [(v.value, v.documents, v.support) for v in field.alternatives]


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


def test_one_view_per_edition_sorted_documents_named_by_path(views):
    assert sorted(views) == [9, 10]
    ten = views[10]
    assert ten.record_type == "event" and ten.series_id == SERIES and ten.series_status == "known"
    assert ten.event_id == f"{SERIES}#10" and ten.status == "reported" and ten.year == 2024
    assert ten.reported_in == ["b1.txt", "b2.txt", "b3.txt"]
    # edition 9 is reported by a9 and only referenced by b1/b2
    assert views[9].reported_in == ["a9.txt"] and views[9].referenced_in == ["b1.txt", "b2.txt"]
    assert [(s.name, s.doc_id, s.published) for s in ten.sources][:1] == [("b1.txt", "b1", "2024-11-14")]


def test_one_chosen_value_and_the_alternatives(views):
    ten = views[10]
    (attendance,) = ten.attendance  # one unit: đại biểu
    # b1+b2 (one syndicated story) and b3 each support one figure: a tie, broken by the value's text
    assert chosen(attendance)[0]["text"] == "hơn 200 đại biểu" and chosen(attendance)[1:] == (["b1.txt", "b2.txt"], 1)
    assert [(v["text"], d) for v, d, _ in alternatives(attendance)] == [("hơn 250 đại biểu", ["b3.txt"])]
    assert chosen(ten.start_date) == ("2024-11-13", ["b1.txt", "b2.txt", "b3.txt"], 2)
    assert alternatives(ten.start_date) == []
    assert chosen(ten.end_date) == ("2024-11-14", ["b3.txt"], 1)
    assert ten.host.value == {"id": "cn.guangxi", "name": "Quảng Tây"}


def test_referenced_edition_contributes_its_facts(views):
    # a9 reports Lào Cai; b1 and b2 (one syndicated story) refer back to it: two independent supporters
    assert chosen(views[9].location) == ({"id": "vn.lao-cai", "name": "Lào Cai"}, ["a9.txt", "b1.txt", "b2.txt"], 2)


def test_near_duplicates_linked_and_counted_once(views):
    ten = views[10]
    assert [(s.name, s.duplicate_of) for s in ten.sources] == [("b1.txt", None), ("b2.txt", "b1.txt"),
                                                               ("b3.txt", None)]
    assert chosen(ten.format) == ("in_person", ["b1.txt", "b2.txt"], 1)
    assert [(v.value["name"], v.support) for v in ten.members][:1] == [("Quảng Tây", 2)]


def _on(day: str, doc: str, published: str | None = None, url: str | None = None, **fields) -> list:
    """An article (so the document has a name and a date) and its conference record of event e."""
    article = ArticleRecord(doc_id=doc, source=SourceInfo(path=f"{doc}.txt", url=url), lang="vi",
                            text=f"Bài {doc} về hội nghị.", published=published)
    return [article, ConferenceRecord(doc_id=doc, event_id="e", series_id="s", series_name="S", edition=3,
                                      status="reported", start_date=day, **fields)]


def test_ties_go_to_the_more_specific_value():
    (view,) = consolidate(_on("2024-11", "a", "2024-11-20") + _on("2024-11-13", "b", "2024-11-13"))
    assert chosen(view.start_date) == ("2024-11-13", ["b.txt"], 1)
    assert alternatives(view.start_date) == [("2024-11", ["a.txt"], 1)]


def test_then_to_the_more_recent_source_and_urls_name_documents():
    recs = (_on("2024-11-12", "a", "2024-11-12", url="https://a.vn/1") +
            _on("2024-11-13", "b", "2024-11-15", url="https://b.vn/2"))
    (view,) = consolidate(recs)
    assert chosen(view.start_date) == ("2024-11-13", ["https://b.vn/2"], 1)
    assert view.reported_in == ["https://a.vn/1", "https://b.vn/2"]


def test_support_beats_specificity_and_recency():
    recs = _on("2024-11", "a", "2024-01-01") + _on("2024-11", "c", "2024-01-01") + _on("2024-11-13", "b", "2025-01-01")
    (view,) = consolidate(recs)
    assert chosen(view.start_date)[:2] == ("2024-11", ["a.txt", "c.txt"])


def test_provisional_year_keyed_and_planned_events_consolidate_like_the_others():
    recs = [ConferenceRecord(doc_id=d, event_id="prov.meeting-lc-yn@2025", series_id="prov.meeting-lc-yn",
                             series_name="Hội đàm Lào Cai – Vân Nam", series_status="provisional", year=2025,
                             status=st, start_date=day)
            for d, st, day in [("p1", "planned", "2025-03"), ("p2", "reported", "2025-03-27")]]
    recs.append(CommitmentRecord(doc_id="p2", event_id="prov.meeting-lc-yn@2025", action="mở tuyến xe khách",
                                 sectors=["transport"]))
    (view,) = consolidate(recs)
    assert (view.series_status, view.edition, view.year, view.status) == ("provisional", None, 2025, "reported")
    assert view.planned_in == ["p1"] and view.reported_in == ["p2"]
    assert chosen(view.start_date)[0] == "2025-03-27" and [c.action.value for c in view.commitments] == [
        "mở tuyến xe khách"]


def test_an_unknown_schema_version_warns_once_and_still_reads(tmp_path):
    lines = EDITIONS.read_text(encoding="utf-8").splitlines()
    newer = [json.loads(x) | {"schema_version": "2.0", "added_in_2": True} for x in lines]
    path = tmp_path / "newer.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in newer), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = consolidate_files([path])
    messages = [str(w.message) for w in caught if issubclass(w.category, SchemaVersionWarning)]
    assert len(messages) == 1 and f"{path}:1: schema_version '2.0'" in messages[0]
    assert [v.model_dump(exclude={"schema_version"}) for v in got] == [
        v.model_dump(exclude={"schema_version"}) for v in consolidate_files([EDITIONS])]


def test_views_stream_from_a_kept_store(tmp_path):
    store = tmp_path / "work.duckdb"
    stream = iter_views([EDITIONS], store_path=store)
    first = next(stream)  # one event at a time
    assert first.edition == 9 and store.exists()
    assert [first, *stream] == consolidate_files([EDITIONS])
    with RecordStore() as s:
        s.load([EDITIONS])
        assert [v.edition for v in s.views(SERIES)] == [9, 10] and list(s.views("series.none")) == []
        assert s.series() == [(SERIES, "Hội nghị thường niên Bí thư Tỉnh ủy bốn tỉnh biên giới (thử nghiệm)")]


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
    assert len(view.start_date.documents) == 12 and view.start_date.support == 2
    copies = [s for s in view.sources if s.duplicate_of]
    assert {s.duplicate_of for s in copies} == {"copy0.txt"}
    assert len(copies) == 10  # the earliest doc_id in sorted order represents the group


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
    ten = {(o.person_id, o.name.value): o for o in views[10].officials}
    an = ten[("person.test-nguyen-van-an", "Nguyễn Văn An")]
    assert an.documents == ["b1.txt", "b2.txt", "b3.txt"] and an.support == 2
    assert an.title.value == "Chủ tịch UBND tỉnh Lào Cai" and an.title.alternatives == []
    dung = ten[(None, "Hoàng Văn Dũng")]  # no person_id: grouped by name
    assert dung.documents == ["b1.txt", "b2.txt"] and dung.support == 1


def test_name_only_mention_joins_the_identified_person():
    recs = [OfficialRecord(doc_id="d1", name="Lưu Minh", person_id="p.luu", title="Phó Chủ tịch", event_id="e"),
            OfficialRecord(doc_id="d2", name="lưu minh", person_id=None, title="Chủ tịch", event_id="e"),
            OfficialRecord(doc_id="d3", name="Liu Ming", person_id="p.luu", event_id="e"),
            _conf("d1", "2024-01-01")]
    (view,) = consolidate(recs)
    (person,) = view.officials
    assert person.person_id == "p.luu" and person.documents == ["d1", "d2", "d3"]
    names = [person.name.value, *(a.value for a in person.name.alternatives)]
    assert sorted(names) == ["Liu Ming", "Lưu Minh"]  # "lưu minh" folds into Lưu Minh
    # a tie of support: the longer (more specific) title is chosen, the other kept
    assert (person.title.value, alternatives(person.title)) == ("Phó Chủ tịch", [("Chủ tịch", ["d2"], 1)])


def test_commitments_grouped_by_fuzzy_action(views):
    gate = next(c for c in views[10].commitments if "Kim Thành" in c.action.value)
    assert gate.action.value == "nâng cấp cặp cửa khẩu Kim Thành – Hà Khẩu thành cửa khẩu thông minh"
    assert [a.value for a in gate.action.alternatives] == [
        "nâng cấp cửa khẩu Kim Thành – Hà Khẩu thành cửa khẩu thông minh"]
    assert gate.documents == ["b1.txt", "b2.txt", "b3.txt"] and gate.support == 2
    assert chosen(gate.deadline) == ("2025", ["b1.txt", "b2.txt", "b3.txt"], 2)
    assert {e.document for e in gate.evidence} == {"b1.txt", "b2.txt", "b3.txt"}
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
