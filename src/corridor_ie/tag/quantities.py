"""Attendance-style counts: "hơn 250 đại biểu", "200多名代表", "about 100 businesses".

``find_quantities(text, lang)`` is pure: sorted, non-overlapping hits whose ``unit`` is one of the
normalised nouns of ``[quantities.units_*]`` in ``data/dates.toml`` (delegates, businesses, guests,
participants, provinces, countries). Counts of anything else ("5.600 buổi") are not returned.
Thousands separators ("5.600", "5,600") and scale words ("2 nghìn", "1万") are read.

>>> [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities("Có hơn 250 đại biểu tham dự", "vi")]
[('hơn 250 đại biểu', 250, 'delegates', 'more_than')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ._cues import alternation, cues, fold
from .editions import parse_number

QUALIFIERS = ("more_than", "about", "at_least")

# an arabic count: digits, optionally grouped by thousands with "." or ","; never part of a decimal
_ARABIC = r"(?<![\d.,])(?:\d{1,3}(?:[.,]\d{3})+|\d+)(?!\d|[.,]\d)"


@dataclass(frozen=True)
class QuantityHit:
    """One count of people or places; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: int
    unit: str  # delegates | businesses | guests | participants | provinces | countries
    qualifier: str | None  # more_than | about | at_least | None


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    q: dict[str, Any] = cues()["quantities"]
    nums = cues()["numbers"]
    vi_words = alternation([*nums["vi"]["units"], *nums["vi"]["ten"], *nums["vi"]["tens"], *nums["vi"]["hundred"]])
    zh_digits = "".join([*nums["zh"]["digits"], *nums["zh"]["multipliers"], *nums["zh"]["myriad"]])
    en_words = alternation(nums["en"]["cardinals"])
    scale = alternation(q["scale"])
    vi = (rf"(?<!\w)(?:(?P<qual>{alternation(q['qualifiers_vi'])})\s+)?"
          rf"(?P<num>{_ARABIC}|(?<!\w){vi_words}(?:\s+{vi_words}){{0,3}}(?!\w))"
          rf"(?:\s+(?P<scale>{scale}))?\s+(?P<unit>{alternation(q['units_vi'])})(?!\w)")
    zh = (rf"(?:(?P<qual>{alternation(q['qualifiers_zh'])}))?"
          rf"(?P<num>{_ARABIC}|(?<![{zh_digits}\d])[{zh_digits}]{{1,12}})(?P<scale>{scale})?"
          rf"(?P<more>{alternation(q['suffix_more_zh'])})?(?:{alternation(q['classifiers_zh'])})?"
          rf"(?P<more2>{alternation(q['suffix_more_zh'])})?(?P<unit>{alternation(q['units_zh'])})")
    en = (rf"(?<!\w)(?:(?P<qual>{alternation(q['qualifiers_en'])})\s+)?"
          rf"(?P<num>{_ARABIC}|(?<!\w){en_words}(?:-{en_words})?(?!\w))(?:\s+(?P<scale>{scale}))?"
          rf"(?:\s+{alternation(q['modifiers_en'])}){{0,3}}\s+(?P<unit>{alternation(q['units_en'])})(?!\w)")
    return {"vi": re.compile(vi, re.IGNORECASE), "zh": re.compile(zh), "en": re.compile(en, re.IGNORECASE)}


@cache
def _lookups(lang: str) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    q = cues()["quantities"]
    units = {fold(k): v for k, v in q.get(f"units_{lang}", {}).items()}
    quals = {fold(k): v for k, v in q.get(f"qualifiers_{lang}", {}).items()}
    scale = {fold(k): int(v) for k, v in q["scale"].items()}
    return units, quals, scale


def _count(token: str) -> int | None:
    """The integer a count token stands for: "5.600" and "5,600" are 5600."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        return int(re.sub(r"[.,]", "", token))
    return parse_number(token)


def find_quantities(text: str, lang: str) -> list[QuantityHit]:
    """Counts of delegates, businesses, guests, participants, provinces or countries in ``text``.

    ``lang`` is "vi", "zh" or "en"; other languages give ``[]``. Sorted by offset, non-overlapping.
    """
    pattern = _patterns().get(lang)
    if pattern is None:
        return []
    units, quals, scales = _lookups(lang)
    out: list[QuantityHit] = []
    for m in pattern.finditer(text):
        value = _count(m.group("num"))
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
