"""The model card: what a trained model learnt from, how well it did, and how to use it.

Written as ``README.md`` in the model folder (what a person opens) and, as numbers, into
``meta.json`` under ``corpus_tui`` (what ``suggest`` and ``evaluate`` read: the stance
threshold and the documents it was trained and tuned on). Strings from the project (its
name, the annotator) are data here, written as plain text into Markdown code spans.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from corpus_tui.core.model import KINDS
from corpus_tui.review.evaluation import ALL

if TYPE_CHECKING:
    from corpus_tui.train.report import TrainReport

_ROWS: tuple[tuple[str, str, str], ...] = (
    *((f"quotes exact, {kind}", "exact", kind) for kind in (*KINDS, ALL)),
    *((f"quotes overlap, {kind}", "overlap", kind) for kind in (*KINDS, ALL)),
    ("cue", "cue", ALL),
    ("speaker", "speaker", ALL),
    ("stance (suggested)", "stance", ALL),
)


def _code(value: object) -> str:
    return "`" + str(value).replace("`", "'").replace("\n", " ") + "`"


def score_table(held: dict[str, Any]) -> list[str]:
    """P/R/F1 of rules, model and both per row, as Markdown table lines."""
    lines = ["| held-out | rules P / R / F1 | model P / R / F1 | both P / R / F1 |", "|---|---|---|---|"]
    for title, metric, kind in _ROWS:
        cells = []
        for source in ("rules", "model", "both"):
            s = held[source][metric][kind]
            cells.append(f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}")
        lines.append(f"| {title} | {' | '.join(cells)} |")
    return lines


def card_text(report: TrainReport) -> str:
    held = report.held_out.to_dict()
    stance = held["stance"]
    loop = report.loop
    split = report.split
    threshold = "none (no stance is suggested)" if stance["threshold"] is None else f"{stance['threshold']:.3f}"
    added = report.info.quote_threshold
    adds = "never" if added is None else f"at a probability of {added:.3f} or more"
    lines = [
        f"# {_code(report.output.name)}: quotes, cues, speakers and stance",
        "",
        f"Trained by corpus-tui on {report.date} from the done documents of {_code(split.annotator)} in "
        f"project {_code(report.project_name)}: {len(split.train)} to learn from, {len(split.validation)} to "
        f"tune, {len(split.test)} held out for the scores below (the export's stable hash, "
        f"--eval-split {report.settings.eval_split:g}).",
        "",
        "## Use",
        "",
        f"    corpus-tui suggest --model {report.output_arg}",
        f"    corpus-tui evaluate --model {report.output_arg}",
        "",
        f'or `model = "{report.output_arg}"` under `[suggest]` in corpus-tui.toml; in Python, '
        "`spacy.load(folder)` (components `quote_finder`, `quote_spans`, spans in `doc.spans['quotes']`; "
        "`stance` is a disabled text classifier).",
        "",
        "## Held-out scores",
        "",
        *score_table(held),
        "",
        f"Quotes only the model finds are suggested {adds} (chosen on the tuning documents); where the rules "
        "find a quote too, theirs is suggested, with the model's probability as its score.",
        "",
        f"Stance classifier on the {stance['quotes']} held-out gold quotes: accuracy {stance['accuracy']:.3f}; "
        f"threshold {threshold}; {stance['suggested']} stance(s) suggested, {stance['suggested_right']} right.",
        "",
        "## Training",
        "",
        f"{loop.epochs} epoch(s) in {loop.seconds:.0f} s (stopped by {loop.stopped_by}); spans kept from epoch "
        f"{loop.best_epoch} (validation {loop.span_score:.3f}), stance from epoch {loop.stance_epoch} "
        f"(validation accuracy {loop.stance_accuracy:.3f}).",
        "",
        "Settings: " + ", ".join(f"{k}={_code(v)}" for k, v in asdict(report.settings).items()),
        "",
    ]
    return "\n".join(lines)
