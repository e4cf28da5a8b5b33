"""Which entity a speaker mention refers to: one canonical full name per person.

The entity is the fullest name: last names and pronouns resolve to the nearest earlier
full name, because that is how news articles introduce and then refer to people; a
pronoun skips a person the text gives the other gender (``gender``); descriptions ("the
spokesman") resolve to the person introduced with that role; institutions and groups
("US officials") to their country. Names are spelt one way ("Jong-un" -> "Jong Un").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus_tui.suggest.gender import PRONOUN_GENDER
from corpus_tui.suggest.lexicon import (
    CAPITALS,
    COUNTRY_ALIASES,
    GROUP_NOUNS,
    ORGANISATION_NOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SPOKESPEOPLE,
)
from corpus_tui.suggest.speakers import SpeakerSpan

_HYPHEN_GIVEN = re.compile(r"\b([A-Z][a-z]+)-([a-z]+)\b")

PLACES = frozenset(COUNTRY_ALIASES.values()) | frozenset(CAPITALS.values())


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
    #: (offset, name) of organisations named outside quotations ("Coastal Transit Authority")
    organisations: list[tuple[int, str]] = field(default_factory=list)
    #: the document's text: where "the statement" was first attributed to someone
    text: str = ""
    #: (offset, entity) of every speaker resolved so far, in text order
    speakers: list[tuple[int, str]] = field(default_factory=list)

    def resolve(self, span: SpeakerSpan, intro: str = "") -> str:
        if span.kind == "pronoun":
            entity = self._pronoun(span)
        elif span.kind == "group":
            entity = " and ".join(
                self._place(part) for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", span.text) if part
            )
        elif span.kind == "document":
            entity = self._document(span)
        elif span.kind in {"description", "definite"}:
            entity = self._description(span, intro)
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
        ) and all(entity != name for _, name in self.organisations)
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
        self.speakers.append((span.start, entity))
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

    def _document(self, span: SpeakerSpan) -> str:
        """ "The statement said": whoever the article said issued that statement before
        ("X said in a statement that ..."); a document never attributed before speaks for
        itself ("a government review said")."""
        noun = span.text.split()[-1]
        for match in reversed(list(re.finditer(rf"\b{re.escape(noun)}\b", self.text[: span.start], re.IGNORECASE))):
            issuers = [entity for offset, entity in self.speakers if match.start() - 200 < offset < match.start()]
            if issuers:
                return issuers[-1]
        return span.text

    def _organisation(self, words: list[str], intro: str, start: int) -> str | None:
        """The organisation a description stands for: "the authority" after "Coastal Transit
        Authority", "a Brightloop spokesperson", "a spokeswoman for the authority", "the
        company" (the article's company: the last one that spoke, else the first named)."""
        earlier = [name for offset, name in self.organisations if offset < start]
        for word in words[:-1]:
            if word[:1].isupper():
                return next((n for _, n in reversed(self.organisations) if word in n.split()), word)
        nouns = [w for w in re.findall(r"[a-z]+", " ".join([*words, intro]).lower()) if w in ORGANISATION_NOUNS]
        for noun in nouns:
            named = [name for name in earlier if name.split()[-1].lower() == noun]
            if named:
                return named[-1]
        if any(noun in {"company", "firm"} for noun in nouns) and earlier:
            return self.last_other if self.last_other in earlier else earlier[0]
        return None

    def _description(self, span: SpeakerSpan, intro: str = "") -> str:
        words = re.findall(r"[\w.'-]+", span.text)
        head = words[-1].lower() if words else ""
        if len(words) == 1 and words[0][:1].isupper() and self._name(span) != canonical_name(span.text):
            return self._name(span)  # "Yates said": a last name the tagger took for a noun
        if head in ORGANISATION_NOUNS or (head in SPOKESPEOPLE and not self.intro_roles.get(head)):
            return self._organisation(words, intro, span.start) or span.text
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
