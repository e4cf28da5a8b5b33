"""A wire story in another house style (Reuters dateline after a headline, single quotes,
questions, partial names), written for this test: the rules must hold beyond the seeds."""

from __future__ import annotations

from collections import Counter

import pytest

from corpus_tui.suggest.names import NameSpellings

STORY = (
    "EU warns of 'serious consequences' over grain ban\n"
    "BRUSSELS, May 4 (Reuters) - The European Commission on Thursday urged Poland to lift its ban on "
    "Ukrainian grain, saying unilateral measures were unacceptable.\n"
    '"Trade policy is the exclusive competence of the EU," Commission spokeswoman Miriam Garcia Ferrer told a '
    'daily briefing. "Unilateral measures are not acceptable."\n'
    "Polish Agriculture Minister Robert Telus said the ban would stay in place until at least June.\n"
    "'We will not allow our farmers to go bankrupt,' Telus told the Polish parliament on Wednesday.\n"
    'Asked whether Warsaw would back down, he replied: "No."\n'
    '"Why should our farmers pay for this war?" asked Jan Kowalski, a farmer from Lublin.\n'
    "According to the Commission, grain imports from Ukraine rose tenfold last year.\n"
    'Garcia Ferrer said: "We are in contact with the Polish authorities.\n'
    '"We expect a solution within days."\n'
)


@pytest.fixture(scope="module")
def found(suggest_parsed):
    return suggest_parsed(STORY)


def test_headline_and_dateline_are_left_out(found):
    assert all("serious consequences" not in f.text and "BRUSSELS" not in f.text for f in found)
    assert found[0].text == "Poland to lift its ban on Ukrainian grain"
    assert (found[0].cue, found[0].speaker) == ("urged", "European Commission")
    assert (found[1].text, found[1].cue, found[1].entity) == (
        "unilateral measures were unacceptable",
        "saying",
        "European Commission",
    )


def test_single_quotes_and_question_marks_delimit_direct_quotes(found):
    by_text = {f.text: f for f in found}
    telus = by_text["We will not allow our farmers to go bankrupt,"]
    assert (telus.kind, telus.cue, telus.speaker, telus.entity) == ("direct", "told", "Telus", "Robert Telus")
    question = by_text["Why should our farmers pay for this war?"]
    assert (question.cue, question.speaker) == ("asked", "Jan Kowalski")


def test_a_reporters_question_is_not_the_speakers_quote(found):
    assert all("whether Warsaw" not in f.text for f in found)
    answer = next(f for f in found if f.text == "No.")
    assert (answer.cue, answer.speaker, answer.entity) == ("replied", "he", "Robert Telus")


def test_a_partial_name_resolves_to_the_full_name_and_the_quote_continues(found):
    last_two = found[-2:]
    assert [f.text for f in last_two] == [
        "We are in contact with the Polish authorities.",
        "We expect a solution within days.",
    ]
    assert {(f.cue, f.speaker, f.entity) for f in last_two} == {("said", "Garcia Ferrer", "Miriam Garcia Ferrer")}


def test_according_to_attributes_the_rest_of_the_sentence(found):
    according = next(f for f in found if "grain imports" in f.text)
    assert (according.kind, according.text, according.cue) == (
        "indirect",
        "grain imports from Ukraine rose tenfold last year",
        "According to",
    )
    assert (according.speaker, according.entity) == ("Commission", "European Commission")


def test_name_spellings_prefer_the_corpus_majority():
    spellings = NameSpellings.from_texts(
        ["Kim Jung-un met Putin.", "Kim Jong-un left. Kim Jong-un waved.", "Kim Jong Un spoke."]
    )
    assert spellings.preferred("Kim Jung Un") == "Kim Jong Un"
    assert spellings.preferred("Kim Jong Un") == "Kim Jong Un"
    assert spellings.preferred("Kirby") == "Kirby"
    different = NameSpellings(Counter({"John Kirby": 3, "Jane Kirby": 5}))
    assert different.preferred("John Kirby") == "John Kirby"  # two letters apart: two people


MARKETS = (
    "Tokyo stocks close higher on weak yen\n"
    "TOKYO — Japanese shares rose on Friday as a weaker yen lifted exporters, traders said.\n"
    '"The market is betting the Bank of Japan will stay patient," said Hiroshi Watanabe, an economist at Daiwa.\n'
    '"We see no need to change course," Governor Kazuo Ueda said, '
    'adding: "Inflation is still driven by import costs."\n'
    "Finance Minister Shunichi Suzuki declined to comment on currency moves but said Tokyo was watching markets "
    '"with a strong sense of urgency."\n'
    'Watanabe expects the yen to weaken further. He said the central bank "has little room" to act.\n'
)


def test_dash_dateline_adding_colon_and_pronoun_after_a_named_subject(suggest_parsed):
    found = suggest_parsed(MARKETS)
    assert found[0].text == "Japanese shares rose on Friday as a weaker yen lifted exporters"
    adding = next(f for f in found if f.text == "Inflation is still driven by import costs.")
    assert (adding.kind, adding.cue, adding.entity) == ("direct", "adding", "Kazuo Ueda")
    suzuki = next(f for f in found if f.cue == "said" and f.entity == "Shunichi Suzuki")
    assert suzuki.kind == "mixed"
    assert suzuki.text == 'Tokyo was watching markets "with a strong sense of urgency."'
    last = found[-1]
    assert (last.kind, last.speaker, last.entity) == ("mixed", "He", "Hiroshi Watanabe")


GUN_LAWS = (
    "Prime Minister Jacinda Ardern announced new gun laws on Thursday.\n"
    '"We are," she said, "ready to act within days."\n'
    '"This is about our values," the official, who declined to be named, told Reuters.\n'
    "The opposition leader, Simon Bridges, said he supported the ban but warned against rushed legislation.\n"
)


def test_attribution_mid_sentence_anonymous_source_and_coordinated_verbs(suggest_parsed):
    found = suggest_parsed(GUN_LAWS)
    assert [(f.text, f.cue, f.entity) for f in found[:2]] == [
        ("We are,", "said", "Jacinda Ardern"),
        ("ready to act within days.", "said", "Jacinda Ardern"),
    ]
    anonymous = found[2]
    assert (anonymous.speaker, anonymous.entity) == ("official", "official")  # nobody was introduced as one
    assert (found[3].kind, found[3].text, found[3].entity) == ("indirect", "he supported the ban", "Simon Bridges")
