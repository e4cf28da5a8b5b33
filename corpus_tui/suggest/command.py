"""``corpus-tui suggest``: pre-annotate documents into an annotator's journal.

Documents stream through ``nlp.pipe`` (batched, ``--n-process`` workers) and the merged
annotations are saved in chunks with one fsync each, so an interrupted run keeps every
chunk written so far and a re-run only rewrites what changed (nothing, when nothing did).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document
from corpus_tui.progress import progress
from corpus_tui.suggest.names import NameSpellings

if TYPE_CHECKING:
    from corpus_tui.core.store import Journal
    from corpus_tui.suggest.pipeline import LoadedModel

#: annotations saved per append + fsync
SAVE_CHUNK = 64
#: statuses of documents a person has finished; a run over all documents leaves them alone
FINISHED = frozenset({"done", "skipped"})


def run_suggest(args: argparse.Namespace) -> int:
    from corpus_tui.core.project import Project
    from corpus_tui.core.store import is_stale
    from corpus_tui.suggest.pipeline import load_model

    n_process = getattr(args, "n_process", 1)
    batch_size = getattr(args, "batch_size", 32)
    if n_process < 1:
        raise CorpusError("--n-process must be at least 1.")
    if batch_size < 1:
        raise CorpusError("--batch-size must be at least 1.")
    project = Project.load(args.project)
    annotator = project.default_annotator(args.annotator)
    documents = select_documents(project.documents(), args.doc_ids)
    model = load_model(args.model or project.config.model)
    for note in model.warnings:
        print(f"corpus-tui: warning: {note}", file=sys.stderr)

    stale = finished = too_long = 0
    with project.open_journal(annotator) as journal:
        for warning in journal.warnings:
            print(f"corpus-tui: warning: {warning}", file=sys.stderr)
        todo: list[tuple[Document, DocAnnotation]] = []
        for document in documents:
            ann = journal.get_or_empty(document)
            if is_stale(ann, document):
                stale += 1
                print(
                    f"corpus-tui: warning: {document.id}: the text changed since it was annotated; "
                    "left alone (its annotation is stale).",
                    file=sys.stderr,
                )
                continue
            if len(document.text) > model.nlp.max_length:
                too_long += 1
                print(
                    f"corpus-tui: warning: {document.id}: {len(document.text):,} characters is more than the spaCy "
                    f"pipeline takes ({model.nlp.max_length:,}); skipped.",
                    file=sys.stderr,
                )
                continue
            if ann.status in FINISHED and not args.doc_ids:
                finished += 1  # reviewed already: new suggestions would reopen it unasked
                continue
            todo.append((document, ann))
        # one spelling per person over the whole project, so a run on a few documents
        # names people as a run on all of them does
        spellings = NameSpellings.from_texts(d.text for d in project.documents())
        counts = suggest_into_journal(
            journal, todo, model, batch_size=batch_size, n_process=n_process, spellings=spellings
        )
        path = journal.path
    print(
        f"Suggested {counts.quotes} quote(s) in {len(todo)} document(s) with {model.name}: "
        f"{counts.changed} updated, {counts.unchanged} unchanged"
        + (f", {stale} stale skipped" if stale else "")
        + (f", {finished} done/skipped left alone (name them to re-suggest)" if finished else "")
        + (f", {too_long} too long skipped" if too_long else "")
        + f" ({path.relative_to(project.root) if path.is_relative_to(project.root) else path})."
    )
    return 0


@dataclass
class SuggestCounts:
    changed: int = 0
    unchanged: int = 0
    quotes: int = 0


def suggest_into_journal(
    journal: Journal,
    todo: list[tuple[Document, DocAnnotation]],
    model: LoadedModel,
    batch_size: int = 32,
    n_process: int = 1,
    show_progress: bool = True,
    spellings: NameSpellings | None = None,
) -> SuggestCounts:
    """Suggest for each (document, current annotation) and save what changed, in chunks.

    The loop the command and the benchmark share, so the bench measures what users run.
    """
    from corpus_tui.suggest.merge import merge_suggestions
    from corpus_tui.suggest.pipeline import suggestions_for_doc

    counts = SuggestCounts()
    pending: list[DocAnnotation] = []
    texts = (document.text for document, _ in todo)
    parsed_docs = model.nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    pairs = _pairs(todo, parsed_docs)
    for (_document, ann), parsed in progress(pairs, len(todo), "suggest") if show_progress else pairs:
        merged = merge_suggestions(ann, suggestions_for_doc(parsed, model, spellings))
        counts.quotes += sum(1 for q in merged.quotes if q.origin == "suggested")
        if merged is ann:
            counts.unchanged += 1
            continue
        counts.changed += 1
        pending.append(merged)
        if len(pending) >= SAVE_CHUNK:
            journal.save_many(pending)
            pending = []
    if pending:
        journal.save_many(pending)
    return counts


def _pairs(todo: list[tuple[Document, DocAnnotation]], parsed_docs: Iterator) -> Iterator[tuple]:
    yield from zip(todo, parsed_docs, strict=True)


def select_documents(documents: list[Document], doc_ids: list[str] | None) -> list[Document]:
    """All documents, or the named ones in the order given; an unknown id is an error."""
    if not doc_ids:
        return documents
    by_id = {d.id: d for d in documents}
    unknown = [d for d in doc_ids if d not in by_id]
    if unknown:
        raise CorpusError(
            f"Unknown document id(s): {', '.join(unknown)} (see 'corpus-tui stats' for the documents of the project)."
        )
    return [by_id[d] for d in dict.fromkeys(doc_ids)]
