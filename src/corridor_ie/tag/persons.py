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
CUE_KINDS = ("title", "honorific", "list", "apposition", "name_shape", "zh_title", "en_title")


@dataclass(frozen=True)
class PersonHit:
    """A person-name candidate: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    cue: str  # one of CUE_KINDS
    score: float  # 0..1 confidence


def _overlaps(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(s < end and start < e for s, e in spans)


def merge(text: str, cands: list[PersonCandidate], bonus: float, forbidden: Sequence[Span]) -> list[PersonHit]:
    """Merge agreeing cues, drop candidates on forbidden spans, keep the best of overlapping ones."""
    by_span: dict[Span, list[PersonCandidate]] = {}
    for c in cands:
        if c.end > c.start and not _overlaps(c.start, c.end, forbidden):
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


def find_persons(text: str, lang: Language, *, title_spans: Sequence[Span] = (),
                 blocked: Sequence[Span] = ()) -> list[PersonHit]:
    """Person-name candidates in ``text``: sorted, non-overlapping, ``text == source[start:end]``.
    ``title_spans`` and ``blocked`` are character spans from the gazetteer matcher; no hit overlaps
    either."""
    titles = sorted({(s, e) for s, e in title_spans if 0 <= s < e <= len(text)})
    forbidden = [*titles, *((s, e) for s, e in blocked if s < e)]
    cands = lang.person_candidates(text, titles, forbidden)
    return merge(text, cands, lang.person_scores.get("bonus", 0.0), forbidden)
