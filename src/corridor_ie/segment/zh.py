"""Chinese word boundaries with jieba (its dictionary ships in the package).

Gazetteer names are added to jieba's dictionary once per process so they are not split, and a
gazetteer match in Chinese text must start and end on a word boundary — "新兴" inside 新兴产业
("emerging industries") is not the Xinxing gate, "和平" inside 和平发展 is not Hòa Bình — except that
a name may be followed by an administrative suffix inside one word (云南省, 河内市, 河口口岸).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

_ADDED: set[str] = set()
_PENDING: list[str] = []  # names to add when jieba is first needed
_LOCK = threading.Lock()
_BASE: dict[str, tuple[int, str | None]] = {}  # a name's frequency and tag in jieba's own dictionary


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _ready():
    """jieba, initialised and taught the pending names. Loading its dictionary takes most of a second,
    so it happens on the first Chinese text a process meets, not at start-up: a Vietnamese or English
    corpus never pays for it."""
    if _PENDING:
        with _LOCK:  # a dask worker may run several documents in threads
            j = _jieba()
            import jieba.posseg as pg

            for n in _PENDING:
                _BASE[n] = (j.dt.FREQ.get(n) or 0, pg.dt.word_tag_tab.get(n))
                j.add_word(n, freq=50_000)
            _PENDING.clear()
    return _jieba()


def add_words(names: Iterable[str]) -> None:
    """Teach jieba the gazetteer's Chinese names (idempotent; applied when jieba is first used)."""
    for n in names:
        if n not in _ADDED and len(n) > 1:
            _PENDING.append(n)
            _ADDED.add(n)


def cut(text: str) -> list[str]:
    """jieba's words of ``text``, with the gazetteer's names known."""
    return _ready().lcut(text, HMM=True)


def boundaries(text: str) -> set[int]:
    """Every character offset where a jieba word starts or ends."""
    out = {0, len(text)}
    for _w, s, e in _ready().tokenize(text):
        out.add(s)
        out.add(e)
    return out


def is_common_word(word: str) -> bool:
    """A frequent ordinary word in jieba's dictionary (和平 'peace', 新兴 'emerging', 清水 'clear water'),
    as opposed to a place or person name: such a gazetteer name needs context before it counts."""
    import jieba.posseg as pg

    j = _ready()
    freq, tag = _BASE.get(word) or (j.dt.FREQ.get(word) or 0, pg.dt.word_tag_tab.get(word))
    return freq > 100 and tag not in ("ns", "nr", "nrt", "nrfg", "s", "nt")


def on_boundaries(start: int, end: int, text: str, bounds: set[int], suffixes: tuple[str, ...]) -> bool:
    if start not in bounds:
        return False
    if end in bounds:
        return True
    return any(text.startswith(s, end) and end + len(s) in bounds for s in suffixes)
