"""The data model: documents and their annotations, as plain immutable records.

Everything here is pure (no I/O, no Textual, no spaCy) so that the journal, the editor,
the suggester and the exporter all agree on one definition of a valid annotation.
Records are frozen dataclasses holding tuples: an edit builds a new record, which makes
undo a matter of keeping the old one and lets the TUI compare versions cheaply.

Offsets are Python ``str`` indices into ``Document.text``, end-exclusive.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

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

_T = TypeVar("_T")

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")


def text_sha256(text: str) -> str:
    """The fingerprint that ties an annotation's offsets to one exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_safe_id(doc_id: str) -> bool:
    """Document ids name files and journal keys, so they must be portable file names."""
    return bool(_SAFE_ID.match(doc_id)) and len(doc_id) <= 200


@dataclass(eq=False)
class Document:
    """One article. ``text`` is already normalised (UTF-8, ``\\n`` newlines)."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def text_sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span naming a speaker; ``entity`` is the canonical name shared across articles."""

    id: str
    start: int
    end: int
    entity: str
    origin: str = "manual"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "entity": self.entity,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Mention:
        if type(data) is dict:  # fast path: a well-formed record from the journal
            id_, start, end, entity = data.get("id"), data.get("start"), data.get("end"), data.get("entity")
            origin = data.get("origin", "manual")
            if (
                type(id_) is str
                and type(start) is int
                and type(end) is int
                and type(entity) is str
                and type(origin) is str
            ):
                return _build_mention(id_, start, end, entity, origin)
        _require_keys(data, ("id", "start", "end", "entity"), "mention")
        return cls(
            id=_as_str(data["id"], "mention id"),
            start=_as_int(data["start"], "mention start"),
            end=_as_int(data["end"], "mention end"),
            entity=_as_str(data["entity"], "mention entity"),
            origin=_as_str(data.get("origin", "manual"), "mention origin"),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone says: the content span (without quotation marks for direct quotes)."""

    id: str
    start: int
    end: int
    kind: str = "indirect"
    source: str | None = None
    cue: tuple[int, int] | None = None
    stance: str | None = None
    target: str | None = None
    origin: str = "manual"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "source": self.source,
            "cue": list(self.cue) if self.cue is not None else None,
            "stance": self.stance,
            "target": self.target,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        if type(data) is dict:  # fast path: a well-formed record from the journal
            get = data.get
            id_, start, end, kind, cue = get("id"), get("start"), get("end"), get("kind"), get("cue")
            source, stance, target, origin = get("source"), get("stance"), get("target"), get("origin", "manual")
            if (
                type(id_) is str
                and type(start) is int
                and type(end) is int
                and type(kind) is str
                and type(origin) is str
                and (source is None or type(source) is str)
                and (stance is None or type(stance) is str)
                and (target is None or type(target) is str)
            ):
                if cue is None:
                    return _build_quote(id_, start, end, kind, source, None, stance, target, origin)
                if type(cue) is list and len(cue) == 2 and type(cue[0]) is int and type(cue[1]) is int:
                    return _build_quote(id_, start, end, kind, source, (cue[0], cue[1]), stance, target, origin)
        _require_keys(data, ("id", "start", "end", "kind"), "quote")
        cue = data.get("cue")
        if cue is not None:
            if not isinstance(cue, (list, tuple)) or len(cue) != 2:
                raise ValidationError("quote cue must be [start, end] or null")
            cue = (_as_int(cue[0], "cue start"), _as_int(cue[1], "cue end"))
        return cls(
            id=_as_str(data["id"], "quote id"),
            start=_as_int(data["start"], "quote start"),
            end=_as_int(data["end"], "quote end"),
            kind=_as_str(data["kind"], "quote kind"),
            source=_as_opt_str(data.get("source"), "quote source"),
            cue=cue,
            stance=_as_opt_str(data.get("stance"), "quote stance"),
            target=_as_opt_str(data.get("target"), "quote target"),
            origin=_as_str(data.get("origin", "manual"), "quote origin"),
        )


@dataclass(frozen=True, slots=True)
class DocStance:
    """The stance of the article as a whole toward a target."""

    stance: str
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"stance": self.stance, "target": self.target}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocStance:
        if type(data) is dict:  # fast path: a well-formed record from the journal
            stance, target = data.get("stance"), data.get("target")
            if type(stance) is str and (target is None or type(target) is str):
                return _build_stance(stance, target)
        _require_keys(data, ("stance",), "doc_stance")
        return cls(
            stance=_as_str(data["stance"], "doc_stance stance"),
            target=_as_opt_str(data.get("target"), "doc_stance target"),
        )


@dataclass(frozen=True, slots=True)
class Rejected:
    """A suggestion the annotator turned down, remembered so it is never offered again."""

    type: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rejected:
        _require_keys(data, ("type", "start", "end"), "rejected span")
        return cls(
            type=_as_str(data["type"], "rejected type"),
            start=_as_int(data["start"], "rejected start"),
            end=_as_int(data["end"], "rejected end"),
        )


@dataclass(frozen=True, slots=True)
class DocAnnotation:
    """One annotator's complete annotation of one document: the unit the journal saves."""

    doc_id: str
    text_sha256: str
    annotator: str
    rev: int = 0
    updated: str = ""
    status: str = "todo"
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "text_sha256": self.text_sha256,
            "annotator": self.annotator,
            "rev": self.rev,
            "updated": self.updated,
            "status": self.status,
            "mentions": [m.to_dict() for m in self.mentions],
            "quotes": [q.to_dict() for q in self.quotes],
            "doc_stance": self.doc_stance.to_dict() if self.doc_stance else None,
            "note": self.note,
            "rejected": [r.to_dict() for r in self.rejected],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocAnnotation:
        if type(data) is dict:  # fast path: a well-formed record from the journal
            get = data.get
            doc_id, sha, annotator, rev = get("doc_id"), get("text_sha256"), get("annotator"), get("rev")
            updated, status, note = get("updated", ""), get("status", "todo"), get("note", "")
            mentions, quotes, stance, rejected = get("mentions"), get("quotes"), get("doc_stance"), get("rejected")
            if (
                type(doc_id) is str
                and type(sha) is str
                and type(annotator) is str
                and type(rev) is int
                and type(updated) is str
                and type(status) is str
                and type(note) is str
                and type(mentions) is list
                and type(quotes) is list
                and (rejected is None or type(rejected) is list)
                and (stance is None or type(stance) is dict)
            ):
                return _build_annotation(
                    doc_id,
                    sha,
                    annotator,
                    rev,
                    updated,
                    status,
                    tuple([Mention.from_dict(m) for m in mentions]),
                    tuple([Quote.from_dict(q) for q in quotes]),
                    DocStance.from_dict(stance) if stance is not None else None,
                    note,
                    tuple([Rejected.from_dict(r) for r in rejected]) if rejected else (),
                )
        if not isinstance(data, Mapping):
            raise ValidationError("an annotation record must be a JSON object")
        _require_keys(data, ("doc_id", "text_sha256", "annotator", "rev"), "annotation")
        doc_stance = data.get("doc_stance")
        return cls(
            doc_id=_as_str(data["doc_id"], "doc_id"),
            text_sha256=_as_str(data["text_sha256"], "text_sha256"),
            annotator=_as_str(data["annotator"], "annotator"),
            rev=_as_int(data["rev"], "rev"),
            updated=_as_str(data.get("updated", ""), "updated"),
            status=_as_str(data.get("status", "todo"), "status"),
            mentions=tuple(Mention.from_dict(m) for m in _as_list(data.get("mentions"), "mentions")),
            quotes=tuple(Quote.from_dict(q) for q in _as_list(data.get("quotes"), "quotes")),
            doc_stance=DocStance.from_dict(doc_stance) if doc_stance is not None else None,
            note=_as_str(data.get("note", ""), "note"),
            rejected=tuple(Rejected.from_dict(r) for r in _as_list(data.get("rejected"), "rejected")),
        )


def _positional_builder(cls: type[_T]) -> Callable[..., _T]:
    """``cls(*values)`` without the frozen dataclass ``__init__``, which sets every field
    through ``object.__setattr__``: that was half the cost of building a record read from
    the journal. Values go straight into the slots, unchecked, so only the ``from_dict``
    fast paths, which have checked every type, use it."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    namespace.update({f"_set_{name}": cls.__dict__[name].__set__ for name in names})
    body = "".join(f"    _set_{name}(obj, {name})\n" for name in names)
    exec(f"def build({', '.join(names)}):\n    obj = _new(_cls)\n{body}    return obj\n", namespace)
    return namespace["build"]


_build_mention = _positional_builder(Mention)
_build_quote = _positional_builder(Quote)
_build_stance = _positional_builder(DocStance)
_build_annotation = _positional_builder(DocAnnotation)


# --------------------------------------------------------------------------- validation


def validation_errors(
    ann: DocAnnotation,
    document: Document | None = None,
    stance_labels: Sequence[str] | None = None,
) -> list[str]:
    """Every rule the annotation breaks, each as a sentence a person can act on.

    Without ``document`` the span bounds cannot be checked against the text; without
    ``stance_labels`` any stance string is accepted.
    """
    errors: list[str] = []
    text_len = len(document.text) if document is not None else None
    if document is not None:
        if ann.doc_id != document.id:
            errors.append(f"annotation is for document {ann.doc_id!r}, not {document.id!r}")
        if ann.text_sha256 != document.text_sha256:
            errors.append(
                f"document {ann.doc_id!r} changed since it was annotated (text_sha256 differs): the annotation is stale"
            )
            text_len = None  # offsets refer to another text; bounds say nothing useful
    if ann.status not in STATUSES:
        errors.append(f"status {ann.status!r} is not one of {', '.join(STATUSES)}")
    if ann.rev < 0:
        errors.append(f"rev {ann.rev} is negative")

    def check_span(what: str, start: int, end: int) -> None:
        if start < 0:
            errors.append(f"{what} starts at {start}, before the text")
        if start >= end:
            errors.append(f"{what} has start {start} >= end {end}")
        if text_len is not None and end > text_len:
            errors.append(f"{what} ends at {end}, past the end of the text ({text_len} characters)")

    seen_ids: set[str] = set()
    for m in ann.mentions:
        label = f"mention {m.id!r}"
        if m.id in seen_ids:
            errors.append(f"{label}: id is used twice")
        seen_ids.add(m.id)
        check_span(label, m.start, m.end)
        if not m.entity.strip():
            errors.append(f"{label} has an empty entity name")
        if m.origin not in ORIGINS:
            errors.append(f"{label} has unknown origin {m.origin!r}")
    mention_ids = {m.id for m in ann.mentions}
    for q in ann.quotes:
        label = f"quote {q.id!r}"
        if q.id in seen_ids:
            errors.append(f"{label}: id is used twice")
        seen_ids.add(q.id)
        check_span(label, q.start, q.end)
        if q.kind not in KINDS:
            errors.append(f"{label} has unknown kind {q.kind!r} (expected {', '.join(KINDS)})")
        if q.origin not in ORIGINS:
            errors.append(f"{label} has unknown origin {q.origin!r}")
        if q.source is not None and q.source not in mention_ids:
            errors.append(f"{label} has unknown source mention {q.source!r}")
        if q.cue is not None:
            check_span(f"cue of {label}", q.cue[0], q.cue[1])
        if q.stance is not None and stance_labels is not None and q.stance not in stance_labels:
            errors.append(f"{label} has unknown stance label {q.stance!r}")
    ordered = sorted(ann.quotes, key=lambda q: (q.start, q.end))
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            errors.append(f"quotes {a.id!r} and {b.id!r} overlap")
    if ann.doc_stance is not None and stance_labels is not None and ann.doc_stance.stance not in stance_labels:
        errors.append(f"document stance has unknown label {ann.doc_stance.stance!r}")
    for r in ann.rejected:
        if r.type not in REJECTED_TYPES:
            errors.append(f"rejected span has unknown type {r.type!r}")
    return errors


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


# --------------------------------------------------------------------------- coercion


# The ``type(x) is ...`` fast paths matter: opening a journal converts tens of thousands of
# records, and an ABC ``isinstance`` check per field was a third of that time.


def _require_keys(data: Mapping[str, Any], keys: Sequence[str], what: str) -> None:
    if type(data) is not dict and not isinstance(data, Mapping):
        raise ValidationError(f"{what} must be a JSON object")
    for k in keys:
        if k not in data:
            missing = [k for k in keys if k not in data]
            raise ValidationError(f"{what} is missing {', '.join(repr(k) for k in missing)}")


def _as_int(value: Any, what: str) -> int:
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what} must be an integer, not {value!r}")
    return value


def _as_str(value: Any, what: str) -> str:
    if type(value) is str or isinstance(value, str):
        return value
    raise ValidationError(f"{what} must be a string, not {value!r}")


def _as_opt_str(value: Any, what: str) -> str | None:
    return None if value is None else _as_str(value, what)


def _as_list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(f"{what} must be a list")
    return value
