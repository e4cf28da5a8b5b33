"""Who speaks: the speaker mention of a cue verb (its entity is resolved in ``entities``).

The mention is the name as it stands in the sentence without titles or roles
("US National Security Council spokesman John Kirby" -> "John Kirby"; "Russia's
ambassador to the United States, Anatoly Antonov" -> "Anatoly Antonov"); descriptions
and institutions keep their noun phrase without a leading article ("NSC official").
With a parser it is the verb's subject; without one, the word pattern around the verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus_tui.suggest.lexicon import DOCUMENT_NOUNS, PRONOUNS, TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_SKIP_BEFORE_VERB = frozenset(
    [
        "also",
        "then",
        "later",
        "further",
        "earlier",
        "previously",
        "again",
        "has",
        "have",
        "had",
        "was",
        "were",
        "would",
        "will",
        "did",
        "does",
        "do",
        "had",
        "'s",
        "once",
        "still",
        "yet",
        "separately",
    ]
)
_DATE_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "week",
        "month",
        "year",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sept.",
        "sep.",
        "oct.",
        "nov.",
        "dec.",
        "morning",
        "afternoon",
        "evening",
        "night",
    ]
)
_NAME_CHAR = re.compile(r"^[A-Z][\w.'’-]*$|^[A-Z]{2,}$")


@dataclass(frozen=True, slots=True)
class SpeakerSpan:
    """A speaker mention found in the text, before its entity is resolved."""

    start: int
    end: int
    text: str
    #: "name", "pronoun", "description", "definite" (a description with "the": "the official"),
    #: "group", "document" (a statement or email that "said": its issuer speaks)
    kind: str
    #: the spaCy entity label when known (PERSON, GPE, ORG, NORP) else ""
    label: str = ""


def _one_named_place_or_body(tokens: list[Token]) -> bool:
    """The tokens are exactly one organisation or place ("National Weather Service",
    "Supreme Court"): title words in it are its name, not a person's title."""
    first = tokens[0]
    return first.ent_type_ in {"ORG", "GPE", "FAC", "LOC"} and all(
        t.ent_type_ == first.ent_type_ and t.ent_iob_ == "I" for t in tokens[1:]
    )


