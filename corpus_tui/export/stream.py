"""Reading a project's documents and one journal one record at a time, for exports of any size.

``Project.documents()`` and ``read_journal`` keep everything in memory, which is right
for the TUI but makes an export's peak memory grow with the corpus (100,000 articles
plus their annotations is well over a gigabyte as Python objects). Here documents are
streamed file by file and line by line (``corpus.iter_documents``), and the journal is indexed in one pass (doc id
→ byte offset of its winning line: a few dozen bytes per document) and read back line
by line in document order. The rules are those of ``corpus.read_documents`` and
``store.read_journal``: same ids, same newline handling, highest ``rev`` wins (the later
line on a tie), a torn last line is skipped, an invalid line elsewhere is an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document
from corpus_tui.core.project import Project


def iter_documents(project: Project) -> Iterator[Document]:
    """The project's documents in ``Project.documents()`` order, without holding them all."""
    return project.iter_documents()


def count_documents(project: Project) -> int:
    """How many documents there are (for the progress bar), counting JSONL lines cheaply."""
    total = 0
    for path in project.document_paths():
        if path.suffix.lower() != ".jsonl":
            total += 1
            continue
        with path.open("rb") as handle:
            for line in handle:
                if line.strip():
                    total += 1
    return total


class JournalIndex:
    """Where each document's latest annotation is in a journal; the record is parsed on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offsets: dict[str, int] = {}
        self.warnings: list[str] = []
        self._handle = None
        if path.exists():
            self._build()

    def _build(self) -> None:
        revs: dict[str, int] = {}
        try:
            handle = self.path.open("rb")
        except OSError as exc:
            raise CorpusError(f"Cannot read {self.path}: {exc.strerror or exc}.") from None
        with handle:
            offset = 0
            pending_error: str | None = None
            for lineno, raw in enumerate(handle, start=1):
                start, offset = offset, offset + len(raw)
                if pending_error is not None:  # the bad line was not the last one: real damage
                    raise CorpusError(pending_error)
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                    doc_id, rev = record["doc_id"], record["rev"]
                    if not isinstance(doc_id, str) or not isinstance(rev, int):
                        raise ValueError("doc_id must be a string and rev an integer")
                except (ValueError, KeyError, TypeError) as exc:
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                    pending_error = f"{self.path}:{lineno}: invalid journal line ({reason})."
                    torn_line = lineno
                    continue
                if rev >= revs.get(doc_id, -1):
                    revs[doc_id] = rev
                    self.offsets[doc_id] = start
            if pending_error is not None:
                self.warnings.append(
                    f"{self.path}:{torn_line}: the last line is incomplete (probably a crash while saving); "
                    "it was skipped and earlier saves are intact."
                )

    def __len__(self) -> int:
        return len(self.offsets)

    def get(self, doc_id: str) -> DocAnnotation | None:
        offset = self.offsets.get(doc_id)
        if offset is None:
            return None
        if self._handle is None:
            self._handle = self.path.open("rb")
        self._handle.seek(offset)
        line = self._handle.readline()
        try:
            return DocAnnotation.from_dict(json.loads(line))
        except CorpusError as exc:
            raise CorpusError(f"{self.path}: invalid annotation for document {doc_id!r} ({exc}).") from None

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
