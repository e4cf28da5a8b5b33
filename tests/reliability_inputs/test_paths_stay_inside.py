"""Case 8: documents and journals that resolve outside the project are refused, naming the
path, unless ``[project] allow_outside = true`` says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.core.project import CONFIG_NAME, Project

from .helpers import ARTICLE, cli, new_project, one_sentence, outside, prodigy_task, write_jsonl


def _set(project: Project, old: str, new: str) -> None:
    config = project.root / CONFIG_NAME
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new))


def _allow_outside(project: Project) -> None:
    _set(project, "# allow_outside = false", "allow_outside = true")  # the line init writes, commented


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text("Someone else's article.")
    return folder


def test_a_document_linked_from_outside_is_refused(tmp_path: Path, elsewhere: Path) -> None:
    project = new_project(tmp_path / "p", {})
    feed = write_jsonl(tmp_path / "feed.jsonl", [prodigy_task(ARTICLE, "n1")])
    assert cli("import", str(feed), "--annotator", "gold", "--project", str(project.root)).returncode == 0
    link = project.root / "corpus" / "secret.txt"
    link.symlink_to(elsewhere / "secret.txt")
    around = outside(tmp_path, project)
    for command in (["stats"], ["export", str(tmp_path / "out")], []):  # [] is the bare TUI
        message = one_sentence(cli(*command, "--project", str(project.root)))
        assert message.startswith(f"The document {link} leads outside the project (to {elsewhere / 'secret.txt'})")
        assert "allow_outside = true" in message
    assert outside(tmp_path, project) == around
    _allow_outside(project)
    result = cli("stats", "--json", "--project", str(project.root))
    assert result.returncode == 0, result.stderr


def test_a_corpus_folder_linked_from_outside_is_refused(tmp_path: Path, elsewhere: Path) -> None:
    project = new_project(tmp_path / "p", {})
    (project.root / "corpus").rmdir()
    (project.root / "corpus").symlink_to(elsewhere)
    message = one_sentence(cli("stats", "--project", str(project.root)))
    assert message.startswith(f"project.documents 'corpus/*.txt': the folder {project.root / 'corpus'} leads outside")


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('annotations = "annotations"', 'annotations = "{elsewhere}"', "project.annotations: the folder {elsewhere}"),
        ('"corpus/*.txt"', '"../elsewhere/*.txt"', "project.documents '../elsewhere/*.txt': the folder"),
        ('"corpus/*.txt"', '"{elsewhere}/*.txt"', "project.documents '{elsewhere}/*.txt': the folder {elsewhere}"),
    ],
)
def test_configured_places_outside_are_refused(tmp_path: Path, elsewhere: Path, old: str, new: str, named: str) -> None:
    project = new_project(tmp_path / "p")
    _set(project, old, new.format(elsewhere=elsewhere))
    around = outside(tmp_path, project)
    message = one_sentence(cli("stats", "--project", str(project.root)))
    assert message.startswith(named.format(elsewhere=elsewhere)) and "leads outside the project" in message
    assert outside(tmp_path, project) == around
    _allow_outside(project)
    assert cli("stats", "--project", str(project.root)).returncode == 0


def test_a_journal_linked_from_outside_is_refused(tmp_path: Path, elsewhere: Path) -> None:
    project = new_project(tmp_path / "p")
    (elsewhere / "alice.jsonl").write_text("")
    (project.annotations_dir / "alice.jsonl").symlink_to(elsewhere / "alice.jsonl")
    message = one_sentence(cli("--annotator", "alice", "--project", str(project.root)))
    assert message.startswith(f"The journal {project.annotations_dir / 'alice.jsonl'} leads outside the project")


def test_links_inside_the_project_are_fine(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p", {})
    (project.root / "texts").mkdir()
    (project.root / "texts" / "story.txt").write_text(ARTICLE)
    (project.root / "corpus" / "story.txt").symlink_to(project.root / "texts" / "story.txt")
    assert [d.id for d in Project.load(project.root).documents()] == ["story"]
