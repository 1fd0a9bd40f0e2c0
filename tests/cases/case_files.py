"""Reading a data-driven case file (JSON Lines, one case per line) into pytest parameters.

A case has a unique ``id``; ``known_failure: true`` runs it as a strict xfail (its ``note`` is the reason),
so fixing the behaviour makes the suite fail until the flag is removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def case_params(path: Path) -> list:
    return [
        pytest.param(case, id=case["id"],
                     marks=[pytest.mark.xfail(strict=True, reason=case.get("note", ""))]
                     if case.get("known_failure") else [])
        for case in load_cases(path)
    ]
