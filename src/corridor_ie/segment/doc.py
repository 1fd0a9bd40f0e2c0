"""Build the spaCy ``Doc`` (the annotation container) from token spans, with matching keys as NORM."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..normalise import ascii_fold, fold_token

if not Doc.has_extension("ascii_norms"):
    Doc.set_extension("ascii_norms", default=None)


@lru_cache(maxsize=1)
def get_vocab() -> Vocab:
    """One shared vocabulary per process (the matchers and every Doc must share it)."""
    return Vocab()


def build_doc(text: str, tokens: list[tuple[int, int]], vocab: Vocab | None = None) -> Doc:
    """A Doc whose tokens are exactly ``tokens``; ``doc.text == text`` and ``token.norm_`` is the
    tone/case/script-insensitive matching key (see ``normalise.fold_token``)."""
    vocab = vocab or get_vocab()
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
    for tok in doc:
        tok.norm_ = fold_token(tok.text)
    return doc


def ascii_doc(doc: Doc) -> Doc:
    """A twin Doc whose NORM is the diacritic-free key, for text that drops Vietnamese diacritics."""
    twin = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    for tok in twin:
        tok.norm_ = ascii_fold(tok.text)
    return twin
