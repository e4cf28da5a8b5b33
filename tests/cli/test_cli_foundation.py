"""The foundation commands as a user runs them: the real console script in a subprocess, on
real project folders. Errors must be one sentence on stderr, exit 1 (2 for usage), and
never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus_tui.core.model import DocAnnotation, Document, Mention, Quote
from corpus_tui.core.project import Project

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("corpus-tui")
CLI = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "corpus_tui"]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "true", "NO_COLOR": "1"}
    env.pop("CORPUS_TUI_ANNOTATOR", None)
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd, env=env, stdin=subprocess.DEVNULL
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str, code: int = 1) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("corpus-tui")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------- help and start-up


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0 and result.stderr == ""
    for command in ("init", "import", "stats", "validate", "compact", "suggest", "export", "push", "--project"):
        assert command in result.stdout
    sub = run("stats", "--help")
    assert sub.returncode == 0 and "--json" in sub.stdout


def test_version() -> None:
    from corpus_tui import __version__

    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"corpus-tui {__version__}")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["stats", "--help"]])
def test_help_imports_no_textual_spacy_or_datasets(argv: list[str]) -> None:
    probe = textwrap.dedent(
        f"""
        import sys
        from corpus_tui.cli import main
        try:
            main({argv!r})
        except SystemExit:
            pass
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "spacy", "datasets",
                       "huggingface_hub", "pyarrow", "numpy"))
        print("HEAVY:", heavy, file=sys.stderr)
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "HEAVY: []" in result.stderr


def test_usage_errors_exit_2_in_one_line(tmp_path: Path) -> None:
    for argv in (["no-such-command"], ["init"], ["--bogus"], ["stats", "--bogus"], ["export"]):
        result = run(*argv, cwd=tmp_path)
        line = assert_one_line_error(result, "usage error", code=2)
        assert "--help" in line


# --------------------------------------------------------------------------- the happy path


def test_init_import_stats_validate_compact(tmp_path: Path) -> None:
    project_dir = tmp_path / "news"
    result = run("init", project_dir)
    assert result.returncode == 0, result.stderr
    assert "Created project 'news'" in result.stdout
    assert (project_dir / "corpus-tui.toml").is_file()

    src = tmp_path / "src"
    src.mkdir()
    (src / "kirby.txt").write_bytes(b'"We are concerned," Kirby said.\r\nHe added that talks go on.\r\n')
    (src / "batch.jsonl").write_text(
        json.dumps({"id": "wire-1", "text": "Antonov said no.", "meta": {"outlet": "X"}})
        + "\n"
        + json.dumps({"id": "wire-2", "text": "Nothing said."})
        + "\n",
        encoding="utf-8",
    )
    result = run("import", src / "kirby.txt", src / "batch.jsonl", "--project", project_dir)
    assert result.returncode == 0, result.stderr
    assert "3" in result.stdout  # three documents imported

    project = Project.load(project_dir)
    docs = project.document_map()
    assert sorted(docs) == ["kirby", "wire-1", "wire-2"]
    kirby = docs["kirby"]
    assert kirby.text == '"We are concerned," Kirby said.\nHe added that talks go on.\n'
    with project.open_journal("alice") as journal:
        journal.save(_annotation(kirby, "alice", status="done"))
        journal.save(_annotation(kirby, "alice", status="done"))  # a superseded line for compact
        journal.save(DocAnnotation.empty(docs["wire-1"], "alice"))

    result = run("--project", project_dir, "stats", "--json")  # --project before the command counts too
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["documents"] == 3
    alice = stats["annotators"]["alice"]
    assert alice["status"] == {"todo": 2, "in_progress": 0, "done": 1, "skipped": 0, "flagged": 0}
    assert (alice["done"], alice["quotes"], alice["speaker_mentions"], alice["entities"]) == (1, 2, 2, 1)
    assert alice["quote_kinds"] == {"direct": 1, "indirect": 1}
    assert alice["stances"] == {"against": 1, "none": 1}

    table = run("stats", "--project", project_dir)
    assert table.returncode == 0 and "alice: 1/3 done" in table.stdout

    result = run("validate", "--project", project_dir)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "OK: 2 annotation(s) in 1 journal(s) are valid."

    result = run("compact", "--project", project_dir)
    assert result.returncode == 0, result.stderr
    assert "alice.jsonl: 1 superseded line(s) removed, 2 kept." in result.stdout
    assert len((project_dir / "annotations" / "alice.jsonl").read_text().splitlines()) == 2
    assert run("validate", "--project", project_dir).returncode == 0


