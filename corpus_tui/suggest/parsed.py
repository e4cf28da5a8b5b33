"""One processed document as the rules read it: paragraphs, quotation marks, tokens, speech verbs.

Every rule module (``direct``, ``content``, ``attribution``) asks the same questions of
the document: which paragraph an offset is in, which tokens lie between two offsets,
whether an offset is inside quotation marks, whether a token is a speech verb. They are
answered here once per document, with sorted offsets and ``bisect``, because the rules
ask them for every token of every article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus_tui.core.speech_verbs import SPEECH_FORMS, SPEECH_LEMMAS
from corpus_tui.suggest.lexicon import CLAUSE_ONLY
from corpus_tui.suggest.quotes import MarkSpan, Paragraph, find_mark_spans, paragraphs
from corpus_tui.suggest.speakers import SpeakerSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TERMINATORS = frozenset({".", "!", "?"})
#: the ``by`` of what the rules suggest (a trained model's suggestions carry its name)
RULES = "rules"


@dataclass(slots=True)
class Found:
    """A quote the rules found, before overlaps are settled and speakers get entities."""

    start: int
    end: int
    kind: str
    verb: int | None  # token index of the cue
    speaker: SpeakerSpan | None
    donor: Found | None = None  # the quote whose cue and speaker this one shares
    previous_speaker: bool = False  # a quote paragraph of its own: the last speaker's
    intro: str = ""
    #: token index of the cue's last token when it has two ("according to")
    cue_last: int | None = None
    #: found without a verb ("according to"): a verb's quote over the same words wins
    weak: bool = False
    #: who found it, and how sure a trained model was of it (the rules give no score)
    by: str = RULES
    score: float | None = None


class ParsedText:
    """A processed spaCy ``Doc`` with the lookups the rules share; ``parsed`` is False for
    a pipeline without a parser (the rules then go by word forms)."""

    def __init__(self, doc: Doc, parsed: bool) -> None:
        self.doc = doc
        self.text = doc.text
        self.parsed = parsed
        self.paras: list[Paragraph] = paragraphs(self.text)
        self.para_starts = [p.start for p in self.paras]
        self.marks: list[MarkSpan] = find_mark_spans(self.text, self.paras)
        self.token_starts = [t.idx for t in doc]
        self.mark_starts = [m.start for m in self.marks]

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

    def in_marks(self, offset: int) -> bool:
        """Whether ``offset`` lies in the content of a quotation."""
        i = bisect_right(self.mark_starts, offset) - 1
        return i >= 0 and self.marks[i].start <= offset < self.marks[i].end

    def closes_mark(self, offset: int) -> bool:
        return any(m.close == offset for m in self.marks)

    def mark_text(self, mark: MarkSpan) -> str:
        return self.text[mark.start : mark.end]

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
