"""The cheap relevance test that lets most pages of a news corpus skip the expensive stages.

A page is worth tagging only if it names a corridor entity: a border gate or gate pair, a conference
series, or a Chinese place, body or person (``compiled.is_relevant_entry``). Before any spaCy ``Doc`` is built, the
page's tokens are folded with the same keys the matcher uses (cached per token) and scanned for the
key sequences of those entries' names, under the matcher's case rules (a gate named "Động Trung" does
not fire on "hoạt động trung bình"). This is a superset of what the full tag stage finds relevant (it
ignores Chinese word boundaries and context cues), so it never drops a page the tag stage would keep.

>>> pf = Prefilter.from_keys([(("trung", "quôc1"), (True, True), False)])
>>> pf.might_be_relevant("Đoàn đại biểu Trung Quốc sang thăm"), pf.might_be_relevant("Trời mưa")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..gazetteer.compiled import (
    CompiledGazetteer,
    case_ok,
    compile_gazetteer,
    is_relevant_entry,
    some_capital,
)
from ..gazetteer.store import Gazetteer
from ..normalise import ascii_fold, fold_token, key_words

__all__ = ["Prefilter", "is_relevant_entry"]

#: one key sequence to look for: its folded keys, and the matcher's case rule for it (which tokens
#: must not be lower-case; whether some capital letter is required anywhere)
Sequence = tuple[tuple[str, ...], tuple[bool, ...], bool]


class Prefilter:
    def __init__(self, keys: dict[str, list[Sequence]], ascii_keys: dict[str, list[Sequence]]):
        self._keys = keys  # first token key -> the sequences that start with it
        self._ascii = ascii_keys

    @staticmethod
    def _index(seqs: Iterable[Sequence]) -> dict[str, list[Sequence]]:
        out: dict[str, list[Sequence]] = {}
        for seq in set(seqs):
            if seq[0]:
                out.setdefault(seq[0][0], []).append(seq)
        return out

    @classmethod
    def from_keys(cls, seqs: Iterable[Sequence], ascii_seqs: Iterable[Sequence] = ()) -> Prefilter:
        return cls(cls._index(seqs), cls._index(ascii_seqs))

    @classmethod
    def from_gazetteer(cls, gaz: Gazetteer, tables: CompiledGazetteer | None = None) -> Prefilter:
        """The relevant entries' key sequences, each with the case rule the matcher applies to it."""
        tables = tables or compile_gazetteer(gaz)
        return cls.from_keys([(p.keys, p.caps, p.any_cap) for p in tables.exact if p.relevant],
                             [(p.keys, p.caps, False) for p in tables.ascii if p.relevant])

    @staticmethod
    def _scan(keys: list[str], words: list[str], index: dict[str, list[Sequence]]) -> bool:
        for i in [i for i, k in enumerate(keys) if k in index]:  # starts are rare: one C-level pass finds them
            for seq, caps, any_cap in index[keys[i]]:
                n = len(seq)
                if tuple(keys[i:i + n]) == seq and case_ok(words[i:i + n], caps) and (
                        not any_cap or some_capital(words[i:i + n])):
                    return True
        return False

    def might_be_relevant(self, text: str, allow_ascii: bool = True) -> bool:
        """Whether ``text`` may name a corridor entity. Its words are split the way the gazetteer's names
        were (syllables and Han characters, in any language), so the keys line up."""
        words = key_words(text)
        if self._scan(list(map(fold_token, words)), words, self._keys):
            return True
        return allow_ascii and bool(self._ascii) and self._scan(list(map(ascii_fold, words)), words, self._ascii)
