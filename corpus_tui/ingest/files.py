"""What an import adds to ``corpus/``: each new file's name, bytes and documents, read and
checked before anything is written (``ingest.commit`` writes them).

A .txt/.md file keeps its bytes (the bytes that were checked are the bytes written, so a
file changed during the import cannot slip in unchecked); JSONL documents, and those of
Prodigy files and HF datasets, are written as ``{"id", "text", "meta"}`` lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus_tui.core.corpus import TEXT_SUFFIXES, decode_bytes, read_bytes, read_path, read_text_document
from corpus_tui.core.model import Document


@dataclass
class NewFile:
    """A file to create in ``corpus/``."""

    name: str
    data: bytes
    documents: list[Document]
    #: the name is the document id (a .txt/.md file), so it cannot move to a free name
    fixed_name: bool


def plain_file(path: Path) -> NewFile:
    """A .txt, .md or document .jsonl file, read and checked."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        data = read_bytes(path)
        document = read_text_document(path, text=decode_bytes(data, path))
        return NewFile(path.name, data, [document], fixed_name=True)
    return documents_file(path.name, list(read_path(path)))


def documents_file(name: str, documents: list[Document]) -> NewFile:
    """A new .jsonl of ``documents`` (where they were read from is not kept: it was elsewhere)."""
    return NewFile(name, jsonl_bytes(documents), documents, fixed_name=False)


def jsonl_bytes(documents: Iterable[Document]) -> bytes:
    lines = []
    for doc in documents:
        meta = {k: v for k, v in doc.meta.items() if k not in ("source", "line")}
        lines.append(json.dumps({"id": doc.id, "text": doc.text, "meta": meta}, ensure_ascii=False) + "\n")
    return "".join(lines).encode("utf-8")


def free_name(folder: Path, name: str, taken: set[str]) -> str:
    """``name``, or ``stem-1.suffix``, ``stem-2.suffix`` ... whichever nothing in ``folder``
    (not even a dangling link) and nothing in ``taken`` has."""
    path = Path(name)
    candidate, n = name, 1
    while candidate in taken or (folder / candidate).is_symlink() or (folder / candidate).exists():
        candidate = f"{path.stem}-{n}{path.suffix}"
        n += 1
    return candidate
