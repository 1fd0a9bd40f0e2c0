"""The diff as rich tables on a terminal, wrapped to its width.

Every cell is a :class:`rich.text.Text`, so article text is printed as it is (``[b]`` stays ``[b]``),
never read as rich markup; control characters (terminal escape sequences) are shown as ``\\x1b`` escapes.

Example:
    >>> from io import StringIO
    >>> from rich.console import Console
    >>> from corridor_ie.records import CommitmentRecord, ConferenceRecord
    >>> from corridor_ie.tools.consolidate import consolidate
    >>> from corridor_ie.tools.diff import diff_series
    >>> views = consolidate([ConferenceRecord(doc_id=f"d{e}", event_id=f"s#{e}", series_id="s", series_name=None,
    ...     edition=e, status="reported") for e in (1, 2)] + [CommitmentRecord(doc_id="d2", event_id="s#2",
    ...     action="[b]mở[/b] cửa", sectors=["trade"])])
    >>> out = StringIO()
    >>> render_table(diff_series(views, "s", 1, 2), Console(file=out, width=72))
    >>> "[b]mở[/b] cửa" in out.getvalue(), max(map(len, out.getvalue().splitlines()))
    (True, 72)
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ...review.terminal import printable
from ..models import RunsDiff, SeriesDiff
from .cells import alignment_line, coverage_line, sections, summary_line, title_line

#: the width of each column of each section: an int is fixed, a float is a share of what is left
COLUMNS: dict[str, list[int | float]] = {
    "Coverage": [10, 4.0, 10, 9, 11],
    "Conference fields": [11, 1.0, 1.0, 1.0],
    "Officials": [12, 1.0, 1.5, 1.5, 13],
    "Commitments": [12, 5, 0.6, 1.0, 1.0],
    "Documents": [10, 1.0, 8, 1.0],
}


def render_table(d: SeriesDiff | RunsDiff, console: Console) -> None:
    """Print the diff as rich tables (one per section that has rows), as wide as the console."""
    console.print(Text(printable(title_line(d)), style="bold"))
    if isinstance(d, SeriesDiff):
        console.print(Text(printable(alignment_line(d))))
    for title, (header, rows) in sections(d).items():
        if not rows:
            continue
        table = Table(title=Text(title, style="bold"), title_justify="left", show_lines=True, expand=True)
        for h, width in zip(header, COLUMNS[title], strict=True):
            if isinstance(width, int):
                table.add_column(Text(h), overflow="fold", width=width)
            else:
                table.add_column(Text(h), overflow="fold", ratio=int(width * 10))
        for row in rows:
            table.add_row(*(Text(printable(cell)) for cell in row))
        console.print(table)
        if title == "Coverage":
            console.print(Text(printable(coverage_line(d))))  # type: ignore[arg-type]
    console.print(Text(summary_line(d) if d.has_changes else "no differences"))
