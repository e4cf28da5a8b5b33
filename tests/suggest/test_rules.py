"""The suggestion rules on sentences written for these tests (not the seed articles).

Each test names the guideline it checks; the expected values are what an annotator
following the core guidelines would mark.
"""

from __future__ import annotations

from tests.suggest.helpers import Seen


def test_quote_split_by_attribution_is_two_quotes_with_one_speaker_and_cue(suggest_parsed):
    text = (
        "Russia's ambassador to the United States, Anatoly Antonov, said the sanctions had failed.\n"
        '"We are not afraid," Antonov said. "We have survived worse."\n'
    )
    found = suggest_parsed(text)
    assert found[0] == Seen("indirect", "the sanctions had failed", "said", "Anatoly Antonov", "Anatoly Antonov")
    assert found[1:] == [
        Seen("direct", "We are not afraid,", "said", "Antonov", "Anatoly Antonov"),
        Seen("direct", "We have survived worse.", "said", "Antonov", "Anatoly Antonov"),
    ]


def test_speaker_after_the_quote_inverted_and_titles_dropped(suggest_parsed):
    text = "“The talks were useful,” added Foreign Minister Sergei Lavrov.\n"
    assert suggest_parsed(text) == [Seen("direct", "The talks were useful,", "added", "Sergei Lavrov", "Sergei Lavrov")]


def test_speaker_before_the_quote_with_colon(suggest_parsed):
    text = 'Health Secretary Maria Delgado said on Tuesday: "The vaccine is safe and it works."\n'
    assert suggest_parsed(text) == [
        Seen("direct", "The vaccine is safe and it works.", "said", "Maria Delgado", "Maria Delgado")
    ]


def test_pronouns_resolve_to_the_last_named_speaker(suggest_parsed):
    text = (
        '"Our crews have been working around the clock," said Fire Chief Daniel Ortega.\n'
        "“This is the worst storm I've seen in my career,” he said, adding that the department had rescued 42 people.\n"
    )
    assert suggest_parsed(text) == [
        Seen("direct", "Our crews have been working around the clock,", "said", "Daniel Ortega", "Daniel Ortega"),
        Seen("direct", "This is the worst storm I've seen in my career,", "said", "he", "Daniel Ortega"),
        Seen("indirect", "the department had rescued 42 people", "adding", "he", "Daniel Ortega"),
    ]


def test_saying_introduces_a_direct_quote_of_the_subject(suggest_parsed):
    text = (
        "Mayor Ellen Marsh met residents on Monday.\n"
        'She also warned of more flooding, saying, "The river has not crested yet."\n'
    )
    assert suggest_parsed(text) == [Seen("direct", "The river has not crested yet.", "saying", "She", "Ellen Marsh")]


def test_nested_quote_keeps_the_inner_marks_in_the_span(suggest_parsed):
    text = "\"I told them, 'Get out now,' and they did,\" Ortega said.\n"
    assert suggest_parsed(text) == [
        Seen("direct", "I told them, 'Get out now,' and they did,", "said", "Ortega", "Ortega")
    ]


def test_quote_continued_over_paragraphs_shares_speaker_and_cue(suggest_parsed):
    text = (
        '"The levee held for three days," said Tom Reyes, a spokesman for the Army Corps of Engineers.\n'
        '"It was designed for a 100-year flood.\n'
        '"Nobody expected a storm like this," Reyes said.\n'
    )
    found = suggest_parsed(text)
    assert [f.text for f in found] == [
        "The levee held for three days,",
        "It was designed for a 100-year flood.",
        "Nobody expected a storm like this,",
    ]
    assert found[0].speaker == "Tom Reyes"
    assert {f.entity for f in found} == {"Tom Reyes"}
    assert (found[1].cue, found[1].speaker) == (found[2].cue, found[2].speaker) == ("said", "Reyes")


