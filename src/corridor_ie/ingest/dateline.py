"""The publication date from a dateline line, for documents whose metadata and input give none.

A dateline is a short line near the top or the bottom of the cleaned text that is little more than
one full date: "Thứ Hai, 06/11/2024 08:00 (GMT+7)", "Cập nhật: 6-11-2024", "2024年11月6日 09:30",
"November 6, 2024". A date inside a body sentence ("Sáng 6/11/2024, tại thành phố …") is the date of
an event, not of publication, and is never read here; neither is a bare year or a date without one.

Rules: among the first ``HEAD_LINES`` and last ``TAIL_LINES`` non-empty lines, the first line of at
most ``MAX_LINE_CHARS`` characters holding exactly one full date, with at most ``MAX_OTHER_WORDS``
words beside it (weekday, "updated", the time), is the dateline. Numeric dates are day first (as
written in Vietnamese), except ISO ``yyyy-mm-dd``. Month names are the languages' (``month_names``).

Example:
    >>> reader = Datelines({"november": 11})
    >>> reader.find("Hai tỉnh ký kết hợp tác\\nThứ Hai, 06/11/2024 08:00\\nSáng 5/11/2024, đoàn đã đến.")
    datetime.date(2024, 11, 6)
    >>> reader.find("Sáng 5/11/2024, đoàn công tác của tỉnh đã đến thăm và làm việc tại khu kinh tế.") is None
    True
    >>> reader.find("Published: November 13, 2023")
    datetime.date(2023, 11, 13)
"""

from __future__ import annotations

import re
from datetime import date

HEAD_LINES = 3
TAIL_LINES = 3
MAX_LINE_CHARS = 60
MAX_OTHER_WORDS = 4

_DMY = r"(?<!\d)(?P<d>\d{1,2})\s?[/.\-]\s?(?P<m>\d{1,2})\s?[/.\-]\s?(?P<y>(?:19|20)\d\d)(?!\d)"
_ISO = r"(?<!\d)(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)(?!\d)"
_ZH = r"(?P<zy>(?:19|20)\d\d)\s?年\s?(?P<zm>\d{1,2})\s?月\s?(?P<zd>\d{1,2})\s?[日号]"


class Datelines:
    """Reads datelines; ``months``: month names (any case) -> month number."""

    def __init__(self, months: dict[str, int]):
        self.months = {m.capitalize(): n for m, n in months.items()}
        names = "|".join(sorted((re.escape(m) for m in self.months), key=len, reverse=True))
        en = (rf"|(?:(?P<em>{names})\.?\s(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<ey>(?:19|20)\d\d)"
              rf"|(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<em2>{names})\.?,?\s(?P<ey2>(?:19|20)\d\d))(?!\d)") if names else ""
        self.pattern = re.compile("|".join((_ISO, _DMY, _ZH)) + en)

    def _value(self, m: re.Match[str]) -> date | None:
        g = m.groupdict()
        if g["iy"]:
            y, mo, d = g["iy"], g["im"], g["id"]
        elif g["y"]:
            y, mo, d = g["y"], g["m"], g["d"]
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
