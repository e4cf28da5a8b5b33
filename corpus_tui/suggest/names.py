"""One spelling per person across the corpus ("Kim Jung-un" -> "Kim Jong Un").

The guidelines want the same entity name in every article, in the fullest, most usual
spelling. Outlets romanise and hyphenate names differently ("Jung-un", "Jong-un", "Jong
Un"), so names that differ only in hyphens, spaces, case and one vowel swapped for another
in one word are grouped, and the spelling the corpus uses most wins. A consonant change
or a vowel turned consonant is a different person ("Tom Hale" / "Tom Hall", "John Kerry" /
"John Berry"): romanisations disagree about vowels, and grouping any one-letter difference
gave one document's speaker the name of someone in another. Counting is a regular
expression over the raw texts (no parse), cheap next to spaCy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from corpus_tui.suggest.entities import canonical_name

#: capitalised words; a lower-case piece only after a hyphen ("Jong-un"), so that a name
#: is not swallowed by the words around it ("manager Tom" / "Hale praised his")
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:(?: [A-Z]|-[A-Z]?)[a-z]+){1,2}\b")
_VOWELS = frozenset("aeiou")


def _close(a: str, b: str) -> bool:
    """Words (lower case, long enough to be names) one vowel-for-vowel swap apart."""
    if a == b or min(len(a), len(b)) < 3 or len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differing) == 1 and differing[0][0] in _VOWELS and differing[0][1] in _VOWELS


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
