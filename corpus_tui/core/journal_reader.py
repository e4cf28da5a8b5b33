"""Reading annotation journals: ``annotations/<annotator>.jsonl``, append-only, one writer (``store``).

Why a journal and not a database: annotators' work lives in git next to the corpus, one
file per annotator so branches merge without conflicts, and an append + fsync per save
means a crash (power, SSH drop, kill -9) loses at most the edit being written.

Reading keeps only the highest ``rev`` per document. A torn last line (crash mid-write),
or a last line that is JSON but not an annotation, is skipped with a warning saying which
and, when we hold the lock, moved to ``.corrupt`` and cut off so later appends stay
parseable. A bad line anywhere else is an error naming file and line: that is damage, not
a crash, and silently skipping it would lose work. Two different records of one revision
of a document (or a revision lower than one already read) mean two writers saved it; they
are recorded as ``RevisionConflict``s for ``validate`` to report.

A line is one ``DocAnnotation`` as msgspec encodes it: keys in field order, compact
separators, UTF-8 (the bytes ``json.dumps(ensure_ascii=False, separators=(",", ":"))``
wrote before; tests/unit/test_journal_format.py holds lines written then).
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, MutableMapping, ValuesView
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document

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
decode_annotation = msgspec.json.Decoder(DocAnnotation).decode


@dataclass(frozen=True)
class RevisionConflict:
    """Line ``line`` holds revision ``rev`` of ``doc_id``, but line ``other_line`` before it
    already held revision ``other_rev`` (the same, with other content, or a higher one):
    two writers saved this document, and one of them may have lost an edit."""

    doc_id: str
    rev: int
    line: int
    other_rev: int
    other_line: int

    def describe(self) -> str:
        if self.rev == self.other_rev:
            return (
                f"document {self.doc_id!r} has two different records of revision {self.rev} (lines "
                f"{self.other_line} and {self.line}): two writers saved it; line {self.line} is the one shown"
            )
        return (
            f"document {self.doc_id!r} has revision {self.rev} at line {self.line}, after revision "
            f"{self.other_rev} at line {self.other_line}: two writers saved it; line {self.other_line} is the one shown"
        )


@dataclass
class JournalContents:
    """What a read found: the winners, how many lines there were, and what was skipped."""

    latest: Annotations = field(default_factory=lambda: Annotations())
    lines: int = 0
    warnings: list[str] = field(default_factory=list)
    #: records of one document that two writers saved (``validate`` reports each)
    conflicts: list[RevisionConflict] = field(default_factory=list)
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

    def record(self, doc_id: str) -> tuple[int, bytes] | None:
        """The revision and the stored line (no newline) of ``doc_id``, without building the
        record: cheap enough to compare every document of two journals."""
        value = self._items.get(doc_id)
        if value is None:
            return None
        if type(value) is tuple:
            return value[0], value[2].strip()  # type: ignore[index]
        return value.rev, journal_line(value).rstrip(b"\n")  # type: ignore[union-attr]

    def stored_lines(self) -> Iterator[bytes]:
        """Each document's line: as on disk while it is unconverted (compaction copies those
        bytes instead of building and re-encoding the record), else encoded."""
        for value in self._items.values():
            yield value[2].strip() + b"\n" if type(value) is tuple else journal_line(value)  # type: ignore[arg-type]

    def _convert(self, doc_id: str, line: _Line) -> DocAnnotation:
        _rev, lineno, raw = line
        try:
            ann = decode_annotation(raw)
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
    scan = _scan_lines(path, raw_lines)
    contents.lines, contents.conflicts = scan.records, scan.conflicts
    if scan.bad_last_line is not None:
        contents.torn_at = size - len(raw_lines[-1]) - (1 if ends_cleanly else 0)
        contents.warnings.append(
            f"{path}:{len(raw_lines)}: {scan.bad_last_line}; it was skipped and earlier saves are intact."
        )
    elif not ends_cleanly:
        contents.missing_final_newline = True
    contents.latest = Annotations(path, scan.winners)
    if strict:
        contents.latest.convert_all()
    return contents


@dataclass
class _Scan:
    #: the highest-rev line per document
    winners: dict[str, _Line] = field(default_factory=dict)
    #: how many lines hold a record
    records: int = 0
    #: what is wrong with the last line, when it is skipped (torn, or not an annotation)
    bad_last_line: str | None = None
    conflicts: list[RevisionConflict] = field(default_factory=list)


def _scan_lines(path: Path, raw_lines: list[bytes]) -> _Scan:
    """Every line's document and revision; a line that does not parse is an error, unless
    it is the last one (a crash while saving): that one is checked whole and skipped."""
    scan = _Scan()
    winners = scan.winners
    last_index = len(raw_lines) - 1
    for index, raw in enumerate(raw_lines):
        try:
            key = _decode_key(raw)
            if index == last_index:
                decode_annotation(raw)  # ~7 µs: a last line that reads back is never moved aside
        except msgspec.DecodeError as exc:
            if not raw.strip():
                continue  # a blank line (hand-edited file) carries nothing
            if index != last_index:
                raise CorpusError(f"{path}:{index + 1}: invalid journal line ({exc}).") from None
            if isinstance(exc, msgspec.ValidationError):  # JSON, but not an annotation
                scan.bad_last_line = f"the last line is not a valid annotation ({exc})"
            else:
                scan.bad_last_line = "the last line is incomplete (probably a crash while saving)"
            return scan
        scan.records += 1
        current = winners.get(key.doc_id)
        if current is None or key.rev > current[0]:
            winners[key.doc_id] = (key.rev, index + 1, raw)
            continue
        if key.rev < current[0] or raw.strip() != current[2].strip():
            scan.conflicts.append(RevisionConflict(key.doc_id, key.rev, index + 1, current[0], current[1]))
        if key.rev == current[0]:
            winners[key.doc_id] = (key.rev, index + 1, raw)  # of two equal revisions the later line wins
    return scan


def is_stale(ann: DocAnnotation, document: Document) -> bool:
    """True when the document's text changed since the annotation's offsets were made."""
    return ann.text_sha256 != document.text_sha256
