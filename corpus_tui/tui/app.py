"""The annotation app: the Corpus screen, then Annotate for each document opened.

Kept small on purpose (as harlequin and posting do): screens own their layout, the keymap
registry owns the keys, ``SessionApp`` owns saving and ``palette`` the command palette.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App
from textual.binding import BindingType

from corpus_tui.core.model import Document
from corpus_tui.core.project import Project
from corpus_tui.core.store import Journal
from corpus_tui.tui import keymap
from corpus_tui.tui.palette import CorpusCommands
from corpus_tui.tui.session import Session
from corpus_tui.tui.session_app import SessionApp


class CorpusTuiApp(SessionApp):
    CSS_PATH = "app.tcss"
    TITLE = "corpus-tui"
    BINDINGS: ClassVar[list[BindingType]] = list(keymap.APP)
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
        documents = documents if documents is not None else project.documents()
        super().__init__(Session(project, journal, documents), warnings=warnings)
        self.open_index = open_index

    def on_mount(self) -> None:
        from corpus_tui.tui.screens.corpus import CorpusScreen

        corpus = CorpusScreen(self.session)
        self.push_screen(corpus)
        if self.open_index is not None and self.session.documents:
            corpus.open_document(self.open_index)

    def action_help(self) -> None:
        from corpus_tui.tui.screens.annotate import AnnotateScreen

        if isinstance(self.screen, AnnotateScreen):
            sections = [("Annotate", keymap.ANNOTATE)]
        else:
            sections = [("Corpus", [*keymap.CORPUS, *keymap.DOCUMENT_LIST])]
        sections.append(("Everywhere", keymap.APP))
        labels = ", ".join(f"{n} {label}" for n, label in enumerate(self.session.project.config.stance_labels, 1))
        self.show_help(f"corpus-tui keys — stance labels: {labels}", sections)
