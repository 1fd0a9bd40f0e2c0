"""Scale: every engine writes the same bytes, and an interrupted run resumes to the same output.

The subprocess tests run ``corridor-ie extract`` over a corpus of about 40 documents derived from
``examples/`` (each copy made unique by one appended sentence), stop it as soon as its first lines
appear, and compare what a resumed run leaves with an uninterrupted run's output.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corridor_ie.errors import SetupError
from corridor_ie.runner import ExtractOptions, run_extract

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COPIES = 6
CLI = [sys.executable, "-c", "from corridor_ie.cli import main; main()"]


def _extract_examples(tmp_path: Path, name: str, **options) -> tuple[int, Path]:
    out = tmp_path / f"{name}.jsonl"
    code = run_extract(ExtractOptions(inputs=[str(EXAMPLES)], output=out, quiet=True, **options)).exit_code
    return code, out


def test_one_and_two_workers_write_identical_files(tmp_path):
    code1, out1 = _extract_examples(tmp_path, "w1", workers=1)
    code2, out2 = _extract_examples(tmp_path, "w2", workers=2)
    assert code1 == code2 == 0
    assert out1.read_bytes() == out2.read_bytes()
    assert out1.read_bytes().count(b'{"record_type":"article"') == 10


def test_workers_default_to_the_cores_this_process_may_use(monkeypatch):
    from corridor_ie import runner

    monkeypatch.setattr(runner.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert runner.available_cores() == 3
    seen = {}
    monkeypatch.setattr(runner, "run_documents", lambda items, res, workers, pipeline_path, **kw: seen.setdefault(
        "workers", workers) and iter(()))
    runner._results(iter(()), None, ExtractOptions(inputs=[]))
    assert seen == {"workers": 3}


def test_an_input_smaller_than_one_round_of_work_runs_without_a_pool(monkeypatch):
    import multiprocessing

    from corridor_ie.api import raw_text, resources
    from corridor_ie.pipeline import run_documents

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    items = [raw_text(f"Tỉnh Lào Cai và tỉnh Vân Nam họp lần {i}.") for i in range(3)]
    results = list(run_documents(items, resources(), workers=2, chunksize=4))
    assert [r.doc_id for r in results] == [i.doc_id for i in items]
    with pytest.raises(AssertionError, match="a worker pool was started"):
        list(run_documents(items * 3, resources(), workers=2, chunksize=4))


@pytest.mark.slow
def test_dask_engine_writes_identical_file(tmp_path):
    code1, out1 = _extract_examples(tmp_path, "w1")
    code_d, out_d = _extract_examples(tmp_path, "dask", engine="dask", batch=3)
    assert code1 == code_d == 0
    assert out1.read_bytes() == out_d.read_bytes()


def test_unknown_engine_is_a_setup_error(tmp_path):
    with pytest.raises(SetupError, match="unknown engine 'spark'"):
        run_extract(ExtractOptions(inputs=[str(EXAMPLES)], output=tmp_path / "o.jsonl", engine="spark"))
    assert not (tmp_path / "o.jsonl").exists()


# --- interrupted runs -----------------------------------------------------------------------------


def _unique(path: Path, i: int) -> bytes:
    text = path.read_text(encoding="utf-8")
    line = f"Mã tin kiểm thử số {i}."
    if path.suffix == ".html":
        return text.replace("</body>", f"<p>{line}</p></body>", 1).encode("utf-8")
    return (text.rstrip("\n") + f"\n{line}\n").encode("utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path, int]:
    """(corpus folder, output of an uninterrupted run, number of documents)."""
    root = tmp_path_factory.mktemp("scale")
    folder = root / "corpus"
    folder.mkdir()
    sources = sorted(p for p in EXAMPLES.rglob("*") if p.suffix in (".txt", ".html"))
    n = 0
    for i in range(COPIES):
        for src in sources:
            (folder / f"{i:02d}-{src.name}").write_bytes(_unique(src, n))
            n += 1
    clean = root / "clean.jsonl"
    r = subprocess.run([*CLI, "extract", str(folder), "-o", str(clean), "-q"], capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert _articles(clean.read_bytes()) == n
    return folder, clean, n


def _articles(data: bytes) -> int:
    return data.count(b'{"record_type":"article"')


def _start_and_wait_for_lines(folder: Path, out: Path, *extra: str) -> subprocess.Popen:
    p = subprocess.Popen([*CLI, "extract", str(folder), "-o", str(out), "-q", *extra],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    partial = _partial(out)  # a fresh run writes OUT.partial, renamed to OUT when it ends or is stopped
    while time.monotonic() < deadline:
        if partial.exists() and partial.stat().st_size > 0:
            break
        if p.poll() is not None:
            pytest.fail(f"the run ended before writing anything: {p.stderr.read().decode()}")
        time.sleep(0.002)
    assert p.poll() is None, "the run finished before it could be interrupted"
    return p


def _partial(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def _assert_complete_lines(data: bytes) -> None:
    assert data.endswith(b"\n")
    for line in data.decode("utf-8").splitlines():
        json.loads(line)


def _resume_and_compare(folder: Path, out: Path, clean: Path) -> None:
    r = subprocess.run([*CLI, "extract", str(folder), "-o", str(out), "-q", "--resume"],
                       capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert out.read_bytes() == clean.read_bytes()


@pytest.mark.slow
def test_resume_after_sigkill_gives_the_uninterrupted_output(tmp_path, corpus):
    folder, clean, n = corpus
    out = tmp_path / "killed.jsonl"
    p = _start_and_wait_for_lines(folder, out)
    p.kill()
    p.wait(timeout=30)
    assert not out.exists()  # a killed fresh run leaves OUT as it was; --resume continues from OUT.partial
    partial = _partial(out).read_bytes()
    cut = partial.rfind(b"\n") + 1  # the kill may land inside a write: a cut last line is dropped on resume
    _assert_complete_lines(partial[:cut])
    assert 0 < _articles(partial[:cut]) < n
    _resume_and_compare(folder, out, clean)
    assert not _partial(out).exists()


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "workers"), [(signal.SIGTERM, 1), (signal.SIGINT, 1), (signal.SIGTERM, 2)],
                         ids=["sigterm", "sigint", "sigterm-2-workers"])
def test_signal_stops_with_complete_lines_and_resumes(tmp_path, corpus, signum, workers):
    folder, clean, n = corpus
    out = tmp_path / "stopped.jsonl"
    p = _start_and_wait_for_lines(folder, out, "--workers", str(workers))
    p.send_signal(signum)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err.decode()
    assert "interrupted after" in err.decode() and f"--resume -o {out}" in err.decode()
    partial = out.read_bytes()
    _assert_complete_lines(partial)
    assert _articles(partial) < n
    _resume_and_compare(folder, out, clean)
