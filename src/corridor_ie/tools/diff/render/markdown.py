"""The diff as a Markdown report: a heading, what each side covers, the conference fields and officials
as tables, the commitments as lists grouped by change with their evidence quoted.

Example:
    >>> from corridor_ie.records import ConferenceRecord
    >>> from corridor_ie.tools.consolidate import consolidate
    >>> from corridor_ie.tools.diff import diff_series
    >>> vs = consolidate([ConferenceRecord(doc_id=f"d{e}", event_id=f"e{e}", series_id="s", series_name=None,
    ...     edition=e, status="reported", format=f) for e, f in [(1, "online"), (2, "in_person")]])
    >>> md = render_markdown(diff_series(vs, "s", 1, 2))
    >>> md.splitlines()[0], "| format | online | in_person | changed |" in md
    ('# Diff: s: edition 1 → 2', True)
"""

from __future__ import annotations

from ..models import CommitmentChange, EditionRef, RunsDiff, SeriesDiff
from .cells import (
    alignment_line,
    change_label,
    coverage,
    field_rows,
    official_rows,
    quote,
    runs_rows,
    score_text,
    side_label,
    summary_line,
    terms,
    title_line,
)

#: (change, the side that does not report it) of each group of commitments, in order
COMMITMENT_GROUPS = (("new", None), ("changed", None), ("carried_over", None), ("dropped", None),
                     ("not_reported", "new"), ("not_reported", "old"))


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows), ""]


def _side(name: str, ref: EditionRef) -> list[str]:
    lines = [f"**{name}: {side_label(ref)}** ({ref.status or 'no conference record'}; {coverage(ref)})", ""]
    for doc in ref.documents:
        date = f", {doc.published}" if doc.published else ""
        lines.append(f"- {_md_cell(doc.name)} — {doc.status or 'officials or commitments only'}{date}: "
                     f"{doc.officials} officials, {doc.commitments} commitments")
    return [*lines, ""] if ref.documents else [*lines[:-1], "- (no document)", ""]


def _commitment(c: CommitmentChange) -> list[str]:
    head = f"- **{', '.join(c.sectors) or 'no sector'}**"
    if c.objects:
        head += f" · {', '.join(c.objects)}"
    if c.match:
        head += f" · score {score_text(c)}"
    if c.notes:
        head += f" · {', '.join(c.notes)}"
    lines = [head]
    for side in ("old", "new"):
        action = getattr(c, f"{side}_action")
        if action:
            lines.append(f"  - {side} ({terms(c, side)}): {_md_cell(action)}")
            lines.append(f"    > {_md_cell(quote(getattr(c, f'{side}_evidence')))}")
    return lines


def _series(d: SeriesDiff) -> list[str]:
    lines = [alignment_line(d), "", "## Coverage", "", *_side("old", d.old), *_side("new", d.new)]
    header, rows = field_rows(d)
    if rows:
        lines += ["## Conference fields", "", *_table(header, rows)]
    header, rows = official_rows(d)
    if rows:
        lines += ["## Officials", "", *_table(header, rows)]
    if d.commitments:
        lines += ["## Commitments", ""]
        for kind, missing in COMMITMENT_GROUPS:
            group = [c for c in d.commitments if c.change == kind and c.missing_on == missing]
            if group:
                heading = change_label(kind).capitalize() + (f" by the {missing} side" if missing else "")
                lines += [f"### {heading} ({len(group)})", ""]
                for c in group:
                    lines += _commitment(c)
                lines.append("")
    return lines


def render_markdown(d: SeriesDiff | RunsDiff) -> str:
    """The diff as a Markdown report."""
    lines = [f"# Diff: {_md_cell(title_line(d))}", ""]
    if isinstance(d, SeriesDiff):
        lines += _series(d)
    else:
        header, rows = runs_rows(d)
        if rows:
            lines += ["## Documents", "", *_table(header, rows)]
    lines.append(f"**Summary:** {summary_line(d)}" if d.has_changes else "No differences.")
    return "\n".join(lines) + "\n"
