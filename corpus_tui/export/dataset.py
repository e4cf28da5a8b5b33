"""Exporting a project: choose annotations, split them, stream them into the chosen format.

The export is written into a temporary sibling folder and moved into place at the end,
so an interrupted export never leaves a half-written dataset where a good one was, and
re-exporting replaces the previous export instead of mixing old and new files. The
temporary folder is new (``mkdtemp``: private, nobody can have planted links in it), so
the writers write into it plainly; its last file is the manifest of everything written
(``export.manifest``), which ``push`` uploads and nothing else.

OUT is the user's choice on the command line and may lie anywhere, but it is replaced, not
written through: an OUT that is a symbolic link is refused (replacing it would leave the
folder it points to as it was, and writing into it would follow a link), as is an OUT
holding anything that is not an earlier export.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus_tui.core import safefs
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import Document
from corpus_tui.core.project import Project
from corpus_tui.export.manifest import MANIFEST_NAME, write_manifest
from corpus_tui.export.options import ExportFormat, ExportOptions, ExportStatus
from corpus_tui.export.rows import ExportConfig
from corpus_tui.export.select import Skipped, choose_annotator, select
from corpus_tui.export.splits import Splitter
from corpus_tui.export.tokens import AlignmentStats
from corpus_tui.export.writers import RowCounts, export_format, make_writer

if TYPE_CHECKING:
    from corpus_tui.export.card import Tally


@dataclass
class ExportSummary:
    """What went where; ``str()`` is the report printed by the CLI and shown in the TUI."""

    out_dir: Path
    format: ExportFormat
    annotator: str
    status: str
    rows: RowCounts
    splits: list[str]
    documents: int
    skipped: Skipped = field(default_factory=Skipped)
    alignment: AlignmentStats = field(default_factory=AlignmentStats)

    def __str__(self) -> str:
        lines = [f"Warning: {w}" for w in self.skipped.warnings]
        lines += [
            f"Exported {self.documents} document(s) annotated by {self.annotator} to {self.out_dir} "
            f"(format {self.format}):"
        ]
        width = max((len(c) for c in self.rows), default=0)
        for config, split_rows in self.rows.items():
            parts = ", ".join(f"{s} {split_rows[s]}" for s in self.splits if s in split_rows)
            lines.append(f"  {config:<{width}}  {parts}")
        if self.skipped.total:
            lines.append(f"Skipped {self.skipped.total} document(s):")
            for reason, count in self.skipped.counts.most_common():
                examples = self.skipped.examples.get(reason, [])
                more = ", …" if count > len(examples) else ""
                lines.append(f"  {count} {reason}: {', '.join(examples)}{more}")
        if self.skipped.dropped_suggestions:
            lines.append(
                f"Left out {self.skipped.dropped_suggestions} suggested span(s) never accepted "
                "(--include-suggestions keeps them)."
            )
        for what, counter in (
            ("expanded to token boundaries", self.alignment.expanded),
            ("covering no token (left out of the tags)", self.alignment.uncovered),
            ("overlapping another of their kind (left out of the BIO tags)", self.alignment.overlapping),
        ):
            if counter:
                listed = ", ".join(f"{n} {kind}(s)" for kind, n in sorted(counter.items()))
                lines.append(f"Spans {what}: {listed}.")
        if self.splits and "train" not in self.splits and self.documents < 50:
            lines.append(
                f"Note: no document fell into train; splits follow a hash of each id, so with only "
                f"{self.documents} document(s) use e.g. --split 1,0,0 to put them all in train."
            )
        if self.format == ExportFormat.HF and ExportConfig.QUOTES in self.rows:
            lines.append(f'Load it: datasets.load_dataset("{self.out_dir}", "quotes")')
        return "\n".join(lines)


def export_dataset(
    project: Project,
    out_dir: Path,
    options: ExportOptions = ExportOptions(),
    track: Callable[[Iterator[Document], int, str], Iterator[Document]] | None = None,
) -> ExportSummary:
    """Write the export of ``project`` to ``out_dir`` (replacing an earlier export there);
    ``track`` wraps the document stream to report progress."""
    format, status = export_format(options.format), options.status
    out_dir = Path(out_dir)
    splitter = Splitter(options.split, options.seed)
    who = choose_annotator(project, options.annotator)
    _check_target(out_dir, project)
    skipped = Skipped()
    items = select(project, who, status, options.include_suggestions, skipped, _progress(project, track))
    work = _work_folder(out_dir)
    try:
        from corpus_tui.export.card import Tally

        writer = make_writer(format, work, project.config)
        tally = Tally()
        for item in items:
            name = splitter.split_of(item.document.id)
            writer.add(name, item)
            tally.add(name, item)
        rows = writer.close()
        exported = tally.documents
        if not exported:
            reasons = "; ".join(f"{n} {r}" for r, n in skipped.counts.most_common()) or "the project has no documents"
            hint = " (--status all exports unfinished ones)" if status == ExportStatus.DONE else ""
            raise CorpusError(f"Nothing to export for annotator {who!r}: {reasons}{hint}.")
        splits = splitter.ordered(set(tally.splits))
        if writer.features is not None:
            _write_card(project, work, who, status, splits, rows, writer.features, tally, writer.alignment)
        write_manifest(work, format, rows)
        _replace(work, out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ExportSummary(out_dir, format, who, status, rows, splits, exported, skipped, writer.alignment)


def _progress(
    project: Project, track: Callable[[Iterator[Document], int, str], Iterator[Document]] | None
) -> Callable[[Iterator[Document]], Iterator[Document]] | None:
    """``track`` as a wrapper of the document stream, told how many documents will come."""
    if track is None:
        return None
    from corpus_tui.export.stream import count_documents

    total = count_documents(project)

    def wrap(documents: Iterator[Document]) -> Iterator[Document]:
        return track(documents, total, "Exporting")

    return wrap


def _work_folder(out_dir: Path) -> Path:
    """A fresh hidden sibling of ``out_dir`` to write into (moved into place at the end)."""
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".partial", dir=out_dir.parent))
    except OSError as exc:
        where = exc.filename or out_dir.parent
        raise CorpusError(f"Cannot create {out_dir}: {exc.strerror or exc} ({where}).") from None


def _write_card(
    project: Project,
    work: Path,
    who: str,
    status: str,
    splits: list[str],
    rows: RowCounts,
    features: Mapping[str, Any],
    tally: Tally,
    alignment: AlignmentStats,
) -> None:
    from corpus_tui.export.card import CardInfo, render

    note = ""
    if alignment.expanded:
        listed = ", ".join(f"{n} {k}(s)" for k, n in sorted(alignment.expanded.items()))
        note = f"\n  Spans not on token boundaries were expanded to whole tokens ({listed})."
    info = CardInfo(
        name=project.config.name,
        license=project.config.license,
        language=project.config.language,
        annotator=who,
        annotators=project.annotators(),
        status=status,
        stance_labels=project.config.stance_labels,
        targets=project.config.targets,
        splits=splits,
        rows=rows,
        features={c: features[c] for c in rows},
        tally=tally,
        alignment_note=note,
    )
    safefs.write_new(work / "README.md", [render(info, work).encode("utf-8")])


def _check_target(out_dir: Path, project: Project) -> None:
    """Refuse to overwrite anything that is not a previous export (or the project itself)."""
    if out_dir.is_symlink():
        raise CorpusError(
            f"{out_dir} is a symbolic link; export replaces OUT with a new folder and never writes through links: "
            f"give the folder itself ({out_dir.resolve()})."
        )
    resolved = out_dir.resolve()
    if resolved == project.root or project.root.is_relative_to(resolved):
        raise CorpusError(f"{out_dir} contains the project itself: export to a new folder.")
    if out_dir.exists() and not out_dir.is_dir():
        raise CorpusError(f"{out_dir} exists and is not a folder.")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not is_export(out_dir):
        raise CorpusError(f"{out_dir} is not empty and is not a corpus-tui export: choose a new folder.")


def is_export(folder: Path) -> bool:
    """Is ``folder`` an earlier export (its manifest; before manifests, its card or file names)?"""
    from corpus_tui.export.card import MARKER

    if (folder / MANIFEST_NAME).is_file():
        return True
    readme = folder / "README.md"
    if readme.is_file():
        try:
            return MARKER in readme.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    entries = list(folder.iterdir())

    def ours(p: Path) -> bool:  # split files, or a split folder of spaCy shards
        if p.is_dir():
            return p.name in ("train", "validation", "test") and all(c.suffix == ".spacy" for c in p.iterdir())
        return p.suffix in (".jsonl", ".spacy")

    return bool(entries) and all(ours(p) for p in entries)


def _replace(work: Path, out_dir: Path) -> None:
    """Move the finished export into place; an earlier one is moved aside under a fresh name
    (nothing that may already be there is reused) and removed (``rmtree`` removes links, it
    does not follow them)."""
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.{secrets.token_hex(4)}.old")
        out_dir.rename(old)
        work.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        work.rename(out_dir)
