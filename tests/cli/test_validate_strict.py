"""``corpus-tui validate --strict``: a document marked done must be complete."""

from __future__ import annotations

from pathlib import Path

from corpus_tui.core.model import DocAnnotation, Mention, Quote
from corpus_tui.core.project import Project, init_project

from .test_cli_foundation import run

TEXT = 'Mayor Ana Reyes said the bridge would reopen in June. "We are on schedule."\nNothing else happened.'


def _project(tmp_path: Path) -> Project:
    project = init_project(tmp_path / "p")
    for doc_id in ("bridge", "draft"):
        (project.root / "corpus" / f"{doc_id}.txt").write_text(TEXT, encoding="utf-8")
    project = Project.load(project.root)
    sha = project.document_map()["bridge"].text_sha256
    reyes = Mention("m1", TEXT.index("Ana"), TEXT.index(" said"), "Ana Reyes")
    bridge = Quote("q1", TEXT.index("the bridge"), TEXT.index(" in June") + 8, "indirect", "m1", None, "neutral")
    schedule = Quote("q2", TEXT.index("We are"), TEXT.index('."'), "direct", None, None, "favor")
    suggestion = Quote("q3", TEXT.index("Nothing"), TEXT.index(" happened"), "indirect", origin="suggested")
    done = DocAnnotation(
        "bridge", sha, "alice", status="done", mentions=(reyes,), quotes=(bridge, schedule, suggestion)
    )
    draft = DocAnnotation("draft", sha, "alice", status="in_progress", quotes=(schedule,))
    with project.open_journal("alice") as journal:
        journal.save_many([done, draft])
    with project.open_journal("bot") as journal:  # the suggester's journal is all undecided by design
        journal.save(DocAnnotation("bridge", sha, "bot", status="done", quotes=(suggestion,)))
    return project


def test_strict_lists_what_done_documents_lack_and_exits_1(tmp_path: Path) -> None:
    project = _project(tmp_path)
    plain = run("validate", "--project", project.root)
    assert plain.returncode == 0, plain.stderr
    result = run("validate", "--strict", "--project", project.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    q1 = f"({TEXT.index('the bridge')}-{TEXT.index(' in June') + 8})"
    q2 = f"({TEXT.index('We are')}-{TEXT.index('.' + chr(34))})"
    assert lines == [
        f"annotations/alice.jsonl: bridge: marked done, but quote q1 {q1} lacks its cue.",
        f"annotations/alice.jsonl: bridge: marked done, but quote q2 {q2} lacks its speaker.",
        "annotations/alice.jsonl: bridge: marked done, but 1 suggestion is undecided.",
        "corpus-tui: 3 problem(s) in 3 annotation(s).",
    ]
