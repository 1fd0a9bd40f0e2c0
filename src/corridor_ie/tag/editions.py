"""Edition numbers of meetings: "lần thứ VIII", "lần thứ 10", "第十次", "the 11th conference".

``find_editions(text, lang)`` is pure: sorted, non-overlapping hits with the edition as an int.
``parse_number(token)`` reads one number written in arabic or Roman digits, or in Vietnamese,
Chinese or English words (cardinal or ordinal). Cue words come from ``data/dates.toml``.

>>> [(h.text, h.value) for h in find_editions("Hội nghị lần thứ VIII và lần thứ 10", "vi")]
[('lần thứ VIII', 8), ('lần thứ 10', 10)]
>>> parse_number("mười một"), parse_number("第二十三届"[1:4]), parse_number("Eleventh")
(11, 23, 11)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ._cues import alternation, cues, fold, longest_first

#: a canonical Roman numeral written with I, V, X, L, C only (1-399); D and M are excluded so that
#: words in capitals such as "MIX" or "DIV" are never numbers
_ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ARABIC_ORDINAL = re.compile(r"(\d+)([a-zA-Z]{2})")

#: editions above this are not edition numbers ("lần thứ 2023")
MAX_EDITION = 500


@dataclass(frozen=True)
class EditionHit:
    """One edition mention; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: int


# --------------------------------------------------------------------------- number parsing


def _roman(token: str) -> int | None:
    if not token or _ROMAN.fullmatch(token) is None:
        return None
    total = 0
    for i, ch in enumerate(token):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[token[i + 1]] if i + 1 < len(token) else 0
        total += -v if v < nxt else v
    return total


def _arabic_ordinal(token: str) -> int | None:
    m = _ARABIC_ORDINAL.fullmatch(token)
    if m is None or not m.group(1).isdecimal():
        return None
    n = int(m.group(1))
    suffixes = cues()["numbers"]["en"]["suffixes"]
    last = str(n % 10) if n % 100 not in (11, 12, 13) else "other"
    expected = suffixes.get(last, suffixes["other"])
    return n if m.group(2).lower() == expected else None


def _vietnamese(words: list[str]) -> int | None:
    vi = cues()["numbers"]["vi"]
    if len(words) == 1 and words[0] in vi["ordinal_only"]:
        return int(vi["ordinal_only"][words[0]])
    units: dict[str, int] = vi["units"]
    total, cur, state = 0, 0, "start"  # state: start | unit | tens | hundred | link
    for w in words:
        if w in vi["ten"] and state in ("start", "hundred", "link"):
            cur, state = 10, "tens"
        elif w in vi["tens"] and state == "unit" and 1 < cur < 10:
            cur, state = cur * 10, "tens"
        elif w in vi["hundred"] and state == "unit" and cur < 10:
            total, cur, state = total + cur * 100, 0, "hundred"
        elif w in vi["zero_link"] and state == "hundred":
            state = "link"
        elif w in units and state in ("start", "hundred", "link"):
            cur, state = units[w], "unit"
        elif w in units and state == "tens" and cur % 10 == 0:
            cur, state = cur + units[w], "done"
        else:
            return None
    if state in ("start", "link"):
        return None
    return total + cur


def _chinese(token: str) -> int | None:
    zh = cues()["numbers"]["zh"]
    digits: dict[str, int] = zh["digits"]
    mult: dict[str, int] = zh["multipliers"]
    myriad: dict[str, int] = zh["myriad"]
    if not token or any(c not in digits and c not in mult and c not in myriad for c in token):
        return None
    if all(c in digits for c in token):  # positional: "二〇二三" = 2023
        return int("".join(str(digits[c]) for c in token))
    total, section, num = 0, 0, None
    for c in token:
        if c in digits:
            if num is not None and digits[c] != 0:
                return None  # two digits in a row inside a counted number
            num = digits[c] if digits[c] != 0 else None
        elif c in mult:
            section += (1 if num is None else num) * mult[c]
            num = None
        else:
            total = (total + section + (num or 0)) * myriad[c]
            section, num = 0, None
    return total + section + (num or 0)


def _english(words: list[str]) -> int | None:
    en = cues()["numbers"]["en"]
    parts = [p for w in words for p in w.split("-") if p]
    parts = [p for p in parts if p not in en["joiners"]]
    if not parts:
        return None
    total, cur, ended = 0, 0, False
    for p in parts:
        if ended:
            return None
        value = en["cardinals"].get(p)
        if value is None and p in en["ordinals"]:
            value, ended = en["ordinals"][p], True
        if p in en["hundred"]:
            if not 0 < cur < 10:
                return None
            total, cur, ended = total + cur * 100, 0, p != en["hundred"][0]
            continue
        if value is None:
            return None
        if cur and not (cur % 10 == 0 and cur >= 20 and value < 10):
            return None
        cur += value
    return total + cur


