"""Case 2: a full disk. The save fails, NOT SAVED stays on screen, a timer retries without
a keystroke once there is room again, nothing is lost, and quitting with unsaved edits asks.

The full disk is a real one for the process: ``RLIMIT_FSIZE`` set to the journal's size in
the child (SIGXFSZ ignored, so an append fails with EFBIG as on a full disk), raised again
from outside with ``prlimit`` when "space is freed".
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Callable

from corpus_tui.core.journal_reader import read_journal
from corpus_tui.core.project import Project

from .conftest import ANNOTATOR, LABELS, TEXTS
from .terminal import NOT_SAVED, SAVED, Tui

HARD = resource.getrlimit(resource.RLIMIT_FSIZE)[1]


def full_disk_at(size: int) -> Callable[[], None]:
    """For ``preexec_fn``: files of this process cannot grow past ``size`` bytes."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, HARD))

    return limit


def set_space(tui: Tui, size: int | None) -> None:
    """Make the disk full at ``size`` bytes again, or free it (None)."""
    resource.prlimit(tui.proc.pid, resource.RLIMIT_FSIZE, (HARD if size is None else size, HARD))


def stances(project: Project) -> dict[str, str | None]:
    return {
        doc_id: ann.quotes[0].stance for doc_id, ann in read_journal(project.journal_path(ANNOTATOR)).latest.items()
    }


def edit(tui: Tui, key: str) -> None:
    """Set the stance of the open document's quote and wait for the frame showing it."""
    mark = tui.press(key)
    tui.wait_for(LABELS[int(key) - 1].encode(), after=mark)


def test_a_failed_save_is_retried_by_the_timer_and_quit_asks_first(project: Project) -> None:
    journal = project.journal_path(ANNOTATOR)
    full = journal.stat().st_size
    tui = Tui(project.root, ANNOTATOR, preexec=full_disk_at(full))
    try:
        tui.open_first_document()
        edit(tui, "2")  # alpha: against
        tui.wait_for(NOT_SAVED)
        tui.press("n")
        tui.wait_for(b"beta")
        edit(tui, "3")  # beta: neutral; both only in memory
        tui.settle()
        assert tui.save_state() == NOT_SAVED
        assert journal.stat().st_size == full  # the failed appends were cut off again
        assert stances(project) == {"alpha": None, "beta": None}

        mark = len(tui.output)
        set_space(tui, None)  # space is freed; nobody presses a key
        tui.wait_for(SAVED, after=mark, timeout=10)
        assert stances(project) == {"alpha": "against", "beta": "neutral"}

        # full again: ctrl+q is refused until a choice is made
        set_space(tui, journal.stat().st_size)
        mark = len(tui.output)
        edit(tui, "1")  # beta: favor, not saved
        tui.wait_for(NOT_SAVED, after=mark)
        mark = tui.press("ctrl+q")
        tui.wait_for(b"quitting now loses them", after=mark)
        tui.settle(0.5)
        assert tui.proc.poll() is None
        tui.press("escape")  # stay
        tui.settle(0.5)
        assert tui.proc.poll() is None
        mark = tui.press("ctrl+q")
        tui.wait_for(b"quitting now loses them", after=mark)
        set_space(tui, None)
        tui.press("r")  # retry: saved, so it quits
        assert tui.wait_exit() == 0
    finally:
        tui.close()
    assert stances(project) == {"alpha": "against", "beta": "favor"}
    assert b"Traceback" not in tui.output


def test_quitting_anyway_says_in_one_sentence_what_is_lost(project: Project) -> None:
    journal = project.journal_path(ANNOTATOR)
    before = journal.read_bytes()
    tui = Tui(project.root, ANNOTATOR, preexec=full_disk_at(len(before)))
    try:
        tui.open_first_document()
        edit(tui, "2")
        tui.wait_for(NOT_SAVED)
        mark = tui.press("ctrl+q")
        tui.wait_for(b"quitting now loses them", after=mark)
        tui.press("Q")
        status = tui.wait_exit()
    finally:
        tui.close()
    assert status == 1
    message = (
        f"corpus-tui: The edits of 1 document(s) (alpha) are not saved in {journal}: File too large; they are lost."
    )
    assert message.encode() in tui.output.replace(b"\r\n", b" ").replace(b"\n", b" ")
    assert b"Traceback" not in tui.output
    assert journal.read_bytes() == before  # the journal is intact: no partial line
    assert set(TEXTS) == set(read_journal(journal).latest)


async def test_the_adjudication_app_asks_too(project: Project) -> None:
    """The adjudicate app shares the saving of the annotation app: its gold journal made
    unwritable (a folder in its place), a take is NOT SAVED and ctrl+q asks."""
    from textual.widgets._header import HeaderTitle

    from corpus_tui.review.adjudication import find_reviews, write_auto_gold
    from corpus_tui.tui.adjudicate import AdjudicateApp
    from corpus_tui.tui.screens.unsaved import UnsavedQuitScreen

    from .conftest import quote_annotation, write_lines

    write_lines(project.journal_path("alice"), [quote_annotation("alpha", "favor", annotator="alice")])
    write_lines(project.journal_path("bob"), [quote_annotation("alpha", "neutral", annotator="bob")])
    reviews, _ = find_reviews(project, ["alice", "bob"])
    gold = project.journal_path("gold")
    with project.open_journal("gold") as journal:
        write_auto_gold(journal, reviews)
        app = AdjudicateApp(project, journal, reviews)
        async with app.run_test(size=(140, 45)) as pilot:
            gold.rename(gold.with_name("gold.moved"))
            gold.mkdir()  # nothing can be appended at the journal's path
            await pilot.press("1")  # take alice's stance
            await pilot.pause()
            assert app.session.unsaved == ["alpha"]
            assert str(app.screen.query_one(HeaderTitle).render()).startswith(" NOT SAVED ")  # the review's title
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, UnsavedQuitScreen) and app.is_running
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, UnsavedQuitScreen) and app.is_running
            await pilot.press("ctrl+q")
            await pilot.pause()
            gold.rmdir()  # room again; the journal is gone from its path: it is written back
            await pilot.press("r")
            await pilot.pause()
        assert app.return_value == 0
    assert read_journal(gold).latest["alpha"].quotes[0].stance == "favor"
