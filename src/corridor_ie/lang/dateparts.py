"""Building blocks of the languages' date patterns: the digit skeletons every language shares.

A language module writes its rules (``DateRule``) from these templates and its own cue words; the
``tag.dates`` stage runs them and resolves what they match. Group names the stage reads: ``d1 m1 y1``
(``mn1`` for a month name) and ``d2 m2 y2 mn2`` for a range's second end, ``pod`` (part of day), ``dw``
(a day word), ``frm`` (from/since), ``per`` (a period word), ``rel`` (a relative expression), ``sep``
(the separator of a numeric date) and ``span`` (the part that is the mention, when narrower).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .base import DateRule

NB = r"(?<![\w.,/])"  # a number starts here
NE = r"(?!\d)"  # a number ends here
END = r"(?!\w|[.,/-]\d)"  # the expression ends here
DASH = r"\s*[-–—]\s*"


def num(name: str, digits: str = r"\d{1,2}") -> str:
    return rf"(?P<{name}>{digits}){NE}"


def year(name: str) -> str:
    return num(name, r"\d{4}")


def iso_rule(nb: str = NB, end: str = END) -> DateRule:
    """``2024-11-06``, ``2024.11.06``, ``2024/11/6`` in any language (year first, one separator). ``nb``
    and ``end``: what may not stand before and after (a language without spaces allows letters)."""
    return DateRule(re.compile(rf"{nb}{year('y1')}(?P<sep>[-./]){num('m1')}(?P=sep){num('d1')}{end}"))


def day_month_year_rule(nb: str = NB, end: str = END) -> DateRule:
    """``22.2.2023``, ``22/02/2023`` in any language (day first, one separator, a four-digit year)."""
    return DateRule(re.compile(rf"{nb}{num('d1')}(?P<sep>[./]){num('m1')}(?P=sep){year('y1')}{end}"))


def starts(words: Iterable[str]) -> str:
    """A lookahead for a digit or the first letter of one of ``words`` (only for speed: ``re`` then fails
    at most offsets at once)."""
    words = [w for w in words if w]
    if any(not w.strip() for w in words):
        return ""
    letters = "".join(re.escape(ch) for ch in sorted({w.split()[0][0] for w in words}))
    return "(?=[" + letters + r"\d])"
