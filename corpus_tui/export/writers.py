"""What every export format's writer does, and which writer writes which format.

``export_dataset`` streams (split, item) pairs into one ``Writer`` and asks it, at the
end, how many rows went where, which spans did not fit its tokens, and the typed
features of its configs (only a format with features gets a dataset card declaring
them). ``WRITERS`` maps each ``ExportFormat`` to its writer's class, so a new format is
one module with a writer and one entry here. Writer modules import spaCy, pyarrow and
``datasets`` only when a writer is made, so importing this registry stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import ProjectConfig
from corpus_tui.export.hf import HfWriter
from corpus_tui.export.jsonl import JsonlWriter
from corpus_tui.export.options import FORMATS, ExportFormat
from corpus_tui.export.prodigy import ProdigyWriter
from corpus_tui.export.select import Item
from corpus_tui.export.spacy_docbin import SpacyWriter
from corpus_tui.export.tokens import AlignmentStats

#: rows written per table (a config, or the format's one kind of record) and split
RowCounts = dict[str, dict[str, int]]


class Writer(Protocol):
    """One export format, written incrementally into a folder."""

    #: spans expanded to token boundaries or left out of the tokens (empty without tokens)
    alignment: AlignmentStats
    #: the ``datasets.Features`` of each config; None for a format without typed configs
    features: Mapping[str, Any] | None

    def add(self, split: str, item: Item) -> None:
        """Write one document's rows into ``split``."""
        ...

    def close(self) -> RowCounts:
        """Finish every file; the rows per table and split (tables without rows left out)."""
        ...


#: makes the writer of a format into a folder, for a project's labels and language
WriterFactory = Callable[[Path, ProjectConfig], Writer]

WRITERS: dict[ExportFormat, WriterFactory] = {
    ExportFormat.HF: HfWriter,
    ExportFormat.JSONL: JsonlWriter,
    ExportFormat.SPACY: SpacyWriter,
    ExportFormat.PRODIGY: ProdigyWriter,
}


def export_format(name: str) -> ExportFormat:
    """The format called ``name``; an unknown one is one sentence naming the choices."""
    try:
        return ExportFormat(name)
    except ValueError:
        raise CorpusError(f"Unknown export format {name!r}: use one of {', '.join(FORMATS)}.") from None


def make_writer(format: ExportFormat, out_dir: Path, config: ProjectConfig) -> Writer:
    return WRITERS[format](out_dir, config)
