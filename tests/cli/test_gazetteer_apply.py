"""``gazetteer apply`` (accepted suggestions into a gazetteer folder) and the name-clash refusal of
``gazetteer add`` / ``alias`` / ``apply``, through typer's CliRunner on hand-written suggestion files, plus
one end-to-end suggest → decide → apply → suggest run on the examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.tools.gazetteer.validate import match_key, validate_paths

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["gazetteer", *args])


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def gaz(tmp_path: Path) -> Path:
    folder = tmp_path / "gaz"
    folder.mkdir()
    write(folder / "places.cn.jsonl", [
        {"id": "cn.prov.yunnan", "type": "province", "names": {"vi": "Vân Nam", "zh": "云南"}, "country": "CN"}])
    write(folder / "persons.jsonl", [
        {"id": "person.vn.bui-van-khang", "type": "person", "names": {"vi": "Bùi Văn Khắng"}, "country": "VN",
         "source": "doc:test"}])
    write(folder / "orgs.jsonl", [{"id": "org.ubnd", "type": "org", "names": {"vi": "Ủy ban nhân dân"}}])
    return folder


def new(entry: dict[str, Any], decision: str = "accept", **kw: Any) -> dict[str, Any]:
    name = next(iter(entry["names"].values()))
    return {"key": f"x:new:{entry['id']}", "kind": kw.pop("kind", "person"), "action": "new", "name": name,
            "label": "PERSON", "type": entry["type"], "score": 0.8, "reason": "test", "count": 1, "docs": 1,
            "spellings": [name], "entry": entry, "decision": decision, **kw}


def alias(entry_id: str, name: str, decision: str = "accept", lang: str = "vi") -> dict[str, Any]:
    return {"key": f"x:alias:{entry_id}:{name}", "kind": "person", "action": "alias", "name": name,
            "label": "PERSON", "type": "person", "score": 0.9, "reason": "test", "count": 1, "docs": 1,
            "spellings": [name], "entry_id": entry_id, "alias_lang": lang, "decision": decision}


def person(eid: str, vi: str) -> dict[str, Any]:
    return {"id": eid, "type": "person", "names": {"vi": vi}, "country": "VN", "source": "doc:test"}


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_accepted_are_written_sorted_and_the_rest_counted(gaz: Path, tmp_path: Path) -> None:
    s = write(tmp_path / "s.jsonl", [
        new(person("person.vn.tran-van-a", "Trần Văn A")),
        alias("person.vn.bui-van-khang", "Bùi Văn Kháng"),
        new(person("person.vn.le-van-b", "Lê Văn B"), decision="reject"),
        new(person("person.vn.le-van-c", "Lê Văn C"), decision=""),
        new({"id": "org.so-ngoai-vu", "type": "org", "names": {"vi": "Sở Ngoại vụ"}}, kind="org"),
    ])
    res = run("apply", str(s), "-g", str(gaz))
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == [
        "applied: new person.vn.tran-van-a (persons.jsonl)",
        "applied: alias 'Bùi Văn Kháng' (vi) of person.vn.bui-van-khang",
        "applied: new org.so-ngoai-vu (orgs.jsonl)",
    ]
    assert res.stderr.startswith("applied 3; skipped 0; rejected 1; not decided 1 -> ")
    rows = lines(gaz / "persons.jsonl")
    assert [r["id"] for r in rows] == ["person.vn.bui-van-khang", "person.vn.tran-van-a"]  # sorted by id
    assert rows[0]["aliases"] == {"vi": ["Bùi Văn Kháng"]}
    assert [r["id"] for r in lines(gaz / "orgs.jsonl")] == ["org.so-ngoai-vu", "org.ubnd"]
    assert validate_paths([gaz]) == []
    before = {p.name: p.read_bytes() for p in gaz.iterdir()}
    again = run("apply", str(s), "-g", str(gaz))  # applying twice changes nothing
    assert again.exit_code == 0 and "applied 0; already in the gazetteer 3" in again.stderr
    assert {p.name: p.read_bytes() for p in gaz.iterdir()} == before
    assert not list(gaz.glob(".*.tmp"))


def test_lines_that_cannot_be_applied_are_skipped_with_the_reason(gaz: Path, tmp_path: Path) -> None:
    s = tmp_path / "s.jsonl"
    rows = [
        new(person("person.cn.todo-pinyin", "刘宁")),
        alias("person.vn.nobody", "Ai Đó"),
        new(person("person.vn.bui-van-khang", "Bùi Văn Khang")),  # id taken by another entry
        new({"id": "Not An Id", "type": "person", "names": {"vi": "X"}}),
        new({"id": "vn.dist.bat-xat", "type": "district", "names": {"vi": "Bát Xát"}, "country": "VN"},
            kind="place"),  # goes to the generated places.vn.jsonl
        new(person("person.vn.dao-van-d", "Đào Văn D")),
    ]
    s.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + "{not json\n"
                 + json.dumps({**rows[-1], "decision": "maybe"}) + "\n", encoding="utf-8")
    res = run("apply", str(s), "-g", str(gaz))
    assert res.exit_code == 1
    skipped = [x for x in res.stderr.splitlines() if x.startswith("skipped: ")]
    assert skipped == [
        "skipped: line 1: new person.cn.todo-pinyin: replace 'todo-pinyin' in the id with the pinyin first",
        "skipped: line 2: alias Ai Đó: alias of 'person.vn.nobody': no such entry",
        f"skipped: line 3: new person.vn.bui-van-khang: id 'person.vn.bui-van-khang' already exists in"
        f" {gaz / 'persons.jsonl'}: choose another id",
        "skipped: line 4: new Not An Id: invalid entry: id: String should match pattern '^[a-z]{2,}(\\.[a-z0-9-]+)+$'"
        " (see the Entry fields in gazetteers/README.md)",
        "skipped: line 5: new vn.dist.bat-xat: places.vn.jsonl: it is generated: add aliases to"
        " gazetteers/generate/vn_province_names.tsv, districts to gazetteers/generate/vn_districts.tsv, other"
        " places to gazetteers/generate/vn_places_extra.jsonl, then run .venv/bin/python"
        " gazetteers/generate/vn_provinces.py",
        "skipped: line 7: not a JSON line (Expecting property name enclosed in double quotes)",
        "skipped: line 8: not a suggestion: decision: Input should be 'accept', 'reject' or ''",
    ]
    assert res.stdout == "applied: new person.vn.dao-van-d (persons.jsonl)\n"  # the good line still goes in


def test_a_batch_naming_a_person_like_a_place_is_refused_whole(gaz: Path, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in gaz.iterdir()}
    s = write(tmp_path / "s.jsonl", [new(person("person.vn.tran-van-a", "Trần Văn A")),
                                     new(person("person.vn.van-nam", "Vân Nam"))])
    res = run("apply", str(s), "-g", str(gaz))
    assert res.exit_code == 1
    assert res.stderr == ("corridor-ie: error: batch refused: person name 'Vân Nam' is also the name of province"
                          " 'cn.prov.yunnan' (Vân Nam) (a person named like a place turns the place into an"
                          " official; use --force only if both are right; nothing was written)\n")
    assert {p.name: p.read_bytes() for p in gaz.iterdir()} == before
    assert run("apply", str(s), "-g", str(gaz), "--force").exit_code == 0


def test_a_batch_giving_one_name_to_two_entries_of_a_type_is_refused(gaz: Path, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in gaz.iterdir()}
    s = write(tmp_path / "s.jsonl", [
        new({"id": "org.so-ngoai-vu", "type": "org", "names": {"vi": "Sở Ngoại vụ"}}, kind="org"),
        new({"id": "org.so-ngoai-vu-2", "type": "org", "names": {"vi": "Sở ngoại vụ"}}, kind="org"),
    ])
    res = run("apply", str(s), "-g", str(gaz))
    assert res.exit_code == 1
    assert "org name 'Sở Ngoại vụ' is also claimed by 'org.so-ngoai-vu-2'" in res.stderr
    assert res.stderr.splitlines()[-1] == ("corridor-ie: error: batch refused: not written: the change would add"
                                           " 2 problem(s) to the gazetteer (see the problems listed; nothing was"
                                           " changed)")
    assert {p.name: p.read_bytes() for p in gaz.iterdir()} == before


def test_dry_run_and_missing_file(gaz: Path, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in gaz.iterdir()}
    s = write(tmp_path / "s.jsonl", [new(person("person.vn.tran-van-a", "Trần Văn A"))])
    res = run("apply", str(s), "-g", str(gaz), "--dry-run")
    assert res.exit_code == 0 and res.stdout == "would apply: new person.vn.tran-van-a (persons.jsonl)\n"
    assert {p.name: p.read_bytes() for p in gaz.iterdir()} == before
    res = run("apply", str(tmp_path / "nope.jsonl"), "-g", str(gaz))
    assert res.exit_code == 2 and "no such suggestions file" in res.stderr


@pytest.mark.parametrize("args", [
    ["add", "--type", "person", "--id", "person.vn.van-nam", "--vi", "Vân Nam"],
    ["add", "--type", "person", "--id", "person.vn.x", "--vi", "Lê Văn X", "--alias", "ủy ban nhân dân"],
    ["alias", "person.vn.bui-van-khang", "VÂN NAM"],
])
def test_add_and_alias_refuse_a_person_named_like_a_place_or_org_unless_forced(gaz: Path, args: list[str]) -> None:
    before = {p.name: p.read_bytes() for p in gaz.iterdir()}
    res = run(*args, "-g", str(gaz))
    assert res.exit_code == 1 and res.stderr.startswith("corridor-ie: error: refused: person name ")
    assert {p.name: p.read_bytes() for p in gaz.iterdir()} == before
    assert run(*args, "-g", str(gaz), "--force").exit_code == 0


@pytest.mark.slow
def test_suggest_decide_apply_suggest_on_the_examples(tmp_path: Path) -> None:
    gaz = tmp_path / "gazetteers"
    shutil.copytree(REPO / "gazetteers", gaz, ignore=shutil.ignore_patterns("generate", "*.md", "*.py"))
    drop = {"person.vn.doan-thu-ha", "pair.kim-thanh--beishan"}
    for f in gaz.glob("*.jsonl"):
        write(f, [r for r in lines(f) if r["id"] not in drop])
    out = tmp_path / "s.jsonl"
    res = run("suggest", str(REPO / "examples" / "vi"), "-g", str(gaz), "-o", str(out))
    assert res.exit_code == 0, res.output
    rows = lines(out)
    by_key = {r["key"]: r for r in rows}
    want = {"person:new:person.vn.doan-thu-ha", "gate_pair:new:pair.kim-thanh--beishan",
            f"person:alias:person.vn.bui-van-khang:{match_key('Bùi Văn Kháng')}"}
    assert want <= set(by_key), sorted(by_key)
    pair = by_key["gate_pair:new:pair.kim-thanh--beishan"]["entry"]
    assert pair["gates"] == ["gate.vn.kim-thanh", "gate.cn.beishan"]
    for r in rows:
        r["decision"] = "accept" if r["key"] in want else "reject"
    write(out, rows)
    res = run("apply", str(out), "-g", str(gaz))
    assert res.exit_code == 0, res.output
    assert validate_paths([gaz]) == []
    again = run("suggest", str(REPO / "examples" / "vi"), "-g", str(gaz), "-o", str(out))
    assert again.exit_code == 0
    assert not want & {r["key"] for r in lines(out)}  # the accepted names are in the gazetteer now
