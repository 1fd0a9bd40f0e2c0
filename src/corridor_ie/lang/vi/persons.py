"""The Vietnamese person recogniser: names not (or not yet) in any gazetteer, from cues around them.

Cues (``PersonCandidate.cue``):

- ``title``: a name after a title, possibly after organisation and place words
  ("Phó Chủ tịch UBND tỉnh X Bùi Văn A" gives "Bùi Văn A");
- ``apposition``: a name right before ", <title>" or " - <title>" ("Hoàng Văn A, Phó Chủ tịch …");
- ``honorific``: after "ông", "bà", "đồng chí" …;
- ``list``: the items of "các đồng chí: A, <title>; B, <title>";
- ``name_shape``: no cue, a run of ≥3 capitalised syllables starting with a surname (low score).

All cue words live in ``lang/vi/persons.toml``; no name of a place or person is written here.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...patterns import alternation
from .. import names as nm
from ..base import PersonCandidate

if TYPE_CHECKING:
    from . import PersonsTable

Span = tuple[int, int]

_VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _strip_tone(word: str) -> tuple[str, int]:
    """Remove Vietnamese tone marks (keep â, ă, ê, ô, ơ, ư); return the bare form and the tone count."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    bare = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tones


@functools.lru_cache(maxsize=8192)  # a pure function of one word: a memo, not state
def is_name_syllable(word: str) -> bool:
    """A capitalised, well-formed Vietnamese syllable ("Khắng" yes; "UBND", "GMS", "Yubo" no).

    >>> is_name_syllable("Khắng"), is_name_syllable("UBND")
    (True, False)
    """
    if not word or not word[0].isupper() or (len(word) > 1 and not word[1:].islower()):
        return False
    bare, tones = _strip_tone(word.lower())
    return tones <= 1 and _VI_SYLLABLE.fullmatch(bare) is not None


@dataclass(frozen=True)
class PersonCues:
    """``persons.toml`` compiled, with the person scores of the pipeline."""

    scores: dict[str, float]
    surnames: frozenset[str]  # lowercase
    non_name: frozenset[str]  # lowercase
    classifiers: frozenset[str]  # lowercase, may be multi-word
    classifier_endings: tuple[str, ...]
    abbreviations: frozenset[str]
    max_window: int
    honorific_re: re.Pattern[str]
    list_re: re.Pattern[str]
    surname_list: tuple[str, ...]  # as written (other languages borrow them)
    chinese_surnames: frozenset[str]  # lowercase: Sino-Vietnamese readings of Chinese surnames (next to a cue only)
    may_end: frozenset[str]  # lowercase non-name words that may still end a name ("Đoàn")
    things: nm.NamedThings  # "thành phố", "đường" … before a name: a thing named after a person

    @classmethod
    def from_table(cls, t: PersonsTable, scores: dict[str, float]) -> PersonCues:
        classifiers = frozenset(w.lower() for w in t.place_classifiers)
        return cls(
            scores=scores,
            surnames=frozenset(s.lower() for s in t.surnames if " " not in s),
            non_name=frozenset(w.lower() for w in t.non_name_words),
            classifiers=classifiers,
            classifier_endings=nm.classifier_endings(classifiers),
            abbreviations=frozenset(t.abbreviations),
            max_window=t.max_window,
            honorific_re=re.compile(rf"(?<!\w)(?:{alternation(t.honorifics)})\s+(?=\w)", re.IGNORECASE),
            list_re=re.compile(rf"(?<!\w)(?:{alternation(t.list_openers)})\s*:", re.IGNORECASE),
            surname_list=tuple(t.surnames),
            chinese_surnames=frozenset(w.lower() for w in t.chinese_surnames),
            may_end=frozenset(w.lower() for w in t.may_end_name),
            things=nm.NamedThings(t.thing_before, t.thing_after, spaced=True, blockers=t.thing_blockers),
        )


