"""Compare records: two editions (or years) of a conference series, or two extractor runs.

Two modes, chosen by the arguments of ``corridor-ie diff``:

``corridor-ie diff RECORDS.jsonl... --series SERIES --from 9 --to 10`` (**series** mode)
    Consolidates the series (see :mod:`corridor_ie.tools.consolidate`) and compares two of its
    editions, each named by number or year (``10``, ``2023``, ``@2023``), known and provisional series
    alike. Each side lists its documents and what they cover; conference fields, officials and
    commitments are compared, and what a side does not cover is ``not_reported`` rather than dropped.
    Commitments are aligned by sector, object and action similarity, with the score and the threshold
    shown (:mod:`.align`).

``corridor-ie diff OLD.jsonl NEW.jsonl`` (**runs** mode)
    Two runs of the extractor over the same articles: per ``doc_id``, the entities and records that were
    added, removed or changed, and which fields changed.

Output (``--format``): ``table`` (rich, wrapped to the terminal), ``markdown``, or ``json``: one object, a
:class:`SeriesDiff` or a :class:`RunsDiff` told apart by ``mode``, which ``DIFF_ADAPTER`` validates; keys
in model order and lists sorted, so the same input prints the same bytes. ``docs/diff-format.md``
describes every field. Exit codes: 0 the diff ran (whatever it found); 1 with ``--fail-on-change`` when
there are differences; 2 bad input (missing file, invalid record, unknown or ambiguous series, edition
not found).

Modules: ``models`` (the reports), ``align`` (commitment
alignment), ``editions`` (series mode), ``runs`` (runs mode), ``run`` (picks the mode), ``render/``
(``table``, ``markdown``, ``json``); series and edition keys are :mod:`corridor_ie.tools.series`.
"""

from ..series import EditionKey, find_event, resolve_series
from .editions import diff_editions, diff_series
from .models import (
    DIFF_ADAPTER,
    CommitmentChange,
    DocDiff,
    EditionRef,
    EntityChange,
    FieldChange,
    MatchScore,
    OfficialChange,
    RecordChange,
    RunsDiff,
    SeriesDiff,
)
from .render import render_json, render_markdown, render_table
from .run import run_diff
from .runs import diff_runs

__all__ = [
    "DIFF_ADAPTER", "CommitmentChange", "DocDiff", "EditionKey", "EditionRef", "EntityChange", "FieldChange",
    "MatchScore", "OfficialChange", "RecordChange", "RunsDiff", "SeriesDiff", "diff_editions", "diff_runs",
    "diff_series", "find_event", "render_json", "render_markdown", "render_table", "resolve_series", "run_diff",
]
