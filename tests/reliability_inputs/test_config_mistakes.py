"""Case 14: config mistakes are never silent. An unknown key or table is a warning naming it
and the closest known one (once per command, however often it loads the project); a stance
list that would fall back to the defaults, an empty label, labels equal up to case or spaces
and duplicate targets are one sentence and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.core.project import CONFIG_NAME, Project

from .helpers import cli, new_project, one_sentence


def _configure(project: Project, labels: str, extra: str = "") -> None:
    config = project.root / CONFIG_NAME
    text = config.read_text()
    start = text.index("[labels]")
    end = text.index("[suggest]")
    config.write_text(text[:start] + "[labels]\n" + labels + "\n\n" + text[end:] + extra)


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("corpus-tui: warning:")]


def test_unknown_keys_and_tables_are_warnings_with_the_closest_known_one(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    _configure(project, 'stnace = ["pro", "con"]', 'licence = "mit"\n[lables]\ntargets = ["x"]\n')
    result = cli("stats", "--project", str(project.root))
    assert result.returncode == 0, result.stderr
    config = project.root / CONFIG_NAME
    assert _warnings(result.stderr) == [
        f"corpus-tui: warning: {config}: unknown key labels.stnace is ignored (did you mean labels.stance?).",
        f"corpus-tui: warning: {config}: unknown key export.licence is ignored (did you mean export.license?).",
        f"corpus-tui: warning: {config}: unknown table 'lables' is ignored (did you mean labels?).",
    ]


def test_a_warning_is_shown_once_per_command_even_when_it_loads_twice(tmp_path: Path) -> None:
    """``adjudicate`` loads the project twice (its [keys] check and the command itself)."""
    from corpus_tui.core.model import DocAnnotation, Quote

    project = new_project(tmp_path / "p", {"a": "He said it was fine. She said it was not."})
    doc = project.documents()[0]
    for who, stance in (("ann", "favor"), ("bob", "against")):
        with project.open_journal(who) as journal:
            quote = Quote("q1", 8, 19, "indirect", stance=stance)
            journal.save(DocAnnotation(doc.id, doc.text_sha256, who, status="done", quotes=(quote,)))
    _configure(project, 'stance = ["favor", "against", "neutral"]\nstnace = []')
    result = cli("adjudicate", "--project", str(project.root))
    assert "adjudicate needs an interactive terminal" in one_sentence(result)  # after both loads
    assert len(_warnings(result.stderr)) == 1 and "labels.stnace" in result.stderr


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("stance = []", "labels.stance is empty: list at least one label, or leave the key out."),
        ('stance = ["favor", ""]', "labels.stance has an empty label."),
        ('stance = ["favor", "   "]', "labels.stance has an empty label."),
        ('stance = ["Favor", "favor "]', "labels.stance must be distinct, but 'favor ' and 'Favor' differ only"),
        ('stance = ["pro  con", "Pro con"]', "labels.stance must be distinct, but 'Pro con' and 'pro  con' differ"),
        ('stance = ["favor", "None"]', "labels.stance may not use the reserved label 'none'."),
        ('targets = ["NATO", "NATO"]', "labels.targets must be distinct, but 'NATO' is listed twice."),
        ('targets = ["NATO", "nato"]', "labels.targets must be distinct, but 'nato' and 'NATO' differ only"),
        ('targets = [""]', "labels.targets has an empty label."),
    ],
)
def test_label_mistakes_are_one_sentence(tmp_path: Path, labels: str, message: str) -> None:
    project = new_project(tmp_path / "p")
    _configure(project, labels)
    assert message in one_sentence(cli("stats", "--project", str(project.root)))
