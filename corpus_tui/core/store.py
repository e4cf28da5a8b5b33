"""Writing the annotation journal: one locked writer per annotator, append + fsync per save.

Why a journal and not a database: annotators' work lives in git next to the corpus, one
file per annotator so branches merge without conflicts, and an append + fsync per save
means a crash (power, SSH drop, kill -9) loses at most the edit being written. Reading
(also without the lock, for stats, export and agreement) is ``journal_reader``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import msgspec
from msgspec.structs import replace

from corpus_tui.core import safefs
from corpus_tui.core.errors import CorpusError, JournalLockedError, ValidationError
from corpus_tui.core.journal_reader import (
    Annotations,
    JournalContents,
    RevisionConflict,
    decode_annotation,
    journal_line,
    read_journal,
)
from corpus_tui.core.model import DocAnnotation, Document


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


#: compaction on open triggers when more than this share of lines is superseded
STALE_SHARE_FOR_COMPACTION = 0.5
#: ... and only once the journal is at least this long (tiny journals are not worth it)
MIN_LINES_FOR_COMPACTION = 20


class Journal:
    """The writable journal of one annotator, holding an exclusive lock on the journal file.

    Why the lock is on the journal itself: a separate lock file is an ignored file that
    ``git clean -fdX`` deletes under a running TUI, after which a second writer could open
    the same journal. Before every append the writer checks that the path still names the
    file it holds (device + inode): a ``git pull``, ``git checkout`` or sync tool that
    replaced the journal is followed (the new file is locked and read, and what it would
    lose — this writer's documents, and documents it holds only in an older revision — is
    saved again on top as newer revisions), so neither side's edits are lost.
    """

    def __init__(self, path: Path, annotator: str, fd: int) -> None:
        self.path = path
        self.annotator = annotator
        self._fd = fd
        self._closed = False
        #: what this writer did on its own that the annotator should hear of (shown as notices)
        self.notices: list[str] = []
        #: the documents saved through this writer: re-saved if the file is replaced under it
        self._mine: dict[str, DocAnnotation] = {}
        #: what a replaced file lacks and this writer still has to save on top of it (kept
        #: across a failed write, so a full disk during the re-save loses nothing either)
        self._owed: dict[str, DocAnnotation] = {}
        contents = self._recover(read_journal(path))
        self.latest: Annotations = contents.latest
        self.warnings: list[str] = contents.warnings
        self.lines = contents.lines
        if contents.conflicts:
            self.warnings.append(_conflicts_warning(path, contents.conflicts))
        stale = contents.stale_lines > self.lines * STALE_SHARE_FOR_COMPACTION
        # two writers' records stay until the annotator has looked (``corpus-tui compact`` drops them)
        if self.lines >= MIN_LINES_FOR_COMPACTION and stale and not contents.conflicts:
            # the winners are lines on disk: they are copied, not built and re-encoded
            self.compact()

    # -- opening and closing

    @classmethod
    def open(cls, path: Path, annotator: str) -> Journal:
        """Lock and read the journal (created empty if missing); a second writer gets
        JournalLockedError at once."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = safefs.open_read_write(path)
        except OSError as exc:
            raise CorpusError(f"Cannot open the journal {path}: {exc.strerror or exc}.") from None
        try:
            _lock(fd, annotator)
            return cls(path, annotator, fd)
        except BaseException:
            os.close(fd)  # closing the descriptor releases the lock
            raise

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            # opening created the file to lock it; a journal nobody wrote to leaves no trace
            if os.fstat(self._fd).st_size == 0 and safefs.same_file(self.path, self._fd):
                self.path.unlink()
        except OSError:
            pass
        finally:
            os.close(self._fd)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading

    def get(self, doc_id: str) -> DocAnnotation | None:
        return self.latest.get(doc_id)

    def get_or_empty(self, document: Document) -> DocAnnotation:
        """The latest annotation, or a fresh one for an unannotated document."""
        ann = self.latest.get(document.id)
        return ann if ann is not None else DocAnnotation.empty(document, self.annotator)

    def __iter__(self) -> Iterator[DocAnnotation]:
        return iter(self.latest.values())

    # -- writing

    def save(self, ann: DocAnnotation) -> DocAnnotation:
        """Append the annotation as the next revision; returns only once it is fsynced."""
        return self.save_many([ann])[0]

    def save_many(self, annotations: list[DocAnnotation]) -> list[DocAnnotation]:
        """Append a batch with one fsync (suggest and adjudicate write many at once).

        All or nothing: a failed write (a full disk) is cut off again, so the journal never
        keeps a partial line and the caller can retry the same batch later.
        """
        self.follow()
        return self._append(annotations)

    def follow(self) -> None:
        """Make sure the file at our path is the one we hold and has everything we knew:
        a replaced or deleted journal is followed (see the class). Every save does this
        first; the TUI also calls it while idle and before quitting, so a replacement is
        noticed (and said) even when no edit follows it."""
        self._check_open()
        self._follow_replacement()
        if self._owed:
            # above every revision they had: the replaced file's may come back in a merge
            self._append(list(self._owed.values()), above={d: ann.rev for d, ann in self._owed.items()})
            self._owed.clear()

    def compact(self) -> int:
        """Rewrite the journal with only the latest revs (temp file, fsync, rename).

        Lines not built since opening are copied as they are: a line that is JSON but not an
        annotation is carried over for ``validate`` to report. The new file is locked before
        it takes the journal's name, so the lock never lapses. Returns the lines removed.
        """
        self.follow()
        before = self.lines
        tmp, handle = safefs.temp_beside(self.path)
        fd = os.dup(handle.fileno())
        try:
            with handle:
                handle.writelines(self.latest.stored_lines())
                handle.flush()
                os.fsync(handle.fileno())
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new inode: nobody else can hold it
            os.replace(tmp, self.path)
        except BaseException:
            os.close(fd)
            tmp.unlink(missing_ok=True)  # a full disk, an interrupt: the journal stays as it was
            raise
        safefs.fsync_dir(self.path.parent)
        os.close(self._fd)  # the old file's lock goes with it
        self._fd = fd
        self.lines = len(self.latest)
        return before - self.lines

    # -- internals

    def _check_open(self) -> None:
        # Writing after close() would append without holding the lock: a second writer could
        # interleave lines with ours.
        if self._closed:
            raise CorpusError(f"The journal {self.path.name} is closed; open it again to save.")

    def _append(self, annotations: list[DocAnnotation], above: dict[str, int] | None = None) -> list[DocAnnotation]:
        """Write ``annotations`` as the next revisions (higher than any in ``above`` too)."""
        saved_all: list[DocAnnotation] = []
        revs: dict[str, int] = {}
        lines: list[bytes] = []
        stamp = utc_now()
        for ann in annotations:
            rev = revs.get(ann.doc_id)
            if rev is None:
                rev = max(_rev(self.latest.get(ann.doc_id)), _rev(self._mine.get(ann.doc_id)))
                rev = max(rev, above.get(ann.doc_id, 0)) if above else rev
            revs[ann.doc_id] = rev + 1
            saved = replace(ann, annotator=self.annotator, rev=rev + 1, updated=stamp)
            lines.append(_checked_line(saved))
            saved_all.append(saved)
        size = os.fstat(self._fd).st_size
        try:
            safefs.write_all(self._fd, b"".join(lines))
            os.fsync(self._fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, size)  # a cut-off line would make every later append unreadable
            raise
        for saved in saved_all:
            self.latest[saved.doc_id] = saved
            self._mine[saved.doc_id] = saved
        self.lines += len(saved_all)
        return saved_all

    def _follow_replacement(self) -> None:
        """If the path no longer names our file (replaced or deleted under us), lock what is
        there now, read it, and save again on top of it, as newer revisions, every document
        it would otherwise lose: the ones this writer saved, and the ones the new file lacks
        or holds only in an older revision (an older copy put back; a git pull only adds)."""
        if safefs.same_file(self.path, self._fd):
            return
        safefs.refuse_link(self.path)
        if not self.path.exists():
            fd = safefs.open_read_write(self.path)
            self._swap(fd, restore_from=self._fd)
            self.notices.append(
                f"{self.path.name} was deleted on disk while you worked (a git checkout?); it was written back "
                "with everything it held."
            )
            return
        fd = safefs.open_read_write(self.path)
        self._swap(fd)
        before = self.latest
        before.update(self._owed)  # still owed to the file just replaced: owed to this one too
        contents = self._recover(read_journal(self.path))
        self.latest, self.lines = contents.latest, contents.lines
        self.warnings.extend(contents.warnings)
        self.notices.extend(contents.warnings)
        if contents.conflicts:
            self.notices.append(_conflicts_warning(self.path, contents.conflicts))
        lost = [doc_id for doc_id in before if self._would_lose(doc_id, before)]
        self._owed = {doc_id: before[doc_id] for doc_id in lost}
        mine = sum(1 for doc_id in lost if doc_id in self._mine)
        if lost:
            done = (
                f"{len(lost)} document(s) are saved on top of it as newer revisions ({mine} you edited, "
                f"{len(lost) - mine} it lacked or held only in an older version)"
            )
        else:
            done = "it already held all your work"
        self.notices.append(
            f"{self.path.name} was replaced on disk while you worked (a git pull or checkout?): it was read again, "
            f"and {done}."
        )

    def _would_lose(self, doc_id: str, before: Annotations) -> bool:
        """Does the re-read journal lack what ``before`` (the replaced file) held of ``doc_id``?"""
        old, new = before.record(doc_id), self.latest.record(doc_id)
        if new is None:
            return True
        if old is None or old[1] == new[1]:
            return False
        return doc_id in self._mine or new[0] <= old[0]

    def _swap(self, fd: int, restore_from: int | None = None) -> None:
        """Make ``fd`` (a new file at our path) the journal: lock it, optionally copy the
        old file's bytes into it, and let the old one (and its lock) go."""
        try:
            _lock(fd, self.annotator, replaced=True)
            if restore_from is not None:
                safefs.write_all(fd, os.pread(restore_from, os.fstat(restore_from).st_size, 0))
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        os.close(self._fd)
        self._fd = fd

    def _recover(self, contents: JournalContents) -> JournalContents:
        """Move a torn or unreadable last line to ``.corrupt`` and cut it off, so appends stay valid."""
        if contents.torn_at is not None:
            data = os.pread(self._fd, os.fstat(self._fd).st_size, 0)
            corrupt = self.path.with_name(self.path.name + ".corrupt")
            fd = safefs.open_append(corrupt)
            try:
                safefs.write_all(fd, data[contents.torn_at :].rstrip(b"\n") + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            os.ftruncate(self._fd, contents.torn_at)
            os.fsync(self._fd)
            contents.warnings[-1] += f" The damaged line was kept in {corrupt.name}."
        elif contents.missing_final_newline:
            safefs.write_all(self._fd, b"\n")
            os.fsync(self._fd)
        return contents


def _conflicts_warning(path: Path, conflicts: list[RevisionConflict]) -> str:
    """One warning for all of them: 'validate' is where each is listed."""
    first = conflicts[0]
    more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
    return f"{path}:{first.line}: {first.describe()}{more}; 'corpus-tui validate' lists them all."


def _rev(ann: DocAnnotation | None) -> int:
    return ann.rev if ann is not None else 0


def _checked_line(ann: DocAnnotation) -> bytes:
    """The journal line of ``ann``, refused unless it reads back as an annotation: the
    journal must never hold a line the program cannot read (a stance of 3 from an import)."""
    line = journal_line(ann)
    try:
        decode_annotation(line)
    except msgspec.ValidationError as exc:
        raise ValidationError(f"cannot save the annotation of {ann.doc_id!r}: {exc}") from None
    return line


def _lock(fd: int, annotator: str, replaced: bool = False) -> None:
    """Take the journal's exclusive lock or say who holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _lock_holder(fd)
        who = f" (process {holder})" if holder is not None else ""
        if replaced:
            raise JournalLockedError(
                f"The journal of {annotator!r} was replaced on disk and another corpus-tui{who} now writes it: "
                "your last edits are not saved; close that corpus-tui, then retry."
            ) from None
        raise JournalLockedError(
            f"Annotator {annotator!r} already has this project open{who}: close that "
            "corpus-tui first, or choose another name with --annotator."
        ) from None


def _lock_holder(fd: int) -> int | None:
    """The process holding a flock on ``fd``'s file, from /proc/locks (Linux), if any."""
    st = os.fstat(fd)
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            for line in locks:
                fields = line.split()
                if "FLOCK" in fields and device in fields and "->" not in fields:
                    pid = fields[fields.index(device) - 1]
                    if pid.isdigit():
                        return int(pid)
    except OSError:
        return None
    return None
