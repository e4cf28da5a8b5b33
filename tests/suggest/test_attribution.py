"""Which speech verb attributes a direct quote, and who speaks (rules fixed after audits).

Sentences written for these tests, in the style of court, sports and politics reports.
"""

from __future__ import annotations

import pytest

from tests.suggest.helpers import Seen

BRIBE = (
    'Prosecutors played a recording in which Okafor told a lobbyist, "Tell him it\'s taken care of." '
    "Brennan said the phrase was damning.\n"
)


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_a_quote_ending_with_a_full_stop_keeps_its_own_attribution(mode, request):
    found = request.getfixturevalue(mode)(BRIBE)
    assert found[0] == Seen("direct", "Tell him it's taken care of.", "told", "Okafor", "Okafor")


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_the_next_sentences_speech_verb_with_content_does_not_attribute(mode, request):
    text = 'The company\'s lawyer left without taking questions. "We will appeal." Feld said nothing else.\n'
    found = request.getfixturevalue(mode)(text)
    assert all(f.speaker != "Feld" for f in found if f.kind == "direct")


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_a_bare_attribution_after_a_question_mark_still_attributes(mode, request):
    text = '"Why now, after ten years?" Brennan asked on Tuesday.\n'
    found = request.getfixturevalue(mode)(text)
    assert found == [Seen("direct", "Why now, after ten years?", "asked", "Brennan", "Brennan")]
