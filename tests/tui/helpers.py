"""Shared helpers of the TUI tests: build small projects and run the real app under Pilot."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from pathlib import Path

from corpus_tui.core.journal_reader import read_journal
from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.project import Project
from corpus_tui.tui.app import CorpusTuiApp
from corpus_tui.tui.screens.annotate import AnnotateScreen

CONFIG = """[project]
name = "{name}"
documents = ["corpus/*.txt", "corpus/*.jsonl"]
annotations = "annotations"

[labels]
stance = ["favor", "against", "neutral"]
targets = ["the deal"]
{extra}
"""


def make_project(root: Path, documents: dict[str, str], *, name: str = "tiny", extra: str = "") -> Project:
    """A project whose documents are given as {id: text}; texts with newlines other than
    ``\\n`` or any character go through JSONL so they arrive byte for byte."""
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    with (root / "corpus" / "docs.jsonl").open("w", encoding="utf-8") as out:
        for doc_id, text in documents.items():
            out.write(json.dumps({"id": doc_id, "text": text, "meta": {}}) + "\n")
    (root / "corpus-tui.toml").write_text(CONFIG.format(name=name, extra=extra), encoding="utf-8")
    return Project.load(root)


def write_journal(project: Project, annotator: str, annotations: list[DocAnnotation]) -> None:
    path = project.journal_path(annotator)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        for ann in annotations:
            out.write(json.dumps(ann.to_dict()) + "\n")


def latest(project: Project, annotator: str) -> dict[str, DocAnnotation]:
    return read_journal(project.journal_path(annotator)).latest


@asynccontextmanager
async def running(project: Project, annotator: str = "tester", size: tuple[int, int] = (120, 36)):
    """The real app on ``project`` (journal locked as in ``run_tui``), closed afterwards."""
    journal = project.open_journal(annotator)
    app = CorpusTuiApp(project, journal, warnings=journal.warnings)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            yield app, pilot
            app.session.flush()
    finally:
        journal.close()


async def open_document(app: CorpusTuiApp, pilot, index: int = 0) -> AnnotateScreen:
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AnnotateScreen)
    return screen


async def search(pilot, text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    from textual.keys import _character_to_key

    for ch in text:
        await pilot.press(_character_to_key(ch))
    await pilot.press("enter")
    await pilot.pause()


def screen_text(app: CorpusTuiApp) -> str:
    """Everything on screen as plain text (what the annotator reads)."""
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=app.size.width, record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()
