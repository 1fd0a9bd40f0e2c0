"""Shapes of lines, shared by the head reader and the cleaner: body paragraph, headline, label.

Lengths are counted in words for scripts written with spaces and in Han characters for Chinese; a line
mixing both counts both. A *sentence end* is ``. 。 ! ！ ; ； …`` (possibly followed by a closing quote
or bracket); a question mark ends a headline as often as a sentence, so it makes a line neither.

Example:
    >>> from corridor_ie.ingest.cues import load_cues
    >>> cues = load_cues()
    >>> is_headline("Hai tỉnh bàn hợp tác cửa khẩu", cues), is_body("Hai tỉnh bàn hợp tác.", cues)
    (True, False)
    >>> is_body("Sáng 13/3, đoàn công tác hai tỉnh đã làm việc tại cửa khẩu.", cues)
    True
    >>> is_label("Thời sự", cues), is_label("关注微信", cues)
    (True, True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .cues import EDGE_JUNK, Cues

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
_CLOSERS = "\"”’»)）」』】]'"
SENTENCE_END = ".。!！;；…"
NO_HEADLINE_END = SENTENCE_END + ",，:：、"
_SENTENCE_END_SET = frozenset(SENTENCE_END)
_NO_HEADLINE_END_SET = frozenset(NO_HEADLINE_END)


@dataclass(frozen=True)
class Line:
    index: int  # 0-based line number in the input
    raw: str  # stripped, characters untouched
    nfc: str  # NFC form, used for matching only


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, with their line numbers."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            out.append(Line(i, stripped, unicodedata.normalize("NFC", stripped)))
    return out


def shape_key(text: str) -> str:
    """The line without the bullets, brackets and spaces around it."""
    return text.strip(EDGE_JUNK + "\u3000")


def size(text: str) -> tuple[int, int]:
    """(words outside Han script, Han characters)."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return words, cjk


def _last(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def ends_sentence(text: str) -> bool:
    return _last(text) in _SENTENCE_END_SET


def is_body(text: str, cues: Cues) -> bool:
    """A paragraph of running text: ends like a sentence and is long enough, or longer than any headline."""
    if len(text) > cues.limit("headline_max_chars"):
        return True
    if not ends_sentence(text):
        return False
    words, cjk = size(text)
    return words >= cues.limit("body_min_words") or cjk >= cues.limit("body_min_cjk")


def is_headline(text: str, cues: Cues) -> bool:
    """No sentence end, long enough to say something, short enough for a title."""
    if not text or len(text) > cues.limit("headline_max_chars") or _last(text) in _NO_HEADLINE_END_SET:
        return False
    words, cjk = size(text)
    return words >= cues.limit("headline_min_words") or cjk >= cues.limit("headline_min_cjk")


def is_label(text: str, cues: Cues) -> bool:
    """A few words with no sentence end: a section name, a menu item, an alt text."""
    if not text or ends_sentence(text):
        return False
    words, cjk = size(text)
    return 0 < words + cjk and words <= cues.limit("label_max_words") and cjk <= cues.limit("label_max_cjk")


def is_unended_caption(text: str, cues: Cues) -> bool:
    """In the body: a long line with no sentence end (a photo caption naming who is in the picture)."""
    if _last(text) in _NO_HEADLINE_END_SET or text.endswith(("?", "？")):
        return False
    words, cjk = size(text)
    if cjk >= cues.limit("caption_min_cjk") and ("，" in text or "," in text):
        return len(text) <= cues.limit("caption_max_chars")
    return cjk < words and words >= cues.limit("caption_min_words")
