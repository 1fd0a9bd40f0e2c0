"""The shipped gazetteer files: every line is a valid Entry and every cross-reference resolves."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from corridor_ie.gazetteer.model import Entry

GAZ_DIR = Path(__file__).resolve().parents[2] / "gazetteers"
FILES = sorted(GAZ_DIR.glob("*.jsonl"))
MERGER_DAY = date(2025, 7, 1)


def _load(path: Path) -> list[Entry]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Entry.model_validate_json(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def entries() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for path in FILES:
        for e in _load(path):
            assert e.id not in out, f"duplicate id {e.id} (second copy in {path.name})"
            out[e.id] = e
    return out


def test_files_exist() -> None:
    names = {p.name for p in FILES}
    for expected in (
        "places.vn.jsonl",
        "places.cn.jsonl",
        "countries.jsonl",
        "gates.jsonl",
        "persons.jsonl",
        "orgs.jsonl",
        "titles.jsonl",
        "series.jsonl",
    ):
        assert expected in names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_lines_are_canonical(path: Path) -> None:
    """Each line validates, the file is sorted by id, and no line carries null or empty fields."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = []
    for line in lines:
        entry = Entry.model_validate_json(line)
        raw = json.loads(line)
        assert list(raw) == [k for k in Entry.model_fields if k in raw], (
            f"{entry.id}: keys out of field order"
        )
        assert all(v not in (None, [], {}, "") for v in raw.values()), f"{entry.id}: null or empty field"
        ids.append(entry.id)
    assert ids == sorted(ids), f"{path.name} is not sorted by id"


def test_references_resolve(entries: dict[str, Entry]) -> None:
    missing = []
    for e in entries.values():
        refs = [e.parent, e.successor, *(e.gates or []), *e.members, *(p.jurisdiction for p in e.positions)]
        refs += [
            v
            for k, v in e.attrs.items()
            if k
            in ("part_of", "planned_part_of", "province_pre2025", "district_pre2025", "capital", "capital_of")
        ]
        refs += e.attrs.get("merged_from", []) if isinstance(e.attrs.get("merged_from"), list) else []
        missing += [(e.id, r) for r in refs if r is not None and r not in entries]
    assert not missing, missing


def test_vietnamese_province_counts(entries: dict[str, Entry]) -> None:
    provinces = [e for e in entries.values() if e.type == "province" and e.country == "VN"]
    assert len(provinces) == 63
    assert sum(e.valid_on(MERGER_DAY) for e in provinces) == 34
    assert sum(e.valid_on(date(2025, 6, 30)) for e in provinces) == 63


def test_merged_provinces_have_valid_successors(entries: dict[str, Entry]) -> None:
    for e in entries.values():
        if e.type == "province" and e.country == "VN" and not e.valid_on(MERGER_DAY):
            assert e.successor, e.id
            assert e.valid_to == date(2025, 6, 30), e.id
            assert entries[e.successor].valid_on(MERGER_DAY), e.id
        if e.successor:
            assert e.valid_to is not None, f"{e.id} has a successor but no valid_to"


def test_districts_closed_on_merger_day(entries: dict[str, Entry]) -> None:
    for e in entries.values():
        if e.type == "district" and e.country == "VN":
            assert e.valid_to == date(2025, 6, 30), e.id
            assert entries[e.parent or ""].type == "province", e.id


def test_gate_pairs_join_one_vn_and_one_cn_gate(entries: dict[str, Entry]) -> None:
    pairs = [e for e in entries.values() if e.type == "gate_pair"]
    assert pairs
    for pair in pairs:
        assert pair.gates is not None and len(pair.gates) == 2, pair.id
        vn, cn = (entries[g] for g in pair.gates)
        assert vn.type == cn.type == "border_gate", pair.id
        assert (vn.country, cn.country) == ("VN", "CN"), pair.id
    for e in entries.values():
        if e.type != "gate_pair":
            assert e.gates is None, f"{e.id}: only gate pairs list gates"


def test_people_positions_and_series_members(entries: dict[str, Entry]) -> None:
    for e in entries.values():
        if e.positions:
            assert e.type == "person", e.id
        if e.members:
            assert e.type == "series", e.id
        if e.type == "series":
            assert e.members, e.id


def test_ids_follow_the_type_prefixes(entries: dict[str, Entry]) -> None:
    prefixes = {
        "country": ("country.",),
        "province": ("vn.prov.", "cn.prov."),
        "prefecture": ("cn.pref.",),
        "district": ("vn.dist.", "cn.county."),
        "place": ("place.",),
        "border_gate": ("gate.vn.", "gate.cn."),
        "gate_pair": ("pair.",),
        "person": ("person.",),
        "org": ("org.",),
        "title": ("title.",),
        "series": ("series.",),
    }
    for e in entries.values():
        assert e.id.startswith(prefixes[e.type]), e.id
