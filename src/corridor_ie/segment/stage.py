"""The segment stage: CleanDoc -> SegmentedDoc (language, tokens, publication date).

Sentences are split later, by the tag stage, and only for pages the prefilter finds relevant:
sentence splitting is the expensive part and most pages of a news corpus are unrelated.
"""

from __future__ import annotations

from datetime import date

from ..lang import detect_language
from ..types import CleanDoc, SegmentedDoc
from .tokens import tokenize


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
                        published=parse_published(clean.meta.published))
