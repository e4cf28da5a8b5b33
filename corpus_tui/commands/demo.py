"""``corpus-tui demo``: a throw-away copy of the bundled seed project (the TUI then opens on it).

The demo must never write into the installed package or the repository, so it copies the
seeds, the config and the gold journal into a fresh temp folder. In a source checkout the
files sit at the repository root; in a wheel they are force-included under
``corpus_tui/_seeds/`` (see pyproject), so both places are tried.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import corpus_tui
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import CONFIG_NAME


def bundled_seed_root() -> Path:
    """The folder holding ``corpus-tui.toml`` and ``seeds/`` of the bundled sample project."""
    package = Path(corpus_tui.__file__).resolve().parent
    for root in (package / "_seeds", package.parent):
        if (root / CONFIG_NAME).is_file() and (root / "seeds").is_dir():
            return root
    raise CorpusError("The bundled seed articles are missing from this installation; reinstall corpus-tui.")


def create_demo_project(parent: Path | None = None) -> Path:
    """Copy the seed project into a new folder under ``parent`` (default: the temp dir)."""
    source = bundled_seed_root()
    target = Path(tempfile.mkdtemp(prefix="corpus-tui-demo-", dir=parent))
    shutil.copy2(source / CONFIG_NAME, target / CONFIG_NAME)
    shutil.copytree(source / "seeds", target / "seeds")
    annotations = target / "annotations"
    annotations.mkdir()
    gold = source / "annotations" / "gold.jsonl"
    if gold.is_file():
        shutil.copy2(gold, annotations / "gold.jsonl")
    return target
