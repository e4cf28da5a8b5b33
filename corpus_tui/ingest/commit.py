"""Writing a checked import: all of it, or nothing.

Why an order: an import that failed half-way used to leave documents in ``corpus/``, so
the retry failed with "document id already in the project". Here every journal the import
appends to is opened (and so locked) first, so an annotator with the TUI open stops the
import before anything is written. Then the new corpus files are created (never over an
existing file, never through a link: ``safefs.write_new``), then the annotations are
appended. If any step fails, what this import wrote is taken back: its corpus files are
removed and the journals it appended to are cut back to their size before (we still hold
their locks, so nobody else wrote to them in between).
"""

from __future__ import annotations

import contextlib
import os
from contextlib import ExitStack
from pathlib import Path

from corpus_tui.core import safefs
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.project import Project
from corpus_tui.ingest.files import NewFile


def write_import(
    project: Project, corpus_dir: Path, files: list[NewFile], annotations: dict[str, list[DocAnnotation]]
) -> None:
    """Create ``files`` in ``corpus_dir`` and append ``annotations`` (annotator -> records)."""
    with ExitStack() as stack:
        journals = [stack.enter_context(project.open_journal(who)) for who in sorted(annotations)]
        created_dir = not corpus_dir.exists()
        written: list[Path] = []
        appended: list[tuple[Path, int]] = []
        try:
            corpus_dir.mkdir(parents=True, exist_ok=True)
            for new in files:
                safefs.write_new(corpus_dir / new.name, [new.data])
                written.append(corpus_dir / new.name)
            for journal in journals:
                size = journal.path.stat().st_size
                journal.save_many(annotations[journal.annotator])
                appended.append((journal.path, size))
        except BaseException as exc:
            left = _take_back(written, appended, corpus_dir if created_dir else None)
            if not isinstance(exc, OSError):
                raise
            what = "nothing was imported" if not left else f"what could not be taken back: {', '.join(left)}"
            raise CorpusError(f"The import could not be written ({exc.strerror or exc}); {what}.") from None


def _take_back(written: list[Path], appended: list[tuple[Path, int]], created_dir: Path | None) -> list[str]:
    """Undo a failed import: its files removed, its journal lines cut off (locks still held).
    Each step is tried on its own; returns what could not be undone."""
    left: list[str] = []
    for path in written:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            left.append(str(path))
    for journal, size in appended:
        try:
            fd = safefs.open_append(journal)
            try:
                os.ftruncate(fd, size)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            left.append(f"the last lines of {journal}")
    if created_dir is not None:
        with contextlib.suppress(OSError):
            created_dir.rmdir()
    return left
