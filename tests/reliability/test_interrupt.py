"""Ctrl-C (SIGINT) and SIGTERM: exit 130, a one-line "interrupted … --resume" message, an output of
complete records only, and ``--resume`` finishing it into exactly what an uninterrupted run writes.

The real ``corridor-ie`` script runs as a subprocess. (SIGKILL + resume is in tests/cli/test_scale.py.)
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corridor_ie.records import RECORD_ADAPTER

REPO = Path(__file__).resolve().parents[2]
EX = REPO / "examples"
SCRIPT = Path(sys.executable).parent / "corridor-ie"
COPIES = 8

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def make_corpus(d: Path) -> int:
    """~60 distinct documents (distinct bytes, so distinct doc ids) made from the examples."""
    d.mkdir()
    singles = sorted(p for p in EX.rglob("*") if p.suffix in (".txt", ".html"))
    n = 0
    for i in range(COPIES):
        for src in singles:
            data = src.read_bytes()
            # an HTML comment or trailing blank lines: other bytes, the same article
            data = data + (f"<!-- copy {i} -->".encode() if src.suffix == ".html" else b"\n" * (i + 1))
            (d / f"{i:02d}-{src.parent.name}-{src.name}").write_bytes(data)
            n += 1
    for i in range(2):
        lines = [json.loads(x) for x in (EX / "batch" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
        body = "".join(json.dumps({**obj, "copy": i}, ensure_ascii=False) + "\n" for obj in lines)
        (d / f"{i:02d}-batch.jsonl").write_text(body, encoding="utf-8")
        n += len(lines)
    return n


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, bytes]:
    """The corpus, its number of documents, and the output of a clean, uninterrupted run."""
    base = tmp_path_factory.mktemp("interrupt")
    d = base / "corpus"
    n = make_corpus(d)
    out = base / "clean.jsonl"
    r = subprocess.run([str(SCRIPT), "extract", str(d), "-o", str(out)], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith(f"documents: {n} read, {n} extracted, 0 failed;")
    return d, n, out.read_bytes()


def article_count(path: Path) -> int:
    if not path.exists():
        return 0
    return path.read_bytes().count(b'{"record_type":"article"')


def partial_of(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def check_complete_records(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), "the output ends in a partial line"
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    for r in records:
        RECORD_ADAPTER.validate_python(r)
    assert records and records[0]["record_type"] == "article"
    return records


def interrupted_message(out: Path) -> re.Pattern[str]:
    return re.compile(
        r"corridor-ie: interrupted after (\d+) documents; the output holds complete records only\. "
        rf"Rerun the same command with --resume -o {re.escape(str(out))} to continue\.\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_then_resume_equals_a_clean_run(tmp_path: Path, corpus: tuple[Path, int, bytes], signum: int) -> None:
    d, n, clean = corpus
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "out.errors.jsonl"
    cmd = [str(SCRIPT), "extract", str(d), "-o", str(out), "--workers", "1"]  # the pool case: tests/cli/test_scale.py
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        # a fresh run writes OUT.partial and renames it to OUT when it ends (also when it is stopped)
        while article_count(partial_of(out)) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signum)
        stdout, stderr_b = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = stderr_b.decode("utf-8")
    assert "Traceback" not in stderr and stdout == b""

    if proc.returncode == 1 and errors.exists() and "_Stop" in errors.read_text(encoding="utf-8"):
        pytest.xfail("runner._Stop subclasses Exception: a signal that arrives while a document is processed is "
                     "caught by pipeline.process_document's `except Exception` and recorded as that document's "
                     "error, and the run goes on (see test_signal_during_a_document_stops_the_run)")

    assert proc.returncode == 130, stderr
    m = interrupted_message(out).fullmatch(stderr)
    assert m, stderr
    records = check_complete_records(out)
    written = sum(r["record_type"] == "article" for r in records)
    assert 3 <= written <= int(m.group(1)) < n
    assert clean.startswith(out.read_bytes())  # what was written is exactly the clean run's beginning
    assert not errors.exists()

    r = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    rest = n - written
    assert r.stderr.startswith(f"documents: {rest} read, {rest} extracted, 0 failed;")
    assert out.read_bytes() == clean


# --- the same, in-process and deterministic ---------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_a_document_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str], signum: int) -> None:
    import corridor_ie.segment.stage as segment_mod
    from corridor_ie.cli.extract import extract_and_report
    from corridor_ie.runner import ExtractOptions

    d = tmp_path / "corpus"
    d.mkdir()
    for i, name in enumerate(["vi/joint-committee-14.txt", "en/corridor-10-hanoi.en.txt", "vi/lao-cai-gms-forum.txt"]):
        (d / f"{i}.txt").write_bytes((EX / name).read_bytes())
    real = segment_mod.make_language
    calls = []
    run_pid = os.getpid()  # the process running extract (documents run in a worker process it forks)

    def make_language_that_gets_interrupted(options, shared):
        inner = real(options, shared)

        def language(clean):
            calls.append(clean.doc_id)
            if clean.source.path.endswith("1.txt"):
                os.kill(run_pid, signum)  # arrives while the second document is being processed
            return inner(clean)

        return language

    monkeypatch.setattr(segment_mod, "make_language", make_language_that_gets_interrupted)
    out = tmp_path / "out.jsonl"
    # one worker process: "the documents before it" are then well defined (with more, they run side by side)
    code = extract_and_report(ExtractOptions(inputs=[str(d)], output=out, workers=1))
    err = capsys.readouterr().err
    assert code == 130
    assert interrupted_message(out).fullmatch(err), err
    assert not (tmp_path / "out.errors.jsonl").exists()
    records = check_complete_records(out)
    assert [r["source"]["path"] for r in records if r["record_type"] == "article"] == [str(d / "0.txt")]
