"""``corpus-tui import`` of files that carry more than text: Prodigy JSONL with spans, HF datasets.

A Prodigy file written by ``corpus-tui export --format prodigy`` (or by Prodigy itself
with QUOTE/SPEAKER/CUE spans) and a Hugging Face dataset exported by corpus-tui (its
``documents`` config) bring their annotations along: the documents go to ``corpus/`` as
JSONL and the annotations into the annotator's journal, so an export → import round trip
loses nothing. Any other HF dataset (a hub-layout folder, a ``save_to_disk`` folder or a
parquet file) needs a ``text`` column and imports as documents only. Plain .txt/.md/.jsonl
files keep going through ``ingest.files.import_files``.

Everything is read and checked before anything is written: one bad record leaves the
project untouched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, validation_errors
from corpus_tui.core.project import Project, check_annotator_name
from corpus_tui.ingest.files import free_name, import_files
from corpus_tui.ingest.hf import is_hf_dataset, read_hf_dataset
from corpus_tui.ingest.prodigy import ImportedRecord, is_prodigy_file, read_prodigy


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
        result.documents += len(import_files(project, plain))
    corpus_dir = project.root / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    by_annotator: dict[str, list[DocAnnotation]] = {}
    for path, recs in records:
        target = free_name(corpus_dir / f"{path.stem if path.is_file() else path.name}.jsonl")
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
    project.forget_documents()
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
