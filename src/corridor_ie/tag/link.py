"""Linking person names to gazetteer persons, and unlinking the links the text contradicts.

A wrong ``person_id`` is worse than none (it merges two people in every later consolidation), so:

1. **A fuzzy link needs a spelling difference only** (``same_spelling``): tone marks or other
   diacritics ("Bùi Văn Kháng" for "Bùi Văn Khắng"), spacing ("Li Wei Ming" / "Li Weiming"), one typing
   slip inside a long syllable (a letter replaced or two swapped), or, for a name in Chinese
   characters, the same Sino-Vietnamese reading syllable by syllable. A score above the threshold is
   not enough: "Trần Văn Thắng" never links to "Trần Văn Tùng".
2. **No link survives a contradiction** (``check_links``): when the office written around a name
   states a jurisdiction (a place in the title before it, or in an apposition after it) and no
   position of the linked entry is compatible with it (the same unit, one containing the other, a
   successor, or the entry's own country for a national office), every mention of that name in the
   document is unlinked, the exact gazetteer matches too ("Chủ tịch UBND tỉnh Lào Cai Nguyễn Văn Sơn"
   is not the Hà Giang chairman of the same name).

An unlinked mention keeps the entries it was compared with and their scores in its ``candidates``
attribute (``(id, name, score 0..1)``), which the official record lists.

Example::

    >>> same_spelling("Bùi Văn Kháng", "Bùi Văn Khắng"), same_spelling("Trần Văn Thắng", "Trần Văn Tùng")
    (True, False)
    >>> same_spelling("Li Wei Ming", "Li Weiming"), same_spelling("Nguyễn Văn An", "Nguyễn Văn Anh")
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from rapidfuzz import fuzz, process

from ..gazetteer.model import Entry
from ..gazetteer.store import Gazetteer
from ..lang import Language
from ..lang.titles import CLAUSE_BREAK, TitleCues
from ..normalise import ascii_fold
from ..normalise import name_key as _key
from ..types import Mention

Span = tuple[int, int]
_APPOSITION = re.compile(r"\s*(?:,|，|\s[-–—])\s*")
_APPOSITION_END = re.compile(r"[;；。\n]|\.(?=\s|$)")
CANDIDATE_CUTOFF = 80.0  # lowest score (0..100) listed as a candidate


@dataclass(frozen=True)
class FuzzyLink:
    entry_id: str
    matched_name: str
    score: float  # 0..100


# --------------------------------------------------------------------------- spelling


def _squash(name: str) -> str:
    return re.sub(r"[\s\-‐-―·.]", "", _key(name))


def _slip(a: str, b: str) -> bool:
    """One typing slip between two syllables of four letters or more that start alike: a letter
    replaced, or two neighbours swapped (never a letter added or dropped: "An"/"Anh" are two names)."""
    if len(a) != len(b) or len(a) < 4 or a[0] != b[0]:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def same_spelling(a: str, b: str) -> bool:
    """Whether two written names differ in spelling alone (see the module docstring)."""
    if _squash(a) == _squash(b):
        return True
    fa, fb = ascii_fold(_squash(a)), ascii_fold(_squash(b))
    if fa == fb:
        return True
    sa, sb = ascii_fold(_key(a)).split(), ascii_fold(_key(b)).split()
    if len(sa) != len(sb) or len(sa) < 2:
        return False
    diff = [(x, y) for x, y in zip(sa, sb, strict=True) if x != y]
    return len(diff) == 1 and _slip(*diff[0])


# --------------------------------------------------------------------------- linker


class PersonLinker:
    """Fuzzy links of person names no alias matched exactly (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer, threshold: float = 88.0):
        self.threshold = threshold
        self._names: list[str] = []
        self._raw: list[str] = []
        self._ids: list[str] = []
        for e in gazetteer.of_type("person"):
            for _lang, n in e.all_names():
                self._names.append(ascii_fold(_key(n)))
                self._raw.append(n)
                self._ids.append(e.id)

    def candidates(self, queries: Sequence[str], limit: int = 3) -> list[FuzzyLink]:
        """The best entries for any of ``queries`` (the name, or its readings), one per entry."""
        best: dict[str, FuzzyLink] = {}
        for q in queries:
            if not q or not self._names:
                continue
            for _cand, _folded, i in process.extract(ascii_fold(_key(q)), self._names, scorer=fuzz.ratio,
                                                     score_cutoff=CANDIDATE_CUTOFF, limit=limit + 2):
                score = fuzz.ratio(_key(q), _key(self._raw[i]))  # as written, diacritics counted
                if score < CANDIDATE_CUTOFF:
                    continue
                link = FuzzyLink(self._ids[i], self._raw[i], float(score))
                if link.entry_id not in best or link.score > best[link.entry_id].score:
                    best[link.entry_id] = link
        return sorted(best.values(), key=lambda c: (-c.score, c.entry_id))[:limit]

    def link(self, name: str, readings: Sequence[str] = ()) -> tuple[FuzzyLink | None, list[FuzzyLink]]:
        """The link of ``name`` (or of one of its Sino-Vietnamese ``readings``), and the candidates it
        was chosen from. A link needs the threshold score and a difference in spelling alone."""
        queries = list(readings) if readings else [name]
        cands = self.candidates(queries)
        for c in cands:
            if c.score >= self.threshold and any(same_spelling(q, c.matched_name) for q in queries):
                return c, cands
        return None, cands


