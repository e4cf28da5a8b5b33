"""The TUI on a project full of escape sequences, under Pilot: what is painted (the screen's
text, as the terminal would receive it) holds no raw control, C1 or bidi character and shows
each sequence visibly, in the quote panel, the pickers, the document list, the title, the
Stats and Agreement screens and the notifications; the layout around them stays intact."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Input
from tui.helpers import open_document, running

from corpus_tui.commands.output import safe_output
from corpus_tui.core.project import Project
from corpus_tui.review.agreement import compute_agreement
from corpus_tui.tui.app import CorpusTuiApp
from corpus_tui.tui.palette import show_stats
from corpus_tui.tui.safe_text import SafeTextApp, TerminalSafeFilter
from corpus_tui.tui.screens.agreement import AgreementScreen
from corpus_tui.tui.screens.pickers import PickerScreen, TextScreen
from corpus_tui.tui.widgets.document_list import DocumentList
from corpus_tui.tui.widgets.quote_panel import QuotePanel

from .hostile import (
    ENTITY,
    EVE,
    LABELS,
    OSC,
    PROJECT_NAME,
    QUOTE_ID,
    RLO,
    TARGET,
    make_hostile_project,
    raw_controls,
    shown,
)


def _painted(app: App) -> str:
    """The text of every Segment the screen sends to the driver (the terminal gets these
    with only Textual's own escape codes around them), after checking it holds no raw
    control character; line by line."""
    update = app.screen._compositor.render_update(full=True)
    text = "\n".join("".join(segment.text for strip in line for segment in strip) for line in update.strips)
    assert raw_controls(text.replace("\n", "")) == [], text
    return text


def _project(tmp_path: Path) -> Project:
    return make_hostile_project(tmp_path / "p")


async def test_title_and_quote_panel(tmp_path: Path) -> None:
    async with running(_project(tmp_path), annotator="alice", size=(140, 36)) as (app, pilot):
        assert f"alice · {shown(PROJECT_NAME)}" in _painted(app)  # the Corpus screen's header
        screen = await open_document(app, pilot)
        panel = screen.query_one(QuotePanel)
        lines = panel.plain_lines()
        assert raw_controls("".join(lines)) == []
        assert f"document: {shown(LABELS[1])} → {shown(TARGET)}" in lines
        assert any(f"[{shown(QUOTE_ID)}]" in line for line in lines)
        assert f"   ⟨{shown(ENTITY)}⟩ · {shown(LABELS[0])} → {shown(TARGET)}" in lines
        painted = _painted(app)
        assert shown(ENTITY) in painted and shown(TARGET) in painted
        width = panel.content_region.width
        assert all(panel.render_line(y).cell_length == width for y in range(len(lines)))


async def test_pickers(tmp_path: Path) -> None:
    async with running(_project(tmp_path), annotator="alice", size=(140, 36)) as (app, pilot):
        await open_document(app, pilot)
        await pilot.press("T")  # the target picker of the quote under the cursor
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert f"Target of quote {shown(QUOTE_ID)}" in _painted(app)
        assert shown(TARGET) in _painted(app)
        await pilot.press("escape", "D")  # the document's stance: the labels, with the target as hint
        await pilot.pause()
        painted = _painted(app)
        assert all(shown(label) in painted for label in LABELS)
        assert f"→ {shown(TARGET)}" in painted
        await pilot.press("escape", "o")  # the source: the mentions' entities
        await pilot.pause()
        assert shown(ENTITY) in _painted(app)


async def test_a_picker_prefilled_from_the_article(tmp_path: Path) -> None:
    """Textual's own Input shows the selection as typed: only the app's line filter cleans it."""
    async with running(_project(tmp_path), annotator="alice", size=(140, 36)) as (app, pilot):
        await open_document(app, pilot, 2)
        await pilot.press("right", "right", "right", "right", "right", "right", "right", "right", "right", "right")
        await pilot.press("quotation_mark", "s")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert OSC in app.screen.query_one(Input).value  # the value is the article's, unchanged
        painted = _painted(app)
        assert f"no{shown(OSC)} way" in painted


async def test_notifications_quote_labels_and_errors_visibly(tmp_path: Path) -> None:
    project = _project(tmp_path)
    journal = project.open_journal("alice")
    app = CorpusTuiApp(project, journal)
    try:
        async with app.run_test(size=(140, 36), notifications=True) as pilot:
            await open_document(app, pilot)
            await pilot.press("4")  # there are only three labels: the notice lists them
            await pilot.pause(0.2)
            painted = _painted(app)
            assert "There are only 3 stance labels:" in painted and shown(LABELS[0]) in painted
            # a journal file someone committed makes Stats fail: its error names the file
            (project.annotations_dir / f"{EVE}.jsonl").write_text("{}\n")
            show_stats(app)
            await pilot.pause(0.2)
            assert "PWNED" in _painted(app)
    finally:
        journal.close()


async def test_stats_screen(tmp_path: Path) -> None:
    async with running(_project(tmp_path), annotator="alice", size=(140, 40)) as (app, pilot):
        show_stats(app)
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        painted = _painted(app)
        assert f"Project {shown(PROJECT_NAME)}: 3 document(s)" in painted
        assert f"stances: {shown(LABELS[1])} 2, {shown(LABELS[0])} 2" in painted


async def test_agreement_screen(tmp_path: Path) -> None:
    """Names as a journal file could carry them (the report's names come from file names)."""
    project = _project(tmp_path)
    report = compute_agreement(project)
    pair = dataclasses.replace(report.pairs[0], annotators=(f"alice{OSC}", f"bob{RLO}"))
    report = dataclasses.replace(report, annotators=list(pair.annotators), pairs=[pair], stale={EVE: 1})
    async with running(project, annotator="alice", size=(140, 40)) as (app, pilot):
        app.push_screen(AgreementScreen(report))
        await pilot.pause()
        painted = _painted(app)
        assert f"Agreement between {shown(f'alice{OSC}, bob{RLO}')}" in painted
        assert f"{shown(f'alice{OSC}–bob{RLO}')}" in painted
        assert f"{shown(EVE)} 1" in painted


class _ListApp(App[None]):
    """The document list on its own (no app-wide filter): its rows must be safe by themselves."""

    def compose(self) -> ComposeResult:
        yield DocumentList(lambda index: (f"doc{index}{OSC}", "done", "2", "1", "✓"), id="documents")

    def on_mount(self) -> None:
        self.query_one(DocumentList).set_rows(range(3), 30)


async def test_document_list_rows() -> None:
    app = _ListApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        painted = _painted(app)
        assert all(f"doc{index}{shown(OSC)}" in painted for index in range(3))
        documents = app.query_one(DocumentList)
        assert documents.render_line(1).cell_length == documents.scrollable_content_region.width


class _Crashing(SafeTextApp):
    def on_mount(self) -> None:
        raise ValueError(f"bad label {OSC}")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_crash_report_is_plain_text_with_escapes_visible(monkeypatch) -> None:
    """A bug's traceback goes out through the CLI's safe stderr: no colour codes to mangle,
    and the exception's message shows its escape."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with safe_output():
        _Crashing().run(headless=True)
    report = terminal.getvalue()
    assert "Traceback" in report and "ValueError: bad label ␛]0;PWNED" in report  # (Rich drops the BEL)
    assert raw_controls(report.replace("\n", "")) == [] and "␛[" not in report


def test_the_line_filter_keeps_the_width_the_line_was_laid_out_for() -> None:
    """A control character measured as zero cells is painted as one: the line is cut back."""
    segments = [Segment("ab"), Segment(f"c{OSC}d"), Segment("ef")]
    width = Segment.get_line_length(segments)  # the escape counts as nothing
    painted = TerminalSafeFilter().apply(segments, Color(0, 0, 0))
    assert Segment.get_line_length(painted) == width
    assert "".join(s.text for s in painted) == "abc␛]0;PWNED␇d"  # "ef" made room for ␛ and ␇
    clean = [Segment("plain text")]
    assert TerminalSafeFilter().apply(clean, Color(0, 0, 0)) is clean  # the usual line costs a scan
