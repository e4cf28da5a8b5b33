"""Merging suggestions: idempotent, never touching what a person made, accepted or rejected."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from corpus_tui.core import editing
from corpus_tui.core.model import DocAnnotation, Document, validation_errors
from corpus_tui.suggest.merge import merge_suggestions
from corpus_tui.suggest.pipeline import suggest_for_annotation
from corpus_tui.suggest.speech import analyze

TEXT = (
    "Mayor Ellen Marsh said on Monday that the schools would reopen next week.\n"
    "“We are doing everything we can,” Marsh told reporters. “But the water is still rising.”\n"
    '"Our crews have been working around the clock," said Fire Chief Daniel Ortega.\n'
)


@pytest.fixture(scope="module")
def document() -> Document:
    return Document(id="storm", text=TEXT)


@pytest.fixture(scope="module")
def suggestions(parser_model, document):
    return analyze(parser_model.nlp(document.text), True)


def spans(ann: DocAnnotation) -> list[tuple[str, str, str]]:
    return [(TEXT[q.start : q.end], q.kind, q.origin) for q in ann.quotes]


def test_suggestions_become_valid_suggested_spans(document, suggestions):
    ann = merge_suggestions(DocAnnotation.empty(document, "bot"), suggestions)
    assert validation_errors(ann, document) == []
    assert [text for text, _, _ in spans(ann)] == [
        "the schools would reopen next week",
        "We are doing everything we can,",
        "But the water is still rising.",
        "Our crews have been working around the clock,",
    ]
    assert {q.origin for q in ann.quotes} == {m.origin for m in ann.mentions} == {"suggested"}
    assert [ann.speaker_of(q) for q in ann.quotes] == ["Ellen Marsh", "Ellen Marsh", "Ellen Marsh", "Daniel Ortega"]
    split = ann.quotes[1:3]
    assert split[0].source == split[1].source and split[0].cue == split[1].cue


def test_merging_twice_returns_the_same_object(document, suggestions):
    once = merge_suggestions(DocAnnotation.empty(document, "bot"), suggestions)
    assert merge_suggestions(once, suggestions) is once


def test_manual_and_accepted_spans_are_kept_and_win_over_suggestions(document, suggestions):
    ann = DocAnnotation.empty(document, "ann")
    start = TEXT.index("We are doing")
    ann, manual = editing.add_quote(ann, TEXT, start, start + len("We are doing everything"), kind="indirect")
    merged = merge_suggestions(ann, suggestions)
    assert merged.quote(manual.id) == manual
    assert "We are doing everything we can," not in [t for t, _, _ in spans(merged)]  # overlaps the manual one
    accepted = editing.accept(merged, merged.quotes[0].id)
    again = merge_suggestions(accepted, suggestions)
    assert again is accepted
    assert again.quotes[0].origin == "accepted"


def test_rejected_suggestions_are_not_offered_again(document, suggestions):
    ann = merge_suggestions(DocAnnotation.empty(document, "bot"), suggestions)
    first = ann.quotes[0]
    rejected = editing.reject(ann, first.id)
    again = merge_suggestions(rejected, suggestions)
    assert again is rejected
    assert (first.start, first.end) not in [(q.start, q.end) for q in again.quotes]
    assert len(again.quotes) == len(ann.quotes) - 1


def test_accept_then_resuggest_keeps_the_accepted_source(document, suggestions):
    ann = merge_suggestions(DocAnnotation.empty(document, "bot"), suggestions)
    quote = ann.quotes[1]
    accepted = editing.accept(ann, quote.id)
    again = merge_suggestions(accepted, suggestions)
    assert again is accepted
    assert again.mention(quote.source).origin == "accepted"
    assert [q.source for q in again.quotes[1:3]] == [quote.source, quote.source]


def test_stale_suggestions_are_replaced_with_stable_ids(document, suggestions):
    ann = merge_suggestions(DocAnnotation.empty(document, "bot"), suggestions)
    fewer = merge_suggestions(ann, suggestions[1:])
    assert [q.id for q in fewer.quotes] == [q.id for q in ann.quotes[1:]]
    assert validation_errors(fewer, document) == []


def test_suggest_for_annotation_is_what_the_tui_palette_calls(document, parser_model):
    ann = DocAnnotation.empty(document, "ann")
    ann, mention = editing.add_mention(ann, TEXT, 0, 5, "Someone")
    result = suggest_for_annotation(document, ann)
    assert result.mention(mention.id) == mention
    assert len([q for q in result.quotes if q.origin == "suggested"]) == 4
    assert suggest_for_annotation(document, result) == result


def test_a_rejected_speaker_is_not_re_suggested(document, suggestions):
    ann = merge_suggestions(DocAnnotation.empty(document, "bot"), suggestions)
    ortega = next(m for m in ann.mentions if m.entity == "Daniel Ortega")
    without = replace(ann, rejected=(*ann.rejected, *editing.reject(ann, ortega.id).rejected))
    again = merge_suggestions(without, suggestions)
    assert all(m.entity != "Daniel Ortega" for m in again.mentions)
    assert again.quotes[-1].source is None
