"""Aligning the commitments of two editions: which commitment of the new edition carries on which of the
old one.

Two commitments are scored on three parts, each 0..1:

- **sectors**: the Dice overlap of their sector sets (2·|A∩B| / (|A|+|B|)), so a commitment on one
  sector scores low against a catch-all list of eight;
- **objects**: the Dice overlap of the gate pairs, links and projects they name (by gazetteer id, else
  by folded name);
- **action**: how alike the actions read (rapidfuzz ``token_sort_ratio`` after case and punctuation
  folding; unlike the subset-friendly ``token_set_ratio`` of record identity, a short action is not
  "contained" in a long enumeration).

A part neither commitment has (no sectors on either side, no objects on either side) is left out and the
weights of the others are rescaled. Disjoint sectors, or disjoint objects, when both sides name some,
never align. Pairs scoring at least ``THRESHOLD`` are aligned one to one, best score first.

Example:
    >>> from corridor_ie.tools.consolidate.models import Chosen, CommitmentView, Reported
    >>> def c(action, sectors, objects=()):
    ...     rep = lambda v: Reported(value=v, support=1, documents=["d"])
    ...     return CommitmentView(action=Chosen(value=action), actors=[], sectors=[rep(s) for s in sectors],
    ...         objects=[rep({"id": o, "name": o}) for o in objects], deadline=Chosen(), modality=Chosen(),
    ...         documents=["d"], support=1, evidence=[])
    >>> score(c("nâng cấp cặp cửa khẩu thông minh", ["border_management"], ["pair.a"]),
    ...       c("hoàn thành nâng cấp cặp cửa khẩu thông minh", ["border_management"], ["pair.a"])).score
    0.95
    >>> score(c("hợp tác nông nghiệp", ["agriculture"]), c("hợp tác đầu tư", ["investment"])) is None
    True
"""

from __future__ import annotations

from rapidfuzz import fuzz, utils

from ..consolidate.models import CommitmentView
from ..identity import ref_key
from .models import Alignment, MatchScore

#: weights of the parts of a match, and the lowest score at which two commitments align
WEIGHTS = {"sectors": 0.5, "objects": 0.2, "action": 0.3}
THRESHOLD = 0.5
ALIGNMENT = Alignment(threshold=THRESHOLD, **WEIGHTS)


def dice(a: set[str], b: set[str]) -> float:
    """2·|A∩B| / (|A|+|B|); 0 when either set is empty.

    Example:
        >>> dice({"transport"}, {"transport", "logistics"})
        0.67
    """
    return round(2 * len(a & b) / (len(a) + len(b)), 2) if a and b else 0.0


def sectors_of(c: CommitmentView) -> set[str]:
    return {str(v.value) for v in c.sectors}


def objects_of(c: CommitmentView) -> set[str]:
    return {ref_key(v.value) for v in c.objects}


def action_closeness(a: str, b: str) -> float:
    """How alike two actions read, 0..1 (``token_sort_ratio`` after case and punctuation folding)."""
    return round(fuzz.token_sort_ratio(a, b, processor=utils.default_process) / 100, 2)


def _part(a: set[str], b: set[str]) -> float | None:
    return None if not a and not b else dice(a, b)


def score(a: CommitmentView, b: CommitmentView) -> MatchScore | None:
    """The :class:`MatchScore` of two commitments, or None when they can never align."""
    sa, sb, oa, ob = sectors_of(a), sectors_of(b), objects_of(a), objects_of(b)
    if (sa and sb and not sa & sb) or (oa and ob and not oa & ob):
        return None
    parts = {"sectors": _part(sa, sb), "objects": _part(oa, ob),
             "action": action_closeness(str(a.action.value), str(b.action.value))}
    used = {k: v for k, v in parts.items() if v is not None}
    total = sum(WEIGHTS[k] * v for k, v in used.items()) / sum(WEIGHTS[k] for k in used)
    return MatchScore(score=round(total, 2), sectors=parts["sectors"], objects=parts["objects"],
                      action=parts["action"] or 0.0)


def align(old: list[CommitmentView], new: list[CommitmentView],
          threshold: float = THRESHOLD) -> dict[int, tuple[int, MatchScore]]:
    """old index -> (new index, score) for the pairs aligned one to one, best score first."""
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            s = score(a, b)
            if s is not None and s.score >= threshold:
                candidates.append((-s.score, i, j, s))
    pairs: dict[int, tuple[int, MatchScore]] = {}
    used: set[int] = set()
    for _, i, j, s in sorted(candidates, key=lambda c: c[:3]):
        if i not in pairs and j not in used:
            pairs[i] = (j, s)
            used.add(j)
    return pairs
