"""Reading documents into ``Document`` records (``ingest.files`` copies new ones into a project).

Newlines are normalised here, before any offset exists, because every annotation's
offsets refer to the normalised text. Undecodable bytes are an error naming the file and
the byte position rather than a silent replacement: a replaced character would shift
nothing, but it would corrupt the text the annotator reads and the dataset ships.
"""

from __future__ import annotations

import codecs
import glob
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import Document, is_safe_id

TEXT_SUFFIXES = (".txt", ".md")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_file(path: Path) -> str:
    """Read a file as UTF-8 (a BOM is dropped) or fail naming the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path} is not UTF-8 text: undecodable byte 0x{data[exc.start]:02x} at byte {exc.start}."
        ) from None
    return normalise_newlines(text)


def read_text_document(path: Path, root: Path | None = None) -> Document:
    doc_id = path.stem
    if not is_safe_id(doc_id):
        raise CorpusError(f"{path}: the file name {doc_id!r} is not usable as a document id.")
    source = str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else str(path)
    return Document(id=doc_id, text=decode_file(path), meta={"source": source})


def iter_jsonl_documents(path: Path, root: Path | None = None) -> Iterator[Document]:
    """``{"id", "text", "meta"}`` per line, read line by line so a corpus of any size streams;
    a Prodigy record (no ``id``) gets one from its meta or its input hash so Prodigy files can
    be read as they are. An undecodable byte is named by its position in the file."""
    source = str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise CorpusError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    with handle:
        offset = 0
        for lineno, raw in enumerate(handle, start=1):
            start = offset
            offset += len(raw)
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, start = raw[len(codecs.BOM_UTF8) :], start + len(codecs.BOM_UTF8)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise CorpusError(
                    f"{path} is not UTF-8 text: undecodable byte 0x{raw[exc.start]:02x} at byte {start + exc.start}."
                ) from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{lineno}: not valid JSON ({exc.msg}).") from None
            yield document_from_record(record, f"{path}:{lineno}", source, lineno)


def document_from_record(record: Any, where: str, source: str, lineno: int) -> Document:
    if not isinstance(record, dict):
        raise CorpusError(f"{where}: expected a JSON object with 'id' and 'text'.")
    text = record.get("text")
    if not isinstance(text, str):
        raise CorpusError(f"{where}: the record has no 'text' string.")
    meta = record.get("meta")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError(f"{where}: 'meta' must be a JSON object.")
    doc_id = record.get("id")
    if doc_id is None:
        doc_id = meta.get("id") or meta.get("doc_id")
    if doc_id is None and "_input_hash" in record:
        doc_id = f"prodigy-{record['_input_hash']}"
    if doc_id is None:
        raise CorpusError(f"{where}: the record has no 'id'.")
    doc_id = str(doc_id)
    if not is_safe_id(doc_id):
        raise CorpusError(f"{where}: id {doc_id!r} is not usable as a document id (letters, digits, . _ -).")
    meta = {**meta, "source": source, "line": lineno}
    return Document(id=doc_id, text=normalise_newlines(text), meta=meta)


def read_path(path: Path, root: Path | None = None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return iter([read_text_document(path, root)])
    if suffix == ".jsonl":
        return iter_jsonl_documents(path, root)
    raise CorpusError(f"{path}: unsupported file type {suffix or '(none)'!r} (use .txt, .md or .jsonl).")


def document_paths(root: Path, patterns: Iterable[str]) -> Iterator[Path]:
    """The files the project's globs match, each once, in glob order."""
    seen: set[Path] = set()
    for pattern in patterns:
        for name in sorted(glob.glob(os.path.join(glob.escape(str(root)), pattern), recursive=True)):
            path = Path(name)
            if path in seen or not path.is_file():
                continue
            seen.add(path)
            yield path


def iter_documents(root: Path, patterns: Iterable[str]) -> Iterator[Document]:
    """The documents matched by the project's globs, one at a time; a duplicate id is an error
    naming both places."""
    origin: dict[str, str] = {}
    for path in document_paths(root, patterns):
        for doc in read_path(path, root):
            where = doc.meta.get("source", str(path))
            if "line" in doc.meta:
                where = f"{where}:{doc.meta['line']}"
            if doc.id in origin:
                raise CorpusError(f"Duplicate document id {doc.id!r}: in {origin[doc.id]} and in {where}.")
            origin[doc.id] = where
            yield doc


def read_documents(root: Path, patterns: Iterable[str]) -> list[Document]:
    """All documents matched by the project's globs; duplicate ids are an error."""
    return list(iter_documents(root, patterns))
