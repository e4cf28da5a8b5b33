"""``--format prodigy``: Prodigy-style JSONL, and the reader that imports it back.

Each line is a Prodigy task: ``text``, spaCy ``tokens``, ``spans`` (``start``/``end``/
``label`` plus ``token_start``/``token_end``, inclusive as Prodigy has it) labelled
``QUOTE``, ``SPEAKER`` and ``CUE``, and ``relations`` linking each quote (head) to its
speaker (label ``SPEAKER``) and its cue (label ``CUE``). Attributes Prodigy has no field
for (quote id, kind, stance, target, entity, origin) ride as extra keys on the spans, and
the annotation's own fields (annotator, status, document stance, note, rejected
suggestions) under ``meta`` and ``corpus_tui``: Prodigy ignores keys it does not know,
and ``corpus-tui import`` reads them back, so an export → import round trip is lossless.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import KINDS, DocAnnotation, DocStance, Document, Mention, Quote, Rejected
from corpus_tui.export.jsonl import JsonlWriter
from corpus_tui.export.rows import AlignmentStats
from corpus_tui.export.select import Item

QUOTE, SPEAKER, CUE = "QUOTE", "SPEAKER", "CUE"
EXTRA_KEY = "corpus_tui"


def _hash(value: str) -> int:
    """Prodigy's hashes are signed 32-bit ints; any stable one works for dedup."""
    return int.from_bytes(hashlib.sha1(value.encode()).digest()[:4], "big", signed=True)


class ProdigyWriter:
    def __init__(self, out_dir: Path, language: str = "en") -> None:
        import spacy

        try:
            self.nlp = spacy.blank(language)
        except (ImportError, KeyError, ValueError):
            self.nlp = spacy.blank("xx")
        self.out = JsonlWriter(out_dir)
        self.alignment = AlignmentStats()

    def add(self, split: str, item: Item) -> None:
        self.out.write(split, task(item, self.nlp, self.alignment, split))

    def close(self) -> dict[str, dict[str, int]]:
        rows = self.out.close()
        return {"tasks": rows["documents"]} if rows else {}


def task(item: Item, nlp: Any, alignment: AlignmentStats, split: str | None = None) -> dict[str, Any]:
    document, ann = item.document, item.annotation
    doc = nlp.make_doc(document.text)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)} for t in doc
    ]

    def span(start: int, end: int, label: str, what: str, **extra: Any) -> dict[str, Any]:
        s: dict[str, Any] = {"start": start, "end": end, "label": label}
        tok = doc.char_span(start, end, alignment_mode="expand")
        if tok is not None and len(tok):
            s["token_start"], s["token_end"] = tok.start, tok.end - 1
            if doc.char_span(start, end) is None:
                alignment.expanded[what] += 1
        else:
            alignment.uncovered[what] += 1
        s.update(extra)
        return s

    spans, relations = [], []
    mention_spans = {}
    for m in sorted(ann.mentions, key=lambda m: (m.start, m.end)):
        s = span(m.start, m.end, SPEAKER, "speaker", id=m.id, entity=m.entity, origin=m.origin)
        mention_spans[m.id] = s
        spans.append(s)
    for q in sorted(ann.quotes, key=lambda q: (q.start, q.end)):
        qs = span(
            q.start, q.end, QUOTE, "quote", id=q.id, kind=q.kind, stance=q.stance, target=q.target, origin=q.origin
        )
        spans.append(qs)
        if q.source is not None and q.source in mention_spans:
            relations.append(_relation(qs, mention_spans[q.source], SPEAKER))
        if q.cue is not None:
            cs = span(q.cue[0], q.cue[1], CUE, "cue", quote=q.id)
            spans.append(cs)
            relations.append(_relation(qs, cs, CUE))
    spans.sort(key=lambda s: (s["start"], s["end"]))
    meta = {k: v for k, v in document.meta.items() if k not in ("line",)}
    meta = {"id": document.id, **meta, "annotator": ann.annotator, "status": ann.status}
    if split is not None:
        meta["split"] = split
    return {
        "text": document.text,
        "meta": meta,
        "_input_hash": _hash(document.text),
        "_task_hash": _hash(document.text + json.dumps(spans, sort_keys=True)),
        "tokens": tokens,
        "spans": spans,
        "relations": relations,
        "answer": "accept",
        EXTRA_KEY: {
            "doc_id": document.id,
            "text_sha256": document.text_sha256,
            "annotator": ann.annotator,
            "rev": ann.rev,
            "status": ann.status,
            "doc_stance": ann.doc_stance.to_dict() if ann.doc_stance is not None else None,
            "note": ann.note,
            "rejected": [r.to_dict() for r in ann.rejected],
        },
    }


