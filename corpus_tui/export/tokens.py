"""Tokens for the formats that have them, and how annotated spans land on them.

Annotations are character offsets made by people; token formats (the ``tokens`` config,
spaCy DocBins, Prodigy tasks) need whole tokens. A span that does not fall on token
boundaries is expanded to them, one that covers no token is left out, and every such
case is counted in ``AlignmentStats`` so the summary and the card can say so.
"""

from __future__ import annotations

import bisect
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


def blank_pipeline(language: str) -> Any:
    """spaCy's rule-based tokenizer for ``language`` (no model to download); the
    multi-language one when spaCy has none for it.

    spaCy refuses texts over ``max_length`` (1,000,000 characters, error E088) because a
    parser or NER needs about a gigabyte per 100,000 characters; this pipeline only
    tokenizes, which costs a few bytes per character, so the limit is lifted and a
    document of any length is exported."""
    import spacy

    try:
        nlp = spacy.blank(language)
    except (ImportError, KeyError, ValueError):
        nlp = spacy.blank("xx")
    nlp.max_length = sys.maxsize
    return nlp


@dataclass
class AlignmentStats:
    """Spans that did not fall on token boundaries (expanded), or that no token covers."""

    expanded: Counter[str] = field(default_factory=Counter)
    uncovered: Counter[str] = field(default_factory=Counter)
    overlapping: Counter[str] = field(default_factory=Counter)


class Tokenizer:
    """Words and their offsets, from ``blank_pipeline`` (``spacy.blank("en")`` by default)."""

    def __init__(self, language: str = "en") -> None:
        self.nlp = blank_pipeline(language)

    def tokens(self, text: str) -> tuple[list[str], list[int], list[int]]:
        """Words (whitespace tokens dropped) with their start and end character offsets.

        Read through ``Doc.to_array`` rather than iterating ``Token`` objects: building a
        Python object per token was half of the export's time on large corpora.
        """
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        doc = self.nlp.make_doc(text)
        if not len(doc):
            return [], [], []
        table = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
        starts = [row[0] for row in table if not row[2]]
        ends = [row[0] + row[1] for row in table if not row[2]]
        words = [text[s:e] for s, e in zip(starts, ends)]
        return words, starts, ends


def align(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int, bool] | None:
    """Token range [first, last) covering the characters; ``expanded`` when it reaches beyond them."""
    first = bisect.bisect_right(ends, start)  # first token that ends after the span starts
    last = bisect.bisect_left(starts, end)  # tokens starting before the span ends
    if first >= last:
        return None
    expanded = starts[first] != start or ends[last - 1] != end
    return first, last, expanded


def bio_tags(
    n: int, spans: list[tuple[int, int]], starts: list[int], ends: list[int], kind: str, stats: AlignmentStats
) -> list[int]:
    tags = [0] * n
    for start, end in sorted(set(spans)):
        aligned = align(starts, ends, start, end)
        if aligned is None:
            stats.uncovered[kind] += 1
            continue
        first, last, expanded = aligned
        if any(tags[i] for i in range(first, last)):
            stats.overlapping[kind] += 1
            continue
        if expanded:
            stats.expanded[kind] += 1
        tags[first] = 1
        for i in range(first + 1, last):
            tags[i] = 2
    return tags
