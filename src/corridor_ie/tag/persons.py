"""Person names that are not (or not yet) in any gazetteer: the candidates of the document's language
(``Language.person_candidates``: titles, honorifics, lists, appositions, name shapes), merged.

Callers pass the spans of titles (``title_spans``) and of places/organisations (``blocked``) that the
gazetteer matcher already found; a candidate overlapping a blocked or title span is never returned.

Example::

    >>> from corridor_ie.lang import build_languages
    >>> text = "Theo ông Lê Văn An, hội nghị thành công."
    >>> [(h.text, h.cue) for h in find_persons(text, build_languages().get("vi"))]
    [('Lê Văn An', 'honorific')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..lang import Language, PersonCandidate

Span = tuple[int, int]
CUE_KINDS = ("title", "honorific", "list", "apposition", "zh_title", "en_title", "repeat", "name_shape")


@dataclass(frozen=True)
class PersonHit:
    """A person-name candidate: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    cue: str  # one of CUE_KINDS
    score: float  # 0..1 confidence


def _inside_given(c: PersonCandidate, span: Span) -> bool:
    """A place written inside a name after its first character (a given name that reads like one)."""
    return c.start < span[0] and span[1] <= c.end and c.cue != "name_shape"


def merge(text: str, cands: list[PersonCandidate], bonus: float, forbidden: Sequence[Span],
          places: Sequence[Span] = ()) -> list[PersonHit]:
    """Merge agreeing cues, drop candidates on forbidden spans (but a cued name may contain one of
    ``places`` after its first character), keep the best of overlapping ones."""
    soft = set(places)
    by_span: dict[Span, list[PersonCandidate]] = {}
    for c in cands:
        if c.end <= c.start:
            continue
        hit = [f for f in forbidden if f[0] < c.end and c.start < f[1]]
        if all(f in soft and _inside_given(c, f) for f in hit):
            by_span.setdefault((c.start, c.end), []).append(c)
    merged: list[PersonHit] = []
    for (start, end), group in by_span.items():
        best = max(group, key=lambda c: (c.score, -CUE_KINDS.index(c.cue)))
        extra = len({c.cue for c in group}) - 1
        score = round(min(1.0, best.score + bonus * extra), 4)
        merged.append(PersonHit(start, end, text[start:end], best.cue, score))
    merged.sort(key=lambda h: (-h.score, -(h.end - h.start), h.start))
    kept: list[PersonHit] = []
    for hit in merged:
        if not any(k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _word_edges(text: str, start: int, end: int) -> bool:
    """The span stands alone: no letter glued on either side, and no capitalised word right after it
    (a longer name or a place would go on: "Lê Văn An Bình")."""
    if start > 0 and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end].isalnum():
        return False
    after = text[end:end + 2]
    return not (len(after) == 2 and after[0] == " " and after[1].isupper())


def repeats(text: str, hits: Sequence[PersonHit], spaced: bool, score: float, known: Sequence[str] = ()
            ) -> list[PersonCandidate]:
    """Every other occurrence of a name already found with a cue in the same text ("Lê Văn An said…"
    after "Chủ tịch Lê Văn An"; a later "王某某表示"). Names of one word or one character, and names found
    only by their shape, are not repeated. ``known``: other names to look for (the gazetteer's persons
    already matched in the text)."""
    names = {h.text for h in hits if h.cue != "name_shape" and h.score >= min(score, 0.7)}
    names |= set(known)
    names = {n for n in names if (len(n.split()) >= 2 if spaced else len(n) >= 2)}
    out: list[PersonCandidate] = []
    for name in sorted(names, key=len, reverse=True):
        i = text.find(name)
        while i >= 0:
            if not spaced or _word_edges(text, i, i + len(name)):
                out.append(PersonCandidate(i, i + len(name), "repeat", score))
            i = text.find(name, i + 1)
    return out


def find_persons(text: str, lang: Language, *, title_spans: Sequence[Span] = (),
                 blocked: Sequence[Span] = (), places: Sequence[Span] = ()) -> list[PersonHit]:
    """Person-name candidates in ``text``: sorted, non-overlapping, ``text == source[start:end]``.
    ``title_spans`` and ``blocked`` are character spans from the gazetteer matcher; no hit overlaps
    either, except a place of ``places`` (also in ``blocked``) inside a cued name after its first
    character. A name found with a cue is found again wherever else it is written (``repeats``)."""
    titles = sorted({(s, e) for s, e in title_spans if 0 <= s < e <= len(text)})
    forbidden = [*titles, *((s, e) for s, e in blocked if s < e)]
    soft = [(s, e) for s, e in places if s < e]
    cands = lang.person_candidates(text, titles, forbidden, soft)
    bonus = lang.person_scores.get("bonus", 0.0)
    first = merge(text, cands, bonus, forbidden, soft)
    again = repeats(text, first, lang.spaced, lang.person_scores.get("repeat", 0.8))
    return merge(text, cands + again, bonus, forbidden, soft) if again else first
