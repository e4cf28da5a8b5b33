"""One spelling per person across documents: transliterations group, other people do not."""

from __future__ import annotations

from collections import Counter

from corpus_tui.suggest.names import NameSpellings
from corpus_tui.suggest.speech import analyze
from tests.suggest.helpers import show

MATCH_REPORT = 'Riverside manager Tom Hale praised his players.\n\n"They never gave up," Hale said.\n'
CRASH_REPORT = (
    "Police named the driver as Tom Hall. Tom Hall was treated at the scene. "
    "Witnesses said Tom Hall was not speeding.\n"
)


def test_a_name_one_consonant_apart_in_another_document_is_another_person(parser_model):
    spellings = NameSpellings.from_texts([MATCH_REPORT, CRASH_REPORT])
    found = show(MATCH_REPORT, analyze(parser_model.nlp(MATCH_REPORT), True, spellings))
    assert [(f.speaker, f.entity) for f in found] == [("Hale", "Tom Hale")]


def test_vowel_swaps_hyphens_and_spaces_group_but_consonant_changes_do_not():
    spellings = NameSpellings(
        Counter({"John Kerry": 1, "John Berry": 3, "Tom Hale": 1, "Tom Hall": 3, "Kim Jung Un": 1, "Kim Jong Un": 3})
    )
    assert spellings.preferred("John Kerry") == "John Kerry"
    assert spellings.preferred("Tom Hale") == "Tom Hale"
    assert spellings.preferred("Kim Jung Un") == "Kim Jong Un"


def test_names_are_counted_without_the_words_around_them():
    spellings = NameSpellings.from_texts(
        [
            "North Korean leader Kim Jung-un met Putin on Wednesday.",
            "Riverside manager Tom Hale praised his players.",
            "Kim Jong-un left the summit early. Later, Kim Jong Un waved.",
        ]
    )
    assert spellings.counts["Tom Hale"] == 1
    assert spellings.counts["Kim Jong Un"] == 2
    assert spellings.preferred("Kim Jung Un") == "Kim Jong Un"
