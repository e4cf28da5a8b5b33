"""Quotation-mark pairing and paragraph roles (pure Python, no spaCy)."""

from __future__ import annotations

from corpus_tui.suggest.quotes import find_mark_spans, paragraph_role, paragraphs


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_mark_spans(text)]


def test_straight_and_curly_double_marks():
    text = 'He said "stop the war," and she replied “not yet.”'
    assert contents(text) == ["stop the war,", "not yet."]


def test_nested_single_quotes_stay_inside_their_parent():
    text = "“I told them, ‘Get out now,’ and they did,” Ortega said."
    assert contents(text) == ["I told them, ‘Get out now,’ and they did,"]
    straight = "\"I told them, 'Get out now,' and they did,\" Ortega said."
    assert contents(straight) == ["I told them, 'Get out now,' and they did,"]


def test_apostrophes_are_not_quotes():
    text = "The countries' leaders met in Kim's train; we'll see what the '90s-era pumps can't do."
    assert contents(text) == []
    curly = "The countries’ leaders met in Kim’s train and won’t talk."
    assert contents(curly) == []


def test_british_single_quotes_pair_at_word_boundaries():
    text = "The minister said 'we will not back down', officials' aides said."
    assert contents(text) == ["we will not back down"]


def test_a_plural_possessive_inside_british_single_quotes_does_not_close_them():
    assert contents("'The players' union won't agree to this,' the minister said.") == [
        "The players' union won't agree to this,"
    ]
    curly = "‘We will not meet the teachers’ demands,’ the minister said."
    assert contents(curly) == ["We will not meet the teachers’ demands,"]
    # with no later mark to close it, the mark after an "s" does end the quote
    assert contents("He called the plan 'a mess' and left.") == ["a mess"]


def test_quote_continued_over_paragraphs_is_one_span_per_paragraph():
    text = '"It was designed for a 100-year flood.\n"Nobody expected a storm like this," Reyes said.\n'
    spans = find_mark_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "It was designed for a 100-year flood.",
        "Nobody expected a storm like this,",
    ]
    assert spans[0].close is None and [s.chain for s in spans] == [0, 1]


def test_unbalanced_mark_without_continuation_is_dropped():
    text = 'He said "this never closes.\nThe next paragraph is plain text.'
    assert contents(text) == []


def test_paragraph_roles_headline_caption_body():
    assert paragraph_role("Storm batters coast as officials warn of more flooding") == "headline"
    assert paragraph_role("Ellen Marsh speaks to residents at a shelter on Monday. (AP Photo/John Doe)") == "caption"
    assert (
        paragraph_role(
            "North Korean leader Kim Jong-un meets Russian officials, in this photo provided by KCNA. (Yonhap)"
        )
        == "caption"
    )
    assert paragraph_role("The mayor said the schools would reopen next week.") == "body"
    # a full stop before any closing mark or bracket (core.text's set) ends a sentence
    assert paragraph_role("The mayor said: «Schools reopen.»") == "body"
    assert paragraph_role("The mayor said schools reopen [next week.]") == "body"


def test_dateline_is_not_body_text():
    text = "WASHINGTON, Sept. 13 (Yonhap) -- The United States is concerned, an official said.\n"
    (para,) = paragraphs(text)
    assert text[para.body_start :].startswith("The United States")


def test_ap_file_photos_and_dated_present_tense_captions_are_captions():
    assert paragraph_role("FILE - Ellen Marsh waves to supporters in Dover, Del., Tuesday, Nov. 7, 2023.") == "caption"
    dated = "Ellen Marsh speaks during a news conference in Dover, Del., Tuesday, Nov. 7, 2023."
    assert paragraph_role(dated) == "caption"
    assert paragraph_role("Marsh speaks to residents every week, she said on Tuesday, Nov. 7.") == "body"
    (para,) = paragraphs("FILE - Ellen Marsh waves to supporters in Dover, Del., Tuesday, Nov. 7, 2023.\n")
    assert para.role == "caption"
