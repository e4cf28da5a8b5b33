"""Adjudication core: agreed items straight to gold, disputes resolved by taking a version."""

from __future__ import annotations

import pytest

from corpus_tui.core.editing import EditError
from corpus_tui.core.model import DocStance, validation_errors
from corpus_tui.review.adjudication import (
    Decision,
    auto_gold,
    decision,
    find_reviews,
    review_document,
    take_doc_stance,
    take_version,
    write_auto_gold,
)

from .helpers import TEXT, annotation, document, read_gold, span, write_journal

LABELS = ("favor", "against", "neutral")


def review_of(tiny, anns):
    return review_document(document(tiny), {a.annotator: a for a in anns})


def test_identical_annotations_are_all_agreed(tiny):
    review = review_of(tiny, [annotation("alice"), annotation("bob")])
    assert not review.disputed
    assert len(review.agreed) == 4
    gold = auto_gold(review)
    assert gold.status == "done" and gold.annotator == "gold"
    assert [(q.start, q.end, q.stance) for q in gold.quotes] == [
        (q.start, q.end, q.stance) for q in annotation("alice").quotes
    ]
    assert [gold.speaker_of(q) for q in gold.quotes] == ["John Kirby", "Vladimir Putin", "Kim Jong Un", "Joe Biden"]
    assert validation_errors(gold, document(tiny), LABELS) == []


def test_disputes_name_what_differs(tiny):
    bob = annotation(
        "bob",
        [{"stance": "favor"}, {"part": "We will act"}, {"entity": "Kim"}, {"skip": True}],
    )
    review = review_of(tiny, [annotation("alice"), bob])
    assert review.agreed == []
    assert [d.differences for d in review.disputes] == [("stance",), ("span",), ("speaker",), ("missing",)]
    assert list(review.disputes[3].versions) == ["alice"]
    assert review.disputes[1].version("bob").quote.end == span(TEXT, "We will act")[1]


def test_auto_gold_keeps_agreed_items_only_and_carries_their_mentions(tiny):
    alice = annotation("alice")
    bob = annotation("bob", [{}, {"stance": "neutral"}, {}, {"skip": True}])
    review = review_of(tiny, [alice, bob])
    gold = auto_gold(review)
    assert gold.status == "in_progress"
    assert [TEXT[q.start : q.end] for q in gold.quotes] == ["Russia is a threat", "talks went well"]
    # every gold quote's source is a gold mention; speakers agreed on but not quoted in
    # gold yet (Putin's) are kept as mentions too, since both annotators marked them
    assert {gold.speaker_of(q) for q in gold.quotes} == {"John Kirby", "Kim Jong Un"}
    assert {m.entity for m in gold.mentions} == {"John Kirby", "Vladimir Putin", "Kim Jong Un"}
    assert validation_errors(gold, document(tiny), LABELS) == []


def test_take_version_puts_the_chosen_quote_with_its_speaker_into_gold(tiny):
    alice = annotation("alice")
    # bob gives the third quote to a different person and the fourth a wider span
    bob = annotation("bob", [{}, {}, {"entity": "Kim Yo Jong"}, {"part": '"No comment,"'}])
    review = review_of(tiny, [alice, bob])
    speaker_dispute, span_dispute = review.disputes
    gold = auto_gold(review)
    assert len(gold.quotes) == 2

    gold = take_version(gold, speaker_dispute, "bob")
    assert decision(review, gold, speaker_dispute).taken == ("bob",)
    third = next(q for q in gold.quotes if TEXT[q.start : q.end] == "talks went well")
    assert gold.speaker_of(third) == "Kim Yo Jong"
    # the reviewer changes their mind: alice's version replaces bob's, no orphan left behind
    gold = take_version(gold, speaker_dispute, "alice")
    assert decision(review, gold, speaker_dispute).taken == ("alice",)
    assert "Kim Yo Jong" not in {m.entity for m in gold.mentions}
    assert len(gold.quotes) == 3

    gold = take_version(gold, span_dispute, "bob")
    assert [TEXT[q.start : q.end] for q in gold.quotes][-1] == '"No comment,"'
    gold = take_version(gold, span_dispute, None)  # none of them: no quote there
    assert decision(review, gold, span_dispute) == Decision(left_out=True)
    assert len(gold.quotes) == 3
    ids = [q.id for q in gold.quotes] + [m.id for m in gold.mentions]
    assert len(ids) == len(set(ids))
    assert validation_errors(gold, document(tiny), LABELS) == []


