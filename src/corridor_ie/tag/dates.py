"""Date expressions in Vietnamese, Chinese and English news text, normalised to ISO values.

``find_dates(text, lang, anchor)`` is pure. It works in two steps, like a matcher then a resolver:

1. *match*: every pattern of the language proposes candidates (day, month, year, range, period,
   relative); the longest wins where they overlap; impossible dates (31/2, 45/13) and number-like
   tokens that are not dates ("2.5 triệu", "khoản 2.3") are dropped;
2. *resolve*: a form without a year takes it from the article first (the nearest full date, i.e.
   one with an explicit year and month, earlier in the text, else later), then from ``anchor`` (the
   publication date; the year that puts the date nearest to it), else its value stays None. Relative
   forms ("hôm nay", "năm tới", "明年") resolve only against ``anchor``.

Cue words come from ``data/dates.toml``; the digit skeletons are the templates below.

>>> [(h.text, h.value) for h in find_dates("Sự kiện diễn ra trong hai ngày (13-14/11/2023).", "vi")]
[('13-14/11/2023', '2023-11-13/2023-11-14')]
>>> [(h.text, h.value, h.year_source) for h in find_dates("Chiều 30/12, hội nghị...", "vi", date(2026, 1, 2))]
[('Chiều 30/12', '2025-12-30', 'anchor')]
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from ._cues import alternation, cues, fold, longest_first
from .editions import parse_number

MIN_YEAR, MAX_YEAR = 1900, 2100
KINDS = ("day", "month", "year", "range", "period", "relative")


@dataclass(frozen=True)
class DateHit:
    """One date expression; ``text == source[start:end]``; ``value`` is ISO or None."""

    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-MM, YYYY, or a range "A/B"; None when unresolvable
    kind: str  # day | month | year | range | period | relative
    part_of_day: str | None = None  # morning | afternoon | evening
    year_source: str | None = None  # explicit | context | anchor


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


@dataclass(frozen=True)
class _Rule:
    """One pattern and how to read it. ``options``: needs_cue, period, bare_guard.

    ``entry`` (only for speed): a lookahead that matches wherever ``regex`` can start a match; the text
    is scanned for it once for all the rules that share it, and ``regex`` is tried only there.
    """

    regex: re.Pattern[str]
    options: frozenset[str] = frozenset()
    entry: re.Pattern[str] | None = None


# --------------------------------------------------------------------------- pattern templates

_NB = r"(?<![\w.,/])"  # a number starts here
_NE = r"(?!\d)"  # a number ends here
_END = r"(?!\w|[.,/-]\d)"  # the expression ends here
_DASH = r"\s*[-–—]\s*"


def _num(name: str, digits: str = r"\d{1,2}") -> str:
    return rf"(?P<{name}>{digits}){_NE}"


def _year(name: str) -> str:
    return _num(name, r"\d{4}")


def _iso_rule() -> _Rule:
    two = r"\d{2}"
    return _Rule(re.compile(rf"{_NB}{_year('y1')}-{_num('m1', two)}-{_num('d1', two)}{_END}"))


def _starts(words: Iterable[str]) -> str:
    """A lookahead for a digit or the first letter of one of ``words`` (only for speed: ``re`` then fails
    at most offsets at once)."""
    words = [w for w in words if w]
    if any(not w.strip() for w in words):
        return ""
    letters = "".join(re.escape(ch) for ch in sorted({w.split()[0][0] for w in words}))
    return "(?=[" + letters + r"\d])"


def _vi_rules(c: dict[str, Any]) -> list[_Rule]:
    pod, dw = alternation(c["part_of_day"]), alternation(c["day_word"])
    mw, yw = alternation(c["month_word"]), alternation(c["year_word"])
    frm, per = alternation(c["from_word"]), alternation(c["period_word"])
    rsep = rf"(?:{_DASH}|\s+{alternation(c['range_word'])}\s+)"
    dsep = rf"(?:{_DASH}|\s+{alternation(c['range_word'] + c['day_range_word'])}\s+)"
    lead = rf"(?<!\w)(?:(?P<frm>{frm})\s+)?(?:(?P<pod>{pod})\s+)?(?:(?P<dw>{dw})\s+)?{_NB}"
    dw2 = rf"(?:{dw}\s+)?"
    sep, same = r"(?P<sep>[/.-])", r"(?P=sep)"
    rel = alternation(r["words"] for r in c["relative"])
    i = re.IGNORECASE
    bare = frozenset({"bare_guard"})
    # Every rule but the relative one starts at a word start with some of these cue words, each followed
    # by spaces, and then a digit: the text is scanned once for where that can be (``_Rule.entry``).
    words = [*c["from_word"], *c["part_of_day"], *c["day_word"], *c["period_word"], *c["month_word"],
             *c["year_word"]]
    entry = re.compile(rf"(?=(?<!\w){_starts(words)}(?:{alternation(words)}\s+)*\d)", i)

    def num(pattern: str, options: frozenset[str] = frozenset()) -> _Rule:
        return _Rule(re.compile(pattern, i), options, entry)

    return [
        num(rf"{lead}{_num('d1')}{sep}{_num('m1')}{same}{_year('y1')}{dsep}{dw2}"
            rf"{_num('d2')}{same}{_num('m2')}{same}{_year('y2')}{_END}"),
        num(rf"{lead}{_num('d1')}{sep}{_num('m1')}{dsep}{dw2}"
            rf"{_num('d2')}{same}{_num('m2')}(?:{same}{_year('y2')})?{_END}", bare),
        num(rf"{lead}{_num('d1')}{dsep}{dw2}{_num('d2')}{sep}{_num('m2')}(?:{same}{_year('y2')})?{_END}", bare),
        num(rf"{lead}{_num('d1')}{sep}{_num('m1')}(?:{same}{_year('y1')})?{_END}", bare),
        num(rf"{lead}{_num('d1')}\s+{mw}\s+{_num('m1')}(?:,?\s+{yw}\s+{_year('y1')})?{_END}",
            frozenset({"needs_cue"})),
        num(rf"(?<!\w){mw}\s+{_num('m1')}(?:(?:\s*(?P<sep>[/.-])\s*|\s+{yw}\s+){_year('y1')})?{_END}"),
        num(rf"(?<!\w){mw}\s+{_num('m1')}{rsep}(?:{mw}\s+)?{_num('m2')}"
            rf"(?:(?:\s*[/.-]\s*|\s+{yw}\s+){_year('y2')})?{_END}"),
        num(rf"(?<!\w){yw}\s+{_year('y1')}{_END}"),
        num(rf"(?<!\w)(?:(?P<per>{per})\s+)?(?:(?P<frm>{frm})\s+)?(?:{yw}\s+)?{_NB}{_year('y1')}"
            rf"{rsep}(?:{yw}\s+)?{_year('y2')}{_END}"),
        num(rf"(?<!\w)(?P<frm>{frm})\s+{yw}\s+{_year('y1')}{_END}", frozenset({"period"})),
        _Rule(re.compile(rf"(?<!\w){_starts(r['words'] for r in c['relative'])}(?P<rel>{rel})(?!\w)", i)),
        replace(_iso_rule(), entry=entry),
    ]


def _zh_rules(c: dict[str, Any]) -> list[_Rule]:
    zd = "〇零一二两三四五六七八九十"
    nb, ne = rf"(?<![\d{zd}])", rf"(?![\d{zd}])"
    arabic = r"\d{1,2}"
    n = rf"(?:{arabic}|[{zd}]{{1,3}})"
    y = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"

    def g(name: str, body: str) -> str:
        return rf"(?P<{name}>{body}){ne}"

    ym, mm, dm = alternation(c["year_mark"]), alternation(c["month_mark"]), f"[{''.join(c['day_mark'])}]"
    pod = rf"(?:\s*(?P<pod>{alternation(c['part_of_day'])}))?"
    rs = rf"\s*{alternation(c['range_word'])}\s*"
    rel = alternation(r["words"] for r in c["relative"])
    yopt = rf"(?:{g('y1', y)}{ym})?"
    return [
        _Rule(re.compile(rf"{nb}{yopt}{g('m1', n)}{mm}{g('d1', n)}{dm}{pod}")),
        _Rule(re.compile(rf"{nb}{yopt}{g('m1', n)}{mm}{g('d1', n)}{dm}?{rs}"
                         rf"(?:(?:{g('y2', y)}{ym})?{g('m2', n)}{mm})?{g('d2', n)}{dm}")),
        _Rule(re.compile(rf"{nb}{g('d1', n)}{dm}?{rs}{g('d2', n)}{dm}")),
        _Rule(re.compile(rf"{nb}{g('d1', n)}{alternation(c['day_mark'][:1])}{pod}")),
        _Rule(re.compile(rf"{nb}{g('y1', y)}{ym}{g('m1', n)}{mm}")),
        _Rule(re.compile(rf"{nb}{g('m1', arabic)}{mm}")),
        _Rule(re.compile(rf"{nb}{g('y1', y)}{ym}")),
        _Rule(re.compile(rf"{nb}{g('y1', y)}(?:{ym})?{rs}{g('y2', y)}{ym}")),
        _Rule(re.compile(rf"(?P<rel>{rel})(?:{g('m1', n)}{mm}(?:{g('d1', n)}{dm})?)?{pod}")),
        _iso_rule(),
    ]


def _en_rules(c: dict[str, Any]) -> list[_Rule]:
    names = sorted(c["months"], key=len, reverse=True)
    months = "|".join(f"{w.capitalize()}|{w.upper()}" for w in names)

    def mon(i: int) -> str:
        return rf"(?P<mn{i}>(?:{months})(?!\w))\.?"

    suf = alternation(c["day_suffixes"])

    def day(i: int) -> str:
        return rf"(?P<d{i}>\d{{1,2}})(?:{suf})?(?![\w])"

    def yr(i: int) -> str:
        return rf"(?P<y{i}>\d{{4}}){_NE}"

    ci = "(?i:{})".format
    of = ci(alternation(c["of_word"]))
    frm = rf"(?:(?P<frm>{ci(alternation(c['from_word']))})\s+)?"
    rs = rf"(?:{_DASH}|\s+{ci(alternation(c['range_word'] + c['and_word']))}\s+)"
    ys = rf"(?:{_DASH}|\s+{ci(alternation(c['range_word']))}\s+)"
    rel = ci(alternation(r["words"] for r in c["relative"]))
    return [
        _Rule(re.compile(rf"(?<!\w){mon(1)}\s+{day(1)}(?:,?\s+{yr(1)})?{_END}")),
        _Rule(re.compile(rf"{_NB}{day(1)}\s+(?:{of}\s+)?{mon(1)}(?:,?\s+{yr(1)})?{_END}")),
        _Rule(re.compile(rf"(?<!\w){frm}{mon(1)}\s+{day(1)}{rs}(?:{mon(2)}\s+)?{day(2)}(?:,?\s+{yr(2)})?{_END}")),
        _Rule(re.compile(rf"(?<!\w){frm}{_NB}{day(1)}(?:\s+(?:{of}\s+)?{mon(1)})?{rs}{day(2)}\s+(?:{of}\s+)?{mon(2)}"
                         rf"(?:,?\s+{yr(2)})?{_END}")),
        _Rule(re.compile(rf"(?<!\w){mon(1)},?\s+{yr(1)}{_END}")),
        _Rule(re.compile(rf"(?<!\w){ci(alternation(c['month_cue']))}\s+(?P<span>{mon(1)})(?!\s*\d)")),
        _Rule(re.compile(rf"(?<!\w){ci(alternation(c['year_cue']))}\s+(?P<span>{yr(1)}){_END}")),
        _Rule(re.compile(rf"(?<!\w)(?P<frm>{ci(alternation(c['since_word']))})\s+{yr(1)}{_END}"),
              frozenset({"period"})),
        _Rule(re.compile(rf"(?<!\w){frm}{_NB}{yr(1)}{ys}{yr(2)}{_END}")),
        _Rule(re.compile(rf"(?<!\w){ci('between')}\s+{yr(1)}\s+{ci(alternation(c['and_word']))}\s+{yr(2)}{_END}")),
        _Rule(re.compile(rf"(?<!\w)(?P<rel>{rel})(?!\w)")),
        _iso_rule(),
    ]


@cache
def _rules(lang: str) -> tuple[_Rule, ...]:
    table = cues()["dates"]
    builders = {"vi": _vi_rules, "zh": _zh_rules, "en": _en_rules}
    build = builders.get(lang)
    return tuple(build(table[lang])) if build else ()


@cache
def _vi_guards() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    c = cues()["dates"]["vi"]
    digits_or_words = rf"(?:\d|(?<!\w){alternation(c['relative_blockers_before'])})"
    rel_block = re.compile(rf"{digits_or_words}\s*$", re.IGNORECASE)
    before = re.compile(rf"(?<!\w){alternation(c['bare_blockers_before'])}\s*$", re.IGNORECASE)
    after = re.compile(rf"\s*{alternation(c['bare_blockers_after'])}(?!\w)", re.IGNORECASE)
    return rel_block, before, after, frozenset(c["never"])


@cache
def _lookups(lang: str) -> dict[str, Any]:
    c = cues()["dates"].get(lang, {})
    return {
        "pod": {fold(k): v for k, v in c.get("part_of_day", {}).items()},
        "rel": {fold(r["words"]): r for r in c.get("relative", [])},
        "months": {fold(k): v for k, v in c.get("months", {}).items()},
    }


# --------------------------------------------------------------------------- step 1: match


def _int(token: str | None, months: dict[str, int]) -> int | None:
    if token is None:
        return None
    return months.get(fold(token).rstrip(".")) if token[:1].isalpha() and token.isascii() else parse_number(token)


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


def _bare_rejected(text: str, m: re.Match[str]) -> bool:
    """A "d.m"/"d/m" with no cue and no year that is a fraction, decimal, clause or time number."""
    if m.groupdict().get("pod") or m.groupdict().get("dw") or m.groupdict().get("frm"):
        return False
    if m.groupdict().get("y1") or m.groupdict().get("y2"):
        return False
    _, before, after, never = _vi_guards()
    if m.group(0) in never or m.group("sep") == "-":
        return True
    return bool(before.search(text[max(0, m.start() - 20):m.start()]) or after.match(text, m.end()))


def _candidate(text: str, m: re.Match[str], rule: _Rule, priority: int, lang: str) -> _Cand | None:
    g = m.groupdict()
    look = _lookups(lang)
    pod = look["pod"].get(fold(g["pod"])) if g.get("pod") else None
    start, end = m.span("span") if g.get("span") else m.span()
    if g.get("rel") and g.get("m1") is None:
        entry = look["rel"].get(fold(g["rel"]))
        if entry is None:
            return None
        if lang == "vi" and _vi_guards()[0].search(text[max(0, m.start() - 12):m.start()]):
            return None
        return _Cand(start, end, "relative", _Part(), None, entry.get("part_of_day", pod),
                     (entry["unit"], int(entry["offset"])), False, priority)
    if "needs_cue" in rule.options and not (g.get("pod") or g.get("dw")):
        return None
    if "bare_guard" in rule.options and lang == "vi" and _bare_rejected(text, m):
        return None
    if g.get("sep") == "-" and not (g.get("y1") or g.get("y2")):
        return None
    months = look["months"]
    a = _Part(_int(g.get("y1"), months), _int(g.get("m1") or g.get("mn1"), months), _int(g.get("d1"), months))
    has_b = any(g.get(k) for k in ("y2", "m2", "mn2", "d2"))
    b = _Part(_int(g.get("y2"), months), _int(g.get("m2") or g.get("mn2"), months), _int(g.get("d2"), months))
    read = (("y1", a.year), ("d1", a.day), ("y2", b.year), ("d2", b.day),
            ("m1", a.month), ("mn1", a.month), ("m2", b.month), ("mn2", b.month))
    if any(g.get(k) and v is None for k, v in read):
        return None  # a token the cue file cannot read
    if not _valid(a) or (has_b and not _valid(b)):
        return None
    relative = None
    if g.get("rel"):  # "今年11月13日": the year is relative to the anchor
        entry = look["rel"].get(fold(g["rel"]))
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


def _matches(rule: _Rule, text: str, entries: dict[re.Pattern[str], list[int]]) -> Iterator[re.Match[str]]:
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


def _match(text: str, lang: str) -> list[_Cand]:
    entries: dict[re.Pattern[str], list[int]] = {}
    cands = [c for i, rule in enumerate(_rules(lang)) for m in _matches(rule, text, entries)
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
        i = bisect.bisect_right(self.ends, c.start)
        if i > 0:
            o = self.hits[i - 1]
            return o.b if o.b is not None else o.a
        j = bisect.bisect_left(self.starts, c.end)
        return self.hits[j].a if j < len(self.hits) else None


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
    def hit(value: str | None, source: str | None) -> DateHit:
        return DateHit(c.start, c.end, text[c.start:c.end], value, c.kind, c.part_of_day, source)

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
    if a.year is None:
        src = years.nearest(c)
        if src is not None and src.year is not None:
            a, source = _with_year(a, src.year), "context"
        elif anchor is not None:
            a, source = _nearest_year(a, anchor), "anchor"
        elif article_year is not None:
            a, source = _with_year(a, article_year), "context"
    if b is not None and b.year is None and a.year is not None:
        b = _with_year(b, a.year)
        if b.key() <= a.key():
            b = _with_year(b, a.year + 1)
    first = _format(a)
    if b is None:
        return hit(first, source if first else None)
    second = _format(b)
    value = f"{first}/{second}" if first and second and first < second else None
    return hit(value, source if value else None)


def find_dates(text: str, lang: str, anchor: date | None = None) -> list[DateHit]:
    """Date expressions in ``text`` for ``lang`` ("vi", "zh", "en"; other languages give ``[]``).

    ``anchor`` is the publication date, used for forms without a year the article does not supply
    and for relative forms. Hits are sorted by offset and do not overlap.

    >>> [(h.text, h.value) for h in find_dates("从2023年11月13日至14日举行", "zh")]
    [('2023年11月13日至14日', '2023-11-13/2023-11-14')]
    """
    chosen = _match(text, lang)
    years, months = _Context.of(chosen, _gives_year), _Context.of(chosen, _gives_month)
    article_year = _article_year(chosen)
    return [_resolve(text, c, anchor, years, months, article_year) for c in chosen]
