"""The pure editing helpers the TUI's keys call (no Textual here); core.text has its own tests."""

from __future__ import annotations

import pytest

from corpus_tui.core import editing
from corpus_tui.core.editing import EditError, History
from corpus_tui.core.model import DocAnnotation, Document, Mention, Quote, Rejected, validation_errors

TEXT = 'Kirby said: "We are concerned." Later he added “more talks” and left.\nNew paragraph "open quote'


def _ann() -> DocAnnotation:
    return DocAnnotation.empty(Document("d", TEXT), "tester")


def test_quote_near_stays_in_the_paragraph() -> None:
    ann, quote = editing.add_quote(_ann(), TEXT, TEXT.index("We are"), TEXT.index('." Later') + 1)
    assert editing.quote_near(ann, TEXT, TEXT.index("concerned")) == quote
    assert editing.quote_near(ann, TEXT, TEXT.index("Later")) == quote  # after it, same paragraph
    assert editing.quote_near(ann, TEXT, TEXT.index("New paragraph")) is None


def test_discard_stale_keeps_what_has_no_offsets() -> None:
    ann = DocAnnotation(
        "d", "old-sha", "tester", rev=4, status="in_progress", quotes=(Quote("q1", 0, 5),), note="check"
    )
    ann = editing.set_doc_stance(ann, "against", "the deal")
    fresh = editing.discard_stale(ann, "new-sha")
    assert fresh.text_sha256 == "new-sha" and fresh.quotes == () and fresh.mentions == ()
    assert fresh.doc_stance == ann.doc_stance and fresh.note == "check" and fresh.status == "in_progress"


def test_history_undo_redo_through_the_helpers() -> None:
    history = History(_ann())
    ann, _ = editing.add_quote(history.current, TEXT, TEXT.index("We are"), TEXT.index('." Later') + 1)
    history.apply(ann)
    history.apply(editing.set_stance(history.current, "q1", "favor", "the deal"))
    assert history.undo().quotes[0].stance is None
    assert history.redo().quotes[0].target == "the deal"
    with pytest.raises(EditError):
        history.redo()


def _quoted(text: str, *parts: str) -> DocAnnotation:
    """An annotation of ``text`` with a quote on each of ``parts``."""
    quotes = []
    for i, part in enumerate(parts, 1):
        start = text.index(part)
        quotes.append(Quote(f"q{i}", start, start + len(part), "direct"))
    return DocAnnotation("d", "x", "tester", quotes=tuple(quotes))


def _cue_owner(text: str, ann: DocAnnotation, verb: str, nth: int = 0) -> str | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(verb, start + 1)
    quote = editing.quote_for_cue(ann, text, start, start + len(verb))
    return quote.id if quote is not None else None


@pytest.mark.parametrize(
    ("text", "parts", "verb", "nth", "owner"),
    [
        # a cue after a quote attributes the quote just before it, not the next one
        (
            '"What is going on is what Mr. Putin is seeking," he said. "I have said so before."',
            ("What is going on is what Mr. Putin is seeking,", "I have said so before."),
            "said",
            0,
            "q1",
        ),
        # ... even when the next quote is nearer
        (
            '"We expected that," Kirby said. "Now it is here."',
            ("We expected that,", "Now it is here."),
            "said",
            0,
            "q1",
        ),
        # a cue that introduces the next quote ("said that", "adding that", "saying,") is its cue
        (
            "Kim said they wanted closer ties, adding that he always supported Putin.",
            ("they wanted closer ties", "he always supported Putin"),
            "adding",
            0,
            "q2",
        ),
        (
            "Kim said they wanted closer ties, adding that he always supported Putin.",
            ("they wanted closer ties", "he always supported Putin"),
            "said",
            0,
            "q1",
        ),
        (
            'He warned of consequences. "We act," he said, saying, "If they decide, we deal with it."',
            ("We act,", "If they decide, we deal with it."),
            "saying",
            0,
            "q2",
        ),
        # content before its attribution, then a second quote of the same speaker
        (
            "The US is concerned about it, an official said Wednesday, adding the US will act.",
            ("The US is concerned about it", "the US will act"),
            "said",
            0,
            "q1",
        ),
        (
            "The US is concerned about it, an official said Wednesday, adding the US will act.",
            ("The US is concerned about it", "the US will act"),
            "adding",
            0,
            "q2",
        ),
        # a new sentence that introduces its quote does not reach back to the last one
        (
            '"We are concerned," Kirby told reporters.\nKirby also said that Russia is a threat.',
            ("We are concerned,", "Russia is a threat"),
            "said",
            0,
            "q2",
        ),
        (
            '"We are concerned," Kirby told reporters. Later Kirby told them that Russia is a threat.',
            ("We are concerned,", "Russia is a threat"),
            "told",
            1,
            "q2",
        ),
        # an abbreviation does not end the sentence: "Mr. Smith said" attributes the quote before
        (
            '"We act," Mr. Smith said, and the minister warned that the talks failed.',
            ("We act,", "the talks failed"),
            "said",
            0,
            "q1",
        ),
        # a parenthetical attribution inside an indirect quote belongs to that quote
        (
            "The United States, Antonov said, had built a coalition.",
            ("The United States, Antonov said, had built a coalition",),
            "said",
            0,
            "q1",
        ),
    ],
)
def test_a_cue_belongs_to_the_quote_it_attributes(text, parts, verb, nth, owner) -> None:
    assert _cue_owner(text, _quoted(text, *parts), verb, nth) == owner


