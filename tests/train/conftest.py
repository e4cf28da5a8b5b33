"""Shared fixtures of the training tests: a copy of the attribution corpus, and a tiny
model trained on it once per session (seconds: ``settings.TINY``)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus_tui.core.project import Project

# not ``tests.conftest.REPO``: importing that module again would re-run its hub setup
# (a new port in HF_ENDPOINT) under the export tests' feet
ATTRIBUTION = Path(__file__).resolve().parent.parent / "data" / "attribution"


def copy_attribution(root: Path, keep: set[str] | None = None) -> Project:
    """The attribution corpus as a project at ``root`` (only the ``keep`` documents, if given)."""
    root.mkdir(parents=True)
    shutil.copy(ATTRIBUTION / "corpus-tui.toml", root / "corpus-tui.toml")
    (root / "documents").mkdir()
    for path in (ATTRIBUTION / "documents").glob("*.txt"):
        if keep is None or path.stem in keep:
            shutil.copy(path, root / "documents" / path.name)
    (root / "annotations").mkdir()
    shutil.copy(ATTRIBUTION / "annotations" / "gold.jsonl", root / "annotations" / "gold.jsonl")
    return Project.load(root)


@dataclass
class Trained:
    project: Project
    report: object  # train.report.TrainReport


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Trained:
    from corpus_tui.train.run import train_project
    from corpus_tui.train.settings import TINY

    project = copy_attribution(tmp_path_factory.mktemp("train") / "attribution")
    return Trained(project, train_project(project, None, "models/tiny", TINY))
