"""``--format prodigy``: Prodigy-style JSONL (``corpus_tui.ingest.prodigy`` reads it back).

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
from pathlib import Path
from typing import Any

from corpus_tui.core.project import ProjectConfig
from corpus_tui.export.jsonl import SplitFiles
from corpus_tui.export.select import Item
from corpus_tui.export.tokens import AlignmentStats, blank_pipeline

QUOTE, SPEAKER, CUE = "QUOTE", "SPEAKER", "CUE"
EXTRA_KEY = "corpus_tui"


def _hash(value: str) -> int:
    """Prodigy's hashes are signed 32-bit ints; any stable one works for dedup."""
    return int.from_bytes(hashlib.sha1(value.encode()).digest()[:4], "big", signed=True)


class ProdigyWriter:
    features = None  # tasks, not typed configs: no card

    def __init__(self, out_dir: Path, config: ProjectConfig) -> None:
        self.nlp = blank_pipeline(config.language)
        self.files = SplitFiles(out_dir)
        self.alignment = AlignmentStats()

    def add(self, split: str, item: Item) -> None:
        self.files.write(split, task(item, self.nlp, self.alignment, split))

    def close(self) -> dict[str, dict[str, int]]:
        rows = self.files.close()
        return {"tasks": rows} if rows else {}


def task(item: Item, nlp: Any, alignment: AlignmentStats, split: str | None = None) -> dict[str, Any]:
    document = item.document
    doc = nlp.make_doc(document.text)
    spans, relations = _spans_and_relations(item, _Spans(doc, alignment))
    return {
        "text": document.text,
        "meta": _meta(item, split),
        "_input_hash": _hash(document.text),
        "_task_hash": _hash(document.text + json.dumps(spans, sort_keys=True)),
        "tokens": [
            {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
            for t in doc
        ],
        "spans": spans,
        "relations": relations,
        "answer": "accept",
        EXTRA_KEY: _extra(item),
    }


class _Spans:
    """Prodigy spans of one document: character offsets plus the (inclusive) tokens they cover."""

    def __init__(self, doc: Any, alignment: AlignmentStats) -> None:
        self.doc = doc
        self.alignment = alignment

    def span(self, start: int, end: int, label: str, what: str, **extra: Any) -> dict[str, Any]:
        s: dict[str, Any] = {"start": start, "end": end, "label": label}
        tok = self.doc.char_span(start, end, alignment_mode="expand")
        if tok is not None and len(tok):
            s["token_start"], s["token_end"] = tok.start, tok.end - 1
            if self.doc.char_span(start, end) is None:
                self.alignment.expanded[what] += 1
        else:
            self.alignment.uncovered[what] += 1
        s.update(extra)
        return s


def _spans_and_relations(item: Item, maker: _Spans) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Speaker, quote and cue spans in text order; a quote heads its speaker and cue relations."""
    ann = item.annotation
    spans, relations = [], []
    mention_spans = {}
    for m in sorted(ann.mentions, key=lambda m: (m.start, m.end)):
        s = maker.span(m.start, m.end, SPEAKER, "speaker", id=m.id, entity=m.entity, origin=m.origin)
        mention_spans[m.id] = s
        spans.append(s)
    for q in sorted(ann.quotes, key=lambda q: (q.start, q.end)):
        qs = maker.span(
            q.start, q.end, QUOTE, "quote", id=q.id, kind=q.kind, stance=q.stance, target=q.target, origin=q.origin
        )
        spans.append(qs)
        if q.source is not None and q.source in mention_spans:
            relations.append(_relation(qs, mention_spans[q.source], SPEAKER))
        if q.cue is not None:
            cs = maker.span(q.cue[0], q.cue[1], CUE, "cue", quote=q.id)
            spans.append(cs)
            relations.append(_relation(qs, cs, CUE))
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return spans, relations


def _meta(item: Item, split: str | None) -> dict[str, Any]:
    """What Prodigy shows under the task: the document id and meta, who annotated it, the split."""
    document, ann = item.document, item.annotation
    meta = {k: v for k, v in document.meta.items() if k not in ("line",)}
    meta = {"id": document.id, **meta, "annotator": ann.annotator, "status": ann.status}
    if split is not None:
        meta["split"] = split
    return meta


def _extra(item: Item) -> dict[str, Any]:
    """The annotation's own fields, which Prodigy has no place for (``import`` reads them back)."""
    document, ann = item.document, item.annotation
    return {
        "doc_id": document.id,
        "text_sha256": document.text_sha256,
        "annotator": ann.annotator,
        "rev": ann.rev,
        "status": ann.status,
        "doc_stance": ann.doc_stance.to_dict() if ann.doc_stance is not None else None,
        "note": ann.note,
        "rejected": [r.to_dict() for r in ann.rejected],
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
