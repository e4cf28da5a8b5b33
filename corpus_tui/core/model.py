"""The data model: documents and their annotations, as plain immutable records.

Everything here is pure (no I/O, no Textual, no spaCy) so that the journal, the editor,
the suggester and the exporter all agree on one definition of a valid annotation.
Records are frozen msgspec Structs holding tuples: an edit builds a new record (with
``msgspec.structs.replace``), which makes undo a matter of keeping the old one and lets
the TUI compare versions cheaply. The one declaration of each record is also its JSON
schema: msgspec decodes a journal line straight into the records, checking every type and
vocabulary on the way, and encodes them back in field order.

Offsets are Python ``str`` indices into ``Document.text``, end-exclusive.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Self

import msgspec

from corpus_tui.core.errors import ValidationError


class Kind(StrEnum):
    """What sort of quote: a quotation, a paraphrase, or a paraphrase holding a quoted fragment."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class Origin(StrEnum):
    """Who made a span: a person, the suggester, or a person who took a suggestion over."""

    MANUAL = "manual"
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"


class Status(StrEnum):
    """Where a document stands for one annotator."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"
    FLAGGED = "flagged"


class RejectedType(StrEnum):
    """What a remembered rejection was; ``doc_stance`` (start = end = 0) is gold's reviewer
    taking none of the annotators' document stances."""

    QUOTE = "quote"
    MENTION = "mention"
    CUE = "cue"
    DOC_STANCE = "doc_stance"


# The vocabularies as plain strings, in their order (menus, messages, ClassLabel names, YAML).
KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
ORIGINS: tuple[str, ...] = tuple(o.value for o in Origin)
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
REJECTED_TYPES: tuple[str, ...] = tuple(r.value for r in RejectedType)
DEFAULT_STANCE_LABELS: tuple[str, ...] = ("favor", "against", "neutral")

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]*")


def text_sha256(text: str) -> str:
    """The fingerprint that ties an annotation's offsets to one exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_safe_id(doc_id: str) -> bool:
    """Document ids name files and journal keys, so they must be portable file names; the
    whole id must match (``fullmatch``: ``$`` would let ``"a\\n"`` through)."""
    return bool(_SAFE_ID.fullmatch(doc_id)) and len(doc_id) <= 200


@dataclass(eq=False)
class Document:
    """One article. ``text`` is already normalised (UTF-8, ``\\n`` newlines)."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def text_sha256(self) -> str:
        return text_sha256(self.text)


class Record(msgspec.Struct, frozen=True, gc=False):
    """What every annotation record is: frozen (so hashable and compared by value) and not
    tracked by the garbage collector, which a journal of a million small records would
    otherwise keep walking; they hold only strings, numbers and tuples of records, so they
    cannot form a cycle.

    The constructor does not check types (the editor and the suggester build records from
    values they made); ``from_dict`` and the journal's decoder do, and ``validation_errors``
    checks the rules types cannot express.
    """

    def to_dict(self) -> dict[str, Any]:
        """The record as the JSON object the journal writes: keys in field order, lists,
        plain strings and None (what exporters and tests compare with parsed JSON)."""
        return _from_json(_to_json(self))

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """The record from parsed JSON (an imported file, a streamed journal line): types and
        vocabularies are checked, missing optional keys take their defaults, unknown keys
        are ignored. ValidationError names what is wrong and where (``$.quotes[0].start``)."""
        try:
            return msgspec.convert(data, cls)
        except msgspec.ValidationError as exc:
            raise ValidationError(str(exc)) from None


_to_json = msgspec.json.Encoder().encode
_from_json = msgspec.json.Decoder().decode


class Mention(Record):
    """A span naming a speaker; ``entity`` is the canonical name shared across articles."""

    id: str
    start: int
    end: int
    entity: str
    origin: Origin = Origin.MANUAL


class Quote(Record):
    """What someone says: the content span (without quotation marks for direct quotes).

    ``by`` and ``score`` are a suggestion's provenance (``"rules"`` or the trained model's
    name, and its probability): UNSET unless a suggester set them, and then left out of
    the JSON altogether, so journals without them keep their bytes."""

    id: str
    start: int
    end: int
    kind: Kind = Kind.INDIRECT
    source: str | None = None
    cue: tuple[int, int] | None = None
    stance: str | None = None
    target: str | None = None
    origin: Origin = Origin.MANUAL
    by: str | msgspec.UnsetType = msgspec.UNSET
    score: float | msgspec.UnsetType = msgspec.UNSET


class DocStance(Record):
    """The stance of the article as a whole toward a target."""

    stance: str
    target: str | None = None


class Rejected(Record):
    """A suggestion the annotator turned down, remembered so it is never offered again."""

    type: RejectedType
    start: int
    end: int


class DocAnnotation(Record):
    """One annotator's complete annotation of one document: the unit the journal saves."""

    doc_id: str
    text_sha256: str
    annotator: str
    rev: int = 0
    updated: str = ""
    status: Status = Status.TODO
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    doc_stance: DocStance | None = None
    note: str = ""
    rejected: tuple[Rejected, ...] = ()

    @classmethod
    def empty(cls, document: Document, annotator: str) -> DocAnnotation:
        return cls(doc_id=document.id, text_sha256=document.text_sha256, annotator=annotator)

    def mention(self, mention_id: str | None) -> Mention | None:
        for m in self.mentions:
            if m.id == mention_id:
                return m
        return None

    def quote(self, quote_id: str) -> Quote | None:
        for q in self.quotes:
            if q.id == quote_id:
                return q
        return None

    def speaker_of(self, quote: Quote) -> str | None:
        """The entity name of a quote's source mention, if it has one."""
        m = self.mention(quote.source)
        return m.entity if m is not None else None


