"""Which annotations go into a dataset, and why the others stay out.

An export is only as good as the annotations it trusts, so the choice is explicit and
every document left out is reported with its reason: a stale annotation (the text
changed) or an invalid one would put wrong offsets into a training set, a document not
marked done may be half annotated, and a suggestion nobody accepted is the model's
guess, not an annotation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from msgspec.structs import replace

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Origin, Status, validation_errors
from corpus_tui.core.project import GOLD, Project
from corpus_tui.export.options import STATUS_CHOICES, ExportStatus


@dataclass(frozen=True)
class Item:
    """One document with the annotation that will be exported for it."""

    document: Document
    annotation: DocAnnotation


@dataclass
class Skipped:
    """Documents left out, grouped by reason (ids kept for the summary, counted always)."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    dropped_suggestions: int = 0
    warnings: list[str] = field(default_factory=list)

    def add(self, reason: str, doc_id: str, keep: int = 5) -> None:
        self.counts[reason] += 1
        ids = self.examples.setdefault(reason, [])
        if len(ids) < keep:
            ids.append(doc_id)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def choose_annotator(project: Project, annotator: str | None) -> str:
    """``--annotator``, else ``gold`` if it exists, else the only annotator."""
    names = project.annotators()
    if annotator is not None:
        if annotator not in names:
            listed = ", ".join(names) if names else "none yet"
            raise CorpusError(f"There is no journal for annotator {annotator!r} (annotators: {listed}).")
        return annotator
    if GOLD in names:
        return GOLD
    if len(names) == 1:
        return names[0]
    if not names:
        raise CorpusError(f"Nothing to export: {project.annotations_dir} has no annotation journals yet.")
    raise CorpusError(
        f"No gold annotations and several annotators ({', '.join(names)}): choose one with --annotator NAME."
    )


def select(
    project: Project,
    annotator: str,
    status: str = "done",
    include_suggestions: bool = False,
    skipped: Skipped | None = None,
    wrap: Callable[[Iterator[Document]], Iterator[Document]] | None = None,
) -> Iterator[Item]:
    """Yield the exportable (document, annotation) pairs in document order.

    Documents that are skipped are recorded in ``skipped`` with their reason. Documents
    and annotations are streamed (see ``export.stream``), so memory does not grow with
    the corpus; ``wrap`` can wrap the document stream (a progress bar).
    """
    if status not in STATUS_CHOICES:
        raise CorpusError(f"--status must be one of {', '.join(STATUS_CHOICES)}, not {status!r}.")
    from corpus_tui.export.stream import JournalIndex, iter_documents

    skipped = skipped if skipped is not None else Skipped()
    index = JournalIndex(project.journal_path(annotator))
    skipped.warnings.extend(index.warnings)
    labels = project.config.stance_labels
    documents = iter_documents(project)
    if wrap is not None:
        documents = wrap(documents)
    try:
        yield from _select(documents, index, status, include_suggestions, labels, skipped)
    finally:
        index.close()


def _select(
    documents: Iterable[Document],
    index: Any,
    status: str,
    include_suggestions: bool,
    labels: tuple[str, ...],
    skipped: Skipped,
) -> Iterator[Item]:
    for document in documents:
        ann = index.get(document.id)
        if ann is None:
            skipped.add("not annotated", document.id)
            continue
        if ann.text_sha256 != document.text_sha256:
            skipped.add("stale (the text changed after it was annotated)", document.id)
            continue
        if status == ExportStatus.DONE and ann.status != Status.DONE:
            skipped.add(f"status {ann.status} (not done)", document.id)
            continue
        errors = validation_errors(ann, document, labels)
        if errors:
            skipped.add("invalid", f"{document.id} ({errors[0]})")
            continue
        if not include_suggestions:
            ann, dropped = without_suggestions(ann)
            skipped.dropped_suggestions += dropped
        yield Item(document, ann)


def without_suggestions(ann: DocAnnotation) -> tuple[DocAnnotation, int]:
    """Drop spans still ``suggested``; a kept quote loses a dropped speaker (never a dangling id)."""
    mentions = tuple(m for m in ann.mentions if m.origin != Origin.SUGGESTED)
    quotes = tuple(q for q in ann.quotes if q.origin != Origin.SUGGESTED)
    dropped = len(ann.mentions) - len(mentions) + len(ann.quotes) - len(quotes)
    if not dropped:
        return ann, 0
    kept_ids = {m.id for m in mentions}
    quotes = tuple(q if q.source is None or q.source in kept_ids else replace(q, source=None) for q in quotes)
    return replace(ann, mentions=mentions, quotes=quotes), dropped
