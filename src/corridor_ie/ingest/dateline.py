"""Publication dates and bylines from the date/source lines of a page.

Two readers share one date pattern:

- :meth:`Datelines.meta_line` reads a whole line that is nothing but page metadata: a date, a time,
  labels ("Cập nhật:", "Posted:", "发布时间："), a weekday, a view counter, and a source or author
  ("来源：某报 | 作者：某某", "Minh Anh - 14/03/2019 08:15"). The cleaner calls it on the head and the tail
  of a scrape; the line is then removed from the text and its date and byline kept apart.
- :meth:`Datelines.find` is the older fallback: among the first ``HEAD_LINES`` and last ``TAIL_LINES``
  lines of the cleaned text, the first short line holding exactly one full date with at most
  ``MAX_OTHER_WORDS`` words beside it (:meth:`Datelines.of_line`).

A date inside a body sentence ("Sáng 6/11/2024, tại thành phố …") is the date of an event, never a
dateline; neither is a bare year or a date without one. Numeric dates are day first (as written in
Vietnamese), month first only when day first is impossible ("09/20/2024"); ``yyyy-mm-dd``,
``yyyy/m/d`` and ``yyyy年m月d日`` are read as written. Month names come from the languages
(``Language.month_names``); the label words, weekdays and "today" words from the ``[dateline]`` table of
``data/boilerplate.toml``.

Example:
    >>> reader = Datelines({"november": 11})
    >>> reader.find("Hai tỉnh ký kết hợp tác\\nThứ Hai, 06/11/2024 08:00\\nSáng 5/11/2024, đoàn đã đến.")
    datetime.date(2024, 11, 6)
    >>> reader.find("Sáng 5/11/2024, đoàn công tác của tỉnh đã đến thăm và làm việc tại khu kinh tế.") is None
    True
    >>> reader.find("Published: November 13, 2023")
    datetime.date(2023, 11, 13)
    >>> words = DatelineWords(source_labels=["来源"], published_labels=["发布时间"])
    >>> m = Datelines({}, words).meta_line("发布时间：2021-05-17 10:22 | 来源：某某日报")
    >>> (m.published, m.byline)
    ('2021-05-17', '来源：某某日报')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pydantic import Field

from ..tables import Table

HEAD_LINES = 3
TAIL_LINES = 3
MAX_LINE_CHARS = 60
MAX_OTHER_WORDS = 4

META_MAX_CHARS = 220  # a metadata line is never longer
BYLINE_MAX_WORDS = 5  # free text beside the date (an agency, an author) at most this long ...
BYLINE_MAX_CJK = 14  # ... or this many Han characters

_ISO = r"(?<!\d)(?P<iy>(?:19|20)\d\d)\s?(?P<isep>[-/.])\s?(?P<im>\d{1,2})\s?(?P=isep)\s?(?P<id>\d{1,2})(?!\d)"
_DMY = r"(?<!\d)(?P<d>\d{1,2})\s?[/.\-]\s?(?P<m>\d{1,2})\s?[/.\-]\s?(?P<y>(?:19|20)\d\d)(?!\d)"
_ZH = r"(?P<zy>(?:19|20)\d\d)\s?年\s?(?P<zm>\d{1,2})\s?月\s?(?P<zd>\d{1,2})\s?[日号]"
_TIME = re.compile(r"(?<![\d:])\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s?(?:AM|PM|am|pm|SA|CH|sáng|chiều))?(?![\d:])")
_ZONE = re.compile(r"[(（]?\s*(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\s*[)）]?|\b(?:GMT|UTC|ICT)\b")
_AGE = re.compile(r"(?i)\b\d+\s+(?:years?|months?|weeks?|days?|hours?|minutes?|mins?)\s+ago\b"
                  r"|\d+\s*(?:năm|tháng|tuần|ngày|giờ|phút)\s+trước|\d+\s*(?:年|个月|天|小时|分钟)前")
_SEPARATORS = " \t|│•·*-–—/\\,，、;；:：()（）[]【】<>«»"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# word edges for label words: no Latin letter may touch them (Han characters and digits may: "今天是2025年")
_LATIN = "a-zA-Z\u00c0-\u024f\u1e00-\u1eff"
_B0, _B1 = f"(?<![{_LATIN}])", f"(?![{_LATIN}])"
_WORD = re.compile(r"[^\W\d_]+")


class DatelineWords(Table):
    """``[dateline]`` of ``data/boilerplate.toml``: the words of date, source and byline lines."""

    published_labels: list[str] = Field(default_factory=list)  # "Ngày đăng", "Posted", "发布时间"
    source_labels: list[str] = Field(default_factory=list)  # "Nguồn", "Source", "来源"
    author_labels: list[str] = Field(default_factory=list)  # "Tác giả", "By", "作者", "责任编辑"
    counter_labels: list[str] = Field(default_factory=list)  # "Lượt xem", "Views", "点击" (followed by a number)
    weekdays: list[str] = Field(default_factory=list)  # "Thứ hai", "Monday", "星期一"
    today_words: list[str] = Field(default_factory=list)  # "Hôm nay", "Today is", "今天是": the date of viewing
    filler_words: list[str] = Field(default_factory=list)  # words between the pieces: "lúc", "ngày", "at", "on"
    prefix_patterns: list[str] = Field(default_factory=list)  # a date marker glued to the start of the text


@dataclass(frozen=True)
class MetaLine:
    """What a metadata line says. ``published`` is ISO (``YYYY-MM-DD``); ``today``: a "today is" cue says
    the date is the day the page was viewed; ``bare``: only a weekday and a date (no time, no label, no
    source), which above a headline is the site's date of today, below it the article's date."""

    published: str | None
    byline: str | None
    today: bool = False
    bare: bool = False


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


class Datelines:
    """Reads datelines; ``months``: month names (any case) -> month number; ``words``: the label words."""

    def __init__(self, months: dict[str, int], words: DatelineWords | None = None):
        self.months = {m.capitalize(): n for m, n in months.items()}
        names = "|".join(sorted((re.escape(m) for m in self.months), key=len, reverse=True))
        en = (rf"|(?:(?P<em>{names})\.?\s(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<ey>(?:19|20)\d\d)"
              rf"|(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<em2>{names})\.?,?\s(?P<ey2>(?:19|20)\d\d))(?!\d)") if names else ""
        self.pattern = re.compile("|".join((_ISO, _DMY, _ZH)) + en)
        self.words = words or DatelineWords()
        w = self.words
        label = r"\s*[:：]?\s*"
        self._published = re.compile(rf"(?i)(?:{_alternation(w.published_labels)}){_B1}{label}") \
            if w.published_labels else None
        every = _alternation(w.source_labels + w.author_labels + w.published_labels)
        self._field = re.compile(  # "来源：某报", "Tác giả: Minh Anh": the value runs to the next separator or label
            rf"(?i){_B0}(?:{_alternation(w.source_labels + w.author_labels)}){_B1}\s*[:：/]\s*"
            rf"[^|│【】\[\]]*?(?=\s*(?:[|│【】\[\]]|\s{{2,}}|$|[(（]|(?:{every})\s*[:：]))"
        ) if w.source_labels or w.author_labels else None
        self._empty_field = re.compile(  # a label with nothing after it: "【来源:】", "【点击:"
            rf"(?i)(?:{_alternation(w.source_labels + w.author_labels + w.counter_labels)})\s*[:：]\s*(?=$|[|│【】\[\]])"
        ) if w.source_labels or w.author_labels or w.counter_labels else None
        self._counter = re.compile(rf"(?i)(?:{_alternation(w.counter_labels)})\s*[:：]?\s*\d[\d.,]*") \
            if w.counter_labels else None
        self._weekday = re.compile(rf"(?i){_B0}(?:{_alternation(w.weekdays)}){_B1}") if w.weekdays else None
        self._today = re.compile(rf"(?i){_B0}(?:{_alternation(w.today_words)}){_B1}") if w.today_words else None
        self._filler = re.compile(rf"(?i){_B0}(?:{_alternation(w.filler_words)}){_B1}") if w.filler_words else None
        self._prefixes = tuple(re.compile(p) for p in w.prefix_patterns)
        self._source_words = re.compile(f"(?i){_alternation(w.source_labels + w.author_labels)}") \
            if w.source_labels or w.author_labels else None

    # ------------------------------------------------------------------ dates

    def _value(self, m: re.Match[str]) -> date | None:
        g = m.groupdict()
        if g["iy"]:
            y, mo, d = g["iy"], g["im"], g["id"]
        elif g["y"]:
            y, mo, d = g["y"], g["m"], g["d"]
            if int(mo) > 12 >= int(d):  # month first ("09/20/2024") only when day first is impossible
                mo, d = d, mo
        elif g["zy"]:
            y, mo, d = g["zy"], g["zm"], g["zd"]
        elif g.get("ey"):
            y, mo, d = g["ey"], self.months[g["em"]], g["ed"]
        else:
            y, mo, d = g["ey2"], self.months[g["em2"]], g["ed2"]
        try:
            return date(int(y), int(mo), int(d))
        except ValueError:
            return None

    def of_line(self, line: str) -> date | None:
        """The date of ``line`` if the line is a dateline (short, one full date, few other words)."""
        if len(line) > MAX_LINE_CHARS:
            return None
        found = list(self.pattern.finditer(line))
        if len(found) != 1 or re.search(r"\d\s?[-–]\s?$", line[: found[0].start()]):  # one date, not a range's end
            return None
        rest = line[: found[0].start()] + " " + line[found[0].end():]
        if len(re.findall(r"[^\W\d_]+", rest)) > MAX_OTHER_WORDS:
            return None
        return self._value(found[0])

    def find(self, text: str) -> date | None:
        """The first dateline among the head and tail lines of ``text``, or None."""
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        head = lines[:HEAD_LINES]
        tail = lines[max(HEAD_LINES, len(lines) - TAIL_LINES):]
        for line in head + tail:
            value = self.of_line(line)
            if value is not None:
                return value
        return None

    # ------------------------------------------------------------------ metadata lines

    def names_source(self, line: str) -> bool:
        """Whether ``line`` holds a source or author label word (a cheap test before :meth:`meta_line`)."""
        return bool(self._source_words and self._source_words.search(line))

    def prefix(self, line: str) -> tuple[int, str] | None:
        """A date marker glued to the start of ``line`` (a crawler's `` date 2024-05-06 ``): its length and
        its date as written (``YYYY-MM`` or ``YYYY-MM-DD``; the pattern's ``date`` group)."""
        for pattern in self._prefixes:
            m = pattern.match(line)
            if m and m.end() < len(line):
                return m.end(), m.group("date")
        return None

    def meta_line(self, line: str) -> MetaLine | None:
        """``line`` read as a metadata line (date, time, labels, source, author), or None when it says
        anything else. Needs one full date; a second date is allowed only after a label ("Đăng: … |
        Cập nhật: …")."""
        if len(line) > META_MAX_CHARS:
            return None
        dates = list(self.pattern.finditer(line))
        if not dates or any(self._value(m) is None for m in dates):
            return None
        covered = [False] * len(line)

        def cover(start: int, end: int) -> None:
            for i in range(start, end):
                covered[i] = True

        labelled = 0
        for m in dates:
            cover(m.start(), m.end())
        fields: list[tuple[int, int]] = []
        if self._field:
            for m in self._field.finditer(line):
                cover(m.start(), m.end())
                if m.group().split(":")[-1].split("：")[-1].strip(_SEPARATORS):
                    fields.append((m.start(), m.end()))
        for pattern in (self._published, self._empty_field, self._counter, self._weekday, self._filler,
                        _TIME, _ZONE, _AGE):
            if pattern is None:
                continue
            for m in pattern.finditer(line):
                if pattern is self._published:
                    labelled += 1
                cover(m.start(), m.end())
        today = bool(self._today and self._today.search(line))
        if today:
            for m in self._today.finditer(line):
                cover(m.start(), m.end())
        if len(dates) > 1 and not labelled:
            return None  # two dates and no label: a range or a sentence
        # what is left: at most one short free chunk (an agency or an author beside the date)
        chunks = [(m.start(), m.end()) for m in re.finditer(r"[^|│【】\[\]]+", "".join(
            ch if not c else "|" for ch, c in zip(line, covered, strict=True)))]
        free = [(s, e) for s, e in chunks if line[s:e].strip(_SEPARATORS)]
        if len(free) > 1:
            return None
        if free:
            start, end = free[0]
            text = line[start:end].strip(_SEPARATORS)
            if text.endswith((".", "。", "!", "?")) or len(_WORD.findall(_CJK.sub(" ", text))) > BYLINE_MAX_WORDS \
                    or len(_CJK.findall(text)) > BYLINE_MAX_CJK:
                return None
            if not line[start:end].rstrip().endswith((",", "，")):  # "<city>, 6/11/2024": a place, not a byline
                fields.append(free[0])
        value = self._value(dates[0])
        bare = (self._weekday is not None and bool(self._weekday.search(line)) and not _TIME.search(line)
                and not labelled and not fields)
        parts = [line[s:e].strip(_SEPARATORS + "\u3000") for s, e in sorted(fields)]
        byline = " | ".join(p for p in parts if p) or None
        return MetaLine(published=value.isoformat() if value else None, byline=byline, today=today, bare=bare)
