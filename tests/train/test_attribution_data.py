"""The attribution corpus (tests/data/attribution): built from its sources, valid, divided for good."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

from corpus_tui.core.model import validation_errors
from corpus_tui.core.project import Project
from corpus_tui.train.gold import gold_split
from tests.train.conftest import ATTRIBUTION


def _builder():
    spec = importlib.util.spec_from_file_location("attribution_build", ATTRIBUTION / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_committed_documents_and_gold_are_what_the_sources_build():
    builder = _builder()
    assert builder.differences(builder.build()) == []


def test_the_gold_is_valid_and_covers_every_kind():
    project = Project.load(ATTRIBUTION)
    documents = project.document_map()
    gold = project.read_annotations("gold")
    assert len(gold) == len(documents) == 60
    for doc_id, ann in gold.items():
        assert validation_errors(ann, documents[doc_id], project.config.stance_labels) == []
    kinds = Counter(q.kind for ann in gold.values() for q in ann.quotes)
    assert kinds == {"direct": 78, "indirect": 201, "mixed": 27}


def test_the_division_into_train_tune_and_test_articles_never_moves():
    split = gold_split(Project.load(ATTRIBUTION), None, 0.2)
    assert [d.id for d, _ in split.test] == [
        "ai-grading",
        "airport-noise",
        "data-breach",
        "heatwave-work",
        "housing-tower",
        "mine-reopen",
        "rail-tunnel",
        "refinery-fine",
        "tariff-steel",
        "water-rates",
        "wind-farm",
    ]
    assert (len(split.train), len(split.validation)) == (38, 11)
