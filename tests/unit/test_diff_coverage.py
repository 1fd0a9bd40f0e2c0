"""diff, series mode, on hand-written records: what each side covers (a thin side says "not reported"),
commitments aligned by sector, object and action, editions or years on either side, provisional series,
and the terminal table (wrapped to the width, text never read as markup)."""

from __future__ import annotations

from io import StringIO

import pytest
from rich.cells import cell_len
from rich.console import Console

from corridor_ie.errors import SetupError
from corridor_ie.records import (
    ArticleRecord,
    CommitmentRecord,
    ConferenceRecord,
    OfficialRecord,
    Ref,
    SourceInfo,
)
from corridor_ie.tools.consolidate import consolidate
from corridor_ie.tools.diff import DIFF_ADAPTER, diff_series, render_json, render_markdown, render_table
from corridor_ie.tools.diff.align import THRESHOLD

SERIES = "series.test-gate-talks"
PAIR_A, PAIR_B, PAIR_C = (Ref(id=f"pair.test-{x}", name=f"Cặp cửa khẩu {x.upper()}") for x in "abc")


def event(key: str) -> str:
    return f"{SERIES}@{key[1:]}" if key.startswith("@") else f"{SERIES}#{key}"


def article(doc: str, published: str) -> ArticleRecord:
    return ArticleRecord(doc_id=doc, source=SourceInfo(path=f"{doc}.txt", url=f"https://news.test/{doc}"),
                         lang="vi", text=f"Bài {doc}.", published=published)


def conference(doc: str, key: str, status: str = "reported", **fields) -> ConferenceRecord:
    edition = None if key.startswith("@") else int(key)
    return ConferenceRecord(doc_id=doc, event_id=event(key), series_id=SERIES, series_name="Hội đàm cửa khẩu (thử)",
                            edition=edition, status=status, **fields)


def official(doc: str, key: str, name: str, pid: str | None) -> OfficialRecord:
    return OfficialRecord(doc_id=doc, event_id=event(key), name=name, person_id=pid, title="Phó Chủ tịch UBND tỉnh")


def commitment(doc: str, key: str, action: str, sectors: list[str], objects: tuple[Ref, ...] = ()) -> CommitmentRecord:
    return CommitmentRecord(doc_id=doc, event_id=event(key), action=action, sectors=sectors, objects=list(objects),
                            modality="agreed")


#: edition 9, fully reported by one article: three officials, four commitments
NINTH = [
    article("r9", "2023-05-10"), conference("r9", "9", host={"id": None, "name": "Lạng Sơn"}, year=2023,
                                            start_date="2023-05-09"),
    official("r9", "9", "Nguyễn Văn Một", "person.test-mot"), official("r9", "9", "Trần Văn Hai", "person.test-hai"),
    official("r9", "9", "Lê Thị Ba", None),
    commitment("r9", "9", "nâng cấp cặp cửa khẩu A thành cửa khẩu thông minh", ["border_management"], (PAIR_A,)),
    commitment("r9", "9", "mở rộng hợp tác trồng trọt và chăn nuôi vùng biên", ["agriculture"]),
    commitment("r9", "9", "khảo sát luồng xe hàng qua cặp cửa khẩu B", ["border_management", "logistics"], (PAIR_B,)),
    commitment("r9", "9", "phối hợp tổ chức lễ hội văn hóa biên giới", ["culture"]),
]
#: edition 10, also fully reported: one commitment carried over (reworded, same gate pair), a catch-all list
#: that names agriculture among eight sectors (new, not the agriculture one carried over), a gate-pair
#: commitment on another pair (new, not the pair-B one carried over)
TENTH = [
    article("r10", "2024-05-12"), conference("r10", "10", host={"id": None, "name": "Bằng Tường"}, year=2024),
    official("r10", "10", "Nguyễn Văn Một", "person.test-mot"),
    commitment("r10", "10", "hoàn thành nâng cấp cặp cửa khẩu A thành cửa khẩu thông minh", ["border_management"],
               (PAIR_A,)),
    commitment("r10", "10", "ưu tiên hợp tác đầu tư, thương mại, du lịch, giáo dục, y tế, văn hóa, giao thông và "
               "nông nghiệp", ["agriculture", "culture", "education", "health", "investment", "tourism", "trade",
                               "transport"]),
    commitment("r10", "10", "khảo sát luồng xe hàng qua cặp cửa khẩu C", ["border_management", "logistics"],
               (PAIR_C,)),
]
#: edition 10 seen only through a short preview: one official named, no commitments
PREVIEW = [article("p10", "2024-05-01"), conference("p10", "10", status="planned", year=2024),
           official("p10", "10", "Nguyễn Văn Một", "person.test-mot")]


def change(d, words: str):
    (hit,) = [c for c in d.commitments if words in c.action]
    return hit


@pytest.fixture(scope="module")
def full():
    return diff_series(consolidate(NINTH + TENTH), SERIES, 9, 10)


@pytest.fixture(scope="module")
def thin():
    return diff_series(consolidate(NINTH + PREVIEW), SERIES, 9, 10)


# ------------------------------------------------------------------------------------------ coverage
def test_each_side_lists_its_documents_and_what_they_cover(thin):
    assert [(d.name, d.status, d.officials, d.commitments) for d in thin.old.documents] == [
        ("https://news.test/r9", "reported", 3, 4)]
    assert [(d.name, d.status, d.officials, d.commitments) for d in thin.new.documents] == [
        ("https://news.test/p10", "planned", 1, 0)]
    assert (thin.old.coverage.officials, thin.old.coverage.commitments) == ("reported", "reported")
    assert (thin.new.coverage.officials, thin.new.coverage.commitments) == ("partial", "not_reported")


