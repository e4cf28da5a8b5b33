"""One spelling per person across the corpus ("Kim Jung-un" -> "Kim Jong Un").

The guidelines want the same entity name in every article, in the fullest, most usual
spelling. Outlets romanise and hyphenate names differently, so names that differ in one
letter of one word are grouped, and the spelling the corpus uses most wins. Counting is a
regular expression over the raw texts (no parse), cheap next to spaCy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from corpus_tui.suggest.speakers import canonical_name

_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){1,2}\b")


def _close(a: str, b: str) -> bool:
    """Words one substitution, insertion or deletion apart (and long enough to be names)."""
    if a == b or min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _variants(a: str, b: str) -> bool:
    wa, wb = a.lower().split(), b.lower().split()
    if len(wa) != len(wb) or wa[0] != wb[0]:
        return False
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(differing) == 1 and _close(*differing[0])


class NameSpellings:
    """Maps a name to the corpus's preferred spelling of it (unknown names map to themselves)."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self._cache: dict[str, str] = {}
        self._by_shape: dict[tuple[str, int], list[str]] = {}
        for name in counts:
            words = name.lower().split()
            self._by_shape.setdefault((words[0], len(words)), []).append(name)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> NameSpellings:
        counts: Counter[str] = Counter()
        for text in texts:
            for match in _NAME_RUN.finditer(text):
                name = canonical_name(match.group(0))
                if len(name.split()) >= 2:
                    counts[name] += 1
        return cls(counts)

    def preferred(self, name: str) -> str:
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        best = name
        if len(name.split()) >= 2:
            words = name.lower().split()
            same_shape = self._by_shape.get((words[0], len(words)), [])
            candidates = [n for n in same_shape if n == name or _variants(n, name)]
            if candidates:
                best = max(candidates, key=lambda n: (self.counts[n], n == name, n))
        self._cache[name] = best
        return best
