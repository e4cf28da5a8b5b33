"""``corpus-tui suggest``: pre-annotate the project's documents into a suggester's journal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_tui.commands.output import relative, warn
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document

if TYPE_CHECKING:
    from corpus_tui.core.store import Journal
    from corpus_tui.suggest.runner import SuggestCounts


@dataclass
class _Plan:
    """The documents to suggest for, and how many were left alone and why."""

    todo: list[tuple[Document, DocAnnotation]] = field(default_factory=list)
    stale: int = 0
    finished: int = 0
    too_long: int = 0


def suggest(
    project_dir: Path,
    annotator: str | None = None,
    doc_ids: Sequence[str] = (),
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 32,
) -> int:
    """Suggest into ``annotator``'s journal; documents marked done or skipped are left alone
    unless named in ``doc_ids``, stale ones always."""
    from corpus_tui.commands.progress import progress
    from corpus_tui.core.project import Project
    from corpus_tui.suggest.names import NameSpellings
    from corpus_tui.suggest.pipeline import load_model
    from corpus_tui.suggest.runner import select_documents, suggest_into_journal

    if n_process < 1:
        raise CorpusError("--n-process must be at least 1.")
    if batch_size < 1:
        raise CorpusError("--batch-size must be at least 1.")
    project = Project.load(project_dir)
    who = project.default_annotator(annotator)
    documents = select_documents(project.documents(), list(doc_ids))
    loaded = load_model(model or project.config.model, root=project.root)
    warn(loaded.warnings)

    with project.open_journal(who) as journal:
        warn(journal.warnings)
        plan = _plan(documents, journal, loaded.nlp.max_length, named=bool(doc_ids))
        # one spelling per person over the whole project, so a run on a few documents
        # names people as a run on all of them does
        spellings = NameSpellings.from_texts(d.text for d in project.documents())
        counts = suggest_into_journal(
            journal,
            plan.todo,
            loaded,
            batch_size=batch_size,
            n_process=n_process,
            track=progress,
            spellings=spellings,
            target=project.config.default_target,
        )
        path = journal.path
    print(_report(counts, plan, loaded.name, relative(path, project.root)))
    sys.stdout.flush()
    return 0


def _plan(documents: Iterable[Document], journal: Journal, max_length: int, named: bool) -> _Plan:
    """Which documents to suggest for: not stale, not longer than the pipeline takes, and
    not finished by a person unless ``named`` (new suggestions would reopen them unasked)."""
    from corpus_tui.core.journal_reader import is_stale
    from corpus_tui.suggest.runner import FINISHED

    plan = _Plan()
    for document in documents:
        ann = journal.get_or_empty(document)
        if is_stale(ann, document):
            plan.stale += 1
            warn([f"{document.id}: the text changed since it was annotated; left alone (its annotation is stale)."])
        elif len(document.text) > max_length:
            plan.too_long += 1
            warn(
                [
                    f"{document.id}: {len(document.text):,} characters is more than the spaCy pipeline takes "
                    f"({max_length:,}); skipped."
                ]
            )
        elif ann.status in FINISHED and not named:
            plan.finished += 1
        else:
            plan.todo.append((document, ann))
    return plan


def _report(counts: SuggestCounts, plan: _Plan, model: str, journal: str) -> str:
    return (
        f"Suggested {counts.quotes} quote(s) in {len(plan.todo)} document(s) with {model}: "
        f"{counts.changed} updated, {counts.unchanged} unchanged"
        + (f", {plan.stale} stale skipped" if plan.stale else "")
        + (f", {plan.finished} done/skipped left alone (name them to re-suggest)" if plan.finished else "")
        + (f", {plan.too_long} too long skipped" if plan.too_long else "")
        + f" ({journal})."
    )
