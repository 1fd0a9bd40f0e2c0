"""Hard limits, under every engine: a document stuck in C code past ``max_seconds`` (where no Python
timer can reach it) is killed with its worker process, and the next documents are processed; a document
that needs more than ``max_memory_mb`` is one error line and its worker is replaced.

The stuck document is simulated by wrapping ``pipeline.run_stages`` in this process (worker processes
are forked from it, so they run the wrapper): ``sum(range(...))`` runs in C without ever returning to
the interpreter, as libxml2 or a regular expression would.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from tests.reliability.kit import REPO, articles_by_path, cli, errors_by_path, write_good

import corridor_ie.pipeline as pipeline_module


def _pipeline(tmp_path: Path, seconds: float = 1.0, memory_mb: int = 1024) -> Path:
    text = (REPO / "pipelines" / "default.toml").read_text(encoding="utf-8")
    text = text.replace('gazetteers = ["../gazetteers"]', f'gazetteers = ["{REPO / "gazetteers"}"]')
    text = text.replace("max_seconds = 60.0", f"max_seconds = {seconds}\nmax_memory_mb = {memory_mb}")
    p = tmp_path / "limits.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def hostile_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document with ``STUCK`` never leaves C code; one with ``GREEDY`` asks for 2 GB."""
    real = pipeline_module.run_stages

    def run_stages(raw, res, *args, **kwargs):
        if "STUCK" in raw.content:
            sum(range(10**14))  # minutes in C; SIGALRM handlers and async exceptions wait for it
        if "GREEDY" in raw.content:
            hog = bytearray(2 << 30)
            hog[::4096] = b"x" * len(hog[::4096])
        return real(raw, res, *args, **kwargs)

    monkeypatch.setattr(pipeline_module, "run_stages", run_stages)


def _inputs(tmp_path: Path, marker: str) -> list[Path]:
    a, b = write_good(tmp_path / "in")
    bad = tmp_path / "in" / "bad.txt"
    bad.write_text(f"{marker}: tỉnh Lào Cai và tỉnh Vân Nam họp bàn hợp tác.\n", encoding="utf-8")
    return [a, bad, b]


def _check(tmp_path: Path, r, reason: str) -> None:
    out, errors = tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl"
    assert r.exit_code == 1, r.stderr
    assert sorted(articles_by_path(out)) == ["good-1.txt", "good-2.txt"]  # the documents after it too
    errs = errors_by_path(errors)
    assert list(errs) == ["bad.txt"] and errs["bad.txt"]["reason"] == reason, errs
    for line in out.read_text(encoding="utf-8").splitlines():
        json.loads(line)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_document_stuck_in_c_code_is_killed_local_engine(tmp_path: Path, hostile_stage, workers: str) -> None:
    started = time.monotonic()
    r = cli("extract", *_inputs(tmp_path, "STUCK"), "-o", tmp_path / "out.jsonl", "-p", _pipeline(tmp_path),
            "-w", workers)
    _check(tmp_path, r, "processing took over 1 s (limit max_seconds)")
    assert time.monotonic() - started < 30  # killed about 2 s after it started (1 s and the grace)


def test_a_document_stuck_in_c_code_is_killed_dask_engine(tmp_path: Path, hostile_stage) -> None:
    from distributed import LocalCluster

    # a cluster in this process (threads), so that its workers run the wrapped stage; each dask worker
    # thread forks the process that runs its documents, as on a real cluster
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        started = time.monotonic()
        r = cli("extract", *_inputs(tmp_path, "STUCK"), "-o", tmp_path / "out.jsonl", "-p", _pipeline(tmp_path),
                "--engine", "dask", "--scheduler", cluster.scheduler_address)
        elapsed = time.monotonic() - started
    _check(tmp_path, r, "processing took over 1 s (limit max_seconds)")
    assert elapsed < 60


def test_a_document_over_the_memory_limit_is_reported(tmp_path: Path, hostile_stage) -> None:
    r = cli("extract", *_inputs(tmp_path, "GREEDY"), "-o", tmp_path / "out.jsonl",
            "-p", _pipeline(tmp_path, seconds=60, memory_mb=300), "-w", "1")
    _check(tmp_path, r, "processing needed more than 300 MB of memory (limit max_memory_mb)")
