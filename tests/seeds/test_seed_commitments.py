"""On the original articles: the signed minutes' list and the Lào Cai chair's proposals become commitments."""

from __future__ import annotations

import pytest
from tests.conftest import doc_context, seed_containing

from corridor_ie.api import tag_text
from corridor_ie.assemble.commitment import build_commitments

pytestmark = pytest.mark.seeds


def commitments(text: str):
    t = tag_text(text)
    recs = build_commitments(doc_context(t))
    for r in recs:
        for ev in r.evidence:
            assert t.text[ev.start:ev.end] == ev.text
    return recs


def one(recs, *needles):
    hits = [r for r in recs if all(n in r.action for n in needles)]
    assert len(hits) == 1, (needles, [r.action for r in recs])
    return hits[0]


def test_signed_minutes_list_gives_one_agreed_record_per_item(seed_texts):
    recs = commitments(seed_containing(seed_texts, "lần thứ IX", "gồm:"))
    expected = {
        "giao lưu hữu nghị": {"people_exchange"},
        "đẩy mạnh kết nối giao thông": {"transport"},
        "mở rộng hợp tác thương mại": {"trade", "investment", "tourism", "education", "health"},
        "tiền tệ và nghiệp vụ bảo hiểm": {"finance", "insurance"},
        "logistics qua biên giới": {"logistics"},
        "lĩnh vực nông nghiệp": {"agriculture"},
    }
    for needle, sectors in expected.items():
        r = one(recs, needle)
        assert r.modality == "agreed"
        assert sectors <= set(r.sectors), (needle, r.sectors)
        assert [a.name for a in r.actors] == ["các tỉnh, thành phố"]
        assert r.event_id and r.event_id.endswith("#9")


@pytest.fixture(scope="module")
def forum(seed_texts):
    return commitments(seed_containing(seed_texts, "Bá Sái", "Kim Thành"))


def test_forum_bridge_is_asked_of_yunnan(forum):
    r = one(forum, "cầu đường bộ qua sông Hồng")
    assert r.modality == "proposed"
    assert [a.id for a in r.actors] == ["cn.prov.yunnan"]
    assert "transport" in r.sectors


def test_forum_railway_is_lao_cai_s_with_deadline_2025(forum):
    r = one(forum, "nghiên cứu khả thi", "kết nối ray")
    assert [a.id for a in r.actors] == ["vn.prov.lao-cai"]
    assert r.deadline == "2025"
    assert any(o.id == "pair.lao-cai--hekou" for o in r.objects)


def test_forum_smart_gate_pairs_are_objects(forum):
    ids = {o.id for r in forum for o in r.objects}
    assert {"pair.kim-thanh--beishan", "pair.ban-vuoc--basa"} <= ids
    r = one(forum, "cửa khẩu thông minh")
    assert r.modality == "proposed" and "border_management" in r.sectors


def test_forum_proposals_are_not_taken_from_the_teasers(forum):
    assert all(r.modality in ("proposed", "requested", "agreed") for r in forum)
    assert not any("bầu cử" in r.action or "ma túy" in r.action for r in forum)


def test_joint_committee_five_priorities(seed_texts):
    recs = commitments(seed_containing(seed_texts, "Choang Quảng Tây", "5 nội dung"))
    for needle in ("cấp ủy Đảng", "giao lưu hữu nghị", "giao lưu nhân dân", "quản lý biên giới"):
        assert one(recs, needle).modality == "agreed"
    assert not any(r.action.startswith("Hai bên đã nỗ lực") for r in recs)  # results reported, not agreed
