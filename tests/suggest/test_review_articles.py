"""The review articles (tests/data/review_articles) as the keys-per-quote benchmark uses them:
a tiny project where ``suggest`` and ``evaluate`` run, and the suggester is good but not
perfect, so there is something left to fix with the review keys."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO

from .test_cli import run


def test_suggest_and_evaluate_on_the_review_articles(tmp_path: Path) -> None:
    root = tmp_path / "review_articles"
    shutil.copytree(REPO / "tests" / "data" / "review_articles", root)
    suggested = run("--project", str(root), "suggest", "--annotator", "bot")
    assert suggested.returncode == 0, suggested.stderr
    assert "6 document(s)" in suggested.stdout
    result = run("--project", str(root), "evaluate", "--gold", "gold", "--pred", "bot", "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["scores"]
    assert scores["exact"]["all"]["n_gold"] == 84
    # useful (most spans right) but imperfect: spans missed, speakers wrong
    assert 0.8 < scores["exact"]["all"]["f1"] < 1.0
    assert scores["speaker"]["all"]["f1"] < 0.95
    valid = run("--project", str(root), "validate", "--strict")
    assert valid.returncode == 0, valid.stderr
