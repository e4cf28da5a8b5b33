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
