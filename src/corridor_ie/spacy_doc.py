"""The spaCy ``Doc`` (the annotation container) built from token spans, with matching keys as NORM.

One ``Vocab`` per pipeline (``pipeline.Shared.vocab``): the gazetteer matchers and every Doc share it.
"""

from __future__ import annotations

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .normalise import ascii_fold, fold_token


def build_doc(text: str, tokens: list[tuple[int, int]], vocab: Vocab | None = None) -> Doc:
    """A Doc whose tokens are exactly ``tokens``; ``doc.text == text`` and ``token.norm_`` is the
    tone/case/script-insensitive matching key (see ``normalise.fold_token``)."""
    vocab = vocab or Vocab()
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in tokens:
        gap = text[pos:s]
        if gap == " " and words:
            spaces[-1] = True
        elif gap:  # line breaks and runs of spaces become whitespace tokens, so doc.text == text
            if gap.startswith(" ") and words:
                spaces[-1] = True
                gap = gap[1:]
            words.append(gap)
            spaces.append(False)
        words.append(text[s:e])
        spaces.append(False)
        pos = e
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
    doc = Doc(vocab, words=words, spaces=spaces)
    set_norms(doc, [fold_token(w) for w in words])
    return doc


def set_norms(doc: Doc, norms: list[str]) -> None:
    """Write matching keys into the NORM attribute in one array operation (no Token objects)."""
    strings = doc.vocab.strings
    arr = numpy.fromiter((strings.add(n) for n in norms), dtype=numpy.uint64, count=len(norms))
    doc.from_array([NORM], arr.reshape(-1, 1))


def ascii_doc(doc: Doc) -> Doc:
    """A twin Doc whose NORM is the diacritic-free key, for text that drops Vietnamese diacritics."""
    words = [t.text for t in doc]
    twin = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    set_norms(twin, [ascii_fold(w) for w in words])
    return twin
