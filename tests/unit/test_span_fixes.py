"""Fixing a suggestion without starting over: edges by a token, a longer speaker over a
shorter one, a cue from the word under the cursor, ``mixed`` for a partial quotation."""

from __future__ import annotations

import pytest

from corpus_tui.core import editing
from corpus_tui.core.editing import Edge, EditError, History
from corpus_tui.core.model import DocAnnotation, Mention, Quote, Rejected

TEXT = (
    "A spokeswoman for the Eastgate Merchants Association said on Friday that the new parking "
    "rules would hurt small shops, and she added that owners were not consulted."
)


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def suggested() -> DocAnnotation:
    """What the suggester made: a speaker one word short, a quote one word too long."""
    return DocAnnotation(
        "d",
        "x",
        "alice",
        mentions=(
            Mention("m1", *at("spokeswoman"), "Eastgate Merchants Association", "suggested"),
            Mention("m2", *at("she"), "Eastgate Merchants Association", "suggested"),
        ),
        quotes=(
            Quote("q1", *at("on Friday that the new parking rules would hurt small shops"), "indirect", "m1",
                  at("said"), "against", "parking rules", "suggested"),
            Quote("q2", *at("owners were not consulted"), "indirect", "m2", at("added"), origin="suggested"),
        ),
    )  # fmt: skip


def test_moving_an_edge_keeps_id_kind_links_cue_and_stance_and_is_undoable() -> None:
    history = History(suggested())
    inside = TEXT.index("Friday")
    ann, moved = editing.move_edge(history.current, TEXT, inside, Edge.START, +1)
    ann, moved = editing.move_edge(ann, TEXT, moved[0], Edge.START, +1)
    ann, moved = editing.move_edge(ann, TEXT, moved[0], Edge.START, +1)  # past "on", "Friday", "that"
    history.apply(ann)
    q1 = ann.quote("q1")
    assert TEXT[q1.start : q1.end] == "the new parking rules would hurt small shops" and moved == (q1.start, q1.end)
    assert (q1.kind, q1.source, q1.cue, q1.stance, q1.target) == (
        "indirect",
        "m1",
        at("said"),
        "against",
        "parking rules",
    )
    assert q1.origin == "accepted" and ann.mention("m1").origin == "accepted"  # fixing it accepts it
    assert history.undo().quote("q1") == suggested().quote("q1")


def test_moving_the_end_and_moving_back() -> None:
    ann, (start, end) = editing.move_edge(suggested(), TEXT, TEXT.index("consulted"), Edge.END, -1)
    assert TEXT[start:end] == "owners were not"
    ann, (start, end) = editing.move_edge(ann, TEXT, start, Edge.END, +1)
    assert TEXT[start:end] == "owners were not consulted"


def test_a_speaker_and_a_cue_move_too() -> None:
    ann, span = editing.move_edge(suggested(), TEXT, TEXT.index("spokeswoman"), Edge.END, +1)
    assert TEXT[slice(*span)] == "spokeswoman for" and ann.mention("m1").end == span[1]
    ann, span = editing.move_edge(ann, TEXT, TEXT.index("said"), Edge.END, +1)
    assert TEXT[slice(*span)] == "said on" and ann.quote("q1").cue == span


def test_an_edge_that_would_empty_the_span_or_overlap_another_quote_is_refused() -> None:
    ann = suggested()
    with pytest.raises(EditError, match="empty"):
        editing.move_edge(ann, TEXT, TEXT.index("said"), Edge.END, -1)
    near = DocAnnotation("d", "x", "a", quotes=(Quote("q1", 0, 5), Quote("q2", 6, 8)))
    with pytest.raises(EditError, match="overlaps quote q1 in part"):
        editing.move_edge(near, "ab cd ef", 7, Edge.START, -1)  # "cd ef" would cross "ab cd"
    grown, span = editing.move_edge(near, "ab cd ef", 4, Edge.END, +1)  # "ab cd ef" around "ef": nesting
    assert span == (0, 8) and grown.quote("q2") == near.quote("q2")
    with pytest.raises(EditError, match="no word further left"):
        editing.move_edge(DocAnnotation("d", "x", "a", quotes=(Quote("q1", 0, 5),)), "abcde", 0, Edge.START, -1)
    with pytest.raises(EditError, match="no quote, speaker or cue"):
        editing.move_edge(ann, TEXT, 0, Edge.START, -1)


def test_a_longer_speaker_over_a_mention_replaces_it_and_takes_its_links() -> None:
    start, end = at("spokeswoman for the Eastgate Merchants Association")
    assert editing.speaker_prefill(suggested(), TEXT, start, end) == "Eastgate Merchants Association"
    ann, mention = editing.add_mention(suggested(), TEXT, start, end, "Eastgate Merchants Association")
    assert [m.id for m in ann.mentions] == [mention.id, "m2"]  # no second, overlapping speaker
    assert ann.quote("q1").source == mention.id
    assert Rejected("mention", *at("spokeswoman")) in ann.rejected  # suggest will not offer it again
    with pytest.raises(EditError, match="already speaker mention"):
        editing.add_mention(ann, TEXT, start, end, "X")


def test_c_without_a_selection_takes_the_word_under_the_cursor() -> None:
    assert editing.cue_span_at(TEXT, TEXT.index("added") + 3) == at("added")
    with pytest.raises(EditError, match="speech verb"):
        editing.cue_span_at(TEXT, TEXT.index(", and"))


@pytest.mark.parametrize(
    ("text", "selected", "kind"),
    [
        ('He called it "a disaster" for the town.', 'it "a disaster" for the town', "mixed"),
        ('He said it would be a "significant concern."', 'it would be a "significant concern."', "mixed"),
        ('He said: "We will win."', '"We will win."', "direct"),
        ('He said: "We will win."', "We will win.", "direct"),
        ("He said Korea's rules would change.", "Korea's rules would change", "indirect"),
    ],
)
def test_q_makes_a_partial_quotation_mixed(text: str, selected: str, kind: str) -> None:
    start = text.index(selected)
    _, quote = editing.add_quote(DocAnnotation("d", "x", "a"), text, start, start + len(selected))
    assert quote.kind == kind