def test_take_version_of_an_annotator_without_one_is_refused(tiny):
    review = review_of(tiny, [annotation("alice"), annotation("bob", [{}, {}, {}, {"skip": True}])])
    with pytest.raises(EditError, match="bob did not mark this quote"):
        take_version(auto_gold(review), review.disputes[0], "bob")


def test_overlapping_choices_never_make_gold_invalid(tiny):
    # alice: "Russia is a threat"; bob: "Kirby said that Russia" — too little overlap to align,
    # so two disputes whose versions overlap each other
    alice = annotation("alice", [{}, {"skip": True}, {"skip": True}, {"skip": True}])
    bob = annotation("bob", [{"part": "Kirby said that Russia"}, {"skip": True}, {"skip": True}, {"skip": True}])
    review = review_of(tiny, [alice, bob])
    assert len(review.disputes) == 2
    gold = auto_gold(review)
    assert [list(d.versions) for d in review.disputes] == [["bob"], ["alice"]]
    gold = take_version(gold, review.disputes[0], "bob")
    gold = take_version(gold, review.disputes[1], "alice")  # replaces bob's, which it overlaps
    assert [TEXT[q.start : q.end] for q in gold.quotes] == ["Russia is a threat"]
    assert validation_errors(gold, document(tiny), LABELS) == []


def test_document_stance_dispute(tiny):
    from msgspec.structs import replace

    alice = replace(annotation("alice"), doc_stance=DocStance("against", "cooperation"))
    bob = replace(annotation("bob"), doc_stance=DocStance("neutral", "cooperation"))
    review = review_of(tiny, [alice, bob])
    assert review.disputed and not review.disputes
    gold = auto_gold(review)
    assert gold.doc_stance is None
    gold = take_doc_stance(gold, review.doc_stance_dispute, "bob")
    assert gold.doc_stance == DocStance("neutral", "cooperation")


def test_write_auto_gold_on_the_seeds_never_overwrites_existing_gold(seed_pair):
    reviews, warnings = find_reviews(seed_pair)
    assert warnings == []
    assert [r.disputed for r in reviews] == [True, False]  # only the first article differs
    assert [d.differences for d in reviews[0].disputes] == [
        ("stance",),
        ("cue",),
        ("span",),
        ("missing",),
        ("speaker",),
    ]
    with seed_pair.open_journal("gold") as journal:
        assert write_auto_gold(journal, reviews) == []  # the bundled gold stays as it is
    seed_pair.journal_path("gold").unlink()
    with seed_pair.open_journal("gold") as journal:
        saved = write_auto_gold(journal, reviews)
        assert [a.doc_id for a in saved] == [r.doc_id for r in reviews]
    lines = read_gold(seed_pair)
    assert [(d["status"], len(d["quotes"])) for d in lines] == [("in_progress", 9), ("done", 12)]
    docs = seed_pair.document_map()
    for d in lines:
        from corpus_tui.core.model import DocAnnotation

        ann = DocAnnotation.from_dict(d)
        assert validation_errors(ann, docs[ann.doc_id], LABELS) == []


def test_write_journal_round_trip_for_three_annotators(tiny):
    write_journal(tiny, "alice", [annotation("alice")])
    write_journal(tiny, "bob", [annotation("bob", [{}, {"stance": "neutral"}, {}, {}])])
    write_journal(tiny, "carol", [annotation("carol")])
    (review,), _ = find_reviews(tiny)
    assert review.annotators == ("alice", "bob", "carol")
    (dispute,) = review.disputes
    assert list(dispute.versions) == ["alice", "bob", "carol"]
    gold = take_version(auto_gold(review), dispute, "carol")
    assert decision(review, gold, dispute).taken == ("alice", "carol")  # alice's equals carol's


