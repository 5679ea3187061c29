"""MinHash signatures of article bodies, for near-duplicate detection (syndicated copies of one story).

A signature is datasketch's MinHash over word 5-shingles of the lower-cased text. Two texts'
estimated Jaccard similarity is the share of equal signature values. The Spark job groups
articles by LSH bands of the signature (``BANDS`` bands of ``ROWS`` values) to find
candidate pairs across partitions, then checks each pair's estimate against ``THRESHOLD``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

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
    sig = _empty(num_perm).copy()
    grams = shingles(text)
    if grams:
        sig.update_batch(list(grams))
    return [int(v) for v in sig.hashvalues]


@lru_cache(maxsize=4)
def _empty(num_perm: int) -> Any:
    """An empty seed-1 MinHash, made once per process: copying it skips drawing the permutations again
    (half the cost of a signature); the values are the same."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1)


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
