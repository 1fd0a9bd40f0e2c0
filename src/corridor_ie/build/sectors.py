"""The fixed sector vocabulary of commitment records (``data/sectors.toml``, documented there).

``find_sectors(text, lang)`` names the sectors an action concerns, from cue words in that language.
Matching works on word keys (``normalise.fold_token``), so it ignores case and Vietnamese tone-mark
placement; at each word the longest cue wins, and ``[exclude]`` phrases win without giving a sector.

>>> find_sectors("đẩy mạnh kết nối giao thông và hợp tác thương mại điện tử", "vi")
['digital_economy', 'trade', 'transport']
>>> find_sectors("深化经贸、物流、旅游等领域的务实合作", "zh")
['logistics', 'tourism', 'trade']
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..normalise import fold_token

SECTOR_FILE = "sectors.toml"
LANGS = ("vi", "zh", "en")

#: one word: a single Han character, or a run of letters/digits (hyphens split English words)
_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[^\W_\u3400-\u4dbf\u4e00-\u9fff]+")

Key = tuple[str, ...]


def word_keys(text: str) -> Key:
    """The matching keys of the words of ``text``.

    >>> word_keys("Văn hoá") == word_keys("văn hóa")
    True
    """
    return tuple(map(fold_token, _WORD.findall(text)))


@dataclass(frozen=True)
class SectorVocabulary:
    """Per language: cue key -> the sectors it names (empty for an excluded phrase)."""

    names: tuple[str, ...]
    cues: dict[str, dict[Key, frozenset[str]]]
    longest: dict[str, int]
    firsts: dict[str, frozenset[str]]  # the words a cue of the language starts with

    def find(self, text: str, lang: str) -> list[str]:
        """Sorted unique sectors named in ``text`` (all languages' cues when ``lang`` is unknown)."""
        keys = word_keys(text)
        langs = (lang,) if lang in self.cues else tuple(self.cues)
        found: set[str] = set()
        for lg in langs:
            table, longest, firsts = self.cues[lg], self.longest[lg], self.firsts[lg]
            i = 0  # the first word not inside a cue found already
            for j in [j for j, k in enumerate(keys) if k in firsts]:  # the words a cue may start at
                if j < i:
                    continue
                for n in range(min(longest, len(keys) - j), 0, -1):
                    hit = table.get(keys[j:j + n])
                    if hit is not None:
                        found |= hit
                        i = j + n
                        break
        return sorted(found)


def parse_vocabulary(raw: dict) -> SectorVocabulary:
    """Build the lookup tables from the parsed TOML (``[sectors.NAME]`` and ``[exclude]``)."""
    sectors = raw.get("sectors", {})
    cues: dict[str, dict[Key, set[str]]] = {lg: {} for lg in LANGS}
    for name, table in sectors.items():
        for lg in LANGS:
            for phrase in table.get(lg, []):
                key = word_keys(phrase)
                if key:
                    cues[lg].setdefault(key, set()).add(name)
    for lg in LANGS:
        for phrase in raw.get("exclude", {}).get(lg, []):
            key = word_keys(phrase)
            if key:
                cues[lg].setdefault(key, set())
    frozen = {lg: {k: frozenset(v) for k, v in table.items()} for lg, table in cues.items()}
    longest = {lg: max((len(k) for k in table), default=0) for lg, table in frozen.items()}
    firsts = {lg: frozenset(k[0] for k in table) for lg, table in frozen.items()}
    return SectorVocabulary(tuple(sorted(sectors)), frozen, longest, firsts)


@cache
def vocabulary() -> SectorVocabulary:
    """The shipped vocabulary, read once."""
    text = resources.files("corridor_ie").joinpath("data", SECTOR_FILE).read_text(encoding="utf-8")
    return parse_vocabulary(tomllib.loads(text))


def sector_names() -> tuple[str, ...]:
    """Every sector name of the vocabulary, sorted."""
    return vocabulary().names


def find_sectors(text: str, lang: str) -> list[str]:
    """Sorted unique sector names whose cue words occur in ``text`` (see module docstring)."""
    return vocabulary().find(text, lang)
