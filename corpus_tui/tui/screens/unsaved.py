"""The question ctrl+q asks while edits are not saved: retry, quit and lose them, or stay.

Why a question and not a quit: the edits exist only in this process's memory (the disk
was full, the journal was taken), so quitting silently would lose work the annotator saw
on screen. Losing them takes a deliberate key (``Q``, with shift), never a reflex ctrl+q
or enter; escape stays, and the app keeps retrying in the background. When a retry
succeeds while the question is open, the app quits as it was asked to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from corpus_tui.tui.keymap import UNSAVED
from corpus_tui.tui.messages import SaveStateChanged
from corpus_tui.tui.screens.help import binding_rows
from corpus_tui.tui.session import Session


class UnsavedQuitScreen(ModalScreen[bool]):
    """Dismissed with True to quit (everything saved, or the annotator chose to lose it)."""

    DEFAULT_CSS = """
    UnsavedQuitScreen { align: center middle; }
    UnsavedQuitScreen > Vertical {
        width: 90; max-width: 95%; height: auto;
        border: thick $error; background: $surface; padding: 0 1;
    }
    UnsavedQuitScreen #unsaved-title { text-style: bold; color: $text-error; }
    UnsavedQuitScreen #unsaved-state { margin: 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(UNSAVED)

    def __init__(self, session: Session, retry: Callable[[], None], keymap: Mapping[str, str]) -> None:
        """``retry`` is the app's save (it reports and posts SaveStateChanged); ``keymap``
        the user's bindings, so the keys shown are the keys that work."""
        super().__init__()
        self.session = session
        self.retry = retry
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        choices = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
        choices.add_column("keys", style="bold", no_wrap=True)
        choices.add_column("does")
        for keys, description in binding_rows(UNSAVED, self.keymap):
            choices.add_row(keys, description)
        with Vertical():
            yield Label(id="unsaved-title")
            yield Static(id="unsaved-state")
            yield Static(choices)

    def on_mount(self) -> None:
        self.show_state()

    def show_state(self) -> None:
        """How many documents are unsaved, and why (the reason is the OS's or the journal's:
        plain text, never markup)."""
        unsaved = self.session.unsaved
        self.query_one("#unsaved-title", Label).update(
            Text(f"The edits of {len(unsaved)} document(s) are NOT SAVED; quitting now loses them.")
        )
        shown = ", ".join(unsaved[:8]) + (", …" if len(unsaved) > 8 else "")
        self.query_one("#unsaved-state", Static).update(
            Text(f"{shown}\nSaving to {self.session.journal.path} failed: {self.session.save_error}")
        )

    def action_retry(self) -> None:
        self.retry()  # when it works, SaveStateChanged quits (below)
        if self.session.unsaved:
            self.show_state()
            self.notify("Still not saved.", severity="error", timeout=4)

    def action_quit_anyway(self) -> None:
        self.dismiss(True)

    def action_stay(self) -> None:
        self.dismiss(False)

    def on_save_state_changed(self, _: SaveStateChanged) -> None:
        """A retry worked (r, ctrl+q or the timer): quit, as the annotator asked."""
        if not self.session.unsaved:
            if self.is_current:
                self.dismiss(True)
        else:
            self.show_state()
