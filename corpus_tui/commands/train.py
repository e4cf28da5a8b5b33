"""``corpus-tui train``: a spaCy pipeline from the project's gold, scored beside the rules."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus_tui.train.report import TrainReport

#: the held-out rows the command prints (the card has them all)
_SUMMARY: tuple[tuple[str, str, str], ...] = (
    ("quotes, exact", "exact", "all"),
    ("quotes, overlap", "overlap", "all"),
    ("  direct (overlap)", "overlap", "direct"),
    ("  indirect (overlap)", "overlap", "indirect"),
    ("  mixed (overlap)", "overlap", "mixed"),
    ("cues", "cue", "all"),
    ("speakers", "speaker", "all"),
    ("stances suggested", "stance", "all"),
)


def train(
    project_dir: Path,
    annotator: str | None = None,
    output: str | None = None,
    eval_split: float = 0.2,
    max_minutes: float | None = 30.0,
    seed: int = 0,
    n_process: int = 1,
) -> int:
    from corpus_tui.commands.progress import progress
    from corpus_tui.core.project import Project
    from corpus_tui.train.run import train_project
    from corpus_tui.train.settings import TrainSettings

    project = Project.load(project_dir)
    settings = TrainSettings(eval_split=eval_split, max_minutes=max_minutes, seed=seed, n_process=n_process)
    report = train_project(project, annotator, output, settings, track=progress)
    print(summary(report))
    sys.stdout.flush()
    return 0


def summary(report: TrainReport) -> str:
    """The held-out F1 of rules, model and both, and how to use the model."""
    held = report.held_out.to_dict()
    split = report.split
    lines = [
        f"Trained on {len(split.train)} document(s) of {split.annotator} (tuned on {len(split.validation)}) in "
        f"{report.loop.epochs} epoch(s), {report.loop.seconds:.0f} s; held-out F1 on {len(split.test)} document(s):",
        "",
        f"{'':<22}{'rules':>8}{'model':>8}{'both':>8}",
    ]
    for title, metric, kind in _SUMMARY:
        f1s = "".join(f"{held[source][metric][kind]['f1']:>8.3f}" for source in ("rules", "model", "both"))
        lines.append(f"{title:<22}{f1s}")
    added = report.info.quote_threshold
    adds = "never" if added is None else f"at p >= {added:.2f}"
    lines.append(f"quotes only the model finds: suggested {adds}")
    stance = held["stance"]
    if stance["quotes"]:
        when = "never suggested" if stance["threshold"] is None else f"suggested at p >= {stance['threshold']:.2f}"
        lines.append(f"stance on {stance['quotes']} gold quote(s): accuracy {stance['accuracy']:.3f}, {when}")
    lines += [
        "",
        f"Saved to {report.output_arg} (card: {report.output_arg}/README.md). Use it with:",
        f"  corpus-tui suggest --model {report.output_arg}",
        f"  corpus-tui evaluate --model {report.output_arg}",
        f'or model = "{report.output_arg}" under [suggest] in corpus-tui.toml.',
    ]
    return "\n".join(lines)
