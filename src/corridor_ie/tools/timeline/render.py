"""A timeline as a terminal table (rich), Markdown, CSV or JSON.

The CSV has one column per field and the sectors as ``sector=count`` pairs joined by ``;``; the JSON is
the :class:`~.rows.Timeline` model (with every document's name).

Example:
    >>> from .rows import Timeline, TimelineRow
    >>> t = Timeline(series_id="x", series_name=None, series_status="known", sectors=["tourism"], rows=[
    ...     TimelineRow(key="1", edition=1, year=2023, event_id="x#1", status="reported", date="2023-11-13",
    ...                 start_date="2023-11-13", end_date=None, host="Hà Nội", location=None, format=None,
    ...                 documents=2, reported_in=1, document_names=["a", "b"], officials=3, commitments=1,
    ...                 sectors={"tourism": 1})])
    >>> print(render_csv(t), end="")
    key,edition,year,status,start_date,end_date,host,location,format,documents,reported_in,officials,commitments,sectors
    1,1,2023,reported,2023-11-13,,Hà Nội,,,2,1,3,1,tourism=1
"""

from __future__ import annotations

import csv
import io
import json

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .rows import Timeline, TimelineRow

COLUMNS = ("key", "edition", "year", "status", "start_date", "end_date", "host", "location", "format", "documents",
           "reported_in", "officials", "commitments", "sectors")


def _sectors(r: TimelineRow) -> str:
    return ";".join(f"{s}={n}" for s, n in sorted(r.sectors.items(), key=lambda kv: (-kv[1], kv[0])))


def sectors_text(r: TimelineRow) -> str:
    """``"health 13, tourism 7"``: the sectors committed, most committed first."""
    return ", ".join(f"{s} {n}" for s, n in sorted(r.sectors.items(), key=lambda kv: (-kv[1], kv[0])))


def _cells(r: TimelineRow) -> list[str]:
    data = r.model_dump()
    return [_sectors(r) if c == "sectors" else "" if data[c] is None else str(data[c]) for c in COLUMNS]


def title(t: Timeline) -> str:
    name = f"{t.series_name} ({t.series_id})" if t.series_name else t.series_id
    kind = ", a provisional series" if t.series_status == "provisional" else ""
    return f"{name}{kind}: {count(t)}"


def count(t: Timeline) -> str:
    """``"4 editions or meetings"``."""
    n = len(t.rows)
    return f"{n} edition{'s' if n != 1 else ''} or meeting{'s' if n != 1 else ''}"


def render_csv(t: Timeline) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(_cells(r) for r in t.rows)
    return out.getvalue()


def render_json(t: Timeline) -> str:
    return json.dumps(t.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def render_markdown(t: Timeline) -> str:
    header = ["edition", "date", "status", "host", "location", "format", "documents", "officials", "commitments",
              "sectors committed"]
    lines = [f"# Timeline: {title(t)}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in t.rows:
        cells = [r.key, r.date or "—", r.status or "—", r.host or "—", r.location or "—", r.format or "—",
                 f"{r.documents} ({r.reported_in} reporting)", str(r.officials), str(r.commitments),
                 sectors_text(r) or "—"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def render_table(t: Timeline, console: Console) -> None:
    """Print the timeline as a rich table, as wide as the console (text printed as text, never markup)."""
    console.print(Text(title(t), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, padding=(0, 1),
                  collapse_padding=True)
    for h, width in (("edition", 7), ("date", 10), ("status", 10), ("host / location", 1.0), ("docs", 4),
                     ("off.", 4), ("com.", 4), ("sectors committed", 2.6)):
        if isinstance(width, int):
            table.add_column(Text(h), width=width, overflow="fold")
        else:
            table.add_column(Text(h), ratio=int(width * 10), overflow="fold")
    for r in t.rows:
        place = " / ".join(dict.fromkeys(x for x in (r.host, r.location) if x)) or "—"
        table.add_row(*(Text(c) for c in (
            r.key, r.date or "—", r.status or "—", place, str(r.documents), str(r.officials), str(r.commitments),
            sectors_text(r) or "—")))
    console.print(table)
