"""Indirect and mixed quotes: the content clause of a speech verb, per guidelines 2 and 3.

With a parser the content is the verb's clausal complement ("said [the talks would
continue]"), a clause before it set off by a comma ("[X], officials said"), the host
sentence of a parenthetical "said", or the "as"/"of"/"to" phrase of verbs that take their
content after an object ("described the meeting as ..."). Without one the pattern
"<speaker> <verb> [someone] that <content>" stands in. Spans leave out "that", the
final period and a trailing coordinator; a content containing a quotation is *mixed*.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus_tui.core.model import Kind
from corpus_tui.core.speech_verbs import SPEECH_FORMS, SPEECH_VERBS
from corpus_tui.suggest.attribution import cue_speaker, intro_of
from corpus_tui.suggest.lexicon import OBJECT_CONTENT_VERBS, VERB_ADVERBS
from corpus_tui.suggest.parsed import TERMINATORS, Found, ParsedText
from corpus_tui.suggest.quotes import ALL_MARKS, Paragraph, inside

if TYPE_CHECKING:
    from spacy.tokens import Token

_COORD = frozenset({"and", "but", "or", "while", "though"})
_TRAILING = frozenset({",", ".", ";", ":", "--", "—", "–", "-"})


def content_quotes(text: ParsedText, direct: list[Found]) -> list[Found]:
    """The content of every speech verb outside the ``direct`` quotes, with its speaker."""
    direct_spans = sorted((d.start, d.end) for d in direct)
    found: list[Found] = []
    for tok in text.doc:
        if not text.is_speech_verb(tok, strict=False):
            continue
        para = text.para_of(tok.idx)
        if para is None or para.role != "body" or tok.idx < para.body_start:
            continue
        if inside(direct_spans, tok.idx) or _participle(text, tok):
            continue
        span = _content_span(text, tok, para) if text.parsed else _pattern_content(text, tok, para)
        if span is None:
            continue
        start, end = span
        if any(s < end and start < e for s, e in direct_spans):
            continue
        kind = Kind.MIXED if any(m.open >= start and m.open < end for m in text.marks) else Kind.INDIRECT
        speaker = cue_speaker(text, tok.i)
        if speaker is not None and start <= speaker.start < end and not start <= tok.idx < end:
            # "said he would ...": the subject of the content, not its speaker (only a
            # parenthetical attribution, "The US, Antonov said, had ...", lies inside)
            speaker = None
        found.append(Found(start, end, kind, tok.i, speaker, intro=intro_of(text, tok.i)))
    return found


def _participle(text: ParsedText, verb: Token) -> bool:
    """ "Asked whether ...", "was told that ...": the subject is not the speaker.

    A past form opening its sentence ("Asked whether the season was over, Adeyemi
    shook her head") is a participle without a subject of its own, whatever tag the
    parser gives it: the person was asked, and what follows is a question, not what
    anyone said. An "-ing" form opening a sentence ("Warning that ..., the minister
    said") keeps its content: its speaker is the main clause's subject."""
    if _opens_sentence(text, verb) and verb.lower_ == SPEECH_VERBS.get(text.lemma(verb), ("",) * 3)[2]:
        return not (text.parsed and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children))
    if not text.parsed or verb.tag_ != "VBN":
        return False
    return not any(c.dep_ == "aux" and c.lower_ in {"has", "have", "had", "'s", "'ve", "having"} for c in verb.children)


def _opens_sentence(text: ParsedText, tok: Token) -> bool:
    """Nothing but space, a dateline or a closed sentence before ``tok``."""
    para = text.para_of(tok.idx)
    start = para.body_start if para is not None else 0
    before = text.text[start : tok.idx].rstrip()
    return not before or before[-1] in ".!?" or before.endswith(tuple(f"{p}{m}" for p in ".!?" for m in ALL_MARKS))


def _content_span(text: ParsedText, verb: Token, para: Paragraph) -> tuple[int, int] | None:
    """The complement of a parsed speech verb, per guidelines 2 and 3."""
    content = [c for c in verb.children if c.dep_ == "ccomp"]
    lemma = text.lemma(verb)
    if not content:
        content = [c for c in [_clause_on_object(verb)] if c is not None]
    if content:
        head = content[0]
        found = (
            _left_clause(text, head, verb, para)
            if head.i < verb.i
            else _right_clause(text, head, verb, para, _clause_start(head, verb), _clause_end(head, content))
        )
        if found is not None:
            return found
    if verb.dep_ == "parataxis" and lemma == "say" and verb.head.i > verb.i:
        # "The United States, Antonov said, had built up ...": the host sentence
        host = verb.head
        return trim_span(text, max(host.left_edge.i, text.token_at(para.body_start)), host.right_edge.i, para)
    allowed = OBJECT_CONTENT_VERBS.get(lemma)
    if allowed:
        # "described the meeting as ...", "accused Washington of ...", "urged Poland to ..."
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        # the parser hangs the "as"/"of" phrase on the verb or on its object
        # ("described [the response] [as ...]" either way)
        candidates = [*verb.children, *(g for o in objects for g in o.children if g.dep_ in {"prep", *allowed})]
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
            return _right_clause(text, extra[-1], verb, para, objects[0].left_edge.i)
    return None


def _clause_end(head: Token, clauses: list[Token]) -> int:
    """The content's last token: a second clausal complement right after the first is the
    parser splitting one clause ("wants [the city to pay officers for the time] [spent
    tagging videos]"), so the content runs on to its end."""
    last = head.right_edge.i
    for other in sorted(clauses, key=lambda c: c.i):
        if other.i > head.i and other.left_edge.i == last + 1:
            last = other.right_edge.i
    return last


def _right_clause(
    text: ParsedText, head: Token, verb: Token, para: Paragraph, first: int, last: int | None = None
) -> tuple[int, int] | None:
    first = max(first, verb.i + 1)
    last = head.right_edge.i if last is None else last
    # the content stops before another speech verb coordinated with it ("..., but noted
    # ...", "he supported the ban but warned against ...")
    for tok in text.doc[first : last + 1]:
        if tok.dep_ == "conj" and tok.head.i == head.i and text.is_speech_verb(tok, strict=False):
            last = tok.i - 1
            break
    while first <= last and (
        _complementiser(text.doc[first])
        or (text.doc[first].is_punct and text.doc[first].text not in ALL_MARKS)
        or text.doc[first].is_space
    ):
        first += 1
    return trim_span(text, first, last, para)


def _complementiser(tok: Token) -> bool:
    """ "that" opening the content clause, left out of the span: the parser calls it a
    mark, but also a determiner ("added that [footage would be kept]") or an adverb; only
    as the clause's subject ("said that was wrong") is it content."""
    return tok.lower_ == "that" and tok.dep_ not in {"nsubj", "nsubjpass"}


def _clause_on_object(verb: Token) -> Token | None:
    """A content clause the parser hung on a noun after the verb as a relative clause:
    "told analysts on a call [that demand would recover]", "told a rally outside the office
    [that teachers had gone ...]". It opens with "that" and has a subject of its own."""
    stack = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "dative", "prep", "npadvmod"}]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.i < verb.i:
                continue
            if child.dep_ in {"relcl", "acl"} and child.left_edge.lower_ == "that":
                if any(g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ != "that" for g in child.children):
                    return child
            elif child.dep_ in {"prep", "pobj"}:
                stack.append(child)
    return None


