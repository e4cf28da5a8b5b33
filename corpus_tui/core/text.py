"""Tokens, sentences, paragraphs and quotation marks of an article, by character offset.

Every part of the program that asks "where does this word, sentence, paragraph or
quotation start?" asks here, so the TUI's cursor moves, the editor's "same sentence"
test for a cue, the suggester's mark pairing and the review's token overlap agree on
one answer. Everything works on the article's own ``str`` offsets; spaCy's parse keeps
its own tokens and sentences (it needs them for the dependency tree), this module is for
offsets-level segmentation without a model.

Paragraphs are lines: news text puts every paragraph on its own line, so a line break
always ends a paragraph (and a sentence). Sentences end at a full stop, question or
exclamation mark or ellipsis, maybe followed by closing quotation marks or brackets, then
white space; but not before a lower-case word (``"Why?" she asked``) and not after an
abbreviation or an initial (``Dr. Smith``, ``the U.S. military``, ``J. K. Rowling``)
unless what follows plainly starts a sentence (``... in the U.S. The ministry said``).
"""

from __future__ import annotations

import re
from functools import lru_cache

# --------------------------------------------------------------------------- quotation marks

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
#: every quotation mark: straight, curly, guillemets, low-9
QUOTE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE

#: a double mark that may open or close a quotation (a straight ``"`` does both)
_DOUBLE_MARK = re.compile(f"[{DOUBLE_OPEN}{DOUBLE_CLOSE}{STRAIGHT_DOUBLE}]")


def double_quotations(text: str, start: int, end: int) -> list[tuple[int, int | None]]:
    """The double quotation marks in ``text[start:end]`` paired left to right.

    Returns (opening mark, closing mark) offsets in order; the last pair has None for its
    closing mark when the quotation is still open at ``end``. A closing mark with nothing
    open is ignored. Callers pass one paragraph: news text never closes a quotation in a
    later paragraph (it repeats the opening mark instead).
    """
    pairs: list[tuple[int, int | None]] = []
    opened: int | None = None
    for m in _DOUBLE_MARK.finditer(text, start, end):
        i = m.start()
        if opened is None:
            if m.group() not in DOUBLE_CLOSE:
                opened = i
        elif m.group() not in DOUBLE_OPEN:
            pairs.append((opened, i))
            opened = None
    if opened is not None:
        pairs.append((opened, None))
    return pairs


def has_double_mark(text: str, start: int, end: int) -> bool:
    """Whether a double quotation mark stands in ``text[start:end]`` (a quoted fragment; a
    single mark is no evidence, it is mostly an apostrophe)."""
    return _DOUBLE_MARK.search(text, start, end) is not None


def enclosing_quotation(text: str, offset: int) -> tuple[int, int] | None:
    """The content between the quotation marks around ``offset`` (what ``"`` selects).

    Marks are paired left to right within the paragraph; an unclosed quotation (a quote
    continued in the next paragraph) runs to the paragraph's end. The marks themselves
    belong to the quotation, so the cursor may sit on either of them.
    """
    if not 0 <= offset <= len(text):
        return None
    para_start, para_end = paragraph_around(text, offset)
    for opened, closed in double_quotations(text, para_start, para_end):
        if closed is None:
            return (opened + 1, para_end) if opened <= offset and para_end > opened + 1 else None
        if opened <= offset <= closed:
            return (opened + 1, closed) if closed > opened + 1 else None
        if closed > offset:
            return None
    return None


