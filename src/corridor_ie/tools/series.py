"""Series and their editions, for the tools that compare or list them (diff, timeline): a series by id or
by a part of its name, and one of its editions by number or by year.

An edition key is a number: ``10`` is the 10th edition; ``2024`` (four digits) is the edition held in
2024, or the 2024 meeting of a series numbered by year; ``@2024`` always means the year. Known and
provisional series are found alike.

Example:
    >>> EditionKey.parse("10"), EditionKey.parse("@2024"), str(EditionKey.parse(2024))
    (EditionKey(number=10, year=False), EditionKey(number=2024, year=True), '2024')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from corridor_ie.errors import SetupError

from .consolidate import EventView
from .identity import name_key

#: a bare number at least this large is a year when the series has no edition with that number
FIRST_YEAR = 1000


@dataclass(frozen=True)
class EditionKey:
    """An edition number, or a year (``year=True``)."""

    number: int
    year: bool = False

    @classmethod
    def parse(cls, text: str | int) -> EditionKey:
        raw = str(text).strip()
        explicit = raw.startswith("@")
        digits = raw.removeprefix("@")
        if not digits.isdigit() or int(digits) < 1:
            raise SetupError(f"not an edition or a year: {raw!r}", hint="e.g. 10, 2024 or @2024")
        return cls(int(digits), explicit)

    def __str__(self) -> str:
        return f"@{self.number}" if self.year else str(self.number)


def event_key(view: EventView) -> str:
    """How an event is named in a series: its edition number, else ``@year``, else its event id.

    Example:
        >>> from corridor_ie.tools.consolidate import consolidate
        >>> from corridor_ie.records import ConferenceRecord
        >>> [event_key(v) for v in consolidate([ConferenceRecord(doc_id="d", event_id="s@2024", series_id="s",
        ...     series_name=None, status="reported", year=2024)])]
        ['@2024']
    """
    if view.edition is not None:
        return str(view.edition)
    return f"@{view.year}" if view.year is not None else view.event_id


def resolve_series(series: Iterable[tuple[str, str | None]], query: str) -> tuple[str, str | None]:
    """``(series_id, series_name)`` for a series id, or a unique (case-insensitive) substring of a series
    name or id, among ``(series_id, series_name)`` pairs.

    Example:
        >>> resolve_series([("series.x", "Hội nghị Bốn tỉnh"), ("series.y", "Diễn đàn")], "bốn tỉnh")
        ('series.x', 'Hội nghị Bốn tỉnh')
    """
    names: dict[str, str | None] = {}
    for sid, name in series:
        if names.get(sid) is None:
            names[sid] = name
    if query in names:
        return query, names[query]
    q = name_key(query)
    hits = sorted(sid for sid, name in names.items() if q and (q in name_key(name or "") or q in name_key(sid)))
    if len(hits) == 1:
        return hits[0], names[hits[0]]
    known = ", ".join(sorted(names)) or "none"
    if hits:
        raise SetupError(f"series {query!r} is ambiguous: {', '.join(hits)}", hint="give a series id")
    raise SetupError(f"unknown series {query!r}", hint=f"series in the input: {known}")


def _best(views: list[EventView]) -> EventView:
    return sorted(views, key=lambda v: (-len(v.reported_in), -len(v.sources), v.event_id))[0]


def find_event(views: Iterable[EventView], series_id: str, key: EditionKey | str | int) -> EventView:
    """The event of ``series_id`` an edition key names (the best-reported one if several ids claim it)."""
    key = key if isinstance(key, EditionKey) else EditionKey.parse(key)
    views = [v for v in views if v.series_id == series_id]
    hits = [] if key.year else [v for v in views if v.edition == key.number]
    if not hits and (key.year or key.number >= FIRST_YEAR):
        hits = [v for v in views if v.year == key.number]
        if len({v.edition for v in hits}) > 1:
            found = ", ".join(sorted({event_key(v) for v in hits}))
            raise SetupError(f"{key.number} names several meetings of {series_id}: {found}",
                             hint="give the edition number")
    if hits:
        return _best(hits)
    present = ", ".join(sorted({event_key(v) for v in views if v.edition or v.year},
                               key=lambda k: (k.startswith("@"), int(k.lstrip("@")))))
    what = "year" if key.year or key.number >= FIRST_YEAR else "edition"
    raise SetupError(f"{what} {key.number} of {series_id} not found", hint=f"editions in the input: {present or 'none'}")
