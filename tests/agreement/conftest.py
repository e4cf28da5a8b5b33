"""Fixtures: small real projects with several annotators' journals (see helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.core.project import Project

from .helpers import make_project, seed_variant


@pytest.fixture
def tiny(tmp_path: Path) -> Project:
    return make_project(tmp_path / "tiny")


@pytest.fixture
def seed_pair(seed_project: Project) -> Project:
    seed_variant(seed_project)
    return seed_project
