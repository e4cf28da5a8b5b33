"""The review queue (``]`` / ``[``, ``d``, ``validate --strict``): what still needs the annotator."""

from __future__ import annotations

import statistics
import time

from corpus_tui.core import editing
from corpus_tui.core.model import DocAnnotation, Document, Mention, Quote
from corpus_tui.core.review_queue import Need, completeness, review_queue, review_step

TEXT = (
    'Dr. Lena Ortiz said the clinic would open in May. "We are ready," she added.\n'
    "The building was finished in 2019.\n"
    '"It took too long."\n'
    "Gov. Ray Hale described the delay as regrettable."
)
DOC = Document("clinic", TEXT)


def span(part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return start, start + len(part)


def ann_with(*quotes: Quote, mentions: tuple[Mention, ...] = ()) -> DocAnnotation:
    return DocAnnotation(DOC.id, DOC.text_sha256, "alice", quotes=quotes, mentions=mentions)


ORTIZ = Mention("m1", *span("Lena Ortiz"), "Lena Ortiz")
SHE = Mention("m2", *span("she"), "Lena Ortiz", "suggested")
HALE = Mention("m3", *span("Ray Hale"), "Ray Hale", "suggested")
CLINIC = Quote("q1", *span("the clinic would open in May"), "indirect", "m1", span("said"), "neutral", "health")
READY = Quote("q2", *span("We are ready,"), "direct", "m2", span("added"), origin="suggested")
LONG = Quote("q3", *span("It took too long."), "direct", stance="against", target="health")
DELAY = Quote("q4", *span("the delay as regrettable"), "indirect", "m3", origin="suggested")


def test_items_in_reading_order_with_what_each_needs() -> None:
    ann = ann_with(CLINIC, READY, LONG, DELAY, mentions=(ORTIZ, SHE, HALE))
    items = review_queue(ann, TEXT)
    assert [(i.id, i.needs) for i in items] == [
        # a complete quote is not listed; a suggestion is listed with what it lacks
        ("q2", (Need.SUGGESTION, Need.STANCE)),
        # a quote alone in its sentence, without speech verb: no cue asked for
        ("q3", (Need.SPEAKER,)),
        ("q4", (Need.SUGGESTION, Need.STANCE, Need.CUE)),
    ]
    # the speakers of suggested quotes are decided with their quote, not listed apart
    assert all(i.is_quote for i in items)


def test_a_suggested_mention_of_no_suggested_quote_is_an_item() -> None:
    ann = ann_with(CLINIC, mentions=(ORTIZ, HALE))
    assert [(i.id, i.is_quote, i.needs) for i in review_queue(ann, TEXT)] == [("m3", False, (Need.SUGGESTION,))]


def test_a_quote_needs_its_cue_only_where_a_speech_verb_stands() -> None:
    without_cue = Quote("q1", *span("the clinic would open in May"), "indirect", "m1", None, "neutral", "health")
    ann = ann_with(without_cue, mentions=(ORTIZ,))
    assert [i.needs for i in review_queue(ann, TEXT)] == [(Need.CUE,)]
    # "said" inside a direct quote's own content is not its cue
    text = '"I said no to them."\nNothing more.'
    quote = Quote("q1", 1, text.index('."') + 1, "direct", "m9", None, "neutral")
    lone = DocAnnotation("x", "x", "a", quotes=(quote,), mentions=(Mention("m9", 25, 29, "X"),))
    assert review_queue(lone, text) == []


def test_next_and_previous_wrap_and_say_when_all_is_reviewed() -> None:
    ann = ann_with(CLINIC, READY, LONG, DELAY, mentions=(ORTIZ, SHE, HALE))
    first = review_step(ann, TEXT, 0)
    assert (first.item.id, first.wrapped, first.left) == ("q2", False, 3)
    # from the start of an item, ] goes on to the next one
    assert review_step(ann, TEXT, first.item.start).item.id == "q3"
    last = review_step(ann, TEXT, DELAY.start)
    assert (last.item.id, last.wrapped) == ("q2", True)  # past the end: back to the first
    back = review_step(ann, TEXT, LONG.start, backward=True)
    assert (back.item.id, back.wrapped) == ("q2", False)
    before_all = review_step(ann, TEXT, 0, backward=True)
    assert (before_all.item.id, before_all.wrapped) == ("q4", True)
    done = review_step(ann_with(CLINIC, mentions=(ORTIZ,)), TEXT, 10)
    assert done.all_reviewed and done.item is None and done.left == 0


def test_the_common_path_empties_the_queue() -> None:
    """``]``, ``a`` and a digit per quote: each quote leaves the queue once decided and complete."""
    ann = ann_with(CLINIC, READY, DELAY, mentions=(ORTIZ, SHE, HALE))
    cursor = 0
    for _ in range(2):
        item = review_step(ann, TEXT, cursor).item
        cursor = item.start
        ann = editing.accept_at(ann, TEXT, cursor)
        ann = editing.stance_key(ann, TEXT, cursor, 3, ("favor", "against", "neutral"), ("health",))
    # q4 still lacks a cue ("described"): c on it with nothing selected
    assert [(i.id, i.needs) for i in review_queue(ann, TEXT)] == [("q4", (Need.CUE,))]
    ann, quote = editing.set_cue(ann, TEXT, *editing.cue_span_at(TEXT, TEXT.index("described") + 2))
    assert quote.id == "q4"
    assert review_step(ann, TEXT, cursor).all_reviewed
    assert completeness(ann, TEXT).complete


def test_completeness_counts_what_d_reports() -> None:
    bare = Quote("q5", *span("the delay as regrettable"), "indirect")
    ann = ann_with(CLINIC, READY, LONG, bare, mentions=(ORTIZ, SHE))
    state = completeness(ann, TEXT)
    assert not state.complete
    assert (state.lacking(Need.SPEAKER), state.lacking(Need.STANCE), state.lacking(Need.CUE)) == (2, 1, 1)
    assert state.undecided == 1
    assert state.summary() == "2 quotes lack a speaker, 1 a stance, 1 a cue; 1 suggestion is undecided"
    assert completeness(ann_with(CLINIC, mentions=(ORTIZ,)), TEXT).summary() == (
        "every quote has its speaker, stance and cue"
    )


def _big_article() -> tuple[str, DocAnnotation]:
    """About 100,000 characters with 1,000 spans (500 quotes, 500 speakers), a few incomplete."""
    paragraph = '"We will build it this year," Mayor Ana Reyes said on Tuesday, as the council met again.\n'
    filler = "The council also discussed parking, budgets and the state of the river in some detail.\n"
    text = (paragraph + filler) * 560
    text = text[: 100_000 - 1]
    quotes, mentions = [], []
    pos = 0
    for i in range(500):
        q = text.index("We will", pos)
        m = text.index("Ana Reyes", q)
        cue = text.index("said", m)
        complete = i % 10 != 0
        mentions.append(Mention(f"m{i}", m, m + 9, "Ana Reyes"))
        quotes.append(
            Quote(f"q{i}", q, q + 27, "direct", f"m{i}", (cue, cue + 4), "favor" if complete else None, "budget")
        )
        pos = cue
    return text, DocAnnotation("big", "x", "a", quotes=tuple(quotes), mentions=tuple(mentions))


def test_a_step_is_fast_on_a_100000_character_article_with_1000_spans() -> None:
    text, ann = _big_article()
    review_step(ann, text, 0)  # the text index is built once per article (on open)
    times = []
    for cursor in range(0, len(text), 997):
        t0 = time.perf_counter()
        review_step(ann, text, cursor)
        times.append(time.perf_counter() - t0)
    assert len(review_queue(ann, text)) == 50
    # budget 1 ms typical; the assertion leaves room for a loaded shared machine
    assert statistics.median(times) < 0.005, statistics.median(times)
