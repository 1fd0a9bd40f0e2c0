"""Choose the diff mode from the command's arguments and compute the report."""

from __future__ import annotations

from pathlib import Path

from corridor_ie.errors import SetupError

from ..consolidate import consolidate_files
from .editions import diff_series
from .models import RunsDiff, SeriesDiff
from .runs import diff_runs


def run_diff(inputs: list[Path], series: str | None = None, old_edition: int | None = None,
             new_edition: int | None = None) -> SeriesDiff | RunsDiff:
    """Pick the mode from the arguments and compute the diff; bad input raises :class:`SetupError`."""
    if series is None:
        if old_edition is not None or new_edition is not None:
            raise SetupError("--from/--to need --series")
        if len(inputs) != 2:
            raise SetupError(f"expected OLD.jsonl NEW.jsonl, got {len(inputs)} files",
                             hint="or compare editions with --series SERIES --from N --to M")
        for p in inputs:
            if not p.is_file():
                raise SetupError("no such file", location=str(p))
        return diff_runs(inputs[0], inputs[1])
    if old_edition is None or new_edition is None:
        raise SetupError("--series needs --from and --to editions", hint="e.g. --from 9 --to 10")
    return diff_series(consolidate_files(inputs), series, old_edition, new_edition)

