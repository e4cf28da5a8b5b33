"""Case 13: names that become file names or ids must match as a whole: ``$`` matches before
a trailing newline, so ``alice\\n`` used to pass and create ``annotations/alice\\n.jsonl``."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import is_safe_id
from corpus_tui.core.project import check_annotator_name
from corpus_tui.export.hub import check_repo_id

from .helpers import ARTICLE, cli, new_project, one_sentence, prodigy_task, tree, write_jsonl


@pytest.mark.parametrize("command", [[], ["suggest", "--model", "blank:en"], ["compact"], ["import", "FEED"]])
def test_an_annotator_name_with_a_newline_is_refused(tmp_path: Path, command: list[str]) -> None:
    project = new_project(tmp_path / "p")
    feed = write_jsonl(tmp_path / "feed.jsonl", [prodigy_task(ARTICLE.replace("Monday", "May"), "n1")])
    command = [str(feed) if part == "FEED" else part for part in command]
    before = tree(project.root)
    message = one_sentence(cli(*command, "--annotator", "alice\n", "--project", str(project.root)))
    assert message.startswith("annotator 'alice\\n' is not a valid annotator name")
    assert tree(project.root) == before


def test_a_config_annotator_and_a_document_id_with_a_newline(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    config = project.root / "corpus-tui.toml"
    original = config.read_text()
    config.write_text(original.replace('name = "inputs"\n', 'name = "inputs"\nannotator = "alice\\n"\n'))
    assert "project.annotator 'alice\\n' is not a valid annotator name" in one_sentence(
        cli("stats", "--project", str(project.root))
    )
    config.write_text(original)
    feed = write_jsonl(tmp_path / "ids.jsonl", [{"id": "a1\n", "text": "x"}])
    message = one_sentence(cli("import", str(feed), "--project", str(project.root)))
    assert message == f"{feed}:1: id 'a1\\n' is not usable as a document id (letters, digits, . _ -)."


def test_a_repository_id_with_a_newline_is_refused(tmp_path: Path) -> None:
    result = cli("push", "me/news\n", "--from", str(tmp_path), env={"HF_TOKEN": "hf_x"})
    assert "is not a valid repository id" in one_sentence(result)


def test_every_name_check_matches_the_whole_string() -> None:
    for bad in ("alice\n", "alice\r\n", "alice\nbob"):
        with pytest.raises(CorpusError):
            check_annotator_name(bad)
        assert not is_safe_id(bad)
        with pytest.raises(CorpusError):
            check_repo_id(f"me/{bad}")
    assert check_annotator_name("alice") == "alice" and is_safe_id("doc-1.a") and check_repo_id("me/x") == "me/x"
