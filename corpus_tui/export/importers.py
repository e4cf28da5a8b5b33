"""``corpus-tui import`` of files that carry more than text: Prodigy JSONL with spans, HF datasets.

A Prodigy file written by ``corpus-tui export --format prodigy`` (or by Prodigy itself
with QUOTE/SPEAKER/CUE spans) and a Hugging Face dataset exported by corpus-tui (its
``documents`` config) bring their annotations along: the documents go to ``corpus/`` as
JSONL and the annotations into the annotator's journal, so an export → import round trip
loses nothing. Any other HF dataset (a hub-layout folder, a ``save_to_disk`` folder or a
parquet file) needs a ``text`` column and imports as documents only. Plain .txt/.md/.jsonl
files keep going through ``corpus.import_files``.

Everything is read and checked before anything is written: one bad record leaves the
project untouched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, DocStance, Document, Mention, Quote, is_safe_id, validation_errors
from corpus_tui.core.project import Project, check_annotator_name
from corpus_tui.export.prodigy import ImportedRecord, is_prodigy_file, read_prodigy

DEFAULT_IMPORT_ANNOTATOR = "imported"
_KNOWN_COLUMNS = {"id", "doc_id", "text", "meta", "status", "mentions", "quotes", "doc_stance", "note", "annotator"}


@dataclass
class ImportResult:
    documents: int = 0
    annotations: dict[str, int] = field(default_factory=dict)  # annotator -> count
    ignored_spans: int = 0
    files: list[str] = field(default_factory=list)
    corpus_dir: str = "corpus"

    def __str__(self) -> str:
        lines = [f"Imported {self.documents} document(s) into {self.corpus_dir}."]
        for who, n in sorted(self.annotations.items()):
            lines.append(f"Imported {n} annotation(s) into the journal of {who}.")
        if self.ignored_spans:
            lines.append(
                f"Ignored {self.ignored_spans} span(s) or relation(s) with labels other than QUOTE/SPEAKER/CUE."
            )
        return "\n".join(lines)


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


def import_any(project: Project, paths: Iterable[str | os.PathLike[str]], annotator: str | None = None) -> ImportResult:
    """Import plain documents, Prodigy JSONL and HF datasets in one checked batch."""
    if annotator is not None:
        check_annotator_name(annotator)
    plain: list[Path] = []
    records: list[tuple[Path, list[ImportedRecord]]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise CorpusError(f"{path} does not exist.")
        if is_prodigy_file(path):
            records.append((path, list(read_prodigy(path, annotator))))
        elif is_hf_dataset(path):
            records.append((path, list(read_hf_dataset(path, annotator))))
        elif path.is_dir():
            raise CorpusError(f"{path} is a folder but not a Hugging Face dataset (no parquet or save_to_disk files).")
        else:
            plain.append(path)
    _check(project, plain, records)
    result = ImportResult(corpus_dir=str(project.root / "corpus"))
    if plain:
        from corpus_tui.core.corpus import import_files

        result.documents += len(import_files(project, plain))
    corpus_dir = project.root / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    by_annotator: dict[str, list[DocAnnotation]] = {}
    for path, recs in records:
        target = _free_name(corpus_dir / f"{path.stem if path.is_file() else path.name}.jsonl")
        with target.open("w", encoding="utf-8") as out:
            for rec in recs:
                doc = rec.document
                meta = {k: v for k, v in doc.meta.items() if k not in ("source", "line")}
                out.write(json.dumps({"id": doc.id, "text": doc.text, "meta": meta}, ensure_ascii=False) + "\n")
                result.ignored_spans += rec.ignored_spans
                if rec.annotation is not None:
                    by_annotator.setdefault(rec.annotation.annotator, []).append(rec.annotation)
        result.documents += len(recs)
        result.files.append(str(target))
    for who, anns in by_annotator.items():
        with project.open_journal(who) as journal:
            journal.save_many(anns)
        result.annotations[who] = len(anns)
    project._documents = None  # re-read on next access
    return result


def _check(project: Project, plain: list[Path], records: list[tuple[Path, list[ImportedRecord]]]) -> None:
    from corpus_tui.core.corpus import read_path

    existing = {d.id for d in project.documents()}
    seen: dict[str, str] = {}
    for path in plain:
        for doc in read_path(path):
            seen.setdefault(doc.id, str(path))
    for path, recs in records:
        for rec in recs:
            doc_id = rec.document.id
            if doc_id in existing:
                raise CorpusError(f"{path}: document id {doc_id!r} is already in the project.")
            if doc_id in seen:
                raise CorpusError(f"Duplicate document id {doc_id!r}: in {seen[doc_id]} and in {path}.")
            seen[doc_id] = str(path)
            if rec.annotation is not None:
                check_annotator_name(rec.annotation.annotator, f"{path}: annotator")
                errors = validation_errors(rec.annotation, rec.document)
                if errors:
                    raise CorpusError(f"{path}: the annotation of document {doc_id!r} is invalid: {errors[0]}.")


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


# --------------------------------------------------------------------------- HF datasets


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
        from corpus_tui.core.corpus import normalise_newlines

        document = Document(id=doc_id, text=normalise_newlines(text), meta=meta)
        yield ImportedRecord(document, _hf_annotation(row, document, annotator, where))


def _hf_annotation(row: dict[str, Any], document: Document, annotator: str | None, where: str) -> DocAnnotation | None:
    """The annotation in a corpus-tui ``documents`` row (``mentions`` and ``quotes`` lists)."""
    if not isinstance(row.get("quotes"), list) or not isinstance(row.get("mentions"), list):
        return None
    try:
        mentions = tuple(
            Mention(str(m["id"]), int(m["start"]), int(m["end"]), str(m["entity"]), str(m.get("origin") or "manual"))
            for m in row["mentions"]
        )
        quotes = tuple(
            Quote(
                id=str(q["id"]),
                start=int(q["start"]),
                end=int(q["end"]),
                kind=str(q["kind"]),
                source=q.get("source"),
                cue=(int(q["cue_start"]), int(q["cue_end"])) if q.get("cue_start") is not None else None,
                stance=q.get("stance"),
                target=q.get("target"),
                origin=str(q.get("origin") or "manual"),
            )
            for q in row["quotes"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CorpusError(f"{where}: malformed mentions/quotes ({exc}).") from None
    ds = row.get("doc_stance")
    doc_stance = DocStance(str(ds["stance"]), ds.get("target")) if isinstance(ds, dict) and ds.get("stance") else None
    return DocAnnotation(
        doc_id=document.id,
        text_sha256=document.text_sha256,
        annotator=annotator or str(row.get("annotator") or DEFAULT_IMPORT_ANNOTATOR),
        status=str(row.get("status") or "done"),
        mentions=mentions,
        quotes=quotes,
        doc_stance=doc_stance,
        note=str(row.get("note") or ""),
    )