def test_every_gold_cue_is_given_back_to_its_own_quote() -> None:
    from pathlib import Path

    from corpus_tui.core.project import GOLD, Project

    project = Project.load(Path(__file__).resolve().parents[2])
    documents = project.document_map()
    wrong = []
    for doc_id, ann in project.read_annotations(GOLD).items():
        text = documents[doc_id].text
        for q in ann.quotes:
            owner = editing.quote_for_cue(ann, text, *q.cue)
            if owner is None or owner.cue != q.cue:  # quotes sharing a cue may take either
                wrong.append((doc_id, q.id, text[q.cue[0] : q.cue[1]], owner and owner.id))
    assert wrong == []


def test_the_quote_keys_beside_a_quote_act_on_the_one_they_attribute() -> None:
    text = '"We act," he said. "Next."\n"Other paragraph."'
    ann = _quoted(text, "We act,", "Next.", "Other paragraph.")
    assert editing.quote_near(ann, text, text.index("said")).id == "q1"
    assert editing.quote_near(ann, text, text.index(". ")).id == "q1"  # the full stop of "he said."
    assert editing.quote_near(ann, text, text.index("\n") - 1).id == "q2"  # its closing mark
    # a line break ends the search: the next paragraph's quote is not this one's
    two = 'He said nothing.\n"Other paragraph."'
    assert editing.quote_near(_quoted(two, "Other paragraph."), two, two.index("nothing")) is None


def test_reanchor_keeps_spans_that_fit_and_drops_the_rest() -> None:
    text = "Kirby said talks go on."
    ann = DocAnnotation(
        "d",
        "old-sha",
        "a",
        mentions=(Mention("m1", 0, 5, "John Kirby"), Mention("m2", 30, 33, "He")),
        quotes=(
            Quote("q1", 11, 16, "indirect", source="m1", cue=(6, 10)),
            Quote("q2", 24, 29, "indirect", source="m1", cue=(6, 10)),
            Quote("q3", 17, 22, "indirect", source="m2", cue=(35, 39)),
        ),
        rejected=(Rejected("quote", 1, 4), Rejected("quote", 40, 44)),
    )
    new, dropped = editing.reanchor(ann, text, "new-sha")
    assert new.text_sha256 == "new-sha" and dropped == 2  # q2 and m2 lie past the end
    assert [q.id for q in new.quotes] == ["q1", "q3"]
    assert new.quote("q3").source is None and new.quote("q3").cue is None  # links into dropped text go
    assert new.quote("q1") == ann.quote("q1")
    assert new.rejected == (Rejected("quote", 1, 4),)


def test_a_quote_may_be_marked_inside_another_but_not_across_one() -> None:
    """Nested attributions: "Ames said that Brook claimed the vote was rigged"."""
    text = "Ames said that Brook claimed the vote was rigged, and left."
    outer_span = (text.index("Brook"), text.index(", and"))
    inner_span = (text.index("the vote"), text.index(", and"))
    ann, outer = editing.add_quote(DocAnnotation("d", "x", "a"), text, *outer_span)
    ann, inner = editing.add_quote(ann, text, *inner_span)
    assert validation_errors(ann) == []
    assert editing.quote_at(ann, text.index("vote")) == inner  # the innermost under the cursor
    assert editing.quote_at(ann, text.index("claimed")) == outer
    with pytest.raises(EditError, match=f"overlaps quote {outer.id} in part"):
        editing.add_quote(ann, text, text.index("Ames"), text.index("claimed"))
    with pytest.raises(EditError, match=f"is quote {inner.id} already"):
        editing.add_quote(ann, text, *inner_span)
