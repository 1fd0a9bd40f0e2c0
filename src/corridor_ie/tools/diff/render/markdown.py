"""The diff as a Markdown report."""

from __future__ import annotations

from ..models import RunsDiff, SeriesDiff
from .cells import runs_rows, series_rows, summary_line, title_line


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(d: SeriesDiff | RunsDiff) -> str:
    """The diff as a Markdown report (a heading, one table per section, a summary line).

    Example:
        >>> from corridor_ie.records import ConferenceRecord
        >>> from corridor_ie.tools.consolidate import consolidate
        >>> from corridor_ie.tools.diff import diff_series
        >>> vs = consolidate([ConferenceRecord(doc_id=f"d{e}", event_id=f"e{e}", series_id="s", series_name=None,
        ...     edition=e, status="reported", format=f) for e, f in [(1, "online"), (2, "in_person")]])
        >>> print(render_markdown(diff_series(vs, "s", 1, 2)).splitlines()[6])
        | format | online | in_person |  |
    """
    lines = [f"# Diff: {_md_cell(title_line(d))}", ""]
    sections = series_rows(d) if isinstance(d, SeriesDiff) else runs_rows(d)
    for title, (header, rows) in sections.items():
        if not rows:
            continue
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    lines.append(f"**Summary:** {summary_line(d)}" if d.has_changes else "No differences.")
    return "\n".join(lines) + "\n"

