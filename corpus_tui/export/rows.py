"""The three dataset configs (``quotes``, ``documents``, ``tokens``) as column tables.

Each column is declared once with its ``datasets`` type and its value, so the features
(card and parquet schema) and the rows cannot drift apart; each config also carries the
sentence the card uses to describe it, next to its columns (a test checks that sentence
names every column). Rows are plain dicts built one document at a time so an export
streams: nothing here holds more than the document being converted. Class labels are
stored as their integer index (what parquet holds for a ``ClassLabel``); the features
give the names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from corpus_tui.core.model import KINDS, DocStance, Mention, Quote, enclosing_quote
from corpus_tui.export.columns import Column, FeatureKit, Table, class_label, int32, list_of, string, struct_of
from corpus_tui.export.select import Item
from corpus_tui.export.tokens import AlignmentStats, Tokenizer, bio_tags

NO_STANCE = "none"


class ExportConfig(StrEnum):
    """The configs of the Hugging Face dataset (the folders of the export, the card's configs)."""

    QUOTES = "quotes"
    DOCUMENTS = "documents"
    TOKENS = "tokens"


CONFIGS: tuple[ExportConfig, ...] = tuple(ExportConfig)


def stance_names(stance_labels: tuple[str, ...]) -> list[str]:
    """The project's stance labels in key order, then ``none`` for quotes without one."""
    return [*stance_labels, NO_STANCE]


def bio_names(span_type: str) -> list[str]:
    tag = span_type.upper()
    return ["O", f"B-{tag}", f"I-{tag}"]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines (paragraphs) that contain ``text[start:end]``."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", max(end - 1, start))
    return left, len(text) if right == -1 else right


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class QuoteSource:
    """What a quote's columns are read from: the quote in its document and annotation."""

    item: Item
    quote: Quote
    mention: Mention | None
    #: ``stance_names`` of the project (only the ``quotes`` config's ClassLabel needs them)
    stances: list[str]

    @classmethod
    def of(cls, item: Item, quote: Quote, stances: list[str] | None = None) -> QuoteSource:
        return cls(item, quote, item.annotation.mention(quote.source), stances or [])

    @property
    def context(self) -> tuple[int, int]:
        """The paragraph around the quote (only the ``quotes`` config asks)."""
        return paragraph_bounds(self.item.document.text, self.quote.start, self.quote.end)

    def text(self, span: tuple[int, int] | None) -> str:
        return self.item.document.text[span[0] : span[1]] if span is not None else ""


@dataclass(frozen=True, slots=True)
class TokenSource:
    """What the ``tokens`` columns are read from: the document's words and the alignment tally."""

    item: Item
    words: list[str]
    starts: list[int]
    ends: list[int]
    stats: AlignmentStats

    def tags(self, kind: str, spans: list[tuple[int, int]]) -> list[int]:
        return bio_tags(len(self.words), spans, self.starts, self.ends, kind, self.stats)


def _cue_start(s: QuoteSource) -> int | None:
    return s.quote.cue[0] if s.quote.cue is not None else None


def _cue_end(s: QuoteSource) -> int | None:
    return s.quote.cue[1] if s.quote.cue is not None else None


def _stance_index(s: QuoteSource) -> int:
    return s.stances.index(s.quote.stance if s.quote.stance is not None else NO_STANCE)


def _nested_in(s: QuoteSource) -> str:
    outer = enclosing_quote(s.item.annotation.quotes, s.quote)
    return f"{s.item.document.id}/{outer.id}" if outer is not None else ""


def _doc_stance(item: Item) -> dict[str, Any] | None:
    stance = item.annotation.doc_stance
    return DOC_STANCE.row(stance) if stance is not None else None


def _meta(item: Item) -> str:
    meta = {k: v for k, v in item.document.meta.items() if k != "line"}
    return json.dumps(meta, ensure_ascii=False, sort_keys=True)


def _stance_label(kit: FeatureKit) -> list[str]:
    return stance_names(kit.stance_labels)


def _bio_label(span_type: str) -> Any:
    return list_of(class_label(lambda kit: bio_names(span_type)))


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class ConfigTable(Table[Any]):
    """A config's columns and the card's description of it (which names every column)."""

    name: ExportConfig
    card: str


QUOTES = ConfigTable(
    (
        Column("id", string, lambda s: f"{s.item.document.id}/{s.quote.id}"),
        Column("doc_id", string, lambda s: s.item.document.id),
        Column("text", string, lambda s: s.text((s.quote.start, s.quote.end))),
        Column("kind", class_label(lambda kit: list(KINDS)), lambda s: KINDS.index(s.quote.kind)),
        Column("speaker", string, lambda s: s.mention.entity if s.mention is not None else ""),
        Column("speaker_start", int32, lambda s: s.mention.start if s.mention is not None else None),
        Column("speaker_end", int32, lambda s: s.mention.end if s.mention is not None else None),
        Column("cue", string, lambda s: s.text(s.quote.cue)),
        Column("cue_start", int32, _cue_start),
        Column("cue_end", int32, _cue_end),
        Column("stance", class_label(_stance_label), _stance_index),
        Column("target", string, lambda s: s.quote.target or ""),
        Column("start", int32, lambda s: s.quote.start),
        Column("end", int32, lambda s: s.quote.end),
        Column("context", string, lambda s: s.text(s.context)),
        Column("context_start", int32, lambda s: s.context[0]),
        Column("nested_in", string, _nested_in),
        Column("annotator", string, lambda s: s.item.annotation.annotator),
    ),
    ExportConfig.QUOTES,
    """one row per quote: `text`, `kind`, `speaker` (entity) with `speaker_start`/
  `speaker_end`, `cue` with offsets, `stance`, `target`, `start`/`end` in the document,
  `context` (the paragraph) with `context_start`, `nested_in` (the `id` of the quote this
  one lies inside, a nested attribution, else ""), `doc_id`, `annotator`.""",
)

