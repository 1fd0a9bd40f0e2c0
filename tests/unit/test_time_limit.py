"""The per-document time limit holds in a worker thread too (dask runs documents in one)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from corridor_ie.pipeline import _time_limit, _Timeout


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


@pytest.mark.parametrize("in_thread", [False, True], ids=["main-thread", "worker-thread"])
def test_time_limit_interrupts_python_code(in_thread):
    def run() -> str:
        try:
            with _time_limit(0.05):
                _busy(5)
        except _Timeout:
            return "timed out"
        return "finished"

    if in_thread:
        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(run).result(timeout=10) == "timed out"
    else:
        assert run() == "timed out"


def test_a_limit_swallowed_by_library_code_is_raised_again_in_a_worker_thread():
    def run() -> str:
        try:
            with _time_limit(0.05):
                try:
                    _busy(0.5)
                except BaseException:  # noqa: BLE001 - what a careless library does
                    pass
                _busy(5)
        except _Timeout:
            return "timed out"
        return "finished"

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(run).result(timeout=10) == "timed out"


def test_a_block_that_ends_in_time_is_never_interrupted_later():
    def run() -> str:
        with _time_limit(0.05):
            pass
        _busy(0.2)  # past the limit, outside the block: nothing may be raised here
        return "finished"

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(run).result(timeout=10) == "finished"


def test_a_document_over_the_limit_in_a_worker_thread_is_one_error_line():
    from dataclasses import replace

    from corridor_ie.api import raw_text, resources
    from corridor_ie.pipeline import process_document

    res = resources()
    tight = replace(res, config=res.config.model_copy(
        update={"limits": res.config.limits.model_copy(update={"max_seconds": 0.001})}))
    raw = raw_text("Tỉnh Lào Cai và tỉnh Vân Nam (Trung Quốc) họp tại cửa khẩu Hà Khẩu. " * 400)
    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(process_document, raw, tight).result(timeout=60)
    assert result.records == [], result.errors
    assert [(e.code, e.reason) for e in result.errors] == [
        ("E202", "processing took over 0.001 s (limit max_seconds)")]
