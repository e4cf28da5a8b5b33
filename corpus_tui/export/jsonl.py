"""``--format jsonl``: one JSON record per document, one file per split.

The simplest lossless form: the document, its meta and its whole annotation, for people
who would rather read JSON than parquet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from corpus_tui.core.project import ProjectConfig
from corpus_tui.export.rows import document_row
from corpus_tui.export.select import Item
from corpus_tui.export.tokens import AlignmentStats


class SplitFiles:
    """``<split>.jsonl`` per split, each opened when its first record arrives (shared with Prodigy)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: dict[str, IO[str]] = {}
        self.rows: dict[str, int] = {}

    def _handle(self, split: str) -> IO[str]:
        handle = self.files.get(split)
        if handle is None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            handle = (self.out_dir / f"{split}.jsonl").open("w", encoding="utf-8")
            self.files[split] = handle
            self.rows[split] = 0
        return handle

    def write(self, split: str, record: dict[str, Any]) -> None:
        self._handle(split).write(json.dumps(record, ensure_ascii=False) + "\n")
        self.rows[split] += 1

    def close(self) -> dict[str, int]:
        """Close the files; records written per split."""
        for handle in self.files.values():
            handle.close()
        return dict(self.rows)


class JsonlWriter:
    """Documents as the ``documents`` config's rows, with ``meta`` as JSON and their split."""

    features = None  # no typed configs, no card

    def __init__(self, out_dir: Path, config: ProjectConfig) -> None:
        self.files = SplitFiles(out_dir)
        self.alignment = AlignmentStats()  # offsets only, no tokens: stays empty

    def add(self, split: str, item: Item) -> None:
        row = document_row(item)
        row["meta"] = json.loads(row["meta"])
        row["split"] = split
        self.files.write(split, row)

    def close(self) -> dict[str, dict[str, int]]:
        rows = self.files.close()
        return {"documents": rows} if rows else {}
