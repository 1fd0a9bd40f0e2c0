"""Tokenisers returning character spans ``(start, end)`` into the text."""

from __future__ import annotations

import re
from functools import lru_cache

# a Han character alone; a run of word characters that are not Han; any other non-space character
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\w\s]")


_SPAN = re.Match.span


@lru_cache(maxsize=1)
def _english():
    import spacy

    return spacy.blank("en").tokenizer


def tokenize(text: str, lang: str) -> list[tuple[int, int]]:
    """Token spans. Vietnamese and Chinese use the syllable/character regex; English spaCy's tokenizer."""
    if lang == "en":
        return [(t.idx, t.idx + len(t.text)) for t in _english()(text) if not t.is_space]
    return list(map(_SPAN, _TOKEN.finditer(text)))


def words(text: str, lang: str) -> list[str]:
    """The token strings, in the order of ``tokenize`` (one C-level pass for Vietnamese and Chinese)."""
    if lang == "en":
        return [text[s:e] for s, e in tokenize(text, lang)]
    return _TOKEN.findall(text)
