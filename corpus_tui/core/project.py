"""A corpus project: the folder with ``corpus-tui.toml`` and where everything lives in it.

The config is small and read often (every command starts here), so it is parsed into a
frozen ``ProjectConfig`` once; documents are read lazily and cached on the ``Project``.
Every problem with the file names the key, because annotators edit it by hand.
"""

from __future__ import annotations

import getpass
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DEFAULT_STANCE_LABELS, DocAnnotation, Document

if TYPE_CHECKING:
    from corpus_tui.core.store import Journal

CONFIG_NAME = "corpus-tui.toml"
GOLD = "gold"
_ANNOTATOR_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")


@dataclass(frozen=True)
class ProjectConfig:
    """The parsed ``corpus-tui.toml``; defaults are what ``init`` writes."""

    name: str
    documents: tuple[str, ...]
    annotations: str = "annotations"
    annotator: str | None = None
    stance_labels: tuple[str, ...] = DEFAULT_STANCE_LABELS
    targets: tuple[str, ...] = ()
    model: str | None = None
    #: who ``suggest`` writes for everyone: its suggestions appear in every annotator's view
    suggest_annotator: str = "bot"
    keys: dict[str, str] = field(default_factory=dict)
    license: str = "cc-by-4.0"
    language: str = "en"

    @property
    def default_target(self) -> str | None:
        return self.targets[0] if self.targets else None


def parse_config(text: str, source: str = CONFIG_NAME) -> ProjectConfig:
    """Parse the TOML text of a project config; errors name the file and the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{source} is not valid TOML: {exc}.") from None
    project = _table(data, "project", source, required=True)
    labels = _table(data, "labels", source)
    suggest = _table(data, "suggest", source)
    keys = _table(data, "keys", source)
    export = _table(data, "export", source)

    name = _str(project, "name", source, "project.name", required=True)
    documents = _str_list(project, "documents", source, "project.documents", required=True)
    if not documents:
        raise CorpusError(f"{source}: project.documents must list at least one glob.")
    annotator = _str(project, "annotator", source, "project.annotator")
    if annotator is not None:
        check_annotator_name(annotator, f"{source}: project.annotator")
    suggester = _str(suggest, "annotator", source, "suggest.annotator") or "bot"
    check_annotator_name(suggester, f"{source}: suggest.annotator")
    stance = _str_list(labels, "stance", source, "labels.stance") or list(DEFAULT_STANCE_LABELS)
    if len(stance) > 9:
        raise CorpusError(f"{source}: labels.stance has {len(stance)} labels; keys 1-9 allow at most 9.")
    if len(set(stance)) != len(stance) or "none" in stance:
        raise CorpusError(f"{source}: labels.stance must be distinct and may not use the reserved label 'none'.")
    return ProjectConfig(
        name=name or "corpus",
        documents=tuple(documents),
        annotations=_str(project, "annotations", source, "project.annotations") or "annotations",
        annotator=annotator,
        stance_labels=tuple(stance),
        targets=tuple(_str_list(labels, "targets", source, "labels.targets") or []),
        model=_str(suggest, "model", source, "suggest.model"),
        suggest_annotator=suggester,
        keys=_keys(keys, source),
        license=_str(export, "license", source, "export.license") or "cc-by-4.0",
        language=_str(export, "language", source, "export.language") or "en",
    )


def check_annotator_name(name: str, what: str = "annotator") -> str:
    """Annotator names become file names (``annotations/<name>.jsonl``)."""
    if not _ANNOTATOR_NAME.match(name):
        raise CorpusError(f"{what} {name!r} is not a valid annotator name: use letters, digits, '.', '_' or '-'.")
    return name


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
        return cls(root_path.resolve(), parse_config(text, str(config_path)))

    # -- places

    @property
    def annotations_dir(self) -> Path:
        return self.root / self.config.annotations

    def journal_path(self, annotator: str) -> Path:
        return self.annotations_dir / f"{check_annotator_name(annotator)}.jsonl"

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

            self._documents = read_documents(self.root, self.config.documents)
        return self._documents

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


def init_project(directory: str | os.PathLike[str], name: str | None = None) -> Project:
    """Create a new project folder with a config, ``corpus/`` and ``annotations/``."""
    root = Path(directory)
    config_path = root / CONFIG_NAME
    if config_path.exists():
        raise CorpusError(f"{config_path} already exists: this folder is already a project.")
    if root.exists() and not root.is_dir():
        raise CorpusError(f"{str(root)!r} exists and is not a folder.")
    project_name = name or root.resolve().name or "corpus"
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(parents=True, exist_ok=True)
    config_path.write_text(default_config_text(project_name), encoding="utf-8")
    (root / ".gitignore").write_text("annotations/*.lock\nannotations/*.corrupt\n*.tmp\n", encoding="utf-8")
    return Project.load(root)


def default_config_text(name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return (
        "[project]\n"
        f'name = "{escaped}"\n'
        'documents = ["corpus/*.txt", "corpus/*.md", "corpus/*.jsonl"]\n'
        'annotations = "annotations"\n'
        "\n[labels]\n"
        'stance = ["favor", "against", "neutral"]\n'
        "targets = []\n"
        "\n[suggest]\n"
        'model = "en_core_web_sm"\n'
        "\n[export]\n"
        'license = "cc-by-4.0"\n'
        'language = "en"\n'
    )


# --------------------------------------------------------------------------- TOML helpers


def _table(data: dict[str, Any], key: str, source: str, required: bool = False) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        if required:
            raise CorpusError(f"{source} has no [{key}] table.")
        return {}
    if not isinstance(value, dict):
        raise CorpusError(f"{source}: {key} must be a table ([{key}]).")
    return value


def _str(table: dict[str, Any], key: str, source: str, name: str, required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise CorpusError(f"{source} is missing the key {name}.")
        return None
    if not isinstance(value, str):
        raise CorpusError(f"{source}: {name} must be a string.")
    return value


def _str_list(table: dict[str, Any], key: str, source: str, name: str, required: bool = False) -> list[str] | None:
    value = table.get(key)
    if value is None:
        if required:
            raise CorpusError(f"{source} is missing the key {name}.")
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CorpusError(f"{source}: {name} must be a list of strings.")
    return list(value)


def _keys(table: dict[str, Any], source: str) -> dict[str, str]:
    """``[keys]`` as binding id → keys. Ids have a dot (``annotate.mark_quote = "m"``), which
    TOML reads as a table inside ``[keys]``; one level of tables is joined back into the id,
    so the dotted, the quoted and the ``[keys.annotate]`` spellings all mean the same.
    Whether an id exists is checked by the TUI (it owns the bindings) before it starts."""
    keys: dict[str, Any] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            keys.update({f"{name}.{inner}": inner_value for inner, inner_value in value.items()})
        else:
            keys[name] = value
    for name, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(f'{source}: keys.{name} must be a string of keys like "ctrl+s,f2".')
    return keys


def unique(items: Sequence[str]) -> list[str]:
    """Order-preserving de-duplication (entity and target lists)."""
    return list(dict.fromkeys(items))


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False
