"""The compiled gazetteer tables: one source for the matcher and the prefilter, cached by content hash."""

from __future__ import annotations

import json
from pathlib import Path

from corridor_ie.gazetteer import compiled, relevance
from corridor_ie.gazetteer.compiled import compile_gazetteer, load_compiled
from corridor_ie.gazetteer.store import load_gazetteer

GATE = {"id": "gate.x.one", "type": "border_gate", "country": "VN", "names": {"vi": "Cửa Một"},
        "aliases": {"en": ["Cua Mot"]}}
ORG = {"id": "org.x.board", "type": "org", "country": "VN", "names": {"vi": "Ban quản lý"}}


def _gazetteer(tmp_path: Path, *entries: dict) -> Path:
    folder = tmp_path / "gaz"
    folder.mkdir(exist_ok=True)
    (folder / "g.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries),
                                    encoding="utf-8")
    return folder


def test_tables_group_names_by_keys_with_case_rules_and_relevance(tmp_path):
    gaz = load_gazetteer([_gazetteer(tmp_path, GATE, ORG)])
    tables = compile_gazetteer(gaz)
    gate = next(p for p in tables.exact if p.entry_ids == ("gate.x.one",))
    assert gate.caps == (True, True) and not gate.any_cap and gate.bits == relevance.CORRIDOR
    assert tables.roles["gate.x.one"] == "border_gate" and "org.x.board" not in tables.roles
    board = next(p for p in tables.exact if p.entry_ids == ("org.x.board",))
    assert board.caps == (False, False, False) and board.any_cap and board.bits == 0
    assert sorted(p.entry_ids for p in tables.ascii) == [("gate.x.one",), ("org.x.board",)]


def test_second_load_reads_the_cache_and_an_edit_invalidates_it(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    folder = _gazetteer(tmp_path, GATE)
    gaz = load_gazetteer([folder])
    first = load_compiled(gaz, cache)
    assert [p.name for p in cache.iterdir()] == [f"gazetteer-{gaz.version}-{compiled.FORMAT}.json"]

    def no_compile(_gaz):
        raise AssertionError("compiled again although the cache holds this version")

    monkeypatch.setattr(compiled, "compile_gazetteer", no_compile)
    assert load_compiled(gaz, cache) == first

    edited = load_gazetteer([_gazetteer(tmp_path, GATE, ORG)])  # new content, new hash: compiled again
    monkeypatch.undo()
    tables = load_compiled(edited, cache)
    assert {p.entry_ids for p in tables.exact} == {("gate.x.one",), ("org.x.board",)}
    assert len(list(cache.glob("gazetteer-*.json"))) == 2


def test_a_damaged_or_unwritable_cache_costs_nothing_but_time(tmp_path):
    gaz = load_gazetteer([_gazetteer(tmp_path, GATE)])
    cache = tmp_path / "cache"
    cache.mkdir()
    path = cache / f"gazetteer-{gaz.version}-{compiled.FORMAT}.json"
    path.write_text('{"format": 1, "version": "', encoding="utf-8")  # cut mid-write by another tool
    assert load_compiled(gaz, cache) == compile_gazetteer(gaz)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == gaz.version  # replaced
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("", encoding="utf-8")
    assert load_compiled(gaz, blocked / "cache") == compile_gazetteer(gaz)


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CORRIDOR_IE_CACHE", str(tmp_path / "a"))
    assert compiled.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("CORRIDOR_IE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled.cache_dir() == tmp_path / "xdg" / "corridor-ie"
