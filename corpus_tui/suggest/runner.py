"""Pre-annotating documents into an annotator's journal (what ``corpus-tui suggest`` runs).

Documents stream through ``nlp.pipe`` (batched, ``--n-process`` workers) and the merged
annotations are saved in chunks with one fsync each, so an interrupted run keeps every
chunk written so far and a re-run only rewrites what changed (nothing, when nothing did).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Origin, Status
from corpus_tui.suggest.names import NameSpellings

if TYPE_CHECKING:
    from corpus_tui.core.store import Journal
    from corpus_tui.suggest.pipeline import LoadedModel

#: annotations saved per append + fsync
SAVE_CHUNK = 64
#: statuses of documents a person has finished; a run over all documents leaves them alone
FINISHED = frozenset({Status.DONE, Status.SKIPPED})


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
    track: Callable[[Iterator[Any], int, str], Iterator[Any]] | None = None,
    spellings: NameSpellings | None = None,
    target: str | None = None,
) -> SuggestCounts:
    """Suggest for each (document, current annotation) and save what changed, in chunks.

    The loop the command and the benchmark share, so the bench measures what users run;
    ``track`` wraps the stream to report progress (``commands.progress.progress``); a
    trained model suggests stances toward each document's target, else ``target``.
    """
    from corpus_tui.suggest.merge import merge_suggestions
    from corpus_tui.suggest.pipeline import document_target, suggestions_for_doc

    counts = SuggestCounts()
    pending: list[DocAnnotation] = []
    texts = (document.text for document, _ in todo)
    parsed_docs = model.nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    pairs = _pairs(todo, parsed_docs)
    for (_document, ann), parsed in track(pairs, len(todo), "suggest") if track is not None else pairs:
        merged = merge_suggestions(ann, suggestions_for_doc(parsed, model, spellings, document_target(ann, target)))
        counts.quotes += sum(1 for q in merged.quotes if q.origin == Origin.SUGGESTED)
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
