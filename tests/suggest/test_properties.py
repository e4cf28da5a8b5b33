"""Whatever the article says, suggestions are valid annotations (property tests)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tui.core.model import DocAnnotation, Document, validation_errors
from corpus_tui.suggest.merge import merge_suggestions
from corpus_tui.suggest.quotes import find_mark_spans
from corpus_tui.suggest.speech import analyze

PIECES = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "\n",
    "\n\n",
    ", ",
    ". ",
    " said ",
    " told reporters that ",
    " Kirby",
    " John Kirby",
    " he",
    " he would ",
    "The Spaniard",
    " added",
    "We will act",
    " the war ",
    "(Yonhap)",
    "WASHINGTON, Sept. 13 (Yonhap) -- ",
    ":",
    "saying, ",
    "Russia's",
    "x",
]
articles = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@given(articles)
@settings(max_examples=300, deadline=None)
def test_mark_spans_lie_inside_the_text_in_order_without_overlap(text):
    spans = find_mark_spans(text)
    for span in spans:
        assert 0 <= span.open < span.start < span.end <= len(text)
        assert span.close is None or span.end <= span.close
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


@given(articles)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_suggestions_always_merge_into_a_valid_annotation(blank_model, parser_model, text):
    document = Document(id="p", text=text)
    for model in (blank_model, parser_model):
        ann = merge_suggestions(DocAnnotation.empty(document, "bot"), analyze(model.nlp(text), model.parsed))
        assert validation_errors(ann, document) == []
        assert merge_suggestions(ann, analyze(model.nlp(text), model.parsed)) is ann


@given(articles)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_speaker_lies_inside_its_own_quote_only_with_its_cue(blank_model, parser_model, text):
    """Only a parenthetical attribution ("The US, Antonov said, had ...") sits in its quote."""
    for model in (blank_model, parser_model):
        for s in analyze(model.nlp(text), model.parsed):
            if s.speaker is not None and s.start < s.speaker[1] and s.speaker[0] < s.end:
                assert s.cue is not None and s.start <= s.cue[0] < s.end


def test_a_text_ending_in_that_after_a_speech_verb(blank_model, parser_model) -> None:
    """Regression (found by the properties above): "told reporters that" as the last words
    left the word-pattern rule reading past the last token."""
    text = ", , We will act the war " + "WASHINGTON, Sept. 13 (Yonhap) -- " * 3 + '" told reporters that '
    for model in (blank_model, parser_model):
        assert all(s.start < s.end <= len(text) for s in analyze(model.nlp(text), model.parsed))
