"""Matching two annotators' quotes: exact spans, or at least half of the tokens shared.

Shared by ``evaluate`` (gold vs. a system) and ``agree`` (annotator vs. annotator) so
both report the same thing under the same name. Overlap is counted in word tokens, not
characters, so a quote that differs by a trailing comma still matches.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from corpus_tui.core.model import Quote
from corpus_tui.core.text import token_bounds


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts they rest on."""

    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
        }


class TokenIndex:
    """Token starts of a text (core.text's tokens, as the TUI moves by), to count the tokens a
    span covers by bisection."""

    def __init__(self, text: str) -> None:
        self.starts = token_bounds(text)[0]

    def tokens(self, start: int, end: int) -> range:
        """Indices of tokens starting inside [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


def token_overlap(index: TokenIndex, a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared tokens over the tokens of the longer span (symmetric, 1.0 for identical)."""
    ta, tb = index.tokens(*a), index.tokens(*b)
    longest = max(len(ta), len(tb))
    if not longest:
        return 0.0
    shared = max(0, min(ta.stop, tb.stop) - max(ta.start, tb.start))
    return shared / longest


def match_quotes(
    gold: Sequence[Quote], pred: Sequence[Quote], index: TokenIndex | None = None, min_overlap: float = 0.5
) -> list[tuple[Quote, Quote]]:
    """One-to-one pairs of gold and predicted quotes.

    With ``index`` None only identical spans match; otherwise pairs sharing at least
    ``min_overlap`` of their tokens match, best overlap first (greedy, deterministic).
    """
    if index is None:
        by_span = {(q.start, q.end): q for q in pred}
        return [(g, by_span[(g.start, g.end)]) for g in gold if (g.start, g.end) in by_span]
    candidates: list[tuple[float, int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if p.start < g.end and g.start < p.end:
                score = token_overlap(index, (g.start, g.end), (p.start, p.end))
                if score >= min_overlap:
                    candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    pairs.sort()
    return [(gold[i], pred[j]) for i, j in pairs]
