"""Shared helpers of the date, edition and quantity recognisers.

``cues()`` loads ``data/dates.toml`` once (cached; treat it as read-only), ``alternation`` builds
regex alternations from its word lists, ``longest_first`` picks non-overlapping spans.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

CUE_FILE = "dates.toml"

T = TypeVar("T")


@cache
def cues() -> dict[str, Any]:
    """The parsed cue file. Example: ``cues()["dates"]["vi"]["month_word"] == ["tháng"]``."""
    text = resources.files("corridor_ie").joinpath("data", CUE_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, any run of spaces inside a word matching ``\\s+``.

    >>> alternation(["a b", "a"])
    '(?:a\\\\s+b|a)'
    """
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts) + ")"


def fold(word: str) -> str:
    """Lookup key for a matched cue: case-folded, inner whitespace collapsed to one space."""
    return " ".join(word.casefold().split())


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
