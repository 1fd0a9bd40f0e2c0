"""The diff as rich tables on a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..models import RunsDiff, SeriesDiff
from .cells import runs_rows, series_rows, summary_line, title_line


def render_table(d: SeriesDiff | RunsDiff, console: Console) -> None:
    """Print the diff as rich tables (one per section that has rows)."""
    console.print(title_line(d), style="bold", markup=False, highlight=False)
    sections = series_rows(d) if isinstance(d, SeriesDiff) else runs_rows(d)
    for title, (header, rows) in sections.items():
        if not rows:
            continue
        table = Table(title=title, show_lines=True, title_justify="left")
        for h in header:
            table.add_column(h, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print(summary_line(d) if d.has_changes else "no differences", markup=False, highlight=False)