# --------------------------------------------------------------------------- contradictions


def _office_before(text: str, m: Mention, around: list[Mention], lo: int, cues: TitleCues) -> list[Mention]:
    """The TITLE/ORG/PLACE mentions of the office written right before a name (within its clause)."""
    words = [x for x in around if x.label in ("TITLE", "ORG", "PLACE") and lo <= x.start and x.end <= m.start]
    if not words or not cues.gap_ok(text[words[-1].end:m.start], final=True):
        return []
    clause = max([lo] + [x.end() for x in CLAUSE_BREAK.finditer(text, lo, words[-1].start)])
    chain: list[Mention] = [words[-1]]
    edge = words[-1].start
    for x in reversed(words[:-1]):
        if x.start < clause or not cues.gap_ok(text[x.end:edge]):
            break
        chain.append(x)
        edge = x.start
    return chain if any(x.label == "TITLE" for x in chain) else []


def _office_after(text: str, m: Mention, around: list[Mention], hi: int, cues: TitleCues) -> list[Mention]:
    """The mentions of an apposition office after a name: ", Chủ tịch UBND tỉnh X;". It ends at ";", a
    sentence end, a phrase of the language's ``stops``, or a comma not followed by another office word."""
    opened = _APPOSITION.match(text, m.end, hi)
    if opened is None:
        return []
    first = next((x for x in around if x.start >= opened.end()), None)
    if first is None:
        return []
    if not (first.label == "TITLE" and first.start - opened.end() <= 2) and not cues.head_at(text, opened.end()):
        return []
    stop = _APPOSITION_END.search(text, first.end, hi)
    end = stop.start() if stop else hi
    if cues.stops is not None and (verb := cues.stops.search(text, first.end, end)):
        end = verb.start()
    starts = {x.start for x in around if x.label in ("TITLE", "ORG", "PLACE")}
    for comma in re.finditer(r"[,，]\s*", text[first.end:end]):
        nxt = first.end + comma.end()
        if nxt not in starts and not cues.head_at(text, nxt):
            end = first.end + comma.start()
            break
    return [x for x in around if x.label in ("TITLE", "ORG", "PLACE") and opened.end() <= x.start and x.end <= end]


