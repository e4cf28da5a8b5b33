"""The span styles come from CSS (component classes and theme variables), so a theme
recolours them, and the painted-line cache follows; a failed save is reported once, by
the app, and the title says NOT SAVED until a save succeeds."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment

from corpus_tui.core.model import DocAnnotation, Quote, text_sha256
from corpus_tui.tui.theme import HIGH_CONTRAST

from .helpers import latest, make_project, open_document, running, search, write_journal

TEXT = 'The minister said: "We will sign the deal." Officials agreed.'


def _quote_segment(view, quote: str) -> Segment:
    """The painted piece of the first line that shows ``quote``."""
    strip = view.render_line(0)
    (segment,) = [s for s in strip if quote in s.text]
    return segment


async def test_a_theme_recolours_the_spans_and_repaints_cached_lines(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"alpha": TEXT})
    start = TEXT.index("We will")
    quote = Quote("q1", start, start + len("We will sign the deal."), "direct")
    write_journal(project, "tester", [DocAnnotation("alpha", text_sha256(TEXT), "tester", rev=1, quotes=(quote,))])
    async with running(project) as (app, pilot):
        assert HIGH_CONTRAST.name in app.available_themes
        screen = await open_document(app, pilot)
        view = screen.view
        before = _quote_segment(view, "We will sign")
        assert before.style is not None and before.style.bgcolor is not None
        assert before.style.bgcolor.number == 4  # ANSI blue, as the 16-colour default says
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
        after = _quote_segment(view, "We will sign")
        assert after.style is not None and after.style.bgcolor is not None
        assert after.style.bgcolor.number == 15  # bright white behind black text
        assert after.style.color is not None and after.style.color.number == 0
        assert after.style.bold is not True  # the text styles stay what they were (none for a quote)


async def test_a_failed_save_is_reported_once_and_retried(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"alpha": TEXT})
    journal_path = project.journal_path("tester")
    async with running(project) as (app, pilot):
        screen = await open_document(app, pilot)
        journal_path.unlink()  # the open journal is replaced by a folder: nothing can be appended to it
        journal_path.mkdir()
        await search(pilot, "We will sign")
        await pilot.press("q")
        await pilot.pause(0.2)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].startswith(
            f"The edits of 1 document(s) (alpha) are not saved in {journal_path}"
        )
        assert screen.title_bar.shown.startswith(" NOT SAVED ")
        assert len(screen.ann.quotes) == 1  # the edit is kept in memory
        journal_path.rmdir()
        await pilot.press("t")  # the next change saves both
        await pilot.pause(0.2)
        assert "NOT SAVED" not in screen.title_bar.shown and "· saved ·" in screen.title_bar.shown
        shown = screen.ann
    (saved,) = latest(project, "tester").values()
    assert saved.quotes == shown.quotes and len(saved.quotes) == 1
