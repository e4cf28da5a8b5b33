"""Quotes attributed with "according to X": the rest of the sentence is what X says.

"According to the union, [most members back the plan]." and "[The line will add 1,100
jobs], according to the company." report a source's claim as surely as a speech verb
does, but there is no verb for the content rules to start from: the cue is the two words
"according to", the speaker is X, and the content is the sentence without the phrase (both
sides of it when it sits in the middle, one span as for a parenthetical "said"). A verb's
own quote over the same words wins (``Found.weak``): "According to police, the suspect
told officers that ..." is the suspect's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus_tui.core.model import Kind
from corpus_tui.suggest.content import trim_span
from corpus_tui.suggest.parsed import TERMINATORS, Found, ParsedText
from corpus_tui.suggest.quotes import Paragraph
from corpus_tui.suggest.speakers import SpeakerSpan, expand_subject, speaker_in_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token


def according_quotes(text: ParsedText) -> list[Found]:
    """A quote for every "according to X" in body text outside quotation marks."""
    doc = text.doc
    found: list[Found] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        para = text.para_of(tok.idx)
        if para is None or para.role != "body" or tok.idx < para.body_start or text.in_marks(tok.idx):
            continue
        first, last = _sentence(text, tok, para)
        phrase_end = _phrase_end(text, tok, last)
        speaker = _speaker(text, tok, phrase_end)
        if _only_punct(text, first, tok.i - 1):
            span = trim_span(text, phrase_end + 1, last, para)
        elif _only_punct(text, phrase_end + 1, last):
            span = trim_span(text, first, tok.i - 1, para)
        else:
            span = trim_span(text, first, last, para)
        if span is None:
            continue
        start, end = span
        kind = Kind.MIXED if any(start <= m.open < end for m in text.marks) else Kind.INDIRECT
        found.append(Found(start, end, kind, tok.i, speaker, cue_last=tok.i + 1, weak=True))
    return found


def _sentence(text: ParsedText, tok: Token, para: Paragraph) -> tuple[int, int]:
    """Token bounds of the sentence around ``tok``, inside its paragraph's body."""
    doc = text.doc
    first = tok.i
    while first > 0 and doc[first - 1].idx >= para.body_start and doc[first - 1].text not in TERMINATORS:
        first -= 1
    last = tok.i
    while last + 1 < len(doc) and doc[last + 1].idx < para.end and doc[last].text not in TERMINATORS:
        last += 1
    return first, last


def _phrase_end(text: ParsedText, tok: Token, last: int) -> int:
    """The last token of "according to X": the parse's object of "to", else up to a comma."""
    doc = text.doc
    if text.parsed:
        objects = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
        if objects:
            return min(objects[0].right_edge.i, last)
    end = tok.i + 1
    while end + 1 <= last and doc[end + 1].text not in {",", ";"} | TERMINATORS:
        end += 1
    return end


def _speaker(text: ParsedText, tok: Token, phrase_end: int) -> SpeakerSpan | None:
    doc = text.doc
    if text.parsed:
        objects = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
        if objects:
            return expand_subject(objects[0])
    return speaker_in_tokens(list(doc[tok.i + 2 : phrase_end + 1]))


def _only_punct(text: ParsedText, first: int, last: int) -> bool:
    return all(text.doc[i].is_punct or text.doc[i].is_space for i in range(first, last + 1))
