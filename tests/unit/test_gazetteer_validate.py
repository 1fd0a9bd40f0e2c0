"""``gazetteer validate``: every check, on small planted files (one problem each, exact lines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corridor_ie.config import load_pipeline
from corridor_ie.tools.gazetteer.validate import match_key, validate_paths

HINT_NAME = "(hint: remove the name from one of the two entries, or give them non-overlapping valid_from/valid_to)"
HINT_DUP = "(hint: give one of them another id, or merge the two lines)"
HINT_REF = "(hint: correct the id or add the missing entry (`corridor-ie gazetteer search NAME` finds ids))"


def prov(eid: str, vi: str, **kw: Any) -> dict[str, Any]:
    return {"id": eid, "type": "province", "names": {"vi": vi}, "country": "VN", **kw}


def gate(eid: str, vi: str, country: str) -> dict[str, Any]:
    return {"id": eid, "type": "border_gate", "names": {"vi": vi}, "country": country}


def write(path: Path, *entries: dict[str, Any] | str) -> Path:
    lines = [e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in entries]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def lines_of(path: Path) -> list[str]:
    return [str(p) for p in validate_paths([path])]


def test_match_key_folds_tone_placement_case_and_script() -> None:
    assert match_key("Hoà Bình") == match_key("HÒA BÌNH") == "hoa2 binh2"
    assert match_key("雲南省") == match_key("云南省")
    assert match_key("Kim Thành–Bắc Sơn") == match_key("Kim Thành - Bắc Sơn")
    assert match_key("Hoà Bình") != match_key("Hòa Binh")


def test_duplicate_id_and_alias_collision_on_their_exact_lines(tmp_path: Path) -> None:
    f = write(
        tmp_path / "places.jsonl",
        prov("vn.prov.a", "Tỉnh A"),
        prov("vn.prov.hoa-binh", "Hoà Bình"),
        prov("vn.prov.quang-ninh", "Quảng Ninh"),
        prov("vn.prov.x", "Tỉnh X", aliases={"vi": ["Hòa Bình"]}),
        prov("vn.prov.quang-ninh", "Quảng Ninh"),
    )
    assert lines_of(f) == [
        f"{f}:2: province name 'Hoà Bình' is also claimed by 'vn.prov.x' ({f}:4) {HINT_NAME}",
        f"{f}:3: duplicate id 'vn.prov.quang-ninh' (also at {f}:5) {HINT_DUP}",
        f"{f}:4: province name 'Hòa Bình' is also claimed by 'vn.prov.hoa-binh' ({f}:2) {HINT_NAME}",
        f"{f}:5: duplicate id 'vn.prov.quang-ninh' (also at {f}:3) {HINT_DUP}",
    ]


def test_clean_file_has_no_problems(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.a", "Tỉnh A"), prov("vn.prov.b", "Tỉnh B", parent="vn.prov.a"))
    assert validate_paths([f]) == []


def test_same_name_in_different_types_is_fine(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.lao-cai", "Lào Cai"), gate("gate.vn.lao-cai", "Lào Cai", "VN"))
    assert validate_paths([f]) == []


def test_not_json_and_every_schema_error_named(tmp_path: Path) -> None:
    f = write(
        tmp_path / "g.jsonl",
        '{"id": "vn.prov.a", "type": "province" "names": {}}',
        {"id": "VN.Prov", "type": "town", "names": {"vi": "A"}, "colour": "red"},
    )
    out = lines_of(f)
    assert out[0] == (f"{f}:1: not valid JSON (Expecting ',' delimiter at column 40) (hint: each line must be one"
                      " complete JSON object: check quotes, commas, braces)")
    assert [line.split(": ")[1] for line in out[1:]] == ["id", "type", "colour"]
    assert all(line.startswith(f"{f}:2: ") and "(hint: " in line for line in out[1:])


def test_bad_date_names_field_and_format(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.a", "A", valid_to="30/06/2025"))
    (line,) = lines_of(f)
    assert line.startswith(f"{f}:1: valid_to: ") and line.endswith("(hint: write dates as YYYY-MM-DD)")


def test_redundant_alias_within_one_entry(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.hoa-binh", "Hòa Bình", aliases={"vi": ["tỉnh Hòa Bình", "HOÀ BÌNH"]}))
    assert lines_of(f) == [
        f"{f}:1: alias 'HOÀ BÌNH' in aliases.vi of 'vn.prov.hoa-binh' repeats 'Hòa Bình' after normalisation"
        " (hint: remove it: matching already ignores case, tone-mark placement and language)"
    ]


def test_same_name_in_successive_periods_is_fine(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.old", "Tỉnh A", valid_to="2025-06-30", successor="vn.prov.new"),
              prov("vn.prov.new", "Tỉnh A", valid_from="2025-07-01"))
    assert validate_paths([f]) == []


def test_overlapping_validity_of_a_shared_name(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.new", "Tỉnh A", valid_from="2025-01-01"),
              prov("vn.prov.old", "Tỉnh A", valid_to="2025-06-30"))
    assert lines_of(f) == [
        f"{f}:1: province name 'Tỉnh A' is also claimed by 'vn.prov.old' ({f}:2) and the validity periods overlap"
        " (2025-01-01 to … and … to 2025-06-30) (hint: make one valid_to end before the other's valid_from,"
        " or remove the name from one entry)",
        f"{f}:2: province name 'Tỉnh A' is also claimed by 'vn.prov.new' ({f}:1) and the validity periods overlap"
        " (… to 2025-06-30 and 2025-01-01 to …) (hint: make one valid_to end before the other's valid_from,"
        " or remove the name from one entry)",
    ]


def test_valid_from_after_valid_to(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.a", "A", valid_from="2025-07-01", valid_to="2025-06-30"))
    assert lines_of(f) == [
        f"{f}:1: valid_from 2025-07-01 is after valid_to 2025-06-30 (hint: swap the two dates or correct one of them)"
    ]


def test_references_to_missing_ids(tmp_path: Path) -> None:
    person = {"id": "person.vn.a", "type": "person", "names": {"vi": "Nguyễn Văn A"}, "source": "seed:x",
              "positions": [{"title": "Chủ tịch", "jurisdiction": "vn.prov.nowhere"}]}
    pair = {"id": "pair.a--b", "type": "gate_pair", "names": {"vi": "A – B"}, "gates": ["gate.vn.a", "gate.cn.b"]}
    f = write(tmp_path / "g.jsonl", prov("vn.prov.a", "A", parent="vn.prov.p", successor="vn.prov.s"), person, pair)
    assert lines_of(f) == [
        f"{f}:1: parent 'vn.prov.p' is not the id of any entry {HINT_REF}",
        f"{f}:1: successor 'vn.prov.s' is not the id of any entry {HINT_REF}",
        f"{f}:2: positions[0].jurisdiction 'vn.prov.nowhere' is not the id of any entry {HINT_REF}",
        f"{f}:3: gates[0] 'gate.vn.a' is not the id of any entry {HINT_REF}",
        f"{f}:3: gates[1] 'gate.cn.b' is not the id of any entry {HINT_REF}",
    ]


def _pair(*gates: str) -> dict[str, Any]:
    return {"id": "pair.x--y", "type": "gate_pair", "names": {"vi": "X – Y"}, "gates": list(gates)}


def test_gate_pair_needs_one_vn_and_one_cn_gate(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", gate("gate.vn.x", "X", "VN"), gate("gate.vn.z", "Z", "VN"),
              _pair("gate.vn.x", "gate.vn.z"))
    assert lines_of(f) == [
        f"{f}:3: gates of 'pair.x--y' must be one VN and one CN border_gate, got 'gate.vn.x' (border_gate VN),"
        " 'gate.vn.z' (border_gate VN) (hint: point gates at [Vietnamese border_gate id, Chinese border_gate id])"
    ]


def test_gate_pair_gate_must_be_a_border_gate(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", gate("gate.vn.x", "X", "VN"), prov("vn.prov.y", "Y"),
              _pair("gate.vn.x", "vn.prov.y"))
    (line,) = lines_of(f)
    assert line.startswith(f"{f}:3: gates of 'pair.x--y' must be one VN and one CN border_gate")
    assert "'vn.prov.y' (province VN)" in line


def test_gate_pair_order_and_count(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", gate("gate.cn.y", "Y", "CN"), gate("gate.vn.x", "X", "VN"),
              _pair("gate.cn.y", "gate.vn.x"))
    assert lines_of(f) == [
        f"{f}:3: gates of 'pair.x--y' are in the wrong order (Chinese gate first)"
        " (hint: write gates as [Vietnamese gate id, Chinese gate id])"
    ]
    g = write(tmp_path / "h.jsonl", gate("gate.vn.x", "X", "VN"), _pair("gate.vn.x"))
    assert lines_of(g) == [f"{g}:2: gate_pair 'pair.x--y' has 1 gates, not 2"
                           " (hint: write gates as [Vietnamese gate id, Chinese gate id])"]


def _person(*positions: dict[str, Any]) -> dict[str, Any]:
    return {"id": "person.vn.a", "type": "person", "names": {"vi": "Nguyễn Văn A"}, "positions": list(positions),
            "source": "seed:x"}


def test_same_title_in_two_jurisdictions_at_once(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.a", "A"), prov("vn.prov.b", "B"),
              _person({"title": "Chủ tịch", "jurisdiction": "vn.prov.a", "valid_from": "2020-01-01"},
                      {"title": "Chủ tịch", "jurisdiction": "vn.prov.b", "valid_to": "2021-01-01"}))
    assert lines_of(f) == [
        f"{f}:3: positions[0] and positions[1]: 'person.vn.a' holds 'Chủ tịch' in 'vn.prov.a' and 'vn.prov.b'"
        " at once (2020-01-01 to … and … to 2021-01-01) (hint: add valid_from/valid_to so the two periods"
        " do not overlap, or correct one jurisdiction)"
    ]


def test_successive_or_different_titles_are_fine(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.a", "A"), prov("vn.prov.b", "B"),
              _person({"title": "Chủ tịch", "jurisdiction": "vn.prov.a", "valid_to": "2019-12-31"},
                      {"title": "Chủ tịch", "jurisdiction": "vn.prov.b", "valid_from": "2020-01-01"},
                      {"title": "Bí thư Tỉnh ủy", "jurisdiction": "vn.prov.a"}))
    assert validate_paths([f]) == []


def test_position_valid_from_after_valid_to(tmp_path: Path) -> None:
    f = write(tmp_path / "g.jsonl", prov("vn.prov.a", "A"),
              _person({"title": "Chủ tịch", "jurisdiction": "vn.prov.a", "valid_from": "2021-01-01",
                       "valid_to": "2020-01-01"}))
    assert lines_of(f) == [
        f"{f}:2: positions[0] ('Chủ tịch'): valid_from 2021-01-01 is after valid_to 2020-01-01"
        " (hint: swap the two dates or correct one of them)"
    ]


def test_problems_sorted_by_file_then_line_across_files(tmp_path: Path) -> None:
    b = write(tmp_path / "b.jsonl", prov("vn.prov.b", "B", parent="vn.prov.none"))
    a = write(tmp_path / "a.jsonl", prov("vn.prov.a", "A"), "{oops")
    out = [(p.path.name, p.line) for p in validate_paths([tmp_path])]
    assert out == [("a.jsonl", 2), ("b.jsonl", 1)]
    assert a.exists() and b.exists()


def test_context_files_resolve_references_but_only_named_files_report(tmp_path: Path) -> None:
    from corridor_ie.tools.gazetteer.validate import summarise

    write(tmp_path / "places.jsonl", prov("vn.prov.a", "A"), prov("vn.prov.a", "A"))  # broken, not named
    persons = write(tmp_path / "persons.jsonl", _person({"title": "Chủ tịch", "jurisdiction": "vn.prov.a"}))
    problems, summary = summarise([persons], [tmp_path])
    assert problems == [] and (summary.entries, summary.files) == (1, 1)
    assert len(validate_paths([persons])) == 1  # alone, the jurisdiction is missing


def test_shipped_gazetteers_pass_validate() -> None:
    cfg = load_pipeline()
    problems = validate_paths([cfg.resolve(p).resolve() for p in cfg.stage_options("tag").gazetteers])
    assert [str(p) for p in problems] == []
