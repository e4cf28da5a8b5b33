"""The Textual application: wires the session, the keymap and the screens together.

Kept small on purpose (as harlequin and posting do): screens own their keys and layout,
``Session`` owns saving, ``commands`` owns the palette.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from corpus_tui.core.model import Document
from corpus_tui.core.project import Project
from corpus_tui.core.store import Journal
from corpus_tui.tui.palette import CorpusCommands
from corpus_tui.tui.session import Session

#: seconds between painting an edit and appending it to the journal (append + fsync)
SAVE_DELAY = 0.015

APP_BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+q", "quit", "Quit", id="quit", priority=True, show=False, tooltip="quit (everything is already saved)"
    ),
    Binding("question_mark", "help", "Help", id="help", tooltip="this help"),
]


class CorpusTuiApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "corpus-tui"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS
    COMMANDS = App.COMMANDS | {CorpusCommands}

    def __init__(
        self,
        project: Project,
        journal: Journal,
        documents: Sequence[Document] | None = None,
        *,
        warnings: Sequence[str] = (),
        open_index: int | None = None,
    ) -> None:
        super().__init__()
        self.session = Session(project, journal, documents if documents is not None else project.documents())
        # Save just after the frame that shows the edit has gone out: the JSON encoding holds
        # the GIL and would otherwise hold back the driver's writer thread by a few ms.
        self.session.scheduler = lambda: self.set_timer(SAVE_DELAY, self.flush_saves)
        self.startup_warnings = list(warnings)
        self.open_index = open_index

    def on_mount(self) -> None:
        from corpus_tui.tui.screens.corpus import CorpusScreen

        if self.session.project.config.keys:
            self.set_keymap(dict(self.session.project.config.keys))
        corpus = CorpusScreen(self.session)
        self.push_screen(corpus)
        if self.open_index is not None and self.session.documents:
            corpus.open_document(self.open_index)
        for warning in self.startup_warnings:
            self.notify(warning, title="Journal", severity="warning", timeout=15)

    def flush_saves(self) -> None:
        """Write pending edits to the journal (scheduled right after the frame that shows them)."""
        had_error = self.session.save_error is not None
        try:
            self.session.flush()
        except OSError as exc:
            self.notify(
                f"Could not save to {self.session.journal.path}: {exc}. Your edits are kept in memory; "
                "they are retried with the next change.",
                severity="error",
                timeout=20,
            )
        if had_error or self.session.save_error is not None:
            update = getattr(self.screen, "saved_changed", None)
            if update is not None:
                update()

    async def action_quit(self) -> None:
        self.flush_saves()
        self.exit(0)

    def action_help(self) -> None:
        from corpus_tui.tui.screens.annotate import AnnotateScreen
        from corpus_tui.tui.screens.corpus import CORPUS_BINDINGS
        from corpus_tui.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, AnnotateScreen):
            sections = [("Annotate", list(type(screen).BINDINGS))]
        else:
            from corpus_tui.tui.widgets.document_list import DocumentList

            sections = [("Corpus", [*CORPUS_BINDINGS, *DocumentList.BINDINGS])]
        sections.append(
            (
                "Everywhere",
                [
                    *APP_BINDINGS,
                    Binding(
                        "ctrl+p",
                        "command_palette",
                        "commands",
                        id="palette",
                        tooltip="command palette: stats, suggest, export, push, agreement",
                    ),
                ],
            )
        )
        labels = ", ".join(f"{n} {label}" for n, label in enumerate(self.session.project.config.stance_labels, 1))
        self.push_screen(HelpScreen(f"corpus-tui keys — stance labels: {labels}", sections))
