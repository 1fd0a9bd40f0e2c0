"""Choose the diff mode from the command's arguments and compute the report.

Series mode stages the records on disk (:class:`~corridor_ie.tools.consolidate.RecordStore`) and
consolidates only the chosen series, so a large records file is compared in bounded memory.
"""

from __future__ import annotations

from pathlib import Path

from corridor_ie.errors import SetupError

from ..consolidate import RecordStore
from ..series import EditionKey, find_event, resolve_series
from .editions import diff_editions
from .models import RunsDiff, SeriesDiff
from .runs import diff_runs


def run_diff(inputs: list[Path], series: str | None = None, old_edition: str | int | None = None,
             new_edition: str | int | None = None) -> SeriesDiff | RunsDiff:
    """Pick the mode from the arguments and compute the diff; bad input raises :class:`SetupError`."""
    if series is None:
        if old_edition is not None or new_edition is not None:
            raise SetupError("--from/--to need --series")
        if len(inputs) != 2:
            raise SetupError(f"expected OLD.jsonl NEW.jsonl, got {len(inputs)} files",
                             hint="or compare editions with --series SERIES --from N --to M")
        for p in inputs:
            if not p.is_file():
                raise SetupError("is a folder, not a records file" if p.is_dir() else "no such file", location=str(p))
        return diff_runs(inputs[0], inputs[1])
    if old_edition is None or new_edition is None:
        raise SetupError("--series needs --from and --to editions", hint="e.g. --from 9 --to 10")
    old_key, new_key = EditionKey.parse(old_edition), EditionKey.parse(new_edition)
    with RecordStore() as store:
        series_id, _ = resolve_series(store.load(inputs).series(), series)
        views = list(store.views(series_id))
    return diff_editions(find_event(views, series_id, old_key), find_event(views, series_id, new_key))