def strip_quote_marks(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Shrink [start, end) to the content inside quotation marks, if it is bounded by them.

    Returns (start, end, bounded): bounded is True when marks enclose the span, either
    inside the selection or right outside it. Surrounding white space is dropped.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2 and text[start] in QUOTE_MARKS and text[end - 1] in QUOTE_MARKS:
        return start + 1, end - 1, True
    outside = start > 0 and end < len(text) and text[start - 1] in QUOTE_MARKS and text[end] in QUOTE_MARKS
    return start, end, outside


# --------------------------------------------------------------------------- paragraphs


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line, empty ones included (the TUI shows those too)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (nl := text.find("\n", pos)) >= 0:
        spans.append((pos, nl))
        pos = nl + 1
    spans.append((pos, len(text)))
    return spans


def paragraph_around(text: str, offset: int) -> tuple[int, int]:
    """[start, end) of the line holding ``offset`` (a line break belongs to the line it ends)."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def same_paragraph(text: str, start: int, end: int) -> bool:
    """Whether no line break lies in ``text[start:end]``."""
    return text.find("\n", start, end) < 0


# --------------------------------------------------------------------------- tokens

#: a word (with inner apostrophes and hyphens: "Korea's", "we'll", "long-range") or one
#: punctuation character
_TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")


def token_bounds(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the tokens of ``text``, in order (empty lists for no token)."""
    starts: list[int] = []
    ends: list[int] = []
    add_start, add_end = starts.append, ends.append  # the TUI indexes 100,000 characters on open
    for m in _TOKEN.finditer(text):
        add_start(m.start())
        add_end(m.end())
    return starts, ends


# --------------------------------------------------------------------------- sentences

#: characters that end a sentence
FULL_STOPS = ".!?…"
#: what may follow a full stop and still belong to its sentence: closing marks and brackets
AFTER_STOP = DOUBLE_CLOSE + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE + ")]"

#: a candidate sentence end: a full stop (maybe closed by marks) and white space, or a line
#: break; ``stop`` does not take part for a bare line break
_CANDIDATE = re.compile(rf"(?P<stop>[{FULL_STOPS}]+[{re.escape(AFTER_STOP)}]*)\s+|\n\s*")

_OPENERS = DOUBLE_OPEN + SINGLE_OPEN + STRAIGHT_DOUBLE + STRAIGHT_SINGLE + "(["
#: what opens the next sentence: opening marks or brackets, then a word (maybe empty)
_NEXT = re.compile(rf"([{re.escape(_OPENERS)}]*)(\w*)")
#: the word right before a full stop, if it is short and alphabetic ("Dr", "U.S", "e.g", "J")
_WORD_BEFORE_STOP = re.compile(rf"(?<![^\s\-{re.escape(_OPENERS)}])(?:[A-Za-z]\.)*[A-Za-z]{{1,6}}\Z")
#: titles stand before a name, so their full stop never ends a sentence ("Mr. He Lifeng")
_TITLES = frozenset(
    str.split("Mr Mrs Ms Mx Dr Prof Rev Hon Gov Sen Rep Gen Lt Col Maj Capt Cmdr Sgt Adm Pres St Mt Ft vs e.g i.e cf")
)
#: other abbreviations (and dotted ones, U.S or a.m, and initials) end a sentence only
#: before a word that plainly starts one
_ABBREVIATIONS = frozenset(
    str.split(
        "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Inc Corp Co Ltd Jr Sr No Nos etc al approx Ave Blvd Rd Dept"
    )
)
#: capitalised words that start sentences and hardly ever follow an abbreviation inside one
_STARTERS = frozenset(
    str.split(
        "The A An This That These Those It Its He She They We I You His Her Their Our My Your There Here But And Or "
        "So Yet Still Then Now In On At For From By With After Before When While Where If As Although Though Because "
        "Since Meanwhile However Also Some Many Most Several Both All Each Other Another What Who Why How According "
        "Earlier Later Last Today Yesterday"
    )
)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether the candidate ``m`` of ``_CANDIDATE`` really ends a sentence."""
    if "\n" in m.group():
        return True
    s = m.end()
    if s >= len(text):
        return True
    nxt = _NEXT.match(text, s)
    opening, word = nxt.groups() if nxt else ("", "")
    if word[:1].islower():  # '"Why?" she asked', 'e.g. apples', 'Well... we will see'
        return False
    stop = m.group("stop")
    if stop[0] != "." or stop[1:2] == ".":  # ? and ! end a sentence, and so does an ellipsis
        return True
    before = _WORD_BEFORE_STOP.search(text, max(0, m.start() - 12), m.start())
    if before is None:
        return True
    abbreviation = before.group()
    if abbreviation in _TITLES:
        return False
    if abbreviation in _ABBREVIATIONS or "." in abbreviation or _is_initial(abbreviation):
        return word in _STARTERS or (opening != "" and opening[0] in QUOTE_MARKS)
    return True


def _is_initial(word: str) -> bool:
    """A capital standing for a name ("J. K. Rowling"); "I" ends sentences ("... than I. Kim said")."""
    return len(word) == 1 and word.isupper() and word != "I"


def sentence_starts(text: str) -> list[int]:
    """Where each sentence starts: 0, then the first character after each sentence end."""
    n = len(text)
    starts = [0]
    for m in _CANDIDATE.finditer(text):
        if m.end() < n and _ends_sentence(text, m):
            starts.append(m.end())
    return starts


def sentence_break_between(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends in ``text[start:end]``: its full stop (or line break) at or
    after ``start`` and the white space after it beginning before ``end``.

    A full stop inside a quotation that ends at ``start`` does not count, so ``"We will
    win." he said`` keeps the quote and its cue in one sentence.
    """
    for m in _CANDIDATE.finditer(text, start):
        gap = m.end("stop") if m.group("stop") is not None else m.start()
        if gap >= end:
            return False
        if _ends_sentence(text, m):
            return True
    return False


# --------------------------------------------------------------------------- search


def find_text(text: str, query: str, offset: int) -> tuple[int, int] | None:
    """The next case-insensitive match of ``query`` after ``offset``, wrapping around."""
    if not query:
        return None
    haystack, needle = text.casefold(), query.casefold()
    if len(haystack) != len(text):  # casefold changed lengths (ß → ss): offsets would drift
        haystack, needle = text.lower(), query.lower()
        if len(haystack) != len(text):
            haystack, needle = text, query
    found = haystack.find(needle, offset + 1)
    if found < 0:
        found = haystack.find(needle)
    if found < 0:
        return None
    return found, found + len(needle)


# --------------------------------------------------------------------------- terminal safety


def _terminal_table() -> dict[int, str]:
    """Every character that could drive, reorder or hide what a terminal shows, and the one
    visible character shown in its place (one for one, so lengths and offsets never change)."""
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}  # ␀ … ␟: ␛ for ESC, ␊, ␉
    table[0x7F] = "␡"
    for c in range(0x80, 0xA0):  # C1 controls: 0x9b is a CSI and 0x9d an OSC on their own
        table[c] = "�"
    # bidi embeddings, overrides, isolates and marks reorder the text around them; zero-width
    # and line/paragraph separators hide text or break a line where none is shown
    for c in (0x061C, *range(0x200B, 0x2010), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF):
        table[c] = "¦"
    for c in range(0xD800, 0xE000):  # a lone surrogate cannot even be encoded for the terminal
        table[c] = "�"
    return table


