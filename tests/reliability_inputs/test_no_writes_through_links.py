"""Case 6 (import, init, export): nothing the program creates lands outside the project
through a symbolic link; a link where it must write is one sentence naming it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from corpus_tui.core.project import Project

from .helpers import ARTICLE, cli, new_project, one_sentence, outside, prodigy_task, tree, write_jsonl


def test_import_refuses_a_dangling_link_in_corpus(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    (tmp_path / "elsewhere").mkdir()
    (project.root / "corpus" / "story.txt").symlink_to(tmp_path / "elsewhere" / "story.txt")
    source = tmp_path / "story.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    before, around = tree(project.root), outside(tmp_path, project)
    message = one_sentence(cli("import", str(source), "--project", str(project.root)))
    assert message.startswith(f"{project.root / 'corpus' / 'story.txt'} is a symbolic link")
    assert not (tmp_path / "elsewhere" / "story.txt").exists()
    assert tree(project.root) == before and outside(tmp_path, project) == around


def test_a_jsonl_import_never_takes_a_name_a_link_holds(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    (tmp_path / "elsewhere").mkdir()
    (project.root / "corpus" / "feed.jsonl").symlink_to(tmp_path / "elsewhere" / "feed.jsonl")
    feed = write_jsonl(tmp_path / "feed.jsonl", [prodigy_task(ARTICLE, "n1")])
    around = outside(tmp_path, project)
    result = cli("import", str(feed), "--annotator", "alice", "--project", str(project.root))
    assert result.returncode == 0, result.stderr
    assert outside(tmp_path, project) == around
    written = project.root / "corpus" / "feed-1.jsonl"
    assert [json.loads(line)["id"] for line in written.read_text().splitlines()] == ["n1"]
    assert os.readlink(project.root / "corpus" / "feed.jsonl") == str(tmp_path / "elsewhere" / "feed.jsonl")


def test_a_linked_journal_is_refused_by_import(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    victim = tmp_path / "victim.jsonl"
    victim.write_text("precious\n")
    journal = project.annotations_dir / "alice.jsonl"
    journal.symlink_to(victim)
    feed = write_jsonl(tmp_path / "feed.jsonl", [prodigy_task(ARTICLE, "n1")])
    before, around = tree(project.root), outside(tmp_path, project)
    message = one_sentence(cli("import", str(feed), "--annotator", "alice", "--project", str(project.root)))
    assert str(journal) in message
    assert victim.read_text() == "precious\n"
    assert tree(project.root) == before and outside(tmp_path, project) == around


def test_init_keeps_an_existing_gitignore_and_refuses_a_linked_one(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / ".gitignore").write_text("*.pyc")  # no final newline
    assert cli("init", str(checkout)).returncode == 0
    assert (checkout / ".gitignore").read_text() == "*.pyc\nannotations/*.corrupt\n*.tmp\n"
    assert cli("init", str(tmp_path / "again")).returncode == 0  # a fresh folder gets the lines
    assert (tmp_path / "again" / ".gitignore").read_text() == "annotations/*.corrupt\n*.tmp\n"

    linked = tmp_path / "linked"
    linked.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("mine\n")
    (linked / ".gitignore").symlink_to(victim)
    around = outside(tmp_path, linked)
    message = one_sentence(cli("init", str(linked)))
    assert message.startswith(f"{linked / '.gitignore'} is a symbolic link")
    assert victim.read_text() == "mine\n" and outside(tmp_path, linked) == around
    assert not (linked / "corpus-tui.toml").exists()


def test_init_refuses_a_linked_config(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "corpus-tui.toml").symlink_to(tmp_path / "nowhere.toml")
    message = one_sentence(cli("init", str(folder)))
    assert "already exists" in message
    assert not (tmp_path / "nowhere.toml").exists()


def test_export_refuses_an_out_that_is_a_link_and_leaves_its_target_alone(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    _annotate_all(project)
    target = tmp_path / "real-export"
    assert cli("export", str(target), "--project", str(project.root)).returncode == 0
    link = tmp_path / "link"
    link.symlink_to(target)
    around = outside(tmp_path, project)
    message = one_sentence(cli("export", str(link), "--project", str(project.root)))
    assert message.startswith(f"{link} is a symbolic link")
    assert outside(tmp_path, project) == around


def test_re_export_over_a_planted_old_folder_name(tmp_path: Path) -> None:
    """The earlier export is moved aside under a fresh name: a link planted at the name a
    re-export used to reuse (``.OUT.old``) is neither followed nor removed."""
    project = new_project(tmp_path / "p")
    _annotate_all(project)
    out = tmp_path / "out"
    assert cli("export", str(out), "--project", str(project.root)).returncode == 0
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "data.txt").write_text("mine")
    (tmp_path / ".out.old").symlink_to(keep)
    result = cli("export", str(out), "--project", str(project.root))
    assert result.returncode == 0, result.stderr
    assert (keep / "data.txt").read_text() == "mine" and (tmp_path / ".out.old").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == [".out.old"]


def _annotate_all(project: Project) -> None:
    feed = write_jsonl(project.root.parent / "seed.jsonl", [prodigy_task(ARTICLE.replace("Monday", "May"), "n1")])
    result = cli("import", str(feed), "--annotator", "gold", "--project", str(project.root))
    assert result.returncode == 0, result.stderr
