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


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_the_antecedent_of_who_is_the_speaker(mode, request):
    text = "Harbor City coach Luis Moreno, who said last week that he would stay, was sacked on Sunday.\n"
    found = request.getfixturevalue(mode)(text)
    assert found == [Seen("indirect", "he would stay", "said", "Luis Moreno", "Luis Moreno")]


def test_the_speaker_never_comes_from_inside_the_content(suggest_parsed):
    text = (
        "Harbor City coach Luis Moreno watched from the stands as his side lost 3-2.\n\n"
        "The Spaniard, who took over in January, said he would not single out any player.\n"
    )
    found = suggest_parsed(text)
    assert found == [Seen("indirect", "he would not single out any player", "said", "Spaniard", "Luis Moreno")]


def test_a_nationality_with_nobody_named_before_stays_a_description(suggest_parsed):
    text = "The Spaniard, who took over in January, said he would not single out any player.\n"
    (found,) = suggest_parsed(text)
    assert (found.speaker, found.entity) == ("Spaniard", "Spaniard")


def test_a_title_alone_as_subject_is_the_speaker_not_the_pronoun_of_the_content(suggest_parsed):
    text = "The President said he would veto the bill if it reached his desk.\n"
    (found,) = suggest_parsed(text)
    assert (found.text, found.speaker) == ("he would veto the bill if it reached his desk", "President")


def test_a_parenthetical_attribution_keeps_its_speaker_inside_the_span(suggest_parsed):
    text = "The club, Moreno said, had promised him two new defenders before the season.\n"
    (found,) = suggest_parsed(text)
    assert (found.kind, found.cue, found.speaker) == ("indirect", "said", "Moreno")
    assert found.text.startswith("The club") and found.text.endswith("before the season")


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_leading_news_roles_are_not_part_of_the_name(mode, request):
    text = (
        '"We have to win," Striker Maria Lopez said.\n'
        '"The press was fair," said Coach Ana Cruz.\n'
        '"Nobody is above the law," Spokeswoman Dana Whitfield said.\n'
    )
    found = request.getfixturevalue(mode)(text)
    assert [(f.speaker, f.entity) for f in found] == [
        ("Maria Lopez", "Maria Lopez"),
        ("Ana Cruz", "Ana Cruz"),
        ("Dana Whitfield", "Dana Whitfield"),
    ]


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_a_last_name_resolves_to_the_full_name_without_its_role(mode, request):
    text = (
        "Attorney Rebecca Lindqvist praised the verdict. Executive Priya Raman left the court. "
        "Officer Greg Tanaka gave evidence.\n"
        '"It was fair," Lindqvist said. "We disagree," Raman said. "He ran," Tanaka said.\n'
    )
    found = request.getfixturevalue(mode)(text)
    assert [f.entity for f in found] == ["Rebecca Lindqvist", "Priya Raman", "Greg Tanaka"]
