"""The segment stage: CleanDoc -> SegmentedDoc (language, tokens, publication date).

The publication date is the one the page's metadata or the input gives, else a dateline line's
(``dateline.py``).

Sentences are split later, by the tag stage, and only for pages the prefilter finds relevant:
sentence splitting is the expensive part and most pages of a news corpus are unrelated.
"""

from __future__ import annotations

import re
from datetime import date

from ..lang import detect_language, detect_paragraph_languages
from ..types import CleanDoc, SegmentedDoc
from .dateline import find_dateline
from .tokens import tokenize

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def segment_document(clean: CleanDoc) -> SegmentedDoc:
    lang = detect_language(clean.text, clean.meta.lang)
    tokens = tuple(tokenize(clean.text, lang))
    return SegmentedDoc(clean=clean, lang=lang, sentences=(), tokens=tokens,
                        published=parse_published(clean.meta.published) or find_dateline(clean.text),
                        paragraph_langs=tuple(other_language_lines(clean.text, lang)))


def other_language_lines(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Lines of a page that mixes languages, written in another language than the page's own
    (a Chinese quotation in a Vietnamese article). Only pages that mix scripts are examined."""
    if not (_HAN.search(text) and _LATIN.search(text)):
        return []
    return [(s, e, g) for s, e, g in detect_paragraph_languages(text, lang) if g != lang and e > s]
