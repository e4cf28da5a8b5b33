"""Shared suggestions: the suggester's journal appears in every human annotator's view."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.core import editing
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Mention, Quote, Rejected, validation_errors
from corpus_tui.core.project import Project, init_project, parse_config
from corpus_tui.core.review_queue import review_queue

TEXT = (
    'Mayor Ana Reyes said the bridge would reopen in June. "We are on schedule," she added.\n'
    "Critics said the repairs cost too much."
)
DOC = Document("bridge", TEXT)


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def bot() -> DocAnnotation:
    return DocAnnotation(
        DOC.id,
        DOC.text_sha256,
        "bot",
        mentions=(
            Mention("m1", *at("Ana Reyes"), "Ana Reyes", "suggested"),
            Mention("m2", *at("she"), "Ana Reyes", "suggested"),
            Mention("m3", *at("Critics"), "Critics", "suggested"),
        ),
        quotes=(
            Quote("q1", *at("the bridge would reopen in June"), "indirect", "m1", at("said"), origin="suggested"),
            Quote("q2", *at("We are on schedule,"), "direct", "m2", at("added"), "favor", "the bridge", "suggested"),
            Quote("q3", *at("the repairs cost too much"), "indirect", "m3", origin="suggested"),
        ),
    )


def test_a_fresh_annotator_sees_every_suggestion_and_the_view_is_valid() -> None:
    own = DocAnnotation.empty(DOC, "alice")
    view = editing.overlay(own, bot())
    assert [(q.start, q.end, q.origin) for q in view.quotes] == [(q.start, q.end, "suggested") for q in bot().quotes]
    assert view.annotator == "alice" and view.status == "todo"
    assert view.quote("q2").stance == "favor"  # a suggested stance comes along
    assert validation_errors(view, DOC) == []
    assert editing.overlay(view, bot()) == view  # idempotent: saved and re-opened, nothing doubles


def test_own_work_and_rejections_win_and_ids_never_collide() -> None:
    own = DocAnnotation(
        DOC.id,
        DOC.text_sha256,
        "alice",
        status="in_progress",
        mentions=(Mention("m1", *at("Mayor Ana Reyes"), "Ana Reyes"),),
        quotes=(Quote("q1", *at("We are on schedule"), "direct"),),  # overlaps bot's q2
        rejected=(Rejected("quote", *at("the repairs cost too much")),),
    )
    view = editing.overlay(own, bot())
    assert [q.id for q in view.quotes] == ["q2", "q1"]  # bot's q1 renumbered after own's
    reopen = view.quote("q2")
    assert (reopen.start, reopen.end) == at("the bridge would reopen in June")
    assert reopen.source == "m1"  # own overlapping mention stands for the suggester's
    assert [m.id for m in view.mentions] == ["m1"]  # "she" came only with bot's q2, "Critics" with q3
    assert len({*(q.id for q in view.quotes), *(m.id for m in view.mentions)}) == 3


def test_accepting_from_the_view_copies_the_suggestion_as_accepted() -> None:
    view = editing.overlay(DocAnnotation.empty(DOC, "alice"), bot())
    ann = editing.accept_at(view, TEXT, TEXT.index("We are"))
    quote = next(q for q in ann.quotes if q.start == at("We are on schedule,")[0])
    assert quote.origin == "accepted" and ann.mention(quote.source).origin == "accepted"
    assert quote.cue == at("added")
    # the rest stay undecided suggestions in the queue
    assert sum(item.is_suggestion for item in review_queue(ann, TEXT)) == 2
    # a rejected one stays away on re-opening
    ann = editing.reject_at(ann, TEXT, TEXT.index("repairs"))
    assert editing.overlay(ann, bot()) == ann


def test_only_suggested_spans_of_a_current_text_appear() -> None:
    own = DocAnnotation.empty(DOC, "alice")
    human = DocAnnotation(DOC.id, DOC.text_sha256, "bob", quotes=(Quote("q1", *at("the bridge"), "indirect"),))
    assert editing.overlay(own, human) == own  # another person's work is never shown this way
    stale = DocAnnotation(DOC.id, "old-sha", "bot", quotes=bot().quotes, mentions=bot().mentions)
    assert editing.overlay(own, stale) == own
    assert editing.overlay(own, None) == own


def test_the_suggester_annotator_is_configurable(tmp_path: Path) -> None:
    base = '[project]\nname = "n"\ndocuments = ["*.txt"]\n'
    assert parse_config(base).suggest_annotator == "bot"
    assert parse_config(base + '[suggest]\nannotator = "spacy-rules"\n').suggest_annotator == "spacy-rules"
    with pytest.raises(CorpusError, match=r"suggest\.annotator"):
        parse_config(base + '[suggest]\nannotator = "../x"\n')
    project = init_project(tmp_path / "p")
    assert Project.load(project.root).config.suggest_annotator == "bot"
