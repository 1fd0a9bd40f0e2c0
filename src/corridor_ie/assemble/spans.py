"""Small helpers on offsets and DATE values that every record builder shares.

>>> date_parts("2023-11-13/2023-11-14"), date_parts("--11-13")
(('2023-11-13', '2023-11-14'), ('--11-13', '--11-13'))
>>> year_of("2023-11-13"), year_of("--11-13"), precision("--11-13"), precision("2023-11")
(2023, None, 'day', 'month')
"""

from __future__ import annotations

import bisect

from ..types import Mention, TaggedDoc

Span = tuple[int, int]


def sentence_spans(t: TaggedDoc) -> list[Span]:
    """The sentence spans, or the whole text as one sentence when none were split."""
    spans = [(s.start, s.end) for s in t.seg.sentences]
    return spans or [(0, len(t.text))]


def sentence_of(spans: list[Span], pos: int) -> int:
    """Index of the sentence containing offset ``pos`` (the last one starting at or before it)."""
    return max(0, bisect.bisect_right([s for s, _ in spans], pos) - 1)


def inside(m: Mention, spans: tuple[Span, ...] | list[Span]) -> bool:
    """True when mention ``m`` lies wholly inside one of ``spans``."""
    return any(s <= m.start and m.end <= e for s, e in spans)


def date_parts(value: object) -> tuple[str, str] | None:
    """(start, end) of a DATE value: "2023-11-13/2023-11-14" or a single "2023-11-13" (start == end);
    a day without a year is written "--11-13"."""
    if not isinstance(value, str) or not value:
        return None
    a, _, b = value.partition("/")
    return a, (b or a)


def year_of(iso: str) -> int | None:
    """The year of an ISO partial date, None for a day without a year ("--11-13")."""
    return int(iso[:4]) if iso[:4].isdigit() else None


def precision(iso: str) -> str:
    """"day", "month" or "year" for an ISO partial date ("--11-13" is a day)."""
    if iso.startswith("--"):
        return "day"
    return {10: "day", 7: "month"}.get(len(iso), "year")
