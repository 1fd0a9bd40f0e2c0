"""Date expressions in Vietnamese, Chinese and English news text, normalised to ISO values.

``find_dates(text, lang, anchor)`` is pure. It works in two steps, like a matcher then a resolver:

1. *match*: every pattern of the language proposes candidates (day, month, year, range, period,
   relative); the longest wins where they overlap; impossible dates (31/2, 45/13) and number-like
   tokens that are not dates ("2.5 triệu", "khoản 2.3") are dropped;
2. *resolve*: a form without a year takes it from ``anchor`` (the publication date: the year that
   puts the date nearest to it), else from the article (the nearest full date, i.e. one with an
   explicit year and month, earlier in the text, else later: ``year_from`` says where it starts, so a
   builder can check that it speaks of the same event), else a day keeps no year (``--11-13``, the
   ISO 8601 form). Relative forms ("hôm nay", "năm tới", "明年") resolve only against ``anchor``.

The patterns and cue words are the language's (``Language.date_rules``, from its ``dates.toml``).

>>> from corridor_ie.lang import build_languages
>>> vi = build_languages().get("vi")
>>> [(h.text, h.value) for h in find_dates("Sự kiện diễn ra trong hai ngày (13-14/11/2023).", vi)]
[('13-14/11/2023', '2023-11-13/2023-11-14')]
>>> [(h.text, h.value, h.year_source) for h in find_dates("Chiều 30/12, hội nghị...", vi, date(2026, 1, 2))]
[('Chiều 30/12', '2025-12-30', 'anchor')]
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..lang import DateRule, Language
from ..normalise import fold
from ..patterns import longest_first

MIN_YEAR, MAX_YEAR = 1900, 2100
KINDS = ("day", "month", "year", "range", "period", "relative")


@dataclass(frozen=True)
class DateHit:
    """One date expression; ``text == source[start:end]``; ``value`` is ISO or None."""

    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD (a day whose year is not known), or a range "A/B"
    kind: str  # day | month | year | range | period | relative
    part_of_day: str | None = None  # morning | afternoon | evening
    year_source: str | None = None  # explicit | context | anchor
    year_from: int | None = None  # with year_source "context": where the date that lent the year starts


@dataclass(frozen=True)
class _Part:
    """One end of a date expression; None where the text does not say."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    kind: str
    a: _Part
    b: _Part | None
    part_of_day: str | None
    relative: tuple[str, int] | None  # (unit, offset) against the anchor
    explicit_year: bool
    priority: int


# --------------------------------------------------------------------------- step 1: match


def _int(token: str | None, months: dict[str, int], lang: Language) -> int | None:
    if token is None:
        return None
    return months.get(fold(token).rstrip(".")) if token[:1].isalpha() and token.isascii() else lang.parse_number(token)


def _valid(p: _Part) -> bool:
    if p.year is not None and not MIN_YEAR <= p.year <= MAX_YEAR:
        return False
    if p.month is not None and not 1 <= p.month <= 12:
        return False
    if p.day is not None:
        if p.month is None:
            return 1 <= p.day <= 31
        try:
            date(p.year if p.year is not None else 2000, p.month, p.day)
        except ValueError:
            return False
    return True


def _fill(a: _Part, b: _Part) -> tuple[_Part, _Part] | None:
    """Share what one end of a range says with the other ("13-14/11/2023"); None if not ordered."""
    a2 = replace(a, month=a.month if a.month is not None else b.month,
                 year=a.year if a.year is not None else b.year)
    b2 = replace(b, month=b.month if b.month is not None else a.month,
                 year=b.year if b.year is not None else a.year)
    if (a2.day is None) != (b2.day is None) or (a2.month is None) != (b2.month is None):
        return None
    if a2.key() >= b2.key() and a.year is None and b.year is not None:
        a2 = replace(a2, year=b.year - 1)  # "30/12 - 2/1/2024"
    if a2.key() >= b2.key() and b.month is None and a.month is not None and a2.month is not None:
        b2 = replace(b2, month=a2.month % 12 + 1, year=b2.year + (a2.month == 12) if b2.year else None)
    if a2.year is None and b2.year is None:
        return (a2, b2) if a2.key() < b2.key() else None
    return (a2, b2) if (a2.year is not None and b2.year is not None and a2.key() < b2.key()) else None


