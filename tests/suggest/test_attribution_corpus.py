"""The rules on the attribution corpus: perfect on the articles they were developed on
(validation), and held to a floor on the test articles they never were (README's figures)."""

from __future__ import annotations

import pytest

from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.project import Project
from corpus_tui.review.evaluation import evaluate_triples
from corpus_tui.suggest.merge import merge_suggestions
from corpus_tui.suggest.names import NameSpellings
from corpus_tui.suggest.pipeline import suggestions_for_doc
from corpus_tui.train.gold import gold_split
from tests.train.conftest import ATTRIBUTION


@pytest.fixture(scope="module")
def scores(parser_model):
    project = Project.load(ATTRIBUTION)
    split = gold_split(project, None, 0.2)
    spellings = NameSpellings.from_texts(d.text for d in project.documents())
    result = {}
    for part in ("validation", "test"):
        pairs = split.part(part)
        docs = parser_model.nlp.pipe(d.text for d, _ in pairs)
        triples = [
            (
                d,
                gold,
                merge_suggestions(DocAnnotation.empty(d, "bot"), suggestions_for_doc(doc, parser_model, spellings)),
            )
            for (d, gold), doc in zip(pairs, docs, strict=True)
        ]
        result[part] = evaluate_triples(triples).to_dict()["scores"]
    return result


def test_every_quote_of_the_development_articles_is_found_exactly(scores):
    assert scores["validation"]["exact"]["all"]["f1"] == 1.0
    assert scores["validation"]["cue"]["all"]["f1"] == 1.0


def test_the_held_out_articles_stay_above_the_measured_floor(scores):
    test = scores["test"]
    assert test["exact"]["all"]["f1"] >= 0.95
    assert test["overlap"]["all"]["f1"] >= 0.97
    assert test["cue"]["all"]["f1"] >= 0.97
    assert test["speaker"]["all"]["f1"] >= 0.88
