"""Case 4: one writer per journal, even after ``git clean -fdX`` removed every ignored file
(old ``*.lock`` files included); and ``validate`` reports two writers' records of one
revision, should they ever exist (an older version, a lock bypassed, two clones merged)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tui.core.project import Project

from .conftest import ANNOTATOR, quote_annotation, write_lines
from .terminal import Tui

CLI = Path(sys.executable).with_name("corpus-tui")


def clean_ignored_files(root: Path) -> None:
    """What a routine ``git clean -fdX`` does in a project whose .gitignore lists ``*.lock``
    (plus a stale lock file of an older version, so there is one to remove)."""
    (root / "annotations" / f"{ANNOTATOR}.jsonl.lock").write_text("4242\n")
    if shutil.which("git"):
        (root / ".gitignore").write_text("*.lock\n")
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "clean", "-fdXq"], check=True)
    for lock in (root / "annotations").glob("*.lock"):
        lock.unlink()
    assert not list((root / "annotations").glob("*.lock"))


def test_a_second_tui_is_refused_after_the_lock_files_are_cleaned(project: Project) -> None:
    first = Tui(project.root, ANNOTATOR)
    try:
        first.open_first_document()
        clean_ignored_files(project.root)
        second = Tui(project.root, ANNOTATOR)
        try:
            status = second.wait_exit()
        finally:
            second.close()
        assert status == 1
        said = second.output.decode(errors="replace")
        assert f"Annotator '{ANNOTATOR}' already has this project open (process {first.proc.pid})" in said
        assert first.proc.poll() is None  # the first one works on
    finally:
        first.close()


@pytest.mark.parametrize("second_rev", [2, 1], ids=["same revision", "older revision after a newer one"])
def test_validate_reports_two_writers_records_of_one_document(project: Project, second_rev: int) -> None:
    journal = project.journal_path(ANNOTATOR)
    write_lines(
        journal, [quote_annotation("alpha", "favor", rev=2), quote_annotation("alpha", "against", rev=second_rev)]
    )
    result = subprocess.run([str(CLI), "validate", "--project", str(project.root)], capture_output=True, text=True)
    assert result.returncode == 1, result.stdout
    where = f"annotations/{ANNOTATOR}.jsonl:4: document 'alpha'"
    (problem,) = [line for line in result.stderr.splitlines() if line.startswith(where)]
    if second_rev == 2:
        assert "two different records of revision 2 (lines 3 and 4)" in problem
    else:
        assert "revision 1 at line 4, after revision 2 at line 3" in problem
    assert "Traceback" not in result.stderr


def test_identical_records_are_no_conflict(project: Project) -> None:
    journal = project.journal_path(ANNOTATOR)
    write_lines(journal, [quote_annotation("alpha", "favor", rev=2)] * 2)
    result = subprocess.run([str(CLI), "validate", "--project", str(project.root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
