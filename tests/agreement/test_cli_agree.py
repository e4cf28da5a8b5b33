"""``corpus-tui agree`` and ``stats`` as a user runs them: a subprocess on a real project."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .helpers import annotation, independent_kappa, write_journal


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "corpus_tui", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_agree_json_on_the_seeds_with_deliberate_differences(seed_pair):
    result = run("agree", "--json", "--project", str(seed_pair.root))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["annotators"] == ["alice", "bob"]  # gold is left out by default
    pair = data["pairs"][0]
    assert pair["documents"] == 2
    # alice 26 quotes (14 + 12); bob 25 (q8 left out); q4 shorter: 24 exact, 25 by overlap
    assert (pair["quotes_exact"]["tp"], pair["quotes_exact"]["n_gold"], pair["quotes_exact"]["n_pred"]) == (24, 26, 25)
    assert pair["quotes_exact"]["f1"] == pytest.approx(2 * 24 / 51, abs=1e-4)
    assert pair["quotes_overlap"]["tp"] == 25
    # 25 matched quotes, all with a speaker; q11's differs
    assert pair["speaker"] == {"value": 0.96, "items": 25}
    # cues per quote: alice 26, bob 25 (q8 left out); of the 25 matched quotes, q3's cue moved
    assert (pair["cues"]["tp"], pair["cues"]["n_gold"], pair["cues"]["n_pred"]) == (24, 26, 25)
    assert pair["stance"]["items"] == 25
    assert pair["stance"]["observed"] == 0.96
    alice = [json.loads(line) for line in seed_pair.journal_path("alice").read_text().splitlines()]
    a_labels = [q["stance"] for d in alice for q in d["quotes"] if not (d is alice[0] and q["id"] == "q8")]
    b_labels = list(a_labels)
    b_labels[1] = "neutral"
    assert pair["stance"]["value"] == pytest.approx(independent_kappa(a_labels, b_labels), abs=1e-4)
    assert data["overall"]["stance"]["measure"] == "cohen_kappa"


def test_agree_table(seed_pair):
    result = run("agree", "--project", str(seed_pair.root), "--annotators", "alice,bob")
    assert result.returncode == 0, result.stderr
    assert "alice–bob" in result.stdout
    assert "quote spans F1 (exact)        0.941 (24 of 26/25)" in result.stdout
    assert "κ 0." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annotators", "alice"], "needs at least two annotators"),
        (["--annotators", "alice,nobody"], "no journal for annotator 'nobody'"),
        (["--annotators", ""], "needs at least two annotators"),
    ],
)
def test_agree_errors_are_one_sentence(seed_pair, args, message):
    result = run("agree", "--project", str(seed_pair.root), *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_agree_with_only_gold_says_what_is_missing(seed_project):
    result = run("agree", "--project", str(seed_project.root))
    assert result.returncode == 1
    assert "at least two annotators" in result.stderr and "Traceback" not in result.stderr


def test_stats_shows_who_has_done_what_per_document(seed_pair):
    docs = list(seed_pair.document_map())
    write_journal(
        seed_pair,
        "carol",
        [annotation("carol", [], text=seed_pair.document_map()[docs[0]].text, doc_id=docs[0], status="in_progress")],
    )
    result = run("stats", "--json", "--project", str(seed_pair.root))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["per_document"][docs[0]] == {"alice": "done", "bob": "done", "carol": "in_progress", "gold": "done"}
    assert data["per_document"][docs[1]] == {"alice": "done", "bob": "done", "gold": "done"}
    assert data["documents"] == 2 and "alice" in data["annotators"]  # existing keys kept
    text = run("stats", "--project", str(seed_pair.root)).stdout
    assert "Per document" in text
    row = next(line for line in text.splitlines() if line.startswith(docs[1]))
    assert row.split() == [docs[1], "done", "done", "-", "done"]