def _candidate(text: str, m: re.Match[str], rule: DateRule, priority: int, lang: Language) -> _Cand | None:
    g = m.groupdict()
    look = lang.date_words()
    pod = look.part_of_day.get(fold(g["pod"])) if g.get("pod") else None
    start, end = m.span("span") if g.get("span") else m.span()
    if g.get("rel") and g.get("m1") is None:
        entry = look.relative.get(fold(g["rel"]))
        if entry is None:
            return None
        if lang.reject_relative(text, m):
            return None
        return _Cand(start, end, "relative", _Part(), None, entry.get("part_of_day", pod),
                     (entry["unit"], int(entry["offset"])), False, priority)
    if "needs_cue" in rule.options and not (g.get("pod") or g.get("dw")):
        return None
    if lang.reject_date(text, m, rule):
        return None
    if g.get("sep") == "-" and not (g.get("y1") or g.get("y2") or g.get("pod") or g.get("dw")):
        return None
    months = look.months

    def n(key: str | None) -> int | None:
        return _int(key, months, lang)

    a = _Part(n(g.get("y1")), n(g.get("m1") or g.get("mn1")), n(g.get("d1")))
    has_b = any(g.get(k) for k in ("y2", "m2", "mn2", "d2"))
    b = _Part(n(g.get("y2")), n(g.get("m2") or g.get("mn2")), n(g.get("d2")))
    read = (("y1", a.year), ("d1", a.day), ("y2", b.year), ("d2", b.day),
            ("m1", a.month), ("mn1", a.month), ("m2", b.month), ("mn2", b.month))
    if any(g.get(k) and v is None for k, v in read):
        return None  # a token the cue file cannot read
    if not _valid(a) or (has_b and not _valid(b)):
        return None
    relative = None
    if g.get("rel"):  # "今年11月13日": the year is relative to the anchor
        entry = look.relative.get(fold(g["rel"]))
        if entry is None or entry["unit"] != "year":
            return None
        relative = ("year", int(entry["offset"]))
    explicit = a.year is not None or b.year is not None
    if has_b:
        filled = _fill(a, b)
        if filled is None:
            return None
        a, b2 = filled
        kind = "period" if a.month is None and a.year is not None else "range"
        return _Cand(start, end, kind, a, b2, pod, relative, explicit, priority)
    kind = "period" if "period" in rule.options else "day" if a.day else "month" if a.month else "year"
    return _Cand(start, end, kind, a, None, pod, relative, explicit, priority)


def _matches(rule: DateRule, text: str, entries: dict[re.Pattern[str], list[int]]) -> Iterator[re.Match[str]]:
    """``rule.regex.finditer(text)``. With an ``entry``, the same matches, found by trying ``rule.regex``
    only where the entry matches (``entries`` keeps those offsets for the next rule that shares it)."""
    if rule.entry is None:
        yield from rule.regex.finditer(text)
        return
    if rule.entry not in entries:
        entries[rule.entry] = [m.start() for m in rule.entry.finditer(text)]
    end = 0
    for start in entries[rule.entry]:  # every offset a match can start at, in order; no match is empty
        if start >= end and (m := rule.regex.match(text, start)):
            yield m
            end = m.end()


def _match(text: str, lang: Language) -> list[_Cand]:
    entries: dict[re.Pattern[str], list[int]] = {}
    cands = [c for i, rule in enumerate(lang.date_rules()) for m in _matches(rule, text, entries)
             if (c := _candidate(text, m, rule, i, lang)) is not None and c.end > c.start]
    return longest_first(cands, span=lambda c: (c.start, c.end), rank=lambda c: c.priority)


# --------------------------------------------------------------------------- step 2: resolve


def _nearest_year(p: _Part, anchor: date) -> _Part:
    """The year (and month, if missing) that puts ``p`` nearest to ``anchor`` (the anchor's year wins ties)."""
    options = []
    for dy in (-1, 0, 1):
        for dm in ((-1, 0, 1) if p.month is None else (0,)):
            y, m = anchor.year + dy, p.month if p.month is not None else anchor.month + dm
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
            if not MIN_YEAR <= y <= MAX_YEAR:
                continue
            if p.day is not None:  # an impossible day (29/2 in 2023) is measured from the month's end,
                last = calendar.monthrange(y, m)[1]  # chosen if nearest, and then gets no value
                distance = abs((date(y, m, min(p.day, last)) - anchor).days)
            else:
                distance = abs((y * 12 + m) - (anchor.year * 12 + anchor.month)) * 30
            options.append((distance, abs(dy), y, m))
    if not options:
        return p
    _, _, y, m = min(options)
    return _Part(y, m if p.month is not None or p.day is not None else None, p.day)


def _gives_year(o: _Cand) -> bool:
    return o.explicit_year and o.a.month is not None and o.relative is None


def _gives_month(o: _Cand) -> bool:
    return o.a.month is not None and o.kind in ("day", "range", "month")


