"""Stable train/validation/test splits by a hash of the document id.

A document's split depends only on its id and the seed, never on the other documents,
so adding articles to a corpus never moves old ones between splits (a model evaluated
on last month's test set is not silently trained on it this month).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from corpus_tui.core.errors import CorpusError

SPLIT_NAMES: dict[int, tuple[str, ...]] = {
    1: ("train",),
    2: ("train", "test"),
    3: ("train", "validation", "test"),
}


def parse_split(spec: str | Sequence[float]) -> tuple[float, ...]:
    """``"0.8,0.1,0.1"`` → (0.8, 0.1, 0.1); one to three shares that sum to 1."""
    if isinstance(spec, str):
        try:
            shares = tuple(float(part) for part in spec.split(","))
        except ValueError:
            raise CorpusError(f"--split {spec!r} must be comma-separated numbers such as 0.8,0.1,0.1.") from None
    else:
        shares = tuple(float(x) for x in spec)
    if not 1 <= len(shares) <= 3:
        raise CorpusError(f"--split takes one to three shares (train[,validation],test), not {len(shares)}.")
    if any(not math.isfinite(x) or x < 0 for x in shares):
        raise CorpusError("--split shares must be numbers between 0 and 1.")
    if abs(sum(shares) - 1.0) > 1e-6:
        raise CorpusError(f"--split shares must add up to 1 (these add up to {sum(shares):g}).")
    return shares


class Splitter:
    """Assigns a split name to a document id."""

    def __init__(self, shares: Sequence[float], seed: int = 0) -> None:
        self.shares = tuple(shares)
        self.names = SPLIT_NAMES[len(self.shares)]
        self.seed = seed
        bounds, total = [], 0.0
        for share in self.shares:
            total += share
            bounds.append(total)
        bounds[-1] = 1.0 + 1e-9  # the last split takes everything left over by rounding
        self._bounds = bounds

    def position(self, doc_id: str) -> float:
        """A number in [0, 1) fixed by the id and the seed."""
        digest = hashlib.sha256(f"{self.seed}\x00{doc_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def split_of(self, doc_id: str) -> str:
        x = self.position(doc_id)
        for name, bound, share in zip(self.names, self._bounds, self.shares):
            if x < bound and share > 0:
                return name
        return next(n for n, s in zip(reversed(self.names), reversed(self.shares)) if s > 0)

    def ordered(self, present: set[str]) -> list[str]:
        """The split names that received documents, in train/validation/test order."""
        return [name for name in self.names if name in present]
