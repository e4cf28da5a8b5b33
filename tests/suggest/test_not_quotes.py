"""What looks like a speech act but is not a quote (guideline "What counts as a quote")."""

from __future__ import annotations

import pytest

from tests.suggest.helpers import Seen

ASKED = (
    '"We were unlucky," Adeyemi said.\n\n'
    "Asked whether the team's season was over, Adeyemi shook her head. "
    '"No chance. There are five games left," she added.\n'
)


def test_a_sentence_opening_past_participle_is_a_question_not_a_quote(suggest_parsed):
    found = suggest_parsed(ASKED)
    assert [f.cue for f in found] == ["said", "added"]
    assert found[1] == Seen("direct", "No chance. There are five games left,", "added", "she", "Adeyemi")


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_told_that_opening_a_sentence_has_no_speaker_of_its_content(mode, request):
    text = "Told that the plant would close in March, workers walked off the line.\n"
    assert request.getfixturevalue(mode)(text) == []


def test_an_ing_form_opening_a_sentence_still_reports_the_subjects_words(suggest_parsed):
    text = "Warning that the talks could collapse, the minister said both sides needed more time.\n"
    found = suggest_parsed(text)
    assert ("the talks could collapse", "Warning") in [(f.text, f.cue) for f in found]


AP_CAPTIONS = (
    'FILE - Luis Moreno, who said "I\'m not a quitter," gestures on the touchline during a match in '
    "Harbor City, Saturday, Oct. 7, 2023.\n\n"
    "Luis Moreno speaks during a news conference in Harbor City, Sunday, Oct. 8, 2023, after saying he "
    '"will not walk away."\n\n'
)


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_wire_photo_captions_are_not_quotes(mode, request):
    assert request.getfixturevalue(mode)(AP_CAPTIONS) == []


def test_body_text_with_a_date_and_a_present_tense_verb_still_quotes(suggest_parsed):
    text = AP_CAPTIONS + 'Moreno insists the club will recover. He said on Sunday he "will not walk away."\n'
    found = suggest_parsed(text)
    assert [(f.kind, f.text) for f in found] == [
        ("indirect", "the club will recover"),
        ("mixed", 'he "will not walk away."'),
    ]
