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

from corpus_tui.core.project import ProjectConfig
from corpus_tui.export.rows import CONFIGS, TABLES, ExportConfig, document_row, quote_rows, token_row
from corpus_tui.export.select import Item
from corpus_tui.export.tokens import AlignmentStats, Tokenizer

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

    def __init__(self, out_dir: Path, config: ProjectConfig) -> None:
        self.out_dir = out_dir
        self.features = {name: TABLES[name].features(config.stance_labels) for name in CONFIGS}
        self.schemas = {name: feats.arrow_schema for name, feats in self.features.items()}
        self.stance_labels = config.stance_labels
        self.tokenizer = Tokenizer(config.language)
        self.alignment = AlignmentStats()
        self.tables: dict[tuple[str, str], _Table] = {}

    def _table(self, config: str, split: str) -> _Table:
        table = self.tables.get((config, split))
        if table is None:
            table = _Table(self.out_dir / shard_path(config, split), self.schemas[config])
            self.tables[(config, split)] = table
        return table

    def add(self, split: str, item: Item) -> None:
        quotes = quote_rows(item, self.stance_labels)
        if quotes:
            self._table(ExportConfig.QUOTES, split).add(quotes)
        self._table(ExportConfig.DOCUMENTS, split).add([document_row(item)])
        self._table(ExportConfig.TOKENS, split).add([token_row(item, self.tokenizer, self.alignment)])

    def close(self) -> dict[str, dict[str, int]]:
        """Close every file; returns rows per config and split."""
        rows: dict[str, dict[str, int]] = {config.value: {} for config in CONFIGS}
        for (config, split), table in self.tables.items():
            table.close()
            rows[config][split] = table.rows
        return {config: splits for config, splits in rows.items() if splits}