def _relation(head: dict[str, Any], child: dict[str, Any], label: str) -> dict[str, Any]:
    def small(s: dict[str, Any]) -> dict[str, Any]:
        keys = ("start", "end", "token_start", "token_end", "label")
        return {k: s[k] for k in keys if k in s}

    return {
        "head": head.get("token_start", 0),
        "child": child.get("token_start", 0),
        "head_span": small(head),
        "child_span": small(child),
        "label": label,
    }


# --------------------------------------------------------------------------- reading back


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
    spans = record.get("spans") or []
    if not isinstance(spans, list):
        raise CorpusError(f"{where}: 'spans' must be a list.")
    text = document.text
    mentions: list[Mention] = []
    quote_spans: list[dict[str, Any]] = []
    cue_spans: list[dict[str, Any]] = []
    ignored = 0
    by_offsets: dict[tuple[int, int, str], str] = {}
    for n, s in enumerate(spans):
        if not isinstance(s, dict) or not isinstance(s.get("start"), int) or not isinstance(s.get("end"), int):
            raise CorpusError(f"{where}: span {n + 1} needs integer 'start' and 'end'.")
        label = str(s.get("label", "")).upper()
        if label == SPEAKER:
            mid = str(s.get("id") or f"m{len(mentions) + 1}")
            entity = s.get("entity") or text[s["start"] : s["end"]]
            mentions.append(Mention(mid, s["start"], s["end"], str(entity), str(s.get("origin") or "manual")))
            by_offsets[(s["start"], s["end"], SPEAKER)] = mid
        elif label == QUOTE:
            quote_spans.append(s)
        elif label == CUE:
            cue_spans.append(s)
        else:
            ignored += 1
    relations = record.get("relations") or []
    links: dict[tuple[int, int], dict[str, tuple[int, int]]] = {}
    for rel in relations if isinstance(relations, list) else []:
        head, child = rel.get("head_span") or {}, rel.get("child_span") or {}
        try:
            key = (int(head["start"]), int(head["end"]))
            links.setdefault(key, {})[str(rel.get("label", "")).upper()] = (int(child["start"]), int(child["end"]))
        except (KeyError, TypeError, ValueError):
            ignored += 1
    cue_by_quote = {str(s["quote"]): (s["start"], s["end"]) for s in cue_spans if s.get("quote") is not None}
    quotes: list[Quote] = []
    for n, s in enumerate(quote_spans, start=1):
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
                source=by_offsets.get((speaker[0], speaker[1], SPEAKER)) if speaker else None,
                cue=cue,
                stance=s.get("stance"),
                target=s.get("target"),
                origin=str(s.get("origin") or "manual"),
            )
        )
    doc_stance = extra.get("doc_stance")
    ann = DocAnnotation(
        doc_id=document.id,
        text_sha256=document.text_sha256,
        annotator=annotator or str(extra.get("annotator") or "prodigy"),
        status=str(extra.get("status") or "done"),
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        doc_stance=DocStance.from_dict(doc_stance) if isinstance(doc_stance, dict) else None,
        note=str(extra.get("note") or ""),
        rejected=tuple(Rejected.from_dict(r) for r in extra.get("rejected") or []),
    )
    return ImportedRecord(document, ann, ignored)


def _guess_kind(text: str, start: int, end: int) -> str:
    """``direct`` when the span sits inside quotation marks (a comma or stop may precede the closing one)."""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2]
    opens, closes = "\"“'‘«", "\"”'’»"
    return "direct" if before[-1:] and before[-1] in opens and any(c in closes for c in after) else "indirect"
