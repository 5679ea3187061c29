"""MinHash signatures of article bodies, for near-duplicate detection (syndicated copies of one story).

A signature is datasketch's MinHash over word 5-shingles of the lower-cased text. Two texts'
estimated Jaccard similarity is the share of equal signature values. The Spark job groups
articles by LSH bands of the signature (``BANDS`` bands of ``ROWS`` values) to find
candidate pairs across partitions, then checks each pair's estimate against ``THRESHOLD``.
"""

from __future__ import annotations

import re

NUM_PERM = 64
"""Signature length (hash permutations)."""

BANDS = 16
ROWS = NUM_PERM // BANDS
"""16 bands of 4 rows: pairs with Jaccard 0.8 become candidates with probability 1-(1-0.8^4)^16 > 0.999."""

THRESHOLD = 0.8
"""Estimated Jaccard similarity at or above which two articles are the same story."""

SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> list[int]:
    """The MinHash signature of ``text`` (the same for the same text in every process: fixed seed)."""
    from datasketch import MinHash

    sig = MinHash(num_perm=num_perm, seed=1)
    grams = shingles(text)
    if grams:
        sig.update_batch(list(grams))
    return [int(v) for v in sig.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
