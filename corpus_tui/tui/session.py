"""The state the screens share: one open journal, the documents, and undo per document.

Screens never write the journal themselves; they call ``Session.apply`` so that every
change goes through one place that records undo history and saves it (append + fsync)
right after the frame that shows it — there is no save key and nothing to lose. A failed
save keeps the edit pending; the app reports it (``SessionApp.flush_saves``). The session takes any list of
documents and any journal, so the adjudication screen can reuse the Annotate screen with
the ``gold`` journal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from corpus_tui.core import editing
from corpus_tui.core.journal_reader import is_stale, read_journal
from corpus_tui.core.model import DocAnnotation, Document
from corpus_tui.core.project import GOLD, Project, unique
from corpus_tui.core.store import Journal


@dataclass
class Session:
    project: Project
    journal: Journal
    documents: Sequence[Document]
    histories: dict[str, editing.History] = field(default_factory=dict)
    #: documents edited since the corpus screen last looked (their rows need refreshing)
    dirty: set[str] = field(default_factory=set)
    #: set by the app: runs ``flush`` right after the next frame, so the annotator sees an
    #: edit before its fsync; None saves synchronously (tests, scripts)
    scheduler: Callable[[], None] | None = None
    #: why the last save failed (None: everything shown is on disk or about to be)
    save_error: str | None = None
    _pending: dict[str, Document] = field(default_factory=dict)
    _scheduled: bool = False  # a flush is scheduled and has not run yet
    _index: dict[str, int] | None = None
    _others: list[DocAnnotation] | None = None
    _gold: Mapping[str, DocAnnotation] | None = None

    @property
    def annotator(self) -> str:
        return self.journal.annotator

    def position(self, doc_id: str) -> int:
        if self._index is None:
            self._index = {d.id: i for i, d in enumerate(self.documents)}
        return self._index[doc_id]

    # -- annotations

    def latest(self, doc_id: str) -> DocAnnotation | None:
        """What the annotator sees now: the open history (possibly not yet flushed) or the journal."""
        history = self.histories.get(doc_id)
        return history.current if history is not None else self.journal.latest.get(doc_id)

    def annotation(self, document: Document) -> DocAnnotation:
        history = self.histories.get(document.id)
        if history is not None:
            return history.current
        return self.journal.get_or_empty(document)

    def is_stale(self, document: Document) -> bool:
        return is_stale(self.annotation(document), document)

    def history(self, document: Document) -> editing.History:
        history = self.histories.get(document.id)
        if history is None:
            history = self.histories[document.id] = editing.History(self.journal.get_or_empty(document))
        return history

    def apply(self, document: Document, new: DocAnnotation) -> DocAnnotation:
        """Record ``new`` as an undo step and save it (see ``scheduler``); unchanged edits
        write nothing."""
        history = self.history(document)
        if new is history.current:
            return new
        history.apply(new)  # compares with the current version: an edit that changes nothing is no step
        if history.current is not new:
            return history.current
        return self._save(document)

    def undo(self, document: Document) -> DocAnnotation:
        self.history(document).undo()
        return self._save(document)

    def redo(self, document: Document) -> DocAnnotation:
        self.history(document).redo()
        return self._save(document)

    def _save(self, document: Document) -> DocAnnotation:
        self.dirty.add(document.id)
        self._pending[document.id] = document
        if self.scheduler is None:
            self.flush()
        elif not self._scheduled:  # one flush for edits in quick succession
            self._scheduled = True
            self.scheduler()
        return self.histories[document.id].current

    def flush(self) -> None:
        """Append every pending document's current annotation to the journal (fsync each).

        Quick successive edits of one document coalesce into one journal line; an OSError
        (disk full) leaves the document pending, and the next change schedules a flush
        that retries it.
        """
        self._scheduled = False
        while self._pending:
            doc_id = next(iter(self._pending))
            history = self.histories[doc_id]
            try:
                saved = self.journal.save(history.current)
            except OSError as exc:
                self.save_error = str(exc)
                raise
            history.saved(saved)
            del self._pending[doc_id]
        self.save_error = None

    # -- what the pickers offer

    def other_annotations(self) -> list[DocAnnotation]:
        """Every other journal's latest annotations (read once, without locking)."""
        if self._others is None:
            others: list[DocAnnotation] = []
            for name in self.project.annotators():
                if name == self.annotator:
                    continue
                others.extend(read_journal(self.project.journal_path(name)).latest.values())
            self._others = others
        return self._others

    def known_entities(self) -> list[str]:
        mine = [h.current for h in self.histories.values()]
        return editing.known_entities([*mine, *self.journal.latest.values(), *self.other_annotations()])

    def known_targets(self) -> list[str]:
        used = [
            q.target
            for ann in [*self.journal.latest.values(), *self.other_annotations()]
            for q in ann.quotes
            if q.target
        ]
        return unique([*self.project.config.targets, *used])

    def gold_status(self, document: Document) -> str | None:
        """The status of ``document``'s gold (None: no gold, or gold of an older text).

        The gold journal of another annotator's session is read once, without locking;
        a session on the gold journal itself reads its own current edits every time.
        """
        if self.annotator == GOLD:
            gold = self.latest(document.id)
        else:
            if self._gold is None:
                self._gold = read_journal(self.project.journal_path(GOLD)).latest  # records built as rows show
            gold = self._gold.get(document.id)
        if gold is None or is_stale(gold, document):
            return None
        return gold.status
