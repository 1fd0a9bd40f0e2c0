"""Data-driven ``gazetteer suggest`` cases from ``suggest.jsonl`` (one JSON object per line), run over
hand-written records and the small gazetteer ``BASE`` below (no extraction run).

Schema of a case:
- ``id`` (str, unique), ``lang``, ``text``: one article record's cleaned text;
- ``entities``: the article's mentions as ``[label, text, id, method]`` (optionally ``nth`` occurrence,
  0-based, and ``value``), offsets found in ``text``;
- ``records`` (optional): other records of the document (official, conference); ``"evidence": "$text"``
  stands for one evidence span covering the whole text;
- ``expect``: the suggestions, in order, each ``{kind, action, name}`` plus optional ``id`` (the proposed
  id of a new entry, the entry an alias goes to), ``type``, ``parent``, ``country``, ``gates``,
  ``members``, ``lang`` (an alias's language);
- ``absent`` (optional): names that must not be suggested; ``dropped`` (optional): how many names are
  left out with a reason (a person named like a place, a truncated name);
- ``note`` (optional): why the case exists.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from corridor_ie.gazetteer.store import Gazetteer, load_gazetteer
from corridor_ie.tools.gazetteer.sources import KindCues
from corridor_ie.tools.gazetteer.suggest import suggest

CASES = [json.loads(line) for line in Path(__file__).with_name("suggest.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]
COUNTRY = {"vi": "VN", "zh": "CN"}  # the test's stand-in for Language.country

BASE: list[dict[str, Any]] = [
    {"id": "vn.prov.lao-cai", "type": "province", "names": {"vi": "Lào Cai", "zh": "老街", "en": "Lao Cai"}, "country": "VN"},
    {"id": "vn.prov.quang-ninh", "type": "province", "names": {"vi": "Quảng Ninh"}, "country": "VN"},
    {"id": "vn.prov.ha-noi", "type": "province", "names": {"vi": "Hà Nội", "en": "Hanoi"}, "country": "VN"},
    {"id": "cn.prov.yunnan", "type": "province", "names": {"vi": "Vân Nam", "zh": "云南"}, "country": "CN"},
    {"id": "cn.pref.kunming", "type": "prefecture", "names": {"vi": "Côn Minh", "en": "Kunming"}, "country": "CN"},
    {"id": "cn.county.hekou", "type": "district", "names": {"vi": "Hà Khẩu", "zh": "河口", "en": "Hekou"},
     "country": "CN"},
    {"id": "gate.vn.lao-cai", "type": "border_gate", "names": {"vi": "Lào Cai", "zh": "老街", "en": "Lao Cai"},
     "country": "VN", "parent": "vn.prov.lao-cai"},
    {"id": "gate.cn.hekou", "type": "border_gate", "names": {"vi": "Hà Khẩu", "zh": "河口", "en": "Hekou"},
     "country": "CN", "parent": "cn.county.hekou"},
    {"id": "gate.vn.kim-thanh", "type": "border_gate", "names": {"vi": "Kim Thành"}, "country": "VN"},
    {"id": "gate.cn.beishan", "type": "border_gate", "names": {"vi": "Bắc Sơn", "zh": "北山"}, "country": "CN"},
    {"id": "pair.kim-thanh--beishan", "type": "gate_pair", "names": {"vi": "Kim Thành – Bắc Sơn"},
     "gates": ["gate.vn.kim-thanh", "gate.cn.beishan"]},
    {"id": "person.vn.bui-van-khang", "type": "person", "names": {"vi": "Bùi Văn Khắng"}, "country": "VN"},
    {"id": "person.vn.nguyen-van-an", "type": "person", "names": {"vi": "Nguyễn Văn An"}, "country": "VN"},
    {"id": "person.vn.pham-van-binh", "type": "person", "names": {"vi": "Phạm Văn Bình"}, "country": "VN"},
    {"id": "org.ubnd", "type": "org", "names": {"vi": "Ủy ban nhân dân"}, "aliases": {"vi": ["UBND"]}},
    {"id": "org.so-cong-thuong", "type": "org", "names": {"vi": "Sở Công Thương"}},
    {"id": "series.economic-corridor", "type": "series",
     "names": {"vi": "Hội nghị hợp tác hành lang kinh tế 5 tỉnh"},
     "aliases": {"vi": ["Hội nghị hợp tác hành lang kinh tế"]}},
]
CUES = KindCues.build({"district": ["huyện"], "province": ["tỉnh"], "border_gate": ["cửa khẩu", "口岸"]},
                      {"border_gate": ["border gate", "口岸"], "district": ["county"]})


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    f = tmp_path_factory.mktemp("gaz") / "g.jsonl"
    f.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in BASE), encoding="utf-8")
    return load_gazetteer([f])


def _records(case: dict[str, Any]) -> list[dict[str, Any]]:
    text, doc = case["text"], case["id"]
    entities = []
    for label, needle, eid, method, *rest in case["entities"]:
        nth = rest[0] if rest else 0
        start = -1
        for _ in range(nth + 1):
            start = text.index(needle, start + 1)
        entities.append({"label": label, "text": needle, "start": start, "end": start + len(needle), "id": eid,
                         "value": rest[1] if len(rest) > 1 else needle, "method": method, "score": 0.9})
    out = [{"record_type": "article", "doc_id": doc, "lang": case["lang"], "text": text, "entities": entities,
            "source": {"path": f"cases/{doc}.txt"}}]
    for r in case.get("records", []):
        ev = [{"start": 0, "end": len(text), "text": text}] if r.get("evidence") == "$text" else r.get("evidence", [])
        out.append({**r, "doc_id": doc, "evidence": ev})
    return out


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_suggest_case(case: dict[str, Any], gaz: Gazetteer) -> None:
    out = suggest(_records(case), gaz, sentences=_sentences, cues=CUES, country_of=COUNTRY.get)
    got = out.items
    assert [(s.kind, s.action, s.name) for s in got] == [(e["kind"], e["action"], e["name"]) for e in case["expect"]]
    for s, e in zip(got, case["expect"], strict=True):
        entry = s.entry or {}
        if "id" in e:
            assert (s.entry_id if s.action == "alias" else s.proposed_id) == e["id"]
        for key in ("type", "parent", "country", "gates", "members"):
            if key in e:
                assert entry.get(key) == e[key], key
        if "lang" in e:
            assert s.alias_lang == e["lang"]
        assert 0 < s.score <= 1 and s.evidence and s.decision == ""
        for ev in s.evidence:  # evidence points into the article text
            assert ev.start is None or case["text"][ev.start:ev.end] == ev.text
    names = {s.name for s in got}
    assert not names & set(case.get("absent", []))
    if "dropped" in case:
        assert sum(out.dropped.values()) == case["dropped"], Counter(out.dropped)


def test_every_kind_is_covered() -> None:
    kinds = {e["kind"] for c in CASES for e in c["expect"]}
    actions = {(e["kind"], e["action"]) for c in CASES for e in c["expect"]}
    assert kinds == {"person", "org", "series", "place", "gate_pair"}
    assert {("person", "alias"), ("org", "alias"), ("series", "alias")} <= actions
