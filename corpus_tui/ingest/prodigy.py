"""Reading Prodigy JSONL back: documents and their QUOTE / SPEAKER / CUE spans and relations.

The writer is ``corpus_tui.export.prodigy``; its docstring describes the format. Extra keys
(quote id, kind, stance, target, entity, origin, and the annotation's own fields under
``corpus_tui``) are read back, so an export -> import round trip loses nothing; a file
Prodigy wrote itself imports with the labels it has.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus_tui.core.errors import CorpusError, ValidationError
from corpus_tui.core.model import (
    KINDS,
    DocAnnotation,
    DocStance,
    Document,
    Kind,
    Mention,
    Origin,
    Quote,
    Rejected,
    Status,
)
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


def read_prodigy(path: Path, annotator: str | None) -> Iterator[ImportedRecord]:
    """Documents and their annotations from a Prodigy JSONL file.

    Spans labelled QUOTE / SPEAKER / CUE (any case) become quotes, mentions and cues;
    other labels are counted as ignored. Rejected or ignored tasks import the text only.
    """
    from corpus_tui.core.corpus import decode_file, document_from_record

    for lineno, line in enumerate(decode_file(path).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{where}: not valid JSON ({exc.msg}).") from None
        extra = record.get(EXTRA_KEY) if isinstance(record, dict) else None
        extra = extra if isinstance(extra, dict) else {}
        if isinstance(record, dict) and "id" not in record and extra.get("doc_id"):
            record = {**record, "id": extra["doc_id"]}
        document = document_from_record(record, where, str(path), lineno)
        document.meta = {
            k: v for k, v in document.meta.items() if k not in ("id", "annotator", "status", "split", "line")
        }
        if record.get("answer", "accept") != "accept":
            yield ImportedRecord(document, None)
            continue
        yield _annotation(record, extra, document, annotator, where)


def _annotation(
    record: dict[str, Any], extra: dict[str, Any], document: Document, annotator: str | None, where: str
) -> ImportedRecord:
    spans = _Spans.read(record, document.text, where)
    links, ignored_links = _links(record)
    try:
        doc_stance = extra.get("doc_stance")
        stance = DocStance.from_dict(doc_stance) if isinstance(doc_stance, dict) else None
        rejected = tuple(Rejected.from_dict(r) for r in extra.get("rejected") or [])
    except ValidationError as exc:
        raise CorpusError(f"{where}: the {EXTRA_KEY!r} fields are not what corpus-tui writes ({exc}).") from None
    ann = DocAnnotation(
        doc_id=document.id,
        text_sha256=document.text_sha256,
        annotator=annotator or str(extra.get("annotator") or "prodigy"),
        status=str(extra.get("status") or Status.DONE),
        mentions=tuple(spans.mentions),
        quotes=tuple(spans.quotes(document.text, links)),
        doc_stance=stance,
        note=str(extra.get("note") or ""),
        rejected=rejected,
    )
    return ImportedRecord(document, ann, spans.ignored + ignored_links)


@dataclass
class _Spans:
    """A task's spans sorted by label: speaker mentions (built at once, keyed by offsets for
    the relations), quote and cue spans (built into quotes once the relations are read)."""

    mentions: list[Mention] = field(default_factory=list)
    quote_spans: list[dict[str, Any]] = field(default_factory=list)
    cue_spans: list[dict[str, Any]] = field(default_factory=list)
    by_offsets: dict[tuple[int, int, str], str] = field(default_factory=dict)
    ignored: int = 0

    @classmethod
    def read(cls, record: dict[str, Any], text: str, where: str) -> _Spans:
        spans = record.get("spans") or []
        if not isinstance(spans, list):
            raise CorpusError(f"{where}: 'spans' must be a list.")
        found = cls()
        for n, s in enumerate(spans):
            if not isinstance(s, dict) or not isinstance(s.get("start"), int) or not isinstance(s.get("end"), int):
                raise CorpusError(f"{where}: span {n + 1} needs integer 'start' and 'end'.")
            label = str(s.get("label", "")).upper()
            if label == SPEAKER:
                mid = str(s.get("id") or f"m{len(found.mentions) + 1}")
                entity = s.get("entity") or text[s["start"] : s["end"]]
                origin = str(s.get("origin") or Origin.MANUAL)
                found.mentions.append(Mention(mid, s["start"], s["end"], str(entity), origin))
                found.by_offsets[(s["start"], s["end"], SPEAKER)] = mid
            elif label == QUOTE:
                found.quote_spans.append(s)
            elif label == CUE:
                found.cue_spans.append(s)
            else:
                found.ignored += 1
        return found

    def quotes(self, text: str, links: dict[tuple[int, int], dict[str, tuple[int, int]]]) -> list[Quote]:
        """The quote spans with their speaker and cue, from relations or the cue's ``quote`` key."""
        cue_by_quote = {str(s["quote"]): (s["start"], s["end"]) for s in self.cue_spans if s.get("quote") is not None}
        quotes: list[Quote] = []
        for n, s in enumerate(self.quote_spans, start=1):
            qid = str(s.get("id") or f"q{n}")
            link = links.get((s["start"], s["end"]), {})
            speaker = link.get(SPEAKER)
            cue = link.get(CUE) or cue_by_quote.get(qid)
            kind = s.get("kind") if s.get("kind") in KINDS else _guess_kind(text, s["start"], s["end"])
            quotes.append(
                Quote(
                    id=qid,
                    start=s["start"],
                    end=s["end"],
                    kind=kind,
                    source=self.by_offsets.get((speaker[0], speaker[1], SPEAKER)) if speaker else None,
                    cue=cue,
                    stance=s.get("stance"),
                    target=s.get("target"),
                    origin=str(s.get("origin") or Origin.MANUAL),
                )
            )
        return quotes


def _links(record: dict[str, Any]) -> tuple[dict[tuple[int, int], dict[str, tuple[int, int]]], int]:
    """Head span (a quote's offsets) -> relation label -> child span, and how many relations
    were not readable."""
    relations = record.get("relations") or []
    links: dict[tuple[int, int], dict[str, tuple[int, int]]] = {}
    ignored = 0
    for rel in relations if isinstance(relations, list) else []:
        head, child = rel.get("head_span") or {}, rel.get("child_span") or {}
        try:
            key = (int(head["start"]), int(head["end"]))
            links.setdefault(key, {})[str(rel.get("label", "")).upper()] = (int(child["start"]), int(child["end"]))
        except (KeyError, TypeError, ValueError):
            ignored += 1
    return links, ignored


def _guess_kind(text: str, start: int, end: int) -> str:
    """``direct`` when the span sits inside quotation marks (a comma or stop may precede the closing one)."""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2]
    opens, closes = "\"“'‘«", "\"”'’»"
    bounded = before[-1:] and before[-1] in opens and any(c in closes for c in after)
    return Kind.DIRECT if bounded else Kind.INDIRECT
