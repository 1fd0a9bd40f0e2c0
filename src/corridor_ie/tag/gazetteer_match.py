"""Gazetteer lookup with spaCy's ``PhraseMatcher`` over the NORM attribute.

Every name and alias of every entry is tokenised like the text and keyed by ``fold_token`` per token,
so one pattern matches "Kim Thành - Bắc Sơn", "Kim Thành–Bắc Sơn", "KIM THÀNH – BẮC SƠN", "Hoà"/"Hòa"
and 雲南/云南 alike. A second matcher over diacritic-free keys catches "Tran Sy Thanh" in text that
drops Vietnamese diacritics; it only fires on spans written without diacritics.

``match(doc)`` is pure: it returns sorted candidates (every entry that shares the surface form);
choosing among them is ``resolve.py``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..gazetteer.store import Gazetteer
from ..normalise import ascii_fold, fold_token, has_han, has_vietnamese_diacritics
from ..segment.doc import ascii_doc
from ..segment.tokens import tokenize


@dataclass(frozen=True)
class Candidate:
    start: int  # character offsets into doc.text
    end: int
    entry_ids: tuple[str, ...]
    method: str  # "gazetteer" | "ascii"


#: entry types whose names are proper names: a capitalised token of theirs must not match lower-case
#: text (a gate name must not match the same syllables in lower-case prose); organisations, titles and series are
#: written with any capitalisation in news ("Ủy ban công tác liên hợp", "chairman")
PROPER_TYPES = frozenset({"country", "province", "prefecture", "district", "place", "border_gate", "gate_pair",
                          "person"})


#: organisations and series: some capital is required, anywhere ("Ủy ban công tác liên hợp",
#: "tiểu vùng sông Mê Kông mở rộng" are names; "sở y tế" in running prose is a generic noun)
ANY_CAP_TYPES = frozenset({"org", "series"})


def _caps(words: list[str], entry_type: str) -> tuple[bool, ...]:
    """Which tokens of a name are capitalised and so must not match lower-case text."""
    if entry_type in PROPER_TYPES:
        return tuple(w[:1].isupper() for w in words)
    return tuple(False for _ in words)


def _some_capital(words: list[str]) -> bool:
    return any(not w.islower() for w in words if w.strip())  # Han characters have no case: they pass


def _case_ok(words: list[str], required: tuple[bool, ...]) -> bool:
    return all(not need or not w.islower() for w, need in zip(words, required, strict=False))


def _pattern(vocab: Vocab, name: str, key) -> tuple[tuple[str, ...], Doc] | None:
    spans = tokenize(name, "vi")
    if not spans:
        return None
    words = [name[s:e] for s, e in spans]
    keys = tuple(key(w) for w in words)
    doc = Doc(vocab, words=words)
    for tok, k in zip(doc, keys, strict=True):
        tok.norm_ = k
    return keys, doc


class GazetteerMatcher:
    """Compiled once per process from a ``Gazetteer``; shared by every document."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab):
        self.gazetteer = gazetteer
        self.vocab = vocab
        self.exact = PhraseMatcher(vocab, attr="NORM")
        self.ascii = PhraseMatcher(vocab, attr="NORM")
        self._exact_ids: dict[str, tuple[str, ...]] = {}
        self._ascii_ids: dict[str, tuple[str, ...]] = {}
        self._caps: dict[str, tuple[bool, ...]] = {}
        self._any_cap: set[str] = set()  # pattern labels whose entries all need some capital letter
        self._compile()

    def _compile(self) -> None:
        exact: dict[tuple[str, ...], set[str]] = {}
        ascii_: dict[tuple[str, ...], set[str]] = {}
        exact_docs: dict[tuple[str, ...], Doc] = {}
        ascii_docs: dict[tuple[str, ...], Doc] = {}
        caps: dict[tuple[str, ...], tuple[bool, ...]] = {}
        any_cap: dict[tuple[str, ...], bool] = {}
        for entry in self.gazetteer.entries.values():
            for _lang, name in entry.all_names():
                p = _pattern(self.vocab, name, fold_token)
                if p:
                    exact.setdefault(p[0], set()).add(entry.id)
                    exact_docs.setdefault(p[0], p[1])
                    c = _caps([t.text for t in p[1]], entry.type)
                    any_cap[p[0]] = any_cap.get(p[0], True) and entry.type in ANY_CAP_TYPES
                    caps[p[0]] = tuple(a and b for a, b in zip(caps.get(p[0], c), c, strict=True))
                if not has_han(name):
                    a = _pattern(self.vocab, name, ascii_fold)
                    # one-syllable ascii keys ("Ha", "Vi") are too ambiguous to match without diacritics
                    if a and len(a[0]) > 1:
                        ascii_.setdefault(a[0], set()).add(entry.id)
                        ascii_docs.setdefault(a[0], a[1])
                        c = _caps([t.text for t in a[1]], entry.type)
                        caps[("ascii",) + a[0]] = tuple(
                            x and y for x, y in zip(caps.get(("ascii",) + a[0], c), c, strict=True))
        for n, (keys, ids) in enumerate(sorted(exact.items())):
            label = f"g{n}"
            self._exact_ids[label] = tuple(sorted(ids))
            self._caps[label] = caps[keys]
            if any_cap.get(keys):
                self._any_cap.add(label)
            self.exact.add(label, [exact_docs[keys]])
        for n, (keys, ids) in enumerate(sorted(ascii_.items())):
            label = f"a{n}"
            self._ascii_ids[label] = tuple(sorted(ids))
            self._caps[label] = caps[("ascii",) + keys]
            self.ascii.add(label, [ascii_docs[keys]])

    def match(self, doc: Doc, *, allow_ascii: bool = True) -> list[Candidate]:
        """All candidate spans, sorted by (start, -end)."""
        strings = self.vocab.strings
        out: dict[tuple[int, int], Candidate] = {}
        for match_id, s, e in self.exact(doc):
            span = doc[s:e]
            label = strings[match_id]
            words = [t.text for t in span]
            if not _case_ok(words, self._caps[label]) or (label in self._any_cap and not _some_capital(words)):
                continue
            key = (span.start_char, span.end_char)
            ids = self._exact_ids[label]
            prev = out.get(key)
            merged = tuple(sorted(set(ids) | set(prev.entry_ids))) if prev else ids
            out[key] = Candidate(key[0], key[1], merged, "gazetteer")
        if allow_ascii and self._ascii_ids:
            twin = ascii_doc(doc)
            for match_id, s, e in self.ascii(twin):
                span = doc[s:e]
                if not _case_ok([t.text for t in span], self._caps[strings[match_id]]):
                    continue
                key = (span.start_char, span.end_char)
                if key in out or has_vietnamese_diacritics(span.text):
                    continue
                out[key] = Candidate(key[0], key[1], self._ascii_ids[strings[match_id]], "ascii")
        return sorted(out.values(), key=lambda c: (c.start, -c.end))
