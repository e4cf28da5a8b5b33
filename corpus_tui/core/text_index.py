"""One article's tokens, sentences and speech verbs, indexed once for lookups by bisection.

The review keys run on every key press over articles of 100,000 characters: "which
sentence is this?", "which token is left of here?", "is there a speech verb near this
quote?" must not re-segment the text each time. ``text_index`` builds the index on first
use and keeps the last few (the documents an annotator moves between), keyed by the text
itself: Python caches a string's hash, so finding the index again costs no rescan.
Segmentation is core.text's, so these answers agree with the cursor moves and the editor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from corpus_tui.core.speech_verbs import CUE_FORMS
from corpus_tui.core.text import sentence_starts, token_bounds


@dataclass(frozen=True, eq=False)
class TextIndex:
    """Token and sentence boundaries of ``text``, and where its speech verbs stand."""

    text: str
    token_starts: list[int]
    token_ends: list[int]
    sentence_starts: list[int]
    #: starts of the tokens that are a speech verb form (``CUE_FORMS``), in order
    verb_starts: list[int]
    #: ``verb_near`` answers by span: the review queue asks for every quote on every key
    _verb_near: dict[tuple[int, int, bool], bool] = field(default_factory=dict, init=False, repr=False)

    # -- sentences

    def sentence_index(self, offset: int) -> int:
        """The number of the sentence holding ``offset`` (0-based)."""
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def sentence_bounds(self, number: int) -> tuple[int, int]:
        """[start, end) of sentence ``number``: up to the next sentence's start."""
        starts = self.sentence_starts
        end = starts[number + 1] if number + 1 < len(starts) else len(self.text)
        return starts[number], end

    def sentences_around(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) of the sentences that [start, end) touches, from the first one's start
        to the last one's end (what a quote and its attribution share)."""
        first = self.sentence_index(start)
        last = self.sentence_index(max(start, end - 1))
        return self.sentence_starts[first], self.sentence_bounds(last)[1]

    # -- tokens

    def token_at(self, offset: int) -> tuple[int, int] | None:
        """The token covering ``offset``, else None (white space)."""
        i = bisect_right(self.token_starts, offset) - 1
        if i >= 0 and offset < self.token_ends[i]:
            return self.token_starts[i], self.token_ends[i]
        return None

    # -- speech verbs

    def verb_near(self, start: int, end: int, outside: bool) -> bool:
        """Whether a speech verb stands in the sentences [start, end) touches (``outside``:
        not within [start, end) itself), remembered per span."""
        key = (start, end, outside)
        near = self._verb_near.get(key)
        if near is None:
            near = self._verb_near[key] = self.has_speech_verb(
                *self.sentences_around(start, end), (start, end) if outside else None
            )
        return near

    def has_speech_verb(self, start: int, end: int, skip: tuple[int, int] | None = None) -> bool:
        """Whether a speech verb starts in [start, end), outside ``skip`` if given."""
        verbs = self.verb_starts
        i = bisect_left(verbs, start)
        while i < len(verbs) and verbs[i] < end:
            if skip is None or not skip[0] <= verbs[i] < skip[1]:
                return True
            i += 1
        return False


@lru_cache(maxsize=8)
def text_index(text: str) -> TextIndex:
    """The index of ``text``, built once (a 100,000-character article: tens of milliseconds)."""
    starts, ends = token_bounds(text)
    verbs = [s for s, e in zip(starts, ends, strict=True) if text[s:e].lower() in CUE_FORMS]
    return TextIndex(text, starts, ends, sentence_starts(text), verbs)


def before(values: list[int], offset: int) -> int | None:
    """The greatest of the sorted ``values`` below ``offset`` (a token start or end left of it)."""
    i = bisect_left(values, offset) - 1
    return values[i] if i >= 0 else None


def after(values: list[int], offset: int) -> int | None:
    """The least of the sorted ``values`` above ``offset``."""
    i = bisect_right(values, offset)
    return values[i] if i < len(values) else None
