"""The English person recogniser: a run of capitalised words after a title or Mr/Ms, or before
", <title>"; names may be written without diacritics and in either order ("Tran Van Hoa", "Li Weiming").

All cue words live in ``lang/en/persons.toml``; no name of a place or person is written here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...normalise import ascii_fold
from ...patterns import alternation
from .. import names as nm
from ..base import PersonCandidate

if TYPE_CHECKING:
    from . import PersonsTable

Span = tuple[int, int]
_EN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class PersonCues:
    scores: dict[str, float]
    surnames: frozenset[str]  # ascii-folded lowercase
    non_name: frozenset[str]  # lowercase
    place_words: frozenset[str]
    max_window: int
    honorific_re: re.Pattern[str]
    middles: frozenset[str]  # middle names that are also English words, allowed inside a name ("A")
    middle_keys: frozenset[str]  # ascii-folded lowercase middle names ("thi", "van", "a")
    things: nm.NamedThings  # "City", "Street" … after a name: a thing named after a person

    @classmethod
    def from_table(cls, t: PersonsTable, borrowed_surnames: Iterable[str], scores: dict[str, float]) -> PersonCues:
        borrowed = {ascii_fold(s.lower()) for s in borrowed_surnames if " " not in s}
        return cls(
            scores=scores,
            surnames=frozenset({ascii_fold(s) for s in t.extra_surnames} | borrowed),
            non_name=frozenset(w.lower() for w in t.non_name_words),
            place_words=frozenset(w.lower() for w in t.place_words),
            max_window=t.max_window,
            honorific_re=re.compile(rf"(?<![\w.])(?:{alternation(t.honorifics)})\.?\s+(?=[^\W\d_])"),
            middles=frozenset(t.english_middles),
            middle_keys=frozenset(ascii_fold(w.lower()) for w in t.middle_names),
            things=nm.NamedThings(t.thing_before, t.thing_after, spaced=True),
        )


class _En:
    """English candidates (names possibly written without diacritics)."""

    def __init__(self, text: str, cues: PersonCues, forbidden: Sequence[Span]):
        self.text, self.cues = text, cues
        self.starts, self.ends, self.words = nm.words_of(_EN_WORD, text)
        self.runs = nm.runs(text, self.starts, self.ends, self.words, self._ok, lambda _w: False, forbidden)
        self.run_of = {i: r for r in self.runs for i in r}

    def _ok(self, w: str) -> bool:
        if w in self.cues.middles:  # "Hau A Lenh": a middle name that is also an English word
            return True
        return w[0].isupper() and not w.isupper() and w.lower() not in self.cues.non_name

    def _surname(self, i: int) -> bool:
        return ascii_fold(self.words[i]) in self.cues.surnames

    def _span(self, idx: list[int]) -> tuple[int, int]:
        return self.starts[idx[0]], self.ends[idx[-1]]

    def _after_place_word(self, i: int) -> bool:
        before = nm.word_before(self.text, self.starts[i]).split()
        return bool(before) and before[-1] in self.cues.place_words

    def _middle(self, i: int) -> bool:
        return ascii_fold(self.words[i]) in self.cues.middle_keys

    def pick_suffix(self, run: list[int]) -> list[int] | None:
        n = len(run)
        cands = [i for i in range(n) if self._surname(run[i])
                 and (2 <= n - i <= 3 or (n - i == 4 and self._middle(run[i + 1])))]
        if self._after_place_word(run[0]):
            cands = [i for i in cands if i >= 1]
        return run[cands[0]:] if cands else None

    def after_titles(self, title_spans: Sequence[Span]) -> Iterable[PersonCandidate]:
        sc = self.cues.scores["en_title"]
        for _, te in title_spans:
            first = bisect.bisect_left(self.starts, te)
            if first >= len(self.words):
                continue
            prev_end = te
            for i in range(first, min(len(self.words), first + self.cues.max_window)):
                if nm.clause_break(self.text, prev_end, self.starts[i], frozenset({"St", "Jr"})):
                    run = self.run_of.get(i)
                    if _DASH.fullmatch(self.text[prev_end:self.starts[i]]) and run and run[0] == i:
                        name = self.pick_suffix(run)  # "Consul General … in Kunming - Hoang Minh Son"
                        if name and name[0] == i:
                            yield PersonCandidate(*self._span(name), "en_title", sc)
                    break
                prev_end = self.ends[i]
                run = self.run_of.get(i)
                if run is None or run[0] != i:
                    continue
                if i == first and self.text[te:self.starts[i]].strip() == "" and 2 <= len(run) <= 3:
                    yield PersonCandidate(*self._span(run), "en_title", sc if self._surname(run[0]) else sc - 0.15)
                    break
                name = self.pick_suffix(run)
                if name:
                    yield PersonCandidate(*self._span(name), "en_title", sc)
                    break

    def appositions(self, title_spans: Sequence[Span]) -> Iterable[PersonCandidate]:
        for ts, _ in title_spans:
            m = nm.APPOSITION_SEP.search(self.text, max(0, ts - 8), ts)
            if m is None or m.end() != ts:
                continue
            last = nm.word_ending_at(self.ends, self.starts, m.start())
            run = self.run_of.get(last) if last is not None else None
            name = self.pick_suffix(run[: run.index(last) + 1]) if run else None
            if name:
                yield PersonCandidate(*self._span(name), "apposition", self.cues.scores["apposition"])

    def honorifics(self) -> Iterable[PersonCandidate]:
        for m in self.cues.honorific_re.finditer(self.text):
            first = bisect.bisect_left(self.starts, m.end())
            run = self.run_of.get(first) if first < len(self.words) and self.starts[first] == m.end() else None
            if run and run[0] == first:
                size = 4 if len(run) >= 4 and self._surname(run[0]) and self._middle(run[1]) else 3  # "Le Thi Thu Hang"
                yield PersonCandidate(*self._span(run[:size]), "en_title", self.cues.scores["en_title"])


    def shapes(self) -> Iterable[PersonCandidate]:
        """Names with no cue: three or four capitalised words, a Vietnamese surname first, every word a
        Vietnamese syllable written without diacritics ("Kieu Hai Nam stated"); a low score."""
        for run in self.runs:
            n = len(run)
            if n not in (3, 4) or not self._surname(run[0]) or (n == 4 and not self._middle(run[1])):
                continue
            if all(_VI_ASCII.fullmatch(ascii_fold(self.words[i])) for i in run) and not self._after_place_word(run[0]):
                yield PersonCandidate(*self._span(run), "name_shape", self.cues.scores["name_shape"])


_DASH = re.compile(r"\s+[-–—]\s+")
_VI_ASCII = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


def find_candidates(text: str, cues: PersonCues, titles: Sequence[Span], forbidden: Sequence[Span]) -> list[PersonCandidate]:
    en = _En(text, cues, forbidden)
    return [*en.after_titles(titles), *en.appositions(titles), *en.honorifics(), *en.shapes()]
