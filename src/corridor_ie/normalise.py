"""Text normalisation (ftfy-style: small pure fixers looked up by name, each result explains itself)
and the matching keys that make gazetteer lookup insensitive to case, NFC/NFD, tone-mark placement
("Hoà"/"Hòa", "Thuỷ"/"Thủy"), traditional/simplified Chinese and dash variants.

>>> normalise("Hoa\u0300 Bi\u0300nh\u00a0- test")[0]
'Hoà Bình - test'
>>> fold_token("Hoà") == fold_token("Hòa") == fold_token("HÒA")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# --- text fixers: str -> str, each idempotent -------------------------------------------------

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_CR = re.compile("\r\n?")
_TRAILING = re.compile("[ ]+\n")


def fix_nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fix_zero_width(text: str) -> str:
    return _ZERO_WIDTH.sub("", text)


def fix_spaces(text: str) -> str:
    return _SPACES.sub(" ", text)


def fix_newlines(text: str) -> str:
    return _CR.sub("\n", text)


def fix_trailing_space(text: str) -> str:
    return _TRAILING.sub("\n", text)


FIXERS: dict[str, Callable[[str], str]] = {
    "newlines": fix_newlines,
    "nfc": fix_nfc,
    "zero_width": fix_zero_width,
    "spaces": fix_spaces,
    "trailing_space": fix_trailing_space,
}


def normalise(text: str, steps: tuple[str, ...] = tuple(FIXERS)) -> tuple[str, tuple[str, ...]]:
    """Apply the named fixers in order; return the text and the names of the fixers that changed it."""
    changed: list[str] = []
    for name in steps:
        new = FIXERS[name](text)
        if new != text:
            changed.append(name)
            text = new
    return text, tuple(changed)


# --- matching keys ----------------------------------------------------------------------------

_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"})


@lru_cache(maxsize=1)  # the converter, built on first use (a constant, not state)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to simplified (OpenCC ``t2s``): 雲南 -> 云南."""
    return _t2s()(text)


def has_han(s: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in s)


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """Matching key of one token: lower case, tone mark moved out of the vowel ("hoà" -> "hoa2"),
    dashes unified, Chinese converted to simplified. Different tones stay different."""
    s = unicodedata.normalize("NFD", token.translate(_DASHES)).lower()
    tone = ""
    base = []
    for ch in s:
        t = _TONES.get(ch)
        if t:
            tone = t
        else:
            base.append(ch)
    out = unicodedata.normalize("NFC", "".join(base)) + tone
    if has_han(out):
        out = _t2s()(out)
    return out


@lru_cache(maxsize=200_000)
def ascii_fold(token: str) -> str:
    """Key without any diacritics ("Trần Sỹ" -> "tran sy"), for English text that drops them."""
    s = unicodedata.normalize("NFD", token.translate(_DASHES).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def has_vietnamese_diacritics(text: str) -> bool:
    return any(ord(c) > 127 and unicodedata.category(c).startswith("L") and not has_han(c) for c in text)


def fold(phrase: str) -> str:
    """Lookup key of a cue phrase: case-folded, inner whitespace collapsed to one space.

    >>> fold("  Thống   NHẤT ")
    'thống nhất'
    """
    return " ".join(phrase.casefold().split())


def name_key(name: str) -> str:
    """Comparison key of a name: NFC, inner whitespace collapsed, lower case ("Hoà  Bình" -> "hoà bình")."""
    return unicodedata.normalize("NFC", " ".join(name.split())).lower()


# --- the gazetteer's word split ----------------------------------------------------------------

#: a Han character alone; a run of word characters that are not Han; any other non-space character
_KEY_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\w\s]")
_SPAN = re.Match.span


def key_spans(text: str) -> list[tuple[int, int]]:
    """Syllables, Han characters and punctuation of ``text``: the split every gazetteer name is keyed
    with (and the token split of languages written in syllables or characters).

    >>> key_spans("Lào Cai-河口")
    [(0, 3), (4, 7), (7, 8), (8, 9), (9, 10)]
    """
    return list(map(_SPAN, _KEY_TOKEN.finditer(text)))


def key_words(text: str) -> list[str]:
    """The strings of ``key_spans`` (one C-level pass)."""
    return _KEY_TOKEN.findall(text)
