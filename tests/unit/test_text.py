"""core.text: the one place that says where tokens, sentences, paragraphs and quotations are."""

from __future__ import annotations

import pytest

from corpus_tui.core.text import (
    QUOTE_MARKS,
    double_quotations,
    enclosing_quotation,
    find_text,
    paragraph_around,
    paragraph_spans,
    same_paragraph,
    sentence_break_between,
    sentence_starts,
    strip_quote_marks,
    token_bounds,
)


def sentences(text: str) -> list[str]:
    starts = sentence_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title never ends a sentence: it stands before a name, even "He" or "The"
        ("Dr. Smith said it was fine. Then he left.", ["Dr. Smith said it was fine. ", "Then he left."]),
        ("Mr. He Lifeng met Ms. Yellen and Gov. Newsom.", ["Mr. He Lifeng met Ms. Yellen and Gov. Newsom."]),
        ("Sen. Warren and Rep. Jordan met Gen. Milley and Lt. Col. Vindman.", None),
        ("It was Arsenal vs. The Spurs, e.g. The Times said.", None),
        # other abbreviations end one only before a word that plainly starts a sentence
        (
            "The U.S. military said so. It moved to the U.S. The ministry agreed.",
            [
                "The U.S. military said so. ",
                "It moved to the U.S. ",
                "The ministry agreed.",
            ],
        ),
        ("He works at Apple Inc. The company is big.", ["He works at Apple Inc. ", "The company is big."]),
        ("Apple Inc. said on Jan. 5 it was No. 1 at 3 p.m. Tuesday in the U.K. Parliament.", None),
        ('It is up to the U.S. "We will see," he said.', ["It is up to the U.S. ", '"We will see," he said.']),
        ("apples, pears, etc. And more.", ["apples, pears, etc. ", "And more."]),
        # initials, but "I" is a pronoun that ends sentences
        ("J. K. Rowling and George W. Bush met.", None),
        ("Nobody knew more than I. Kim said so.", ["Nobody knew more than I. ", "Kim said so."]),
        ("He came home after World War I. Then he wrote.", ["He came home after World War I. ", "Then he wrote."]),
        # quotation marks and brackets closing after the full stop belong to the sentence
        ('He said "go." Then he left.', ['He said "go." ', "Then he left."]),
        ("He said “go.” Then (he left.) Next!", ["He said “go.” ", "Then (he left.) ", "Next!"]),
        # ... and a lower-case word after them continues it
        ('"We will win." he said. "Why?" she asked.', ['"We will win." he said. ', '"Why?" she asked.']),
        # ellipses
        (
            "Well... we will see. Well... We will see… Really?",
            ["Well... we will see. ", "Well... ", "We will see… ", "Really?"],
        ),
        # numbers and web addresses are not sentence ends
        ("It rose 3.5 percent on example.com today.", None),
    ],
)
def test_sentence_ends(text: str, expected: list[str] | None) -> None:
    assert sentences(text) == (expected if expected is not None else [text])


def test_a_line_break_always_ends_a_sentence() -> None:
    text = "Headline\n\nFirst para ends with Dr.\n  the next one starts lower-case\nLast"
    assert sentences(text) == [
        "Headline\n\n",
        "First para ends with Dr.\n  ",
        "the next one starts lower-case\n",
        "Last",
    ]


@pytest.mark.parametrize("text", ["", " ", "\n", "No full stop at all", "Ends here."])
def test_a_text_without_a_second_sentence_has_one_start(text: str) -> None:
    assert sentence_starts(text) == [0]


def test_sentence_break_between_counts_a_stop_at_or_after_start_with_space_before_end() -> None:
    text = '"We will win." he said. "We will." He said so.\nNext'
    after_quote = text.index('" he')  # where the first quote's content ends
    assert not sentence_break_between(text, after_quote, text.index("said"))  # its own stop is before
    assert sentence_break_between(text, after_quote, text.index('"We will."'))  # "he said." ends one
    stop = text.index(". ")
    assert not sentence_break_between(text, after_quote, stop)  # the stop at the end is outside
    assert not sentence_break_between(text, after_quote, stop + 1)  # no white space before end yet
    assert sentence_break_between(text, after_quote, stop + 2)
    assert sentence_break_between(text, text.index("He said"), len(text))  # the line break
    assert not sentence_break_between(text, text.index("Next"), len(text))
    assert not sentence_break_between("Dr. Smith said", 0, len("Dr. Smith said"))


