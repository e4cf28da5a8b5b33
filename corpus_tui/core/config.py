"""``corpus-tui.toml`` parsed into a frozen ``ProjectConfig``, every mistake named by its key.

Annotators edit this file by hand, so a mistake must never pass silently: a wrong type, an
empty or duplicated label, or a stance list that would fall back to the defaults is one
sentence (CorpusError) naming the file and the key. A key or table corpus-tui does not know
is most likely a typo (``stnace``); it is a ``ConfigWarning`` naming the key and the closest
known one, and the command carries on (an older corpus-tui reading a newer config should
not refuse to work). ``[keys]`` ids are the TUI's to check (it owns the bindings).
"""

from __future__ import annotations

import difflib
import re
import tomllib
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corpus_tui.core.errors import ConfigWarning, CorpusError
from corpus_tui.core.model import DEFAULT_STANCE_LABELS

CONFIG_NAME = "corpus-tui.toml"
_ANNOTATOR_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,63}")

#: every table and key corpus-tui reads; ``[keys]`` holds binding ids, checked by the TUI
KNOWN_KEYS: dict[str, frozenset[str] | None] = {
    "project": frozenset({"name", "documents", "annotations", "annotator", "allow_outside"}),
    "labels": frozenset({"stance", "targets"}),
    "suggest": frozenset({"model", "annotator"}),
    "keys": None,
    "export": frozenset({"license", "language"}),
}


@dataclass(frozen=True)
class ProjectConfig:
    """The parsed ``corpus-tui.toml``; defaults are what ``init`` writes."""

    name: str
    documents: tuple[str, ...]
    annotations: str = "annotations"
    annotator: str | None = None
    #: read documents and journals that resolve outside the project folder (off by default)
    allow_outside: bool = False
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
    for unknown in unknown_keys(data):
        warnings.warn(f"{source}: {unknown}", ConfigWarning, stacklevel=2)

    name = _str(project, "name", source, "project.name", required=True)
    documents = _str_list(project, "documents", source, "project.documents", required=True)
    if not documents:
        raise CorpusError(f"{source}: project.documents must list at least one glob.")
    annotator = _str(project, "annotator", source, "project.annotator")
    if annotator is not None:
        check_annotator_name(annotator, f"{source}: project.annotator")
    allow_outside = project.get("allow_outside", False)
    if not isinstance(allow_outside, bool):
        raise CorpusError(f"{source}: project.allow_outside must be true or false.")
    stance = _labels(labels, "stance", source)
    if stance is None:
        stance = list(DEFAULT_STANCE_LABELS)
    elif not stance:
        raise CorpusError(f"{source}: labels.stance is empty: list at least one label, or leave the key out.")
    if len(stance) > 9:
        raise CorpusError(f"{source}: labels.stance has {len(stance)} labels; keys 1-9 allow at most 9.")
    if "none" in {_folded(label) for label in stance}:
        raise CorpusError(f"{source}: labels.stance may not use the reserved label 'none'.")
    return ProjectConfig(
        name=name or "corpus",
        documents=tuple(documents),
        annotations=_str(project, "annotations", source, "project.annotations") or "annotations",
        annotator=annotator,
        allow_outside=allow_outside,
        stance_labels=tuple(stance),
        targets=tuple(_labels(labels, "targets", source) or []),
        model=_str(suggest, "model", source, "suggest.model"),
        suggest_annotator=check_annotator_name(
            _str(suggest, "annotator", source, "suggest.annotator") or "bot", f"{source}: suggest.annotator"
        ),
        keys=_keys(keys, source),
        license=_str(export, "license", source, "export.license") or "cc-by-4.0",
        language=_str(export, "language", source, "export.language") or "en",
    )


def unknown_keys(data: dict[str, Any]) -> list[str]:
    """A sentence for every table or key corpus-tui does not read, with the closest known one."""
    found: list[str] = []
    for table, value in data.items():
        if table not in KNOWN_KEYS:
            kind = "table" if isinstance(value, dict) else "key"
            found.append(f"unknown {kind} {table!r} is ignored{_closest(table, KNOWN_KEYS)}.")
            continue
        known = KNOWN_KEYS[table]
        if known is None or not isinstance(value, dict):
            continue
        for key in value:
            if key not in known:
                found.append(f"unknown key {table}.{key} is ignored{_closest(key, known, f'{table}.')}.")
    return found


def _closest(name: str, known: Iterable[str], prefix: str = "") -> str:
    match = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {prefix}{match[0]}?)" if match else ""


def check_annotator_name(name: str, what: str = "annotator") -> str:
    """Annotator names become file names (``annotations/<name>.jsonl``): the whole name must
    match (``fullmatch``: with ``match`` and ``$``, ``"alice\\n"`` would pass)."""
    if not _ANNOTATOR_NAME.fullmatch(name):
        raise CorpusError(f"{what} {name!r} is not a valid annotator name: use letters, digits, '.', '_' or '-'.")
    return name


def default_config_text(name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return (
        "[project]\n"
        f'name = "{escaped}"\n'
        'documents = ["corpus/*.txt", "corpus/*.md", "corpus/*.jsonl"]\n'
        'annotations = "annotations"\n'
        "# Documents and journals must lie inside this folder: a path (or a symbolic link) that\n"
        "# leads outside it is refused, unless you set allow_outside = true.\n"
        "# allow_outside = false\n"
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


def _folded(label: str) -> str:
    """A label as people tell labels apart: case and runs of spaces do not count."""
    return " ".join(label.split()).casefold()


def _labels(table: dict[str, Any], key: str, source: str) -> list[str] | None:
    """``labels.stance`` / ``labels.targets``: non-empty, and distinct even up to case and
    spaces ("Favor" and "favor " would be two ClassLabel names for one meaning)."""
    labels = _str_list(table, key, source, f"labels.{key}")
    if labels is None:
        return None
    seen: dict[str, str] = {}
    for label in labels:
        folded = _folded(label)
        if not folded:
            raise CorpusError(f"{source}: labels.{key} has an empty label.")
        if folded in seen:
            first = seen[folded]
            same = "is listed twice" if first == label else f"and {first!r} differ only in case or spaces"
            raise CorpusError(f"{source}: labels.{key} must be distinct, but {label!r} {same}.")
        seen[folded] = label
    return labels


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
