"""He and she skip a person the article itself gives the other gender (never a name list)."""

from __future__ import annotations

import pytest

from corpus_tui.suggest.gender import FEMALE, MALE, gender_evidence

VERDICT = (
    "U.S. Attorney Rebecca Lindqvist praised her team after the verdict. "
    "Assistant U.S. Attorney Paul Brennan thanked his investigators and said the case had been strong.\n\n"
    '"It was a team effort," she said.\n'
)


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_she_skips_the_last_speaker_when_the_text_makes_him_a_man(mode, request):
    found = request.getfixturevalue(mode)(VERDICT)
    quote = next(f for f in found if f.kind == "direct")
    assert (quote.speaker, quote.entity) == ("she", "Rebecca Lindqvist")


@pytest.mark.parametrize("mode", ["suggest_parsed", "suggest_blank"])
def test_an_honorific_gives_the_gender(mode, request):
    text = (
        "Prosecutor Paul Brennan said the evidence was overwhelming. Defense lawyer Dana Feld said it was thin.\n\n"
        '"We will appeal," Ms. Feld said outside the court.\n\n'
        '"The jury will see through that," he said.\n'
    )
    found = request.getfixturevalue(mode)(text)
    assert [f.entity for f in found if f.kind == "direct"] == ["Dana Feld", "Paul Brennan"]


def test_without_a_word_on_gender_the_nearest_person_stays(suggest_parsed):
    text = (
        "U.S. Attorney Rebecca Lindqvist praised the verdict. "
        "Assistant U.S. Attorney Paul Brennan said the case had been strong.\n\n"
        '"It was a team effort," she said.\n'
    )
    quote = next(f for f in suggest_parsed(text) if f.kind == "direct")
    assert quote.entity == "Paul Brennan"  # nothing in the text says otherwise; no first-name guessing


def test_a_possessive_of_the_object_is_not_the_subjects(parser_model):
    doc = parser_model.nlp("Harbor City coach Luis Moreno praised Kemi Adeyemi for her two goals.\n")
    assert gender_evidence(doc, True, []) == []
    doc = parser_model.nlp("Kemi Adeyemi shook her head. Luis Moreno hid his frustration.\n")
    assert [(name, gender) for _, name, gender in gender_evidence(doc, True, [])] == [
        ("Adeyemi", FEMALE),
        ("Moreno", MALE),
    ]


def test_a_woman_named_as_subject_after_a_male_speaker_gets_she(suggest_parsed):
    text = (
        '"We were the better team," coach Luis Moreno said, shaking his head.\n\n'
        "Striker Kemi Adeyemi, who scored both goals, was blunter.\n\n"
        '"Honestly, it\'s on us," she said.\n\n'
        "Asked about the coach, Adeyemi shrugged her shoulders.\n"
    )
    found = suggest_parsed(text)
    assert [(f.speaker, f.entity) for f in found] == [("Luis Moreno", "Luis Moreno"), ("she", "Kemi Adeyemi")]
