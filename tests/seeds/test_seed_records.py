"""Conference and official records on the original articles (read from ../shared/seeds, never copied)."""

from __future__ import annotations

import pytest
from tests.conftest import doc_context, seed_containing

from corridor_ie.api import resources, tag_text
from corridor_ie.assemble.conference import build_conferences
from corridor_ie.assemble.official import build_officials

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def ctx():
    return resources()


def conferences(text: str, ctx, published: str | None = None):
    t = tag_text(text, published=published)
    return {r.edition: r for r in build_conferences(doc_context(t))}


def officials(text: str, ctx, published: str | None = None):
    return {r.name: r for r in build_officials(doc_context(tag_text(text, published=published)))}


def test_ninth_corridor_conference(seed_texts, ctx):
    recs = conferences(seed_containing(seed_texts, "lần thứ IX", "lần thứ VIII"), ctx)
    assert recs[9].status == "reported"
    eighth = recs[8]
    assert (eighth.status, eighth.year) == ("referenced", 2017)
    assert eighth.location is not None and eighth.location.name == "Hải Phòng"
    assert recs[9].series_id == eighth.series_id


def test_tenth_corridor_conference(seed_texts, ctx):
    recs = conferences(seed_containing(seed_texts, "lần thứ 10", "lần thứ 11", "đăng cai"), ctx)
    tenth, eleventh = recs[10], recs[11]
    assert tenth.status == "reported"
    assert tenth.host is not None and tenth.host.name == "Hà Nội"
    assert (tenth.start_date, tenth.end_date) == ("2023-11-13", "2023-11-14")
    assert eleventh.status == "planned" and eleventh.year == 2025  # "sẽ được tổ chức": was "referenced"
    assert eleventh.location is not None and eleventh.location.name == "Vân Nam"
    assert tenth.series_id == eleventh.series_id


def test_both_corridor_seeds_share_the_series(seed_texts, ctx):
    ninth = conferences(seed_containing(seed_texts, "lần thứ IX", "lần thứ VIII"), ctx)[9]
    tenth = conferences(seed_containing(seed_texts, "lần thứ 10", "lần thứ 11", "đăng cai"), ctx)[10]
    assert ninth.series_id == tenth.series_id is not None


def test_joint_committee_meeting(seed_texts, ctx):
    text = seed_containing(seed_texts, "lần thứ 14", "trực tuyến")
    r = conferences(text, ctx, published="2023-02-22")[14]
    assert (r.status, r.format, r.start_date) == ("reported", "online", "2023-02-22")
    assert r.host is not None and r.host.name == "Hà Giang"


def test_gms_forum_is_the_eighth_by_its_count(seed_texts, ctx):
    # "đã tổ chức thành công 7 kỳ": this forum is the 8th (annotations/seeds say so; it had no edition before)
    t = tag_text(seed_containing(seed_texts, "Diễn đàn Tỉnh trưởng", "6 - 7/11/2024"))
    recs = {r.event_id: r for r in build_conferences(doc_context(t))}
    forum = recs["series.gms-governors-forum#8"]
    assert recs["series.gms-summit#8"].status == "referenced"  # "trong khuôn khổ Hội nghị thượng đỉnh … lần thứ 8"
    assert forum.status == "reported" and forum.year == 2024
    assert (forum.start_date, forum.end_date) == ("2024-11-06", "2024-11-07")


def test_officials_carry_their_titles(seed_texts, ctx):
    vice = officials(seed_containing(seed_texts, "lần thứ IX", "lần thứ VIII"), ctx)
    assert any(r.title == "Phó Chủ tịch UBND tỉnh Quảng Ninh" for r in vice.values())
    jwc = officials(seed_containing(seed_texts, "lần thứ 14", "trực tuyến"), ctx, published="2023-02-22")
    apposition = [r for r in jwc.values() if r.title and r.title.startswith("Ủy viên BTV Tỉnh ủy")]
    assert len(apposition) == 1
    assert apposition[0].title.endswith("Chủ tịch Ủy ban Công tác liên hợp tỉnh Hà Giang")
    assert apposition[0].jurisdiction is not None and apposition[0].jurisdiction.name == "Hà Giang"


@pytest.mark.parametrize("needles, teaser_only", [
    (("Ý KIẾN", "lần thứ 10"), ("Kỳ họp thứ 8", "Nguyễn Quang Đức")),
    (("Tin cùng chuyên mục", "Diễn đàn Tỉnh trưởng"), ("Giàng Thị Dung", "Phùng Nam Trung")),
])
def test_no_official_from_teaser_blocks(seed_texts, ctx, needles, teaser_only):
    text = seed_containing(seed_texts, *needles)
    names = [i for i in teaser_only if i in text]
    recs = officials(text, ctx)
    for name in names:
        assert all(name not in r.name for r in recs.values())
        assert all(name not in ev.text for r in recs.values() for ev in r.evidence)


def test_evidence_points_into_the_article_text(seed_texts, ctx):
    for text in seed_texts.values():
        t = tag_text(text)
        for r in [*build_conferences(doc_context(t)), *build_officials(doc_context(t))]:
            for ev in r.evidence:
                assert t.text[ev.start:ev.end] == ev.text
