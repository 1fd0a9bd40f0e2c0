"""Offline language detection (py3langid ships its model; underthesea's detector downloads one).

Script evidence decides first (Han characters → zh; Vietnamese-only letters → vi) because it is
cheaper and surer on short or mixed text; py3langid decides the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# letters that occur in Vietnamese and in no other language this tool meets
_VI_ONLY = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]")
# letters are [^\W\d_]; counted as the text without its runs of non-letters (a few matches, not one per letter)
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_HAN_RUN = re.compile(_HAN.pattern + "+")  # the same classes as runs, for counting
_VI_ONLY_RUN = re.compile(_VI_ONLY.pattern + "+")


@lru_cache(maxsize=1)
def _classify():
    import py3langid

    return py3langid.classify


_CODE = re.compile(r"[a-z]{2,3}")


def language_code(declared: str | None) -> str | None:
    """A declared language (``<html lang>``, a JSONL ``lang``) as a code: its primary subtag, lower case,
    when it is two or three letters (ISO 639-1 or 639-3), else None: a value that is no code is ignored.

    >>> language_code("zh-Hant"), language_code("VI"), language_code("en_US"), language_code('"><script>')
    ('zh', 'vi', 'en', None)
    """
    if not declared:
        return None
    head = re.split(r"[-_]", declared.strip().lower(), maxsplit=1)[0]
    return head if _CODE.fullmatch(head) else None


def detect_language(text: str, declared: str | None = None, sample: int = 4000) -> str:
    """ISO 639 code of the text's main language (``und`` when it has no letters); ``declared`` (from the
    input) wins when it is a language code."""
    code = language_code(declared)
    if code:
        return code
    s = text[:sample]
    by_script = script_language(s)
    if by_script:
        return by_script
    if not s.strip():
        return "und"
    found = _classify()(s)[0]
    return found if _CODE.fullmatch(found) else "und"


def script_language(text: str) -> str | None:
    """The language the script alone tells (Han characters, Vietnamese-only letters), else None: the
    cheap part of ``detect_language``."""
    letters = len(_NOT_LETTERS.sub("", text)) or 1
    if _count(_HAN_RUN, text) / letters > 0.3:
        return "zh"
    if _count(_VI_ONLY_RUN, text) / letters > 0.03:
        return "vi"
    return None


def _count(run: re.Pattern[str], text: str) -> int:
    """Characters of ``text`` that ``run`` (a pattern of runs of one class) matches, counted in C."""
    return len(text) - len(run.sub("", text))


def detect_paragraph_languages(text: str, default: str) -> list[tuple[int, int, str]]:
    """``(start, end, lang)`` per line, for pages that mix languages; short lines take ``default``."""
    out, pos = [], 0
    for line in text.split("\n"):
        long_enough = len(line.strip()) >= 40 or len(_HAN.findall(line)) >= 10  # Chinese packs more per char
        lang = detect_language(line) if long_enough else default
        out.append((pos, pos + len(line), lang))
        pos += len(line) + 1
    return out
