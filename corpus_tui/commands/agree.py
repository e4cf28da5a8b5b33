"""``corpus-tui agree``: inter-annotator agreement per pair and overall."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from corpus_tui.commands.output import json_text, warn


def agree(project_dir: Path, annotators: Sequence[str] | None = None, *, as_json: bool = False) -> int:
    """``annotators`` None: every journal but gold."""
    from corpus_tui.core.project import Project
    from corpus_tui.review.agreement import compute_agreement

    project = Project.load(project_dir)
    report = compute_agreement(project, list(annotators) if annotators is not None else None)
    warn(report.warnings)
    if as_json:
        print(json_text(report.to_dict()))
    else:
        print(report.format_table())
    return 0