def _trim_tokens(tokens: list[Token]) -> list[Token]:
    """Drop leading titles, articles and possessive pieces from a name's tokens."""
    while tokens and (
        tokens[0].lower_ in _DETERMINERS
        or tokens[0].ent_type_ == "NORP"
        or (tokens[0].lower_ in TITLES and not _one_named_place_or_body(tokens))
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in {"'s", "’s", ",", "-"}:
        tokens = tokens[:-1]
    return tokens


def _span(tokens: list[Token], kind: str, label: str = "") -> SpeakerSpan | None:
    while tokens and tokens[0].is_space:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_space:
        tokens = tokens[:-1]
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    # joined from the tokens: ``doc.text`` would rebuild the whole article on every call
    text = "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
    return SpeakerSpan(start, end, text, kind, label)


def name_tokens(head: Token) -> list[Token]:
    """The proper-name tokens around ``head``: its NER entity, else the run of PROPNs
    (hyphen pieces included, so "Kim Jong-un" stays whole)."""
    doc = head.doc
    if head.ent_type_ in {"PERSON", "GPE", "ORG", "NORP", "LOC"}:
        # the entity around head, walked by IOB tags (``doc.ents`` rebuilds every span)
        first = head.i
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        last = head.i
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        tokens = _trim_tokens(list(doc[first : last + 1]))
        run = _name_run(head)
        if run and tokens and run[0].i < tokens[0].i and any(t.text == "-" for t in doc[run[0].i : tokens[0].i]):
            return run  # "Ji-woo Park": NER took only the name after the hyphenated one
        if tokens:
            return tokens
    return _name_run(head)


def _name_run(head: Token) -> list[Token]:
    """The run of proper nouns around ``head``, hyphen pieces included, titles dropped."""
    doc = head.doc
    i = head.i
    while i > 0 and _joins_name(doc[i - 1], doc[i]):
        i -= 1
    j = head.i
    while j + 1 < len(doc) and _joins_name(doc[j], doc[j + 1]) and doc[j + 1].i <= head.i + 3:
        j += 1
    return _trim_tokens(list(doc[i : j + 1]))


def _joins_name(left: Token, right: Token) -> bool:
    if left.whitespace_ == "" and (left.text == "-" or right.text == "-"):
        return True
    return left.pos_ == "PROPN" and right.pos_ == "PROPN" and bool(left.whitespace_)


def speaker_of_verb(verb: Token, allowed: Callable[[Token], bool] | None = None) -> SpeakerSpan | None:
    """The speaker of a parsed cue verb: its subject, or the subject of the verb it hangs
    from ("adding ...", "and said ...", "saying ..."). ``allowed`` filters candidate
    subjects (a noun inside the quotation is never the speaker)."""
    current = verb
    for _ in range(4):
        # the subject nearest the verb: "Co-founder Ji-woo Park said" parses with three
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"} and (allowed is None or allowed(c))]
        subject = max(subjects, key=lambda c: (c.i < current.i, c.i if c.i < current.i else -c.i), default=None)
        if subject is None and current.dep_ == "ROOT":
            # "added Kirby": the parser sometimes hangs the inverted subject as an object
            subject = next(
                (
                    c
                    for c in current.children
                    if c.dep_ in {"dobj", "attr"} and c.i > current.i and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                ),
                None,
            )
        if subject is not None and subject.tag_ in {"WP", "WDT"} and current.dep_ == "relcl":
            # "Luis Moreno, who said ...": the speaker is the antecedent, not "who"
            subject = current.head
        if subject is not None:
            return expand_subject(subject)
        if current.dep_ in {"advcl", "conj", "xcomp", "parataxis"} and current.head is not current:
            current = current.head
            continue
        break
    return None


def expand_subject(head: Token) -> SpeakerSpan | None:
    """Turn a subject token into the mention the guidelines ask for."""
    if head.lower_ in PRONOUNS and head.pos_ == "PRON":
        return _span([head], "pronoun")
    if head.lemma_.lower() in DOCUMENT_NOUNS and head.pos_ == "NOUN":
        return _document_issuer(head)
    tokens = name_tokens(head) if head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "ORG", "GPE"} else []
    if tokens and (head.pos_ == "PROPN" or head.text[:1].isupper()):
        label = head.ent_type_
        conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > head.i]
        if conjuncts and tokens:
            # "Pyongyang and Moscow said": one mention for the group that speaks
            last = name_tokens(conjuncts[-1]) or [conjuncts[-1]]
            return _span(list(head.doc[tokens[0].i : last[-1].i + 1]), "group", label)
        return _span(tokens, "name", label)
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return _span(name_tokens(child), "name", child.ent_type_)
    return expand_subject_description(head)


def expand_subject_description(head: Token) -> SpeakerSpan | None:
    """A description: left modifiers and the noun, without a leading article."""
    tokens = [t for t in head.doc[head.left_edge.i : head.i + 1]]
    definite = False
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].dep_ in {"det", "predet", "punct"}):
        definite = definite or tokens[0].lower_ in {"the", "this", "that"}
        tokens = tokens[1:]
    if not tokens or len(tokens) > 8:
        tokens = [head]
    return _span(tokens, "definite" if definite else "description", head.ent_type_)


def _document_issuer(head: Token) -> SpeakerSpan | None:
    """A document that "said" something speaks for whoever issued it: the possessor ("a
    company spokesman's email" -> "company spokesman") or the agent ("a poll released by
    Clearwater College"), else the document itself, resolved to its issuer later."""
    issuer = next((c for c in head.children if c.dep_ == "poss"), None)
    if issuer is None:
        agents = [t for t in head.subtree if t.dep_ == "agent"]
        issuer = next((c for a in agents for c in a.children if c.dep_ == "pobj"), None)
    if issuer is not None and issuer.lower_ not in PRONOUNS and issuer.tag_ != "PRP$":
        return expand_subject(issuer)
    found = expand_subject_description(head)
    return SpeakerSpan(found.start, found.end, found.text, "document", found.label) if found else None


