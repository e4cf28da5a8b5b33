"""Which quote a key acts on, the source picker's order, stances with the default target,
and accepting or rejecting a suggestion together with its links."""

from __future__ import annotations

import pytest

from corpus_tui.core import editing
from corpus_tui.core.editing import EditError
from corpus_tui.core.model import DocAnnotation, DocStance, Mention, Quote, Rejected

LABELS = ("favor", "against", "neutral")

# the example: "she" is the speaker of the quote after her, not of the one before
SCHOOL = (
    "Board chair Ann Park backed the plan. "
    "Superintendent Mark Ellis said the district moved quickly, but she cautioned that parents need more notice.\n"
    "Board member Rosa Diaz said the vote was premature."
)


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def school(*, she_linked: bool = True, suggested: bool = False) -> DocAnnotation:
    origin = "suggested" if suggested else "manual"
    return DocAnnotation(
        "school",
        "x",
        "alice",
        mentions=(
            Mention("m1", *at(SCHOOL, "Mark Ellis"), "Mark Ellis"),
            Mention("m2", *at(SCHOOL, "she"), "Ann Park", origin),
            Mention("m3", *at(SCHOOL, "Rosa Diaz"), "Rosa Diaz"),
        ),
        quotes=(
            Quote("q1", *at(SCHOOL, "the district moved quickly"), "indirect", "m1", at(SCHOOL, "said")),
            Quote(
                "q2",
                *at(SCHOOL, "parents need more notice"),
                "indirect",
                "m2" if she_linked else None,
                at(SCHOOL, "cautioned"),
                origin=origin,
            ),
            Quote("q3", *at(SCHOOL, "the vote was premature"), "indirect", "m3", at(SCHOOL, "said", 1)),
        ),
    )


# --------------------------------------------------------------------------- bug 1: keys on a speaker


def test_on_a_speaker_keys_act_on_the_quote_it_is_the_source_of() -> None:
    """Regression: with the cursor on "she", 3 set the stance of the previous quote."""
    ann = school()
    she = SCHOOL.index("she")
    assert editing.quote_near(ann, SCHOOL, she).id == "q1"  # the position rule alone gets it wrong
    assert editing.quote_for_keys(ann, SCHOOL, she).id == "q2"
    ann = editing.stance_key(ann, SCHOOL, she, 3, LABELS, ("school start times",))
    assert (ann.quote("q1").stance, ann.quote("q2").stance) == (None, "neutral")


def test_a_speaker_of_no_quote_acts_on_the_quote_the_review_queue_reaches_next() -> None:
    ann = school(she_linked=False)
    assert editing.quote_for_keys(ann, SCHOOL, SCHOOL.index("she") + 1).id == "q2"


def test_a_speaker_of_several_quotes_acts_on_the_nearest() -> None:
    text = 'Kim said the talks went well. "We agreed on much," Kim said later. He added that more is to come.'
    kim = Mention("m1", *at(text, "Kim"), "Kim Jong Un")
    quotes = (
        Quote("q1", *at(text, "the talks went well"), "indirect", "m1"),
        Quote("q2", *at(text, "We agreed on much,"), "direct", "m1"),
    )
    ann = DocAnnotation("d", "x", "a", mentions=(kim,), quotes=quotes)
    assert editing.quote_for_keys(ann, text, text.index("Kim")).id == "q1"


def test_a_speaker_inside_a_quote_without_links_acts_on_that_quote() -> None:
    text = "The United States, Antonov said, had built a coalition in Asia."
    quote = Quote("q1", 0, text.index("."), "indirect")
    antonov = Mention("m1", *at(text, "Antonov"), "Anatoly Antonov")
    ann = DocAnnotation("d", "x", "a", mentions=(antonov,), quotes=(quote,))
    assert editing.quote_for_keys(ann, text, text.index("Antonov")).id == "q1"


# --------------------------------------------------------------------------- bug 3: source picker


def test_source_picker_puts_the_quote_sentence_first_then_the_previous_one() -> None:
    """Regression: the nearest mention by characters came from the next paragraph."""
    text = (
        'Dr. Amy Cho, who leads the lab, spoke first. "The results are clear," Dr. Cho said.\nProf. Ian Gray disagreed.'
    )
    cho = text.index("Cho said")
    mentions = (
        Mention("m1", *at(text, "Amy Cho"), "Amy Cho"),
        Mention("m2", cho, cho + 3, "Amy Cho"),
        Mention("m3", *at(text, "Ian Gray"), "Ian Gray"),
    )
    quote = Quote("q1", *at(text, "The results are clear,"), "direct")
    ann = DocAnnotation("d", "x", "a", mentions=mentions, quotes=(quote,))
    order = [m.id for m in editing.mentions_nearest_first(ann, text, quote.start, quote.end)]
    # "Dr." does not end the sentence, so m2 shares the quote's sentence; "Ian Gray" in the
    # next paragraph is nearer by characters than "Amy Cho" but comes last
    assert order == ["m2", "m1", "m3"]
    # from the cursor alone (no quote span) the same tiers hold
    assert [m.id for m in editing.mentions_nearest_first(ann, text, text.index("clear"))] == ["m2", "m1", "m3"]


# --------------------------------------------------------------------------- stance and target


