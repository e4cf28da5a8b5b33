"""``corpus-tui import``: plain documents, and files that carry more than text (Prodigy JSONL
with spans, HF datasets).

A Prodigy file written by ``corpus-tui export --format prodigy`` (or by Prodigy itself
with QUOTE/SPEAKER/CUE spans) and a Hugging Face dataset exported by corpus-tui (its
``documents`` config) bring their annotations along: the documents go to ``corpus/`` as
JSONL and the annotations into the annotator's journal, so an export → import round trip
loses nothing. Any other HF dataset (a hub-layout folder, a ``save_to_disk`` folder or a
parquet file) needs a ``text`` column and imports as documents only. Plain .txt/.md files
are copied as they are, document .jsonl files rewritten line by line.

Everything is read and checked before anything is written (ids, file names, every
annotation as the journal will read it back), and ``ingest.commit`` then writes all of it
or nothing: one bad record, or a journal another corpus-tui holds, leaves no trace.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from corpus_tui.core import safefs
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import decode_annotation, journal_line
from corpus_tui.core.model import DocAnnotation, validation_errors
from corpus_tui.core.project import Project, check_annotator_name
from corpus_tui.ingest.commit import write_import
from corpus_tui.ingest.files import NewFile, documents_file, free_name, plain_file
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


@dataclass
class _Batch:
    """Everything one import will write, each piece with the path it came from."""

    files: list[tuple[Path, NewFile]] = field(default_factory=list)
    records: list[tuple[Path, ImportedRecord]] = field(default_factory=list)


def import_any(project: Project, paths: Iterable[str | os.PathLike[str]], annotator: str | None = None) -> ImportResult:
    """Import plain documents, Prodigy JSONL and HF datasets in one checked batch."""
    if annotator is not None:
        check_annotator_name(annotator)
    corpus_dir = project.root / "corpus"
    project.inside(corpus_dir, "The corpus folder")
    batch = _read(paths, annotator)
    _check_ids(project, batch)
    _name_files(corpus_dir, batch)
    annotations = _checked_annotations(batch, project.config.stance_labels)
    write_import(project, corpus_dir, [new for _, new in batch.files], annotations)
    project.forget_documents()
    return ImportResult(
        documents=sum(len(new.documents) for _, new in batch.files),
        annotations={who: len(anns) for who, anns in annotations.items()},
        ignored_spans=sum(rec.ignored_spans for _, rec in batch.records),
        files=[str(corpus_dir / new.name) for _, new in batch.files],
        corpus_dir=str(corpus_dir),
    )


def _read(paths: Iterable[str | os.PathLike[str]], annotator: str | None) -> _Batch:
    batch = _Batch()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise CorpusError(f"{path} does not exist.")
        if is_prodigy_file(path):
            records = list(read_prodigy(path, annotator))
        elif is_hf_dataset(path):
            records = list(read_hf_dataset(path, annotator))
        elif path.is_dir():
            raise CorpusError(f"{path} is a folder but not a Hugging Face dataset (no parquet or save_to_disk files).")
        else:
            batch.files.append((path, plain_file(path)))
            continue
        name = f"{path.stem if path.is_file() else path.name}.jsonl"
        batch.files.append((path, documents_file(name, [rec.document for rec in records])))
        batch.records.extend((path, rec) for rec in records)
    return batch


def _check_ids(project: Project, batch: _Batch) -> None:
    existing = {d.id for d in project.documents()}
    seen: dict[str, Path] = {}
    for path, new in batch.files:
        for doc in new.documents:
            if doc.id in existing:
                raise CorpusError(f"{path}: document id {doc.id!r} is already in the project.")
            if doc.id in seen:
                raise CorpusError(f"Duplicate document id {doc.id!r}: in {seen[doc.id]} and in {path}.")
            seen[doc.id] = path


def _name_files(corpus_dir: Path, batch: _Batch) -> None:
    """Give every new file its name in ``corpus/``: a .txt/.md keeps its own (anything already
    there, a link included, is refused); a .jsonl takes the next free one."""
    taken: set[str] = set()
    for _, new in batch.files:
        target = corpus_dir / new.name
        if new.fixed_name:
            if target.is_symlink():
                raise safefs.symlink_error(target)
            if target.exists():
                raise CorpusError(f"{target} already exists.")
        else:
            new.name = free_name(corpus_dir, new.name, taken)
        taken.add(new.name)


def _checked_annotations(batch: _Batch, stance_labels: Sequence[str]) -> dict[str, list[DocAnnotation]]:
    """The annotations by annotator, each checked against its document and the project's
    stance labels, and read back as the journal will read it (a record the journal could
    not read must never be written)."""
    by_annotator: dict[str, list[DocAnnotation]] = {}
    for path, rec in batch.records:
        ann = rec.annotation
        if ann is None:
            continue
        check_annotator_name(ann.annotator, f"{path}: annotator")
        errors = validation_errors(ann, rec.document, stance_labels)
        if errors:
            raise CorpusError(f"{path}: the annotation of document {ann.doc_id!r} is invalid: {errors[0]}.")
        try:
            decode_annotation(journal_line(ann))
        except msgspec.ValidationError as exc:
            raise CorpusError(f"{path}: the annotation of document {ann.doc_id!r} is invalid: {exc}.") from None
        by_annotator.setdefault(ann.annotator, []).append(ann)
    return by_annotator
