"""Plots of a timeline: the editions on a time axis, and a sector × edition heat map of commitments.

``write_plot(timeline, "out.png")`` writes a PNG; ``write_plot(timeline, "out.html")`` a self-contained
HTML page (an inline SVG of the same figure, a table of the editions, and the data as embedded JSON in
``<script type="application/json" id="timeline-data">``) that opens offline: no script, font or style
is fetched from anywhere.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from .rows import Timeline, TimelineRow
    >>> t = Timeline(series_id="x", series_name="X", series_status="known", sectors=["tourism"], rows=[
    ...     TimelineRow(key="1", edition=1, year=2023, event_id="x#1", status="reported", date="2023-11-13",
    ...                 start_date="2023-11-13", end_date=None, host="Hà Nội", location=None, format=None,
    ...                 documents=2, reported_in=1, document_names=["a"], officials=3, commitments=1,
    ...                 sectors={"tourism": 1})])
    >>> out = Path(tempfile.mkdtemp()) / "t.html"
    >>> write_plot(t, out)
    >>> '"tourism": 1' in out.read_text(encoding="utf-8")
    True
"""

from __future__ import annotations

import html
import io
import json
import textwrap
import warnings
from datetime import date
from pathlib import Path

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from corridor_ie.errors import SetupError

from .render import count, sectors_text
from .rows import Timeline, TimelineRow

STATUS_COLOR = {"reported": "#1f5f99", "planned": "#e08a1e", "referenced": "#b0b0b0", None: "#b0b0b0"}
PLOT_SUFFIXES = (".png", ".html", ".htm")


def when(r: TimelineRow) -> date | None:
    """Where a row sits on the time axis: its start date (a month at its middle, a year at its middle).

    Example:
        >>> when(TimelineRow.model_construct(date="2019")), when(TimelineRow.model_construct(date="2023-11"))
        (datetime.date(2019, 7, 1), datetime.date(2023, 11, 15))
    """
    if not r.date:
        return None
    parts = [int(p) for p in r.date.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else (15 if len(parts) > 1
                                                                                               else 1))


def figure(t: Timeline) -> Figure:
    """The timeline (top) and the sector × edition heat map (bottom) as one matplotlib figure."""
    sectors = t.sectors or ["(no sector)"]
    width = max(8.0, 1.5 + 0.75 * len(t.rows))
    fig = Figure(figsize=(width, 2.8 + 0.32 * len(sectors)), layout="constrained")
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, height_ratios=[2.2, 0.5 + 0.32 * len(sectors)])
    fig.suptitle(textwrap.fill(f"{t.series_name or t.series_id} ({t.series_id})", 110), fontsize=9)
    dated = [(when(r), r) for r in t.rows if when(r)]
    by_edition = all(r.edition is not None for r in t.rows)
    for status in ("reported", "planned", "referenced"):
        pts = [(d, r) for d, r in dated if (r.status or "referenced") == status]
        if pts:
            top.scatter([d for d, _ in pts], [r.edition if by_edition else 0 for _, r in pts],
                        s=[30 + 25 * r.documents for _, r in pts], color=STATUS_COLOR[status], label=status,
                        zorder=3)
    for d, r in dated:
        top.annotate(f"{r.key}" + (f"\n{r.host}" if r.host else ""), (d, r.edition if by_edition else 0),
                     textcoords="offset points", xytext=(0, 9), ha="center", fontsize=7)
    undated = [r.key for r in t.rows if not when(r)]
    top.set_title("editions over time (size: documents)" + (f"; no date: {', '.join(undated)}" if undated else ""),
                  fontsize=8, loc="left")
    top.set_ylabel("edition" if by_edition else "")
    if not by_edition:
        top.set_yticks([])
    top.grid(axis="x", alpha=0.3)
    if dated:
        top.legend(fontsize=7, loc="lower right")
    grid = [[r.sectors.get(s, 0) for r in t.rows] for s in sectors]
    bottom.imshow(grid, aspect="auto", cmap="Blues", vmin=0)
    bottom.set_xticks(range(len(t.rows)), [r.key for r in t.rows], fontsize=8)
    bottom.set_yticks(range(len(sectors)), sectors, fontsize=8)
    bottom.set_title("commitments by sector and edition", fontsize=8, loc="left")
    bottom.set_xlabel("edition" if by_edition else "edition or year", fontsize=8)
    peak = max((max(row) for row in grid), default=0)
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            if n:
                bottom.text(j, i, str(n), ha="center", va="center", fontsize=7,
                            color="white" if n > peak / 2 else "black")
    return fig


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "corridor-ie"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _script_json(t: Timeline) -> str:
    return json.dumps(t.model_dump(mode="json"), ensure_ascii=False, indent=1).replace("</", "<\\/")


def page(t: Timeline) -> str:
    """The self-contained HTML page of a timeline."""
    head = ["edition", "date", "status", "host", "location", "documents", "officials", "commitments", "sectors"]
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in (
            r.key, r.date or "—", r.status or "—", r.host or "—", r.location or "—", r.documents, r.officials,
            r.commitments, sectors_text(r) or "—")) + "</tr>"
        for r in t.rows)
    name = html.escape(t.series_name or t.series_id)
    return (
        "<!DOCTYPE html>\n<html lang='vi'><head><meta charset='utf-8'>"
        f"<title>Timeline: {name}</title><style>body{{font-family:sans-serif;max-width:75em;margin:auto}}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
        "svg{max-width:100%;height:auto}</style></head><body>"
        f"<h1>{name}</h1><p><code>{html.escape(t.series_id)}</code> · {t.series_status} series · "
        f"{count(t)}</p><figure>{_svg(figure(t))}</figure>"
        f"<table><thead><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr></thead><tbody>{rows}</tbody></table>"
        f"<script type='application/json' id='timeline-data'>{_script_json(t)}</script></body></html>\n")


def write_plot(t: Timeline, out: Path) -> None:
    """Write ``out.png`` (a figure) or ``out.html`` (a self-contained page); other suffixes are refused."""
    suffix = out.suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise SetupError(f"cannot plot to {out.name!r}", hint="give a .png or .html file")
    out.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():  # a Chinese name in a Latin font draws as boxes; nothing to warn about
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        if suffix == ".png":
            figure(t).savefig(out, format="png", dpi=110, metadata={"Software": None})
        else:
            out.write_text(page(t), encoding="utf-8")
