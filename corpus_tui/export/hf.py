"""The Hugging Face hub layout: ``<config>/<split>-00000-of-00001.parquet`` per config and split.

Rows go to ``pyarrow.parquet.ParquetWriter`` in small batches as documents are read, so
memory stays flat however large the corpus is. The parquet schema carries the
``datasets`` features (ClassLabel names included) in its metadata, and the card declares
them too, so ``datasets.load_dataset(OUT, "quotes")`` sees the same types locally and on
the hub.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpus_tui.export.rows import (
    CONFIGS,
    AlignmentStats,
    Tokenizer,
    document_row,
    features,
    quote_rows,
    token_row,
)
from corpus_tui.export.select import Item

BATCH_ROWS = 256


def shard_path(config: str, split: str) -> str:
    """The file of one config and split, relative to the export folder (hub naming)."""
    return f"{config}/{split}-00000-of-00001.parquet"


class _Table:
    """One parquet file written incrementally in row batches."""

    def __init__(self, path: Path, schema: Any) -> None:
        import pyarrow.parquet as pq

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.schema = schema
        self.writer = pq.ParquetWriter(path, schema, compression="zstd")
        self.buffer: list[dict[str, Any]] = []
        self.rows = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.buffer.extend(rows)
        self.rows += len(rows)
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.buffer:
            self.writer.write_table(pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


class HfWriter:
    """Writes the three configs; a (config, split) file is created when its first row arrives."""

    def __init__(self, out_dir: Path, stance_labels: tuple[str, ...], language: str = "en") -> None:
        self.out_dir = out_dir
        self.features = {config: features(config, stance_labels) for config in CONFIGS}
        self.schemas = {config: feats.arrow_schema for config, feats in self.features.items()}
        self.stance_labels = stance_labels
        self.tokenizer = Tokenizer(language)
        self.alignment = AlignmentStats()
        self.tables: dict[tuple[str, str], _Table] = {}

    def _table(self, config: str, split: str) -> _Table:
        table = self.tables.get((config, split))
        if table is None:
            table = _Table(self.out_dir / shard_path(config, split), self.schemas[config])
            self.tables[(config, split)] = table
        return table

    def add(self, split: str, item: Item) -> None:
        doc, ann = item.document, item.annotation
        quotes = quote_rows(doc, ann, self.stance_labels)
        if quotes:
            self._table("quotes", split).add(quotes)
        self._table("documents", split).add([document_row(doc, ann)])
        self._table("tokens", split).add([token_row(doc, ann, self.tokenizer, self.alignment)])

    def close(self) -> dict[str, dict[str, int]]:
        """Close every file; returns rows per config and split."""
        rows: dict[str, dict[str, int]] = {config: {} for config in CONFIGS}
        for (config, split), table in self.tables.items():
            table.close()
            rows[config][split] = table.rows
        return {config: splits for config, splits in rows.items() if splits}
