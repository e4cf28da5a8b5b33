"""Whether a sentence after a closed quotation is that quotation's attribution.

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