def test_indirect_with_and_without_that(suggest_parsed):
    text = (
        "Delgado told the committee the shortages would last until spring.\n"
        "Governor Anne Whitfield said that the state would seek federal aid.\n"
    )
    assert suggest_parsed(text) == [
        Seen("indirect", "the shortages would last until spring", "told", "Delgado", "Delgado"),
        Seen("indirect", "the state would seek federal aid", "said", "Anne Whitfield", "Anne Whitfield"),
    ]


def test_speaker_after_the_indirect_content(suggest_parsed):
    text = "The pumps were never built for a flood of this size, city engineers said on Friday.\n"
    assert suggest_parsed(text) == [
        Seen(
            "indirect",
            "The pumps were never built for a flood of this size",
            "said",
            "city engineers",
            "city engineers",
        )
    ]


def test_mixed_quote_spans_the_clause_and_keeps_the_closing_mark(suggest_parsed):
    text = 'Maria Delgado warned that hospitals were "close to breaking point."\n'
    assert suggest_parsed(text) == [
        Seen("mixed", 'hospitals were "close to breaking point."', "warned", "Maria Delgado", "Maria Delgado")
    ]


def test_scare_quotes_captions_headlines_and_contentless_verbs_are_not_quotes(suggest_parsed):
    text = (
        "Nurses say hospitals are close to breaking point\n"
        'The plan was dubbed "Operation Clean Sweep" by residents.\n'
        "Union leader Frank Busch is seen at a rally in Detroit on May 1. (Reuters)\n"
        "Busch declined to comment.\n"
        "The ministry voiced concerns over the new rules.\n"
    )
    assert suggest_parsed(text) == []


def test_description_resolves_to_the_person_it_introduced(suggest_parsed):
    text = (
        "Tom Reyes, a USACE spokesman, said the levee had held.\n"
        "The USACE spokesman said repairs would start next week.\n"
    )
    found = suggest_parsed(text)
    assert [(f.speaker, f.entity) for f in found] == [("Tom Reyes", "Tom Reyes"), ("USACE spokesman", "Tom Reyes")]


def test_officials_of_a_country_and_capitals_speak_for_the_country(suggest_parsed):
    text = (
        "US officials have said they fear a new offensive in the spring.\n"
        "Moscow said the drills were purely defensive.\n"
    )
    found = suggest_parsed(text)
    assert [(f.speaker, f.entity) for f in found] == [("US officials", "United States"), ("Moscow", "Russia")]


def test_dateline_is_not_part_of_the_quote(suggest_parsed):
    text = "SEOUL, March 3 (Yonhap) -- The drills will go ahead as planned, a defense ministry official said Friday.\n"
    (found,) = suggest_parsed(text)
    assert found.text == "The drills will go ahead as planned"
    assert (found.cue, found.speaker) == ("said", "defense ministry official")


def test_a_quote_paragraph_of_its_own_is_the_previous_speakers_without_a_cue(suggest_parsed):
    text = '"We will rebuild," Mayor Ellen Marsh said.\n"It will take years, not months."\n'
    found = suggest_parsed(text)
    assert found[1] == Seen("direct", "It will take years, not months.", None, "Ellen Marsh", "Ellen Marsh")


def test_object_content_phrase_hung_on_the_object(suggest_parsed):
    # the parser attaches "as ..." to "the response", not to the verb: still the content
    text = 'Local shop owner Maria Gomez described the response as "slow and confused."\n'
    assert suggest_parsed(text) == [
        Seen("mixed", 'the response as "slow and confused."', "described", "Maria Gomez", "Maria Gomez")
    ]


def test_an_organisation_keeps_the_title_words_of_its_name(suggest_parsed):
    text = "The National Weather Service said the river would crest on Thursday.\n"
    assert suggest_parsed(text) == [
        Seen(
            "indirect",
            "the river would crest on Thursday",
            "said",
            "National Weather Service",
            "National Weather Service",
        )
    ]
