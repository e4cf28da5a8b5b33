"""``--format jsonl``: one JSON record per document, one file per split.

The simplest lossless form: the document, its meta and its whole annotation, for people
who would rather read JSON than parquet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from corpus_tui.export.rows import document_row
from corpus_tui.export.select import Item


class JsonlWriter:
    def __init__(self, out_dir: Path, suffix: str = ".jsonl") -> None:
        self.out_dir = out_dir
        self.suffix = suffix
        self.files: dict[str, IO[str]] = {}
        self.rows: dict[str, int] = {}

    def handle(self, split: str) -> IO[str]:
        handle = self.files.get(split)
        if handle is None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            handle = (self.out_dir / f"{split}{self.suffix}").open("w", encoding="utf-8")
            self.files[split] = handle
            self.rows[split] = 0
        return handle

    def write(self, split: str, record: dict) -> None:
        self.handle(split).write(json.dumps(record, ensure_ascii=False) + "\n")
        self.rows[split] += 1

    def add(self, split: str, item: Item) -> None:
        row = document_row(item.document, item.annotation)
        row["meta"] = json.loads(row["meta"])
        row["split"] = split
        self.write(split, row)

    def close(self) -> dict[str, dict[str, int]]:
        for handle in self.files.values():
            handle.close()
        return {"documents": dict(self.rows)} if self.rows else {}
