"""Helpers of the person recognisers of languages written with letters and spaces (Vietnamese,
English): words as parallel lists, runs of capitalised words, clause breaks, place classifiers.

They work on plain lists (no object per word): they run over every word of every relevant document.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

Span = tuple[int, int]

WORD = re.compile(r"[^\W\d_]+")
CLAUSE_STOP = re.compile(r"[.;:!?\"“”‘’()\[\]|,\n\r\t…]|\s[-–—]\s|^[-–—]|[-–—]$")
APPOSITION_SEP = re.compile(r"(?:\s*,|\s+[-–—])\s*$")
_SPACE_JOIN = frozenset({" ", "\u00a0"})


def overlaps(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(s < end and start < e for s, e in spans)


def words_of(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int], list[str]]:
    """The starts, ends and texts of the words of ``text`` (parallel lists)."""
    found = list(pattern.finditer(text))
    return [m.start() for m in found], [m.end() for m in found], [m.group() for m in found]


class SpanIndex:
    """Answers "does [start, end) overlap any of these spans?" by bisection (spans may overlap)."""

    def __init__(self, spans: Sequence[Span]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # the spans starting before ``end``
        return k > 0 and self.max_end[k - 1] > start


def runs(text: str, starts: list[int], ends: list[int], words: list[str], ok, starts_only,
         forbidden: Sequence[Span]) -> list[list[int]]:
    """Maximal runs of name-able words joined by one space.

    ``ok(word)``: the word may be in a name (only capitalised words are asked: no other word may be);
    ``starts_only(word)``: it may only begin one.
    """
    blocked = SpanIndex(forbidden)
    out: list[list[int]] = []
    current: list[int] = []
    for i in [i for i, w in enumerate(words) if w[0].isupper()]:
        w = words[i]
        if not ok(w) or blocked.overlaps(starts[i], ends[i]):
            continue
        joined = bool(current) and current[-1] == i - 1 and text[ends[i - 1]:starts[i]] in _SPACE_JOIN
        if joined and not starts_only(w):
            current.append(i)
            continue
        if current:
            out.append(current)
        current = [i]
    if current:
        out.append(current)
    return out


def word_ending_at(ends: list[int], starts: list[int], end: int) -> int | None:
    """Index of the word that ends exactly at ``end``, if any."""
    i = bisect.bisect_left(starts, end) - 1
    return i if i >= 0 and ends[i] == end else None


def word_before(text: str, start: int, lookback: int = 24) -> str:
    """The lowercase text of the one or two words right before ``start`` (for classifier checks)."""
    return text[max(0, start - lookback):start].lower().rstrip(" \u00a0")


def after_classifier(text: str, start: int, classifiers: frozenset[str], endings: tuple[str, ...]) -> bool:
    """Whether a place classifier ("tỉnh", "thành phố") stands right before ``start``; ``endings`` are
    the classifiers preceded by a space, "(" or a line break (see ``classifier_endings``)."""
    before = word_before(text, start)
    if before.endswith("."):  # "TP." before a place
        before = before[:-1]
    return before in classifiers or before.endswith(endings)


def classifier_endings(classifiers: frozenset[str]) -> tuple[str, ...]:
    return tuple(sep + c for c in classifiers for sep in (" ", "(", "\n"))


def clause_break(text: str, start: int, end: int, abbreviations: frozenset[str]) -> bool:
    """True when text[start:end] (the gap between two words) ends a clause."""
    gap = text[start:end]
    m = CLAUSE_STOP.search(gap)
    if m is None:
        return False
    if m.group() == "." and gap.strip() == ".":
        head = WORD.findall(text[max(0, start - 6):start])
        return not (head and head[-1] in abbreviations)
    return True


def list_end(text: str, pos: int, abbreviations: frozenset[str]) -> int:
    """End of a ";"-separated list: the first sentence end or line break after ``pos``."""
    for m in re.finditer(r"[.\n!?]", text[pos:]):
        at = pos + m.start()
        if m.group() == "." and (head := WORD.findall(text[max(0, at - 6):at])) and head[-1] in abbreviations:
            continue
        return at
    return len(text)


# --------------------------------------------------------------------------- things named after people


class NamedThings:
    """Words that make a person's name the name of a thing: a city, a street, a bridge, a school, a ship,
    a museum or a doctrine named after someone ("thành phố Hồ Chí Minh", "Nguyen Trai Street", 某某路).
    ``before``: words right before the name; ``after``: words right after it; ``blockers``: words right
    before a ``before`` word that make it an organisation's ("UBND thành phố" + its chairman's name)."""

    def __init__(self, before: Sequence[str], after: Sequence[str], spaced: bool, blockers: Sequence[str] = ()):
        def alt(words: Sequence[str]) -> str:
            return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

        edge = r"(?!\w)" if spaced else ""
        self.before = re.compile(rf"(?:^|[^\w])((?:{alt(before)})\.?)\s*$", re.IGNORECASE) if before else None
        self.after = re.compile(rf"\s*(?:{alt(after)}){edge}", re.IGNORECASE) if after else None
        self.blockers = re.compile(rf"(?:^|[^\w])(?:{alt(blockers)})\s*$", re.IGNORECASE) if blockers else None

    def applies(self, text: str, start: int, end: int) -> bool:
        window = text[max(0, start - 60):start]
        m = self.before.search(window) if self.before is not None else None
        if m is not None and not (self.blockers is not None and self.blockers.search(window, 0, m.start(1))):
            return True
        return self.after is not None and self.after.match(text, end) is not None
