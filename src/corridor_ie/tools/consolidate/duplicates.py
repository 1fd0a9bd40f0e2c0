"""Near-duplicate articles (syndicated copies) found with MinHash/LSH, so a copy is not counted twice.

Shingles of ``SHINGLE_WORDS`` words over the case-folded ``article.text``, a MinHash of ``NUM_PERM``
permutations with a fixed seed (runs agree), cut into ``BANDS`` bands of ``ROWS`` rows (the banding
datasketch's ``MinHashLSH`` picks for the threshold): two documents that share a band are candidates,
and a candidate pair whose estimated Jaccard similarity is at least ``DUPLICATE_THRESHOLD`` is a pair of
copies. Each group of copies is represented by its smallest ``doc_id``.

The bands are plain integers, so a store can find the candidate pairs with a join on disk
(:mod:`corridor_ie.tools.consolidate.store`) instead of holding an index in memory.

Example:
    >>> t = " ".join(f"câu {i} về hội nghị lần thứ 10 tại Hà Khẩu." for i in range(20))
    >>> hs = {d: minhash(x) for d, x in [("b", t), ("a", t + " Ảnh: TTXVN"), ("c", "Một bài khác.")]}
    >>> duplicate_groups(hs)
    {'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
DUPLICATE_THRESHOLD = 0.8
NUM_PERM = 128
MINHASH_SEED = 1
BANDS, ROWS = 9, 13  # MinHashLSH(threshold=0.8, num_perm=128).b, .r

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams of the case-folded text (the whole text when it is shorter).

    Example:
        >>> sorted(shingles("Một hai ba bốn năm sáu"))
        ['hai ba bốn năm sáu', 'một hai ba bốn năm']
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash | None:
    """The MinHash of the text's shingles, or None for an empty text."""
    grams = shingles(text)
    if not grams:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return m


def signature(text: str) -> bytes | None:
    """The MinHash values of the text as bytes (for a store), or None for an empty text."""
    m = minhash(text)
    return None if m is None else m.hashvalues.astype(np.uint64).tobytes()


def band_keys(sig: bytes) -> list[int]:
    """One 63-bit key per band of a signature: documents sharing a key are duplicate candidates."""
    values = np.frombuffer(sig, dtype=np.uint64)
    return [int.from_bytes(hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest(),
                           "big") >> 1 for b in range(BANDS)]


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures (the share of equal MinHash values)."""
    return float(np.count_nonzero(np.frombuffer(a, np.uint64) == np.frombuffer(b, np.uint64))) / NUM_PERM


def representatives(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """doc_id -> the smallest doc_id of its group, for every document of a pair (union-find).

    Example:
        >>> representatives([("c", "b"), ("b", "a"), ("x", "y")])
        {'a': 'a', 'b': 'a', 'c': 'a', 'x': 'x', 'y': 'x'}
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {d: find(d) for d in sorted(parent)}


def duplicate_groups(hashes: dict[str, MinHash], threshold: float = DUPLICATE_THRESHOLD) -> dict[str, str]:
    """Map every doc_id to its group's representative, in memory (see the module docstring)."""
    sigs = {d: m.hashvalues.astype(np.uint64).tobytes() for d, m in hashes.items()}
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    for d in sorted(sigs):
        for band, key in enumerate(band_keys(sigs[d])):
            buckets[(band, key)].append(d)
    pairs = {(a, b) for docs in buckets.values() for i, a in enumerate(docs) for b in docs[i + 1:]}
    groups = representatives(p for p in sorted(pairs) if similarity(sigs[p[0]], sigs[p[1]]) >= threshold)
    return {d: groups.get(d, d) for d in sorted(sigs)}
