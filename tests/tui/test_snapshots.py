"""Snapshots of the Corpus, Annotate (every span type visible) and Help screens.

Deterministic: a fixed annotator, a fixture journal, no clock, no path on screen.
Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the
pictures before committing them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus_tui.core.model import DocAnnotation, Mention, Quote
from corpus_tui.core.project import Project
from corpus_tui.tui.app import CorpusTuiApp

from .helpers import write_journal

REPO = Path(__file__).resolve().parents[2]
SIZES = [(100, 30), (160, 45)]


def _fixture_journal(project: Project) -> None:
    """Every span type in the first seed article: a manual quote with speaker and cue, an
    accepted one, and a suggested quote with its suggested speaker."""
    document = project.documents()[0]
    text = document.text

    def span(needle: str, after: int = 0) -> tuple[int, int]:
        start = text.index(needle, after)
        return start, start + len(needle)

    q1 = span("In a similar fashion to the concern")[0], text.index('," US National') + 1
    kirby = span("John Kirby")
    told = span("told", kirby[1])
    kirby2 = span("Kirby", told[1])
    q2 = span("Russia providing support to North Korea's illegal nuclear and ballistic missile programs")
    said = span("said", kirby2[1])
    q3 = span("And if they decide to move forward")[0], text.index(',"', text.index("appropriately")) + 0
    kirby3 = span("Kirby", q3[1])
    added = span("added", kirby3[1])
    ann = DocAnnotation(
        document.id,
        document.text_sha256,
        "snap",
        rev=1,
        status="in_progress",
        mentions=(
            Mention("m1", *kirby, "John Kirby"),
            Mention("m2", *kirby2, "John Kirby", origin="accepted"),
            Mention("m3", *kirby3, "John Kirby", origin="suggested"),
        ),
        quotes=(
            Quote("q1", *q1, "direct", source="m1", cue=told, stance="against", target="Russia–North Korea defense"),
            Quote("q2", *q2, "indirect", source="m2", cue=said, origin="accepted"),
            Quote("q3", *q3, "direct", source="m3", cue=added, origin="suggested"),
        ),
    )
    write_journal(project, "snap", [ann])
    second = project.documents()[1]
    write_journal(project, "gold", [DocAnnotation(second.id, second.text_sha256, "gold", rev=1, status="done")])


@pytest.fixture
def snap_project(tmp_path: Path) -> Project:
    root = tmp_path / "p"
    root.mkdir()
    shutil.copy(REPO / "corpus-tui.toml", root / "corpus-tui.toml")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "annotations").mkdir()
    project = Project.load(root)
    _fixture_journal(project)
    return project


def _app(project: Project) -> CorpusTuiApp:
    journal = project.open_journal("snap")
    return CorpusTuiApp(project, journal)


def _compare(snap_compare, project: Project, size: tuple[int, int], run_before=None) -> bool:
    app = _app(project)
    try:
        return snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        app.session.journal.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_corpus_screen(snap_compare, snap_project: Project, size: tuple[int, int]) -> None:
    assert _compare(snap_compare, snap_project, size)


async def _open_and_select(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("slash", *"Pyongyang", "enter")  # a selection, too
    await pilot.press("shift+right", "shift+right")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_annotate_screen(snap_compare, snap_project: Project, size: tuple[int, int]) -> None:
    assert _compare(snap_compare, snap_project, size, run_before=_open_and_select)


async def _help(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("question_mark")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, snap_project: Project, size: tuple[int, int]) -> None:
    assert _compare(snap_compare, snap_project, size, run_before=_help)
