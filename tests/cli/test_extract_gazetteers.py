"""``--gazetteers DIR`` (extract, and the worker pool and dask batch paths it reaches) and the gazetteer
version check of ``--resume``: exit 2 and one line naming both versions, unless ``--allow-mixed-versions``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.config import load_pipeline
from corridor_ie.engines import run_batch
from corridor_ie.pipeline import read_inputs

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
TEXT = ("Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 bế mạc tại Hà Nội. "
        "Phó Chủ tịch UBND tỉnh Quảng Ninh Bùi Văn Kháng phát biểu.\n")


@pytest.fixture()
def work(tmp_path: Path) -> tuple[Path, Path]:
    gaz = tmp_path / "gaz"
    shutil.copytree(REPO / "gazetteers", gaz, ignore=shutil.ignore_patterns("generate", "*.md", "*.py"))
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    return gaz, src


def add_alias(gaz: Path) -> None:
    r = runner.invoke(app, ["gazetteer", "alias", "person.vn.bui-van-khang", "Bùi Văn Kháng", "-g", str(gaz)])
    assert r.exit_code == 0, r.output


def article(out: Path) -> dict:
    return next(json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if '"record_type":"article"' in x)


def khang(rec: dict) -> str:
    return next(e["method"] for e in rec["entities"] if e["text"] == "Bùi Văn Kháng")


def test_extract_uses_the_gazetteer_folder_given(work, tmp_path: Path) -> None:
    gaz, src = work
    add_alias(gaz)
    plain, edited = tmp_path / "plain.jsonl", tmp_path / "edited.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(plain), "-q"]).exit_code == 0
    assert runner.invoke(app, ["extract", str(src), "-o", str(edited), "-q", "--gazetteers", str(gaz)]).exit_code == 0
    a, b = article(plain), article(edited)
    assert khang(a) == "fuzzy" and khang(b) == "gazetteer"
    assert a["gazetteer_version"] != b["gazetteer_version"]


def test_missing_gazetteer_folder_is_a_usage_error(work, tmp_path: Path) -> None:
    _, src = work
    r = runner.invoke(app, ["extract", str(src), "-g", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {tmp_path / 'nope'}: no such gazetteer file or folder\n"
    assert not (tmp_path / "o.jsonl").exists()


def test_resume_refuses_another_gazetteer_version(work, tmp_path: Path) -> None:
    gaz, src = work
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(out), "-q", "-g", str(gaz)]).exit_code == 0
    old = article(out)["gazetteer_version"]
    add_alias(gaz)
    before = out.read_bytes()
    more = tmp_path / "b.txt"
    more.write_text(TEXT.replace("13/11", "14/11"), encoding="utf-8")
    r = runner.invoke(app, ["extract", str(src), str(more), "-o", str(out), "--resume", "-g", str(gaz)])
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith(f"corridor-ie: error: {out} holds records tagged with gazetteer version {old}; this run"
                               " would use version ")
    assert "--allow-mixed-versions" in r.stderr and out.read_bytes() == before
    r = runner.invoke(app, ["extract", str(src), str(more), "-o", str(out), "--resume", "-g", str(gaz),
                            "--allow-mixed-versions", "-q"])
    assert r.exit_code == 0
    versions = [json.loads(x)["gazetteer_version"] for x in out.read_text(encoding="utf-8").splitlines()
                if '"record_type":"article"' in x]
    assert len(versions) == 2 and versions[0] == old and versions[1] != old
    # an output of one version resumes with that version as before
    fresh = tmp_path / "fresh.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(fresh), "-q", "-g", str(gaz)]).exit_code == 0
    assert runner.invoke(app, ["extract", str(src), str(more), "-o", str(fresh), "--resume", "-g", str(gaz),
                               "-q"]).exit_code == 0
    assert len([x for x in fresh.read_text(encoding="utf-8").splitlines() if '"record_type":"article"' in x]) == 2


def test_worker_pool_and_dask_batches_get_the_override(work, tmp_path: Path) -> None:
    gaz, src = work
    add_alias(gaz)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10):  # more than one round of work for two workers: the pool runs
        (corpus / f"{i}.txt").write_text(TEXT.replace("13/11", f"{i + 1}/11"), encoding="utf-8")
    out = tmp_path / "pool.jsonl"
    r = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "-q", "-w", "2", "-g", str(gaz)])
    assert r.exit_code == 0
    arts = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if '"record_type":"article"' in x]
    assert len(arts) == 10 and {khang(a) for a in arts} == {"gazetteer"}
    items = list(read_inputs([str(src)], load_pipeline(None)))
    (result,) = run_batch(items, None, (str(gaz.resolve()),))  # what a dask worker runs
    assert result.lines is not None  # made in a worker process: records come back as JSON lines
    assert khang(json.loads(result.lines[0][1])) == "gazetteer"
