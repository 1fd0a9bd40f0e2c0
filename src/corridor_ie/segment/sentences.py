"""Sentence spans with offsets. A line break always ends a sentence (paragraphs are lines); inside a
line, the language splits (underthesea, a regex, spaCy's sentencizer), and its strings are aligned back
to offsets here.

>>> from corridor_ie.lang import build_languages
>>> split_sentences("Xin chào. Tôi là An.\\nDòng hai", build_languages().get("vi"))
[(0, 9), (10, 20), (21, 29)]
"""

from __future__ import annotations

from ..lang import Language


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _align(text: str, base: int, pieces: list[str]) -> list[tuple[int, int]]:
    """Map sentence strings back to offsets (splitters return strings, not spans)."""
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


def split_sentences(text: str, lang: Language) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for base, line in _lines(text):
        if line.strip():
            spans.extend(_align(line, base, lang.split_line(line)))
    return spans
