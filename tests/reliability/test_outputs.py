"""No lost records: ``--resume`` after a cut output, output paths refused up front, a lock per output,
an existing output untouched by a run that fails to start, a device or FIFO never removed.

The table of cases and exact messages is ``tests/reliability/README.md`` (round 2, outputs)."""

from __future__ import annotations

import json
import os
import stat
from collections import Counter
from pathlib import Path

import pytest
from filelock import FileLock
from tests.reliability.kit import cli, example_corpus, one_error_line, records, write_good


def _lines(path: Path) -> Counter:
    return Counter(path.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example corpus and its output from one uninterrupted run."""
    base = tmp_path_factory.mktemp("clean")
    corpus = example_corpus(base / "corpus")
    out = base / "full.jsonl"
    r = cli("extract", corpus, "-o", out, "-q")
    assert r.exit_code == 0, r.stderr
    return corpus, out


@pytest.mark.parametrize("cut", [200, 4000])
def test_resume_after_a_cut_output_gets_every_record_back(tmp_path: Path, clean_run, cut: int) -> None:
    corpus, full = clean_run
    data = full.read_bytes()
    out = tmp_path / "cut.jsonl"
    out.write_bytes(data[:-cut])  # head -c -CUT: a full disk, a killed copy
    lost = len(data.splitlines()) - len(data[:-cut].split(b"\n")) + 1
    assert lost >= 1
    r = cli("extract", corpus, "-o", out, "--resume")
    assert r.exit_code == 0, r.stderr
    assert _lines(out) == _lines(full)  # every record back, none twice
    assert "the last line was cut short (no newline); dropped" in r.stderr  # and it says what it dropped
    if cut > 200:  # the cut took whole lines of a document too: the rest of that document is dropped and redone
        assert "whose records were not all written; they are extracted again" in r.stderr


def test_resume_after_a_missing_final_newline_keeps_the_last_record(tmp_path: Path, clean_run) -> None:
    corpus, full = clean_run
    out = tmp_path / "nonl.jsonl"
    out.write_bytes(full.read_bytes().rstrip(b"\n"))
    r = cli("extract", corpus, "-o", out, "--resume")
    assert r.exit_code == 0, r.stderr
    assert _lines(out) == _lines(full)
    assert out.read_bytes().endswith(b"}\n")


def test_every_article_says_how_many_records_its_document_has(clean_run) -> None:
    _, full = clean_run
    rows = records(full)
    per_doc = Counter(r["doc_id"] for r in rows)
    arts = [r for r in rows if r["record_type"] == "article"]
    assert len(arts) == 4 and any(a["relevant"] is False for a in arts)  # the unrelated page's stub counts too
    assert {a["doc_id"]: a["record_count"] for a in arts} == {a["doc_id"]: per_doc[a["doc_id"]] for a in arts}


@pytest.mark.parametrize(("bad", "why"), [
    (b"this is not json\n", "not valid JSON"),
    (b"\xff\xfe\x00garbage\n", "not UTF-8"),
    (b"[1, 2, 3]\n", "not a record"),
    (b"[" * 50_000 + b"]" * 50_000 + b"\n", "nested too deeply"),
])
def test_resume_onto_a_damaged_output_is_refused_with_file_and_line(tmp_path: Path, clean_run, bad: bytes,
                                                                    why: str) -> None:
    corpus, full = clean_run
    out = tmp_path / "damaged.jsonl"
    lines = full.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:3]) + bad + b"".join(lines[3:]))
    before = out.read_bytes()
    msg = one_error_line(cli("extract", corpus, "-o", out, "--resume"))
    assert msg.startswith(f"{out}:4: ") and why in msg, msg
    assert out.read_bytes() == before


def _refused(tmp_path: Path, *args: str | Path) -> str:
    return one_error_line(cli("extract", *args))


def test_output_equal_to_an_input_is_refused_and_the_input_untouched(tmp_path: Path) -> None:
    (a, b) = write_good(tmp_path / "in")
    before = a.read_bytes()
    msg = _refused(tmp_path, a, b, "-o", a)
    assert msg == f"-o {a} is the input file {a} (it would be overwritten; write it elsewhere)"
    assert a.read_bytes() == before


def test_output_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_good(folder)
    msg = _refused(tmp_path, folder, "-o", folder / "sub" / "out.jsonl")
    assert msg == f"-o {folder / 'sub' / 'out.jsonl'} is inside the input folder {folder} (it would be read as " \
                  "input; write it elsewhere)"
    assert sorted(p.name for p in folder.iterdir()) == ["good-1.txt", "good-2.txt"]


def test_errors_equal_to_output_is_refused(tmp_path: Path) -> None:
    (a, _) = write_good(tmp_path / "in")
    out = tmp_path / "o.jsonl"
    msg = _refused(tmp_path, a, "-o", out, "--errors", out)
    assert msg == f"--errors {out} is the same file as -o (give two different files)"
    assert not out.exists()


def test_output_a_folder_is_refused(tmp_path: Path) -> None:
    (a, _) = write_good(tmp_path / "in")
    folder = tmp_path / "outdir"
    folder.mkdir()
    assert _refused(tmp_path, a, "-o", folder) == f"-o {folder} is a directory (give a file name for -o)"
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files and folders")
def test_read_only_output_is_refused(tmp_path: Path) -> None:  # pragma: no cover - as root
    (a, _) = write_good(tmp_path / "in")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert "read-only or no permission" in _refused(tmp_path, a, "-o", ro / "o.jsonl")
    finally:
        ro.chmod(0o700)


def test_output_under_a_file_is_refused(tmp_path: Path) -> None:
    """What a read-only place is for root too: a path under a regular file can never be written."""
    (a, _) = write_good(tmp_path / "in")
    msg = _refused(tmp_path, a, "-o", a / "o.jsonl")
    assert msg == f"-o {a / 'o.jsonl'}: {a} is not a folder (give another path for -o)"
    assert a.is_file()


def test_errors_into_a_fifo_is_written_and_never_removed(tmp_path: Path) -> None:
    """A non-regular errors file (``/dev/null``, a FIFO) is written in place and never unlinked; an
    empty regular one is removed only when this run created it."""
    (a, _) = write_good(tmp_path / "in")
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    fifo = tmp_path / "errors.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that a writer never blocks
    try:
        r = cli("extract", a, empty, "-o", tmp_path / "o.jsonl", "--errors", fifo)
        assert r.exit_code == 1, r.stderr
        got = os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [json.loads(x)["reason"] for x in got.splitlines()] == ["empty file"]
    r = cli("extract", a, "-o", tmp_path / "o2.jsonl", "--errors", fifo)  # no error: nothing to write,
    assert r.exit_code == 0 and stat.S_ISFIFO(os.lstat(fifo).st_mode)  # and the FIFO stays


def test_a_setup_failure_leaves_an_existing_output_unchanged(tmp_path: Path) -> None:
    (a, _) = write_good(tmp_path / "in")
    out = tmp_path / "o.jsonl"
    out.write_text('{"record_type": "article", "doc_id": "kept"}\n', encoding="utf-8")
    errors = tmp_path / "o.errors.jsonl"
    errors.write_text('{"record_type": "error", "doc_id": "kept"}\n', encoding="utf-8")
    before = (out.read_bytes(), errors.read_bytes())
    msg = _refused(tmp_path, a, "-o", out, "--engine", "dask", "--scheduler", "")
    assert msg.startswith("--scheduler is empty")
    assert (out.read_bytes(), errors.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "o.errors.jsonl", "o.jsonl"]


def test_a_second_run_on_a_locked_output_is_refused(tmp_path: Path) -> None:
    (a, b) = write_good(tmp_path / "in")
    out = tmp_path / "o.jsonl"
    assert cli("extract", a, "-o", out, "-q").exit_code == 0
    before = out.read_bytes()
    with FileLock(str(tmp_path / ".o.jsonl.lock"), timeout=0):  # what a run in progress holds
        msg = _refused(tmp_path, b, "-o", out, "--resume")
    assert msg.startswith(f"{out} is being written by another corridor-ie run")
    assert out.read_bytes() == before
    r = cli("extract", b, "-o", out, "--resume", "-q")  # once it is released, the run goes on
    assert r.exit_code == 0 and len(records(out)) > len(before.splitlines())


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")


@needs_dev_full
def test_output_to_a_full_device_is_one_line_and_writes_nothing_beside_it(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """``/dev/full`` answers every write with ENOSPC, as a full disk does."""
    (a, _) = write_good(tmp_path / "in")
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    msg = _refused(tmp_path, a, empty, "-o", "/dev/full")
    assert msg == "/dev/full: cannot write (No space left on device) (make room or choose another output)"
    assert not Path("/dev/full.errors.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@needs_dev_full
def test_a_full_disk_keeps_the_output_and_resume_finishes_it(tmp_path: Path) -> None:
    (a, b) = write_good(tmp_path / "in")
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "o.jsonl"
    out.write_text('{"record_type": "article", "doc_id": "old"}\n', encoding="utf-8")
    msg = _refused(tmp_path, a, empty, b, "-o", out, "--errors", "/dev/full")  # the errors file is on the full disk
    assert msg == (f"/dev/full: cannot write (No space left on device) ({out} is unchanged; {out}.partial holds "
                   "the 1 document(s) written before: make room, then rerun with --resume to continue from it)")
    assert out.read_text(encoding="utf-8") == '{"record_type": "article", "doc_id": "old"}\n'
    r = cli("extract", a, empty, b, "-o", out, "--resume")  # room again: the .partial takes the output's place
    assert r.exit_code == 1, r.stderr
    assert sorted(Path(x["source"]["path"]).name for x in records(out) if x["record_type"] == "article") == \
        ["good-1.txt", "good-2.txt"]
    assert not Path(f"{out}.partial").exists()
