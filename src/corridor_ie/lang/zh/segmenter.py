"""Chinese word boundaries with jieba: a private ``jieba.Tokenizer`` per language object, so teaching it
the gazetteer's names never changes jieba's process-wide dictionary.

Loading jieba's dictionary takes most of a second, so it happens on the first Chinese text the object
meets (under a lock: a dask worker runs documents in threads), not at start-up: a Vietnamese or
English corpus never pays for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable


class JiebaSegmenter:
    def __init__(self) -> None:
        self._pending: list[str] = []
        self._added: set[str] = set()
        self._base: dict[str, tuple[int, str | None]] = {}  # a name's frequency and tag in jieba's dictionary
        self._lock = threading.Lock()
        self._tok = None
        self._tags: dict[str, str] | None = None

    def add_words(self, names: Iterable[str]) -> None:
        """Teach jieba these names (idempotent; applied when jieba is first used)."""
        with self._lock:
            for n in names:
                if n not in self._added and len(n) > 1:
                    self._pending.append(n)
                    self._added.add(n)

    def _ready(self):
        if self._tok is None or self._pending:
            with self._lock:
                if self._tok is None:
                    import jieba
                    import jieba.posseg

                    jieba.setLogLevel(logging.WARNING)
                    tok = jieba.Tokenizer()
                    tok.initialize()
                    self._tags = jieba.posseg.dt.word_tag_tab  # read only: jieba's own part-of-speech tags
                    self._tok = tok
                assert self._tags is not None
                for n in self._pending:
                    self._base[n] = (self._tok.FREQ.get(n) or 0, self._tags.get(n))
                    self._tok.add_word(n, freq=50_000)
                self._pending.clear()
        return self._tok

    def cut(self, text: str) -> list[str]:
        """jieba's words of ``text``, with the taught names known."""
        return self._ready().lcut(text, HMM=True)

    def boundaries(self, text: str) -> set[int]:
        """Every character offset where a jieba word starts or ends."""
        out = {0, len(text)}
        for _w, s, e in self._ready().tokenize(text):
            out.add(s)
            out.add(e)
        return out

    def is_common_word(self, word: str) -> bool:
        """A frequent ordinary word in jieba's dictionary (和平 'peace', 新兴 'emerging', 清水 'clear water'),
        as opposed to a place or person name: such a gazetteer name needs context before it counts."""
        tok = self._ready()
        assert self._tags is not None
        freq, tag = self._base.get(word) or (tok.FREQ.get(word) or 0, self._tags.get(word))
        return freq > 100 and tag not in ("ns", "nr", "nrt", "nrfg", "s", "nt")
