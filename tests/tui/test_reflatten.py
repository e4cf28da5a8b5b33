"""Marking a quote re-flattens only the stretch it changes; the result must be exactly
what flattening every span from scratch gives (the painted pieces come from it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tui.tui.widgets.spans import LAYER_ORDER, flatten_spans, reflatten

span = st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from(LAYER_ORDER)).map(
    lambda t: (t[0], t[0] + t[1], t[2])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=25), st.lists(span, max_size=4), st.data())
def test_reflatten_equals_flattening_from_scratch(before: list, added: list, data: st.DataObject) -> None:
    removed = data.draw(st.lists(st.sampled_from(before), max_size=3, unique=True)) if before else []
    after = [s for s in before if s not in removed] + added
    bounds, masks = flatten_spans(before)
    changed = set(before) ^ set(after)
    assert reflatten(bounds, masks, after, changed) == flatten_spans(after)


def test_reflatten_gives_up_when_a_stretch_is_crowded() -> None:
    many = [(i, i + 3, "speaker") for i in range(300)]
    bounds, masks = flatten_spans(many)
    assert reflatten(bounds, masks, [*many, (0, 400, "quote")], [(0, 400, "quote")]) is None
