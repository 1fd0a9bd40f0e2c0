"""The cheap relevance test that lets most pages of a news corpus skip the expensive stages.

A page is worth tagging only if it names a corridor entity: a border gate or gate pair, a conference
series, or a Chinese place, body or person (``RELEVANT`` below). Before any spaCy ``Doc`` is built, the
page's tokens are folded with the same keys the matcher uses (cached per token) and scanned for the
key sequences of those entries' names. This is a superset of what the full tag stage finds relevant
(it ignores case rules and Chinese word boundaries), so it never drops a page the tag stage would keep.

>>> pf = Prefilter.from_keys([("trung", "quôc5")])
>>> pf.might_be_relevant("Đoàn đại biểu Trung Quốc sang thăm", "vi"), pf.might_be_relevant("Trời mưa", "vi")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..gazetteer.model import Entry
from ..gazetteer.store import Gazetteer
from ..normalise import ascii_fold, fold_token, has_han
from ..segment.tokens import tokenize

RELEVANT_TYPES = frozenset({"border_gate", "gate_pair", "series"})


def is_relevant_entry(e: Entry) -> bool:
    return e.type in RELEVANT_TYPES or (e.country == "CN" and e.type != "title") or e.id == "country.cn"


class Prefilter:
    def __init__(self, keys: dict[str, list[tuple[str, ...]]], ascii_keys: dict[str, list[tuple[str, ...]]]):
        self._keys = keys  # first token key -> the full key sequences that start with it
        self._ascii = ascii_keys

    @staticmethod
    def _index(seqs: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
        out: dict[str, list[tuple[str, ...]]] = {}
        for seq in set(seqs):
            if seq:
                out.setdefault(seq[0], []).append(seq)
        return out

    @classmethod
    def from_keys(cls, seqs: Iterable[tuple[str, ...]], ascii_seqs: Iterable[tuple[str, ...]] = ()) -> Prefilter:
        return cls(cls._index(seqs), cls._index(ascii_seqs))

    @classmethod
    def from_gazetteer(cls, gaz: Gazetteer) -> Prefilter:
        seqs, ascii_seqs = [], []
        for e in gaz.entries.values():
            if not is_relevant_entry(e):
                continue
            for _lang, name in e.all_names():
                words = [name[s:t] for s, t in tokenize(name, "vi")]
                seqs.append(tuple(fold_token(w) for w in words))
                if not has_han(name) and len(words) > 1:
                    ascii_seqs.append(tuple(ascii_fold(w) for w in words))
        return cls.from_keys(seqs, ascii_seqs)

    @staticmethod
    def _scan(keys: list[str], index: dict[str, list[tuple[str, ...]]]) -> bool:
        for i, k in enumerate(keys):
            for seq in index.get(k, ()):
                if tuple(keys[i:i + len(seq)]) == seq:
                    return True
        return False

    def might_be_relevant(self, text: str, lang: str, allow_ascii: bool = True,
                          tokens: Iterable[tuple[int, int]] | None = None) -> bool:
        """``tokens``: the document's syllable/character spans when already computed (not for English,
        whose tokens come from spaCy and differ from the keys built here)."""
        spans = tokens if tokens is not None and lang != "en" else tokenize(text, "vi")
        words = [text[s:e] for s, e in spans]
        if self._scan([fold_token(w) for w in words], self._keys):
            return True
        return allow_ascii and bool(self._ascii) and self._scan([ascii_fold(w) for w in words], self._ascii)
