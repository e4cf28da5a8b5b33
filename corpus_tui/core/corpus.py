"""Reading documents into ``Document`` records (``ingest.files`` copies new ones into a project).

Newlines are normalised here, before any offset exists, because every annotation's
offsets refer to the normalised text. Undecodable bytes are an error naming the file and
the byte position rather than a silent replacement: a replaced character would shift
nothing, but it would corrupt the text the annotator reads and the dataset ships. JSON
can smuggle in what UTF-8 cannot hold, a lone surrogate (``"\\ud800"``): no file, journal
or terminal can take it, so it is refused here too, naming file, line, key and character.

Only files inside the project are read (``document_paths``): a document, or the folder it
is in, that resolves outside the project root is refused unless the config allows it.
"""

from __future__ import annotations

import codecs
import glob
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import Document, is_safe_id
from corpus_tui.core.safefs import inside

TEXT_SUFFIXES = (".txt", ".md")
#: the JSON escape of a UTF-16 surrogate, the only way a lone one gets into a parsed record
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_file(path: Path) -> str:
    """Read a file as UTF-8 (a BOM is dropped) or fail naming the first bad byte."""
    return decode_bytes(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def decode_bytes(data: bytes, path: Path) -> str:
    """The text of ``path``'s bytes: UTF-8 (a BOM is dropped), newlines normalised."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path} is not UTF-8 text: undecodable byte 0x{data[exc.start]:02x} at byte {exc.start}."
        ) from None
    return normalise_newlines(text)


def read_text_document(path: Path, root: Path | None = None, text: str | None = None) -> Document:
    """The document of a .txt/.md file (``text``: its decoded content, when already read)."""
    doc_id = path.stem
    if not is_safe_id(doc_id):
        raise CorpusError(f"{path}: the file name {doc_id!r} is not usable as a document id.")
    source = str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else str(path)
    return Document(id=doc_id, text=decode_file(path) if text is None else text, meta={"source": source})


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
            record = parse_json_line(line, f"{path}:{lineno}")
            yield document_from_record(record, f"{path}:{lineno}", source, lineno)


def parse_json_line(line: str, where: str) -> Any:
    """One line of a JSONL file parsed, refused in one sentence if it is not JSON or holds a
    lone surrogate (the escape is looked for in the line first, so clean lines cost nothing)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{where}: not valid JSON ({exc.msg}).") from None
    if _SURROGATE_ESCAPE.search(line) is not None:
        found = _lone_surrogate(record, "$")
        if found is not None:
            key, index, char = found
            raise CorpusError(
                f"{where}: {key} holds a lone surrogate (\\u{ord(char):04x}) at character {index}, which is not "
                "text (half of a UTF-16 pair?): fix or remove it."
            )
    return record


def _lone_surrogate(value: Any, key: str) -> tuple[str, int, str] | None:
    """Where the first lone surrogate in a parsed JSON value is: (key path, index, character)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return key, exc.start, value[exc.start]
        return None
    if isinstance(value, dict):
        for name, item in value.items():
            found = _lone_surrogate(name, f"a key of {key}") or _lone_surrogate(item, f"{key}.{name}")
            if found is not None:
                return found
    if isinstance(value, list):
        for n, item in enumerate(value):
            found = _lone_surrogate(item, f"{key}[{n}]")
            if found is not None:
                return found
    return None


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


def document_paths(root: Path, patterns: Iterable[str], allow_outside: bool = False) -> Iterator[Path]:
    """The files the project's globs match, each once, in glob order; a file or folder that
    resolves outside ``root`` is refused (unless ``allow_outside``).

    Each folder is resolved once and a file only when it is a link, so a corpus of 10,000
    files in one folder costs one ``resolve`` and a ``lstat`` per file."""
    seen: set[Path] = set()
    folders_inside: set[Path] = set()
    for pattern in patterns:
        for name in sorted(glob.glob(os.path.join(glob.escape(str(root)), pattern), recursive=True)):
            path = Path(name)
            if path in seen or not path.is_file():
                continue
            if not allow_outside:
                if path.parent not in folders_inside:
                    inside(root, path.parent, "The document folder")
                    folders_inside.add(path.parent)
                if path.is_symlink():
                    inside(root, path, "The document")
            seen.add(path)
            yield path


def iter_documents(root: Path, patterns: Iterable[str], allow_outside: bool = False) -> Iterator[Document]:
    """The documents matched by the project's globs, one at a time; a duplicate id is an error
    naming both places."""
    origin: dict[str, str] = {}
    for path in document_paths(root, patterns, allow_outside):
        for doc in read_path(path, root):
            where = doc.meta.get("source", str(path))
            if "line" in doc.meta:
                where = f"{where}:{doc.meta['line']}"
            if doc.id in origin:
                raise CorpusError(f"Duplicate document id {doc.id!r}: in {origin[doc.id]} and in {where}.")
            origin[doc.id] = where
            yield doc


def read_documents(root: Path, patterns: Iterable[str], allow_outside: bool = False) -> list[Document]:
    """All documents matched by the project's globs; duplicate ids are an error."""
    return list(iter_documents(root, patterns, allow_outside))
