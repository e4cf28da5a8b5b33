"""The commands that look after the project itself: ``init``, ``import``, ``stats``, ``validate``, ``compact``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from corpus_tui.commands.output import PROG, json_text, warn
from corpus_tui.core.errors import CorpusError


def init(directory: Path, name: str | None = None) -> int:
    from corpus_tui.core.project import init_project

    project = init_project(directory, name)
    print(f"Created project {project.config.name!r} in {project.root}.")
    print("Next: corpus-tui import FILE... --project DIR, then corpus-tui --project DIR")
    return 0


def import_files(project_dir: Path, files: Sequence[Path], annotator: str | None = None) -> int:
    from corpus_tui.core.project import Project
    from corpus_tui.ingest.importers import import_any

    print(import_any(Project.load(project_dir), files, annotator))
    return 0


def stats(project_dir: Path, *, as_json: bool = False) -> int:
    from corpus_tui.core.project import Project
    from corpus_tui.review.stats import compute_stats, format_stats

    figures = compute_stats(Project.load(project_dir))
    warn(figures.pop("warnings", []))
    print(json_text(figures) if as_json else format_stats(figures))
    return 0


def validate(project_dir: Path, strict: bool = False) -> int:
    from corpus_tui.core.project import Project
    from corpus_tui.review.validate import validate_project

    report = validate_project(Project.load(project_dir), strict=strict)
    warn(report.warnings)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems:
        print(f"{PROG}: {len(report.problems)} problem(s) in {report.checked} annotation(s).", file=sys.stderr)
        return 1
    print(f"OK: {report.checked} annotation(s) in {report.journals} journal(s) are valid.")
    return 0


def compact(project_dir: Path, annotator: str | None = None) -> int:
    """Compact one annotator's journal, or every journal."""
    from corpus_tui.core.project import Project

    project = Project.load(project_dir)
    names = [annotator] if annotator else project.annotators()
    if annotator and not project.journal_path(annotator).exists():
        raise CorpusError(f"Annotator {annotator!r} has no journal in {project.annotations_dir}.")
    if not names:
        print("No journals to compact.")
    for name in names:
        with project.open_journal(name) as journal:
            warn(journal.warnings)
            removed = journal.compact()
            print(f"{journal.path.name}: {removed} superseded line(s) removed, {journal.lines} kept.")
    return 0
