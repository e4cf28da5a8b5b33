"""Helpers of the suggestion tests (importable, unlike conftest)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus_tui.suggest.speech import Suggestion


@dataclass(frozen=True)
class Seen:
    """A suggestion as a reader sees it: the strings, not the offsets."""

    kind: str
    text: str
    cue: str | None
    speaker: str | None
    entity: str | None


def show(text: str, suggestions: list[Suggestion]) -> list[Seen]:
    return [
        Seen(
            s.kind,
            text[s.start : s.end],
            text[s.cue[0] : s.cue[1]] if s.cue else None,
            text[s.speaker[0] : s.speaker[1]] if s.speaker else None,
            s.entity,
        )
        for s in suggestions
    ]
