"""The annotation journal: ``annotations/<annotator>.jsonl``, append-only, one writer.

Why a journal and not a database: annotators' work lives in git next to the corpus, one
file per annotator so branches merge without conflicts, and an append + fsync per save
means a crash (power, SSH drop, kill -9) loses at most the edit being written.

Reading keeps only the highest ``rev`` per document. A torn last line (crash mid-write)
is skipped with a warning and, when we hold the lock, moved to ``.corrupt`` and cut off
so later appends stay parseable. A bad line anywhere else is an error naming file and
line: that is damage, not a crash, and silently skipping it would lose work.

A line is one ``DocAnnotation`` as msgspec encodes it: keys in field order, compact
separators, UTF-8 (the bytes ``json.dumps(ensure_ascii=False, separators=(",", ":"))``
wrote before; tests/unit/test_journal_format.py holds lines written then).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import ItemsView, Iterator, KeysView, MutableMapping, ValuesView
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import replace

from corpus_tui.core import safefs
from corpus_tui.core.errors import CorpusError, JournalLockedError, ValidationError
from corpus_tui.core.model import DocAnnotation, Document

#: compaction on open triggers when more than this share of lines is superseded
STALE_SHARE_FOR_COMPACTION = 0.5
#: ... and only once the journal is at least this long (tiny journals are not worth it)
MIN_LINES_FOR_COMPACTION = 20


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_encode = msgspec.json.Encoder().encode


def journal_line(ann: DocAnnotation) -> bytes:
    """The line the journal writes for ``ann``, newline included."""
    return _encode(ann) + b"\n"


class _LineKey(msgspec.Struct, gc=False):
    """What opening needs of every line: its document and revision (the decoder still
    parses the whole line, so damage anywhere in it is found, but builds nothing else)."""

    doc_id: str
    rev: int


_decode_key = msgspec.json.Decoder(_LineKey).decode
_decode_annotation = msgspec.json.Decoder(DocAnnotation).decode


@dataclass
class JournalContents:
    """What a read found: the winners, how many lines there were, and what was skipped."""

    latest: Annotations = field(default_factory=lambda: Annotations())
    lines: int = 0
    warnings: list[str] = field(default_factory=list)
    #: byte offset where a torn last line starts (None when the file ends cleanly)
    torn_at: int | None = None
    #: the journal's last byte is not a newline (a valid line written without its "\n")
    missing_final_newline: bool = False

    @property
    def stale_lines(self) -> int:
        return self.lines - len(self.latest)


#: a winning line before it is turned into a DocAnnotation: (rev, 1-based line number, the
#: line's bytes as on disk)
_Line = tuple[int, int, bytes]


class Annotations(MutableMapping[str, DocAnnotation]):
    """The latest annotation per document (a dict to its users), built on first use.

    Why lazy: building the records of a 1.2 KB line costs ~7 µs, and opening a compacted
    journal of 100,000 documents must not pay that for documents nobody looks at (the TUI
    shows one article at a time; compaction copies lines as they are). The winning lines
    are kept as the bytes on disk: about the memory of the built records. ``read_journal``
    has parsed every line already; what is left for first use is a line that is JSON but
    not an annotation (a wrong type, a missing key, an unknown kind: a hand edit). It
    raises the same ``file:line`` CorpusError an eager read did, each time the record is
    asked for, and ``convert_all`` raises it up front for callers that must not fail later
    (compaction carries such a line over byte for byte: damage is kept for ``validate`` to
    report, never made worse).
    """

    __slots__ = ("_converted", "_items", "_path")

    def __init__(self, path: Path | None = None, lines: dict[str, Any] | None = None) -> None:
        """``lines`` (doc_id -> ``_Line``) is taken over, not copied."""
        self._path = path
        # one dict, so iteration keeps the journal's order whatever has been converted
        self._items: dict[str, DocAnnotation | _Line] = lines if lines is not None else {}
        self._converted = not self._items

    def __getitem__(self, doc_id: str) -> DocAnnotation:
        value = self._items[doc_id]
        return self._convert(doc_id, value) if type(value) is tuple else value  # type: ignore[return-value]

    def get(self, doc_id: str, default: Any = None) -> Any:
        value = self._items.get(doc_id)
        if value is None:
            return default
        return self._convert(doc_id, value) if type(value) is tuple else value

    def __setitem__(self, doc_id: str, ann: DocAnnotation) -> None:
        self._items[doc_id] = ann

    def __delitem__(self, doc_id: str) -> None:
        del self._items[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> KeysView[str]:
        return self._items.keys()

    def values(self) -> ValuesView[DocAnnotation]:
        """Every annotation, all built first: whoever asks for all of them (stats, agreement,
        the TUI's entity list) uses all of them."""
        self.convert_all()
        return self._items.values()  # type: ignore[return-value]

    def items(self) -> ItemsView[str, DocAnnotation]:
        self.convert_all()
        return self._items.items()  # type: ignore[return-value]

    def __repr__(self) -> str:
        pending = sum(1 for value in self._items.values() if type(value) is tuple)
        return f"<Annotations of {self._path}: {len(self._items)} documents, {pending} not read yet>"

    def convert_all(self) -> None:
        """Build every record now: a record that is not an annotation is reported here, not later."""
        if self._converted:
            return
        for doc_id, value in self._items.items():
            if type(value) is tuple:
                self._convert(doc_id, value)
        self._converted = True  # only built annotations are ever added from now on

    def stored_lines(self) -> Iterator[bytes]:
        """Each document's line: as on disk while it is unconverted (compaction copies those
        bytes instead of building and re-encoding the record), else encoded."""
        for value in self._items.values():
            yield value[2].strip() + b"\n" if type(value) is tuple else journal_line(value)  # type: ignore[arg-type]

    def _convert(self, doc_id: str, line: _Line) -> DocAnnotation:
        _rev, lineno, raw = line
        try:
            ann = _decode_annotation(raw)
        except msgspec.DecodeError as exc:
            raise CorpusError(f"{self._path}:{lineno}: invalid annotation ({exc}).") from None
        self._items[doc_id] = ann  # replacing a value keeps the key's place
        return ann


def read_journal(path: Path, strict: bool = False) -> JournalContents:
    """Read a journal without locking it (stats, export, agreement read others' journals).

    Every line is parsed (msgspec, ~2 µs a line), but only for its ``doc_id`` and ``rev``:
    garbage, a cut-off line, two records run together or a torn last save are found on
    opening. The winning lines are built into ``DocAnnotation``s only when used (see
    ``Annotations``), so a compacted journal of 100,000 documents opens in budget (2 s).
    ``strict`` (``corpus-tui validate``) builds every record, so every error is raised here.
    """
    contents = JournalContents(latest=Annotations(path))
    try:
        data = path.read_bytes() if path.exists() else b""
    except OSError as exc:
        raise CorpusError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if not data:
        return contents
    raw_lines = data.split(b"\n")
    size = len(data)
    del data
    ends_cleanly = raw_lines[-1] == b""
    if ends_cleanly:
        raw_lines.pop()
    winners, contents.lines, torn = _winning_lines(path, raw_lines)
    if torn:
        contents.torn_at = size - len(raw_lines[-1]) - (1 if ends_cleanly else 0)
        contents.warnings.append(
            f"{path}:{len(raw_lines)}: the last line is incomplete (probably a crash while saving); "
            "it was skipped and earlier saves are intact."
        )
    elif not ends_cleanly:
        contents.missing_final_newline = True
    contents.latest = Annotations(path, winners)
    if strict:
        contents.latest.convert_all()
    return contents


def _winning_lines(path: Path, raw_lines: list[bytes]) -> tuple[dict[str, _Line], int, bool]:
    """The highest-rev line per document, how many lines hold a record, and whether the
    last line is torn (a line that does not parse anywhere else is an error)."""
    winners: dict[str, _Line] = {}
    records = 0
    last_index = len(raw_lines) - 1
    for index, raw in enumerate(raw_lines):
        try:
            key = _decode_key(raw)
        except msgspec.DecodeError as exc:
            if not raw.strip():
                continue  # a blank line (hand-edited file) carries nothing
            if index == last_index:
                return winners, records, True
            raise CorpusError(f"{path}:{index + 1}: invalid journal line ({exc}).") from None
        records += 1
        current = winners.get(key.doc_id)
        if current is None or key.rev >= current[0]:
            winners[key.doc_id] = (key.rev, index + 1, raw)
    return winners, records, False


class Journal:
    """The writable journal of one annotator, holding an exclusive lock on the journal file.

    Why the lock is on the journal itself: a separate lock file is an ignored file that
    ``git clean -fdX`` deletes under a running TUI, after which a second writer could open
    the same journal. Before every append the writer checks that the path still names the
    file it holds (device + inode): a ``git pull``, ``git checkout`` or sync tool that
    replaced the journal is followed (the new file is locked and read, and this writer's
    documents are saved again on top as newer revisions), so neither side's edits are lost.
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
        contents = self._recover(read_journal(path))
        self.latest: Annotations = contents.latest
        self.warnings: list[str] = contents.warnings
        self.lines = contents.lines
        if self.lines >= MIN_LINES_FOR_COMPACTION and contents.stale_lines > self.lines * STALE_SHARE_FOR_COMPACTION:
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
        self._check_open()
        self._follow_replacement()
        return self._append(annotations)

    def compact(self) -> int:
        """Rewrite the journal with only the latest revs (temp file, fsync, rename).

        Lines not built since opening are copied as they are: a line that is JSON but not an
        annotation is carried over for ``validate`` to report. The new file is locked before
        it takes the journal's name, so the lock never lapses. Returns the lines removed.
        """
        self._check_open()
        self._follow_replacement()
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

    def _append(self, annotations: list[DocAnnotation]) -> list[DocAnnotation]:
        saved_all: list[DocAnnotation] = []
        revs: dict[str, int] = {}
        lines: list[bytes] = []
        stamp = utc_now()
        for ann in annotations:
            rev = revs.get(ann.doc_id)
            if rev is None:
                rev = max(_rev(self.latest.get(ann.doc_id)), _rev(self._mine.get(ann.doc_id)))
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
        there now, read it, and save this writer's documents again on top of it."""
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
        contents = self._recover(read_journal(self.path))
        self.latest, self.lines = contents.latest, contents.lines
        self.warnings.extend(contents.warnings)
        again = [ann for doc_id, ann in self._mine.items() if self.latest.get(doc_id) != ann]
        if again:
            self._append(again)
        self.notices.append(
            f"{self.path.name} was replaced on disk while you worked (a git pull or checkout?): it was read again, "
            f"and your {len(again)} edited document(s) were saved on top of it as newer revisions."
        )

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


def _rev(ann: DocAnnotation | None) -> int:
    return ann.rev if ann is not None else 0


def _checked_line(ann: DocAnnotation) -> bytes:
    """The journal line of ``ann``, refused unless it reads back as an annotation: the
    journal must never hold a line the program cannot read (a stance of 3 from an import)."""
    line = journal_line(ann)
    try:
        _decode_annotation(line)
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


def is_stale(ann: DocAnnotation, document: Document) -> bool:
    """True when the document's text changed since the annotation's offsets were made."""
    return ann.text_sha256 != document.text_sha256
