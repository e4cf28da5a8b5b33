"""Quotation-mark pairing and paragraph roles, in plain Python (no spaCy).

Why by hand rather than with a regex: news text mixes straight and curly marks, nests
single quotes inside double ones, continues a quote over paragraphs by repeating only
the opening mark, and is full of apostrophes ("Korea's", "we'll", "countries' leaders")
that look like closing single quotes. A small scanner that knows paragraphs handles all
of these and is shared by the parser rules and the blank-pipeline fallback. The marks,
the paragraphs and the pairing of double marks are core.text's, as everywhere else; the
news conventions on top of them (apostrophes, quotes continued over paragraphs, roles)
are the suggester's own and live here.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from corpus_tui.core.text import (
    AFTER_STOP,
    DOUBLE_OPEN,
    FULL_STOPS,
    QUOTE_MARKS,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT_DOUBLE,
    STRAIGHT_SINGLE,
    double_quotations,
    paragraph_spans,
)

#: the name speech.py imports the quotation marks by (core.text.QUOTE_MARKS)
ALL_MARKS = QUOTE_MARKS

#: characters after which a straight mark opens rather than closes
_OPENING_CONTEXT = set(" \t\n([{—–-/:") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][A-Za-z.'\- ]+)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?\s*"
    r"(?:\([^)\n]{1,40}\)\s*)?(?:--|—|–|-)\s*"
)
_CREDIT_AT_END = re.compile(r"\((?:[A-Z][\w.&'/ -]{1,40}|[A-Z]{2,}[\w/ .-]*)\)\s*$")
_PHOTO_WORDS = re.compile(
    r"\b(?:in this (?:file )?(?:photo|picture|image|captured image|handout)|photo (?:provided|released|taken)|"
    r"is seen|are seen|pictured|poses? for|photo by|file photo|getty images|ap photo|reuters/|afp via)\b",
    re.IGNORECASE,
)
#: AP's prefix for a photo taken earlier ("FILE - Luis Moreno gestures ...")
_FILE_PREFIX = re.compile(r"^FILE(?: PHOTO)?\s*(?:-|–|—|:)\s")
#: the full date of a wire caption: "in Harbor City, Sunday, Oct. 8, 2023"; body text
#: says "on Sunday" and leaves out the weekday or the year
_CAPTION_DATE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?:Jan\.|Feb\.|March|April|May|June|July|Aug\.|Sept\.|Oct\.|"
    r"Nov\.|Dec\.) \d{1,2}, \d{4}\b"
)
_NOT_VERBS = frozenset({"is", "was", "has", "his", "its", "this", "as", "us", "says"})
#: a paragraph that ends like a sentence (or introduces what follows, with : or ;) is body text
_SENTENCE_END = re.compile(rf"[{FULL_STOPS}:;][{re.escape(AFTER_STOP)}]*\s*$")


@dataclass(frozen=True, slots=True)
class MarkSpan:
    """A stretch of text between quotation marks.

    ``start``/``end`` bound the content (marks excluded, surrounding space trimmed);
    ``open``/``close`` are the offsets of the marks (``close`` is None when the quote runs
    on into the next paragraph). ``chain`` numbers the paragraphs of one continued quote
    from 0, so the rules can give every part the same speaker and cue.
    """

    open: int
    close: int | None
    start: int
    end: int
    double: bool
    chain: int = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    #: "body", "headline", "caption"
    role: str
    #: where the body text starts (after a dateline such as "WASHINGTON, Sept. 13 (Yonhap) --")
    body_start: int


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines of ``text`` with their role; every line break ends a paragraph."""
    result: list[Paragraph] = []
    for start, end in paragraph_spans(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        start += lead
        end = start + len(stripped)
        body_start = start
        role = paragraph_role(stripped)
        dateline = _DATELINE.match(stripped)
        if dateline and role != "caption" and not any(p.role == "body" for p in result):
            body_start = start + dateline.end()
            role = paragraph_role(stripped[dateline.end() :]) if dateline.end() < len(stripped) else "headline"
        result.append(Paragraph(start, end, role, body_start))
    return result


def paragraph_role(paragraph: str) -> str:
    """Captions and headlines are never quotes (guideline 8): tell them from body text.

    A caption credits an image ("... in this photo provided by ... (Yonhap)"), is an AP
    file photo ("FILE - ...") or describes the picture in the present tense with the
    wire's full date ("Luis Moreno speaks during a news conference in Harbor City,
    Sunday, Oct. 8, 2023, after ..."); a headline is a short line without sentence-final
    punctuation.
    """
    if _PHOTO_WORDS.search(paragraph) or (_CREDIT_AT_END.search(paragraph) and not any(m in paragraph for m in '"“”')):
        return "caption"
    if _FILE_PREFIX.match(paragraph) or (_CAPTION_DATE.search(paragraph) and _present_tense_subject(paragraph)):
        return "caption"
    if not _SENTENCE_END.search(paragraph) and len(paragraph.split()) <= 25:
        return "headline"
    return "body"


def _present_tense_subject(paragraph: str) -> bool:
    """A name followed by a present-tense verb near the start ("Kemi Adeyemi reacts")."""
    words = paragraph.split()[:12]
    for before, word in itertools.pairwise(words):
        if before[:1].isupper() and word.islower() and len(word) > 3 and word.endswith("s") and word not in _NOT_VERBS:
            return True
    return False


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _straight_single_opens(text: str, i: int, start: int) -> bool:
    """An apostrophe at ``i`` opens a single quote: space before, a letter after, and not a
    contraction like 'tis or a decade like '90s."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before not in _OPENING_CONTEXT or not after.isalpha():
        return False
    return not re.match(r"'(?:tis|twas|em|n|cause|til)\b", text[i : i + 7], re.IGNORECASE)


def _single_closes(text: str, i: int, end: int) -> bool:
    """A ’ or ' closes a single quote when no letter follows (else it is an apostrophe)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and not _is_word(after)


def _plural_possessive(text: str, i: int) -> bool:
    """ "players' union": a mark after an "s" and before a lower-case word may be the
    apostrophe of a plural possessive rather than the end of a single quote."""
    return i > 0 and text[i - 1] == "s" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].islower()


