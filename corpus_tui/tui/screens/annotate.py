"""The Annotate screen: one article, its spans, the quote panel and the title bar.

Keys (``keymap.ANNOTATE``) become calls of ``corpus_tui.core.editing`` and nothing else;
``Session.apply`` records the undo step and saves right after the frame that shows the
edit. The screen works on any session (any journal, any list of documents), so
adjudication reuses it with the ``gold`` journal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from corpus_tui.core import editing
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Quote, Status
from corpus_tui.tui.keymap import ANNOTATE
from corpus_tui.tui.messages import SaveStateChanged
from corpus_tui.tui.screens.marking import MarkingActions
from corpus_tui.tui.screens.pickers import PromptScreen
from corpus_tui.tui.session import SaveState, Session
from corpus_tui.tui.widgets.article_view import ArticleView
from corpus_tui.tui.widgets.quote_panel import QuotePanel
from corpus_tui.tui.widgets.title_bar import TitleBar


class AnnotateScreen(MarkingActions, Screen[None]):
    """Annotate ``session.documents[index]``; n/p/d move through the session's documents.
    The editing keys are in ``MarkingActions``; moves, documents and undo are here."""

    BINDINGS: ClassVar[list[BindingType]] = list(ANNOTATE)
    AUTO_FOCUS = "ArticleView"

    def __init__(self, session: Session, index: int = 0) -> None:
        super().__init__()
        self.session = session
        self.index = index
        self.last_search = ""
        self._shown_place = ""

    def compose(self) -> ComposeResult:
        yield TitleBar("❝")
        with Horizontal(id="annotate-body"):
            yield ArticleView(id="article")
            yield QuotePanel(id="quotes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # the panel and the title follow the cursor in the frame that moves it (see ArticleView)
        self.watch(self.view, "cursor", self._cursor_moved, init=False)
        self.load(self.index)

    # ------------------------------------------------------------------ state

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def panel(self) -> QuotePanel:
        return self.query_one(QuotePanel)

    @property
    def title_bar(self) -> TitleBar:
        return self.query_one(TitleBar)

    @property
    def document(self) -> Document:
        return self.session.documents[self.index]

    @property
    def ann(self) -> DocAnnotation:
        return self.session.annotation(self.document)

    @property
    def stale(self) -> bool:
        return self.session.is_stale(self.document)

    def load(self, index: int) -> None:
        self.index = index
        document = self.document
        ann = self.ann
        stale = self.stale
        # the panel first, for the cursor's new place: the view's move then finds it right
        self.panel.show(ann, document.text, stale=stale, current=self._quote_id_at(0))
        self.view.set_document(document.text, None if stale else ann)
        if stale:
            self.notify(
                "This annotation is stale: the article changed since it was made, so its spans are hidden. "
                "a keeps them at their offsets on the new text, x discards them (u undoes either).",
                severity="warning",
                timeout=8,
            )
        self._update_title()

    def _update_title(self) -> None:
        """The title bar: who, which document, its status, saved or not, and where the
        cursor is; it repaints only its own line (see TitleBar). "saved" means the fsync
        returned (the session saves before this frame); NOT SAVED is put at the front of
        every title by the app (``SessionApp.format_title``)."""
        bar = self.title_bar
        bar.title = f"{self.session.annotator} · {self.document.id}"
        state = "STALE · " if self.stale else ""
        saved = self.session.save_state
        shown = "" if saved is SaveState.NOT_SAVED else f"{saved} · "
        self._shown_place = self._place()
        total = len(self.session.documents)
        bar.sub_title = f"{self.index + 1}/{total} · {self.ann.status} · {state}{shown}{self._shown_place}"

    def _refresh_annotation(self) -> None:
        ann = self.ann
        stale = self.stale
        self.view.set_annotation(None if stale else ann)
        self.panel.show(ann, self.document.text, stale=stale, current=self._quote_id_at(self.view.cursor))
        self._update_title()

    def _current_quote(self) -> Quote | None:
        """The quote the quote keys act on (the panel marks it ▶)."""
        return self._quote_at(self.view.cursor)

    def _quote_at(self, cursor: int) -> Quote | None:
        return None if self.stale else editing.quote_for_keys(self.ann, self.document.text, cursor)

    def _quote_id_at(self, cursor: int) -> str | None:
        quote = self._quote_at(cursor)
        return quote.id if quote is not None else None

    def _cursor_moved(self, cursor: int) -> None:
        """The panel and the title follow the cursor in the frame that shows it moving."""
        self.panel.follow(self._quote_id_at(cursor))
        place = self._place()
        if place != self._shown_place:
            self._update_title()

    def _place(self) -> str:
        """Where the cursor is in the article (the view has no scroll bar: it costs a column
        and a repaint of its own on every scroll)."""
        length = len(self.document.text)
        return f"{self.view.cursor * 100 // length}%" if length else "0%"

    # ------------------------------------------------------------------ moves

    def action_token(self, direction: int) -> None:
        view = self.view
        index = view.index
        target = index.next_token(view.cursor) if direction > 0 else index.prev_token(view.cursor)
        view.move_to(target)

    def action_lines(self, delta: int) -> None:
        self.view.move_lines(delta)

    def action_sentence(self, direction: int) -> None:
        view = self.view
        index = view.index
        view.move_to(index.next_sentence(view.cursor) if direction > 0 else index.prev_sentence(view.cursor))

    def action_edge(self, end: int) -> None:
        view = self.view
        view.move_to(view.index.token_starts[-1] if end else 0)

    def action_page(self, direction: int) -> None:
        self.view.page(direction)

    def action_extend(self, direction: int) -> None:
        self.view.extend(direction)

    def action_visual(self) -> None:
        self.view.start_visual()

    def action_escape(self) -> None:
        if not self.view.clear_selection():
            self.dismiss(None)

    def action_quotation(self) -> None:
        span = editing.enclosing_quotation(self.document.text, self.view.cursor)
        if span is None:
            self.notify("The cursor is not inside a quotation.", severity="warning")
            return
        self.view.select(span[0], span[1])

    def action_search(self) -> None:
        def found(query: str | None) -> None:
            if not query:
                return
            self.last_search = query
            hit = editing.find_text(self.document.text, query, self.view.cursor)
            if hit is None:
                self.notify(f"{query!r} is not in this article.", severity="warning", markup=False)
                return
            self.view.select(*hit)

        self.app.push_screen(PromptScreen("Search", self.last_search, "text to find"), found)

    def action_jump(self, direction: int) -> None:
        ann = self.ann
        if self.stale:
            return
        starts = sorted(
            {q.start for q in ann.quotes} | {m.start for m in ann.mentions} | {q.cue[0] for q in ann.quotes if q.cue}
        )
        cursor = self.view.cursor
        if direction > 0:
            later = [s for s in starts if s > cursor]
            target = later[0] if later else (starts[0] if starts else None)
        else:
            earlier = [s for s in starts if s < cursor]
            target = earlier[-1] if earlier else (starts[-1] if starts else None)
        if target is None:
            self.notify("No annotations yet.", severity="information")
            return
        self.view.move_to(target)

    # ------------------------------------------------------------------ undo

    def action_undo(self) -> None:
        self._history_step(self.session.undo)

    def action_redo(self) -> None:
        self._history_step(self.session.redo)

    def _history_step(self, step: Callable[[Document], DocAnnotation]) -> None:
        try:
            step(self.document)
        except CorpusError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self._refresh_annotation()

    # ------------------------------------------------------------------ documents

    def action_document(self, direction: int) -> None:
        target = self.index + direction
        if not 0 <= target < len(self.session.documents):
            self.notify("That was the last document." if direction > 0 else "This is the first document.")
            return
        self.load(target)

    def _set_status(self, status: str) -> bool:
        return self._edit(lambda ann: editing.set_status(ann, status))

    def action_done(self) -> None:
        if not self._set_status(Status.DONE):
            return
        if self.index + 1 < len(self.session.documents):
            self.load(self.index + 1)
            return
        self.app.notify(self.summary(), title="Last document done", timeout=10)
        self.dismiss(None)

    def action_flag(self) -> None:
        if self._set_status(Status.FLAGGED):
            self.notify("Flagged for a second look.")

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for document in self.session.documents:
            status = self.session.annotation(document).status
            counts[status] = counts.get(status, 0) + 1
        parts = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        return f"{len(self.session.documents)} document(s): {parts}."

    def on_save_state_changed(self, _: SaveStateChanged) -> None:
        self._update_title()

    # ------------------------------------------------------------------ palette hooks

    def apply_external(self, new: DocAnnotation) -> None:
        """Save an annotation computed elsewhere (a suggestion run) as one undo step."""
        self._edit(lambda ann: new, allow_stale=True)
