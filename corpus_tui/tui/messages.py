"""Messages between the apps and their screens (a leaf module: screens and apps both import it)."""

from __future__ import annotations

from textual.message import Message


class SaveStateChanged(Message):
    """A save failed, or the first save after a failure succeeded: titles that say
    "saved" repaint. Posted to every screen of the stack, so one under a picker is right too."""

    def __init__(self, error: str | None) -> None:
        super().__init__()
        #: why the last save failed; None once everything is on disk again
        self.error = error
