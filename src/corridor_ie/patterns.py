"""Regular expressions built from word lists, written once for every stage and language.

- ``alternation(words)``: a regex alternation, longest word first, any run of spaces inside a word
  matching ``\\s+``;
- ``grouped(alts)``: the same alternation grouped by first letter (only for speed);
- ``cue_re(words, spaced)``: one case-insensitive pattern of cue words, whole words in languages
  written with spaces;
- ``longest_first(items, span)``: the non-overlapping items, longer spans winning.

>>> cue_re(["tại", "tại điểm"], spaced=True).findall("Tại Hà Nội, thảo luận tại điểm cầu")
['Tại', 'tại điểm']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

#: a pattern that never matches (for an empty word list)
NEVER = re.compile(r"(?!x)x")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, any run of spaces inside a word matching ``\\s+``.

    >>> alternation(["a b", "a"])
    '(?:a\\\\s+b|a)'
    """
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + grouped([(w, "", r"\s+".join(re.escape(p) for p in w.split())) for w in parts]) + ")"


def grouped(alts: list[tuple[str, str, str]]) -> str:
    """The regex alternation of ``(word, head, rest)`` items: ``head + rest`` each, in order, where ``rest``
    starts by matching the first letter of ``word`` (``head`` is a zero-width check such as ``(?<!\\w)``).

    Only for speed, the alternatives are grouped by that letter and a head they share is written once:
    ``re`` then tries a group only where its letter is. Two groups never match at the same offset (their
    letters differ, even ignoring case) and a group keeps its order, so every match and every
    backtracking step is that of the plain alternation.

    >>> grouped([("ab", "", "ab"), ("b", "", "b"), ("a", "", "a")])
    '(?:ab|a)|b'
    """
    if any(not w.strip() for w, _, _ in alts):  # a blank word starts with no letter: keep the plain form
        return "|".join(h + r for _, h, r in alts)
    groups: dict[str, list[tuple[str, str]]] = {}
    for word, head, rest in alts:
        letter = word.split()[0][0]
        key = next((k for k in groups if _same_letter(k, letter)), letter)
        groups.setdefault(key, []).append((head, rest))
    heads = {h for g in groups.values() for h, _ in g}
    if len(groups) == 1:
        return _branches(next(iter(groups.values())))
    if len(heads) == 1 and (head := heads.pop()):  # one head for all: check it once
        return head + "(?:" + "|".join(_branch([("", r) for _, r in g]) for g in groups.values()) + ")"
    return "|".join(_branch(g) for g in groups.values())


def _same_letter(a: str, b: str) -> bool:
    """Whether some character matches both ``a`` and ``b`` when case is ignored."""
    return bool(re.fullmatch(re.escape(a), b, re.IGNORECASE) or re.fullmatch(re.escape(b), a, re.IGNORECASE))


def _branches(alts: list[tuple[str, str]]) -> str:
    """``head + rest`` joined by "|"; a head all of them share written once."""
    heads = {h for h, _ in alts}
    if len(alts) > 1 and len(heads) == 1 and (head := heads.pop()):
        return head + "(?:" + "|".join(r for _, r in alts) + ")"
    return "|".join(h + r for h, r in alts)


def _branch(alts: list[tuple[str, str]]) -> str:
    """``_branches`` as one branch of a larger alternation."""
    joined = _branches(alts)
    return joined if len(alts) == 1 else "(?:" + joined + ")"


def cue_re(words: Iterable[str], spaced: bool = True) -> re.Pattern[str]:
    """One case-insensitive pattern for ``words``: longest first, whole words when ``spaced`` (a
    language written with spaces between words); an empty list gives a pattern that never matches."""
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not parts:
        return NEVER

    def one(w: str) -> tuple[str, str, str]:
        body = r"\s+".join(re.escape(p) for p in w.split())
        head = r"(?<!\w)" if spaced and w[0].isalnum() else ""
        tail = r"(?!\w)" if spaced and w[-1].isalnum() else ""
        return w, head, body + tail

    return re.compile("(?:" + grouped([one(w) for w in parts]) + ")", re.IGNORECASE)


def longest_first(items: Iterable[T], span: Callable[[T], tuple[int, int]],
                  rank: Callable[[T], int] = lambda _: 0) -> list[T]:
    """The non-overlapping items, longer spans winning (then earlier, then lower ``rank``), by offset.

    >>> longest_first([(0, 2), (1, 5), (5, 6)], span=lambda s: s)
    [(1, 5), (5, 6)]
    """
    ordered = sorted(items, key=lambda it: (span(it)[0] - span(it)[1], span(it)[0], rank(it)))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[T] = []
    for it in ordered:
        start, end = span(it)
        i = bisect.bisect_left(starts, start)
        if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.insert(i, it)
    return chosen
