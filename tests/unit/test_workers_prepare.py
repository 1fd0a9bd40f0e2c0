"""The worker processes' answer "I lack something" (a stage not built yet): the parent prepares it, forks
fresh workers that inherit it, and the item runs again; results stay in input order."""

from __future__ import annotations

import os

import pytest

from corridor_ie.workers import HardLimits, Supervisor, available

pytestmark = pytest.mark.skipif(not available(), reason="needs os.fork")


def test_what_the_parent_prepares_reaches_the_workers_and_the_item_runs_again() -> None:
    built: set[int] = set()  # the parent's state; a worker sees it as it was when it was forked
    asked: list[int] = []

    def work(item: int, trace: list) -> tuple:
        stage = item % 3
        return ("needs", stage) if stage not in built else ("done", item, os.getpid())

    def prepare(result: tuple) -> bool:
        if result[0] != "needs":
            return False
        asked.append(result[1])
        built.add(result[1])
        return True

    with Supervisor(work, 2, HardLimits(30), on_stopped=lambda s: ("stopped",), on_memory=lambda i: ("memory",),
                    prepare=prepare) as pool:
        out = list(pool.imap(range(12)))
    assert [r[:2] for r in out] == [("done", i) for i in range(12)]
    assert built == {0, 1, 2} and len(asked) <= 6  # each stage asked for by a worker forked before it was built
    assert os.getpid() not in {r[2] for r in out}  # the items ran in worker processes


def test_a_worker_that_keeps_asking_is_an_error_not_a_loop() -> None:
    with Supervisor(lambda item, trace: ("needs", 0), 1, HardLimits(30), on_stopped=lambda s: None,
                    on_memory=lambda i: None, prepare=lambda result: True) as pool, \
            pytest.raises(RuntimeError, match="kept asking"):
        list(pool.imap([1]))
