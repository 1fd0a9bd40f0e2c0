"""Edition numbers of meetings: "lần thứ VIII", "lần thứ 10", "第十次", "首届", "the 11th conference";
and editions that number the meeting their clause is about ("…新春会晤是连续第三年举行": the third;
"…博览会于2004首次举行": the first), marked ``kind="subject"``, and counts of the editions held before
the one the clause is about ("đã tổ chức thành công 7 kỳ": the 8th), marked ``kind="count"``.

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
    kind: str = "ordinal"  # ordinal | subject (numbers the meeting its clause is about: "连续第三年")
    #                        | count (so many were held before it: "đã tổ chức thành công 7 kỳ" is the 8th)


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
            # a word for "the first" ("lần đầu tiên") is 1 whatever the language's numbers
            found = (1, len(m.group("num"))) if "first" in pattern.groupindex and m.group("first") \
                else _longest_number(m.group("num"), lang)
            if found is None or not 0 < found[0] <= MAX_EDITION:
                continue
            value, length = found
            whole = length == len(m.group("num"))
            if not whole and m.end() != m.end("num"):
                continue  # a cut number cannot keep the classifier after it ("第...次")
            start = m.start("span") if "span" in pattern.groupindex else m.start()
            end = m.end() if whole else m.start("num") + length
            kind = "subject" if "subject" in pattern.groupindex and m.group("subject") else "ordinal"
            if "count" in pattern.groupindex and m.group("count"):
                kind, value, end = "count", value + 1, m.end()  # "đã tổ chức thành công 7 kỳ": this is the 8th
            out.append(EditionHit(start, end, text[start:end], value, kind))
    return out


def find_editions(text: str, lang: Language) -> list[EditionHit]:
    """Edition mentions in ``text`` by the patterns of ``lang``, sorted by offset, non-overlapping (the
    longer mention wins)."""
    return longest_first(_candidates(text, lang), span=lambda h: (h.start, h.end))
