"""Where quote spans start and end (guideline "Kinds and where spans start and end")."""

from __future__ import annotations

from tests.suggest.helpers import Seen


def test_modifiers_of_the_speech_verb_are_not_content(suggest_parsed):
    text = (
        "Luis Moreno said on Sunday he would not resign.\n"
        "Moreno told reporters last week he had the backing of the board.\n"
        "The club said again it would not comment on the dispute.\n"
    )
    assert [f.text for f in suggest_parsed(text)] == [
        "he would not resign",
        "he had the backing of the board",
        "it would not comment on the dispute",
    ]


def test_an_adverbial_clause_before_the_subject_is_content(suggest_parsed):
    text = "Moreno said if the board wanted a change, it would have to sack him.\n"
    assert suggest_parsed(text) == [
        Seen("indirect", "if the board wanted a change, it would have to sack him", "said", "Moreno", "Moreno")
    ]


def test_a_british_quote_with_a_plural_possessive_is_one_direct_quote(suggest_parsed):
    text = "'The players' union won't agree to this,' the minister said.\n"
    assert suggest_parsed(text) == [
        Seen("direct", "The players' union won't agree to this,", "said", "minister", "minister")
    ]