_TERMINAL = _terminal_table()


@lru_cache(maxsize=16)
def _table(keep: str, blank: str, escape: bool) -> dict[int, str]:
    table = {c: f"\\u{c:04x}" if escape else shown for c, shown in _TERMINAL.items() if chr(c) not in keep}
    table.update((ord(c), " ") for c in blank)
    return table


def terminal_safe(text: str, keep: str = "", blank: str = "") -> str:
    """``text`` (from a config, a journal, an article, an import) made safe to show on a
    terminal: the one place that decides which characters are shown as what.

    Control characters (C0 as the control pictures ␛ ␊ ␉ …, DEL as ␡, C1 as �), bidi and
    zero-width characters (as ¦) and lone surrogates (as �) each become one visible
    character, so the result has the length of ``text`` (the article view maps offsets 1:1).
    ``keep``: layout characters passed through where the layout wants them ("\\n\\t" for
    multi-line messages); ``blank``: characters shown as a space (the article's tab).
    """
    if text.isprintable():  # the common case costs one C-level scan
        return text
    return text.translate(_table(keep, blank, False))


def escape_unsafe(text: str, keep: str = "") -> str:
    """``text`` with the characters ``terminal_safe`` replaces written as ``\\uXXXX`` escapes
    instead, for formats that have them (JSON): lossless, and nothing raw reaches a terminal."""
    if text.isprintable():
        return text
    return text.translate(_table(keep, "", True))
