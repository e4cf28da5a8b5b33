"""``train`` on the attribution corpus with a tiny network: what it saves, loads and suggests."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import read_journal
from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.store import Journal
from corpus_tui.suggest.merge import merge_suggestions
from corpus_tui.suggest.pipeline import load_model, suggestions_for_doc
from corpus_tui.suggest.trained import FINDER, META_KEY, SPANCAT, SPANS_KEY, STANCE
from corpus_tui.train.run import train_project
from corpus_tui.train.settings import TINY
from tests.train.conftest import copy_attribution


def test_the_model_folder_is_a_spacy_pipeline_with_a_card(tiny_model):
    import spacy

    folder = tiny_model.project.root / "models" / "tiny"
    assert (folder / "config.cfg").is_file()
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert "corpus-tui suggest --model models/tiny" in card and "| quotes exact, all |" in card
    nlp = spacy.load(folder)
    assert {"parser", FINDER, SPANCAT} <= set(nlp.pipe_names) and STANCE in nlp.disabled
    doc = nlp("The mayor said the bridge would reopen in May.")
    assert SPANS_KEY in doc.spans
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))[META_KEY]
    assert meta["held_out"]["documents"] == 11


def test_it_is_scored_on_held_out_documents_it_never_saw(tiny_model):
    report = tiny_model.report
    assert (len(report.split.train), len(report.split.validation), len(report.split.test)) == (38, 11, 11)
    trained_on = set(load_model("models/tiny", root=tiny_model.project.root).trained.trained_on)
    assert trained_on == {d.id for d, _ in (*report.split.train, *report.split.validation)}
    assert not trained_on & {d.id for d, _ in report.split.test}
    held = report.held_out.to_dict()
    # the rules alone on the held-out articles (the figures README reports for them)
    assert held["rules"]["exact"]["all"]["f1"] >= 0.95


def test_suggestions_carry_provenance_and_stance_and_round_trip_through_the_journal(tiny_model, tmp_path):
    project = tiny_model.project
    loaded = load_model("models/tiny", root=project.root)
    # a threshold of 0 suggests every stance: the path from classifier to journal is exercised
    loaded.trained = replace(loaded.trained, stance_threshold=0.0)
    document = project.document_map()["wind-farm"]
    found = suggestions_for_doc(loaded.nlp(document.text), loaded, target="the Cairn Moor wind farm")
    assert found and all(s.stance in ("favor", "against", "neutral") for s in found)
    merged = merge_suggestions(DocAnnotation.empty(document, "bot"), found)
    assert {q.by for q in merged.quotes} <= {"rules", "tiny"}
    assert all(q.target == "the Cairn Moor wind farm" for q in merged.quotes)
    journal = Journal.open(tmp_path / "bot.jsonl", "bot")
    try:
        journal.save(merged)
    finally:
        journal.close()
    back = read_journal(tmp_path / "bot.jsonl").latest["wind-farm"]
    assert back.quotes == merged.quotes and back.mentions == merged.mentions
    assert merge_suggestions(back, found) is back  # suggesting again changes nothing


def test_the_same_seed_gives_the_same_model(tiny_model):
    import spacy

    project = tiny_model.project
    train_project(project, None, "models/again", TINY)
    first, second = (spacy.load(project.root / "models" / name) for name in ("tiny", "again"))
    for name in (FINDER, SPANCAT, STANCE):
        assert first.get_pipe(name).model.to_bytes() == second.get_pipe(name).model.to_bytes()


def test_an_existing_output_is_refused_not_replaced(tiny_model):
    with pytest.raises(CorpusError, match="already exists"):
        train_project(tiny_model.project, None, "models/tiny", TINY)


def test_an_output_outside_the_project_or_below_a_link_is_refused(tiny_model, tmp_path):
    project = tiny_model.project
    with pytest.raises(CorpusError, match="outside the project"):
        train_project(project, None, str(tmp_path / "elsewhere"), TINY)
    (project.root / "real").mkdir()
    (project.root / "linked").symlink_to(project.root / "real", target_is_directory=True)
    with pytest.raises(CorpusError, match="symbolic link"):
        train_project(project, None, "linked/model", TINY)
    assert not any(tmp_path.iterdir()) and not any((project.root / "real").iterdir())


def test_too_little_gold_is_refused_in_one_sentence(tmp_path):
    few = {"bodycams", "bus-cuts", "ai-grading", "airline-strike", "bookstore"}
    project = copy_attribution(tmp_path / "few", keep=few)
    with pytest.raises(CorpusError) as caught:
        train_project(project, None, None, TINY)
    message = str(caught.value)
    assert message.startswith("Too little gold to train") and "at least 8 documents with 20 quotes" in message
    assert not (project.root / "models").exists()


def test_settings_a_user_cannot_mean_are_refused(tiny_model):
    with pytest.raises(CorpusError, match="--eval-split"):
        train_project(tiny_model.project, None, None, replace(TINY, eval_split=0.6))
