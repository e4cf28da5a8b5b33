"""The rules: from a processed spaCy ``Doc`` to suggested quotes with cue and speaker.

Direct quotes come from quotation-mark pairs (``quotes.py``) that stand as sentences and
have an attribution ("...," Kirby added / Kirby said: "..." / a split or continued quote
inheriting from its first part). Indirect and mixed quotes come from the parse: a speech
verb by lemma and its clausal complement. Without a parser (``spacy.blank``) the same
direct-quote rules run on word forms, and indirect quotes need an explicit "that".
Every span follows the core guidelines (marks excluded for direct quotes; the complement
without "that" and without the final period for indirect and mixed ones).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from corpus_tui.core.model import Kind
from corpus_tui.suggest.attribution import bare_attribution
from corpus_tui.suggest.gender import gender_evidence
from corpus_tui.suggest.lexicon import (
    CLAUSE_ONLY,
    COUNTRY_ALIASES,
    OBJECT_CONTENT_VERBS,
    SPEECH_FORMS,
    SPEECH_LEMMAS,
    SPEECH_VERBS,
    TITLES,
    VERB_ADVERBS,
)
from corpus_tui.suggest.names import NameSpellings
from corpus_tui.suggest.quotes import ALL_MARKS, MarkSpan, Paragraph, find_mark_spans, inside, paragraphs
from corpus_tui.suggest.speakers import (
    PLACES,
    EntityResolver,
    SpeakerSpan,
    canonical_name,
    name_tokens,
    speaker_near_form,
    speaker_of_verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_TERMINATORS = frozenset({".", "!", "?"})
_COORD = frozenset({"and", "but", "or", "while", "though"})
_TRAILING = frozenset({",", ".", ";", ":", "--", "—", "–", "-"})
#: how far after a closing mark the attribution verb may sit, in tokens
_AFTER_WINDOW = 12


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested quote with its cue and speaker (offsets into the document text)."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    entity: str | None = None


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    verb: int | None  # token index of the cue
    speaker: SpeakerSpan | None
    donor: _Found | None = None  # the quote whose cue and speaker this one shares
    previous_speaker: bool = False  # a quote paragraph of its own: the last speaker's
    intro: str = ""


class _Analysis:
    def __init__(self, doc: Doc, parsed: bool) -> None:
        self.doc = doc
        self.text = doc.text
        self.parsed = parsed
        self.paras: list[Paragraph] = paragraphs(self.text)
        self.para_starts = [p.start for p in self.paras]
        self.marks: list[MarkSpan] = find_mark_spans(self.text, self.paras)
        self.token_starts = [t.idx for t in doc]
        self.mark_starts = [m.start for m in self.marks]

    # -- lookups

    def para_of(self, offset: int) -> Paragraph | None:
        i = bisect_right(self.para_starts, offset) - 1
        if i >= 0 and offset <= self.paras[i].end:
            return self.paras[i]
        return None

    def token_at(self, offset: int) -> int:
        """Index of the token starting at or covering ``offset``."""
        return max(0, bisect_right(self.token_starts, offset) - 1)

    def tokens_between(self, start: int, end: int) -> range:
        return range(bisect_left(self.token_starts, start), bisect_left(self.token_starts, end))

    def is_speech_verb(self, tok: Token, strict: bool) -> bool:
        """A speech verb by lemma (by word form without a lemmatizer); ``strict`` leaves out
        verbs that report speech only with a clause ("expressed", "called")."""
        lower = tok.lower_
        if self.parsed:
            if tok.pos_ not in {"VERB", "AUX"}:
                return False
            lemma = tok.lemma_.lower()
            if lemma not in SPEECH_LEMMAS:
                lemma = SPEECH_FORMS.get(lower)
        else:
            lemma = SPEECH_FORMS.get(lower)
        if lemma is None:
            return False
        return not (strict and lemma in CLAUSE_ONLY)

    def lemma(self, tok: Token) -> str:
        return tok.lemma_.lower() if self.parsed and tok.lemma_ else SPEECH_FORMS.get(tok.lower_, tok.lower_)

    def speaker(self, verb_index: int) -> SpeakerSpan | None:
        """The parse's subject when it lies in the verb's paragraph and outside quotation
        marks (parsers glue headlines to the next sentence and take a quoted noun for the
        subject of "said Tom Reyes"); else the word pattern around the verb."""
        para = self.para_of(self.doc[verb_index].idx)
        if self.parsed:
            found = speaker_of_verb(self.doc[verb_index], lambda t: not self._in_marks(t.idx))
            if found is not None and self._plausible(found, para):
                return found
        found = speaker_near_form(self.doc, verb_index)
        if found is None and self.doc[verb_index].lower_.endswith("ing"):
            # "..., he said, adding that ...": the speaker of the verb it continues
            for i in range(verb_index - 1, max(-1, verb_index - 40), -1):
                tok = self.doc[i]
                if tok.text in _TERMINATORS or (para is not None and tok.idx < para.body_start):
                    break
                if self.is_speech_verb(tok, strict=False):
                    return self.speaker(i)
        return found if found is not None and self._plausible(found, para) else None

    def _plausible(self, span: SpeakerSpan, para: Paragraph | None) -> bool:
        if para is None or not (para.body_start <= span.start and span.end <= para.end):
            return False
        return not self._in_marks(span.start)

    def _in_marks(self, offset: int) -> bool:
        i = bisect_right(self.mark_starts, offset) - 1
        return i >= 0 and self.marks[i].start <= offset < self.marks[i].end

    def intro_of(self, verb_index: int) -> str:
        """The subject phrase of a verb (to learn "NSC" from "John Kirby, NSC ... coordinator")."""
        if not self.parsed:
            return ""
        verb = self.doc[verb_index]
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return ""
        return self.doc[subject.left_edge.i : subject.right_edge.i + 1].text

    # -- direct quotes

    def sentence_level(self, mark: MarkSpan, para: Paragraph) -> bool:
        """A quotation that stands as (part of) a sentence, not a fragment inside one."""
        if mark.chain > 0 or mark.open <= para.body_start:
            return True
        prefix = self.text[para.body_start : mark.open].rstrip()
        if not prefix:
            return True
        last = prefix[-1]
        if last in ".!?:;—–" or prefix.endswith("--") or last in ALL_MARKS:
            return True
        if last == ",":
            # "..., saying, "..." / "Kirby said, "...": a speech verb right before the comma
            window = self.tokens_between(max(para.body_start, mark.open - 60), mark.open)
            return any(self.is_speech_verb(self.doc[i], strict=True) for i in window)
        return False

    def attribution_after(self, mark: MarkSpan, para: Paragraph) -> int | None:
        if mark.close is None:
            return None
        content_end = self.text[mark.start : mark.end].rstrip()
        stop = para.end
        for other in self.marks:
            if other.open > mark.close:
                stop = min(stop, other.open)
                break
        # '"... deal." Kirby said the ...': the quotation is a sentence of its own, and the
        # next one attributes it only when it is nothing but an attribution
        sentence_ended = content_end.rstrip(ALL_MARKS)[-1:] in _TERMINATORS
        window = self.tokens_between(mark.close + 1, stop)
        count = 0
        for i in window:
            tok = self.doc[i]
            if tok.is_space:
                continue
            if tok.text in _TERMINATORS:
                break
            count += 1
            if count > _AFTER_WINDOW:
                break
            if self.is_speech_verb(tok, strict=True):
                if sentence_ended and not bare_attribution(self.doc, window.start, i, self.parsed):
                    return None
                return i
        return None

    def attribution_before(self, mark: MarkSpan, para: Paragraph) -> int | None:
        prefix = self.text[para.body_start : mark.open].rstrip()
        if not prefix or (prefix[-1] not in ",:—–" and not prefix.endswith("--")):
            return None
        start = para.body_start
        for other in self.marks:
            if other.close is not None and other.close < mark.open:
                start = max(start, other.close + 1)
        candidates = []
        for i in self.tokens_between(start, mark.open):
            tok = self.doc[i]
            if tok.text in _TERMINATORS:
                candidates = []
                continue
            if self.is_speech_verb(tok, strict=True):
                candidates.append(i)
        return candidates[-1] if candidates else None

    def direct_quotes(self) -> list[_Found]:
        """Sentence-level quotations with their attribution.

        A part without a verb of its own shares the cue and speaker of its chain (a quote
        continued over paragraphs), else of the quote before it in the paragraph ("A," he
        said. "B."), else, standing alone as a paragraph, the previous speaker's.
        """
        found: list[_Found] = []
        chains: list[int] = []
        paras: list[int] = []
        alone: list[bool] = []
        chain_id = -1
        for mark in self.marks:
            para = self.para_of(mark.open)
            if para is None or para.role != "body":
                continue
            if not mark.double and len(mark_text(self.text, mark).split()) < 3:
                continue
            if mark.chain == 0:
                chain_id += 1
            if not self.sentence_level(mark, para):
                continue
            verb = self.attribution_after(mark, para)
            if verb is None:
                verb = self.attribution_before(mark, para)
            item = _Found(mark.start, mark.end, Kind.DIRECT, verb, None)
            if verb is not None:
                item.speaker = self.speaker(verb)
                item.intro = self.intro_of(verb)
            found.append(item)
            chains.append(chain_id)
            paras.append(para.start)
            alone.append(self._stands_alone(mark, para))
        kept: list[_Found] = []
        for index, item in enumerate(found):
            if item.verb is None:
                donor = next(
                    (j for j, other in enumerate(found) if chains[j] == chains[index] and other.verb is not None), None
                )
                if donor is None:
                    donor = next(
                        (j for j in range(index - 1, -1, -1) if paras[j] == paras[index] and found[j].verb is not None),
                        None,
                    )
                if donor is not None:
                    item.donor = found[donor]
                elif alone[index] and kept:
                    item.previous_speaker = True
                else:
                    continue
            kept.append(item)
        return kept

    def _stands_alone(self, mark: MarkSpan, para: Paragraph) -> bool:
        before = self.text[para.body_start : mark.open].strip()
        after = self.text[(mark.close + 1) if mark.close is not None else mark.end : para.end].strip()
        return not before and all(ch in ".,;:!?" for ch in after)

    # -- indirect and mixed quotes

    def content_quotes(self, direct: list[_Found]) -> list[_Found]:
        direct_spans = sorted((d.start, d.end) for d in direct)
        found: list[_Found] = []
        for tok in self.doc:
            if not self.is_speech_verb(tok, strict=False):
                continue
            para = self.para_of(tok.idx)
            if para is None or para.role != "body" or tok.idx < para.body_start:
                continue
            if inside(direct_spans, tok.idx) or self._participle(tok):
                continue
            span = self.content_span(tok, para) if self.parsed else self.pattern_content(tok, para)
            if span is None:
                continue
            start, end = span
            if any(s < end and start < e for s, e in direct_spans):
                continue
            kind = Kind.MIXED if any(m.open >= start and m.open < end for m in self.marks) else Kind.INDIRECT
            speaker = self.speaker(tok.i)
            if speaker is not None and start <= speaker.start < end and not start <= tok.idx < end:
                # "said he would ...": the subject of the content, not its speaker (only a
                # parenthetical attribution, "The US, Antonov said, had ...", lies inside)
                speaker = None
            found.append(_Found(start, end, kind, tok.i, speaker, intro=self.intro_of(tok.i)))
        return found

    def _participle(self, verb: Token) -> bool:
        """ "Asked whether ...", "was told that ...": the subject is not the speaker.

        A past form opening its sentence ("Asked whether the season was over, Adeyemi
        shook her head") is a participle without a subject of its own, whatever tag the
        parser gives it: the person was asked, and what follows is a question, not what
        anyone said. An "-ing" form opening a sentence ("Warning that ..., the minister
        said") keeps its content: its speaker is the main clause's subject."""
        if self._opens_sentence(verb) and verb.lower_ == SPEECH_VERBS.get(self.lemma(verb), ("",) * 3)[2]:
            return not (self.parsed and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children))
        if not self.parsed or verb.tag_ != "VBN":
            return False
        return not any(
            c.dep_ == "aux" and c.lower_ in {"has", "have", "had", "'s", "'ve", "having"} for c in verb.children
        )

    def _opens_sentence(self, tok: Token) -> bool:
        """Nothing but space, a dateline or a closed sentence before ``tok``."""
        para = self.para_of(tok.idx)
        start = para.body_start if para is not None else 0
        before = self.text[start : tok.idx].rstrip()
        return not before or before[-1] in ".!?" or before.endswith(tuple(f"{p}{m}" for p in ".!?" for m in ALL_MARKS))

    def content_span(self, verb: Token, para: Paragraph) -> tuple[int, int] | None:
        """The complement of a parsed speech verb, per guidelines 2 and 3."""
        content = [c for c in verb.children if c.dep_ == "ccomp"]
        lemma = self.lemma(verb)
        if content:
            head = content[0]
            found = (
                self._left_clause(head, verb, para)
                if head.i < verb.i
                else self._right_clause(head, verb, para, _clause_start(head, verb))
            )
            if found is not None:
                return found
        if verb.dep_ == "parataxis" and lemma == "say" and verb.head.i > verb.i:
            # "The United States, Antonov said, had built up ...": the host sentence
            host = verb.head
            return self._trim(max(host.left_edge.i, self.token_at(para.body_start)), host.right_edge.i, para)
        allowed = OBJECT_CONTENT_VERBS.get(lemma)
        if allowed:
            # "described the meeting as ...", "accused Washington of ...", "urged Poland to ..."
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
            # the parser hangs the "as"/"of" phrase on the verb or on its object
            # ("described [the response] [as ...]" either way)
            candidates = [*verb.children, *(g for o in objects for g in o.children if g.dep_ == "prep")]
            extra = [
                c
                for c in sorted(candidates, key=lambda c: c.i)
                if c.i > verb.i
                and (
                    c.dep_ in allowed
                    or (c.dep_ == "prep" and c.lower_ in allowed and any(not g.is_punct for g in c.children))
                )
            ]
            if objects and extra:
                return self._right_clause(extra[-1], verb, para, objects[0].left_edge.i)
        return None

    def _right_clause(self, head: Token, verb: Token, para: Paragraph, first: int) -> tuple[int, int] | None:
        first = max(first, verb.i + 1)
        last = head.right_edge.i
        # the content stops before another speech verb coordinated with it ("..., but noted
        # ...", "he supported the ban but warned against ...")
        for tok in self.doc[first : last + 1]:
            if tok.dep_ == "conj" and tok.head.i == head.i and self.is_speech_verb(tok, strict=False):
                last = tok.i - 1
                break
        while first <= last and (
            (self.doc[first].dep_ == "mark" and self.doc[first].lower_ == "that")
            or (self.doc[first].is_punct and self.doc[first].text not in ALL_MARKS)
            or self.doc[first].is_space
        ):
            first += 1
        return self._trim(first, last, para)

    def _left_clause(self, head: Token, verb: Token, para: Paragraph) -> tuple[int, int] | None:
        """Content before its verb ("X, officials said") needs the comma that sets it off."""
        first, last = head.left_edge.i, head.right_edge.i
        while last > first and self.doc[last].is_punct and self.doc[last].text not in ALL_MARKS:
            last -= 1
        nxt = last + 1
        while nxt < verb.i and (self.doc[nxt].is_space or self.doc[nxt].text in ALL_MARKS):
            nxt += 1
        if nxt >= verb.i or self.doc[nxt].text != ",":
            return None
        first = max(first, self.token_at(para.body_start))
        while first <= last and self.doc[first].idx < para.body_start:
            first += 1
        return self._trim(first, last, para)

    def _trim(self, first: int, last: int, para: Paragraph) -> tuple[int, int] | None:
        doc = self.doc
        while first <= last and doc[first].idx < para.start:
            first += 1
        while last >= first and doc[last].idx >= para.end:
            last -= 1
        while first <= last and (doc[first].is_space or doc[first].text in {",", ":", ";", "--", "—"}):
            first += 1
        while last >= first and (doc[last].is_space or doc[last].text in _TRAILING or doc[last].lower_ in _COORD):
            last -= 1
        if last < first:
            return None
        start = doc[first].idx
        end = doc[last].idx + len(doc[last].text)
        # a closing mark right after the clause: keep it, with the period inside it
        rest = self.text[end : para.end]
        if rest[:1] in ".,!?" and rest[1:2] in ALL_MARKS and self._closes_mark(end + 1):
            end += 2
        elif rest[:1] in ALL_MARKS and self._closes_mark(end):
            end += 1
        if len(self.text[start:end].split()) < 2:
            return None
        return start, end

    def _closes_mark(self, offset: int) -> bool:
        return any(m.close == offset for m in self.marks)

    def pattern_content(self, verb: Token, para: Paragraph) -> tuple[int, int] | None:
        """Without a parser: "<speaker> <verb> [someone] that <content>."."""
        doc = self.doc
        i = verb.i + 1
        limit = min(len(doc), verb.i + 4)
        while i < limit and doc[i].lower_ != "that":
            if doc[i].is_punct or doc[i].lower_ in SPEECH_FORMS:
                return None
            i += 1
        if i >= limit or doc[i].lower_ != "that":
            return None
        first = i + 1
        last = first
        # "Moreno, who said that ..., was sacked": a relative clause ends at its comma
        relative = verb.i > 0 and doc[verb.i - 1].lower_ in {"who", "which"}
        stops = _TERMINATORS | {","} if relative else _TERMINATORS
        while last + 1 < len(doc) and doc[last + 1].idx < para.end and doc[last + 1].text not in stops:
            last += 1
        return self._trim(first, last, para)


def _clause_start(head: Token, verb: Token) -> int:
    """Where the content clause of ``verb`` starts: its left edge, less the modifiers of
    the speech verb that the parser hangs on the clause ("said [on Sunday] he would not
    resign", "told reporters [last week] he had ..."). Only a clause without "that" is
    ambiguous like this, and only phrases before its subject are moved out; an adverbial
    clause there ("said if the talks failed, they would leave") is content."""
    first = head.left_edge.i
    subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.i > verb.i), None)
    if subject is None:
        return first
    for child in sorted(head.children, key=lambda c: c.i):
        if child.i >= subject.i or child.left_edge.i != first:
            break
        if child.dep_ in {"prep", "npadvmod"} or (child.dep_ == "advmod" and child.lower_ in VERB_ADVERBS):
            first = child.right_edge.i + 1
        elif child.is_punct and child.text == ",":
            first = child.i + 1
        else:
            break
    return first


