"""Reading Hugging Face datasets as documents (and, for a corpus-tui export, their annotations).

A hub-layout folder, a ``save_to_disk`` folder or a single parquet file; rows are streamed.
A ``documents`` config written by ``corpus-tui export`` carries ``mentions`` and ``quotes``
lists, which come back as the annotation; any other dataset needs a ``text`` column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus_tui.core.corpus import normalise_newlines
from corpus_tui.core.errors import CorpusError, ValidationError
from corpus_tui.core.model import DocAnnotation, Document, Status, is_safe_id
from corpus_tui.ingest.prodigy import ImportedRecord

DEFAULT_IMPORT_ANNOTATOR = "imported"
_KNOWN_COLUMNS = {"id", "doc_id", "text", "meta", "status", "mentions", "quotes", "doc_stance", "note", "annotator"}


def is_hf_dataset(path: Path) -> bool:
    if path.is_file():
        return path.suffix.lower() == ".parquet"
    if path.is_dir():
        return (
            (path / "dataset_dict.json").is_file()
            or (path / "state.json").is_file()
            or any(path.glob("*.parquet"))
            or any(path.glob("*/*.parquet"))
        )
    return False


def _parquet_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    documents = sorted(path.glob("documents/*.parquet"))
    if documents:
        return documents
    return sorted(p for p in path.rglob("*.parquet") if p.is_file())


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a parquet file / hub-layout folder or of a ``save_to_disk`` folder, streamed."""
    if path.is_dir() and ((path / "dataset_dict.json").is_file() or (path / "state.json").is_file()):
        from datasets import Dataset, DatasetDict, load_from_disk

        loaded = load_from_disk(str(path))
        parts = list(loaded.values()) if isinstance(loaded, DatasetDict) else [loaded]
        for part in parts:
            assert isinstance(part, Dataset)
            if "text" not in part.column_names:
                raise CorpusError(
                    f"{path}: the dataset has no 'text' column (columns: {', '.join(part.column_names)})."
                )
            yield from part
        return
    import pyarrow.parquet as pq

    files = _parquet_files(path)
    if not files:
        raise CorpusError(f"{path}: no parquet files found.")
    for file in files:
        try:
            pf = pq.ParquetFile(file)
        except Exception as exc:
            raise CorpusError(f"{file} is not a readable parquet file ({exc}).") from None
        names = pf.schema_arrow.names
        if "text" not in names:
            raise CorpusError(f"{file}: the dataset has no 'text' column (columns: {', '.join(names)}).")
        for batch in pf.iter_batches(batch_size=512):
            yield from batch.to_pylist()


def read_hf_dataset(path: Path, annotator: str | None) -> Iterator[ImportedRecord]:
    stem = path.stem if path.is_file() else path.name
    for index, row in enumerate(_rows(path)):
        where = f"{path} (row {index + 1})"
        text = row.get("text")
        if not isinstance(text, str):
            raise CorpusError(f"{where}: 'text' must be a string.")
        doc_id = row.get("id") or row.get("doc_id") or f"{stem}-{index:06d}"
        doc_id = str(doc_id)
        if not is_safe_id(doc_id):
            raise CorpusError(f"{where}: id {doc_id!r} is not usable as a document id (letters, digits, . _ -).")
        meta = row.get("meta")
        if isinstance(meta, str):
            try:
                meta = json.loads(meta) if meta.strip() else {}
            except json.JSONDecodeError:
                meta = {"meta": meta}
        meta = dict(meta) if isinstance(meta, dict) else {}
        for key, value in row.items():
            if key not in _KNOWN_COLUMNS and isinstance(value, (str, int, float, bool)) and key not in meta:
                meta[key] = value
        document = Document(id=doc_id, text=normalise_newlines(text), meta=meta)
        yield ImportedRecord(document, _hf_annotation(row, document, annotator, where))


def _hf_annotation(row: dict[str, Any], document: Document, annotator: str | None, where: str) -> DocAnnotation | None:
    """The annotation in a corpus-tui ``documents`` row (``mentions`` and ``quotes`` lists),
    converted with the model's types (``DocAnnotation.from_dict``): a column of a foreign
    dataset with the right name but the wrong type is one sentence naming the row."""
    if not isinstance(row.get("quotes"), list) or not isinstance(row.get("mentions"), list):
        return None
    quotes = [_present(q) for q in row["quotes"]]
    for q in quotes:
        if isinstance(q, dict) and ("cue_start" in q or "cue_end" in q):
            q["cue"] = [q.pop("cue_start", None), q.pop("cue_end", None)]
    data = {
        "doc_id": document.id,
        "text_sha256": document.text_sha256,
        "annotator": annotator or row.get("annotator") or DEFAULT_IMPORT_ANNOTATOR,
        "status": row.get("status") or Status.DONE,
        "mentions": [_present(m) for m in row["mentions"]],
        "quotes": quotes,
        "doc_stance": _present(row.get("doc_stance")),
        "note": row.get("note") or "",
    }
    try:
        return DocAnnotation.from_dict(data)
    except ValidationError as exc:
        raise CorpusError(f"{where}: the annotation columns do not have the types corpus-tui reads ({exc}).") from None


def _present(value: Any) -> Any:
    """A struct cell without its nulls, so missing values take the model's defaults."""
    return {k: v for k, v in value.items() if v is not None} if isinstance(value, dict) else value
