"""Gazetteer lookup with spaCy's ``PhraseMatcher`` over the NORM attribute.

Every name and alias of every entry is tokenised like the text and keyed by ``fold_token`` per token
(``compiled.py``), so one pattern matches "Kim Thành - Bắc Sơn", "Kim Thành–Bắc Sơn", "KIM THÀNH – BẮC SƠN", "Hoà"/"Hòa"
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

from ..gazetteer.compiled import CompiledGazetteer, case_ok, compile_gazetteer, some_capital
from ..gazetteer.store import Gazetteer
from ..normalise import has_vietnamese_diacritics
from ..spacy_doc import ascii_doc, set_norms


@dataclass(frozen=True)
class Candidate:
    start: int  # character offsets into doc.text
    end: int
    entry_ids: tuple[str, ...]
    method: str  # "gazetteer" | "ascii"


def _key_doc(vocab: Vocab, keys: tuple[str, ...]) -> Doc:
    doc = Doc(vocab, words=list(keys), spaces=[True] * len(keys))
    set_norms(doc, list(keys))
    return doc


class GazetteerMatcher:
    """Built once per process from the compiled gazetteer tables; shared by every document."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab, tables: CompiledGazetteer | None = None):
        self.gazetteer = gazetteer
        self.vocab = vocab
        tables = tables or compile_gazetteer(gazetteer)
        self.exact = PhraseMatcher(vocab, attr="NORM")
        self.ascii = PhraseMatcher(vocab, attr="NORM")
        self._exact_ids: dict[str, tuple[str, ...]] = {}
        self._ascii_ids: dict[str, tuple[str, ...]] = {}
        self._caps: dict[str, tuple[bool, ...]] = {}
        self._any_cap: set[str] = set()  # pattern labels whose entries all need some capital letter
        for n, p in enumerate(tables.exact):
            label = f"g{n}"
            self._exact_ids[label], self._caps[label] = p.entry_ids, p.caps
            if p.any_cap:
                self._any_cap.add(label)
            self.exact.add(label, [_key_doc(vocab, p.keys)])
        for n, p in enumerate(tables.ascii):
            label = f"a{n}"
            self._ascii_ids[label], self._caps[label] = p.entry_ids, p.caps
            self.ascii.add(label, [_key_doc(vocab, p.keys)])

    def match(self, doc: Doc, *, allow_ascii: bool = True) -> list[Candidate]:
        """All candidate spans, sorted by (start, -end)."""
        strings = self.vocab.strings
        out: dict[tuple[int, int], Candidate] = {}
        for match_id, s, e in self.exact(doc):
            span = doc[s:e]
            label = strings[match_id]
            words = [t.text for t in span]
            if not case_ok(words, self._caps[label]) or (label in self._any_cap and not some_capital(words)):
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
                if not case_ok([t.text for t in span], self._caps[strings[match_id]]):
                    continue
                key = (span.start_char, span.end_char)
                if key in out or has_vietnamese_diacritics(span.text):
                    continue
                out[key] = Candidate(key[0], key[1], self._ascii_ids[strings[match_id]], "ascii")
        return sorted(out.values(), key=lambda c: (c.start, -c.end))
