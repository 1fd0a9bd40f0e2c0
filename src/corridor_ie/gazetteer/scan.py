"""The compiled gazetteer's names looked up in plain text, without spaCy: the cheap relevance test.

The text's words are split the way every gazetteer name was (``key_words``: syllables and Han
characters, in any language), folded with the matcher's keys (``fold_token``, cached per word) and
scanned for the key sequences of the names that have a relevance role, under the matcher's case rules
(a gate named "Động Trung" does not fire on "hoạt động trung bình"). The roles of the names found
decide, by the rule of ``relevance.py``.

It ignores Chinese word boundaries, context cues and the choice between entries that share a name, and
counts every role a name can have, so on the same text it finds a page relevant whenever the tag stage
does (a superset). Diacritic-free keys ("Lao Cai") count only on words written without Vietnamese
diacritics, as in the matcher.

>>> from corridor_ie.gazetteer.compiled import CompiledGazetteer, Pattern
>>> tables = CompiledGazetteer("v", (Pattern(("trung", "quôc1"), ("country.cn",), (True, True), False, 8),
...                                  Pattern(("lao2", "cai"), ("vn.prov.lao-cai",), (True, True), False, 1)), (),
...                              {"country.cn": "country", "vn.prov.lao-cai": "border_place"})
>>> scan = NameScan(tables)
>>> scan.verdict("Đoàn đại biểu tỉnh Lào Cai sang thăm")
(True, ())
>>> scan.verdict("Du học sinh sang Trung Quốc học tiếng", negative="screen: no corridor name")
(False, ('screen: no corridor name', 'country:country.cn'))
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import filterfalse

from ..normalise import ascii_fold, fold_token, key_words
from . import relevance
from .compiled import CompiledGazetteer, Pattern, case_ok, some_capital

FIRST_PIECE = 1024  # characters of the first piece of text scanned
GROWTH = 4  # each next piece this many times longer
OVERLAP = 400  # characters a piece repeats of the one before: longer than any name's surface form

#: one name to look for: its keys, the matcher's case rule (tokens that must not be lower-case; some
#: capital required anywhere), its role bits and its entry ids
_Name = tuple[tuple[str, ...], tuple[bool, ...], bool, int, tuple[str, ...]]


def _index(patterns: Iterable[Pattern], any_cap: bool = True) -> dict[str, list[_Name]]:
    out: dict[str, list[_Name]] = {}
    for p in patterns:
        if p.bits and p.keys:
            out.setdefault(p.keys[0], []).append((p.keys, p.caps, p.any_cap and any_cap, p.bits, p.entry_ids))
    return out


class NameScan:
    """Built once per pipeline from the compiled tables (immutable; shared by every document)."""

    def __init__(self, tables: CompiledGazetteer):
        self._exact = _index(tables.exact)
        self._ascii = _index(tables.ascii, any_cap=False)
        self._roles = tables.roles

    @staticmethod
    def _scan(keys: list, words: list[str], index: dict[str, list[_Name]], bits: int, seen: set[str]) -> int:
        present = set(keys)
        for first in index.keys() & present:  # the few words that start a name: C-level set work
            for seq, caps, any_cap, b, ids in index[first]:
                if (b & ~bits == 0 and seen.issuperset(ids)) or not present.issuperset(seq):
                    continue  # nothing new to learn from this name, or some word of it is not in the text
                n, at = len(seq), -1
                while True:
                    try:
                        at = keys.index(first, at + 1)  # each occurrence, found in C
                    except ValueError:
                        break
                    span = words[at:at + n]
                    if tuple(keys[at:at + n]) == seq and case_ok(span, caps) and (not any_cap or some_capital(span)):
                        bits |= b
                        seen.update(ids)
                        if relevance.qualifies(bits):
                            return bits
                        break
        return bits

    def scan(self, text: str, allow_ascii: bool = True) -> tuple[int, set[str]]:
        """The role bits of the names found in ``text`` (OR-ed) and their entry ids; it stops at the
        first name (or pair of names) that makes the page relevant. The text is read in pieces that
        grow ``GROWTH`` times (a relevant page usually names the corridor early, in its title or lead),
        each starting ``OVERLAP`` characters before the last one ended, so no name is cut in two."""
        seen: set[str] = set()
        bits, start, size = 0, 0, FIRST_PIECE
        while start < len(text):
            end = start + size
            bits = self._scan_piece(text[max(0, start - OVERLAP):end], allow_ascii, bits, seen)
            if relevance.qualifies(bits):
                break
            start, size = end, size * GROWTH
        return bits, seen

    def _scan_piece(self, text: str, allow_ascii: bool, bits: int, seen: set[str]) -> int:
        """Each distinct word is folded once; the per-word work is C-level (``map``, set intersection,
        ``list.index``)."""
        words = key_words(text)
        distinct = set(words)
        folded = dict(zip(distinct, map(fold_token, distinct), strict=True))
        if not self._exact.keys().isdisjoint(folded.values()):
            bits = self._scan(list(map(folded.__getitem__, words)), words, self._exact, bits, seen)
        if allow_ascii and self._ascii and not relevance.qualifies(bits):
            # diacritic-free keys only on words without Vietnamese letters, as in the matcher: ASCII
            # words and punctuation (a dash between two names); the other words get no key
            bare = set(filter(str.isascii, distinct)) | set(filterfalse(str.isalnum, distinct))
            plain = dict(zip(bare, map(ascii_fold, bare), strict=True))
            if not self._ascii.keys().isdisjoint(plain.values()):
                bits = self._scan(list(map(plain.get, words)), words, self._ascii, bits, seen)
        return bits

    def verdict(self, text: str, allow_ascii: bool = True,
                negative: str = relevance.NO_ENTITY) -> tuple[bool, tuple[str, ...]]:
        """Whether ``text`` may be about the corridor; when it may not, why (``relevance.decide``): the
        names it did find. A page that may be relevant gets no reasons here: the tag stage gives them."""
        bits, seen = self.scan(text, allow_ascii)
        if relevance.qualifies(bits):
            return True, ()
        return relevance.decide(((r, i) for i in seen if (r := self._roles.get(i))), negative)
