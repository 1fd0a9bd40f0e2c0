"""The cue words of the record builders, read once from ``data/events.toml`` (documented there).

``cue_re(words, lang)`` turns a word list into one regex: longest alternative first, case-insensitive,
whole words for languages written with spaces. Builders only ever ask this module for patterns, so no
cue word is written in their control flow.

>>> bool(event_cues().future("vi").search("Hội nghị lần thứ 11 sẽ được tổ chức"))
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..tag._cues import grouped

CUE_FILE = "events.toml"

#: languages whose words are not separated by spaces: cues match anywhere
UNSPACED = frozenset({"zh", "ja"})


@cache
def _cue_re(words: tuple[str, ...], lang: str) -> re.Pattern[str]:
    return _build(words, lang)


def cue_re(words: Iterable[str], lang: str) -> re.Pattern[str]:
    """One case-insensitive pattern for ``words`` (cached); whole words unless ``lang`` is unspaced.

    >>> cue_re(["tại", "tại điểm"], "vi").findall("Tại Hà Nội, thảo luận tại điểm cầu")
    ['Tại', 'tại điểm']
    """
    return _cue_re(tuple(words), lang)


def _build(words: Iterable[str], lang: str) -> re.Pattern[str]:
    """The pattern of ``cue_re``; an empty list gives a pattern that never matches."""
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not parts:
        return re.compile(r"(?!x)x")
    spaced = lang not in UNSPACED

    def one(w: str) -> tuple[str, str, str]:
        body = r"\s+".join(re.escape(p) for p in w.split())
        head = r"(?<!\w)" if spaced and w[0].isalnum() else ""
        tail = r"(?!\w)" if spaced and w[-1].isalnum() else ""
        return w, head, body + tail

    return re.compile("(?:" + grouped([one(w) for w in parts]) + ")", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class EventCues:
    """The parsed ``events.toml``; methods return compiled patterns per language (cached)."""

    raw: dict[str, Any]

    def _words(self, *path: str) -> list[str]:
        node: Any = self.raw
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return list(node) if isinstance(node, list | dict) else []

    def pattern(self, lang: str, *path: str) -> re.Pattern[str]:
        """Pattern of the word list at ``path`` + ``lang`` (e.g. ``("nouns", "conference")``)."""
        return _compiled(self, tuple(path), lang)

    def conference(self, lang: str) -> re.Pattern[str]:
        return self.pattern(lang, "nouns", "conference")

    def other(self, lang: str) -> re.Pattern[str]:
        return self.pattern(lang, "nouns", "other")

    def reference(self, lang: str) -> re.Pattern[str]:
        return self.pattern(lang, "nouns", "reference")

    def future(self, lang: str) -> re.Pattern[str]:
        return self.pattern(lang, "future")

    def table(self, lang: str, *path: str) -> dict[str, str]:
        """A phrase -> value table (``format``, ``officials.roles``), keys case-folded."""
        return dict(_table(self, tuple(path), lang))

    def table_re(self, lang: str, *path: str) -> re.Pattern[str]:
        return self.pattern(lang, *path)

    def words(self, *path: str) -> list[str]:
        return self._words(*path)

    def number(self, lang: str, key: str, default: int) -> int:
        value = self.raw.get("editions", {}).get(key, default)
        if isinstance(value, dict):
            return int(value.get(lang, default))
        return int(value)


@cache
def _compiled(cues: EventCues, path: tuple[str, ...], lang: str) -> re.Pattern[str]:
    return cue_re(cues._words(*path, lang), lang)


@cache
def _table(cues: EventCues, path: tuple[str, ...], lang: str) -> dict[str, str]:
    node: Any = cues.raw
    for key in (*path, lang):
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return {" ".join(k.casefold().split()): v for k, v in node.items()} if isinstance(node, dict) else {}


@cache
def event_cues() -> EventCues:
    """The shipped cue file, parsed once. Callers must treat it as read-only."""
    text = resources.files("corridor_ie").joinpath("data", CUE_FILE).read_text(encoding="utf-8")
    return EventCues(tomllib.loads(text))


def fold(phrase: str) -> str:
    """Lookup key of a matched phrase in a ``table``: case-folded, spaces collapsed."""
    return " ".join(phrase.casefold().split())
