"""The ``language`` and ``segment`` stages.

- ``language``: CleanDoc -> SegmentedDoc with the body's language (declared by the input, else
  detected), the lines written in another language, and the publication date (metadata, input or
  dateline, as the clean stage left it in ``meta.published``). No tokens yet: the prefilter may end
  the document here.
- ``segment``: tokens, sentences and the spaCy ``Doc`` (matching keys as NORM), by the document's
  ``Language``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from ..lang.detect import detect_language, detect_paragraph_languages
from ..types import CharSpan, CleanDoc, SegmentedDoc
from .sentences import split_sentences

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def other_language_lines(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Lines of a page that mixes languages, written in another language than the page's own
    (a Chinese quotation in a Vietnamese article). Only pages that mix scripts are examined."""
    if not (_HAN.search(text) and _LATIN.search(text)):
        return []
    return [(s, e, g) for s, e, g in detect_paragraph_languages(text, lang) if g != lang and e > s]


def language_of(clean: CleanDoc) -> SegmentedDoc:
    lang = detect_language(clean.text, clean.meta.lang)
    return SegmentedDoc(clean=clean, lang=lang, sentences=(), tokens=(),
                        published=parse_published(clean.meta.published),
                        paragraph_langs=tuple(other_language_lines(clean.text, lang)))


def make_language(options, shared) -> Callable[[CleanDoc], SegmentedDoc]:
    """Factory of the ``language`` stage (no options)."""
    return language_of


def make_segment(options, shared) -> Callable[[SegmentedDoc], SegmentedDoc]:
    """Factory of the ``segment`` stage (options: the segmenter of each language, checked when the
    pipeline's languages were built)."""
    # spaCy is loaded by the first page that gets this far, not by the ``language`` stage
    from ..spacy_doc import build_doc

    languages, vocab = shared.languages, shared.vocab

    def segment(seg: SegmentedDoc) -> SegmentedDoc:
        lang = languages.get(seg.lang)
        text = seg.text
        tokens = tuple(lang.tokenize(text))
        sentences = tuple(CharSpan(s, e) for s, e in split_sentences(text, lang))
        return replace(seg, tokens=tokens, sentences=sentences, doc=build_doc(text, list(tokens), vocab))

    return segment
