"""The pure editing helpers the TUI's keys call (no Textual here)."""

from __future__ import annotations

import pytest

from corpus_tui import editing
from corpus_tui.editing import EditError, History
from corpus_tui.model import DocAnnotation, Document, Mention, Quote, Rejected

TEXT = 'Kirby said: "We are concerned." Later he added “more talks” and left.\nNew paragraph "open quote'


def _ann() -> DocAnnotation:
    return DocAnnotation.empty(Document("d", TEXT), "tester")


def test_enclosing_quotation_straight_curly_and_unclosed() -> None:
    inside = TEXT.index("concerned")
    start, end = editing.enclosing_quotation(TEXT, inside)
    assert TEXT[start:end] == "We are concerned."
    start, end = editing.enclosing_quotation(TEXT, TEXT.index("talks"))
    assert TEXT[start:end] == "more talks"
    # on the opening mark itself
    assert editing.enclosing_quotation(TEXT, TEXT.index('"We')) == (TEXT.index("We are"), TEXT.index('." Later') + 1)
    # outside any quotation
    assert editing.enclosing_quotation(TEXT, TEXT.index("Later")) is None
    # a quotation still open at the end of its paragraph runs to the paragraph's end
    start, end = editing.enclosing_quotation(TEXT, TEXT.index("open quote"))
    assert TEXT[start:end] == "open quote"


def test_find_text_is_case_insensitive_and_wraps() -> None:
    first = TEXT.index("Kirby")
    assert editing.find_text(TEXT, "kirby", 5) == (first, first + 5)  # wrapped around
    assert editing.find_text(TEXT, "TALKS", 0) == (TEXT.index("talks"), TEXT.index("talks") + 5)
    assert editing.find_text(TEXT, "absent", 0) is None
    assert editing.find_text(TEXT, "", 0) is None
    odd = "Straße und STRASSE"
    assert editing.find_text(odd, "straße", -1) == (0, 6)  # casefold would shift offsets; lower() does not


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
