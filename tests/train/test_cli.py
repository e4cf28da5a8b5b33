"""``train``, ``suggest --model`` and ``evaluate --model`` run as a user runs them."""

from __future__ import annotations

import json

import pytest

from corpus_tui.core.journal_reader import read_journal
from tests.suggest.test_cli import run
from tests.train.conftest import copy_attribution

#: 8 articles to learn from and every held-out one (the division is fixed by the ids)
ARTICLES = {
    *("bookstore", "chip-plant", "curfew", "dam-removal", "ferry-service", "satellite", "tram-line", "zoo-elephant"),
    *("bodycams", "bus-cuts", "cycle-lanes", "library-hours", "nurses-pay", "recycling", "river-cleanup"),
    *("school-week", "startup-funding", "teacher-strike", "youth-league"),
    *("ai-grading", "airport-noise", "data-breach", "heatwave-work", "housing-tower", "mine-reopen"),
    *("rail-tunnel", "refinery-fine", "tariff-steel", "water-rates", "wind-farm"),
}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    project = copy_attribution(tmp_path_factory.mktemp("cli") / "news", keep=ARTICLES)
    result = run("train", "--project", str(project.root), "--output", "models/news", "--max-minutes", "0.02")
    return project.root, result


def test_train_reports_held_out_scores_beside_the_rules_and_says_how_to_use_the_model(trained):
    root, result = trained
    assert result.returncode == 0, result.stderr
    assert "Trained on 8 document(s) of gold (tuned on 11)" in result.stdout
    assert "rules   model    both" in result.stdout
    assert "corpus-tui suggest --model models/news" in result.stdout
    assert (root / "models" / "news" / "README.md").is_file()


def test_suggest_with_the_model_records_who_proposed_each_quote(trained):
    root, _ = trained
    result = run("suggest", "--project", str(root), "--annotator", "bot", "--model", "models/news", "wind-farm")
    assert result.returncode == 0, result.stderr
    assert "with news" in result.stdout
    ann = read_journal(root / "annotations" / "bot.jsonl").latest["wind-farm"]
    assert ann.quotes and {q.by for q in ann.quotes} <= {"rules", "news"}


def test_evaluate_scores_the_model_on_what_it_did_not_learn_from_and_the_rules(trained):
    root, _ = trained
    model = run("evaluate", "--project", str(root), "--model", "models/news", "--json")
    assert model.returncode == 0, model.stderr
    assert "left out 19 document(s) news was trained or tuned on" in model.stderr
    report = json.loads(model.stdout)
    assert report["pred"] == "news" and report["documents"] == 11
    assert "stance" in report["scores"]
    rules = run("evaluate", "--project", str(root), "--model", "rules")
    assert rules.returncode == 0, rules.stderr
    assert rules.stdout.startswith("rules against gold: 30 document(s)")


def test_mistakes_are_one_sentence(trained, tmp_path):
    root, _ = trained
    again = run("train", "--project", str(root), "--output", "models/news")
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "already exists" in again.stderr
    few = copy_attribution(tmp_path / "few", keep={"bookstore", "bodycams", "ai-grading"})
    refused = run("train", "--project", str(few.root))
    assert refused.returncode == 1 and refused.stderr.startswith("corpus-tui: Too little gold to train")
    missing = run("suggest", "--project", str(root), "--model", "models/nothing-here")
    assert missing.returncode == 1 and "not a spaCy pipeline folder" in missing.stderr
    both = run("evaluate", "--project", str(root), "--model", "rules", "--pred", "bot")
    assert both.returncode == 2
