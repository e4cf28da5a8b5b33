"""The spans of an annotation as flat style boundaries: what the article view paints from.

Spans overlap (a cue inside its quote, a speaker inside another's quote); painting wants
the opposite: sorted boundaries, and for each piece between two of them the set of layers
that cover it, as a bit mask (bit n = ``LAYER_ORDER[n]``). Built once per edit, then a
painted line costs two bisects; an edit of a few spans re-flattens only their stretch.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from corpus_tui.core.model import DocAnnotation, Origin

#: the layers, each the name of a component class of the article view
#: (``article-view--quote`` …); later layers win where spans overlap
LAYER_ORDER = ("quote-suggested", "quote", "cue-suggested", "cue", "speaker-suggested", "speaker")


def span_layers(ann: DocAnnotation | None) -> list[tuple[int, int, str]]:
    """Every highlighted span of an annotation as (start, end, style key)."""
    if ann is None:
        return []
    spans: list[tuple[int, int, str]] = []
    for q in ann.quotes:
        suffix = "-suggested" if q.origin == Origin.SUGGESTED else ""
        spans.append((q.start, q.end, "quote" + suffix))
        if q.cue is not None:
            spans.append((q.cue[0], q.cue[1], "cue" + suffix))
    for m in ann.mentions:
        spans.append((m.start, m.end, "speaker" + ("-suggested" if m.origin == Origin.SUGGESTED else "")))
    return spans


def flatten_spans(spans: list[tuple[int, int, str]]) -> tuple[list[int], list[int]]:
    """Sorted boundaries and, for each piece [bounds[i], bounds[i+1]), a bit mask of the
    layers covering it (bit n = ``LAYER_ORDER[n]``); one pass over 2 × spans events."""
    bit = {key: 1 << n for n, key in enumerate(LAYER_ORDER)}
    events: list[tuple[int, int, int]] = []
    for start, end, key in spans:
        if start < end:
            events.append((start, 1, bit[key]))
            events.append((end, -1, bit[key]))
    events.sort()
    counts = dict.fromkeys(bit.values(), 0)
    bounds: list[int] = [0]
    masks: list[int] = [0]
    mask = 0
    for pos, delta, b in events:
        counts[b] += delta
        mask = mask | b if counts[b] > 0 else mask & ~b
        if pos == bounds[-1]:
            masks[-1] = mask
        else:
            bounds.append(pos)
            masks.append(mask)
    return bounds, masks


def reflatten(
    bounds: list[int],
    masks: list[int],
    spans: list[tuple[int, int, str]],
    changed: Iterable[tuple[int, int, str]],
) -> tuple[list[int], list[int]] | None:
    """``flatten_spans(spans)`` computed from the previous flattening when only the spans
    ``changed`` (added or removed) differ: boundaries outside the changed stretch keep
    their pieces, those inside are recomputed from the few spans that reach it. Marking a
    quote then costs a few spans' work instead of sorting every span of the article.
    None when the stretch is reached by too many spans (the caller flattens from scratch)."""
    changed = [(start, end) for start, end, _ in changed if start < end]
    if not changed:
        return bounds, masks
    lo = min(start for start, _ in changed)
    hi = max(end for _, end in changed)
    near = [(start, end, key) for start, end, key in spans if start <= hi and end >= lo and start < end]
    if len(near) > 256:
        return None
    bit = {key: 1 << n for n, key in enumerate(LAYER_ORDER)}
    points = {p for start, end, _ in near for p in (start, end) if lo <= p <= hi}
    if lo == 0:
        points.add(0)
    inner = sorted(points)
    inner_masks = []
    for p in inner:
        mask = 0
        for start, end, key in near:
            if start <= p < end:
                mask |= bit[key]
        inner_masks.append(mask)
    i, j = bisect_left(bounds, lo), bisect_right(bounds, hi)
    return bounds[:i] + inner + bounds[j:], masks[:i] + inner_masks + masks[j:]


def mask_keys(mask: int) -> tuple[str, ...]:
    return tuple(key for n, key in enumerate(LAYER_ORDER) if mask & (1 << n))
