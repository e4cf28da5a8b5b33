"""``corpus-tui adjudicate``: the review app that builds the gold journal.

Agreed items are written to gold before the app starts (``commands.adjudicate``); the app
then shows one dispute at a time (``screens.review``). The gold journal is opened (and
locked) by the command before Textual starts, so a second reviewer gets the store's
one-sentence message instead of a flashing screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType

from corpus_tui.core.project import Project
from corpus_tui.core.store import Journal
from corpus_tui.review.adjudication import DocReview
from corpus_tui.tui import keymap
from corpus_tui.tui.screens.annotate import AnnotateScreen
from corpus_tui.tui.screens.review import ReviewScreen
from corpus_tui.tui.session import Session
from corpus_tui.tui.session_app import SessionApp, run_session_app


class AdjudicateApp(SessionApp):
    CSS_PATH: ClassVar[list[str]] = ["app.tcss", "adjudicate.tcss"]
    TITLE = "corpus-tui adjudicate"
    BINDINGS: ClassVar[list[BindingType]] = list(keymap.ADJUDICATE_APP)
    WARNING_TITLE = "adjudicate"

    def __init__(
        self, project: Project, journal: Journal, reviews: Sequence[DocReview], *, warnings: Sequence[str] = ()
    ) -> None:
        self.reviews = [r for r in reviews if r.disputed]
        super().__init__(Session(project, journal, [r.document for r in self.reviews]), warnings=warnings)

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.session, self.reviews))

    def get_key_display(self, binding: Binding) -> str:
        """The footer's first number key stands for all of them: ``1…N take``, N the cards."""
        if binding.id == keymap.TAKE_FIRST and binding.key == "1":
            count = len(self.screen.annotators) if isinstance(self.screen, ReviewScreen) else 0
            if count > 1:
                return f"1…{min(count, 9)}"
        return super().get_key_display(binding)

    def action_help(self) -> None:
        if isinstance(self.screen, AnnotateScreen):
            sections = [("Annotate (gold)", keymap.GOLD_ANNOTATE)]
        else:
            sections = [("Adjudicate", keymap.ADJUDICATE), ("Annotate gold (e)", keymap.GOLD_ANNOTATE)]
        sections.append(("Everywhere", keymap.ADJUDICATE_APP))
        self.show_help("corpus-tui adjudicate — keys", sections)


def review_disputes(project: Project, journal: Journal, disputed: list[DocReview], warnings: list[str]) -> int:
    """The review app on the (locked) gold journal; what ``commands.adjudicate`` calls."""
    return run_session_app(AdjudicateApp(project, journal, disputed, warnings=warnings))
