"""Attendance-style counts: "hơn 250 đại biểu", "200多名代表", "about 100 businesses".

``find_quantities(text, lang)`` is pure: sorted, non-overlapping hits whose ``unit`` is one of the
normalised nouns of the language's ``[quantities] units`` (delegates, businesses, guests,
participants, provinces, countries). Counts of anything else ("5.600 buổi") are not returned.
Thousands separators ("5.600", "5,600") and scale words ("2 nghìn", "1万") are read.

>>> from corridor_ie.lang import build_languages
>>> vi = build_languages().get("vi")
>>> [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities("Có hơn 250 đại biểu tham dự", vi)]
[('hơn 250 đại biểu', 250, 'delegates', 'more_than')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import Language
from ..normalise import fold

QUALIFIERS = ("more_than", "about", "at_least")


@dataclass(frozen=True)
class QuantityHit:
    """One count of people or places; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: int
    unit: str  # delegates | businesses | guests | participants | provinces | countries
    qualifier: str | None  # more_than | about | at_least | None


def _count(token: str, lang: Language) -> int | None:
    """The integer a count token stands for: "5.600" and "5,600" are 5600."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        return int(re.sub(r"[.,]", "", token))
    return lang.parse_number(token)


def find_quantities(text: str, lang: Language) -> list[QuantityHit]:
    """Counts of delegates, businesses, guests, participants, provinces or countries in ``text``, by
    the pattern of ``lang`` (a language without one gives ``[]``). Sorted by offset, non-overlapping.
    """
    pattern = lang.quantity_pattern()
    if pattern is None:
        return []
    words = lang.quantity_words()
    units, quals, scales = words.units, words.qualifiers, words.scale
    out: list[QuantityHit] = []
    for m in pattern.finditer(text):
        value = _count(m.group("num"), lang)
        unit = units.get(fold(m.group("unit")))
        if value is None or value <= 0 or unit is None:
            continue
        if m.group("scale"):
            value *= scales.get(fold(m.group("scale")), 1)
        qualifier = quals.get(fold(m.group("qual"))) if m.group("qual") else None
        if qualifier is None and (m.groupdict().get("more") or m.groupdict().get("more2")):
            qualifier = "more_than"
        out.append(QuantityHit(m.start(), m.end(), m.group(0), value, unit, qualifier))
    return out
