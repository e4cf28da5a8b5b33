"""Copying plain documents (.txt/.md/.jsonl) into a project's ``corpus/`` folder.

Every file is read and checked before anything is written, so a bad file in the middle of
a batch leaves the project untouched.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from corpus_tui.core.corpus import TEXT_SUFFIXES, read_path
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import Document
from corpus_tui.core.project import Project


def import_files(project: Project, paths: Iterable[str | os.PathLike[str]]) -> list[Document]:
    """Copy documents into the project's ``corpus/`` folder after checking every one.

    All files are read and checked before anything is written, so a bad file in the middle
    of a batch leaves the project untouched. Prodigy JSONL spans and HF datasets are handled
    by ``corpus_tui.ingest.importers`` when they carry annotations.
    """
    corpus_dir = project.root / "corpus"
    existing = {d.id for d in project.documents()}
    planned: list[tuple[Path, list[Document]]] = []
    new_ids: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise CorpusError(f"{path} does not exist.")
        docs = list(read_path(path))
        for doc in docs:
            if doc.id in existing:
                raise CorpusError(f"{path}: document id {doc.id!r} is already in the project.")
            if doc.id in new_ids:
                raise CorpusError(f"Duplicate document id {doc.id!r}: in {new_ids[doc.id]} and in {path}.")
            new_ids[doc.id] = str(path)
        if path.suffix.lower() in TEXT_SUFFIXES and (corpus_dir / path.name).exists():
            raise CorpusError(f"{corpus_dir / path.name} already exists.")
        planned.append((path, docs))
    corpus_dir.mkdir(parents=True, exist_ok=True)
    imported: list[Document] = []
    for path, docs in planned:
        if path.suffix.lower() in TEXT_SUFFIXES:
            shutil.copyfile(path, corpus_dir / path.name)
        else:
            target = free_name(corpus_dir / path.name)
            with target.open("w", encoding="utf-8") as out:
                for doc in docs:
                    meta = {k: v for k, v in doc.meta.items() if k not in ("source", "line")}
                    out.write(json.dumps({"id": doc.id, "text": doc.text, "meta": meta}, ensure_ascii=False))
                    out.write("\n")
        imported.extend(docs)
    project.forget_documents()
    return imported


def free_name(path: Path) -> Path:
    """``path``, or ``stem-1.suffix``, ``stem-2.suffix`` ... whichever does not exist yet."""
    candidate, n = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
