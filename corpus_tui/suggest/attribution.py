"""Attribution: the speech verb (cue) of a quotation, and its subject, the speaker.

A direct quotation's verb comes after it ('"...," Kirby added') or before it ('Kirby
said: "..."'); the speaker of any cue is the parse's subject, checked against the
paragraph and the quotation marks, else the word pattern around the verb.

When the sentence after a closed quotation is its attribution:
'"We will appeal," Feld said.' attributes with a comma. When the quotation ends with its
own full stop ('"We will appeal." Feld said nothing else.'), the next words start a new
sentence, and its speech verb belongs to the quote only when that sentence is nothing but
an attribution: a speaker, the verb and adverbials ("Feld said after the hearing.").
A verb with content of its own ("Brennan said the phrase was damning", "said nothing
else") reports another statement, and taking it gave the quote the wrong speaker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus_tui.suggest.lexicon import PRONOUNS
from corpus_tui.suggest.parsed import TERMINATORS, ParsedText
from corpus_tui.suggest.quotes import ALL_MARKS, MarkSpan, Paragraph
from corpus_tui.suggest.speakers import SpeakerSpan, speaker_near_form, speaker_of_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: dependencies of a speech verb that carry what was said
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "oprd", "acomp", "attr"})
#: verbs whose direct object is the listener, not the content ("told reporters")
_ADDRESSEE_LEMMAS = frozenset({"tell", "ask", "assure", "inform", "remind", "warn", "urge", "answer"})
#: words after the verb that start an adverbial in a bare attribution ("said on Monday")
_ADVERBIAL_STARTS = frozenset(
    {"on", "in", "at", "after", "before", "during", "outside", "from", "by", "via", "later", "afterwards", "then"}
)
_END = frozenset({".", "!", "?", ","})
#: how far after a closing mark the attribution verb may sit, in tokens
_AFTER_WINDOW = 12


# --------------------------------------------------------------------------- the cue of a quotation


def attribution_after(text: ParsedText, mark: MarkSpan, para: Paragraph) -> int | None:
    """The speech verb after a closed quotation that attributes it ('"...," Kirby added')."""
    if mark.close is None:
        return None
    content_end = text.text[mark.start : mark.end].rstrip()
    stop = para.end
    for other in text.marks:
        if other.open > mark.close:
            stop = min(stop, other.open)
            break
    # '"... deal." Kirby said the ...': the quotation is a sentence of its own, and the
    # next one attributes it only when it is nothing but an attribution
    sentence_ended = content_end.rstrip(ALL_MARKS)[-1:] in TERMINATORS
    window = text.tokens_between(mark.close + 1, stop)
    count = 0
    for i in window:
        tok = text.doc[i]
        if tok.is_space:
            continue
        if tok.text in TERMINATORS:
            break
        count += 1
        if count > _AFTER_WINDOW:
            break
        if text.is_speech_verb(tok, strict=True):
            if sentence_ended and not bare_attribution(text.doc, window.start, i, text.parsed):
                return None
            return i
    return None


def attribution_before(text: ParsedText, mark: MarkSpan, para: Paragraph) -> int | None:
    """The last speech verb of the clause that introduces a quotation ('Kirby said: "..."')."""
    prefix = text.text[para.body_start : mark.open].rstrip()
    if not prefix or (prefix[-1] not in ",:—–" and not prefix.endswith("--")):
        return None
    start = para.body_start
    for other in text.marks:
        if other.close is not None and other.close < mark.open:
            start = max(start, other.close + 1)
    candidates = []
    clause: list[int] = []
    for i in text.tokens_between(start, mark.open):
        tok = text.doc[i]
        if tok.text in TERMINATORS:
            candidates, clause = [], []
            continue
        clause.append(i)
        if text.is_speech_verb(tok, strict=True):
            candidates.append(i)
    if candidates:
        return candidates[-1]
    return _colon_verb(text, clause) if prefix.endswith(":") and text.parsed else None


def _colon_verb(text: ParsedText, clause: list[int]) -> int | None:
    """ "Reyes put it bluntly: "..."", "Whitby had a different view: "..."": a clause that
    ends with a colon introduces the quotation whatever its verb; the cue is the last verb
    of the clause with a subject of its own there, a person or organisation."""
    for i in reversed(clause):
        tok = text.doc[i]
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in clause), None)
        if subject is not None and (subject.pos_ == "PROPN" or subject.lower_ in PRONOUNS or subject.ent_type_):
            return i
    return None


# --------------------------------------------------------------------------- the speaker of a cue


def cue_speaker(text: ParsedText, verb_index: int) -> SpeakerSpan | None:
    """The parse's subject when it lies in the verb's paragraph and outside quotation
    marks (parsers glue headlines to the next sentence and take a quoted noun for the
    subject of "said Tom Reyes"); else the word pattern around the verb."""
    para = text.para_of(text.doc[verb_index].idx)
    if text.parsed:
        found = speaker_of_verb(text.doc[verb_index], lambda t: not text.in_marks(t.idx))
        if found is not None and _plausible(text, found, para):
            return found
    found = speaker_near_form(text.doc, verb_index)
    if found is None and text.doc[verb_index].lower_.endswith("ing"):
        # "..., he said, adding that ...": the speaker of the verb it continues
        for i in range(verb_index - 1, max(-1, verb_index - 40), -1):
            tok = text.doc[i]
            if tok.text in TERMINATORS or (para is not None and tok.idx < para.body_start):
                break
            if text.is_speech_verb(tok, strict=False):
                return cue_speaker(text, i)
    return found if found is not None and _plausible(text, found, para) else None


def _plausible(text: ParsedText, span: SpeakerSpan, para: Paragraph | None) -> bool:
    if para is None or not (para.body_start <= span.start and span.end <= para.end):
        return False
    return not text.in_marks(span.start)


def intro_of(text: ParsedText, verb_index: int) -> str:
    """The subject phrase of a verb (to learn "NSC" from "John Kirby, NSC ... coordinator")."""
    if not text.parsed:
        return ""
    verb = text.doc[verb_index]
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return ""
    return text.doc[subject.left_edge.i : subject.right_edge.i + 1].text


# --------------------------------------------------------------------------- a bare attribution sentence


def bare_attribution(doc: Doc, first: int, verb_index: int, parsed: bool) -> bool:
    """True when the sentence from token ``first`` to the end of the speech verb
    ``verb_index``'s sentence only attributes ("Feld said on Monday."), so it may attribute
    the quotation just before it."""
    verb = doc[verb_index]
    nxt = _next_word(doc, verb_index + 1)
    if nxt is not None and nxt.text == ":":
        return False  # 'Feld said: "..."' introduces the next quotation
    if parsed:
        return not any(_is_content(child, verb) for child in verb.children if child.i > verb.i)
    return _bare_by_form(doc, first, verb_index)


def _is_content(child: Token, verb: Token) -> bool:
    if child.dep_ in _CONTENT_DEPS:
        return True
    if child.dep_ != "dobj":
        return False
    if child.pos_ == "PROPN" or child.lower_ in PRONOUNS:
        return False  # "added Kirby": the inverted speaker, parsed as an object
    return verb.lemma_.lower() not in _ADDRESSEE_LEMMAS


def _bare_by_form(doc: Doc, first: int, verb_index: int) -> bool:
    """Without a parser: a name or pronoun before the verb, and after it nothing, an
    inverted speaker or an adverbial."""
    for tok in doc[first:verb_index]:
        if not (tok.is_space or tok.text[:1].isupper() or tok.text in {"-", "'s", "’s"}):
            return False
    i = verb_index + 1
    nxt = _next_word(doc, i)
    if nxt is not None and (nxt.lower_ in PRONOUNS or nxt.text[:1].isupper()):
        i = nxt.i + 1  # "said Feld", "said he"
        while i < len(doc) and doc[i].text[:1].isupper():
            i += 1
        nxt = _next_word(doc, i)
    return nxt is None or nxt.text in _END or nxt.lower_ in _ADVERBIAL_STARTS


def _next_word(doc: Doc, i: int) -> Token | None:
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i >= len(doc) or "\n" in doc[i].text:
        return None
    return doc[i]