def parse_number(token: str) -> int | None:
    """The integer a number token stands for, or None.

    Accepts arabic digits ("14"), arabic ordinals ("11th"), Roman numerals in capitals with I, V, X,
    L, C ("VIII"; not "MIX"), Vietnamese words ("mười một", "hai mươi mốt", "nhất"), Chinese numerals
    ("十一", "二十三", "二〇二三") and English words ("eleven", "Eleventh", "twenty-first").

    >>> parse_number("IX"), parse_number("10th"), parse_number("mười"), parse_number("十")
    (9, 10, 10, 10)
    """
    token = token.strip()
    if not token:
        return None
    if token.isdecimal():
        return int(token)
    if set(token) <= set(_ROMAN_VALUES):
        return _roman(token)
    for reader in (_arabic_ordinal, _chinese):
        value = reader(token)
        if value is not None:
            return value
    words = fold(token).split()
    value = _vietnamese(words)
    return value if value is not None else _english(words)


# --------------------------------------------------------------------------- edition patterns


def _vi_number_words() -> str:
    vi = cues()["numbers"]["vi"]
    words = [*vi["units"], *vi["ten"], *vi["tens"], *vi["hundred"], *vi["zero_link"], *vi["ordinal_only"]]
    word = alternation(words)
    return rf"{word}(?:\s+{word}){{0,4}}(?!\w)"


@cache
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    c: dict[str, Any] = cues()["editions"]
    roman = r"(?-i:[IVXLC]+)(?!\w)"
    arabic = r"\d{1,4}(?!\d)"
    vi = c["vi"]
    vi_num = rf"(?P<num>{roman}|{arabic}|{_vi_number_words()})"
    zh = c["zh"]
    zh_num = r"(?P<num>\d{1,4}|[〇零一二两三四五六七八九十百]+)"
    en_words = cues()["numbers"]["en"]
    card = alternation([w for w in en_words["cardinals"] if en_words["cardinals"][w] >= 20])
    ordw = alternation(en_words["ordinals"])
    en_num = rf"(?P<num>\d{{1,3}}(?:st|nd|rd|th)|(?:{card}[-\s])?{ordw})(?!\w)"
    return {
        "vi": [
            re.compile(rf"(?<!\w){alternation(vi['ordinal_nouns'])}\s+{alternation(vi['ordinal_word'])}\s+{vi_num}",
                       re.IGNORECASE),
            re.compile(rf"(?<!\w){alternation(vi['bare_nouns'])}\s+(?P<num>{roman}|{arabic})", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?P<lead>{alternation(vi['event_nouns'])}\s+)"
                       rf"(?P<span>{alternation(vi['ordinal_word'])}\s+{vi_num})", re.IGNORECASE),
        ],
        "zh": [re.compile(rf"{alternation(zh['prefix'])}{zh_num}{alternation(zh['classifiers'])}")],
        "en": [re.compile(rf"(?<!\w){en_num}", re.IGNORECASE)],
    }


@cache
def _en_context() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    en = cues()["editions"]["en"]
    months = alternation(cues()["dates"]["en"]["months"])
    noun_after = re.compile(rf"\s+{alternation(en['event_nouns'])}(?!\w)", re.IGNORECASE)
    the_before = re.compile(rf"(?<!\w){alternation(en['the_word'])}\s+$", re.IGNORECASE)
    blocked_after = re.compile(
        rf"\s+(?:{alternation(en['blockers_after'])}(?!\w)|{alternation(cues()['dates']['en']['of_word'])}\s+{months})",
        re.IGNORECASE)
    blocked_before = re.compile(rf"(?:(?<!\w){alternation(en['blockers_before'])}|(?<!\w){months}\.?)\s+$",
                                re.IGNORECASE)
    return noun_after, the_before, blocked_after, blocked_before


def _en_ordinal_position(text: str, m: re.Match[str]) -> bool:
    noun_after, the_before, blocked_after, blocked_before = _en_context()
    before = text[max(0, m.start() - 40):m.start()]
    if blocked_before.search(before):
        return False
    if noun_after.match(text, m.end()):
        return True
    return bool(the_before.search(before)) and not blocked_after.match(text, m.end())


def _longest_number(num: str) -> tuple[int, int] | None:
    """(value, length) of the longest word-prefix of ``num`` that is a number ("mười một năm" -> 11)."""
    ends = [w.end() for w in re.finditer(r"\S+", num)]
    for end in reversed(ends):
        value = parse_number(num[:end])
        if value is not None:
            return value, end
    return None


def _candidates(text: str, lang: str) -> list[EditionHit]:
    out: list[EditionHit] = []
    for pattern in _patterns().get(lang, []):
        for m in pattern.finditer(text):
            if lang == "en" and not _en_ordinal_position(text, m):
                continue
            found = _longest_number(m.group("num"))
            if found is None or not 0 < found[0] <= MAX_EDITION:
                continue
            value, length = found
            whole = length == len(m.group("num"))
            if not whole and m.end() != m.end("num"):
                continue  # a cut number cannot keep the classifier after it ("第...次")
            start = m.start("span") if "span" in pattern.groupindex else m.start()
            end = m.end() if whole else m.start("num") + length
            out.append(EditionHit(start, end, text[start:end], value))
    return out


def find_editions(text: str, lang: str) -> list[EditionHit]:
    """Edition mentions in ``text`` for ``lang`` ("vi", "zh", "en"; other languages give ``[]``).

    Sorted by offset, non-overlapping (the longer mention wins).
    """
    return longest_first(_candidates(text, lang), span=lambda h: (h.start, h.end))