def _annotation(doc: Document, annotator: str, status: str = "in_progress") -> DocAnnotation:
    def at(needle: str) -> tuple[int, int]:
        start = doc.text.index(needle)
        return start, start + len(needle)

    return DocAnnotation(
        doc_id=doc.id,
        text_sha256=doc.text_sha256,
        annotator=annotator,
        status=status,
        mentions=(Mention("m1", *at("Kirby"), "John Kirby"), Mention("m2", *at("He"), "John Kirby")),
        quotes=(
            Quote("q1", *at("We are concerned,"), "direct", "m1", at("said"), "against"),
            Quote("q2", *at("talks go on"), "indirect", "m2", at("added")),
        ),
    )


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    (tmp_path / "p" / "corpus" / "a.txt").write_text("Kirby said it. He added more.")
    project = Project.load(tmp_path / "p")
    doc = project.document_map()["a"]
    with project.open_journal("bob") as journal:
        journal.save(
            DocAnnotation(
                doc_id="a",
                text_sha256=doc.text_sha256,
                annotator="bob",
                quotes=(Quote("q1", 0, 500, stance="love"), Quote("q2", 3, 9, source="m9"), Quote("q3", 5, 20)),
            )
        )
        journal.save(DocAnnotation(doc_id="ghost", text_sha256="0", annotator="bob"))
    result = run("validate", "--project", tmp_path / "p")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    err = result.stderr
    assert "annotations/bob.jsonl: a: quote 'q1' ends at 500, past the end of the text (29 characters)." in err
    assert "quote 'q1' has unknown stance label 'love'" in err
    assert "quote 'q2' has unknown source mention 'm9'" in err
    assert "quotes 'q2' and 'q3' overlap without one lying inside the other" in err  # both nest in q1
    assert "annotations/bob.jsonl: document 'ghost' is not in the project." in err
    assert err.strip().splitlines()[-1] == "corpus-tui: 5 problem(s) in 2 annotation(s)."