MENTION = Table[Mention](
    (
        Column("id", string, lambda m: m.id),
        Column("start", int32, lambda m: m.start),
        Column("end", int32, lambda m: m.end),
        Column("entity", string, lambda m: m.entity),
        Column("origin", string, lambda m: m.origin),
    )
)

DOCUMENT_QUOTE = Table[QuoteSource](
    (
        Column("id", string, lambda s: s.quote.id),
        Column("start", int32, lambda s: s.quote.start),
        Column("end", int32, lambda s: s.quote.end),
        Column("kind", string, lambda s: s.quote.kind),
        Column("source", string, lambda s: s.quote.source),
        Column("speaker", string, lambda s: s.mention.entity if s.mention is not None else None),
        Column("cue_start", int32, _cue_start),
        Column("cue_end", int32, _cue_end),
        Column("stance", string, lambda s: s.quote.stance),
        Column("target", string, lambda s: s.quote.target),
        Column("origin", string, lambda s: s.quote.origin),
    )
)

DOC_STANCE = Table[DocStance](
    (
        Column("stance", string, lambda d: d.stance),
        Column("target", string, lambda d: d.target),
    )
)

DOCUMENTS = ConfigTable(
    (
        Column("id", string, lambda i: i.document.id),
        Column("text", string, lambda i: i.document.text),
        Column("meta", string, _meta),
        Column("status", string, lambda i: i.annotation.status),
        Column(
            "mentions",
            list_of(struct_of(MENTION)),
            lambda i: [MENTION.row(m) for m in sorted(i.annotation.mentions, key=lambda m: (m.start, m.end))],
        ),
        Column(
            "quotes",
            list_of(struct_of(DOCUMENT_QUOTE)),
            lambda i: [
                DOCUMENT_QUOTE.row(QuoteSource.of(i, q))
                for q in sorted(i.annotation.quotes, key=lambda q: (q.start, q.end))
            ],
        ),
        Column("doc_stance", struct_of(DOC_STANCE), _doc_stance),
        Column("note", string, lambda i: i.annotation.note),
        Column("annotator", string, lambda i: i.annotation.annotator),
    ),
    ExportConfig.DOCUMENTS,
    """one row per document: `text`, `meta` (JSON), `status`, `mentions` and
  `quotes` as lists of structs, `doc_stance`, `note`, `annotator`.""",
)

TOKENS = ConfigTable(
    (
        Column("doc_id", string, lambda t: t.item.document.id),
        Column("tokens", list_of(string), lambda t: t.words),
        Column("token_starts", list_of(int32), lambda t: t.starts),
        Column("quote_tags", _bio_label("quote"), lambda t: t.tags("quote", _quote_spans(t.item, nested=False))),
        Column(
            "nested_quote_tags",
            _bio_label("quote"),
            lambda t: t.tags("nested quote", _quote_spans(t.item, nested=True)),
        ),
        Column("speaker_tags", _bio_label("speaker"), lambda t: t.tags("speaker", _mention_spans(t.item))),
        Column("cue_tags", _bio_label("cue"), lambda t: t.tags("cue", _cue_spans(t.item))),
    ),
    ExportConfig.TOKENS,
    """spaCy (rule-based English tokenizer) tokens with `token_starts` and BIO tags
  `quote_tags` (outermost quotes), `nested_quote_tags` (quotes inside another quote: nested
  attributions), `speaker_tags`, `cue_tags` for token classification.""",
)

TABLES: dict[ExportConfig, ConfigTable] = {t.name: t for t in (QUOTES, DOCUMENTS, TOKENS)}


def _quote_spans(item: Item, nested: bool) -> list[tuple[int, int]]:
    """Outermost quotes, or those inside another. BIO tags show two levels: a quote inside a
    nested one is left out of the tags and counted in the export summary as overlapping."""
    quotes = item.annotation.quotes
    return [(q.start, q.end) for q in quotes if (enclosing_quote(quotes, q) is not None) == nested]


def _mention_spans(item: Item) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in item.annotation.mentions]


def _cue_spans(item: Item) -> list[tuple[int, int]]:
    return [q.cue for q in item.annotation.quotes if q.cue is not None]


# --------------------------------------------------------------------------- rows


def quote_rows(item: Item, stance_labels: tuple[str, ...]) -> list[dict[str, Any]]:
    names = stance_names(stance_labels)
    return [QUOTES.row(QuoteSource.of(item, q, names)) for q in sorted(item.annotation.quotes, key=lambda q: q.start)]


def document_row(item: Item) -> dict[str, Any]:
    return DOCUMENTS.row(item)


def token_row(item: Item, tokenizer: Tokenizer, stats: AlignmentStats) -> dict[str, Any]:
    return TOKENS.row(TokenSource(item, *tokenizer.tokens(item.document.text), stats))