@dataclass(frozen=True)
class _Context:
    """The hits that can lend a year (or a month) to others, in text order."""

    hits: tuple[_Cand, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @staticmethod
    def of(chosen: list[_Cand], gives: Callable[[_Cand], bool]) -> _Context:
        hits = tuple(o for o in chosen if gives(o))
        return _Context(hits, tuple(o.start for o in hits), tuple(o.end for o in hits))

    def nearest(self, c: _Cand) -> _Part | None:
        """The nearest lender's end before ``c`` (its later end), else after ``c`` (its first end)."""
        o = self.lender(c)
        if o is None:
            return None
        return (o.b if o.b is not None else o.a) if o.end <= c.start else o.a

    def lender(self, c: _Cand) -> _Cand | None:
        """The nearest lender before ``c``, else after it."""
        i = bisect.bisect_right(self.ends, c.start)
        if i > 0:
            return self.hits[i - 1]
        j = bisect.bisect_left(self.starts, c.end)
        return self.hits[j] if j < len(self.hits) else None


def _shift(anchor: date, unit: str, offset: int) -> str | None:
    try:
        if unit == "day":
            return (anchor + timedelta(days=offset)).isoformat()
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
            return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
        if unit == "month":
            index = anchor.year * 12 + anchor.month - 1 + offset
            return _format(_Part(index // 12, index % 12 + 1))
        return _format(_Part(anchor.year + offset))
    except (OverflowError, ValueError):
        return None


def _format(p: _Part) -> str | None:
    if p.year is None and p.month is not None and p.day is not None and _valid(p):
        return f"--{p.month:02d}-{p.day:02d}"  # ISO 8601: a day whose year the text does not give
    if p.year is None or not _valid(p) or (p.day is not None and p.month is None):
        return None
    if p.day is not None and p.month is not None:
        return date(p.year, p.month, p.day).isoformat()
    return f"{p.year:04d}-{p.month:02d}" if p.month is not None else f"{p.year:04d}"


def _with_year(p: _Part, year: int) -> _Part:
    return replace(p, year=year)


def _article_year(chosen: list[_Cand]) -> int | None:
    """The article's own year, when its bare year expressions ("năm 2023") name one year only and
    name it more than once. A single mention is too weak: "Sáng 22.2, hội nghị tổng kết năm 2022" is
    a review of 2022 held in 2023."""
    found = [c.a.year for c in chosen if c.kind == "year" and c.explicit_year and c.b is None]
    return found[0] if len(found) >= 2 and len(set(found)) == 1 else None


def _resolve(text: str, c: _Cand, anchor: date | None, years: _Context, months: _Context,
             article_year: int | None = None) -> DateHit:
    lent: list[int] = []

    def hit(value: str | None, source: str | None) -> DateHit:
        return DateHit(c.start, c.end, text[c.start:c.end], value, c.kind, c.part_of_day, source,
                       lent[0] if lent and source == "context" else None)

    if c.kind == "relative" and c.relative is not None:
        unit, offset = c.relative
        return hit(_shift(anchor, unit, offset), "anchor") if anchor else hit(None, None)
    a, b, source = c.a, c.b, "explicit" if c.explicit_year else None
    if c.relative is not None:  # a month or day in a relative year ("明年3月")
        if anchor is None:
            return hit(None, None)
        a, source = _with_year(a, anchor.year + c.relative[1]), "anchor"
    if a.month is None and a.day is not None:  # a Chinese day with no month ("14日")
        src = months.nearest(c)
        if src is not None:
            a = replace(a, month=src.month)
            if a.year is None and src.year is not None:
                a, source = _with_year(a, src.year), "context"
        elif anchor is not None:
            a, source = _nearest_year(a, anchor), "anchor"
        if b is not None:
            b = replace(b, month=a.month)
    if a.year is None:  # the publication date first, else a full date of the article, else its year
        src = years.nearest(c)
        if anchor is not None:
            a, source = _nearest_year(a, anchor), "anchor"
        elif src is not None and src.year is not None:
            a, source = _with_year(a, src.year), "context"
            lender = years.lender(c)
            if lender is not None:
                lent.append(lender.start)
        elif article_year is not None:
            a, source = _with_year(a, article_year), "context"
    if b is not None and b.year is None and a.year is not None:
        b = _with_year(b, a.year)
        if b.key() <= a.key():
            b = _with_year(b, a.year + 1)
    first = _format(a)
    if b is None:
        return hit(first, source if first and a.year is not None else None)
    second = _format(b)
    unknown_year = a.year is None and b.year is None
    value = f"{first}/{second}" if first and second and (first < second or unknown_year) else None
    return hit(value, source if value and not unknown_year else None)


def find_dates(text: str, lang: Language, anchor: date | None = None) -> list[DateHit]:
    """Date expressions in ``text`` by the rules of ``lang`` (a language without rules gives ``[]``).

    ``anchor`` is the publication date, used for forms without a year the article does not supply
    and for relative forms. Hits are sorted by offset and do not overlap.

    >>> from corridor_ie.lang import build_languages
    >>> [(h.text, h.value) for h in find_dates("从2023年11月13日至14日举行", build_languages().get("zh"))]
    [('2023年11月13日至14日', '2023-11-13/2023-11-14')]
    """
    chosen = _match(text, lang)
    years, months = _Context.of(chosen, _gives_year), _Context.of(chosen, _gives_month)
    article_year = _article_year(chosen)
    return [_resolve(text, c, anchor, years, months, article_year) for c in chosen]