# --------------------------------------------------------------------------- validation


@dataclass
class _Rules:
    """The rules a span breaks depend on the text's length (None: no text, or a changed one
    the offsets do not refer to) and on the ids already used (mentions and quotes share them)."""

    text_len: int | None
    stance_labels: Sequence[str] | None
    errors: list[str] = field(default_factory=list)
    seen_ids: set[str] = field(default_factory=set)

    def check_id(self, label: str, span_id: str) -> None:
        if span_id in self.seen_ids:
            self.errors.append(f"{label}: id is used twice")
        self.seen_ids.add(span_id)

    def check_span(self, what: str, start: int, end: int) -> None:
        if start < 0:
            self.errors.append(f"{what} starts at {start}, before the text")
        if start >= end:
            self.errors.append(f"{what} has start {start} >= end {end}")
        if self.text_len is not None and end > self.text_len:
            self.errors.append(f"{what} ends at {end}, past the end of the text ({self.text_len} characters)")

    def check_stance(self, what: str, stance: str | None) -> None:
        if stance is not None and self.stance_labels is not None and stance not in self.stance_labels:
            self.errors.append(f"{what} {stance!r}")


def validation_errors(
    ann: DocAnnotation,
    document: Document | None = None,
    stance_labels: Sequence[str] | None = None,
) -> list[str]:
    """Every rule the annotation breaks, each as a sentence a person can act on.

    Without ``document`` the span bounds cannot be checked against the text; without
    ``stance_labels`` any stance string is accepted. The vocabularies are checked here too:
    the decoder refuses an unknown kind in a journal, but a record built in code (an import,
    an edit) carries whatever string it was given.
    """
    rules = _Rules(len(document.text) if document is not None else None, stance_labels)
    errors = rules.errors
    if document is not None:
        if ann.doc_id != document.id:
            errors.append(f"annotation is for document {ann.doc_id!r}, not {document.id!r}")
        if ann.text_sha256 != document.text_sha256:
            errors.append(
                f"document {ann.doc_id!r} changed since it was annotated (text_sha256 differs): the annotation is stale"
            )
            rules.text_len = None  # offsets refer to another text; bounds say nothing useful
    if ann.status not in STATUSES:
        errors.append(f"status {ann.status!r} is not one of {', '.join(STATUSES)}")
    if ann.rev < 0:
        errors.append(f"rev {ann.rev} is negative")
    for m in ann.mentions:
        _check_mention(rules, m)
    mention_ids = {m.id for m in ann.mentions}
    for q in ann.quotes:
        _check_quote(rules, q, mention_ids)
    errors.extend(f"quotes {a.id!r} and {b.id!r} {why}" for a, b, why in crossing_quotes(ann.quotes))
    if ann.doc_stance is not None:
        rules.check_stance("document stance has unknown label", ann.doc_stance.stance)
    for r in ann.rejected:
        if r.type not in REJECTED_TYPES:
            errors.append(f"rejected span has unknown type {r.type!r}")
    return errors


def crossing_quotes(quotes: Sequence[Quote]) -> list[tuple[Quote, Quote, str]]:
    """Pairs of quotes that break the nesting rule, with why: quotes may nest (``X said that
    Y claimed …``: one wholly inside another), but two may not overlap in part or cover the
    same characters. A sweep in start order keeps the quotes still open; O(n log n)."""
    found: list[tuple[Quote, Quote, str]] = []
    open_quotes: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        while open_quotes and open_quotes[-1].end <= q.start:
            open_quotes.pop()
        if open_quotes:
            outer = open_quotes[-1]
            if (outer.start, outer.end) == (q.start, q.end):
                found.append((outer, q, "cover the same text"))
                continue
            if q.end > outer.end:
                found.append((outer, q, "overlap without one lying inside the other"))
                continue
        open_quotes.append(q)
    return found


def enclosing_quote(quotes: Sequence[Quote], quote: Quote) -> Quote | None:
    """The innermost other quote that ``quote`` lies inside (nested attribution), if any."""
    around = [
        q
        for q in quotes
        if q.id != quote.id
        and q.start <= quote.start
        and quote.end <= q.end
        and (q.start, q.end) != (quote.start, quote.end)
    ]
    return min(around, key=lambda q: q.end - q.start, default=None)


def _check_mention(rules: _Rules, m: Mention) -> None:
    label = f"mention {m.id!r}"
    rules.check_id(label, m.id)
    rules.check_span(label, m.start, m.end)
    if not m.entity.strip():
        rules.errors.append(f"{label} has an empty entity name")
    if m.origin not in ORIGINS:
        rules.errors.append(f"{label} has unknown origin {m.origin!r}")


def _check_quote(rules: _Rules, q: Quote, mention_ids: set[str]) -> None:
    label = f"quote {q.id!r}"
    rules.check_id(label, q.id)
    rules.check_span(label, q.start, q.end)
    if q.kind not in KINDS:
        rules.errors.append(f"{label} has unknown kind {q.kind!r} (expected {', '.join(KINDS)})")
    if q.origin not in ORIGINS:
        rules.errors.append(f"{label} has unknown origin {q.origin!r}")
    if q.source is not None and q.source not in mention_ids:
        rules.errors.append(f"{label} has unknown source mention {q.source!r}")
    if q.cue is not None:
        rules.check_span(f"cue of {label}", q.cue[0], q.cue[1])
    rules.check_stance(f"{label} has unknown stance label", q.stance)


def validate(
    ann: DocAnnotation,
    document: Document | None = None,
    stance_labels: Sequence[str] | None = None,
) -> None:
    """Raise ValidationError with the first broken rule (callers that want all use
    ``validation_errors``)."""
    errors = validation_errors(ann, document, stance_labels)
    if errors:
        raise ValidationError(errors[0])