def test_a_thin_side_says_not_reported_instead_of_dropped(thin):
    assert {c.change for c in thin.commitments} == {"not_reported"}
    assert all(c.missing_on == "new" for c in thin.commitments) and len(thin.commitments) == 4
    gone = [o for o in thin.officials if o.change != "changed"]
    assert [(o.old_name, o.change, o.missing_on) for o in gone] == [("Lê Thị Ba", "not_reported", "new"),
                                                                     ("Trần Văn Hai", "not_reported", "new")]
    s = thin.summary
    assert (s.commitments_dropped, s.commitments_not_reported, s.officials_disappeared, s.officials_unchanged) == (
        0, 4, 0, 1)
    # a host the preview does not name is not a change either; nothing here is a change
    assert {f.field: f.change for f in thin.fields} == {"host": "not_reported", "start_date": "not_reported"}
    assert not thin.has_changes


def test_the_same_editions_fully_reported_do_change(full):
    s = full.summary
    assert (s.officials_disappeared, s.commitments_dropped, s.commitments_new) == (2, 3, 2) and full.has_changes


# ---------------------------------------------------------------------------------------- alignment
def test_carried_over_by_sector_object_and_action_with_its_score(full):
    gate = change(full, "cặp cửa khẩu A")
    assert gate.change == "carried_over" and gate.objects == ["Cặp cửa khẩu A"]
    assert gate.match.sectors == 1.0 and gate.match.objects == 1.0 and gate.score >= THRESHOLD
    assert gate.score == gate.match.score and full.alignment.threshold == THRESHOLD


def test_a_catch_all_list_does_not_carry_over_a_one_sector_commitment(full):
    assert change(full, "trồng trọt").change == "dropped"
    assert change(full, "ưu tiên hợp tác").change == "new"


def test_the_same_words_on_another_gate_pair_are_new_not_carried_over(full):
    assert change(full, "cặp cửa khẩu B").change == "dropped"
    assert change(full, "cặp cửa khẩu C").change == "new"


def test_disjoint_sectors_never_align_however_alike_the_words():
    recs = [conference("a", "1"), conference("b", "2"),
            commitment("a", "1", "đẩy mạnh hợp tác", ["tourism"]), commitment("b", "2", "đẩy mạnh hợp tác", ["finance"])]
    d = diff_series(consolidate(recs), SERIES, 1, 2)
    assert sorted(c.change for c in d.commitments) == ["dropped", "new"]


# ------------------------------------------------------------------------------ editions and years
YEARLY = [conference("y23", "@2023", year=2023, location={"id": None, "name": "Hà Khẩu"}),
          commitment("y23", "@2023", "mở tuyến du lịch tự lái", ["tourism"]),
          conference("y24", "@2024", year=2024, location={"id": None, "name": "Lào Cai"}),
          commitment("y24", "@2024", "mở rộng tuyến du lịch tự lái", ["tourism"])]


@pytest.mark.parametrize(("old", "new"), [("@2023", "@2024"), ("2023", "2024"), (2023, "@2024")])
def test_a_year_keyed_series_is_diffed_by_year(old, new):
    d = diff_series(consolidate(YEARLY), "cửa khẩu (thử)", old, new)
    assert (d.old.key, d.new.key, d.old.edition, d.new.year) == ("@2023", "@2024", None, 2024)
    assert [(f.field, f.old["name"], f.new["name"]) for f in d.fields] == [("location", "Hà Khẩu", "Lào Cai")]
    assert [c.change for c in d.commitments] == ["carried_over"]
    assert render_markdown(d).startswith("# Diff: Hội đàm cửa khẩu (thử) (series.test-gate-talks): year 2023 → "
                                         "year 2024")


def test_an_edition_on_one_side_and_a_year_on_the_other():
    d = diff_series(consolidate(NINTH + TENTH), SERIES, "2023", 10)
    assert (d.old.edition, d.old.year, d.new.edition) == (9, 2023, 10)


def test_a_year_naming_two_meetings_is_ambiguous_and_a_missing_one_says_what_exists():
    views = consolidate(NINTH + [conference("x", "@2023", year=2023)])
    with pytest.raises(SetupError, match=r"2023 names several meetings of series.test-gate-talks: 9, @2023"):
        diff_series(views, SERIES, "2023", 9)
    with pytest.raises(SetupError, match=r"edition 12 of series.test-gate-talks not found \(editions in the input: "
                                         r"9, @2023\)"):
        diff_series(views, SERIES, 9, 12)


def test_a_provisional_series_is_diffed_like_a_known_one():
    recs = [r.model_copy(update={"series_status": "provisional"}) if isinstance(r, ConferenceRecord) else r
            for r in NINTH + TENTH]
    d = diff_series(consolidate(recs), SERIES, 9, 10)
    assert d.series_status == "provisional" and "a provisional series" in render_markdown(d).splitlines()[0]
    known = diff_series(consolidate(NINTH + TENTH), SERIES, 9, 10)
    assert d.model_dump(exclude={"series_status"}) == known.model_dump(exclude={"series_status"})


def test_json_validates(thin):
    assert DIFF_ADAPTER.validate_json(render_json(thin)) == thin


# ------------------------------------------------------------------------------------ terminal table
@pytest.mark.parametrize("width", [80, 132])
def test_the_table_fits_the_terminal_and_prints_text_as_text(full, width):
    recs = NINTH + TENTH + [commitment("r10", "10", "thống nhất [bold]lộ trình[/bold] [link=x]mới[/link]",
                                       ["transport"])]
    out = StringIO()
    render_table(diff_series(consolidate(recs), SERIES, 9, 10), Console(file=out, width=width))
    text = out.getvalue()
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "[bold]lộ" in text and "[link=x]mới[/link]" in text.replace("\n", "")
    assert len(text.splitlines()) < 200
