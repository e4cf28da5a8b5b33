"""Case 5: an import either happens completely or leaves no trace.

A journal another corpus-tui holds stops the import before anything is written, so the
retry works; a journal write that fails after the corpus files were written (a file-size
limit standing in for a full disk) takes back everything this import wrote.
"""

from __future__ import annotations

import resource
from pathlib import Path

from corpus_tui.core.project import Project

from .helpers import ARTICLE, cli, new_project, one_sentence, outside, prodigy_task, tree, write_jsonl


def _feed(tmp_path: Path, ids: list[str], **extra) -> Path:
    texts = [ARTICLE.replace("Monday", f"day {n}") for n in range(len(ids))]
    return write_jsonl(tmp_path / "feed.jsonl", [prodigy_task(t, i, **extra) for t, i in zip(texts, ids)])


def test_a_locked_journal_stops_the_import_before_anything_is_written(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    feed = _feed(tmp_path, ["n1", "n2"])
    before, around = tree(project.root), outside(tmp_path, project)
    with project.open_journal("alice"):  # alice has the TUI open
        result = cli("import", str(feed), "--annotator", "alice", "--project", str(project.root))
        assert "Annotator 'alice' already has this project open" in one_sentence(result)
    assert tree(project.root) == before and outside(tmp_path, project) == around

    retry = cli("import", str(feed), "--annotator", "alice", "--project", str(project.root))
    assert retry.returncode == 0, retry.stderr
    assert "Imported 2 document(s)" in retry.stdout and "Imported 2 annotation(s) into the journal of alice" in (
        retry.stdout
    )
    reloaded = Project.load(project.root)
    assert sorted(d.id for d in reloaded.documents()) == ["a", "n1", "n2"]
    assert sorted(reloaded.read_annotations("alice")) == ["n1", "n2"]


def _limit_file_size(limit: int):
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_a_failed_journal_write_takes_back_the_corpus_files_and_earlier_journals(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    seed = _feed(tmp_path, ["s1"])
    assert cli("import", str(seed), "--annotator", "bob", "--project", str(project.root)).returncode == 0
    bob = project.journal_path("bob")
    # two annotators in one file: amy's new journal is written first, then bob's grows past the limit
    records = [prodigy_task(ARTICLE.replace("Monday", "Friday"), "n1", annotator="amy")]
    records += [prodigy_task(ARTICLE.replace("Monday", "Sunday"), "n2", annotator="bob")]
    feed = write_jsonl(tmp_path / "two.jsonl", records)
    before, around = tree(project.root), outside(tmp_path, project)

    limit = bob.stat().st_size + 100  # the corpus file and amy's line fit, bob's next line does not
    result = cli("import", str(feed), "--project", str(project.root), preexec_fn=_limit_file_size(limit))
    message = one_sentence(result)
    assert "nothing was imported" in message and "File too large" in message
    assert tree(project.root) == before and outside(tmp_path, project) == around

    retry = cli("import", str(feed), "--project", str(project.root))
    assert retry.returncode == 0, retry.stderr
    reloaded = Project.load(project.root)
    assert sorted(reloaded.read_annotations("bob")) == ["n2", "s1"]
    assert sorted(reloaded.read_annotations("amy")) == ["n1"]
