"""Near-duplicate articles (wire copies with small edits): MinHash + LSH behind a small interface.

Exact duplicates are caught by ``Article.doc_id`` (a content hash).  Near duplicates — the same
wire story run by several outlets with a changed dateline, an added credit line or a trimmed
paragraph — are found here so that they are linked, not counted twice.

Method (Broder 1997, "On the resemblance and containment of documents"): an article is the set of
its word bigrams ("shingles", lower-cased ``\\w+`` tokens); a MinHash of ``NUM_PERM`` permutations
estimates the Jaccard similarity of two such sets; an LSH index (datasketch ``MinHashLSH``) finds
candidates whose estimated Jaccard may reach the threshold, and each candidate is then checked on the
signatures themselves.  Why bigrams: one edited word changes 2 shingles (5 with the 5-grams often
used for web pages), so a copy with a handful of edits stays well above 0.8, while another story on
the same event (same names and figures, different sentences) stays below 0.1; see tests/ingest/
test_dedup.py.  Why 256 permutations: the estimate's standard deviation is sqrt(J(1-J)/NUM_PERM),
0.023 at J = 0.85 (0.032 with 128), so copies just above the threshold are not lost to noise.

A signature is ``bytes`` (``4 + 4 * NUM_PERM`` = 1028 bytes by default) with a format of our own,
so the ledger can store it and :meth:`NearDuplicateIndex.load` can rebuild the index after a restart
whatever datasketch version reads it back.

Usage::

    >>> from claimledger.ingest.dedup import NearDuplicateIndex, signature
    >>> index = NearDuplicateIndex()
    >>> story = " ".join(f"w{i}" for i in range(300))  # a 300-word text
    >>> index.add("a1", signature(story)) is None
    True
    >>> index.add("b2", signature(story + " Additional reporting by a staff writer."))
    'a1'
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable
from typing import Any

import numpy as np

NUM_PERM = 256
SHINGLE_WORDS = 2
DEFAULT_THRESHOLD = 0.8
_SEED = 1
_SCHEME = "affine32"
_MAGIC = b"M1"  # format: magic (2 bytes), num_perm (uint16 LE), num_perm hash values (uint32 LE)
_EMPTY = np.uint32(0xFFFFFFFF)  # datasketch's initial hash value: an empty set leaves all of them
_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of word ``size``-grams of ``text`` (NFKC, case-folded ``\\w+`` tokens), as bytes.

    A text of fewer than ``size`` tokens is one shingle of all its tokens; an empty text has none.
    """
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())
    if not tokens:
        return set()
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def signature(text: str, *, num_perm: int = NUM_PERM) -> bytes:
    """The MinHash signature of ``text``'s word shingles, as compact bytes for the ledger."""
    if not 0 < num_perm < 2**16:
        raise ValueError(f"num_perm must be in 1..65535, got {num_perm}")
    from datasketch import MinHash

    mh = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    items = shingles(text)
    if items:
        mh.update_batch(list(items))
    values = np.asarray(mh.hashvalues, dtype="<u4")
    return _MAGIC + struct.pack("<H", num_perm) + values.tobytes()


def _unpack(sig: bytes) -> np.ndarray:
    """The hash values stored in ``sig``; ValueError when it is not one of our signatures."""
    if not isinstance(sig, bytes | bytearray | memoryview):
        raise ValueError("a signature must be bytes")
    sig = bytes(sig)
    if len(sig) < 4 or sig[:2] != _MAGIC:
        raise ValueError("not a claimledger MinHash signature")
    (num_perm,) = struct.unpack("<H", sig[2:4])
    if num_perm == 0 or len(sig) != 4 + 4 * num_perm:
        raise ValueError(f"signature has {len(sig)} bytes, expected {4 + 4 * num_perm}")
    return np.frombuffer(sig, dtype="<u4", offset=4)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures (0 for an empty text)."""
    va, vb = _unpack(a), _unpack(b)
    if len(va) != len(vb):
        raise ValueError("signatures of different sizes cannot be compared")
    if _is_empty(va) or _is_empty(vb):
        return 0.0
    return float(np.count_nonzero(va == vb)) / len(va)


def _is_empty(values: np.ndarray) -> bool:
    return bool(np.all(values == _EMPTY))


class NearDuplicateIndex:
    """An in-memory LSH index of signatures that answers "which earlier article is this a copy of?".

    ``threshold`` is the estimated Jaccard similarity of word-bigram sets from which two articles
    count as near duplicates (default 0.8).  :meth:`add` returns the doc_id of the most similar
    earlier article at or above it (ties: the one added first), else None; the article is added to the
    index either way, so later copies can match it too.

    Usage::

        >>> idx = NearDuplicateIndex(threshold=0.8)
        >>> idx.load([("a1", signature("one two three four five six seven"))])
        >>> len(idx)
        1
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, *, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        # Candidates are fetched at a lower similarity than the decision threshold, so that pairs just
        # above it are not lost to the LSH banding; each candidate is then checked on its signature.
        self._lsh: Any = MinHashLSH(threshold=max(0.05, min(threshold - 0.1, 0.85)), num_perm=num_perm)
        self._values: dict[str, np.ndarray] = {}  # uint32 views of the signatures (1 KB per article)
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._values

    def _insert(self, doc_id: str, values: np.ndarray) -> None:
        from datasketch import LeanMinHash

        self._order[doc_id] = len(self._order)
        self._values[doc_id] = values
        if not _is_empty(values):
            self._lsh.insert(doc_id, LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME))

    def _checked(self, sig: bytes) -> np.ndarray:
        values = _unpack(sig)
        if len(values) != self.num_perm:
            raise ValueError(f"signature has {len(values)} permutations, the index uses {self.num_perm}")
        return values

    def add(self, doc_id: str, signature: bytes) -> str | None:
        """Index ``doc_id``; return the doc_id of the earlier article it nearly duplicates, or None.

        Adding a doc_id that is already indexed changes nothing and returns None (re-ingesting the
        same article is not a duplicate of itself).
        """
        if doc_id in self._values:
            return None
        values = self._checked(signature)
        best: str | None = None
        if not _is_empty(values):
            from datasketch import LeanMinHash

            best_score = -1.0
            query = LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)
            for cand in self._lsh.query(query):
                score = float(np.count_nonzero(self._values[cand] == values)) / len(values)
                if score < self.threshold:
                    continue
                if score > best_score or (score == best_score and self._order[cand] < self._order[best]):  # type: ignore[index]
                    best, best_score = cand, score
        self._insert(doc_id, values)
        return best

    def load(self, pairs: Iterable[tuple[str, bytes]]) -> None:
        """Rebuild the index from stored ``(doc_id, signature)`` pairs (no duplicates reported)."""
        for doc_id, sig in pairs:
            if doc_id not in self._values:
                self._insert(doc_id, self._checked(sig))


__all__ = ["DEFAULT_THRESHOLD", "NUM_PERM", "NearDuplicateIndex", "shingles", "signature", "similarity"]