def mark_text(text: str, mark: MarkSpan) -> str:
    return text[mark.start : mark.end]


def _without_overlaps(items: list[_Found]) -> list[_Found]:
    """Quotes may not overlap: direct quotes first, then the longer complement."""
    order = {Kind.DIRECT: 0, Kind.MIXED: 1, Kind.INDIRECT: 2}
    kept: list[_Found] = []
    for item in sorted(items, key=lambda f: (order[f.kind], -(f.end - f.start), f.start)):
        if all(item.end <= k.start or k.end <= item.start for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


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


def person_subjects(doc: Doc, skip: list[tuple[int, int]], names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """People named as a subject outside quotations: what "he"/"she" most likely refers to.

    A subject counts when NER calls it a person or it is a word of a person's name in
    ``names`` (the small model often misses a bare last name)."""
    if not doc.has_annotation("DEP"):
        return []
    name_words = {word for _, name in names for word in name.split()}
    found = []
    for tok in doc:
        if tok.dep_ not in {"nsubj", "nsubjpass"} or inside(skip, tok.idx):
            continue
        if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in name_words):
            # the name as written ("Striker Kemi Adeyemi" -> "Kemi Adeyemi"), not only its head
            words = [t for t in name_tokens(tok) if t.i <= tok.i] or [tok]
            found.append((words[0].idx, " ".join(t.text for t in words)))
    return found


def analyze(doc: Doc, parsed: bool | None = None, spellings: NameSpellings | None = None) -> list[Suggestion]:
    """Suggested quotes of one processed document, in text order; ``spellings`` gives
    entities the corpus's preferred spelling (default: this document's own)."""
    if parsed is None:
        parsed = doc.has_annotation("DEP")
    analysis = _Analysis(doc, parsed)
    direct = analysis.direct_quotes()
    content = analysis.content_quotes(direct)
    # resolve inheritance before overlap removal changes indices
    for index, item in enumerate(direct):
        if item.donor is not None:
            item.verb, item.speaker = item.donor.verb, item.donor.speaker
        elif item.previous_speaker:
            previous = [d for d in direct[:index] if d.speaker is not None]
            if previous:
                item.speaker = previous[-1].speaker
    items = _without_overlaps([*direct, *content])
    skip = sorted((d.start, d.end) for d in direct)
    names = person_names(doc, parsed, skip)
    genders = gender_evidence(doc, parsed, skip)
    # a name the text gives a gender to is a person, whatever NER made of it
    people = [*names, *((offset, name) for offset, name, _ in genders)]
    subjects = person_subjects(doc, skip, people)
    known = {name for _, name in names}
    names += [(o, canonical_name(n)) for o, n in subjects if len(n.split()) >= 2 and canonical_name(n) not in known]
    resolver = EntityResolver(full_names=sorted(names), person_subjects=subjects, gender_evidence=genders)
    result: list[Suggestion] = []
    entities: dict[tuple[int, int], str] = {}
    for item in items:
        cue = None
        if item.verb is not None:
            tok = doc[item.verb]
            cue = (tok.idx, tok.idx + len(tok.text))
        speaker = entity = None
        if item.speaker is not None:
            key = (item.speaker.start, item.speaker.end)
            if key not in entities:
                entities[key] = resolver.resolve(item.speaker, item.intro)
            speaker, entity = key, entities[key]
        result.append(Suggestion(item.start, item.end, item.kind, cue, speaker, entity))
    spans = {(i.speaker.start, i.speaker.end): i.speaker for i in items if i.speaker is not None}
    if spellings is None:
        spellings = NameSpellings.from_texts([analysis.text])
    late = {key: spellings.preferred(resolver.late_description(spans[key], entity)) for key, entity in entities.items()}
    return [replace(s, entity=late[s.speaker]) if s.speaker is not None else s for s in result]