def stated_places(text: str, m: Mention, mentions: Sequence[Mention], sentence: Span,
                  lang: Language | None = None) -> list[str]:
    """Ids of the places named in the office written around person mention ``m`` (read as the
    language reads offices: its own way when it has ``own_titles``)."""
    persons = [x for x in mentions if x.label == "PERSON" and x is not m]
    lo = max([sentence[0]] + [p.end for p in persons if sentence[0] <= p.end <= m.start])
    hi = min([sentence[1]] + [p.start for p in persons if m.end <= p.start <= sentence[1]])
    around = [x for x in mentions if lo <= x.start and x.end <= hi and x is not m]
    if lang is not None and lang.own_titles:
        keep = [(x.start, x.end) for x in around if x.label in ("TITLE", "ORG", "PLACE")]
        start = lang.title_before(text, lo, m.start, keep)
        end = lang.title_after(text, m.end, hi)
        spans = ([(start, m.start)] if start is not None else []) + ([(m.end, end)] if end is not None else [])
        office = [x for x in around if any(a <= x.start and x.end <= b for a, b in spans)]
    else:
        cues = lang.title_cues if lang is not None else TitleCues.empty()
        office = _office_before(text, m, around, lo, cues) + _office_after(text, m, around, hi, cues)
    return [x.id for x in office if x.label == "PLACE" and x.id]


def _lineage(gaz: Gazetteer, entry_id: str, day: date | None) -> set[str]:
    """The entry, the units containing it and, once it was merged away (``day`` after its end), the
    unit it was merged into."""
    out: set[str] = set()
    todo = [entry_id]
    while todo:
        eid = todo.pop()
        if eid in out:
            continue
        out.add(eid)
        e = gaz.get(eid)
        if e is not None:
            todo += [e.parent] if e.parent else []
            if e.successor and day is not None and e.valid_to is not None and day > e.valid_to:
                todo.append(e.successor)
    return out


def compatible(gaz: Gazetteer, person: Entry, place_id: str, day: date | None = None) -> bool:
    """Whether a place stated in a title may be the person's jurisdiction (on ``day``, the document's
    date: a province merged away counts as its successor only after the merger)."""
    place = gaz.get(place_id)
    if place is None:
        return True
    jurisdictions = [p.jurisdiction for p in person.positions if p.jurisdiction]
    if place.type == "country":
        return (person.country is None or place.country == person.country) or place_id in jurisdictions
    if not jurisdictions:
        return person.country is None or place.country is None or place.country == person.country
    mine = _lineage(gaz, place_id, day)
    for j in jurisdictions:
        theirs = _lineage(gaz, j, day)
        if j in mine or place_id in theirs:
            return True
    return False


def check_links(text: str, mentions: Sequence[Mention], sentences: Sequence[Span], gaz: Gazetteer,
                linker: PersonLinker, day: date | None = None, lang: Language | None = None) -> list[Mention]:
    """``mentions`` with every PERSON link the text contradicts removed (see the module docstring)."""
    def sentence_of(pos: int) -> Span:
        return next((s for s in sentences if s[0] <= pos < s[1]), (0, len(text)))

    ordered = sorted(mentions, key=lambda x: (x.start, -x.end))
    contradicted: dict[str, str] = {}  # surface text -> the place that contradicts its entry
    for m in ordered:
        if m.label != "PERSON" or not m.id or (e := gaz.get(m.id)) is None or e.type != "person":
            continue
        for pid in stated_places(text, m, ordered, sentence_of(m.start), lang):
            if not compatible(gaz, e, pid, day):
                contradicted.setdefault(m.text, pid)
                break
    if not contradicted:
        return list(mentions)
    out = []
    for m in mentions:
        if m.label == "PERSON" and m.id and m.text in contradicted:
            out.append(unlink(m, linker, f"the office names {contradicted[m.text]}"))
        else:
            out.append(m)
    return out


def unlink(m: Mention, linker: PersonLinker, why: str) -> Mention:
    """The mention without its link, its entry kept among the ``candidates`` with its score."""
    queries = [m.attr("reading")] if m.attr("reading") else [m.text]
    cands = {c.entry_id: (c.entry_id, c.matched_name, round(c.score / 100, 3)) for c in linker.candidates(queries)}
    if m.id and m.id not in cands:
        cands[m.id] = (m.id, str(m.value), round(float(m.score), 3))
    attrs = tuple((k, v) for k, v in m.attrs if k not in ("candidates", "matched"))
    attrs += (("candidates", tuple(sorted(cands.values(), key=lambda c: -c[2]))), ("unlinked", why))
    return replace(m, id=None, value=m.text, method="cue", attrs=attrs)
