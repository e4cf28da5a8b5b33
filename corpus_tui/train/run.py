"""A whole training run: a project's gold in, a spaCy pipeline folder with its card out.

The folder is written inside the project only, never through a link: it is built in a
fresh temporary folder next to the target (created here, so nothing in it can be a
link), then renamed into place in one step, so an interrupted run leaves no half model
where ``suggest --model`` would load it. An existing target is refused, not replaced.
"""

from __future__ import annotations

import math
import os
import secrets
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import Project
from corpus_tui.core.safefs import fsync_dir, inside, refuse_link, write_atomic
from corpus_tui.suggest.names import NameSpellings
from corpus_tui.suggest.trained import FINDER, META_KEY, SPANCAT, SPANS_KEY, STANCE, TrainedInfo
from corpus_tui.train.build import add_components, base_pipeline, copy_installed_encoder
from corpus_tui.train.examples import reference_doc, span_examples, stance_examples, stance_items
from corpus_tui.train.gold import GoldSplit, gold_split
from corpus_tui.train.loop import Track, train_loop
from corpus_tui.train.report import TrainReport
from corpus_tui.train.scores import (
    added_quote_judgements,
    choose_threshold,
    score_held_out,
    stance_judgements,
    stance_scores,
)
from corpus_tui.train.settings import TrainSettings

MODELS_DIR = "models"


def output_folder(project: Project, output: str | None, now: datetime) -> tuple[Path, str]:
    """The model folder (``--output``, relative to the project; default ``models/<time>``):
    inside the project, not there yet, and not below a link."""
    named = output or f"{MODELS_DIR}/{now.strftime('%Y%m%d-%H%M%S')}"
    path = Path(named).expanduser()
    path = path if path.is_absolute() else project.root / path
    folder = inside(project.root, path, "--output")
    if folder == project.root.resolve():
        raise CorpusError("--output must name a new folder inside the project, not the project itself.")
    if os.path.lexists(folder):
        raise CorpusError(f"{named} already exists: choose another --output, or remove it first.")
    probe = path.parent  # as named: resolving it above would have followed the links
    while probe != project.root and probe.is_relative_to(project.root):
        refuse_link(probe)
        probe = probe.parent
    return folder, os.path.relpath(folder, project.root.resolve())


def train_project(
    project: Project,
    annotator: str | None,
    output: str | None,
    settings: TrainSettings,
    track: Track | None = None,
) -> TrainReport:
    """Train on the project's gold, score on held-out documents, save the model folder."""
    settings = settings.checked()
    return train_split(project, gold_split(project, annotator, settings.eval_split), output, settings, track)


def train_split(
    project: Project, split: GoldSplit, output: str | None, settings: TrainSettings, track: Track | None = None
) -> TrainReport:
    """``train_project`` on a split made already (the benchmark's learning curve trains on
    parts of the training documents, below what ``gold_split`` accepts)."""
    from spacy.util import fix_random_seed

    now = datetime.now(UTC)
    folder, named = output_folder(project, output, now)
    fix_random_seed(settings.seed)
    nlp = base_pipeline()
    references = [reference_doc(nlp, pair) for pair in split.train]  # kept: span groups need their doc
    longest = max((len(s) for doc in references for s in doc.spans[SPANS_KEY]), default=1)
    max_length = max(40, math.ceil(1.5 * longest))
    examples = span_examples(nlp, split.train, max_length)
    add_components(nlp, settings, max_length)
    labels = project.config.stance_labels
    stance_train, stance_val = stance_items(split.train), stance_items(split.validation)
    stance = stance_examples(nlp, stance_train, labels)
    for name in (FINDER, SPANCAT):
        nlp.get_pipe(name).initialize(lambda: examples, nlp=nlp)
    if stance:
        nlp.get_pipe(STANCE).initialize(lambda: stance, nlp=nlp, labels=list(labels))
    else:
        nlp.remove_pipe(STANCE)
    if settings.start == "sm":
        copy_installed_encoder(nlp)
    loop = train_loop(nlp, examples, stance, split.validation, stance_val, settings, track)
    threshold = None
    if stance:
        nlp.disable_pipe(STANCE)
        threshold = choose_threshold(stance_judgements(nlp, stance_val), settings.stance_precision)
    trained_on = tuple(d.id for d, _ in (*split.train, *split.validation))
    spellings = NameSpellings.from_texts(d.text for d in project.documents())
    added = added_quote_judgements(nlp, folder.name, split.validation, spellings)
    info = TrainedInfo(
        folder.name,
        stance_threshold=threshold,
        stance_labels=tuple(labels),
        quote_threshold=choose_threshold(added, settings.quote_precision),
        trained_on=trained_on,
    )
    held = score_held_out(nlp, info, split.test, spellings, settings.n_process, project.config.default_target)
    if stance:
        held.stance = stance_scores(nlp, stance_items(split.test), threshold)
    date = now.isoformat(timespec="seconds")
    report = TrainReport(folder, named, project.config.name, date, split, settings, loop, held, info)
    _save(nlp, report)
    return report


def _save(nlp: Any, report: TrainReport) -> None:
    from corpus_tui.train.card import card_text

    nlp.meta["name"] = "corpus_tui_" + "".join(c if c.isalnum() else "_" for c in report.output.name)
    nlp.meta["description"] = "Quotes, cues, speakers and stance, trained by corpus-tui train."
    nlp.meta[META_KEY] = {**report.info.meta(), "date": report.date, "held_out": report.held_out.to_dict()}
    folder = report.output
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.{secrets.token_hex(4)}.tmp")
    tmp.mkdir()
    try:
        nlp.to_disk(tmp)
        write_atomic(tmp / "README.md", [card_text(report).encode("utf-8")])
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(folder.parent)
