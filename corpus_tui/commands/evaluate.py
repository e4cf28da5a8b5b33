"""``corpus-tui evaluate --gold NAME --pred NAME``: precision, recall and F1 of one journal against another."""

from __future__ import annotations

from pathlib import Path

from corpus_tui.commands.output import json_text, warn


def evaluate(project_dir: Path, gold: str, pred: str, *, as_json: bool = False) -> int:
    from corpus_tui.core.project import Project
    from corpus_tui.review.evaluation import evaluate_project, format_evaluation

    project = Project.load(project_dir)
    ev = evaluate_project(project, gold, pred)
    if ev.documents == 0:
        warn([f"{gold} and {pred} have no (non-stale) document in common."])
    if as_json:
        print(json_text({"gold": gold, "pred": pred, **ev.to_dict()}))
    else:
        print(format_evaluation(ev, gold, pred))
    return 0
