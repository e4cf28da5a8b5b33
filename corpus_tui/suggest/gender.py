"""What the text itself says about a person's gender, so "she said" skips a man.

Pronouns resolve to the nearest earlier person (``speakers.EntityResolver``); when that
person is known from the article to be of the other gender, the pronoun is someone else.
Evidence is only what the article writes about the name: an honorific ("Mr. Putin",
"Ms. Lindqvist") or a possessive in the clause the name is the subject of ("Adeyemi shook
her head", "Hale praised his players"). First names are never guessed from: a list of
them would be wrong for a good share of the world's names and is not the text's word.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus_tui.suggest.quotes import inside

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MALE = "male"
FEMALE = "female"
#: pronoun (lower case) -> the gender it refers to
PRONOUN_GENDER: dict[str, str] = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE}

_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+)")
_HONORIFIC_GENDER = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE}
#: without a parser: "Adeyemi shook her head" - a name, one or two words, a possessive
_NAME_THEN_POSSESSIVE = re.compile(r"\b([A-Z][a-z][\w'’-]*)\s+(?:[a-z][a-z'’]*\s+){1,2}?(his|her)\b")


def gender_evidence(doc: Doc, parsed: bool, skip: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """(offset, name as written, gender) for each place the text ties a gender to a name;
    possessives inside the ``skip`` spans (direct quotes) are left out."""
    text = doc.text
    found = [(m.start(2), m.group(2), _HONORIFIC_GENDER[m.group(1).lower()]) for m in _HONORIFIC.finditer(text)]
    if parsed:
        for tok in doc:
            if tok.tag_ == "PRP$" and tok.lower_ in {"his", "her"} and not inside(skip, tok.idx):
                subject = _subject_of_clause(tok)
                if subject is not None and subject.pos_ == "PROPN":
                    found.append((subject.idx, subject.text, PRONOUN_GENDER[tok.lower_]))
    else:
        for m in _NAME_THEN_POSSESSIVE.finditer(text):
            if not inside(skip, m.start(2)) and not re.search(r"[.!?;\"“”]", m.group(0)):
                found.append((m.start(1), m.group(1), PRONOUN_GENDER[m.group(2)]))
    return sorted(found)


def _subject_of_clause(possessive: Token) -> Token | None:
    """The subject of the verb whose object the possessive's noun is ("[Moreno] didn't
    hide his frustration", "[Hale] spoke to his players"); None when the verb has another
    person as object ("Moreno praised Adeyemi for her goals": hers, not his) or the noun
    sits in a clause of its own ("Brennan told the jury her lies were obvious")."""
    noun = possessive.head
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head
    else:
        return None
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and child is not noun and (child.pos_ in {"PROPN", "PRON"}):
            return None
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
