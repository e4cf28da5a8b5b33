"""Fixtures of the fault-injection suite: small real projects on disk whose journals hold a
quote at the very start of each article, so the stance keys (1, 2, 3) edit it at once."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from corpus_tui.core.model import DocAnnotation, Quote, text_sha256
from corpus_tui.core.project import Project
from corpus_tui.tui.app import CorpusTuiApp
from corpus_tui.tui.screens.annotate import AnnotateScreen

#: the stance labels of the project, in key order (1, 2, 3)
LABELS = ("favor", "against", "neutral")
#: articles without any label word, so a label on screen is the quote panel's
TEXTS = {
    "alpha": '"We will sign the deal," the minister said on Monday. Officials agreed with her.',
    "beta": '"Talks went well," the envoy told reporters. Nobody else spoke about it.',
}
QUOTE_END = {doc_id: text.index(",") + 1 for doc_id, text in TEXTS.items()}
ANNOTATOR = "tester"


def quote_annotation(doc_id: str, stance: str | None = None, rev: int = 1, annotator: str = ANNOTATOR) -> DocAnnotation:
    """The document's one quote (its first sentence's quotation), with ``stance``."""
    text = TEXTS[doc_id]
    quote = Quote("q1", 1, QUOTE_END[doc_id], "direct", stance=stance)
    return DocAnnotation(doc_id, text_sha256(text), annotator, rev=rev, status="in_progress", quotes=(quote,))


def write_lines(path: Path, annotations: list[DocAnnotation]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        for ann in annotations:
            out.write(json.dumps(ann.to_dict(), ensure_ascii=False) + "\n")


def build_project(root: Path, journal: bool = True) -> Project:
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    with (root / "corpus" / "docs.jsonl").open("w", encoding="utf-8") as out:
        for doc_id, text in TEXTS.items():
            out.write(json.dumps({"id": doc_id, "text": text, "meta": {}}) + "\n")
    (root / "corpus-tui.toml").write_text(
        '[project]\nname = "reliability"\ndocuments = ["corpus/*.jsonl"]\nannotations = "annotations"\n'
        f"[labels]\nstance = {json.dumps(list(LABELS))}\n",
        encoding="utf-8",
    )
    project = Project.load(root)
    if journal:
        write_lines(project.journal_path(ANNOTATOR), [quote_annotation(d) for d in TEXTS])
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Two articles, each annotated by ``tester`` with one quote without a stance."""
    return build_project(tmp_path / "project")


@asynccontextmanager
async def annotating(project: Project, annotator: str = ANNOTATOR) -> AsyncIterator[tuple[CorpusTuiApp, Pilot]]:
    """The annotation app in this process (Pilot), its journal locked as ``run_tui`` does,
    with the first document open."""
    journal = project.open_journal(annotator)
    app = CorpusTuiApp(project, journal, warnings=journal.warnings)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, AnnotateScreen)
            yield app, pilot
    finally:
        journal.close()
