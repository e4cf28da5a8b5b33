"""``--format spacy``: a ``DocBin`` per split (``train.spacy``…), ready for ``spacy train``.

Spans go to ``doc.spans["quotes"]`` (label = kind, ``kb_id`` = speaker entity),
``doc.spans["speakers"]`` (label ``SPEAKER``, ``kb_id`` = entity) and ``doc.spans["cues"]``
(label ``CUE``). Span groups cannot carry stance, target or the quote→speaker link, so
the complete annotation (character offsets included) also rides in
``doc.user_data["corpus_tui"]``, which DocBin stores: nothing is lost to tokenisation.
The document stance becomes ``doc.cats`` for text classification.

A DocBin keeps its documents in memory (~30 KB of token arrays per article), so a split
is written in shards of ``SHARD_DOCS`` documents: a split that fits in one shard is
``<split>.spacy``; a larger one becomes the folder ``<split>/`` of ``00000.spacy``…,
which ``spacy train --paths.train OUT/train`` reads as one corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpus_tui.core.project import ProjectConfig
from corpus_tui.export.rows import document_row
from corpus_tui.export.select import Item
from corpus_tui.export.tokens import AlignmentStats, blank_pipeline

USER_DATA_KEY = "corpus_tui"
SHARD_DOCS = 2000


class SpacyWriter:
    features = None  # span groups, not typed configs: no card

    def __init__(self, out_dir: Path, config: ProjectConfig) -> None:
        self.nlp = blank_pipeline(config.language)
        self.out_dir = out_dir
        self.stance_labels = config.stance_labels
        self.bins: dict[str, Any] = {}
        self.rows: dict[str, int] = {}
        self.shards: dict[str, int] = {}
        self.alignment = AlignmentStats()

    def _span(self, doc: Any, start: int, end: int, kind: str, label: str, kb_id: str = "") -> Any:
        span = doc.char_span(start, end, label=label, kb_id=kb_id)
        if span is None:
            span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
            if span is None or len(span) == 0:
                self.alignment.uncovered[kind] += 1
                return None
            self.alignment.expanded[kind] += 1
        return span

    def add(self, split: str, item: Item) -> None:
        from spacy.tokens import DocBin

        document, ann = item.document, item.annotation
        doc = self.nlp.make_doc(document.text)
        quotes, speakers, cues = [], [], []
        for q in sorted(ann.quotes, key=lambda q: q.start):
            span = self._span(doc, q.start, q.end, "quote", q.kind, ann.speaker_of(q) or "")
            if span is not None:
                quotes.append(span)
            if q.cue is not None:
                cue = self._span(doc, q.cue[0], q.cue[1], "cue", "CUE")
                if cue is not None and all((c.start, c.end) != (cue.start, cue.end) for c in cues):
                    cues.append(cue)
        for m in sorted(ann.mentions, key=lambda m: m.start):
            span = self._span(doc, m.start, m.end, "speaker", "SPEAKER", m.entity)
            if span is not None:
                speakers.append(span)
        doc.spans["quotes"] = quotes
        doc.spans["speakers"] = speakers
        doc.spans["cues"] = cues
        if ann.doc_stance is not None:
            doc.cats = {label: float(label == ann.doc_stance.stance) for label in self.stance_labels}
        record = document_row(item)
        del record["text"]  # the Doc has it
        record["split"] = split
        record["rev"] = ann.rev
        record["rejected"] = [r.to_dict() for r in ann.rejected]
        doc.user_data[USER_DATA_KEY] = record
        bin_ = self.bins.get(split)
        if bin_ is None:
            bin_ = self.bins[split] = DocBin(store_user_data=True)
            self.rows.setdefault(split, 0)
            self.shards.setdefault(split, 0)
        bin_.add(doc)
        self.rows[split] += 1
        if len(bin_) >= SHARD_DOCS:
            self._flush(split)

    def _flush(self, split: str) -> None:
        bin_ = self.bins.pop(split)
        folder = self.out_dir / split
        folder.mkdir(parents=True, exist_ok=True)
        bin_.to_disk(folder / f"{self.shards[split]:05d}.spacy")
        self.shards[split] += 1

    def close(self) -> dict[str, dict[str, int]]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for split in list(self.bins):
            if len(self.bins[split]):
                self._flush(split)
        for split, shards in self.shards.items():
            if shards == 1:  # the common case: one file per split
                (self.out_dir / split / "00000.spacy").rename(self.out_dir / f"{split}.spacy")
                (self.out_dir / split).rmdir()
        return {"docs": dict(self.rows)} if self.rows else {}
