"""Linking person names that no alias matched exactly to gazetteer persons, fuzzily (rapidfuzz).

"Bùi Văn Kháng" links to the entry of "Bùi Văn Khắng" with its score; the mention is marked
``method="fuzzy"`` so a reader (and ``gazetteer suggest``) can tell it from an exact match.
A link needs the same number of syllables and the same surname (diacritics aside), and a score at
or above the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..gazetteer.store import Gazetteer
from ..normalise import ascii_fold
from ..normalise import name_key as _key


@dataclass(frozen=True)
class FuzzyLink:
    entry_id: str
    matched_name: str
    score: float  # 0..100


class PersonLinker:
    def __init__(self, gazetteer: Gazetteer, threshold: float = 88.0):
        self.threshold = threshold
        self._names: list[str] = []
        self._ids: list[str] = []
        for e in gazetteer.of_type("person"):
            for _lang, n in e.all_names():
                self._names.append(_key(n))
                self._ids.append(e.id)

    def link(self, name: str) -> FuzzyLink | None:
        if not self._names:
            return None
        q = _key(name)
        parts = q.split()
        best = None
        for cand, score, i in process.extract(q, self._names, scorer=fuzz.ratio, score_cutoff=self.threshold,
                                              limit=5):
            cparts = cand.split()
            if len(cparts) != len(parts) or ascii_fold(cparts[0]) != ascii_fold(parts[0]):
                continue
            if best is None or score > best.score:
                best = FuzzyLink(self._ids[i], cand, float(score))
        return best
