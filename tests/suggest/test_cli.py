"""``corpus-tui suggest`` and ``corpus-tui evaluate`` run as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_tui.core.journal_reader import read_journal

CLI = [sys.executable, "-m", "corpus_tui"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "true"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def suggested_project(tmp_path_factory):
    """The seed project after one ``suggest --annotator bot`` run (shared: spaCy loads once)."""
    import shutil

    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("suggest") / "seed-project"
    root.mkdir()
    shutil.copy(REPO / "corpus-tui.toml", root / "corpus-tui.toml")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "annotations").mkdir()
    gold = REPO / "annotations" / "gold.jsonl"
    if gold.exists():
        shutil.copy(gold, root / "annotations" / "gold.jsonl")
    first = run("suggest", "--project", str(root), "--annotator", "bot")
    assert first.returncode == 0, first.stderr
    return root, first


def test_suggest_writes_suggested_spans_to_the_annotators_journal(suggested_project):
    root, first = suggested_project
    assert "Suggested" in first.stdout and "2 updated" in first.stdout
    latest = read_journal(root / "annotations" / "bot.jsonl").latest
    assert len(latest) == 2
    for ann in latest.values():
        assert ann.quotes and all(q.origin == "suggested" for q in ann.quotes)
        assert all(m.origin == "suggested" for m in ann.mentions)
        assert ann.rev == 1


def test_suggest_again_changes_nothing_and_saves_no_revision(suggested_project):
    root, _ = suggested_project
    journal = root / "annotations" / "bot.jsonl"
    before = journal.read_bytes()
    again = run("suggest", "--project", str(root), "--annotator", "bot")
    assert again.returncode == 0, again.stderr
    assert "0 updated, 2 unchanged" in again.stdout
    assert journal.read_bytes() == before


def test_evaluate_meets_the_quality_bar_on_the_seeds(suggested_project):
    root, _ = suggested_project
    if not (root / "annotations" / "gold.jsonl").exists():
        pytest.skip("no gold journal in this checkout")
    result = run("evaluate", "--project", str(root), "--gold", "gold", "--pred", "bot", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 2
    assert report["scores"]["exact"]["direct"]["f1"] >= 0.95
    assert report["direct_attribution"]["accuracy"] >= 0.9
    indirect_mixed = [report["scores"]["overlap"][k] for k in ("indirect", "mixed")]
    tp = sum(s["tp"] for s in indirect_mixed)
    n_pred = sum(s["n_pred"] for s in indirect_mixed)
    n_gold = sum(s["n_gold"] for s in indirect_mixed)
    assert 2 * tp / (n_pred + n_gold) >= 0.6
    table = run("evaluate", "--project", str(root), "--gold", "gold", "--pred", "bot")
    assert "speaker attribution on matched direct quotes" in table.stdout
    assert "exact    direct" in table.stdout


def test_unknown_doc_id_and_unknown_annotator_are_one_sentence_errors(suggested_project):
    root, _ = suggested_project
    bad = run("suggest", "--project", str(root), "--annotator", "bot", "no-such-doc")
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == [
        "corpus-tui: Unknown document id(s): no-such-doc (see 'corpus-tui stats' for the documents of the project)."
    ]
    missing = run("evaluate", "--project", str(root), "--gold", "gold", "--pred", "nobody")
    assert missing.returncode == 1
    assert "No journal for annotator 'nobody'" in missing.stderr and "Traceback" not in missing.stderr
    zero = run("suggest", "--project", str(root), "--annotator", "bot", "--batch-size", "0")
    assert zero.returncode == 1 and "--batch-size must be at least 1" in zero.stderr


def test_blank_model_on_the_command_line_warns_and_still_suggests_direct_quotes(suggested_project):
    root, _ = suggested_project
    doc_id = "000_09eab72cb69c561b"
    result = run("suggest", "--project", str(root), "--annotator", "blank", "--model", "blank:en", doc_id)
    assert result.returncode == 0, result.stderr
    assert "no spaCy pipeline with a parser is installed" in result.stderr
    (ann,) = read_journal(root / "annotations" / "blank.jsonl").latest.values()
    assert ann.doc_id == doc_id
    assert sum(q.kind == "direct" for q in ann.quotes) == 5


def _write_project(root: Path, n_docs: int) -> None:
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "corpus-tui.toml").write_text(
        '[project]\nname = "many"\ndocuments = ["corpus/*.jsonl"]\n', encoding="utf-8"
    )
    lines = []
    for i in range(n_docs):
        text = (
            f"Mayor Ellen Marsh{i} said on Monday that the schools would reopen in {i} days.\n"
            f'"We are doing everything we can," Marsh{i} told reporters. "But the water is still rising."\n'
            "Union leader Frank Busch is seen at a rally in Detroit on May 1. (Reuters)\n"
        )
        lines.append(json.dumps({"id": f"doc{i:04d}", "text": text}))
    (root / "corpus" / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_an_interrupted_run_keeps_what_it_saved_and_a_rerun_finishes(tmp_path):
    root = tmp_path / "many"
    _write_project(root, 400)
    journal = root / "annotations" / "bot.jsonl"
    env = {**os.environ, "CI": "true"}
    proc = subprocess.Popen(
        [*CLI, "suggest", "--project", str(root), "--annotator", "bot", "--batch-size", "16"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.stat().st_size > 0:
            break
        time.sleep(0.05)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    saved = read_journal(journal).latest
    assert saved, "nothing was saved before the kill"
    assert all(ann.quotes for ann in saved.values())
    rerun = run("suggest", "--project", str(root), "--annotator", "bot")
    assert rerun.returncode == 0, rerun.stderr
    if killed:
        assert f"{len(saved)} unchanged" in rerun.stdout
    assert len(read_journal(journal).latest) == 400
