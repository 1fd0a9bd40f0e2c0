"""Conference mentions, series resolution and event passages (assemble/mentions.py, series.py, events.py)
on sentences written for the test."""

from __future__ import annotations

import pytest
from tests.conftest import doc_context, language

from corridor_ie.api import resources, tag_text
from corridor_ie.assemble.commitment import build_commitments
from corridor_ie.assemble.mentions import find_mentions
from corridor_ie.assemble.series import normalise_participants, provisional_id
from corridor_ie.assemble.stage import records_table, series_index


@pytest.fixture(scope="module")
def res():
    return resources()


@pytest.fixture(scope="module")
def index(res):
    return series_index(res.gazetteer, list(res.languages), records_table())


def mentions(text: str, lang: str = "vi"):
    t = tag_text(text, lang=lang)
    return t, [m for m in find_mentions(t, language(lang).events, records_table()) if m.has_head]


def test_provisional_id_is_sorted_and_drops_a_country_with_a_place_inside_it(res):
    ids = normalise_participants(["country.vn", "vn.prov.lao-cai", "cn.prov.yunnan", "org.ubnd"], res.gazetteer)
    assert ids == ("cn.prov.yunnan", "vn.prov.lao-cai")  # Việt Nam is said by Lào Cai; UBND is no side
    assert provisional_id("forum", ids) == "series.prov.forum.cn.prov.yunnan+vn.prov.lao-cai"
    assert normalise_participants(["country.vn", "cn.prov.yunnan"], res.gazetteer) == ("cn.prov.yunnan", "country.vn")


@pytest.mark.parametrize(("mechanisms", "participants", "series"), [
    (("joint-working-group",), ("cn.prov.yunnan", "vn.prov.lao-cai"), None),  # not the Guangxi committee
    (("joint-working-group",), ("cn.prov.guangxi", "vn.prov.lang-son", "vn.prov.cao-bang", "vn.prov.quang-ninh"),
     "series.joint-working-committee"),  # a mistranslated name: the members say which body it is
    (("party-secretaries-meeting",), (), "series.northwest-secretaries"),  # the body alone names it
    (("annual-meeting", "conference"), ("cn.prov.yunnan", "vn.prov.lao-cai", "vn.prov.ha-giang", "vn.prov.lai-chau"),
     "series.northwest-secretaries"),
    (("forum",), (), None),  # a kind of event with no member named: no series of the gazetteer
    (("conference",), ("cn.prov.guangxi", "vn.prov.lang-son"), None),  # a bare head noun never links
    (("joint-committee",), (), None),  # the committee is mostly named otherwise: not by this alone
])
def test_known_series_by_mechanism_and_members(index, res, mechanisms, participants, series):
    assert index.resolve(mechanisms, participants, res.gazetteer) == series


def test_caption_lines_and_domestic_meetings():
    _, ms = mentions("Quang cảnh Phiên họp thứ 4 Nhóm công tác liên hợp tỉnh Lai Châu và tỉnh Vân Nam. (Ảnh: TL)\n"
                     "Sáng 6/12, HĐND tỉnh Lai Châu khóa XV tổ chức Kỳ họp thứ 20.")
    assert [(m.edition, m.domestic) for m in ms] == [(20, True)]


def test_a_visit_count_is_no_mention():
    _, ms = mentions("Đây là lần thứ 3 Chủ tịch tỉnh Lai Châu đến thăm tỉnh Vân Nam (Trung Quốc).")
    assert ms == []


def test_mechanism_of_the_name_and_its_participants():
    t, ms = mentions("老街省与云南省联合工作组第三次会议于8月5日在昆明举行。", lang="zh")
    (m,) = ms
    assert (m.edition, m.mechanism, m.cue) == (3, "joint-working-group", "happened")
    assert set(m.participants) == {"cn.prov.yunnan", "vn.prov.lao-cai"}
    assert t.text[m.start:m.end] == "老街省与云南省联合工作组第三次会议"


def test_frame_and_joined_names_share_cues():
    _, ms = mentions("Lễ hội biên giới Lào Cai - Hà Khẩu năm 2026 và Diễn đàn thương mại tỉnh Lào Cai và châu Hồng Hà "
                     "lần thứ 4 đã khai mạc sáng 3/5/2026.")
    assert [(m.edition, m.year, m.cue) for m in ms] == [(None, 2026, "happened"), (4, None, "happened")]


def test_commitments_belong_to_the_event_of_their_passage(res):
    t = tag_text("Sáng 5/3/2026, Phiên họp thứ 6 Nhóm công tác liên hợp tỉnh Lai Châu và tỉnh Vân Nam đã diễn ra. "
                 "Hai bên thống nhất đẩy mạnh hợp tác thương mại biên giới. "
                 "Chiều cùng ngày, Chủ tịch UBND tỉnh Lai Châu hội đàm với lãnh đạo châu Hồng Hà. "
                 "Hai bên nhất trí nâng cấp cặp cửa khẩu Ma Lù Thàng.")
    recs = build_commitments(doc_context(t, res))
    events = {r.action.split()[0]: r.event_id for r in recs}
    assert events["đẩy"] == "series.prov.joint-working-group.cn.prov.yunnan+vn.prov.lai-chau#6"
    assert events["nâng"] is None  # said during separate talks, not at the session
