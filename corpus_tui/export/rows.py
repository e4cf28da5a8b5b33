"""The rows of the three dataset configs (``quotes``, ``documents``, ``tokens``) and their features.

Rows are plain dicts built one document at a time so an export streams: nothing here
holds more than the document being converted. Class labels are stored as their integer
index (what parquet holds for a ``ClassLabel``); ``features()`` gives the names.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from corpus_tui.core.model import KINDS, DocAnnotation, Document

CONFIGS: tuple[str, ...] = ("quotes", "documents", "tokens")
NO_STANCE = "none"
SPAN_TYPES: tuple[str, ...] = ("quote", "speaker", "cue")


def stance_names(stance_labels: tuple[str, ...]) -> list[str]:
    """The project's stance labels in key order, then ``none`` for quotes without one."""
    return [*stance_labels, NO_STANCE]


def bio_names(span_type: str) -> list[str]:
    tag = span_type.upper()
    return ["O", f"B-{tag}", f"I-{tag}"]


def features(config: str, stance_labels: tuple[str, ...]) -> Any:
    """The ``datasets.Features`` of a config (declared in the card and the parquet schema)."""
    from datasets import ClassLabel, Features, List, Value

    stance = ClassLabel(names=stance_names(stance_labels))
    if config == "quotes":
        return Features(
            {
                "id": Value("string"),
                "doc_id": Value("string"),
                "text": Value("string"),
                "kind": ClassLabel(names=list(KINDS)),
                "speaker": Value("string"),
                "speaker_start": Value("int32"),
                "speaker_end": Value("int32"),
                "cue": Value("string"),
                "cue_start": Value("int32"),
                "cue_end": Value("int32"),
                "stance": stance,
                "target": Value("string"),
                "start": Value("int32"),
                "end": Value("int32"),
                "context": Value("string"),
                "context_start": Value("int32"),
                "annotator": Value("string"),
            }
        )
    if config == "documents":
        return Features(
            {
                "id": Value("string"),
                "text": Value("string"),
                "meta": Value("string"),
                "status": Value("string"),
                "mentions": List(
                    {
                        "id": Value("string"),
                        "start": Value("int32"),
                        "end": Value("int32"),
                        "entity": Value("string"),
                        "origin": Value("string"),
                    }
                ),
                "quotes": List(
                    {
                        "id": Value("string"),
                        "start": Value("int32"),
                        "end": Value("int32"),
                        "kind": Value("string"),
                        "source": Value("string"),
                        "speaker": Value("string"),
                        "cue_start": Value("int32"),
                        "cue_end": Value("int32"),
                        "stance": Value("string"),
                        "target": Value("string"),
                        "origin": Value("string"),
                    }
                ),
                "doc_stance": {"stance": Value("string"), "target": Value("string")},
                "note": Value("string"),
                "annotator": Value("string"),
            }
        )
    if config == "tokens":
        return Features(
            {
                "doc_id": Value("string"),
                "tokens": List(Value("string")),
                "token_starts": List(Value("int32")),
                "quote_tags": List(ClassLabel(names=bio_names("quote"))),
                "speaker_tags": List(ClassLabel(names=bio_names("speaker"))),
                "cue_tags": List(ClassLabel(names=bio_names("cue"))),
            }
        )
    raise ValueError(f"unknown config {config!r}")


# --------------------------------------------------------------------------- quotes


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines (paragraphs) that contain ``text[start:end]``."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", max(end - 1, start))
    return left, len(text) if right == -1 else right


def quote_rows(document: Document, ann: DocAnnotation, stance_labels: tuple[str, ...]) -> list[dict[str, Any]]:
    names = stance_names(stance_labels)
    text = document.text
    rows = []
    for q in sorted(ann.quotes, key=lambda q: q.start):
        mention = ann.mention(q.source)
        c_start, c_end = paragraph_bounds(text, q.start, q.end)
        rows.append(
            {
                "id": f"{document.id}/{q.id}",
                "doc_id": document.id,
                "text": text[q.start : q.end],
                "kind": KINDS.index(q.kind),
                "speaker": mention.entity if mention is not None else "",
                "speaker_start": mention.start if mention is not None else None,
                "speaker_end": mention.end if mention is not None else None,
                "cue": text[q.cue[0] : q.cue[1]] if q.cue is not None else "",
                "cue_start": q.cue[0] if q.cue is not None else None,
                "cue_end": q.cue[1] if q.cue is not None else None,
                "stance": names.index(q.stance) if q.stance is not None else names.index(NO_STANCE),
                "target": q.target or "",
                "start": q.start,
                "end": q.end,
                "context": text[c_start:c_end],
                "context_start": c_start,
                "annotator": ann.annotator,
            }
        )
    return rows


