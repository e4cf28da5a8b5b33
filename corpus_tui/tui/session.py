"""The state the screens share: one open journal, the documents, and undo per document.

Screens never write the journal themselves; they call ``Session.apply`` so that every
change goes through one place that records undo history and saves it (append + fsync)
before the frame that shows it: the title says "saved" only for an edit whose fsync has
returned. A failed save keeps the edit pending (``save_state`` is NOT SAVED) and every
later flush retries all of them; the app reports it and retries on a timer
(``SessionApp.flush_saves``). The session takes any list of documents and any journal, so
the adjudication screen can reuse the Annotate screen with the ``gold`` journal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from corpus_tui.core import editing
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import is_stale, read_journal
from corpus_tui.core.model import DocAnnotation, Document
from corpus_tui.core.project import GOLD, Project, unique
from corpus_tui.core.store import Journal


class SaveState(StrEnum):
    """What the titles say about the annotator's edits."""

    SAVED = "saved"  # every edit shown is in the journal (its fsync returned)
    SAVING = "saving…"  # an edit is shown but its save has not run yet
    NOT_SAVED = "NOT SAVED"  # a save failed; the edits wait in memory and are retried


class UnsavedEdits(CorpusError):
    """Edits of some documents are only in memory: the last save of each failed."""

    def __init__(self, path: Path, doc_ids: Sequence[str], reason: str) -> None:
        self.path = path
        self.doc_ids = list(doc_ids)
        self.reason = reason
        shown = ", ".join(self.doc_ids[:3]) + (", …" if len(self.doc_ids) > 3 else "")
        super().__init__(
            f"The edits of {len(self.doc_ids)} document(s) ({shown}) are not saved in {path}: {reason.rstrip('.')}"
        )


@dataclass
class Session:
    project: Project
    journal: Journal
    documents: Sequence[Document]
    histories: dict[str, editing.History] = field(default_factory=dict)
    #: documents edited since the corpus screen last looked (their rows need refreshing)
    dirty: set[str] = field(default_factory=set)
    #: set by the app: runs ``flush`` and reports a failure (``SessionApp.flush_saves``);
    #: None: ``flush`` itself, whose UnsavedEdits reaches the caller (tests, scripts)
    saver: Callable[[], None] | None = None
    #: why the last save failed (None: every edit shown is in the journal, or about to be)
    save_error: str | None = None
    _pending: dict[str, Document] = field(default_factory=dict)
    #: documents saved in this session: at risk while a replaced journal cannot be followed
    _saved: dict[str, Document] = field(default_factory=dict)
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
        """Record ``new`` as an undo step and save it (see ``saver``); unchanged edits
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
        # Saved now, before the frame that shows the edit: that frame's title can then say
        # "saved" truthfully. An append + fsync takes ~0.5 ms (budget: 10 ms p99), well
        # inside the wait for the next frame, so the keystroke is not slower for it.
        (self.saver or self.flush)()
        return self.histories[document.id].current

    @property
    def save_state(self) -> SaveState:
        if self.save_error is not None:
            return SaveState.NOT_SAVED
        return SaveState.SAVING if self._pending else SaveState.SAVED

    @property
    def unsaved(self) -> list[str]:
        """The documents whose current edits are not in the journal yet."""
        return list(self._pending)

    def flush(self) -> None:
        """Append every pending document's current annotation to the journal (fsync each).

        Every pending document is tried, also after one fails (one record the journal
        refuses must not hold back the others). A failure (a full disk, a journal taken by
        another writer) leaves those documents pending and raises UnsavedEdits; the next
        flush retries all of them. A flush with nothing pending still follows a replaced
        journal (``Journal.follow``).
        """
        reason: str | None = None
        try:
            self.journal.follow()  # a replaced journal is followed even when nothing is pending
        except (OSError, CorpusError) as exc:
            reason = _why(exc)
            self._pending.update(self._saved)  # they are not in the file at the path until it works
        for doc_id in list(self._pending):
            history = self.histories[doc_id]
            try:
                saved = self.journal.save(history.current)
            except (OSError, CorpusError) as exc:
                reason = reason or _why(exc)
                continue
            history.saved(saved)
            self._saved[doc_id] = self._pending.pop(doc_id)
        self.save_error = reason if self._pending else None
        if self.save_error is not None:
            raise UnsavedEdits(self.journal.path, self.unsaved, self.save_error)

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


def _why(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)  # "File too large", not "[Errno 27] File too large: '/…/alice.jsonl'"
    return str(exc)
