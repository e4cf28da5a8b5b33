"""Merging fresh suggestions into an annotation without touching a person's work.

Rules: spans a person made or accepted (origin ``manual``/``accepted``) are kept as they
are and win over any overlapping suggestion; spans listed in ``ann.rejected`` are never
offered again; earlier suggestions are replaced by the fresh ones, reusing their ids when
the span is the same. So running ``suggest`` twice gives the identical annotation, and
the caller can skip the save when nothing changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import UNSET
from msgspec.structs import replace

from corpus_tui.core.model import DocAnnotation, Mention, Origin, Quote, RejectedType
from corpus_tui.core.spans import highest_number
from corpus_tui.suggest.speech import Suggestion

SUGGESTED = Origin.SUGGESTED


class _Ids:
    """Ids for fresh suggestions: the id the earlier suggestion of the same span had (so a
    re-run changes nothing), else the next number no span of the annotation ever used."""

    def __init__(self, ann: DocAnnotation, kept: Sequence[Quote | Mention]) -> None:
        self.counters = {"q": highest_number("q", ann), "m": highest_number("m", ann)}
        self.taken = {item.id for item in kept}
        self.old = {
            "q": {(q.start, q.end): q.id for q in ann.quotes if q.origin == SUGGESTED},
            "m": {(m.start, m.end): m.id for m in ann.mentions if m.origin == SUGGESTED},
        }

    def new(self, prefix: str, span: tuple[int, int]) -> str:
        previous = self.old[prefix].get(span)
        if previous is not None and previous not in self.taken:
            self.taken.add(previous)
            return previous
        self.counters[prefix] += 1
        while f"{prefix}{self.counters[prefix]}" in self.taken:
            self.counters[prefix] += 1
        item_id = f"{prefix}{self.counters[prefix]}"
        self.taken.add(item_id)
        return item_id


def merge_suggestions(ann: DocAnnotation, suggestions: Sequence[Suggestion]) -> DocAnnotation:
    """``ann`` with its suggested spans replaced by ``suggestions`` (minus kept/rejected ones)."""
    rejected = {(r.type, r.start, r.end) for r in ann.rejected}
    kept_quotes = [q for q in ann.quotes if q.origin != SUGGESTED]
    used_sources = {q.source for q in kept_quotes if q.source is not None}
    kept_mentions = [m for m in ann.mentions if m.origin != SUGGESTED or m.id in used_sources]
    ids = _Ids(ann, (*kept_quotes, *kept_mentions))
    mentions_by_span = {(m.start, m.end): m for m in kept_mentions}
    new_mentions: list[Mention] = []
    new_quotes: list[Quote] = []
    occupied = [(q.start, q.end) for q in kept_quotes]
    for s in sorted(suggestions, key=lambda s: (s.start, s.end)):
        if (RejectedType.QUOTE, s.start, s.end) in rejected or s.start >= s.end:
            continue
        if any(s.start < e and b < s.end for b, e in occupied):
            continue
        source = None
        if s.speaker is not None and s.entity:
            mention = mentions_by_span.get(s.speaker)
            if mention is None and (RejectedType.MENTION, *s.speaker) not in rejected:
                mention = Mention(ids.new("m", s.speaker), s.speaker[0], s.speaker[1], s.entity, SUGGESTED)
                mentions_by_span[s.speaker] = mention
                new_mentions.append(mention)
            source = mention.id if mention is not None else None
        cue = s.cue if s.cue is not None and (RejectedType.CUE, *s.cue) not in rejected else None
        span = (s.start, s.end)
        new_quotes.append(
            Quote(
                ids.new("q", span),
                s.start,
                s.end,
                s.kind,
                source=source,
                cue=cue,
                stance=s.stance,
                target=s.target if s.stance is not None else None,
                origin=SUGGESTED,
                by=s.by,
                score=UNSET if s.score is None else round(s.score, 3),
            )
        )
        occupied.append(span)
    quotes = tuple(sorted((*kept_quotes, *new_quotes), key=lambda q: (q.start, q.end)))
    mentions = tuple(sorted((*kept_mentions, *new_mentions), key=lambda m: (m.start, m.end)))
    merged = replace(ann, quotes=quotes, mentions=mentions)
    return ann if _same(merged, ann) else merged


def _same(a: DocAnnotation, b: DocAnnotation) -> bool:
    return a.quotes == b.quotes and a.mentions == b.mentions
