"""Exit codes of ``corridor-ie extract``: 0 all good, 1 some documents failed, 2 usage or setup error.

Setup errors (pipeline, gazetteer, missing input) are one line on stderr, ``file:line: …`` where a line
is known, and are raised before any document is processed: the output file is never created.
The per-document time limit costs only the document that is over it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app

REPO = Path(__file__).resolve().parents[2]
GAZETTEERS = REPO / "gazetteers"
EX = REPO / "examples"
JOINT_TXT = EX / "vi" / "joint-committee-14.txt"
EN_TXT = EX / "en" / "corridor-10-hanoi.en.txt"
STAGES = 'stages = ["read", "extract", "normalise", "clean", "language", "prefilter", "segment", "tag", "assemble"]\n'

runner = CliRunner()


def extract(*args: str | Path):
    r = runner.invoke(app, ["extract", *map(str, args)])
    assert "Traceback" not in r.stdout and "Traceback" not in r.stderr
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def pipeline(tmp_path: Path, body: str, name: str = "p.toml") -> Path:
    """A pipeline file in tmp_path whose gazetteers are the shipped ones unless ``body`` says otherwise."""
    p = tmp_path / name
    if "[tag]" not in body:
        body += f'\n[tag]\ngazetteers = ["{GAZETTEERS}"]\n'
    p.write_text(body, encoding="utf-8")
    return p


def summary(stderr: str) -> str:
    return stderr.split(";")[0]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(JOINT_TXT, d / "a.txt")
    shutil.copy(EN_TXT, d / "b.txt")
    return d


# --- 0 and 1 ----------------------------------------------------------------------------------------


def test_all_good_is_0(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out.jsonl"
    r = extract(corpus, "-o", out)
    assert r.exit_code == 0
    assert summary(r.stderr) == "documents: 2 read, 2 extracted, 0 failed"
    assert "errors in" not in r.stderr and not (tmp_path / "out.errors.jsonl").exists()


def test_some_failed_is_1(tmp_path: Path, corpus: Path) -> None:
    (corpus / "c.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    r = extract(corpus, "-o", out)
    assert r.exit_code == 1
    assert summary(r.stderr) == "documents: 3 read, 2 extracted, 1 failed"
    assert r.stderr.endswith(f"; errors in {tmp_path / 'out.errors.jsonl'}\n")


def test_all_failed_is_1_not_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    r = extract(tmp_path / "a.txt", "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 1
    assert summary(r.stderr) == "documents: 1 read, 0 extracted, 1 failed"
    assert (tmp_path / "out.jsonl").read_text() == ""


def test_empty_folder_is_0(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = extract(tmp_path / "empty", "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 0
    assert summary(r.stderr) == "documents: 0 read, 0 extracted, 0 failed"


# --- 2: usage ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "--bogus", "x"], "No such option: --bogus (see 'corridor-ie extract --help')"),
        (["extract", "-w", "0", "x"],
         "Invalid value for '--workers' / '-w': Input should be greater than or equal to 1 "
         "(see 'corridor-ie extract --help')"),
        (["extract"], "Missing argument 'inputs'. (see 'corridor-ie extract --help')"),
        (["frobnicate"], "No such command 'frobnicate'. (see 'corridor-ie --help')"),
        (["schema", "--bogus"], "No such option: --bogus (see 'corridor-ie schema --help')"),
    ],
)
def test_usage_errors_are_2_and_one_line(args: list[str], message: str) -> None:
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {message}\n"
    assert r.stdout == ""


def test_missing_input_is_2_before_any_document(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out.jsonl"
    r = extract(corpus, tmp_path / "nope", "-o", out)
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {tmp_path / 'nope'}: no such file or directory\n"
    assert not out.exists()


# --- 2: pipeline files ------------------------------------------------------------------------------


def test_pipeline_file_missing_is_2(tmp_path: Path, corpus: Path) -> None:
    p = tmp_path / "nope.toml"
    r = extract(corpus, "-p", p, "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {p}: cannot read pipeline file (No such file or directory)\n"
    assert not (tmp_path / "out.jsonl").exists()


def test_pipeline_file_is_a_directory_is_2(tmp_path: Path, corpus: Path) -> None:
    r = extract(corpus, "-p", tmp_path, "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {tmp_path}: cannot read pipeline file (Is a directory)\n"


def test_pipeline_file_not_utf8_is_2(tmp_path: Path, corpus: Path) -> None:
    p = tmp_path / "p.toml"
    p.write_bytes(b'name = "x"\n# caf\xe9\n' + STAGES.encode())
    r = runner.invoke(app, ["extract", str(corpus), "-p", str(p), "-o", str(tmp_path / "out.jsonl")])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"corridor-ie: error: {p}:2: ") and "UTF-8" in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_pipeline_invalid_toml_is_2_with_line(tmp_path: Path, corpus: Path) -> None:
    p = pipeline(tmp_path, 'name = "x"\n' + STAGES + "[limits\nmax_seconds = 1\n")
    r = extract(corpus, "-p", p, "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"corridor-ie: error: {p}:3: not valid TOML: ")
    assert r.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('name = "x"\n' + STAGES + "workers = 4\n", 3, "workers: Extra inputs are not permitted"),
        ('name = "x"\n' + STAGES + "\n[limits]\nmax_seconds = 5\nmax_pages = 3\n", 6,
         "limits.max_pages: Extra inputs are not permitted"),
        ('name = "x"\n' + STAGES + "\n[limits]\nmax_seconds = 0\n", 5,
         "limits.max_seconds: Input should be greater than 0"),
        ('name = "x"\n' + STAGES + "\n[segment]\nvi = \"pyvi\"\n", 5, "segment.vi: no segmenter 'pyvi' for Vietnamese (known: underthesea)"),
        ('stages = ["read"]\n', 1, "name: Field required"),
    ],
)
def test_pipeline_invalid_key_is_2_with_file_line(tmp_path: Path, corpus: Path, body: str, line: int,
                                                  message: str) -> None:
    p = pipeline(tmp_path, body)
    out = tmp_path / "out.jsonl"
    r = extract(corpus, "-p", p, "-o", out)
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {p}:{line}: {message} (see pipelines/README.md for the keys)\n"
    assert not out.exists()


# --- 2: gazetteer files -----------------------------------------------------------------------------


def gazetteer_copy(tmp_path: Path) -> Path:
    g = tmp_path / "gaz"
    g.mkdir()
    for f in GAZETTEERS.glob("*.jsonl"):
        shutil.copy(f, g / f.name)
    return g


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"id": "vn.prov.x", "type": "province", "names": {"vi": "X"}', "not valid JSON (Expecting ',' delimiter "),
        ('{"id": "vn.prov.x", "type": "planet", "names": {"vi": "X"}}', "type: Input should be 'country', "),
        ('{"id": "Bad Id", "type": "province", "names": {"vi": "X"}}', "id: String should match pattern "),
        ('{"id": "vn.prov.ha-noi", "type": "province", "names": {"vi": "Hà Nội"}}', "duplicate id 'vn.prov.ha-noi' "),
    ],
)
def test_gazetteer_broken_line_is_2_before_any_document(tmp_path: Path, corpus: Path, bad_line: str,
                                                        message: str) -> None:
    g = gazetteer_copy(tmp_path)
    target = g / "places.vn.jsonl"
    text = target.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    n = text.count("\n") + 1
    target.write_text(text + bad_line + "\n", encoding="utf-8")
    p = pipeline(tmp_path, 'name = "x"\n' + STAGES + '[tag]\ngazetteers = ["gaz"]\n')
    out = tmp_path / "out.jsonl"
    r = extract(corpus, "-p", p, "-o", out)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"corridor-ie: error: {target.resolve()}:{n}: {message}")
    assert r.stderr.count("\n") == 1
    assert r.stdout == ""
    assert not out.exists() and not (tmp_path / "out.errors.jsonl").exists()


def test_gazetteer_missing_folder_is_2(tmp_path: Path, corpus: Path) -> None:
    p = pipeline(tmp_path, 'name = "x"\n' + STAGES + '[tag]\ngazetteers = ["nowhere"]\n')
    r = extract(corpus, "-p", p, "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {(tmp_path / 'nowhere').resolve()}: no such gazetteer file or folder\n"


@pytest.mark.parametrize("kind", ["latin1_line", "directory", "dangling_symlink"])
def test_gazetteer_unreadable_file_is_2(tmp_path: Path, corpus: Path, kind: str) -> None:
    g = gazetteer_copy(tmp_path)
    bad = g / "zz.jsonl"
    if kind == "latin1_line":
        bad.write_bytes(b'{"id": "vn.prov.x", "type": "province", "names": {"vi": "caf\xe9"}}\n')
        where = f"{bad.resolve()}:1: "
    elif kind == "directory":
        bad.mkdir()
        where = f"{bad.resolve()}: "
    else:
        bad.symlink_to(tmp_path / "missing.jsonl")
        where = f"{g.resolve() / 'zz.jsonl'}: "
    p = pipeline(tmp_path, 'name = "x"\n' + STAGES + '[tag]\ngazetteers = ["gaz"]\n')
    r = runner.invoke(app, ["extract", str(corpus), "-p", str(p), "-o", str(tmp_path / "out.jsonl")])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"corridor-ie: error: {where}") and r.stderr.count("\n") == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_gazetteer_folder_without_files_is_2(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "gaz").mkdir()
    (tmp_path / "gaz" / "README.md").write_text("nothing here")
    p = pipeline(tmp_path, 'name = "x"\n' + STAGES + '[tag]\ngazetteers = ["gaz"]\n')
    r = runner.invoke(app, ["extract", str(corpus), "-p", str(p), "-o", str(tmp_path / "out.jsonl")])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"corridor-ie: error: {(tmp_path / 'gaz').resolve()}: ")


# --- the per-document time limit --------------------------------------------------------------------

LIMIT_REASON = "processing took over {:g} s (limit max_seconds)"


def test_time_limit_costs_each_document_only(tmp_path: Path) -> None:
    """``max_seconds = 0.001``: every document is over it, each is reported, and the run goes on."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a_long.txt").write_text((JOINT_TXT.read_text(encoding="utf-8") + "\n") * 50, encoding="utf-8")
    shutil.copy(EN_TXT, d / "b_short.txt")
    (d / "c_empty.txt").write_bytes(b"")
    p = pipeline(tmp_path, 'name = "tight"\n' + STAGES + "[limits]\nmax_seconds = 0.001\n")
    out = tmp_path / "out.jsonl"
    r = extract(d, "-p", p, "-o", out)
    assert r.exit_code == 1
    assert summary(r.stderr) == "documents: 3 read, 0 extracted, 3 failed"
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(e["location"]).name, e["code"], e["reason"]) for e in errors] == [
        ("a_long.txt", "E202", LIMIT_REASON.format(0.001)),
        ("b_short.txt", "E202", LIMIT_REASON.format(0.001)),
        ("c_empty.txt", "E201", "empty file"),  # read failures are not timed
    ]
    assert all(e["stage"] in ("extract", "normalise", "clean", "language", "prefilter", "segment", "tag", "assemble")
               for e in errors[:2])
    assert out.read_text() == ""


