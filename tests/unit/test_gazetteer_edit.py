"""Gazetteer edits: canonical serialisation, add/alias round trips, refused writes, lookup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corridor_ie.errors import GazetteerError
from corridor_ie.gazetteer.model import Entry
from corridor_ie.tools.gazetteer.edit import (
    EditRefused,
    add_alias,
    add_entry,
    dump_entry,
    dump_file,
    read_folder,
    search,
    split_alias,
)
from corridor_ie.tools.gazetteer.validate import parse_text, validate_paths

REPO = Path(__file__).resolve().parents[2]


def line(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False)


@pytest.fixture()
def gaz(tmp_path: Path) -> Path:
    folder = tmp_path / "gazetteers"
    folder.mkdir()
    provs = [
        {"id": "vn.prov.quang-ninh", "type": "province", "names": {"vi": "Quảng Ninh", "en": "Quang Ninh"},
         "country": "VN"},
        {"id": "cn.prov.guangxi", "type": "province", "names": {"vi": "Quảng Tây", "zh": "广西"}, "country": "CN"},
    ]
    persons = [
        {"id": "person.vn.bui-van-khang", "type": "person", "names": {"vi": "Bùi Văn Khắng", "en": "Bui Van Khang"},
         "country": "VN", "positions": [{"title": "Phó Chủ tịch", "jurisdiction": "vn.prov.quang-ninh"}],
         "source": "seed:x"},
        {"id": "person.vn.cao-tuong-huy", "type": "person", "names": {"vi": "Cao Tường Huy"}, "country": "VN",
         "source": "seed:x"},
    ]
    (folder / "places.cn.jsonl").write_text(line(provs[1]) + "\n", encoding="utf-8")
    (folder / "places.vn.jsonl").write_text(line(provs[0]) + "\n", encoding="utf-8")
    (folder / "persons.jsonl").write_text("".join(line(p) + "\n" for p in persons), encoding="utf-8")
    return folder


def ids_in(path: Path) -> list[str]:
    return [json.loads(x)["id"] for x in path.read_text(encoding="utf-8").splitlines()]


def test_dump_entry_field_order_no_empty_fields_no_escapes() -> None:
    e = Entry.model_validate({"note": "n", "aliases": {"en": ["Viet Nam"], "vi": [], "zh": ["越南国"]},
                              "names": {"vi": "Việt Nam", "zh": None}, "type": "country", "id": "country.vn",
                              "positions": [], "attrs": {}})
    assert dump_entry(e) == ('{"id": "country.vn", "type": "country", "names": {"vi": "Việt Nam"}, "aliases":'
                             ' {"zh": ["越南国"], "en": ["Viet Nam"]}, "note": "n"}')
    assert Entry.model_validate_json(dump_entry(e)) == e.model_copy(update={"aliases": {"zh": ["越南国"],
                                                                                        "en": ["Viet Nam"]}})


@pytest.mark.parametrize("path", sorted((REPO / "gazetteers").glob("*.jsonl")), ids=lambda p: p.name)
def test_shipped_files_are_in_dump_form(path: Path) -> None:
    """The shipped files are already what ``dump_file`` writes, so an edit changes only its own lines."""
    text = path.read_text(encoding="utf-8")
    items, bad = parse_text(path, text)
    assert not bad
    assert dump_file(it.entry for it in items) == text


def test_add_then_alias_round_trip_keeps_file_sorted_and_valid(gaz: Path) -> None:
    persons = gaz / "persons.jsonl"
    res = add_entry(gaz, {"id": "person.vn.be-van-an", "type": "person", "names": {"vi": "Bế Văn An"},
                          "country": "VN", "source": "seed:y"})
    assert (res.path, res.line, res.remaining) == (persons, 1, 0)
    res = add_alias(gaz, "person.vn.bui-van-khang", "Bùi  Văn Kháng")
    assert res.line == 2 and res.entry.aliases == {"vi": ["Bùi Văn Kháng"]}
    assert ids_in(persons) == ["person.vn.be-van-an", "person.vn.bui-van-khang", "person.vn.cao-tuong-huy"]
    assert validate_paths([gaz]) == []
    assert persons.read_text(encoding="utf-8").splitlines()[1] == (
        '{"id": "person.vn.bui-van-khang", "type": "person", "names": {"vi": "Bùi Văn Khắng", "en": "Bui Van Khang"},'
        ' "aliases": {"vi": ["Bùi Văn Kháng"]}, "country": "VN", "positions": [{"title": "Phó Chủ tịch",'
        ' "jurisdiction": "vn.prov.quang-ninh"}], "source": "seed:x"}')
    assert sorted(p.name for p in gaz.iterdir()) == ["persons.jsonl", "places.cn.jsonl", "places.vn.jsonl"]


def test_add_to_named_file_and_new_file(gaz: Path) -> None:
    res = add_entry(gaz, {"id": "org.cn.fao", "type": "org", "names": {"vi": "Văn phòng Ngoại vụ"}},
                    Path("orgs.jsonl"))
    assert res.path == gaz / "orgs.jsonl" and ids_in(res.path) == ["org.cn.fao"]


def test_add_refused_when_it_adds_a_problem_and_file_unchanged(gaz: Path) -> None:
    before = (gaz / "persons.jsonl").read_bytes()
    with pytest.raises(EditRefused) as exc:
        add_entry(gaz, {"id": "person.vn.a", "type": "person", "names": {"vi": "Nguyễn Văn A"},
                        "parent": "vn.prov.nowhere"})
    assert [str(p) for p in exc.value.problems] == [
        f"{gaz / 'persons.jsonl'}:1: parent 'vn.prov.nowhere' is not the id of any entry (hint: correct the id"
        " or add the missing entry (`corridor-ie gazetteer search NAME` finds ids))"]
    assert (gaz / "persons.jsonl").read_bytes() == before


def test_add_refuses_existing_id_and_invalid_entry(gaz: Path) -> None:
    with pytest.raises(GazetteerError, match="already exists at .*persons.jsonl:2"):
        add_entry(gaz, {"id": "person.vn.cao-tuong-huy", "type": "person", "names": {"vi": "X"}})
    with pytest.raises(GazetteerError, match="invalid entry: id: String should match pattern"):
        add_entry(gaz, {"id": "Person A", "type": "person", "names": {"vi": "X"}})


def test_alias_refused_when_already_a_name(gaz: Path) -> None:
    with pytest.raises(GazetteerError, match="already a name of 'person.vn.bui-van-khang' \\(as 'Bui Van Khang'\\)"):
        add_alias(gaz, "person.vn.bui-van-khang", "BUI VAN KHANG", "en")


def test_alias_of_unknown_id_suggests_ids(gaz: Path) -> None:
    with pytest.raises(GazetteerError, match="no entry with id 'person.vn.cao-tuong-hui'.*person.vn.cao-tuong-huy"):
        add_alias(gaz, "person.vn.cao-tuong-hui", "X")


def test_generated_file_is_not_edited(gaz: Path) -> None:
    with pytest.raises(GazetteerError, match="places.vn.jsonl is not edited in place.*vn_provinces.py"):
        add_alias(gaz, "vn.prov.quang-ninh", "tỉnh Quảng Ninh")
    with pytest.raises(GazetteerError, match="not edited in place"):
        add_entry(gaz, {"id": "vn.prov.x", "type": "province", "names": {"vi": "X"}, "country": "VN"})


def test_search_with_and_without_diacritics(gaz: Path) -> None:
    folder = read_folder([gaz])
    hits = search(folder, "bui van khang")
    assert (hits[0].entry_id, hits[0].score) == ("person.vn.bui-van-khang", 1.0)
    hits = search(folder, "Quảng Tây", entry_type="province")
    assert [h.entry_id for h in hits][0] == "cn.prov.guangxi"
    assert all(h.type == "province" for h in hits)
    with pytest.raises(GazetteerError, match="unknown type 'town'"):
        search(folder, "x", "town")


def test_split_alias() -> None:
    assert split_alias("en:Bui Van Khang") == ("en", "Bui Van Khang")
    assert split_alias("Bùi Văn Kháng") == ("vi", "Bùi Văn Kháng")
    assert split_alias("TP: Hà Nội") == ("vi", "TP: Hà Nội")


def test_add_refuses_a_person_named_like_a_place_unless_forced(gaz: Path) -> None:
    person = {"id": "person.vn.quang-ninh", "type": "person", "names": {"vi": "Quảng Ninh"}, "source": "seed:x"}
    with pytest.raises(GazetteerError, match=r"person name 'Quảng Ninh' is also the name of province 'vn.prov.quang-ninh'"):
        add_entry(gaz, person)
    assert "person.vn.quang-ninh" not in ids_in(gaz / "persons.jsonl")
    res = add_entry(gaz, person, force=True)
    assert res.entry.id == "person.vn.quang-ninh" and "person.vn.quang-ninh" in ids_in(gaz / "persons.jsonl")


def test_add_person_without_source_is_written_and_reported(gaz: Path) -> None:
    res = add_entry(gaz, {"id": "person.vn.be-van-an", "type": "person", "names": {"vi": "Bế Văn An"}})
    assert res.line == 1
    problems = validate_paths([gaz])
    assert [p.message.split(" (hint")[0] for p in problems] == [
        "no source: person 'person.vn.be-van-an' does not say where its facts come from"]
