"""A corpus project: the folder with ``corpus-tui.toml`` and where everything lives in it.

The config is small and read often (every command starts here), so it is parsed into a
frozen ``ProjectConfig`` once (``core.config``); documents are read lazily and cached on
the ``Project``.

Everything the project reads or writes lies inside its folder: annotators run corpus-tui
in git checkouts on shared machines, where ``annotations = "/elsewhere"``, a documents glob
starting with ``../`` or a symbolic link in ``corpus/`` would quietly make it read (and,
for an import, write) files that belong to someone else. ``Project.inside`` is the one
check, made when the project is loaded (the configured folders) and whenever a document
or a journal is reached (links below those folders); ``[project] allow_outside = true``
is the explicit way out.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_tui.core import safefs
from corpus_tui.core.config import (
    CONFIG_NAME,
    ProjectConfig,
    check_annotator_name,
    default_config_text,
    parse_config,
)
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document

if TYPE_CHECKING:
    from corpus_tui.core.store import Journal

# the config's names are re-exported: the rest of the program knows the config through the project
__all__ = [
    "CONFIG_NAME",
    "GITIGNORE_LINES",
    "GOLD",
    "Project",
    "ProjectConfig",
    "check_annotator_name",
    "init_project",
    "parse_config",
    "unique",
]

GOLD = "gold"
_GLOB_MAGIC = re.compile(r"[*?[]")


class Project:
    """A loaded project: its root folder, config, documents and journals."""

    def __init__(self, root: Path, config: ProjectConfig) -> None:
        self.root = root
        self.config = config
        self._documents: list[Document] | None = None

    @classmethod
    def load(cls, root: str | os.PathLike[str] = ".") -> Project:
        root_path = Path(root)
        config_path = root_path / CONFIG_NAME
        if not root_path.is_dir():
            raise CorpusError(f"Project folder {str(root_path)!r} does not exist.")
        if not config_path.is_file():
            raise CorpusError(
                f"No {CONFIG_NAME} in {str(root_path.resolve())!r}: run 'corpus-tui init DIR' to "
                "create a project, or 'corpus-tui demo' to try the bundled sample articles."
            )
        try:
            text = config_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"Cannot read {config_path}: {exc}.") from None
        project = cls(root_path.resolve(), parse_config(text, str(config_path)))
        project.inside(project.annotations_dir, "project.annotations: the folder")
        for pattern in project.config.documents:
            project.inside(project.root / _glob_base(pattern), f"project.documents {pattern!r}: the folder")
        return project

    # -- places

    def inside(self, path: Path, what: str) -> Path:
        """``path`` resolved, or one sentence naming it when it leads outside the project
        (unless the config allows that)."""
        return safefs.inside(self.root, path, what, self.config.allow_outside)

    @property
    def annotations_dir(self) -> Path:
        return self.root / self.config.annotations

    def journal_path(self, annotator: str) -> Path:
        path = self.annotations_dir / f"{check_annotator_name(annotator)}.jsonl"
        self.inside(path, "The journal")  # a link in annotations/ to a file elsewhere
        return path

    def annotators(self) -> list[str]:
        """Annotators whose journal holds anything, sorted (gold included). An empty journal is
        one a writer has open (it locks the file) but has not written to yet."""
        if not self.annotations_dir.is_dir():
            return []
        return sorted(p.stem for p in self.annotations_dir.glob("*.jsonl") if _has_content(p))

    def default_annotator(self, explicit: str | None = None) -> str:
        """``--annotator``, else the config's, else ``$CORPUS_TUI_ANNOTATOR``, else the OS user."""
        name = explicit or self.config.annotator or os.environ.get("CORPUS_TUI_ANNOTATOR")
        if not name:
            try:
                user = getpass.getuser()
            except (KeyError, OSError):
                user = ""
            # an OS account like "Jane Doe" still gets a usable journal name ("Jane-Doe")
            name = re.sub(r"[^A-Za-z0-9._\-]+", "-", user).strip("-._")[:64] or "annotator"
        return check_annotator_name(name)

    # -- content

    def documents(self) -> list[Document]:
        """All documents, in glob order then file order; read once per Project."""
        if self._documents is None:
            from corpus_tui.core.corpus import read_documents

            self._documents = read_documents(self.root, self.config.documents, self.config.allow_outside)
        return self._documents

    def document_paths(self) -> Iterator[Path]:
        """The files the documents globs match, each checked to lie inside the project."""
        from corpus_tui.core.corpus import document_paths

        return document_paths(self.root, self.config.documents, self.config.allow_outside)

    def iter_documents(self) -> Iterator[Document]:
        """The documents one at a time (exports of any size), by the rules of ``documents()``."""
        from corpus_tui.core.corpus import iter_documents

        return iter_documents(self.root, self.config.documents, self.config.allow_outside)

    def forget_documents(self) -> None:
        """Files were added to the corpus folder (an import): the next ``documents()`` reads
        them all again instead of answering from what it read before."""
        self._documents = None

    def document_map(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents()}

    def read_annotations(self, annotator: str) -> Mapping[str, DocAnnotation]:
        """The latest annotation per document of one annotator, read without locking."""
        from corpus_tui.core.journal_reader import read_journal

        return read_journal(self.journal_path(annotator)).latest

    def open_journal(self, annotator: str) -> Journal:
        from corpus_tui.core.store import Journal  # lazy: --help does not load the journal code

        return Journal.open(self.journal_path(annotator), annotator)


#: what ``init`` adds to ``.gitignore``: recovered damaged lines and temporary files
GITIGNORE_LINES = ("annotations/*.corrupt", "*.tmp")


def init_project(directory: str | os.PathLike[str], name: str | None = None) -> Project:
    """Create a new project folder with a config, ``corpus/`` and ``annotations/``.

    Inside a folder that already has files (a git checkout), nothing is replaced: the
    config is created new (never through a link), ``.gitignore`` gets the missing lines
    appended, and existing ``corpus/`` and ``annotations/`` folders are kept."""
    root = Path(directory)
    config_path = root / CONFIG_NAME
    if config_path.exists() or config_path.is_symlink():
        raise CorpusError(f"{config_path} already exists: this folder is already a project.")
    if root.exists() and not root.is_dir():
        raise CorpusError(f"{str(root)!r} exists and is not a folder.")
    project_name = name or root.resolve().name or "corpus"
    safefs.refuse_link(root / ".gitignore")
    for folder in ("corpus", "annotations"):
        safefs.inside(root, root / folder, "The folder")
        (root / folder).mkdir(parents=True, exist_ok=True)
    safefs.write_new(config_path, [default_config_text(project_name).encode("utf-8")])
    _add_to_gitignore(root / ".gitignore")
    return Project.load(root)


def _add_to_gitignore(path: Path) -> None:
    existing = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
    missing = [line for line in GITIGNORE_LINES if line not in existing]
    if not missing:
        return
    separator = "\n" if existing and not path.read_bytes().endswith(b"\n") else ""
    fd = safefs.open_append(path)
    try:
        safefs.write_all(fd, (separator + "".join(f"{line}\n" for line in missing)).encode("utf-8"))
    finally:
        os.close(fd)


def _glob_base(pattern: str) -> str:
    """The folder part of a glob before its first wildcard (``corpus`` of ``corpus/**/*.txt``)."""
    parts: list[str] = []
    for part in Path(pattern).parts:
        if _GLOB_MAGIC.search(part):
            break
        parts.append(part)
    return os.path.join(*parts) if parts else "."


def unique(items: Sequence[str]) -> list[str]:
    """Order-preserving de-duplication (entity and target lists)."""
    return list(dict.fromkeys(items))


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False
