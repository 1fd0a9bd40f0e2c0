"""The editions of a conference series over time: one row per edition (or year) with its dates, host,
location, format, documents, officials and the sectors committed, as a table, Markdown, CSV or JSON,
and plotted (``plot``): the editions on a time axis and a sector × edition heat map, as PNG or as a
self-contained HTML page. Known and provisional series alike.

``corridor-ie timeline RECORDS.jsonl… --series ID [--format table|markdown|csv|json] [--plot out.png|out.html]``

Modules: ``rows`` (the :class:`Timeline` model, built from consolidated event views), ``render``, ``plot``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..consolidate import RecordStore
from ..series import resolve_series
from .plot import write_plot
from .render import render_csv, render_json, render_markdown, render_table
from .rows import Timeline, TimelineRow, build_timeline

__all__ = ["Timeline", "TimelineRow", "build_timeline", "render_csv", "render_json", "render_markdown",
           "render_table", "timeline_files", "write_plot"]


def timeline_files(paths: Iterable[Path], series: str) -> Timeline:
    """The timeline of a series (an id or a unique name substring) from records files; only that series is
    consolidated (records staged on disk)."""
    with RecordStore() as store:
        series_id, _ = resolve_series(store.load(paths).series(), series)
        return build_timeline(store.views(series_id), series_id)
