"""Case 3: the journal replaced under a running app (``git pull``, ``git checkout``, a sync
tool's ``cp`` + ``mv``). Later edits land in the new file, what the new file brought stays,
what it lacks of ours is saved on top, and the annotator is told."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from corpus_tui.core.journal_reader import read_journal
from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.project import Project

from .conftest import ANNOTATOR, annotating, quote_annotation, write_lines


def pulled_version(project: Project, tmp_path: Path) -> Path:
    """The journal as another clone wrote it (before this app's edits): beta got a stance
    there (revision 2), and a document this clone never saw was annotated."""
    other = tmp_path / "pulled.jsonl"
    shutil.copy(project.journal_path(ANNOTATOR), other)
    gamma = DocAnnotation("gamma", "0" * 64, ANNOTATOR, rev=1, status="done")
    write_lines(other, [quote_annotation("beta", "against", rev=2), gamma])
    return other


def warnings_shown(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


async def test_edits_after_a_replacement_land_in_the_new_file(project: Project, tmp_path: Path) -> None:
    journal = project.journal_path(ANNOTATOR)
    pulled = pulled_version(project, tmp_path)
    async with annotating(project) as (app, pilot):
        await pilot.press("1")  # alpha: favor (revision 2, in the file about to be replaced)
        await pilot.pause()
        os.replace(pulled, journal)  # the pull: alpha is at revision 1 there
        await pilot.press("2")  # alpha: against
        await pilot.pause()
        notices = [w for w in warnings_shown(app) if "was replaced on disk" in w]
        assert len(notices) == 1 and "1 you edited" in notices[0]
        assert "saved" in app.screen.title_bar.shown and "NOT SAVED" not in app.screen.title_bar.shown
    latest = read_journal(journal).latest
    assert latest["alpha"].quotes[0].stance == "against"  # our edit, on top
    assert latest["beta"].quotes[0].stance == "against" and latest["beta"].rev == 2  # theirs stays
    assert "gamma" in latest
    assert read_journal(journal).conflicts == []


async def test_a_replacement_while_nobody_types_is_followed_and_said(project: Project, tmp_path: Path) -> None:
    """An older copy put back (``git checkout -- annotations/``) while the annotator reads:
    the check every 2 s follows it, and the edit the old copy lacks is saved on top."""
    journal = project.journal_path(ANNOTATOR)
    older = tmp_path / "older.jsonl"
    shutil.copy(journal, older)
    async with annotating(project) as (app, pilot):
        await pilot.press("3")  # alpha: neutral
        await pilot.pause()
        os.replace(older, journal)
        await pilot.pause(2.5)  # no key: the timer's check
        assert any("was replaced on disk" in w for w in warnings_shown(app))
        assert read_journal(journal).latest["alpha"].quotes[0].stance == "neutral"


async def test_a_replacement_just_before_quitting_loses_nothing(project: Project, tmp_path: Path) -> None:
    journal = project.journal_path(ANNOTATOR)
    older = tmp_path / "older.jsonl"
    shutil.copy(journal, older)
    async with annotating(project) as (_, pilot):
        await pilot.press("3")
        await pilot.pause()
        os.replace(older, journal)
        await pilot.press("ctrl+q")  # the last flush follows the new file
        await pilot.pause()
    assert read_journal(journal).latest["alpha"].quotes[0].stance == "neutral"
