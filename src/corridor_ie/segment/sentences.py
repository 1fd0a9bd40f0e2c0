"""Sentence splitting with offsets. A line break always ends a sentence (paragraphs are lines)."""

from __future__ import annotations

import re
from functools import lru_cache

_ZH_END = re.compile(r"[^。！？!?；\n]*(?:[。！？!?；]+[”’」』）)]*|$)")


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _align(text: str, base: int, pieces: list[str]) -> list[tuple[int, int]]:
    """Map sentence strings back to offsets (underthesea returns strings, not spans)."""
    out, cur = [], 0
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        i = text.find(p, cur)
        if i < 0:  # the splitter changed the characters: fall back to the whole remainder
            break
        out.append((base + i, base + i + len(p)))
        cur = i + len(p)
    if cur < len(text.rstrip()):
        rest = text[cur:]
        lead = len(rest) - len(rest.lstrip())
        if rest.strip():
            out.append((base + cur + lead, base + len(text.rstrip())))
    return out


def _vi(line: str) -> list[str]:
    from underthesea import sent_tokenize

    return sent_tokenize(line)


def _regex(pattern: re.Pattern[str]):
    def split(line: str) -> list[str]:
        return [m.group(0) for m in pattern.finditer(line) if m.group(0).strip()]

    return split


@lru_cache(maxsize=1)
def _english_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _en(line: str) -> list[str]:
    return [s.text for s in _english_nlp()(line).sents]


SPLITTERS = {"vi": _vi, "zh": _regex(_ZH_END), "en": _en}


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    split = SPLITTERS.get(lang, SPLITTERS["en"])
    spans: list[tuple[int, int]] = []
    for base, line in _lines(text):
        if line.strip():
            spans.extend(_align(line, base, split(line)))
    return spans
