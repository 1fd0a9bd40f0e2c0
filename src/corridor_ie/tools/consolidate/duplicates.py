"""Near-duplicate articles (syndicated copies) found with MinHash/LSH, so a copy is not counted twice.

Shingles of ``SHINGLE_WORDS`` words over the case-folded ``article.text``, ``NUM_PERM`` permutations with a
fixed seed (runs agree), Jaccard threshold ``DUPLICATE_THRESHOLD``; each group of copies is represented by
its smallest ``doc_id``.
"""

from __future__ import annotations

import re
import unicodedata

from datasketch import MinHash, MinHashLSH

#: near-duplicate detection (MinHash/LSH)
SHINGLE_WORDS = 5
DUPLICATE_THRESHOLD = 0.8
NUM_PERM = 128
MINHASH_SEED = 1

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
    """The MinHash of the text's shingles (fixed seed, so runs agree), or None for an empty text."""
    grams = shingles(text)
    if not grams:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    for g in sorted(grams):
        m.update(g.encode("utf-8"))
    return m


def duplicate_groups(hashes: dict[str, MinHash], threshold: float = DUPLICATE_THRESHOLD) -> dict[str, str]:
    """Map every doc_id to its group's representative (the smallest doc_id of its near-duplicate group).

    Candidates come from an LSH index (no all-pairs comparison); each candidate pair is confirmed by
    its estimated Jaccard similarity.

    Example:
        >>> t = " ".join(f"câu {i} về hội nghị lần thứ 10 tại Hà Khẩu." for i in range(20))
        >>> hs = {d: minhash(x) for d, x in [("b", t), ("a", t + " Ảnh: TTXVN"), ("c", "Một bài khác.")]}
        >>> duplicate_groups(hs)
        {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc in sorted(hashes):
        m = hashes[doc]
        parent[doc] = doc
        for other in sorted(lsh.query(m)):
            if m.jaccard(hashes[other]) >= threshold:
                a, b = find(doc), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        lsh.insert(doc, m)
    return {doc: find(doc) for doc in sorted(parent)}

