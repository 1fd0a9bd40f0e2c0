"""The Chinese person recogniser: a surname + 1–2 characters next to a title or 同志/先生/女士.

All cue characters live in ``lang/zh/persons.toml``; no name of a place or person is written here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base import PersonCandidate
from ..names import overlaps

if TYPE_CHECKING:
    from . import PersonsTable

Span = tuple[int, int]
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class PersonCues:
    score: float
    surnames: frozenset[str]
    double_surnames: frozenset[str]
    post_honorifics: tuple[str, ...]
    after_name: tuple[str, ...]  # longest first
    non_name_chars: frozenset[str]

    @classmethod
    def from_table(cls, t: PersonsTable, scores: dict[str, float]) -> PersonCues:
        return cls(scores.get("zh_title", 0.85), frozenset(t.surnames), frozenset(t.double_surnames),
                   tuple(t.post_honorifics), tuple(sorted(t.after_name, key=len, reverse=True)),
                   frozenset(t.non_name_chars))


def _given_ok(text: str, start: int, length: int, cues: PersonCues) -> bool:
    chunk = text[start:start + length]
    return len(chunk) == length and all(_HAN.fullmatch(c) and c not in cues.non_name_chars for c in chunk)


def _after(text: str, start: int, cues: PersonCues, title_starts: frozenset[int]) -> tuple[int, int] | None:
    """A name starting at ``start`` (right after a title): surname + 1–2 characters."""
    if text[start:start + 2] in cues.double_surnames:
        sl = 2
    elif text[start:start + 1] in cues.surnames:
        sl = 1
    else:
        return None
    g = start + sl
    if not _given_ok(text, g, 1, cues):
        return None
    one_char = (
        not _given_ok(text, g + 1, 1, cues)
        or g + 1 in title_starts
        or text.startswith(cues.after_name, g + 1)
    )
    return start, g + (1 if one_char else 2)


def _word_starts(text: str, start: int, end: int, cut: Callable[[str], list[str]]) -> frozenset[int]:
    """Offsets where jieba starts a word in text[start:end] (used only to break ties)."""
    offsets, pos = set(), start
    for token in cut(text[start:end]):
        offsets.add(pos)
        pos += len(token)
    return frozenset(offsets)


def _before(text: str, end: int, cues: PersonCues, cut: Callable[[str], list[str]]) -> tuple[int, int] | None:
    """A name ending at ``end`` (right before a title or 同志/先生/女士).

    The longest reading wins, except when a shorter one is also valid and jieba starts a word at the
    shorter one but not at the longer ("感谢李明先生": 李明, not 谢李明). The tie-break only chooses
    between two readings the cue tables already accept, so jieba's dictionary cannot add a name.
    """
    options = ((2, 2), (1, 2), (2, 1), (1, 1))  # (surname length, given length), longest first
    valid = []
    for sl, gl in options:
        start = end - sl - gl
        surname = text[start:start + sl] if start >= 0 else ""
        known = surname in (cues.double_surnames if sl == 2 else cues.surnames)
        if known and _given_ok(text, start + sl, gl, cues) and start not in valid:
            valid.append(start)
    if len(valid) > 1:
        starts = _word_starts(text, max(0, end - 8), end, cut)
        if valid[0] not in starts and (shorter := [s for s in valid[1:] if s in starts]):
            return shorter[0], end
    return (valid[0], end) if valid else None


def find_candidates(text: str, cues: PersonCues, title_spans: Sequence[Span], forbidden: Sequence[Span],
                    cut: Callable[[str], list[str]]) -> list[PersonCandidate]:
    anchors = list(title_spans)
    for word in cues.post_honorifics:
        anchors += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]
    title_starts = frozenset(s for s, _ in anchors)
    cands: list[PersonCandidate] = []
    for ts, te in anchors:
        after = te + len(text[te:te + 3]) - len(text[te:te + 3].lstrip(" \u3000"))
        for span in (_after(text, after, cues, title_starts), _before(text, ts, cues, cut)):
            if span is None:
                continue
            if overlaps(*span, forbidden) and span[1] - span[0] > 2:  # try the shorter reading
                short = (span[0], span[1] - 1) if span[0] >= after else None
                span = short if short and not overlaps(*short, forbidden) else span
            cands.append(PersonCandidate(span[0], span[1], "zh_title", cues.score))
    return cands
