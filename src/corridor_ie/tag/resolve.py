"""Choosing one gazetteer entry per span and one span per overlap.

Rules, in order (cue tables in ``data/context.toml``):
1. Longer spans win over spans they overlap ("Kim Thành – Bắc Sơn" over "Kim Thành").
2. Among entries sharing a surface form, a cue word right before or after the span decides
   ("cửa khẩu Lào Cai" is the gate, "tỉnh Lào Cai" the province, "河口口岸" the gate).
3. Entries valid on the document's date beat expired ones (a merged province still resolves to its
   own id in older news; its ``successor`` is kept in the mention's attrs).
4. Otherwise the type priority list decides, then the id (deterministic).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from operator import itemgetter

from pydantic import Field

from ..gazetteer.model import LABEL_OF_TYPE, Entry
from ..gazetteer.store import Gazetteer
from ..normalise import fold_token, key_spans
from ..tables import Table
from ..types import Mention
from .gazetteer_match import Candidate

# entry types a "city"/"district" cue can point to
_CUE_TYPES = {"city": ("province", "district", "prefecture"), "district": ("district",),
              "province": ("province",), "border_gate": ("border_gate", "gate_pair")}


class _Priority(Table):
    types: list[str] = Field(default_factory=list)  # default order when no cue decides: earlier wins


class _Pairs(Table):
    dash: list[str] = Field(default_factory=list)  # separators between the two sides of a pair
    link_words: list[str] = Field(default_factory=list)  # words that join two sides of a link ("đến", "to")
    pair_words: list[str] = Field(default_factory=list)  # words that join the two gates of a known pair ("và")
    cooccurrence_window: int = 60  # two gates of a known pair named apart count as the pair this close


class ContextTable(Table):
    """``data/context.toml``: cue words that choose between entries sharing a name (any language)."""

    before: dict[str, list[str]] = Field(default_factory=dict)  # cue words before a name -> entry kind
    after: dict[str, list[str]] = Field(default_factory=dict)  # cue words after a name -> entry kind
    priority: _Priority = _Priority()
    pairs: _Pairs = _Pairs()


@dataclass(frozen=True)
class ContextCues:
    before: dict[str, tuple[tuple[str, ...], ...]]
    after: dict[str, tuple[tuple[str, ...], ...]]
    priority: tuple[str, ...]
    dashes: tuple[str, ...]
    link_words: tuple[str, ...]
    pair_words: tuple[str, ...]
    cooccurrence_window: int

    @cached_property
    def longest(self) -> int:
        """The number of words of the longest ``before`` or ``after`` phrase."""
        return max((len(p) for table in (self.before, self.after) for ps in table.values() for p in ps), default=0)


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(fold_token(phrase[s:e]) for s, e in key_spans(phrase))


def context_cues(t: ContextTable) -> ContextCues:
    """The table compiled to key sequences (longest first)."""

    def table(section: dict[str, list[str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
        return {k: tuple(sorted({_keys(p) for p in v}, key=len, reverse=True)) for k, v in section.items()}

    return ContextCues(
        before=table(t.before),
        after=table(t.after),
        priority=tuple(t.priority.types),
        dashes=tuple(t.pairs.dash),
        link_words=tuple(t.pairs.link_words),
        pair_words=tuple(t.pairs.pair_words),
        cooccurrence_window=t.pairs.cooccurrence_window,
    )


class TokenKeys:
    """Token spans and keys of a text, for looking at words around a span. The spans are in text order
    and do not overlap, so a token is found by bisection; keys are folded on demand, as only the few
    tokens around ambiguous spans are ever looked at."""

    def __init__(self, text: str, tokenize: Callable[[str], list[tuple[int, int]]],
                 tokens: list[tuple[int, int]] | None = None):
        self.text = text
        self.spans = tokens if tokens is not None else tokenize(text)

    def _keys(self, i: int, j: int) -> tuple[str, ...]:
        return tuple(fold_token(self.text[s:e]) for s, e in self.spans[i:j])

    def before(self, start: int, n: int) -> tuple[str, ...]:
        i = bisect.bisect_left(self.spans, start, key=itemgetter(0))  # the token starting at ``start``, if any
        return self._keys(max(0, i - n), i) if i < len(self.spans) and self.spans[i][0] == start else ()

    def after(self, end: int, n: int) -> tuple[str, ...]:
        i = bisect.bisect_left(self.spans, end, key=itemgetter(1))  # the token ending at ``end``, if any
        return self._keys(i + 1, i + 1 + n) if i < len(self.spans) and self.spans[i][1] == end else ()


def _cued_types(tk: TokenKeys, c: Candidate, cues: ContextCues) -> set[str]:
    # the keys of the words around the span, as far as the longest cue phrase reaches; the ``n`` keys
    # next to the span are then ``before[-n:]`` and ``after[:n]``
    before, after = tk.before(c.start, cues.longest), tk.after(c.end, cues.longest)
    found: set[str] = set()
    for kind, phrases in cues.before.items():
        for p in phrases:
            if p and before[-len(p):] == p:
                found.update(_CUE_TYPES.get(kind, (kind,)))
                break
    for kind, phrases in cues.after.items():
        for p in phrases:
            if p and after[:len(p)] == p:
                found.update(_CUE_TYPES.get(kind, (kind,)))
                break
    return found


def choose_entry(entries: list[Entry], cued: set[str], day: date | None, priority: tuple[str, ...]) -> Entry:
    def rank(e: Entry) -> tuple:
        return (
            0 if e.type in cued else 1,
            0 if e.valid_on(day) else 1,
            priority.index(e.type) if e.type in priority else len(priority),
            e.id,
        )

    return min(entries, key=rank)


def _non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Greedy longest-first selection of non-overlapping spans."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []  # sorted; as no two overlap, their ends are sorted too
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        k = bisect.bisect_left(taken, c.end, key=itemgetter(0))  # the spans starting before c ends
        if k == 0 or taken[k - 1][1] <= c.start:  # ... and the one of them ending last ends before c
            chosen.append(c)
            bisect.insort(taken, (c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


#: entry types resolved in a layer of their own: a conference-series name may contain place names
#: (the five-province corridor conference lists its members in its name), which are
#: mentions too
CONTAINER_TYPES = frozenset({"series"})


def _layers(cands: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """Non-overlapping spans per layer: series names, and everything else."""
    outer, inner = [], []
    for c in cands:
        ids = [(i, e.type) for i in c.entry_ids if (e := gaz.get(i)) is not None]
        series = tuple(i for i, t in ids if t in CONTAINER_TYPES)
        rest = tuple(i for i, t in ids if t not in CONTAINER_TYPES)
        if series:
            outer.append(Candidate(c.start, c.end, series, c.method))
        if rest:
            inner.append(c if rest == c.entry_ids else Candidate(c.start, c.end, rest, c.method))
    return sorted(_non_overlapping(outer) + _non_overlapping(inner), key=lambda c: (c.start, -c.end))


def resolve(text: str, cands: list[Candidate], gaz: Gazetteer, day: date | None, cues: ContextCues,
            tokenize: Callable[[str], list[tuple[int, int]]] = key_spans,
            tokens: list[tuple[int, int]] | None = None) -> list[Mention]:
    """One mention per chosen span, with the entry id, canonical value and provenance attrs.
    ``tokens``: the document's token spans, when already computed (they are reused for cue look-ups);
    ``tokenize``: the language's tokenizer otherwise."""
    tk: TokenKeys | None = None  # built only when some span has several candidate entries
    out: list[Mention] = []
    for c in _layers(cands, gaz):
        entries = [e for e in (gaz.get(i) for i in c.entry_ids) if e is not None]
        if not entries:
            continue
        if len(entries) == 1:
            e = entries[0]
        else:
            tk = tk or TokenKeys(text, tokenize, tokens)
            e = choose_entry(entries, _cued_types(tk, c, cues), day, cues.priority)
        attrs: list[tuple[str, object]] = [("type", e.type), ("gazetteer_version", gaz.version)]
        if len(entries) > 1:
            attrs.append(("alternatives", tuple(x.id for x in entries if x.id != e.id)))
        if e.successor and not e.valid_on(day):
            attrs.append(("successor", e.successor))
        if e.country:
            attrs.append(("country", e.country))
        value: object = e.canonical
        if e.type == "gate_pair" and e.gates:
            value = list(e.gates)
        out.append(Mention(
            label=LABEL_OF_TYPE[e.type], start=c.start, end=c.end, text=text[c.start:c.end], id=e.id,
            value=value, method=c.method, score=1.0 if c.method == "gazetteer" else 0.9, attrs=tuple(attrs),
        ))
    return out