def test_taking_none_keeps_a_speaker_mention_every_annotator_marked(tiny):
    # alice and bob both mark Kirby (same span, same entity) and quote him; they differ on
    # the stance. Taking a version and then none removes the quote, never the agreed mention.
    review = review_of(tiny, [annotation("alice"), annotation("bob", [{"stance": "neutral"}, {}, {}, {}])])
    (dispute,) = review.disputes
    kirby = (*span(TEXT, "Kirby"), "John Kirby")
    gold = take_version(auto_gold(review), dispute, "alice")
    gold = take_version(gold, dispute, None)
    assert kirby in {(m.start, m.end, m.entity) for m in gold.mentions}
    assert [TEXT[q.start : q.end] for q in gold.quotes] == ["We will act,", "talks went well", "No comment,"]
    assert validation_errors(gold, document(tiny), LABELS) == []


def test_taking_none_drops_a_mention_only_the_removed_version_brought(tiny):
    # bob names the speaker of the first quote differently: that mention is bob's alone and
    # goes when his version is replaced by none; alice's (agreed by nobody) never came in
    bob = annotation("bob", [{"entity": "Kirby the spokesman"}, {}, {}, {}])
    review = review_of(tiny, [annotation("alice"), bob])
    (dispute,) = review.disputes
    gold = take_version(take_version(auto_gold(review), dispute, "bob"), dispute, None)
    assert {m.entity for m in gold.mentions} == {"Vladimir Putin", "Kim Jong Un", "Joe Biden"}


def test_a_decision_is_read_from_gold_itself(tiny):
    from msgspec.structs import replace

    from corpus_tui.core.editing import set_stance
    from corpus_tui.review.adjudication import undecided

    alice = replace(annotation("alice"), doc_stance=DocStance("against", "cooperation"))
    bob = replace(
        annotation("bob", [{"stance": "neutral"}, {"part": "We will act"}, {}, {"skip": True}]),
        doc_stance=DocStance("neutral", "cooperation"),
    )
    review = review_of(tiny, [alice, bob])
    stance_dispute, span_dispute, missing_dispute = review.disputes
    gold = auto_gold(review)
    assert len(undecided(review, gold)) == 4 and not decision(review, gold, stance_dispute).decided
    # taken: gold holds bob's version
    gold = take_version(gold, stance_dispute, "bob")
    assert decision(review, gold, stance_dispute).taken == ("bob",)
    # edited: the reviewer changed the taken quote into something nobody offered
    edited = next(q for q in gold.quotes if q.start == stance_dispute.start)
    gold = set_stance(gold, edited.id, "favor")
    assert decision(review, gold, stance_dispute).taken == ()
    assert decision(review, gold, stance_dispute).edited and decision(review, gold, stance_dispute).decided
    # none: gold records the versions it turned down, so the decision survives a reload
    gold = take_version(gold, missing_dispute, None)
    reloaded = type(gold).from_dict(gold.to_dict())
    assert decision(review, reloaded, missing_dispute).left_out
    assert decision(review, reloaded, missing_dispute).decided
    assert {(r.type, r.start, r.end) for r in reloaded.rejected} == {
        ("quote", missing_dispute.start, missing_dispute.end)
    }
    # taking a version after all forgets the rejection
    gold = take_version(gold, missing_dispute, "alice")
    assert gold.rejected == () and decision(review, gold, missing_dispute).taken == ("alice",)
    # the document stance: none is recorded too, and a version replaces it
    assert [type(d).__name__ for d in undecided(review, gold)] == ["Dispute", "DocStanceDispute"]
    gold = take_doc_stance(gold, review.doc_stance_dispute, None)
    assert gold.doc_stance is None and decision(review, gold, review.doc_stance_dispute).left_out
    assert validation_errors(gold, document(tiny), LABELS) == []
    gold = take_doc_stance(gold, review.doc_stance_dispute, "alice")
    assert decision(review, gold, review.doc_stance_dispute).taken == ("alice",) and gold.rejected == ()
    assert undecided(review, gold) == [span_dispute]


def test_a_quote_of_another_choice_that_merely_overlaps_decides_nothing(tiny):
    alice = annotation("alice", [{}, {"skip": True}, {"skip": True}, {"skip": True}])
    bob = annotation("bob", [{"part": "Kirby said that Russia"}, {"skip": True}, {"skip": True}, {"skip": True}])
    review = review_of(tiny, [alice, bob])
    gold = take_version(auto_gold(review), review.disputes[0], "bob")
    assert decision(review, gold, review.disputes[0]).decided
    # bob's quote overlaps alice's by one token of four: not an answer to her dispute
    assert not decision(review, gold, review.disputes[1]).decided
