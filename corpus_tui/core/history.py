"""Undo and redo of one document's annotation.

Annotations are immutable and small, so keeping every version is simpler and safer than
inverse operations, and an undo is itself saved as a new journal revision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus_tui.core.errors import EditError
from corpus_tui.core.model import DocAnnotation


@dataclass
class History:
    """Unlimited undo/redo of one document: a stack of whole annotations."""

    current: DocAnnotation
    _undo: list[DocAnnotation] = field(default_factory=list)
    _redo: list[DocAnnotation] = field(default_factory=list)

    def apply(self, new: DocAnnotation) -> DocAnnotation:
        if new != self.current:
            self._undo.append(self.current)
            self._redo.clear()
            self.current = new
        return self.current

    def undo(self) -> DocAnnotation:
        if not self._undo:
            raise EditError("Nothing to undo.")
        self._redo.append(self.current)
        self.current = self._undo.pop()
        return self.current

    def redo(self) -> DocAnnotation:
        if not self._redo:
            raise EditError("Nothing to redo.")
        self._undo.append(self.current)
        self.current = self._redo.pop()
        return self.current

    def saved(self, ann: DocAnnotation) -> None:
        """Adopt the journal's copy (new rev and timestamp) without making an undo step."""
        self.current = ann