def _closes_later(text: str, i: int, end: int) -> bool:
    """A single quote open at ``i`` can still close further on in the paragraph, so a
    possessive-looking mark at ``i`` is taken as the apostrophe ("'The players' union
    won't agree,' the minister said"); without a later close it ends the quote ("the
    plan was 'a mess' and ...")."""
    return any(
        text[j] in SINGLE_CLOSE + STRAIGHT_SINGLE and _single_closes(text, j, end) and not _plural_possessive(text, j)
        for j in range(i + 1, end)
    )


def find_mark_spans(text: str, paras: list[Paragraph] | None = None) -> list[MarkSpan]:
    """All top-level quotations in ``text``, in order; nested quotes stay inside their parent.

    A double quote left open at the end of a paragraph continues when the next paragraph
    opens with a quotation mark (the news convention); otherwise it is dropped as
    unbalanced rather than guessed. Single quotes are paired only outside double quotes
    and never across paragraphs.
    """
    if paras is None:
        paras = paragraphs(text)
    spans: list[MarkSpan] = []
    carry_chain: int | None = None  # chain index when the previous paragraph left a quote open
    for p_index, para in enumerate(paras):
        continued, carry_chain = carry_chain, None
        outside = para.start  # where the text outside double quotes resumes
        for open_at, close_at in double_quotations(text, para.start, para.end):
            spans.extend(_single_quotes(text, para, outside, open_at))
            chain = continued + 1 if continued is not None and open_at == para.start else 0
            if close_at is not None:
                span = _content(text, open_at, close_at, double=True, chain=chain)
                if span is not None:
                    spans.append(span)
                outside = close_at + 1
                continue
            outside = para.end
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            if nxt is not None and (text[nxt.start] in DOUBLE_OPEN or text[nxt.start] == STRAIGHT_DOUBLE):
                start = open_at + 1
                while start < para.end and text[start].isspace():
                    start += 1
                if start < para.end:
                    spans.append(MarkSpan(open_at, None, start, para.end, True, chain))
                    carry_chain = chain
        spans.extend(_single_quotes(text, para, outside, para.end))
    return spans


_SINGLE_MARK = re.compile(f"[{SINGLE_OPEN}{SINGLE_CLOSE}{STRAIGHT_SINGLE}]")


def _single_quotes(text: str, para: Paragraph, start: int, end: int) -> list[MarkSpan]:
    """Single quotations in ``text[start:end]``, a stretch of ``para`` outside double quotes."""
    spans: list[MarkSpan] = []
    single_open: int | None = None
    for m in _SINGLE_MARK.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if single_open is None:
            if ch in SINGLE_OPEN or (ch == STRAIGHT_SINGLE and _straight_single_opens(text, i, para.start)):
                single_open = i
        elif (
            ch in SINGLE_CLOSE + STRAIGHT_SINGLE
            and _single_closes(text, i, para.end)
            and not (_plural_possessive(text, i) and _closes_later(text, i, para.end))
        ):
            span = _content(text, single_open, i, double=False, chain=0)
            if span is not None:
                spans.append(span)
            single_open = None
    return spans


def _content(text: str, open_at: int, close_at: int, double: bool, chain: int) -> MarkSpan | None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return MarkSpan(open_at, close_at, start, end, double, chain)


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, not overlapping: quoted text)."""
    i = bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
