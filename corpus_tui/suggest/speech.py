"""The rules, end to end: from a processed spaCy ``Doc`` to suggested quotes with cue and speaker.

Direct quotes come from quotation-mark pairs that stand as sentences and have an
attribution (``direct``); indirect and mixed quotes from the parse, a speech verb and
its content clause (``content``). Quotes may not overlap, so direct ones win, then the
longer complement. Each cue's speaker mention (``attribution``, ``speakers``) is then
resolved to an entity (``entities``) among the people the document names (``people``),
and spelt as the corpus spells it most (``names``). Without a parser (``spacy.blank``)
the same rules run on word forms, and indirect quotes need an explicit "that". Every
span follows the core guidelines (marks excluded for direct quotes; the complement
without "that" and without the final period for indirect and mixed ones).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from corpus_tui.core.model import Kind
from corpus_tui.suggest.according import according_quotes
from corpus_tui.suggest.content import content_quotes
from corpus_tui.suggest.direct import direct_quotes
from corpus_tui.suggest.entities import EntityResolver, canonical_name
from corpus_tui.suggest.gender import gender_evidence
from corpus_tui.suggest.names import NameSpellings
from corpus_tui.suggest.parsed import RULES, Found, ParsedText
from corpus_tui.suggest.people import organisation_names, person_names, person_subjects
from corpus_tui.suggest.trained import TrainedInfo, combine, model_found

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested quote with its cue and speaker (offsets into the document text), who
    proposed it and how sure it was (the rules give no score), and a suggested stance."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    entity: str | None = None
    by: str = RULES
    score: float | None = None
    stance: str | None = None
    target: str | None = None


def _without_overlaps(items: list[Found]) -> list[Found]:
    """Quotes may not overlap: direct quotes first, then the longer complement."""
    order = {Kind.DIRECT: 0, Kind.MIXED: 1, Kind.INDIRECT: 2}
    kept: list[Found] = []
    for item in sorted(items, key=lambda f: (f.weak, order[f.kind], -(f.end - f.start), f.start)):
        if all(item.end <= k.start or k.end <= item.start for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def analyze(
    doc: Doc,
    parsed: bool | None = None,
    spellings: NameSpellings | None = None,
    model: TrainedInfo | None = None,
    rules: bool = True,
) -> list[Suggestion]:
    """Suggested quotes of one processed document, in text order; ``spellings`` gives
    entities the corpus's preferred spelling (default: this document's own). ``model``
    describes the trained pipeline that processed ``doc``: its quotes join the rules'
    (``trained.combine``), or stand alone when ``rules`` is False (to score the model)."""
    if parsed is None:
        parsed = doc.has_annotation("DEP")
    text = ParsedText(doc, parsed)
    direct = direct_quotes(text) if rules else []
    items = _without_overlaps([*direct, *content_quotes(text, direct), *according_quotes(text)]) if rules else []
    if model is not None:
        found = model_found(text, model.name)
        items = combine(items, found, model.quote_threshold) if rules else found
    resolver = _resolver(doc, parsed, sorted((d.start, d.end) for d in items if d.kind == Kind.DIRECT))
    if spellings is None:
        spellings = NameSpellings.from_texts([text.text])
    return _suggestions(doc, items, resolver, spellings)


def _resolver(doc: Doc, parsed: bool, skip: list[tuple[int, int]]) -> EntityResolver:
    """An entity resolver that knows the people the document names outside its quotations."""
    names = person_names(doc, parsed, skip)
    genders = gender_evidence(doc, parsed, skip)
    # a name the text gives a gender to is a person, whatever NER made of it
    people = [*names, *((offset, name) for offset, name, _ in genders)]
    subjects = person_subjects(doc, skip, people)
    known = {name for _, name in names}
    names += [(o, canonical_name(n)) for o, n in subjects if len(n.split()) >= 2 and canonical_name(n) not in known]
    return EntityResolver(
        full_names=sorted(names),
        person_subjects=subjects,
        gender_evidence=genders,
        organisations=organisation_names(doc, skip),
        text=doc.text,
    )


def _suggestions(doc: Doc, items: list[Found], resolver: EntityResolver, spellings: NameSpellings) -> list[Suggestion]:
    """The found quotes with cue offsets and speaker entities, resolved in text order (each
    speaker span once); a description is named once the article names the person later."""
    result: list[Suggestion] = []
    entities: dict[tuple[int, int], str] = {}
    for item in items:
        cue = None
        if item.verb is not None:
            last = doc[item.cue_last if item.cue_last is not None else item.verb]
            cue = (doc[item.verb].idx, last.idx + len(last.text))
        speaker = entity = None
        if item.speaker is not None:
            key = (item.speaker.start, item.speaker.end)
            if key not in entities:
                entities[key] = resolver.resolve(item.speaker, item.intro)
            speaker, entity = key, entities[key]
        result.append(Suggestion(item.start, item.end, item.kind, cue, speaker, entity, item.by, item.score))
    spans = {(i.speaker.start, i.speaker.end): i.speaker for i in items if i.speaker is not None}
    late = {key: spellings.preferred(resolver.late_description(spans[key], entity)) for key, entity in entities.items()}
    return [replace(s, entity=late[s.speaker]) if s.speaker is not None else s for s in result]
