"""``corpus-tui suggest``: pre-annotate the project's documents into a suggester's journal."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from corpus_tui.commands.output import relative, warn
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document


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
    from corpus_tui.core.store import is_stale
    from corpus_tui.suggest.names import NameSpellings
    from corpus_tui.suggest.pipeline import load_model
    from corpus_tui.suggest.runner import FINISHED, select_documents, suggest_into_journal

    if n_process < 1:
        raise CorpusError("--n-process must be at least 1.")
    if batch_size < 1:
        raise CorpusError("--batch-size must be at least 1.")
    project = Project.load(project_dir)
    who = project.default_annotator(annotator)
    documents = select_documents(project.documents(), list(doc_ids))
    loaded = load_model(model or project.config.model)
    warn(loaded.warnings)

    stale = finished = too_long = 0
    with project.open_journal(who) as journal:
        warn(journal.warnings)
        todo: list[tuple[Document, DocAnnotation]] = []
        for document in documents:
            ann = journal.get_or_empty(document)
            if is_stale(ann, document):
                stale += 1
                warn([f"{document.id}: the text changed since it was annotated; left alone (its annotation is stale)."])
                continue
            if len(document.text) > loaded.nlp.max_length:
                too_long += 1
                warn(
                    [
                        f"{document.id}: {len(document.text):,} characters is more than the spaCy pipeline takes "
                        f"({loaded.nlp.max_length:,}); skipped."
                    ]
                )
                continue
            if ann.status in FINISHED and not doc_ids:
                finished += 1  # reviewed already: new suggestions would reopen it unasked
                continue
            todo.append((document, ann))
        # one spelling per person over the whole project, so a run on a few documents
        # names people as a run on all of them does
        spellings = NameSpellings.from_texts(d.text for d in project.documents())
        counts = suggest_into_journal(
            journal, todo, loaded, batch_size=batch_size, n_process=n_process, track=progress, spellings=spellings
        )
        path = journal.path
    print(
        f"Suggested {counts.quotes} quote(s) in {len(todo)} document(s) with {loaded.name}: "
        f"{counts.changed} updated, {counts.unchanged} unchanged"
        + (f", {stale} stale skipped" if stale else "")
        + (f", {finished} done/skipped left alone (name them to re-suggest)" if finished else "")
        + (f", {too_long} too long skipped" if too_long else "")
        + f" ({relative(path, project.root)})."
    )
    sys.stdout.flush()
    return 0