@pytest.mark.slow
def test_time_limit_lets_later_documents_through(tmp_path: Path) -> None:
    """A document over the limit is dropped; the ones after it are extracted as usual."""
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(JOINT_TXT, d / "a_warm_up.txt")  # pays for loading the models
    (d / "b_long.txt").write_text((JOINT_TXT.read_text(encoding="utf-8") + "\n") * 200, encoding="utf-8")
    shutil.copy(EN_TXT, d / "c_short.txt")
    p = pipeline(tmp_path, 'name = "t"\n' + STAGES + "[limits]\nmax_seconds = 4\n")
    out = tmp_path / "out.jsonl"
    r = extract(d, "-p", p, "-o", out)
    assert r.exit_code == 1
    assert summary(r.stderr) == "documents: 3 read, 2 extracted, 1 failed"
    (err,) = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (Path(err["location"]).name, err["code"], err["reason"]) == ("b_long.txt", "E202", LIMIT_REASON.format(4))
    arts = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(a["source"]["path"]).name for a in arts if a["record_type"] == "article"] == [
        "a_warm_up.txt", "c_short.txt"]


def test_time_limit_survives_a_broad_except_in_a_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import corridor_ie.segment.stage as segment_mod

    real = segment_mod.make_segment

    def make_segment_with_a_library_that_catches_everything(options, shared):
        inner = real(options, shared)

        def segment(doc):
            try:
                time.sleep(1.0)  # the alarm fires here
            except Exception:  # noqa: BLE001 - what trafilatura.core does around its fallbacks
                pass
            return inner(doc)

        return segment

    monkeypatch.setattr(segment_mod, "make_segment", make_segment_with_a_library_that_catches_everything)
    shutil.copy(EN_TXT, tmp_path / "a.txt")
    p = pipeline(tmp_path, 'name = "t"\n' + STAGES + "[limits]\nmax_seconds = 0.2\n")
    r = extract(tmp_path / "a.txt", "-p", p, "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 1
    (err,) = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (err["stage"], err["reason"]) == ("segment", LIMIT_REASON.format(0.2))
