"""Where things are in an article: display-safe text, wrapped lines, tokens, sentences.

Everything here is computed once per document (tokens, sentences, segmented by
core.text like everywhere else) or once per width (wrapped lines) so that a keystroke
only does bisects. Offsets are always the article's
own ``str`` indices: the display text has exactly one character per article character,
so a control character becomes a visible placeholder instead of disappearing and
shifting every offset after it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from rich.cells import get_character_cell_size

from corpus_tui.core.text import paragraph_spans, sentence_starts, terminal_safe, token_bounds


def display_text(text: str) -> str:
    """The article as it may be painted: same length, no character that could drive the
    terminal (``core.text.terminal_safe``, the table every CLI line and widget uses too). A
    tab and a line break are layout here, not data: each shows as one blank cell."""
    return terminal_safe(text, blank="\t\n")


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """Cells one display character takes (combining marks take none, wide CJK/emoji two)."""
    if unicodedata.combining(char):
        return 0
    return get_character_cell_size(char)


def wrap_paragraph(display: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Wrap ``display[start:end]`` (no newline inside) into lines of at most ``width`` cells.

    Breaks after the last space that fits, else inside the word. Each character belongs to
    exactly one line so the cursor can reach it.
    """
    width = max(width, 2)
    if start == end:
        return [(start, start)]
    lines: list[tuple[int, int]] = []
    if display.isascii() or display[start:end].isascii():
        cum = None
    else:
        cum = [0, *accumulate(char_cells(c) for c in display[start:end])]
    s = start
    while s < end:
        if cum is None:
            e = min(s + width, end)
        else:
            limit = cum[s - start] + width
            e = start + bisect_right(cum, limit) - 1
            e = min(max(e, s + 1), end)
        if e < end:
            if display[e] == " ":
                e += 1  # the breaking space ends this line (it may overhang by one blank cell)
            else:
                space = display.rfind(" ", s, e)
                if space > s:
                    e = space + 1
        lines.append((s, e))
        s = e
    return lines


@dataclass
class TextIndex:
    """Token, sentence and paragraph boundaries of one article (computed once, by core.text)."""

    text: str
    display: str = field(init=False)
    token_starts: list[int] = field(init=False)
    token_ends: list[int] = field(init=False)
    sentence_starts: list[int] = field(init=False)
    paragraphs: list[tuple[int, int]] = field(init=False)

    def __post_init__(self) -> None:
        self.display = display_text(self.text)
        starts, ends = token_bounds(self.text)
        if not starts:  # the cursor needs somewhere to be
            starts, ends = [0], [len(self.text)]
        self.token_starts, self.token_ends = starts, ends
        self.sentence_starts = sentence_starts(self.text)
        self.paragraphs = paragraph_spans(self.text)

    # -- tokens

    def token_index(self, offset: int) -> int:
        """Index of the token at or before ``offset``."""
        return max(bisect_right(self.token_starts, offset) - 1, 0)

    def next_token(self, offset: int) -> int:
        i = bisect_right(self.token_starts, offset)
        return self.token_starts[i] if i < len(self.token_starts) else offset

    def prev_token(self, offset: int) -> int:
        i = bisect_left(self.token_starts, offset) - 1
        return self.token_starts[i] if i >= 0 else self.token_starts[0] if self.token_starts[0] < offset else offset

    def token_end(self, offset: int) -> int:
        """End of the token containing ``offset`` (or of the one before it)."""
        i = self.token_index(offset)
        return max(self.token_ends[i], offset + 1 if offset < len(self.text) else offset)

    def token_start(self, offset: int) -> int:
        return min(self.token_starts[self.token_index(offset)], offset)

    # -- sentences

    def next_sentence(self, offset: int) -> int:
        i = bisect_right(self.sentence_starts, offset)
        return self.sentence_starts[i] if i < len(self.sentence_starts) else offset

    def prev_sentence(self, offset: int) -> int:
        i = bisect_left(self.sentence_starts, offset) - 1
        return self.sentence_starts[max(i, 0)]

    # -- wrapping

    def wrap(self, width: int) -> tuple[list[int], list[int]]:
        """Line starts and ends for a view ``width`` cells wide."""
        starts: list[int] = []
        ends: list[int] = []
        for p_start, p_end in self.paragraphs:
            for s, e in wrap_paragraph(self.display, p_start, p_end, width):
                starts.append(s)
                ends.append(e)
        return starts, ends
