"""Launching: the lock refuses a second instance before any screen; no terminal, no TUI;
the demo copies the bundled seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tui.commands.demo import create_demo_project
from corpus_tui.core.errors import CorpusError, JournalLockedError
from corpus_tui.core.project import Project
from corpus_tui.tui.launch import run_tui

from .helpers import make_project

CLI = [sys.executable, "-m", "corpus_tui"]


def test_second_instance_exits_with_the_store_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"a": "Some text."})
    journal = project.open_journal("tester")
    try:
        with pytest.raises(JournalLockedError, match="already has this project open"):
            run_tui(project, "tester")
        result = subprocess.run(
            [*CLI, "--project", str(tmp_path), "--annotator", "tester"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        journal.close()
    assert result.returncode == 1
    assert "already has this project open" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # no screen was drawn


def test_no_terminal_is_one_sentence(tmp_path: Path) -> None:
    make_project(tmp_path, {"a": "Some text."})
    result = subprocess.run(
        [*CLI, "--project", str(tmp_path), "--annotator", "tester"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert "needs an interactive terminal" in result.stderr
    assert result.stderr.count("corpus-tui:") == 1  # the prefix is not doubled
    assert "Traceback" not in result.stderr


def test_empty_project_says_how_to_add_documents(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    with pytest.raises(CorpusError, match="no documents yet"):
        run_tui(project, "tester")


def test_demo_project_is_a_copy_of_the_seeds(tmp_path: Path) -> None:
    root = create_demo_project(tmp_path)
    project = Project.load(root)
    assert root.parent == tmp_path
    assert len(project.documents()) >= 2
    assert (root / "annotations" / "gold.jsonl").is_file()
    assert project.annotators() == ["gold"]


def test_a_misspelt_key_binding_id_is_one_sentence_before_any_screen(tmp_path: Path) -> None:
    make_project(tmp_path, {"a": "Some text."}, extra='[keys]\nmark_qoute = "m"\n')
    result = subprocess.run(
        [*CLI, "--project", str(tmp_path), "--annotator", "tester"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("corpus-tui: ") and "corpus-tui.toml" in line
    assert line.endswith("[keys] names no key binding 'mark_qoute'; did you mean 'annotate.mark_quote'?")
    assert result.stdout == ""  # no screen was drawn
    assert not (tmp_path / "annotations" / "tester.jsonl.lock").exists()  # nor the journal opened