def test_validate_reports_stale_annotations(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    text_file = tmp_path / "p" / "corpus" / "a.txt"
    text_file.write_text("Kirby said it.")
    project = Project.load(tmp_path / "p")
    with project.open_journal("bob") as journal:
        journal.save(DocAnnotation.empty(project.document_map()["a"], "bob"))
    text_file.write_text("Kirby said it again.")
    result = run("validate", "--project", tmp_path / "p")
    assert result.returncode == 1
    assert "changed since it was annotated (text_sha256 differs): the annotation is stale" in result.stderr
    stats = json.loads(run("stats", "--json", "--project", tmp_path / "p").stdout)
    assert stats["annotators"]["bob"]["stale"] == 1


# --------------------------------------------------------------------------- the seed project


def test_validate_passes_on_the_repository_project() -> None:
    result = run("validate", "--project", REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_stats_of_the_seed_project_shows_the_gold_counts(seed_project: Project) -> None:
    result = run("stats", "--json", cwd=seed_project.root)
    assert result.returncode == 0, result.stderr
    gold = json.loads(result.stdout)["annotators"]["gold"]
    assert gold["done"] == 2 and gold["progress"] == 1.0
    assert gold["quotes"] == 26
    assert gold["quote_kinds"] == {"direct": 11, "indirect": 12, "mixed": 3}
    assert gold["speaker_mentions"] == 21 and gold["entities"] == 7
    assert gold["stances"] == {"against": 12, "favor": 6, "neutral": 8}
    assert (gold["stale"], gold["unknown_documents"]) == (0, 0)


# --------------------------------------------------------------------------- bad input


def test_missing_config(tmp_path: Path) -> None:
    for argv in (["stats"], ["validate"], ["compact"], ["import", "x.txt"]):
        assert_one_line_error(run(*argv, cwd=tmp_path), "No corpus-tui.toml in", "corpus-tui init DIR")


def test_malformed_config_names_the_key(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    config = tmp_path / "p" / "corpus-tui.toml"
    config.write_text(config.read_text().replace("documents = [", "documents = 7 #["))
    assert_one_line_error(run("stats", "--project", tmp_path / "p"), "project.documents must be a list of strings")
    config.write_text("[project\n")
    assert_one_line_error(run("validate", "--project", tmp_path / "p"), "is not valid TOML")


def test_undecodable_file(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    assert_one_line_error(
        run("import", bad, "--project", tmp_path / "p"), f"{bad} is not UTF-8 text: undecodable byte 0xe9 at byte 3."
    )
    assert list((tmp_path / "p" / "corpus").iterdir()) == []
    shutil.copy(bad, tmp_path / "p" / "corpus" / "latin1.txt")
    assert_one_line_error(run("stats", "--project", tmp_path / "p"), "latin1.txt is not UTF-8 text", "at byte 3")


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    bad = tmp_path / "batch.jsonl"
    bad.write_text('{"id": "a", "text": "fine"}\n{"id": "b", "text": \n', encoding="utf-8")
    assert_one_line_error(run("import", bad, "--project", tmp_path / "p"), f"{bad}:2: not valid JSON")
    assert list((tmp_path / "p" / "corpus").iterdir()) == []


def test_duplicate_ids(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "a.md").write_text("two")
    assert_one_line_error(run("import", tmp_path / "a.txt", tmp_path / "a.md", "--project", tmp_path / "p"), "'a'")
    (tmp_path / "p" / "corpus" / "a.txt").write_text("one")
    (tmp_path / "p" / "corpus" / "a.md").write_text("two")
    assert_one_line_error(run("stats", "--project", tmp_path / "p"), "Duplicate document id 'a'")


def test_invalid_journal_line(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    (tmp_path / "p" / "corpus" / "a.txt").write_text("text")
    journal = tmp_path / "p" / "annotations" / "bob.jsonl"
    journal.write_text("{}\n" * 0 + "not json at all\n" + '{"doc_id": "a"}\n', encoding="utf-8")
    for command in ("stats", "compact"):
        assert_one_line_error(run(command, "--project", tmp_path / "p"), f"{journal}:1: invalid journal line")
    result = run("validate", "--project", tmp_path / "p")
    assert result.returncode == 1 and f"{journal}:1: invalid journal line" in result.stderr


def test_torn_journal_is_a_warning_not_an_error(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    (tmp_path / "p" / "corpus" / "a.txt").write_text("text")
    project = Project.load(tmp_path / "p")
    with project.open_journal("bob") as journal:
        journal.save(DocAnnotation.empty(project.document_map()["a"], "bob"))
    path = project.journal_path("bob")
    path.write_bytes(path.read_bytes() + b'{"doc_id": "a", "rev"')
    result = run("stats", "--json", "--project", tmp_path / "p")
    assert result.returncode == 0
    assert json.loads(result.stdout)["annotators"]["bob"]["status"]["todo"] == 1
    assert "warning:" in result.stderr and "bob.jsonl:2: the last line is incomplete" in result.stderr
    result = run("compact", "--project", tmp_path / "p")  # the writer repairs it
    assert result.returncode == 0 and "bob.jsonl.corrupt" in result.stderr
    assert run("validate", "--project", tmp_path / "p").stderr == ""


HOLDER = textwrap.dedent(
    """
    import sys
    from corpus_tui.core.project import Project
    journal = Project.load(sys.argv[1]).open_journal("bob")
    print("locked", flush=True)
    sys.stdin.readline()
    journal.close()
    """
)


def test_compact_while_another_writer_holds_the_journal(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    project = Project.load(tmp_path / "p")
    with project.open_journal("bob") as journal:
        journal.save(DocAnnotation(doc_id="a", text_sha256="0", annotator="bob"))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "p")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert_one_line_error(
            run("compact", "--project", tmp_path / "p"), "'bob' already has this project open", f"process {holder.pid}"
        )
        assert run("stats", "--project", tmp_path / "p").returncode == 0  # reading needs no lock
    finally:
        holder.communicate("\n", timeout=30)
    assert run("compact", "--project", tmp_path / "p").returncode == 0


def test_compact_of_an_unknown_annotator(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    assert_one_line_error(
        run("compact", "--annotator", "nobody", "--project", tmp_path / "p"), "'nobody' has no journal"
    )
    assert not (tmp_path / "p" / "annotations" / "nobody.jsonl").exists()
    result = run("compact", "--project", tmp_path / "p")
    assert (result.returncode, result.stdout.strip()) == (0, "No journals to compact.")


def test_init_errors(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    assert_one_line_error(run("init", tmp_path / "p"), "already a project")
    (tmp_path / "f").write_text("")
    assert_one_line_error(run("init", tmp_path / "f"), "is not a folder")


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    run("init", tmp_path / "p")
    assert_one_line_error(run("import", tmp_path / "nope.txt", "--project", tmp_path / "p"), "does not exist")
