"""Shared test setup.

The Hugging Face libraries read HF_* variables when they are imported, so the hub test
section below must run at import time of this conftest, before any test imports them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seed_project(tmp_path: Path):
    """A fresh copy of the repository's seed project (config, seeds, gold annotations)."""
    import shutil

    from corpus_tui.project import Project

    root = tmp_path / "seed-project"
    root.mkdir()
    shutil.copy(REPO / "corpus-tui.toml", root / "corpus-tui.toml")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "annotations").mkdir()
    gold = REPO / "annotations" / "gold.jsonl"
    if gold.exists():
        shutil.copy(gold, root / "annotations" / "gold.jsonl")
    return Project.load(root)


# --- hub test environment (owned by the export/push tests) ---------------------------
