"""Compare records: two editions of a conference series, or two extractor runs over the same articles.

Two modes, chosen by the arguments of ``corridor-ie diff``:

``corridor-ie diff RECORDS.jsonl... --series SERIES --from 9 --to 10`` (**series** mode)
    Consolidates the records (see :mod:`corridor_ie.tools.consolidate`) and compares the two editions:
    conference fields that changed (host, location, dates, format, attendance, members, documents,
    topics); officials who appeared, disappeared, or changed title (matched by ``person_id``, else by
    name; a new spelling of the same ``person_id`` is the same person with a "name changed" note);
    commitments that are new, carried over, dropped, or changed (deadline moved, modality changed),
    each with the evidence text from both sides. ``SERIES`` is a series id or a unique substring of a
    series name.

``corridor-ie diff OLD.jsonl NEW.jsonl`` (**runs** mode)
    Two runs of the extractor over the same articles: per ``doc_id``, the entities and records that were
    added, removed or changed, and which fields changed.

Output (``--format``): ``table`` (rich, the default), ``markdown``, or ``json``. The JSON is one object,
a :class:`SeriesDiff` or a :class:`RunsDiff` told apart by ``mode``; ``DIFF_ADAPTER`` validates it.
Keys appear in the order below and lists are sorted, so two runs over the same input print the same bytes.

Series mode JSON::

    {"mode": "series", "schema_version": "1.0", "series_id": "series.x", "series_name": "…",
     "old": {"edition": 9, "event_id": "…", "documents": ["d1", …]},
     "new": {"edition": 10, "event_id": "…", "documents": […]},
     "fields": [{"field": "start_date", "old": "2023-11-13", "new": "2024-11-13",
                 "added": [], "removed": []}, …],
     "officials": [{"change": "appeared" | "disappeared" | "changed", "person_id": "…" | null,
                    "old_name": …, "new_name": …, "old_title": …, "new_title": …, "country": "VN",
                    "notes": ["name changed", "title changed"], "old_documents": […],
                    "new_documents": […]}, …],
     "commitments": [{"change": "new" | "changed" | "carried_over" | "dropped", "action": "…",
                      "old_action": …, "new_action": …, "score": 96.5 | null, "actors": […],
                      "sectors": […], "old_deadline": …, "new_deadline": …, "old_modality": …,
                      "new_modality": …, "notes": ["deadline moved", "modality changed"],
                      "old_evidence": ["…"], "new_evidence": ["…"], "old_documents": […],
                      "new_documents": […]}, …],
     "summary": {"fields_changed": 1, "officials_appeared": 0, …},
     "has_changes": true}

Runs mode JSON::

    {"mode": "runs", "schema_version": "1.0", "old_path": "old.jsonl", "new_path": "new.jsonl",
     "documents": [{"doc_id": "…", "change": "added" | "removed" | "changed",
                    "entities": [{"change": "added" | "removed" | "changed", "label": "PERSON",
                                  "start": 10, "end": 22, "text": "…",
                                  "fields": [{"field": "id", "old": null, "new": "person.x"}]}, …],
                    "records": [{"change": …, "record_type": "official", "key": "person.x@event",
                                 "fields": [{"field": "title", "old": …, "new": …}]}, …]}, …],
     "summary": {"documents_added": 0, …}, "has_changes": true}

Exit codes: 0 the diff ran (whatever it found); 1 with ``--fail-on-change`` when there are differences;
2 bad input (missing file, invalid record, unknown or ambiguous series, edition not found).

Modules: ``models`` (the report models and ``DIFF_ADAPTER``), ``editions`` (series mode), ``runs`` (runs
mode), ``run`` (picks the mode from the arguments), ``render/`` (``table``, ``markdown``, ``json``).
"""

from .editions import diff_editions, diff_series, find_edition, resolve_series
from .models import (
    DIFF_ADAPTER,
    CommitmentChange,
    DocDiff,
    EditionRef,
    EntityChange,
    FieldChange,
    OfficialChange,
    RecordChange,
    RunsDiff,
    SeriesDiff,
)
from .render import render_json, render_markdown, render_table
from .run import run_diff
from .runs import diff_runs

__all__ = [
    "DIFF_ADAPTER", "CommitmentChange", "DocDiff", "EditionRef", "EntityChange", "FieldChange",
    "OfficialChange", "RecordChange", "RunsDiff", "SeriesDiff", "diff_editions", "diff_runs", "diff_series",
    "find_edition", "render_json", "render_markdown", "render_table", "resolve_series", "run_diff",
]
