"""``corridor-ie gazetteer …`` through typer's CliRunner, on a local app that calls ``register``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from corridor_ie.cli.gazetteer import gazetteer_app, register

REPO = Path(__file__).resolve().parents[2]


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    return app


APP = make_app()
runner = CliRunner()


def run(*args: str):
    return runner.invoke(APP, ["gazetteer", *args])


def write(path: Path, *entries: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
    return path


def prov(eid: str, vi: str, **kw: Any) -> dict[str, Any]:
    return {"id": eid, "type": "province", "names": {"vi": vi}, "country": "VN", **kw}


@pytest.fixture()
def gaz(tmp_path: Path) -> Path:
    folder = tmp_path / "gaz"
    folder.mkdir()
    write(folder / "places.cn.jsonl", prov("cn.prov.guangxi", "Quảng Tây", country="CN"))
    write(folder / "persons.jsonl",
          {"id": "person.vn.bui-van-khang", "type": "person", "names": {"vi": "Bùi Văn Khắng"}, "country": "VN",
           "source": "seed:x"})
    return folder


def test_validate_planted_duplicate_id_and_alias_collision(tmp_path: Path) -> None:
    f = write(tmp_path / "places.jsonl", prov("vn.prov.hoa-binh", "Hoà Bình"), prov("vn.prov.a", "A"),
              prov("vn.prov.x", "X", aliases={"vi": ["Hòa Bình"]}), prov("vn.prov.a", "A"))
    res = run("validate", str(f))
    assert res.exit_code == 1
    assert res.stdout.splitlines() == [
        f"{f}:1: province name 'Hoà Bình' is also claimed by 'vn.prov.x' ({f}:3) (hint: remove the name from one"
        " of the two entries, or give them non-overlapping valid_from/valid_to)",
        f"{f}:2: duplicate id 'vn.prov.a' (also at {f}:4) (hint: give one of them another id, or merge the two lines)",
        f"{f}:3: province name 'Hòa Bình' is also claimed by 'vn.prov.hoa-binh' ({f}:1) (hint: remove the name"
        " from one of the two entries, or give them non-overlapping valid_from/valid_to)",
        f"{f}:4: duplicate id 'vn.prov.a' (also at {f}:2) (hint: give one of them another id, or merge the two lines)",
    ]
    assert res.stderr == "4 problem(s) in 1 file(s)\n"


def test_validate_ok_line(gaz: Path) -> None:
    res = run("validate", str(gaz))
    assert res.exit_code == 0
    assert res.stdout.startswith("ok: 2 entries in 2 files, version ") and len(res.stdout.split()[-1]) == 12


def test_validate_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    res = run("validate", str(tmp_path / "nope.jsonl"))
    assert res.exit_code == 2
    assert res.stderr == f"corridor-ie: error: {tmp_path / 'nope.jsonl'}: no such gazetteer file or folder\n"


def test_add_alias_show_search_round_trip(gaz: Path) -> None:
    res = run("add", "--type", "person", "--id", "person.vn.be-van-an", "--vi", "Bế Văn An", "--country", "VN",
              "--alias", "en:Be Van An", "-g", str(gaz))
    assert (res.exit_code, res.stdout) == (0, f"added person.vn.be-van-an at {gaz / 'persons.jsonl'}:1\n")
    res = run("alias", "person.vn.bui-van-khang", "Bùi Văn Kháng", "-g", str(gaz))
    assert res.stdout == f"added alias 'Bùi Văn Kháng' (vi) to person.vn.bui-van-khang at {gaz / 'persons.jsonl'}:2\n"
    res = run("validate", str(gaz))  # the person added without a source is reported (the add was not refused)
    assert res.exit_code == 1
    assert res.stdout.splitlines() == [f"{gaz / 'persons.jsonl'}:1: no source: person 'person.vn.be-van-an' does not"
                                       " say where its facts come from (hint: add \"source\": the URL of a page that"
                                       " states them, or a document id (e.g. \"seed:000_9a1eae0c09b23ae9\"))"]
    res = run("show", "person.vn.be-van-an", "-g", str(gaz))
    assert res.stdout.splitlines()[0] == f"{gaz / 'persons.jsonl'}:1"
    assert json.loads("\n".join(res.stdout.splitlines()[1:]))["aliases"] == {"en": ["Be Van An"]}
    res = run("search", "bui van khang", "--type", "person", "-g", str(gaz))
    assert res.stdout.splitlines()[0] == "0.95  person.vn.bui-van-khang  Bùi Văn Khắng"  # without diacritics


def test_refused_add_lists_problems_and_exits_1(gaz: Path) -> None:
    res = run("add", "--type", "person", "--id", "person.vn.c", "--vi", "C", "--parent", "vn.prov.nope",
              "-g", str(gaz))
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"{gaz / 'persons.jsonl'}:2: parent 'vn.prov.nope' is not the id of any entry (hint: correct the id or add"
        " the missing entry (`corridor-ie gazetteer search NAME` finds ids))",
        "corridor-ie: error: not written: the change would add 1 problem(s) to the gazetteer (see the problems"
        " listed; nothing was changed)",
    ]


def test_show_unknown_id(gaz: Path) -> None:
    res = run("show", "person.vn.bui-van-kang", "-g", str(gaz))
    assert res.exit_code == 2
    assert res.stderr == ("corridor-ie: error: no entry with id 'person.vn.bui-van-kang' "
                          "(did you mean person.vn.bui-van-khang?)\n")


def test_every_command_help_has_an_example() -> None:
    for cmd in gazetteer_app.registered_commands:
        assert "Example: corridor-ie gazetteer " in (cmd.callback.__doc__ or ""), cmd.name


@pytest.mark.slow
def test_suggest_end_to_end_on_the_examples(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    res = run("suggest", str(REPO / "examples" / "vi"), "-o", str(out))
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    khang = [r for r in rows if r["name"] == "Bùi Văn Kháng"]
    assert khang, rows
    assert khang[0]["action"] == "alias" and khang[0]["nearest_id"] == "person.vn.bui-van-khang"
    text = run("suggest", str(REPO / "examples" / "vi" / "joint-committee-14.txt")).stdout
    assert "Bùi Văn Kháng → alias of Bùi Văn Khắng (person.vn.bui-van-khang), 0.92" in text