def _left_clause(text: ParsedText, head: Token, verb: Token, para: Paragraph) -> tuple[int, int] | None:
    """Content before its verb ("X, officials said") needs the comma that sets it off."""
    first, last = head.left_edge.i, head.right_edge.i
    while last > first and text.doc[last].is_punct and text.doc[last].text not in ALL_MARKS:
        last -= 1
    nxt = last + 1
    while nxt < verb.i and (text.doc[nxt].is_space or text.doc[nxt].text in ALL_MARKS):
        nxt += 1
    if nxt >= verb.i or text.doc[nxt].text != ",":
        return None
    first = max(first, text.token_at(para.body_start))
    while first <= last and text.doc[first].idx < para.body_start:
        first += 1
    return trim_span(text, first, last, para)


def trim_span(text: ParsedText, first: int, last: int, para: Paragraph) -> tuple[int, int] | None:
    """Tokens ``first``..``last`` as a quote's span: inside the paragraph, without leading
    punctuation, trailing punctuation or a trailing coordinator; None when under two words."""
    doc = text.doc
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
    rest = text.text[end : para.end]
    if rest[:1] in ".,!?" and rest[1:2] in ALL_MARKS and text.closes_mark(end + 1):
        end += 2
    elif rest[:1] in ALL_MARKS and text.closes_mark(end):
        end += 1
    if len(text.text[start:end].split()) < 2:
        return None
    return start, end


def _pattern_content(text: ParsedText, verb: Token, para: Paragraph) -> tuple[int, int] | None:
    """Without a parser: "<speaker> <verb> [someone] that <content>."."""
    doc = text.doc
    i = verb.i + 1
    limit = min(len(doc), verb.i + 4)
    while i < limit and doc[i].lower_ != "that":
        if doc[i].is_punct or doc[i].lower_ in SPEECH_FORMS:
            return None
        i += 1
    if i >= limit or doc[i].lower_ != "that" or i + 1 >= len(doc):  # "that" may end the text
        return None
    first = i + 1
    last = first
    # "Moreno, who said that ..., was sacked": a relative clause ends at its comma
    relative = verb.i > 0 and doc[verb.i - 1].lower_ in {"who", "which"}
    stops = TERMINATORS | {","} if relative else TERMINATORS
    while last + 1 < len(doc) and doc[last + 1].idx < para.end and doc[last + 1].text not in stops:
        last += 1
    return trim_span(text, first, last, para)


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