# --------------------------------------------------------------------------- tokens and paragraphs


def test_tokens_keep_words_with_inner_apostrophes_and_hyphens_whole() -> None:
    text = "Korea's long-range plan, we'll see!"
    starts, ends = token_bounds(text)
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == [
        "Korea's",
        "long-range",
        "plan",
        ",",
        "we'll",
        "see",
        "!",
    ]
    assert token_bounds("") == ([], [])
    assert token_bounds("  \n ") == ([], [])


def test_paragraphs_are_lines() -> None:
    text = "One.\n\nTwo"
    assert paragraph_spans(text) == [(0, 4), (5, 5), (6, 9)]
    assert paragraph_spans("") == [(0, 0)]
    assert paragraph_around(text, 2) == (0, 4)
    assert paragraph_around(text, 4) == (0, 4)  # the line break belongs to the line it ends
    assert paragraph_around(text, 7) == (6, 9)
    assert same_paragraph(text, 0, 4) and not same_paragraph(text, 0, 5)


# --------------------------------------------------------------------------- quotation marks


def test_quote_marks_cover_straight_curly_guillemets_and_low_nine() -> None:
    assert set(QUOTE_MARKS) == set("\"'“”‘’«»„‚‹›")


def test_double_quotations_pair_left_to_right() -> None:
    text = 'a ” "b" “c „d” e «f'
    pairs = double_quotations(text, 0, len(text))
    # the stray closing mark is ignored; an opening mark inside a quotation does not nest
    assert pairs == [
        (text.index('"b'), text.index('b"') + 1),
        (text.index("“"), text.index("”", 5)),
        (text.index("«"), None),
    ]
    assert double_quotations(text, 0, 0) == []


TEXT = 'Kirby said: "We are concerned." Later he added “more talks” and left.\nNew paragraph "open quote'


def test_enclosing_quotation_straight_curly_and_unclosed() -> None:
    start, end = enclosing_quotation(TEXT, TEXT.index("concerned"))
    assert TEXT[start:end] == "We are concerned."
    start, end = enclosing_quotation(TEXT, TEXT.index("talks"))
    assert TEXT[start:end] == "more talks"
    # on the opening mark itself
    assert enclosing_quotation(TEXT, TEXT.index('"We')) == (TEXT.index("We are"), TEXT.index('." Later') + 1)
    # outside any quotation
    assert enclosing_quotation(TEXT, TEXT.index("Later")) is None
    # a quotation still open at the end of its paragraph runs to the paragraph's end
    start, end = enclosing_quotation(TEXT, TEXT.index("open quote"))
    assert TEXT[start:end] == "open quote"
    assert enclosing_quotation(TEXT, len(TEXT) + 1) is None
    assert enclosing_quotation('say "" now', 5) is None  # nothing between the marks


def test_strip_quote_marks_inside_or_right_outside_the_selection() -> None:
    text = 'He said: "We act." Then'
    assert strip_quote_marks(text, text.index('"We'), text.index(" Then")) == (
        text.index("We"),
        text.index('" Then'),
        True,
    )
    assert strip_quote_marks(text, text.index("We"), text.index('" Then')) == (
        text.index("We"),
        text.index('" Then'),
        True,
    )
    assert strip_quote_marks(text, 0, len("He said")) == (0, len("He said"), False)


def test_find_text_is_case_insensitive_and_wraps() -> None:
    first = TEXT.index("Kirby")
    assert find_text(TEXT, "kirby", 5) == (first, first + 5)  # wrapped around
    assert find_text(TEXT, "TALKS", 0) == (TEXT.index("talks"), TEXT.index("talks") + 5)
    assert find_text(TEXT, "absent", 0) is None
    assert find_text(TEXT, "", 0) is None
    odd = "Straße und STRASSE"
    assert find_text(odd, "straße", -1) == (0, 6)  # casefold would shift offsets; lower() does not
