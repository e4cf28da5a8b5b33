"""Every command's output on a project full of escape sequences, through the real console
script in a subprocess: no raw control, C1 or bidi character reaches stdout or stderr (only
the layout's newlines and tabs), each sequence is shown visibly, ``--json`` stays valid and
exact, the dataset card carries none either, and the progress bar still draws on a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .hostile import (
    CSI,
    ENTITY,
    EVE,
    GHOST_DOC,
    LABELS,
    NOTE,
    OSC,
    PROJECT_NAME,
    TARGET,
    make_hostile_project,
    raw_controls,
    shown,
)

SCRIPT = Path(sys.executable).with_name("corpus-tui")
CLI = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "corpus_tui"]


def _env() -> dict[str, str]:
    env = {**os.environ, "CI": "true"}
    env.pop("CORPUS_TUI_ANNOTATOR", None)
    return env


def run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    """Exit status, stdout and stderr, after checking both carry no raw control character."""
    result = subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, timeout=120, cwd=cwd, env=_env(), stdin=subprocess.DEVNULL
    )
    for stream in (result.stdout, result.stderr):
        assert raw_controls(stream) == [], stream
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert "Traceback" not in stderr, stderr
    return result.returncode, stdout, stderr


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return make_hostile_project(tmp_path / "p").root


def test_stats_shows_names_labels_and_the_project_name_visibly(project_dir: Path) -> None:
    code, out, err = run("stats", "--project", project_dir)
    assert (code, err) == (0, "")
    assert f"Project {shown(PROJECT_NAME)}: 3 document(s)" in out
    assert f"stances: {shown(LABELS[1])} 2, {shown(LABELS[0])} 2" in out
    assert "annotations of documents not in the project: 1" in out


def test_json_is_valid_and_exact(project_dir: Path) -> None:
    code, out, _ = run("stats", "--json", "--project", project_dir)
    stats = json.loads(out)
    assert (code, stats["project"]) == (0, PROJECT_NAME)
    assert set(stats["annotators"]["alice"]["stances"]) == {LABELS[0], LABELS[1]}
    code, out, _ = run("agree", "--json", "--project", project_dir)
    assert (code, json.loads(out)["pairs"][0]["annotators"]) == (0, ["alice", "bob"])
    code, out, _ = run("evaluate", "--json", "--gold", "alice", "--pred", "bob", "--project", project_dir)
    assert (code, json.loads(out)["documents"]) == (0, 2)


def test_agree_and_evaluate(project_dir: Path) -> None:
    code, out, err = run("agree", "--project", project_dir)
    assert (code, err) == (0, "")
    assert "alice–bob" in out and "stance (chance-corrected)" in out
    code, out, err = run("evaluate", "--gold", "alice", "--pred", "bob", "--project", project_dir)
    assert (code, err) == (0, "")
    assert "bob against alice: 2 document(s)" in out


def test_validate_names_the_hostile_document_visibly(project_dir: Path) -> None:
    code, _, err = run("validate", "--project", project_dir)
    assert code == 1
    assert "ghost" in err and "PWNED" in err  # the unknown document, shown, not obeyed
    assert GHOST_DOC not in err


def test_export_card_has_no_raw_control_and_its_yaml_is_exact(project_dir: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / f"out{OSC}"
    code, out, err = run("export", out_dir, "--annotator", "alice", "--project", project_dir)
    assert code == 0, err
    assert f"to {shown(str(out_dir))} (format hf)" in out
    card = (out_dir / "README.md").read_text(encoding="utf-8")
    assert raw_controls(card) == []
    assert not any(0x80 <= ord(c) < 0xA0 or c in "\u2028\u2029\ufeff" for c in card)
    head, page = card.split("---\n", 2)[1:]
    meta = yaml.safe_load(head)
    assert meta["pretty_name"] == PROJECT_NAME  # escaped in YAML, exact when read
    features = {f["name"]: f for f in meta["dataset_info"][0]["features"]}
    assert list(features["stance"]["dtype"]["class_label"]["names"].values()) == [*LABELS, "none"]
    assert page.startswith(f"\n# {shown(PROJECT_NAME)}\n")
    assert f"one of {', '.join(shown(label) for label in LABELS)}" in page
    assert f"Targets: “{shown(TARGET)}”" in page

    import datasets

    quotes = datasets.load_dataset(str(out_dir), "quotes")["train"]
    assert quotes.features["stance"].names == [*LABELS, "none"]
    assert {row["speaker"] for row in quotes} == {ENTITY}


def test_export_of_notes_and_entities_keeps_them_exact(project_dir: Path, tmp_path: Path) -> None:
    """The data itself is not cleaned: only what is shown on a terminal or in the card is."""
    out_dir = tmp_path / "jsonl"
    code, _, err = run("export", out_dir, "--format", "jsonl", "--annotator", "alice", "--project", project_dir)
    assert code == 0, err
    rows = [json.loads(line) for path in out_dir.rglob("*.jsonl") for line in path.read_text("utf-8").splitlines()]
    assert {row["note"] for row in rows} == {NOTE}
    assert {m["entity"] for row in rows for m in row["mentions"]} == {ENTITY}


# --------------------------------------------------------------------------- error paths


def test_errors_quote_hostile_names_visibly(project_dir: Path, tmp_path: Path) -> None:
    code, _, err = run("compact", "--annotator", f"x{OSC}", "--project", project_dir)
    assert code == 1 and err.count("\n") == 1 and "PWNED" in err
    missing = tmp_path / f"new{OSC}.txt"
    code, _, err = run("import", missing, "--project", project_dir)
    assert (code, err) == (1, f"corpus-tui: {shown(str(missing))} does not exist.\n")
    taken = tmp_path / f"taken{CSI}"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    code, _, err = run("export", taken, "--annotator", "alice", "--project", project_dir)
    assert code == 1 and err.startswith(f"corpus-tui: {shown(str(taken))} is not empty")


def test_usage_error_quotes_the_argument_visibly(project_dir: Path) -> None:
    code, _, err = run("stats", f"extra{OSC}", "--project", project_dir)
    assert code == 2 and "unrecognized arguments" in err and "PWNED" in err


def test_a_journal_file_named_with_escapes(project_dir: Path) -> None:
    (project_dir / "annotations" / f"{EVE}.jsonl").write_text("{}\n")
    for command in ("stats", "validate", "agree"):
        code, out, err = run(command, "--project", project_dir)
        assert "eve" in out + err and "PWNED" in out + err, (command, code, out, err)


def test_a_broken_config_with_escapes(tmp_path: Path) -> None:
    (tmp_path / "corpus-tui.toml").write_text(f'[project]\nname = "x{OSC}"\ndocuments = ["*.txt"]\n')
    code, _, err = run("stats", "--project", tmp_path)
    assert code == 1 and err.startswith("corpus-tui: ") and err.count("\n") == 1


# --------------------------------------------------------------------------- on a terminal


def test_progress_bar_draws_on_a_terminal_while_data_is_shown_visibly(project_dir: Path, tmp_path: Path) -> None:
    """On a pseudo-terminal the rich bar keeps its own escape codes; the data does not get any."""
    out_dir = tmp_path / f"tty{OSC}"
    main, secondary = pty.openpty()
    env = {**_env(), "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [*CLI, "export", str(out_dir), "--annotator", "alice", "--project", str(project_dir)],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env=env,
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal is closed once the process ends
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    assert process.wait(timeout=120) == 0, output
    text = output.decode("utf-8")
    assert "\x1b[" in text and "Exporting" in text  # the bar drew, with its own codes
    assert "\x1b]" not in text and "PWNED\x07" not in text  # no OSC from the data
    assert shown(str(out_dir)) in text
