"""Edition numbers of meetings: "lần thứ VIII", "lần thứ 10", "第十次", "the 11th conference".

``find_editions(text, lang)`` is pure: sorted, non-overlapping hits with the edition as an int. The
patterns and number words are the language's (``Language.edition_patterns``, ``parse_number``).

>>> from corridor_ie.lang import build_languages
>>> [(h.text, h.value) for h in find_editions("Hội nghị lần thứ VIII và lần thứ 10", build_languages().get("vi"))]
[('lần thứ VIII', 8), ('lần thứ 10', 10)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import Language
from ..patterns import longest_first

#: editions above this are not edition numbers ("lần thứ 2023")
MAX_EDITION = 500


@dataclass(frozen=True)
class EditionHit:
    """One edition mention; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: int


def _longest_number(num: str, lang: Language) -> tuple[int, int] | None:
    """(value, length) of the longest word-prefix of ``num`` that is a number ("mười một năm" -> 11)."""
    ends = [w.end() for w in re.finditer(r"\S+", num)]
    for end in reversed(ends):
        value = lang.parse_number(num[:end])
        if value is not None:
            return value, end
    return None


def _candidates(text: str, lang: Language) -> list[EditionHit]:
    out: list[EditionHit] = []
    for pattern in lang.edition_patterns():
        for m in pattern.finditer(text):
            if not lang.edition_ok(text, m):
                continue
            found = _longest_number(m.group("num"), lang)
            if found is None or not 0 < found[0] <= MAX_EDITION:
                continue
            value, length = found
            whole = length == len(m.group("num"))
            if not whole and m.end() != m.end("num"):
                continue  # a cut number cannot keep the classifier after it ("第...次")
            start = m.start("span") if "span" in pattern.groupindex else m.start()
            end = m.end() if whole else m.start("num") + length
            out.append(EditionHit(start, end, text[start:end], value))
    return out


def find_editions(text: str, lang: Language) -> list[EditionHit]:
    """Edition mentions in ``text`` by the patterns of ``lang``, sorted by offset, non-overlapping (the
    longer mention wins)."""
    return longest_first(_candidates(text, lang), span=lambda h: (h.start, h.end))
