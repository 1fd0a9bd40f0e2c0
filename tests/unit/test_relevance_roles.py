"""The relevance roles come from the gazetteer's data: types, ``country``, and the border gates that
lie in a unit (``gazetteer/relevance.py``); an ``attrs.border`` flag overrides the derivation."""

from __future__ import annotations

import pytest

from corridor_ie.api import resources
from corridor_ie.gazetteer.model import Entry
from corridor_ie.gazetteer.relevance import BITS, border_units, decide, entry_roles, qualifies


def _e(**kw) -> Entry:
    return Entry.model_validate({"names": {"vi": kw["id"]}, **kw})


TOY = {e.id: e for e in [
    _e(id="country.vn", type="country", country="VN"),
    _e(id="vn.prov.a", type="province", country="VN"),
    _e(id="vn.prov.inland", type="province", country="VN"),
    _e(id="vn.dist.b", type="district", country="VN", parent="vn.prov.a"),
    _e(id="cn.prov.c", type="province", country="CN"),
    _e(id="cn.county.d", type="district", country="CN", parent="cn.prov.c"),
    _e(id="place.cn.town", type="place", country="CN", parent="cn.county.d"),
    _e(id="cn.county.quiet", type="district", country="CN", parent="cn.prov.c", attrs={"border": True}),
    _e(id="cn.prov.far", type="province", country="CN"),
    _e(id="gate.vn.g", type="border_gate", country="VN", parent="vn.prov.a", attrs={"district_pre2025": "vn.dist.b"}),
    _e(id="gate.cn.g", type="border_gate", country="CN", parent="cn.county.d"),
    _e(id="org.x", type="org", country="CN"),
    _e(id="person.vn.p", type="person", country="VN"),
]}


def test_border_units_come_from_the_gates_and_the_flag() -> None:
    assert border_units(TOY) == {"vn.prov.a", "vn.dist.b", "cn.county.d", "cn.prov.c", "place.cn.town",
                                 "cn.county.quiet"}


def test_roles() -> None:
    roles = entry_roles(TOY)
    assert roles["gate.vn.g"] == "border_gate" and roles["person.vn.p"] == "official"
    assert roles["vn.prov.a"] == roles["cn.county.d"] == roles["place.cn.town"] == "border_place"
    assert roles["vn.prov.inland"] == "vn_place" and roles["cn.prov.far"] == "cn_place"
    assert roles["country.vn"] == "country" and "org.x" not in roles


@pytest.mark.parametrize(("found", "relevant"), [
    ([("country", "country.cn"), ("country", "country.vn")], False),
    ([("vn_place", "vn.prov.inland")], False),
    ([("vn_place", "vn.prov.inland"), ("cn_place", "cn.prov.far")], True),
    ([("border_place", "vn.prov.a")], True),
    ([("official", "person.vn.p")], True),
    ([], False),
])
def test_decide_and_the_bits_agree(found, relevant) -> None:
    assert decide(found)[0] is relevant
    bits = 0
    for role, _ in found:
        bits |= BITS[role]
    assert qualifies(bits) is relevant


def test_the_shipped_gazetteer_border() -> None:
    roles = resources().shared.compiled.roles
    for entry_id in ("vn.prov.lao-cai", "vn.prov.lang-son", "vn.prov.quang-ninh", "vn.prov.ha-giang",
                     "vn.prov.tuyen-quang", "cn.prov.yunnan", "cn.prov.guangxi", "cn.county.pingxiang",
                     "cn.county.luchun", "vn.dist.mong-cai"):
        assert roles[entry_id] == "border_place", entry_id
    for entry_id in ("vn.prov.ha-noi", "vn.prov.nghe-an", "vn.dist.ha-long"):
        assert roles[entry_id] == "vn_place", entry_id
    for entry_id in ("cn.prov.beijing", "cn.pref.nanning", "cn.pref.kunming"):
        assert roles[entry_id] == "cn_place", entry_id
    assert roles["country.cn"] == "country" and roles["series.land-border-joint-committee"] == "series"
