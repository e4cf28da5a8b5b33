"""Who the people of a document are: full names and subjects, for resolving speakers.

A speaker mention is often a last name or a pronoun ("Kirby said", "she added"); the
entity resolver (``entities``) turns it into the full name of a person the article
names. These are the candidates: full person names outside quotations (from NER, or
capitalised runs without it) and people named as the subject of a sentence, the most
likely referents of "he" and "she".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus_tui.suggest.entities import PLACES, canonical_name
from corpus_tui.suggest.lexicon import COUNTRY_ALIASES, TITLES
from corpus_tui.suggest.quotes import inside
from corpus_tui.suggest.speakers import name_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def person_names(doc: Doc, parsed: bool, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Full person names outside quotations, for resolving last names and pronouns."""
    names: list[tuple[int, str]] = []
    if not parsed and not doc.has_annotation("ENT_IOB"):
        # no NER: runs of two or three capitalised words, titles dropped ("Health Secretary
        # Maria Delgado" -> "Maria Delgado"); places are left out
        run: list[Token] = []
        for tok in [*doc, None]:
            if tok is not None and tok.text[:1].isupper() and tok.text.replace("-", "").replace(".", "").isalpha():
                run.append(tok)
                continue
            titles = [i for i, t in enumerate(run) if t.lower_ in TITLES]
            words = run[titles[-1] + 1 :] if titles else run
            while len(words) > 3:
                words = words[1:]
            if len(words) >= 2 and not inside(skip, words[0].idx):
                name = canonical_name(" ".join(t.text for t in words))
                if name not in PLACES and not any(w.lower_ in COUNTRY_ALIASES for w in words):
                    names.append((words[0].idx, name))
            run = []
        return names
    if parsed or doc.has_annotation("ENT_IOB"):
        for ent in doc.ents:
            if ent.label_ != "PERSON" or inside(skip, ent.start_char):
                continue
            tokens = [t for t in ent if t.lower_ not in {"president", "mr.", "mr", "ms.", "ms", "dr.", "leader"}]
            while tokens and tokens[0].lower_ in TITLES:
                tokens = tokens[1:]  # NER takes a capitalised role in: "Spokeswoman Ana Cruz"
            name = canonical_name(" ".join(t.text for t in tokens).replace(" - ", "-").replace(" -", "-"))
            if len(name.split()) >= 2:
                names.append((tokens[0].idx, name))
    return names


def organisation_names(doc: Doc, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Organisations NER names outside quotations, for "the authority" and "a company spokesman"."""
    if not doc.has_annotation("ENT_IOB"):
        return []
    found = []
    for ent in doc.ents:
        if ent.label_ == "ORG" and not inside(skip, ent.start_char):
            tokens = [t for t in ent if t.lower_ != "the" and t.text not in {"'s", "’s"}]
            if tokens:
                found.append((tokens[0].idx, canonical_name(" ".join(t.text for t in tokens))))
    return found


def person_subjects(doc: Doc, skip: list[tuple[int, int]], names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """People named as a subject outside quotations: what "he"/"she" most likely refers to.

    A subject counts when NER calls it a person or it is a word of a person's name in
    ``names`` (the small model often misses a bare last name)."""
    if not doc.has_annotation("DEP"):
        return []
    name_words = {word for _, name in names for word in name.split()}
    found = []
    for tok in doc:
        if tok.dep_ not in {"nsubj", "nsubjpass"} or inside(skip, tok.idx) or not _main_clause(tok.head):
            continue
        if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in name_words):
            # the name as written ("Striker Kemi Adeyemi" -> "Kemi Adeyemi"), not only its head
            words = [t for t in name_tokens(tok) if t.i <= tok.i] or [tok]
            found.append((words[0].idx, " ".join(t.text for t in words)))
    return found


def _main_clause(verb: Token) -> bool:
    """A sentence's own verb, or one coordinated with it: a person named in a clause of
    another sentence ("..., a claim Dale did not dispute") is not who "he" refers to next."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