def test_a_digit_gives_the_quote_the_document_default_target() -> None:
    ann = school()
    targets = ("school start times", "bus routes")
    first = editing.stance_key(ann, SCHOOL, SCHOOL.index("district"), 2, LABELS, targets)
    assert (first.quote("q1").stance, first.quote("q1").target) == ("against", "school start times")
    changed = editing.set_target(first, "q1", "  bus   routes ")
    # the next quote takes the target last used in this document, not the config's first
    second = editing.stance_key(changed, SCHOOL, SCHOOL.index("premature"), 1, LABELS, targets)
    assert second.quote("q3").target == "bus routes"
    # clearing the stance keeps the target; a quote's own target is never overwritten
    cleared = editing.stance_key(second, SCHOOL, SCHOOL.index("premature"), 0, LABELS, targets)
    assert (cleared.quote("q3").stance, cleared.quote("q3").target) == (None, "bus routes")


def test_a_digit_beyond_the_labels_or_off_any_quote_is_one_sentence() -> None:
    with pytest.raises(EditError, match="only 3 stance labels"):
        editing.stance_key(school(), SCHOOL, SCHOOL.index("district"), 7, LABELS, ())
    lone = "Nothing is quoted here.\nNor here."
    with pytest.raises(EditError, match="No quote here"):
        editing.stance_key(DocAnnotation("d", "x", "a"), lone, 3, 1, LABELS, ())


def test_default_target_order() -> None:
    ann = school()
    assert editing.default_target(ann, ("first",)) == "first"
    ann = editing.set_doc_stance(ann, "against", "the plan")
    assert editing.default_target(ann, ("first",)) == "the plan"
    ann = editing.set_target(ann, "q3", "later target")
    assert editing.default_target(ann, ("first",), before=SCHOOL.index("district")) == "later target"
    assert editing.default_target(DocAnnotation("d", "x", "a"), ()) is None


def test_document_stance_is_set_with_its_target() -> None:
    ann = editing.set_doc_stance(school(), "against", config_targets=("school start times",))
    assert ann.doc_stance == DocStance("against", "school start times")
    kept = editing.set_doc_stance(ann, "neutral", config_targets=("other",))
    assert kept.doc_stance == DocStance("neutral", "school start times")
    assert editing.set_doc_stance(kept, None).doc_stance is None
    assert editing.set_doc_stance(kept, "favor", " new   target ").doc_stance == DocStance("favor", "new target")


def test_target_picker_lists_recent_targets_first() -> None:
    ann = editing.set_target(editing.set_target(school(), "q1", "here early"), "q3", "here late")
    older = DocAnnotation("o1", "x", "a", updated="2026-01-01T00:00:00Z", quotes=(Quote("q1", 0, 1, target="old"),))
    newer = DocAnnotation("o2", "x", "a", updated="2026-02-01T00:00:00Z", quotes=(Quote("q1", 0, 1, target="new"),))
    choices = editing.target_choices(ann, [older, newer, ann], ("config a", "here early", "config b"))
    assert choices == ["here late", "here early", "new", "old", "config a", "config b"]
    # for a quote, the target it would get by default comes first
    before_q3 = editing.target_choices(ann, [], ("config a",), before=SCHOOL.index("the vote"))
    assert before_q3[:2] == ["here early", "here late"]


# --------------------------------------------------------------------------- accepting with links


def test_accept_takes_the_quote_with_its_speaker_cue_and_suggested_stance() -> None:
    suggested = DocAnnotation(
        "school",
        "x",
        "alice",
        mentions=school(suggested=True).mentions,
        quotes=tuple(
            Quote(q.id, q.start, q.end, q.kind, q.source, q.cue, "against", "times", q.origin)
            for q in school(suggested=True).quotes
        ),
    )
    accepted = editing.accept_at(suggested, SCHOOL, SCHOOL.index("she"))  # the cursor on its speaker
    q2, she = accepted.quote("q2"), accepted.mention("m2")
    assert (q2.origin, she.origin) == ("accepted", "accepted")
    assert (q2.cue, q2.stance, q2.target, she.entity) == (at(SCHOOL, "cautioned"), "against", "times", "Ann Park")
    assert accepted.status == "in_progress"


def test_editing_a_suggested_quote_accepts_its_speaker_too() -> None:
    ann = editing.set_stance(school(suggested=True), "q2", "favor")
    assert (ann.quote("q2").origin, ann.mention("m2").origin) == ("accepted", "accepted")


def test_reject_removes_the_quote_and_its_links_and_remembers_them() -> None:
    ann = editing.reject_at(school(suggested=True), SCHOOL, SCHOOL.index("parents"))
    assert ann.quote("q2") is None and ann.mention("m2") is None
    assert set(ann.rejected) == {
        Rejected("quote", *at(SCHOOL, "parents need more notice")),
        Rejected("cue", *at(SCHOOL, "cautioned")),
        Rejected("mention", *at(SCHOOL, "she")),
    }


def test_reject_keeps_a_speaker_of_another_quote_and_a_cue_another_quote_keeps() -> None:
    text = '"We will win," Kim said, "and soon."'
    kim = Mention("m1", *at(text, "Kim"), "Kim", "suggested")
    cue = at(text, "said")
    quotes = (
        Quote("q1", *at(text, "We will win,"), "direct", "m1", cue, origin="suggested"),
        Quote("q2", *at(text, "and soon."), "direct", "m1", cue, origin="suggested"),
    )
    ann = editing.reject(DocAnnotation("d", "x", "a", mentions=(kim,), quotes=quotes), "q2")
    assert ann.mention("m1") is not None and ann.quote("q1").cue == cue
    assert ann.rejected == (Rejected("quote", *at(text, "and soon.")),)


def test_a_and_r_off_any_suggestion_say_so() -> None:
    with pytest.raises(EditError, match="No suggestion"):
        editing.accept_at(school(), SCHOOL, SCHOOL.index("district"))
    standalone = DocAnnotation("d", "x", "a", mentions=(Mention("m1", 0, 3, "X", "suggested"),))
    assert editing.reject_at(standalone, "Kim spoke.", 1).mentions == ()