# --------------------------------------------------------------------------- documents


def document_row(document: Document, ann: DocAnnotation) -> dict[str, Any]:
    meta = {k: v for k, v in document.meta.items() if k != "line"}
    return {
        "id": document.id,
        "text": document.text,
        "meta": json.dumps(meta, ensure_ascii=False, sort_keys=True),
        "status": ann.status,
        "mentions": [m.to_dict() for m in sorted(ann.mentions, key=lambda m: (m.start, m.end))],
        "quotes": [
            {
                "id": q.id,
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "source": q.source,
                "speaker": ann.speaker_of(q),
                "cue_start": q.cue[0] if q.cue is not None else None,
                "cue_end": q.cue[1] if q.cue is not None else None,
                "stance": q.stance,
                "target": q.target,
                "origin": q.origin,
            }
            for q in sorted(ann.quotes, key=lambda q: (q.start, q.end))
        ],
        "doc_stance": ann.doc_stance.to_dict() if ann.doc_stance is not None else None,
        "note": ann.note,
        "annotator": ann.annotator,
    }


# --------------------------------------------------------------------------- tokens


@dataclass
class AlignmentStats:
    """Spans that did not fall on token boundaries (expanded), or that no token covers."""

    expanded: Counter[str] = field(default_factory=Counter)
    uncovered: Counter[str] = field(default_factory=Counter)
    overlapping: Counter[str] = field(default_factory=Counter)

    def merge(self, other: AlignmentStats) -> None:
        self.expanded.update(other.expanded)
        self.uncovered.update(other.uncovered)
        self.overlapping.update(other.overlapping)


class Tokenizer:
    """spaCy's rule-based English tokenizer (``spacy.blank("en")``: no model to download)."""

    def __init__(self, language: str = "en") -> None:
        import spacy

        try:
            self.nlp = spacy.blank(language)
        except (ImportError, KeyError, ValueError):
            self.nlp = spacy.blank("xx")

    def tokens(self, text: str) -> tuple[list[str], list[int], list[int]]:
        """Words (whitespace tokens dropped) with their start and end character offsets.

        Read through ``Doc.to_array`` rather than iterating ``Token`` objects: building a
        Python object per token was half of the export's time on large corpora.
        """
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        doc = self.nlp.make_doc(text)
        if not len(doc):
            return [], [], []
        table = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
        starts = [row[0] for row in table if not row[2]]
        ends = [row[0] + row[1] for row in table if not row[2]]
        words = [text[s:e] for s, e in zip(starts, ends)]
        return words, starts, ends


def align(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int, bool] | None:
    """Token range [first, last) covering the characters; ``expanded`` when it reaches beyond them."""
    first = bisect.bisect_right(ends, start)  # first token that ends after the span starts
    last = bisect.bisect_left(starts, end)  # tokens starting before the span ends
    if first >= last:
        return None
    expanded = starts[first] != start or ends[last - 1] != end
    return first, last, expanded


def bio_tags(
    n: int, spans: list[tuple[int, int]], starts: list[int], ends: list[int], kind: str, stats: AlignmentStats
) -> list[int]:
    tags = [0] * n
    for start, end in sorted(set(spans)):
        aligned = align(starts, ends, start, end)
        if aligned is None:
            stats.uncovered[kind] += 1
            continue
        first, last, expanded = aligned
        if any(tags[i] for i in range(first, last)):
            stats.overlapping[kind] += 1
            continue
        if expanded:
            stats.expanded[kind] += 1
        tags[first] = 1
        for i in range(first + 1, last):
            tags[i] = 2
    return tags


def token_row(document: Document, ann: DocAnnotation, tokenizer: Tokenizer, stats: AlignmentStats) -> dict[str, Any]:
    words, starts, ends = tokenizer.tokens(document.text)
    n = len(words)
    return {
        "doc_id": document.id,
        "tokens": words,
        "token_starts": starts,
        "quote_tags": bio_tags(n, [(q.start, q.end) for q in ann.quotes], starts, ends, "quote", stats),
        "speaker_tags": bio_tags(n, [(m.start, m.end) for m in ann.mentions], starts, ends, "speaker", stats),
        "cue_tags": bio_tags(n, [q.cue for q in ann.quotes if q.cue is not None], starts, ends, "cue", stats),
    }
