"""What the annotation app and the adjudication app share: a session, the user's keys,
saving, startup notices, the high-contrast theme and the Help screen.

Saving lives here once: screens call ``Session.apply``, which schedules a flush right after
the frame that shows the edit; a failed save is reported by ``flush_saves`` alone, and the
screens learn about it through a ``SaveStateChanged`` message.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from textual.binding import Binding

from corpus_tui.core.project import CONFIG_NAME
from corpus_tui.tui.keymap import PALETTE, user_keymap
from corpus_tui.tui.messages import SaveStateChanged
from corpus_tui.tui.safe_text import SafeTextApp
from corpus_tui.tui.session import Session
from corpus_tui.tui.theme import HIGH_CONTRAST, SPAN_VARIABLE_DEFAULTS

#: seconds between painting an edit and appending it to the journal (append + fsync)
SAVE_DELAY = 0.015


class SessionApp(SafeTextApp):
    """An app on one session; subclasses add their screens and bindings."""

    #: the title of the startup warnings (journal problems)
    WARNING_TITLE = "Journal"

    def __init__(self, session: Session, *, warnings: Sequence[str] = ()) -> None:
        super().__init__()
        self.session = session
        self.user_keys = user_keymap(session.project)
        # Save just after the frame that shows the edit has gone out: the JSON encoding holds
        # the GIL and would otherwise hold back the driver's writer thread by a few ms.
        session.scheduler = lambda: self.set_timer(SAVE_DELAY, self.flush_saves)
        self.startup_warnings = list(warnings)
        self.register_theme(HIGH_CONTRAST)
        palette_keys = self.user_keys.keys.get(PALETTE.id or "")
        if palette_keys:  # the footer shows the palette key it finds under this name
            self.COMMAND_PALETTE_BINDING = palette_keys.split(",")[0].strip()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **SPAN_VARIABLE_DEFAULTS}

    def on_mount(self) -> None:
        # Textual calls the on_mount of every class in the MRO, the subclass's (its
        # screens) first, then this one: no super() call is needed or wanted.
        if self.user_keys.keys:
            self.set_keymap(self.user_keys.keys)
        for notice in self.user_keys.notices:
            self.notify(notice, title=CONFIG_NAME, severity="warning", timeout=15, markup=False)
        for warning in self.startup_warnings:
            self.notify(warning, title=self.WARNING_TITLE, severity="warning", timeout=15, markup=False)

    def flush_saves(self) -> None:
        """Write pending edits to the journal; the one place a failed save is reported."""
        had_error = self.session.save_error is not None
        try:
            self.session.flush()
        except OSError as exc:
            self.notify(
                f"Could not save to {self.session.journal.path}: {exc}. Your edits are kept in memory; "
                "they are retried with the next change.",
                severity="error",
                timeout=20,
                markup=False,
            )
        if had_error or self.session.save_error is not None:
            for screen in self.screen_stack:
                screen.post_message(SaveStateChanged(self.session.save_error))

    def on_unmount(self) -> None:
        """Edits shown in the last frames are written even when the app ends another way
        than ``quit`` (a test harness, an exception); a failure stays pending for the caller."""
        with suppress(OSError):
            self.session.flush()

    async def action_quit(self) -> None:
        self.flush_saves()
        self.exit(0)

    def show_help(self, title: str, sections: list[tuple[str, list[Binding]]]) -> None:
        from corpus_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(title, sections, self.user_keys.keys))