class _Vi:
    """Vietnamese candidates; one instance per call (holds the tokenised text)."""

    def __init__(self, text: str, cues: PersonCues, forbidden: Sequence[Span], places: Sequence[Span] = ()):
        self.text, self.cues = text, cues
        self.starts, self.ends, self.words = nm.words_of(nm.WORD, text)
        self.runs = nm.runs(text, self.starts, self.ends, self.words, self._ok, self._starts_only, forbidden)
        self.run_of = {i: r for r in self.runs for i in r}
        # runs that go through places: after "ông" or in a list item a name may contain one (a given name that reads like a place)
        soft = set(places)
        hard = [f for f in forbidden if f not in soft]
        if len(hard) == len(forbidden):
            self.soft_of = self.run_of
        else:
            soft_runs = nm.runs(text, self.starts, self.ends, self.words, self._ok, self._starts_only, hard)
            self.soft_of = {i: r for r in soft_runs for i in r}

    def _ok(self, w: str) -> bool:
        return is_name_syllable(w) and (w.lower() not in self.cues.non_name or self._surname(w))

    def _starts_only(self, w: str) -> bool:
        return w.lower() in self.cues.non_name and w.lower() not in self.cues.may_end

    def _surname(self, w: str, cued: bool = True) -> bool:
        """A surname; next to a cue also a Chinese surname read the Sino-Vietnamese way ("Hùng")."""
        low = w.lower()
        return low in self.cues.surnames or (cued and low in self.cues.chinese_surnames)

    def _span(self, idx: list[int]) -> tuple[int, int]:
        return self.starts[idx[0]], self.ends[idx[-1]]

    def pick_suffix(self, run: list[int], min_len: int = 2, cued: bool = True) -> tuple[list[int], bool] | None:
        """Name at the end of a run (after a title, before an apposition). Returns (words, late)."""
        n = len(run)
        cands = [i for i in range(n) if self._surname(self.words[run[i]], cued) and min_len <= n - i <= 4]
        if cands and nm.after_classifier(self.text, self.starts[run[0]], self.cues.classifiers,
                                         self.cues.classifier_endings):
            # the first syllables name the place: "tỉnh X Y <name>"
            late = [i for i in cands if i >= 2]
            cands = late or [i for i in cands if i == 0 and n >= 3]
        return (run[cands[0]:], cands[0] > 0) if cands else None

    def pick_prefix(self, run: list[int]) -> list[int] | None:
        """Name at the start of a run (after an honorific or a list opener)."""
        if not self._surname(self.words[run[0]]) or len(run) < 2:
            return None
        return run[: 4 if len(run) == 4 else min(len(run), 3)]

    def run_from(self, pos: int, soft: bool = False) -> list[int] | None:
        """The run part that starts at the first word at or after ``pos`` (if it starts exactly there);
        ``soft``: the runs that may go through a place."""
        i = bisect.bisect_left(self.starts, pos)
        runs = self.soft_of if soft else self.run_of
        run = runs.get(i) if i < len(self.words) and self.starts[i] == pos else None
        return run[run.index(i):] if run else None

    def after_titles(self, title_spans: Sequence[Span]) -> Iterable[PersonCandidate]:
        sc = self.cues.scores
        for _, te in title_spans:
            first = bisect.bisect_left(self.starts, te)
            if first >= len(self.words) or nm.clause_break(self.text, te, self.starts[first], frozenset()):
                continue
            i, seen, prev_end = first, 0, te
            while i < len(self.words) and seen < self.cues.max_window:
                if i > first and nm.clause_break(self.text, prev_end, self.starts[i], self.cues.abbreviations):
                    break
                run = self.run_of.get(i)
                if run is not None:
                    part = run[run.index(i):]
                    picked = self.pick_suffix(part)
                    if picked:
                        name, _late = picked
                        adjacent = self.text[te:self.starts[name[0]]].strip() == ""
                        score = sc["title"] if adjacent or len(name) > 2 else sc["two_syllables_after_org"]
                        yield PersonCandidate(*self._span(name), "title", score)
                        break
                    i, prev_end = part[-1] + 1, self.ends[part[-1]]
                    seen += len(part)
                    continue
                i, prev_end, seen = i + 1, self.ends[i], seen + 1

    def appositions(self, title_spans: Sequence[Span]) -> Iterable[PersonCandidate]:
        for ts, _ in title_spans:
            m = nm.APPOSITION_SEP.search(self.text, max(0, ts - 8), ts)
            if m is None or m.end() != ts:
                continue
            last = nm.word_ending_at(self.ends, self.starts, m.start())
            run = self.soft_of.get(last) if last is not None else None
            if run is None:
                continue
            picked = self.pick_suffix(run[: run.index(last) + 1])
            if picked:
                yield PersonCandidate(*self._span(picked[0]), "apposition", self.cues.scores["apposition"])

    def honorifics(self) -> Iterable[PersonCandidate]:
        for m in self.cues.honorific_re.finditer(self.text):
            run = self.run_from(m.end(), soft=True)
            name = self.pick_prefix(run) if run else None
            if name:
                yield PersonCandidate(*self._span(name), "honorific", self.cues.scores["honorific"])

    def lists(self) -> Iterable[PersonCandidate]:
        for m in self.cues.list_re.finditer(self.text):
            pos = m.end()
            end = nm.list_end(self.text, pos, self.cues.abbreviations)
            while pos < end:
                item_start = pos + len(self.text[pos:end]) - len(self.text[pos:end].lstrip())
                run = self.run_from(item_start, soft=True)
                name = self.pick_prefix(run) if run else None
                if name:
                    yield PersonCandidate(*self._span(name), "list", self.cues.scores["list"])
                nxt = self.text.find(";", pos, end)
                pos = end if nxt < 0 else nxt + 1

    def shapes(self) -> Iterable[PersonCandidate]:
        for run in self.runs:
            picked = self.pick_suffix(run, min_len=3, cued=False)
            if picked and len(picked[0]) >= 3:
                yield PersonCandidate(*self._span(picked[0]), "name_shape", self.cues.scores["name_shape"])


def find_candidates(text: str, cues: PersonCues, titles: Sequence[Span], forbidden: Sequence[Span],
                    places: Sequence[Span] = ()) -> list[PersonCandidate]:
    vi = _Vi(text, cues, forbidden, places)
    return [*vi.after_titles(titles), *vi.appositions(titles), *vi.honorifics(), *vi.lists(), *vi.shapes()]
