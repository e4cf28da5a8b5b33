"""What the annotation app and the adjudication app share: a session, the user's keys,
saving, startup notices, the high-contrast theme and the Help screen.

Saving lives here once: screens call ``Session.apply``, which saves through
``flush_saves`` before the frame that shows the edit. A failed save is reported here
alone: one error notice, "NOT SAVED" at the front of every title until the journal holds
every edit, a retry with every change and every ``CHECK_INTERVAL`` seconds, and a quit
that asks what to do with the unsaved edits. The same check follows a journal replaced on
disk while nobody types, and says so. Screens learn about it through a
``SaveStateChanged`` message. ``run_session_app`` runs an app and makes the last save.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import CONFIG_NAME
from corpus_tui.tui.keymap import PALETTE, user_keymap
from corpus_tui.tui.messages import SaveStateChanged
from corpus_tui.tui.safe_text import SafeTextApp
from corpus_tui.tui.session import SaveState, Session, UnsavedEdits
from corpus_tui.tui.theme import HIGH_CONTRAST, SPAN_VARIABLE_DEFAULTS

#: seconds between checks: a failed save is retried (a full disk gets space again without
#: a keystroke) and a replaced journal followed (a stat when all is well)
CHECK_INTERVAL = 2.0


class SessionApp(SafeTextApp):
    """An app on one session; subclasses add their screens and bindings."""

    #: the title of the startup warnings (journal problems)
    WARNING_TITLE = "Journal"

    def __init__(self, session: Session, *, warnings: Sequence[str] = ()) -> None:
        super().__init__()
        self.session = session
        self.user_keys = user_keymap(session.project)
        session.saver = self.flush_saves
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
        self.set_interval(CHECK_INTERVAL, self.flush_saves, name="save check")

    # -- saving

    def format_title(self, title: str, sub_title: str) -> Content:
        """Every title (the Header of any screen, the Annotate title bar) starts with NOT
        SAVED while an edit is only in memory: where the annotator looks, whatever screen."""
        content = super().format_title(title, sub_title)
        if self.session.save_state is SaveState.NOT_SAVED:
            return Content.assemble((f" {SaveState.NOT_SAVED} ", "bold reverse"), " ", content)
        return content

    def flush_saves(self) -> None:
        """Write pending edits to the journal; the one place a failed save is reported."""
        failing = self.session.save_state is SaveState.NOT_SAVED
        try:
            self.session.flush()
        except UnsavedEdits as exc:
            if not failing:
                self.notify(
                    f"{exc}. They are kept in memory and saved again every "
                    f"{CHECK_INTERVAL:g} s and with each change; ctrl+q asks before losing them.",
                    severity="error",
                    timeout=20,
                    markup=False,
                )
        else:
            if failing:
                self.notify("Every edit is saved again.", title="Saved", timeout=8)
        self._show_journal_notices()
        if failing != (self.session.save_state is SaveState.NOT_SAVED):
            self.mutate_reactive(App.sub_title)  # every Header formats its title again
            for screen in self.screen_stack:
                screen.post_message(SaveStateChanged(self.session.save_error))

    def _show_journal_notices(self) -> None:
        """What the journal did on its own (it followed a replaced file) is said once."""
        notices = self.session.journal.notices
        while notices:
            self.notify(notices.pop(0), title=self.WARNING_TITLE, severity="warning", timeout=20, markup=False)

    def on_unmount(self) -> None:
        """Edits shown in the last frames are written even when the app ends another way
        than ``quit`` (a test harness, an exception); a failure stays pending for the caller."""
        with suppress(UnsavedEdits):
            self.session.flush()

    async def action_quit(self) -> None:
        """Quit, unless edits are unsaved: one more try, then the annotator chooses."""
        from corpus_tui.tui.screens.unsaved import UnsavedQuitScreen

        self.flush_saves()
        if not self.session.unsaved:
            self.exit(0)
        elif isinstance(self.screen, UnsavedQuitScreen):
            self.screen.show_state()  # ctrl+q again: the retry just made is shown there
        else:
            screen = UnsavedQuitScreen(self.session, self.flush_saves, self.user_keys.keys)
            self.push_screen(screen, self._quit_chosen)

    def _quit_chosen(self, quit_now: bool | None) -> None:
        if quit_now:
            self.exit(0)  # run_session_app says what is lost, if anything still is

    def show_help(self, title: str, sections: list[tuple[str, list[Binding]]]) -> None:
        from corpus_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(title, sections, self.user_keys.keys))


def run_session_app(app: SessionApp) -> int:
    """Run ``app`` and make the last save: edits it could not save are one sentence on
    stderr and exit status 1 (never a traceback), naming the documents that are lost."""
    try:
        result = app.run()
    except BaseException:
        with suppress(UnsavedEdits):
            app.session.flush()
        raise
    try:
        app.session.flush()
    except UnsavedEdits as exc:
        raise CorpusError(f"{exc}; they are lost.") from None
    # an exception inside the app ends run() with return_code 1 and no result
    return result if isinstance(result, int) else (app.return_code or 0)
