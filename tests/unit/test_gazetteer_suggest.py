"""``gazetteer suggest`` over hand-written article records (no extraction run)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corridor_ie.gazetteer.model import Entry
from corridor_ie.gazetteer.store import Gazetteer, load_gazetteer
from corridor_ie.tools.gazetteer.suggest import Suggestion, propose_id, slug, suggest, suggest_from_records

ENTRIES = [
    {"id": "cn.prov.guangxi", "type": "province", "names": {"vi": "Quảng Tây", "zh": "广西"}, "country": "CN"},
    {"id": "person.vn.bui-van-khang", "type": "person", "names": {"vi": "Bùi Văn Khắng", "en": "Bui Van Khang"},
     "country": "VN"},
    {"id": "person.vn.cao-tuong-huy", "type": "person", "names": {"vi": "Cao Tường Huy"}, "country": "VN"},
    {"id": "vn.prov.quang-ninh", "type": "province", "names": {"vi": "Quảng Ninh"}, "country": "VN"},
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    f = tmp_path_factory.mktemp("gaz") / "g.jsonl"
    f.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ENTRIES), encoding="utf-8")
    return load_gazetteer([f])


def ent(text: str, needle: str, label: str = "PERSON", eid: str | None = None, method: str = "cue",
        nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"label": label, "text": needle, "start": start, "end": start + len(needle), "id": eid,
            "value": needle, "method": method, "score": 0.9}


def article(doc_id: str, text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    return {"record_type": "article", "doc_id": doc_id, "lang": "vi", "text": text, "entities": entities}


T1 = ("Chiều 5/3, Phó Chủ tịch UBND tỉnh Quảng Ninh Bùi Văn Kháng tiếp đoàn công tác. "
      "Tham dự có ông Nguyễn Văn Tùng, Giám đốc Sở Công Thương tỉnh Quảng Ninh.")
T2 = ("Ông Nguyễn Văn Tùng cho biết kim ngạch tăng 20%. Chủ tịch UBND tỉnh Quảng Ninh Cao Tường Huy phát biểu. "
      "Phó Chủ tịch Khu tự trị Quảng Tây Lý Bân dẫn đầu đoàn.")


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [
        article("d1", T1, [
            ent(T1, "Quảng Ninh", "PLACE", "vn.prov.quang-ninh", "gazetteer"),
            ent(T1, "Bùi Văn Kháng", eid="person.vn.bui-van-khang", method="fuzzy"),
            ent(T1, "Nguyễn Văn Tùng"),
            ent(T1, "Quảng Ninh", "PLACE", "vn.prov.quang-ninh", "gazetteer", nth=1),
        ]),
        article("d2", T2, [
            ent(T2, "Nguyễn Văn Tùng"),
            ent(T2, "Cao Tường Huy", eid="person.vn.cao-tuong-huy", method="gazetteer"),
            ent(T2, "Quảng Tây", "PLACE", "cn.prov.guangxi", "gazetteer"),
            ent(T2, "Lý Bân"),
        ]),
        {"record_type": "official", "doc_id": "d2", "name": "Lý Bân"},
    ]


@pytest.fixture(scope="module")
def suggestions(records: list[dict[str, Any]], gaz: Gazetteer) -> list[Suggestion]:
    return suggest_from_records(records, gaz)


def test_ranked_by_frequency_and_exact_links_ignored(suggestions: list[Suggestion]) -> None:
    assert [(s.name, s.count, s.docs) for s in suggestions] == [
        ("Nguyễn Văn Tùng", 2, 2), ("Bùi Văn Kháng", 1, 1), ("Lý Bân", 1, 1)]


def test_unknown_official_becomes_a_new_entry(suggestions: list[Suggestion]) -> None:
    s = suggestions[0]
    assert (s.action, s.type, s.proposed_id, s.nearest_id) == ("new", "person", "person.vn.nguyen-van-tung",
                                                               "person.vn.bui-van-khang")
    # ``similarity`` is the distance to the nearest entry; ``score`` how likely the suggestion is right
    # (a tagged mention, 0.8, in two documents, +0.05)
    assert s.similarity is not None and s.similarity < 0.85 and s.score == 0.85
    entry = Entry.model_validate(s.entry)
    assert (entry.names.vi, entry.country) == ("Nguyễn Văn Tùng", "VN")
    assert [e.context for e in s.evidence] == [
        "Tham dự có ông Nguyễn Văn Tùng, Giám đốc Sở Công Thương tỉnh Quảng Ninh.",
        "Ông Nguyễn Văn Tùng cho biết kim ngạch tăng 20%."]
    assert (s.evidence[0].doc_id, T1[s.evidence[0].start:s.evidence[0].end]) == ("d1", "Nguyễn Văn Tùng")
    assert s.decision == ""
    assert s.headline().startswith("Nguyễn Văn Tùng → new person person.vn.nguyen-van-tung; nearest ")


def test_second_spelling_of_known_official_becomes_an_alias(suggestions: list[Suggestion]) -> None:
    s = suggestions[1]
    assert (s.action, s.entry_id, s.score, s.alias_lang) == ("alias", "person.vn.bui-van-khang", 0.92, "vi")
    assert s.headline() == "Bùi Văn Kháng → alias of Bùi Văn Khắng (person.vn.bui-van-khang), 0.92"
    assert 'apply: alias "Bùi Văn Kháng" (vi) of person.vn.bui-van-khang' in s.block()
    assert [e.context for e in s.evidence] == [
        "Chiều 5/3, Phó Chủ tịch UBND tỉnh Quảng Ninh Bùi Văn Kháng tiếp đoàn công tác."]


def test_country_from_the_jurisdiction_named_before_the_person(suggestions: list[Suggestion]) -> None:
    s = suggestions[2]
    assert (s.action, s.proposed_id) == ("new", "person.cn.ly-ban")
    assert s.entry is not None and s.entry["country"] == "CN"


def test_jsonl_round_trip(suggestions: list[Suggestion]) -> None:
    for s in suggestions:
        assert Suggestion.model_validate_json(s.model_dump_json()) == s


def test_min_score_turns_alias_into_new(records: list[dict[str, Any]], gaz: Gazetteer) -> None:
    out = suggest_from_records(records, gaz, min_score=0.95)
    assert [s.action for s in out] == ["new", "new", "new"]


def test_proposed_ids_follow_conventions_and_stay_unique() -> None:
    assert slug("Đoàn Thu Hà") == "doan-thu-ha"
    assert propose_id("person", "VN", "Bùi Văn A", {"person.vn.bui-van-a"}) == "person.vn.bui-van-a-2"
    assert propose_id("org", "CN", "Sở Thương mại", set()) == "org.cn.so-thuong-mai"
    assert propose_id("place", None, "cầu Bắc Luân", set()) == "place.cau-bac-luan"
    assert propose_id("person", "CN", "刘宁", set()) == "person.cn.todo-pinyin"
    assert propose_id("district", "VN", "Bát Xát", set()) == "vn.dist.bat-xat"
    assert propose_id("border_gate", "CN", "Long Bang", set()) == "gate.cn.long-bang"
    assert propose_id("series", None, "Hội nghị hợp tác kinh tế biên giới các tỉnh giáp biên", set()) == \
        "series.hoi-nghi-hop-tac-kinh-te"


def test_no_suggestion_for_empty_input(gaz: Gazetteer, tmp_path: Path) -> None:
    assert suggest_from_records([], gaz) == []


def test_decisions_round_trip_and_unknown_keys_are_refused() -> None:
    line = {"key": "person:new:person.vn.x", "kind": "person", "action": "new", "name": "X Y", "label": "PERSON",
            "type": "person", "score": 0.8, "reason": "r", "count": 1, "docs": 1, "spellings": ["X Y"],
            "entry": {"id": "person.vn.x", "type": "person", "names": {"vi": "X Y"}}, "decision": "accept"}
    assert Suggestion.model_validate(line).decision == "accept"
    with pytest.raises(ValueError):
        Suggestion.model_validate({**line, "decision": "yes"})
    with pytest.raises(ValueError):
        Suggestion.model_validate({**line, "extra": 1})


def test_dropped_names_are_counted(gaz: Gazetteer) -> None:
    text = "Ông Văn Kháng và ông Bùi Văn Kháng dự. Bà Quảng Ninh phát biểu."
    rec = article("d9", text, [ent(text, "Văn Kháng"), ent(text, "Bùi Văn Kháng"), ent(text, "Quảng Ninh")])
    out = suggest([rec], gaz)
    assert [s.name for s in out.items] == ["Bùi Văn Kháng"]
    assert sum(out.dropped.values()) == 2
