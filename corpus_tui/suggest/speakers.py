"""Who speaks: the speaker mention of a cue verb, and the entity it refers to.

The mention is the name as it stands in the sentence without titles or roles
("US National Security Council spokesman John Kirby" -> "John Kirby"; "Russia's
ambassador to the United States, Anatoly Antonov" -> "Anatoly Antonov"); descriptions
and institutions keep their noun phrase without a leading article ("NSC official").
The entity is the fullest name: last names and pronouns resolve to the nearest earlier
full name, because that is how news articles introduce and then refer to people.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus_tui.suggest.gender import PRONOUN_GENDER
from corpus_tui.suggest.lexicon import (
    CAPITALS,
    COUNTRY_ALIASES,
    GROUP_NOUNS,
    PERSON_PRONOUNS,
    PRONOUNS,
    ROLE_NOUNS,
    TITLES,
)

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
_HYPHEN_GIVEN = re.compile(r"\b([A-Z][a-z]+)-([a-z]+)\b")


PLACES = frozenset(COUNTRY_ALIASES.values()) | frozenset(CAPITALS.values())


@dataclass(frozen=True, slots=True)
class SpeakerSpan:
    """A speaker mention found in the text, before its entity is resolved."""

    start: int
    end: int
    text: str
    #: "name", "pronoun", "description", "definite" (a description with "the": "the official")
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
        if tokens:
            return tokens
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
        subject = next(
            (c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"} and (allowed is None or allowed(c))), None
        )
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
    # a description: left modifiers and the noun, without a leading article
    tokens = [t for t in head.doc[head.left_edge.i : head.i + 1]]
    definite = False
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].dep_ in {"det", "predet", "punct"}):
        definite = definite or tokens[0].lower_ in {"the", "this", "that"}
        tokens = tokens[1:]
    if not tokens or len(tokens) > 8:
        tokens = [head]
    return _span(tokens, "definite" if definite else "description", head.ent_type_)


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


# --------------------------------------------------------------------------- entities


def canonical_name(name: str) -> str:
    """A name in normal Latin spelling: one space, no possessive, "Jong-un" -> "Jong Un"."""
    name = " ".join(name.replace("’", "'").split())
    if name.endswith("'s"):
        name = name[:-2]
    name = _HYPHEN_GIVEN.sub(lambda m: f"{m.group(1)} {m.group(2).capitalize()}", name)
    alias = COUNTRY_ALIASES.get(name.lower())
    return alias or name


@dataclass
class EntityResolver:
    """Resolves mentions in text order; knows the full names seen so far in the document."""

    #: (offset, canonical full name) of person names in the text, sorted by offset
    full_names: list[tuple[int, str]] = field(default_factory=list)
    #: the entity of the most recent person speaker, and of any speaker
    last_person: str | None = None
    last_any: str | None = None
    last_person_at: int = -1
    #: (offset, name) of people named as the subject of a sentence outside quotations
    person_subjects: list[tuple[int, str]] = field(default_factory=list)
    last_other: str | None = None  # the last institution or group that spoke ("it said")
    #: capitalised words seen in the phrase that introduced each person ("NSC" -> John Kirby)
    intro_words: dict[str, str] = field(default_factory=dict)
    #: role nouns in the phrase that introduced each person ("spokesman" -> Tom Reyes)
    intro_roles: dict[str, str] = field(default_factory=dict)
    #: (offset, name as written, gender) the text ties to a name ("Mr. Putin", see gender.py)
    gender_evidence: list[tuple[int, str, str]] = field(default_factory=list)
    #: (offset, entity) of every person resolved so far, in text order
    people: list[tuple[int, str]] = field(default_factory=list)

    def resolve(self, span: SpeakerSpan, intro: str = "") -> str:
        if span.kind == "pronoun":
            entity = self._pronoun(span)
        elif span.kind == "group":
            entity = " and ".join(
                self._place(part) for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", span.text) if part
            )
        elif span.kind in {"description", "definite"}:
            entity = self._description(span)
        else:
            entity = self._name(span)
        if (
            span.kind == "name"
            and len(entity.split()) >= 2
            and span.label not in {"GPE", "LOC", "NORP"}
            and entity == (canonical_name(span.text))
        ):
            self.full_names.append((span.start, entity))  # a full name learnt from a speaker
            self.full_names.sort()
        is_person = (
            span.label == "PERSON"
            or any(e == entity for _, e in self.full_names)
            or (span.kind == "pronoun" and span.text.lower() in PERSON_PRONOUNS)
            or (span.kind in {"description", "definite"} and entity != span.text)
            or (span.kind == "name" and span.label == "" and entity not in PLACES)
        )
        if is_person:
            self.last_person = entity
            self.people.append((span.start, entity))
            self.last_person_at = max(self.last_person_at, span.start)
            for word in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]\w*\b|\b[A-Z]{2,}\b", intro):
                if word.lower() not in COUNTRY_ALIASES:
                    self.intro_words.setdefault(word, entity)
            for word in re.findall(r"[a-z]+", intro.lower()):
                if word in ROLE_NOUNS:
                    self.intro_roles[word] = entity
        elif span.kind != "pronoun":
            self.last_other = entity
        self.last_any = entity
        return entity

    def _pronoun(self, span: SpeakerSpan) -> str:
        word = span.text.lower()
        if word in PERSON_PRONOUNS:
            return self._fitting_gender(self._nearest_person(span), PRONOUN_GENDER[word], span)
        if word == "it":
            return self.last_other or span.text
        return self.last_any or span.text

    def gender_of(self, entity: str) -> str | None:
        """The gender the text gives ``entity``; None when it says nothing, or both."""
        genders = {
            gender
            for offset, name, gender in self.gender_evidence
            if self._name(SpeakerSpan(offset, offset + len(name), name, "name")) == entity
        }
        return genders.pop() if len(genders) == 1 else None

    def _fitting_gender(self, nearest: str, wanted: str, span: SpeakerSpan) -> str:
        """``nearest``, unless the text makes that person the other gender: then the
        nearest earlier person of the pronoun's gender, else of unknown gender."""
        known = self.gender_of(nearest)
        if known is None or known == wanted:
            return nearest
        earlier = [*self.people, *self.full_names]
        earlier += [(o, self._name(SpeakerSpan(o, o + len(n), n, "name"))) for o, n in self.person_subjects]
        unknown: str | None = None
        for _, entity in sorted((c for c in earlier if c[0] < span.start), reverse=True):
            if entity == nearest:
                continue
            gender = self.gender_of(entity)
            if gender == wanted:
                return entity
            if gender is None and unknown is None:
                unknown = entity
        return unknown or nearest

    def _nearest_person(self, span: SpeakerSpan) -> str:
        """The last person who spoke, unless a person was named as a subject since
        ("Watanabe expects the yen to weaken. He said ..."); else the last full name."""
        subjects = [(o, n) for o, n in self.person_subjects if self.last_person_at < o < span.start]
        if subjects:
            return self._name(
                SpeakerSpan(subjects[-1][0], subjects[-1][0] + len(subjects[-1][1]), subjects[-1][1], "name")
            )
        if self.last_person:
            return self.last_person
        earlier = [name for offset, name in self.full_names if offset < span.start]
        return earlier[-1] if earlier else span.text

    def _description(self, span: SpeakerSpan) -> str:
        words = re.findall(r"[\w.'-]+", span.text)
        head = words[-1].lower() if words else ""
        if span.kind == "definite" and span.label == "NORP" and len(words) == 1:
            # "The Spaniard said ...": news refers back to the person just named by nationality
            return self._nearest_person(span)
        if head in GROUP_NOUNS:
            # "US officials", "Russian authorities": the institution they speak for
            for word in words[:-1]:
                country = COUNTRY_ALIASES.get(word.lower()) or CAPITALS.get(word.lower())
                if country:
                    return country
            return span.text
        if head not in ROLE_NOUNS:
            return span.text
        for word in words:
            if word in self.intro_words:
                return self.intro_words[word]
        if span.kind == "definite" and head in self.intro_roles and span.label == "":
            # "the spokesman" after "spokesman Tom Reyes"; a role nobody was introduced with
            # ("the official, who declined to be named") stays a description
            return self.intro_roles[head]
        return span.text

    def _place(self, name: str) -> str:
        name = canonical_name(name)
        return CAPITALS.get(name.lower(), name)

    def late_description(self, span: SpeakerSpan, entity: str) -> str:
        """A lede's "a ... (NSC) official said" resolved once the article names the person
        ("John Kirby, NSC strategic communications coordinator")."""
        if span.kind not in {"description", "definite"} or entity != span.text:
            return entity
        words = re.findall(r"[\w.'-]+", span.text)
        if not words or words[-1].lower() not in ROLE_NOUNS:
            return entity
        for word in words:
            if word in self.intro_words:
                return self.intro_words[word]
        return entity

    def _name(self, span: SpeakerSpan) -> str:
        name = canonical_name(span.text)
        if len(name.split()) == 1 and span.label != "PERSON" and name.lower() in CAPITALS:
            return CAPITALS[name.lower()]
        if name.lower() in {v.lower() for v in COUNTRY_ALIASES.values()}:
            return name
        parts = name.split()
        if len(parts) >= 2:
            # "Garcia Ferrer" after "Miriam Garcia Ferrer": the end of an earlier full name
            longer = [f for o, f in self.full_names if o < span.start and f.endswith(" " + name)]
            return longer[-1] if longer else name
        earlier = [full for offset, full in self.full_names if offset < span.start and name in full.split()]
        if earlier:
            return earlier[-1]
        later = [full for offset, full in self.full_names if offset >= span.start and name in full.split()]
        return later[0] if later else name
