"""Reading Prodigy JSONL back: documents and their QUOTE / SPEAKER / CUE spans and relations.

The writer is ``corpus_tui.export.prodigy``; its docstring describes the format. Extra keys
(quote id, kind, stance, target, entity, origin, and the annotation's own fields under
``corpus_tui``) are read back, so an export -> import round trip loses nothing; a file
Prodigy wrote itself imports with the labels it has.

The part of a task that becomes an annotation is declared as msgspec Structs (``_Task``)
and converted with ``msgspec.convert``, which checks every type and vocabulary and names
the place of a mistake (``$.spans[0].stance``): a wrong type is one sentence naming the
line, never an AttributeError, and never a journal line that cannot be read back. Keys
the Structs do not declare (Prodigy's ``tokens``, ``token_start``...) are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, DocStance, Document, Kind, Mention, Origin, Quote, Rejected, Status
from corpus_tui.export.prodigy import CUE, EXTRA_KEY, QUOTE, SPEAKER


@dataclass
class ImportedRecord:
    document: Document
    annotation: DocAnnotation | None
    ignored_spans: int = 0


def is_prodigy_file(path: Path) -> bool:
    """A .jsonl whose first record has Prodigy ``spans`` (plain document JSONL has none)."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for line in handle:
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(record, dict) and "spans" in record
    return False


class _Span(msgspec.Struct):
    start: int
    end: int
    label: str = ""
    id: str | None = None
    entity: str | None = None
    origin: Origin = Origin.MANUAL
    kind: Kind | None = None  # None: guessed from the quotation marks around the span
    stance: str | None = None
    target: str | None = None
    quote: str | None = None  # a cue's quote id


class _Offsets(msgspec.Struct):
    start: int
    end: int


class _Relation(msgspec.Struct):
    head_span: _Offsets | None = None  # a relation without offsets is counted as ignored
    child_span: _Offsets | None = None
    label: str = ""


class _Extra(msgspec.Struct):
    """The annotation's own fields that corpus-tui writes under ``corpus_tui``."""

    doc_id: str | None = None
    annotator: str | None = None
    status: Status = Status.DONE
    doc_stance: DocStance | None = None
    note: str = ""
    rejected: tuple[Rejected, ...] = ()


class _Task(msgspec.Struct, rename={"extra": EXTRA_KEY}):
    spans: list[_Span] = []
    relations: list[_Relation] = []
    answer: str = "accept"
    extra: _Extra | None = None


def read_prodigy(path: Path, annotator: str | None) -> Iterator[ImportedRecord]:
    """Documents and their annotations from a Prodigy JSONL file.

    Spans labelled QUOTE / SPEAKER / CUE (any case) become quotes, mentions and cues;
    other labels are counted as ignored. Rejected or ignored tasks import the text only.
    """
    from corpus_tui.core.corpus import decode_file, document_from_record, parse_json_line

    for lineno, line in enumerate(decode_file(path).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        record = parse_json_line(line, where)
        if not isinstance(record, dict):
            raise CorpusError(f"{where}: expected a JSON object (a Prodigy task).")
        try:
            task = msgspec.convert({k: v for k, v in record.items() if v is not None}, _Task)
        except msgspec.ValidationError as exc:
            raise CorpusError(f"{where}: the task does not have the types corpus-tui reads ({exc}).") from None
        extra = task.extra or _Extra()
        if "id" not in record and extra.doc_id:
            record = {**record, "id": extra.doc_id}
        document = document_from_record(record, where, str(path), lineno)
        document.meta = {
            k: v for k, v in document.meta.items() if k not in ("id", "annotator", "status", "split", "line")
        }
        if task.answer != "accept":
            yield ImportedRecord(document, None)
            continue
        yield _annotation(task, extra, document, annotator)


def _annotation(task: _Task, extra: _Extra, document: Document, annotator: str | None) -> ImportedRecord:
    spans = _Spans.read(task.spans, document.text)
    links, ignored_links = _links(task.relations)
    ann = DocAnnotation(
        doc_id=document.id,
        text_sha256=document.text_sha256,
        annotator=annotator or extra.annotator or "prodigy",
        status=extra.status,
        mentions=tuple(spans.mentions),
        quotes=tuple(spans.quotes(document.text, links)),
        doc_stance=extra.doc_stance,
        note=extra.note,
        rejected=extra.rejected,
    )
    return ImportedRecord(document, ann, spans.ignored + ignored_links)


@dataclass
class _Spans:
    """A task's spans sorted by label: speaker mentions (built at once, keyed by offsets for
    the relations), quote and cue spans (built into quotes once the relations are read)."""

    mentions: list[Mention] = field(default_factory=list)
    quote_spans: list[_Span] = field(default_factory=list)
    cue_spans: list[_Span] = field(default_factory=list)
    by_offsets: dict[tuple[int, int, str], str] = field(default_factory=dict)
    ignored: int = 0

    @classmethod
    def read(cls, spans: list[_Span], text: str) -> _Spans:
        found = cls()
        for s in spans:
            label = s.label.upper()
            if label == SPEAKER:
                mid = s.id or f"m{len(found.mentions) + 1}"
                entity = s.entity if s.entity is not None else text[s.start : s.end]
                found.mentions.append(Mention(mid, s.start, s.end, entity, s.origin))
                found.by_offsets[(s.start, s.end, SPEAKER)] = mid
            elif label == QUOTE:
                found.quote_spans.append(s)
            elif label == CUE:
                found.cue_spans.append(s)
            else:
                found.ignored += 1
        return found

    def quotes(self, text: str, links: dict[tuple[int, int], dict[str, tuple[int, int]]]) -> list[Quote]:
        """The quote spans with their speaker and cue, from relations or the cue's ``quote`` key."""
        cue_by_quote = {s.quote: (s.start, s.end) for s in self.cue_spans if s.quote is not None}
        quotes: list[Quote] = []
        for n, s in enumerate(self.quote_spans, start=1):
            qid = s.id or f"q{n}"
            link = links.get((s.start, s.end), {})
            speaker = link.get(SPEAKER)
            quotes.append(
                Quote(
                    id=qid,
                    start=s.start,
                    end=s.end,
                    kind=s.kind or _guess_kind(text, s.start, s.end),
                    source=self.by_offsets.get((speaker[0], speaker[1], SPEAKER)) if speaker else None,
                    cue=link.get(CUE) or cue_by_quote.get(qid),
                    stance=s.stance,
                    target=s.target,
                    origin=s.origin,
                )
            )
        return quotes


def _links(relations: list[_Relation]) -> tuple[dict[tuple[int, int], dict[str, tuple[int, int]]], int]:
    """Head span (a quote's offsets) -> relation label -> child span, and how many relations
    had no offsets to link by."""
    links: dict[tuple[int, int], dict[str, tuple[int, int]]] = {}
    ignored = 0
    for rel in relations:
        if rel.head_span is None or rel.child_span is None:
            ignored += 1
            continue
        head, child = rel.head_span, rel.child_span
        links.setdefault((head.start, head.end), {})[rel.label.upper()] = (child.start, child.end)
    return links, ignored


def _guess_kind(text: str, start: int, end: int) -> Kind:
    """``direct`` when the span sits inside quotation marks (a comma or stop may precede the closing one)."""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2]
    opens, closes = "\"“'‘«", "\"”'’»"
    bounded = before[-1:] and before[-1] in opens and any(c in closes for c in after)
    return Kind.DIRECT if bounded else Kind.INDIRECT