def speaker_in_tokens(tokens: list[Token]) -> SpeakerSpan | None:
    """Without a parser: the speaker in a phrase ("according to [the union]"), a name when
    it is capitalised, else a description without its article."""
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    if not tokens:
        return None
    if tokens[0].text[:1].isupper():
        return _span(_trim_tokens_text(tokens) or tokens, "name")
    return _span(tokens, "description")


def speaker_near_form(doc: Doc, verb_index: int) -> SpeakerSpan | None:
    """Pattern rule for pipelines without a parser: the capitalised run or pronoun just
    before the verb ("Kirby also said", "Anatoly Antonov, said"), else just after it
    ("added Kirby", "said he")."""
    i = verb_index - 1
    while i >= 0:
        tok = doc[i]
        if tok.lower_ in _SKIP_BEFORE_VERB or (tok.text == "," and i == verb_index - 1):
            i -= 1
        elif tok.lower_ in _DATE_WORDS or tok.like_num:
            # "The European Commission on Thursday urged": skip the date and its preposition
            i -= 1
            while i >= 0 and (doc[i].lower_ in _DATE_WORDS or doc[i].like_num or doc[i].text == ","):
                i -= 1
            if i >= 0 and doc[i].lower_ in {"on", "in", "at", "late", "early", "last", "this"}:
                i -= 1
        else:
            break
    if i >= 2 and doc[i].lower_ in {"who", "which"} and doc[i - 1].text == ",":
        i -= 2  # "Luis Moreno, who said ...": the antecedent speaks
    if i >= 0:
        tok = doc[i]
        if tok.lower_ in PRONOUNS:
            return _span([tok], "pronoun")
        if _NAME_CHAR.match(tok.text) and tok.text not in {'"', "“", "”"}:
            j = i
            while j > 0 and (
                _NAME_CHAR.match(doc[j - 1].text) or (doc[j - 1].text == "-" and not doc[j - 1].whitespace_)
            ):
                j -= 1
            tokens = _trim_tokens_text(list(doc[j : i + 1]))
            if tokens:
                return _span(tokens, "name")
        if tok.text.isalpha() and tok.text.islower():
            j = i
            while j > 0 and j > i - 6 and doc[j - 1].lower_ not in _DETERMINERS and doc[j - 1].text.isalnum():
                j -= 1
            if j > 0 and doc[j - 1].lower_ in _DETERMINERS:
                kind = "definite" if doc[j - 1].lower_ in {"the", "this", "that"} else "description"
                return _span(list(doc[j : i + 1]), kind)
    k = verb_index + 1
    if k < len(doc):
        tok = doc[k]
        if tok.lower_ in PRONOUNS:
            return _span([tok], "pronoun")
        if _NAME_CHAR.match(tok.text):
            m = k
            while m + 1 < len(doc) and (_NAME_CHAR.match(doc[m + 1].text) or doc[m + 1].text == "-"):
                m += 1
            tokens = _trim_tokens_text(list(doc[k : m + 1]))
            if tokens:
                return _span(tokens, "name")
    return None


def _trim_tokens_text(tokens: list[Token]) -> list[Token]:
    while len(tokens) > 3 and tokens[0].text[:1].isupper():
        tokens = tokens[1:]  # names are at most three words; more is a title ("Fire Chief ...")
    while tokens and (
        tokens[0].lower_ in TITLES
        or tokens[0].lower_ in _DETERMINERS
        or (tokens[0].text.endswith("an") and tokens[0].text[:1].isupper() and len(tokens) > 2)
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in {"'s", "’s", ",", "-"}:
        tokens = tokens[:-1]
    return tokens
