"""``corpus-tui export OUT``: the dataset in the hub's layout (or JSONL, spaCy, Prodigy)."""

from __future__ import annotations

from pathlib import Path

from corpus_tui.export.options import ExportOptions


def export(project_dir: Path, out: Path, options: ExportOptions) -> int:
    from corpus_tui.commands.progress import progress
    from corpus_tui.core.project import Project
    from corpus_tui.export.dataset import export_dataset

    project = Project.load(project_dir)
    print(export_dataset(project, out, options, progress))
    return 0
