"""The Annotate screen: one article, its spans, the quote panel, and the annotation keys.

Keys become calls of ``corpus_tui.core.editing`` and nothing else; ``Session.apply`` records
the undo step and saves at once. The screen works on any session (any journal, any list
of documents), so adjudication can reuse it with the ``gold`` journal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.widgets._header import HeaderTitle

from corpus_tui.core import editing
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Quote, Status
from corpus_tui.tui.screens.pickers import Choice, PickerScreen, PromptScreen
from corpus_tui.tui.session import Session
from corpus_tui.tui.widgets.article_view import ArticleView
from corpus_tui.tui.widgets.quote_panel import QuotePanel


def _b(key: str, action: str, description: str, id: str, show: bool = False, tooltip: str = "") -> Binding:
    return Binding(key, action, description, show=show, id=id, tooltip=tooltip)


ANNOTATE_BINDINGS: list[BindingType] = [
    _b("left,h", "token(-1)", "token", "cursor_left", tooltip="previous token"),
    _b("right,l", "token(1)", "token", "cursor_right", tooltip="next token"),
    _b("up,k", "lines(-1)", "line", "cursor_up", tooltip="line up"),
    _b("down,j", "lines(1)", "line", "cursor_down", tooltip="line down"),
    _b("left_parenthesis", "sentence(-1)", "sentence", "prev_sentence", tooltip="previous sentence"),
    _b("right_parenthesis", "sentence(1)", "sentence", "next_sentence", tooltip="next sentence"),
    _b("home,g", "edge(0)", "start", "doc_start", tooltip="start of the article"),
    _b("end,G", "edge(1)", "end", "doc_end", tooltip="end of the article"),
    _b("pageup", "page(-1)", "page up", "page_up", tooltip="page up"),
    _b("pagedown", "page(1)", "page down", "page_down", tooltip="page down"),
    _b("shift+left", "extend(-1)", "extend", "select_left", tooltip="extend the selection by a token to the left"),
    _b("shift+right", "extend(1)", "extend", "select_right", tooltip="extend the selection by a token to the right"),
    _b("v", "visual", "select", "select_start", tooltip="start a selection at the cursor (moves extend it)"),
    _b("escape", "escape", "back", "back", False, "clear the selection; with none, back to the Corpus screen"),
    _b("quotation_mark", "quotation", "quotation", "select_quotation", True, "select the quotation around the cursor"),
    _b("slash", "search", "search", "search", True, "search: the next match becomes the selection"),
    _b("q", "mark_quote", "quote", "mark_quote", True, "mark the selection as a quote (direct if in quotation marks)"),
    _b("t", "cycle_kind", "kind", "cycle_kind", False, "cycle the kind of the quote: direct, indirect, mixed"),
    _b("s", "mark_speaker", "speaker", "mark_speaker", True, "mark the selection as a speaker mention (picker)"),
    _b("c", "mark_cue", "cue", "mark_cue", True, "mark the selection as the cue (speech verb) of its quote"),
    _b(
        "o", "set_source", "source", "set_source", True, "set the source (speaker) of the quote: mentions nearest first"
    ),
    *[
        _b(str(n), f"stance({n})", f"stance {n}", f"stance_{n}", False, "stance label N of the quote (see [labels])")
        for n in range(1, 10)
    ],
    _b("0", "stance(0)", "no stance", "stance_clear", False, "clear the stance of the quote"),
    _b("T", "set_target", "target", "set_target", False, "set the target of the quote (picker, or type a new one)"),
    _b("D", "doc_stance", "doc stance", "doc_stance", False, "set the stance of the whole document"),
    _b("tab", "jump(1)", "next", "next_annotation", False, "jump to the next annotation"),
    _b("shift+tab", "jump(-1)", "prev", "prev_annotation", False, "jump to the previous annotation"),
    _b("x,delete", "delete", "delete", "delete", False, "delete the annotation under the cursor"),
    _b("a", "accept", "accept", "accept", False, "accept the suggestion under the cursor (stale: keep spans)"),
    _b("r", "reject", "reject", "reject", False, "reject the suggestion under the cursor"),
    _b("A", "accept_all", "accept all", "accept_all", False, "accept every suggestion in this document"),
    _b("u,ctrl+z", "undo", "undo", "undo", True, "undo (per document, unlimited)"),
    _b("ctrl+y", "redo", "redo", "redo", False, "redo"),
    _b("n", "document(1)", "next doc", "next_document", False, "next document"),
    _b("p", "document(-1)", "prev doc", "prev_document", False, "previous document"),
    _b("d", "done", "done", "mark_done", True, "mark done and open the next document"),
    _b("f", "flag", "flag", "mark_flagged", False, "flag the document (needs a second look)"),
]


class AnnotateScreen(Screen[None]):
    """Annotate ``session.documents[index]``; n/p/d move through the session's documents."""

    BINDINGS: ClassVar[list[BindingType]] = ANNOTATE_BINDINGS
    AUTO_FOCUS = "ArticleView"

    def __init__(self, session: Session, index: int = 0) -> None:
        super().__init__()
        self.session = session
        self.index = index
        self.last_search = ""
        self._shown_place = ""

    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        with Horizontal(id="annotate-body"):
            yield ArticleView(id="article")
            yield QuotePanel(id="quotes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load(self.index)

    # ------------------------------------------------------------------ state

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def panel(self) -> QuotePanel:
        return self.query_one(QuotePanel)

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
        view = self.view
        view.cursor_listener = None  # the panel and the title are set for the new document just below
        view.set_document(document.text, None if stale else ann)
        view.cursor_listener = self._cursor_moved
        self.panel.show(ann, document.text, stale=stale, current=self._current_quote_id())
        if stale:
            self.notify(
                "This annotation is stale: the article changed since it was made, so its spans are hidden. "
                "a keeps them at their offsets on the new text, x discards them (u undoes either).",
                severity="warning",
                timeout=8,
            )
        self._update_title()

    def _update_title(self) -> None:
        ann = self.ann
        total = len(self.session.documents)
        self.title = f"{self.session.annotator} · {self.document.id}"
        state = "STALE · " if self.stale else ""
        saved = "NOT SAVED" if self.session.save_error else "saved"
        self._shown_place = self._place()
        sub_title = f"{self.index + 1}/{total} · {ann.status} · {state}{saved} · {self._shown_place}"
        if sub_title == self.sub_title:
            return
        header = self._header()
        if header is None or not header.is_mounted:
            self.sub_title = sub_title
            return
        # Setting Screen.sub_title repaints the whole screen (header, article, panel, footer)
        # and then re-lays it out in a second frame (the Header updates its title through an
        # async watcher with layout=True): ~15 ms twice, every few lines of cursor movement.
        # The title line has a fixed size, so repaint just that line, in this frame.
        self.set_reactive(Screen.sub_title, sub_title)
        for title in header.query(HeaderTitle):
            title.update(header.format_title(), layout=False)

    def _header(self) -> Header | None:
        headers = self.query(Header)
        return headers.first() if headers else None

    def _refresh_annotation(self) -> None:
        ann = self.ann
        stale = self.stale
        self.view.set_annotation(None if stale else ann)
        self.panel.show(ann, self.document.text, stale=stale, current=self._current_quote_id())
        self._update_title()

    def _current_quote(self) -> Quote | None:
        if self.stale:
            return None
        return editing.quote_near(self.ann, self.document.text, self.view.cursor)

    def _current_quote_id(self) -> str | None:
        quote = self._current_quote()
        return quote.id if quote is not None else None

    def _cursor_moved(self, offset: int) -> None:
        """The panel and the title follow the cursor in the frame that shows it moving."""
        self.panel.follow(self._current_quote_id())
        place = self._place()
        if place != self._shown_place:
            self._update_title()

    def _place(self) -> str:
        """Where the cursor is in the article (the view has no scroll bar: it costs a column
        and a repaint of its own on every scroll)."""
        length = len(self.document.text)
        return f"{self.view.cursor * 100 // length}%" if length else "0%"

    # ------------------------------------------------------------------ editing helpers

    def _edit(self, change: Callable[[DocAnnotation], DocAnnotation], *, allow_stale: bool = False) -> bool:
        """Apply one edit through the session (undo step + save); errors become a notice."""
        if self.stale and not allow_stale:
            self.notify(
                "This annotation is stale: press a to keep its spans on the new text, or x to discard them.",
                severity="warning",
            )
            return False
        try:
            new = change(self.ann)
            self.session.apply(self.document, new)
        except CorpusError as exc:
            self.notify(str(exc), severity="warning")
            return False
        except OSError as exc:
            self.notify(f"Could not save: {exc}. Your last change is not on disk.", severity="error", timeout=15)
            self._update_title()
            return False
        self._refresh_annotation()
        return True

    def _need_selection(self) -> tuple[int, int] | None:
        selection = self.view.selection
        if selection is None:
            self.notify('Select some text first (", /, v or shift+→).', severity="warning")
            return None
        return selection.start, selection.end

    def _need_quote(self) -> Quote | None:
        quote = self._current_quote()
        if quote is None:
            self.notify("Put the cursor on a quote first.", severity="warning")
        return quote

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
                self.notify(f"{query!r} is not in this article.", severity="warning")
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

    # ------------------------------------------------------------------ marking

    def action_mark_quote(self) -> None:
        span = self._need_selection()
        if span is None:
            return
        text = self.document.text
        if self._edit(lambda ann: editing.add_quote(ann, text, *span)[0]):
            self.view.clear_selection()

    def action_cycle_kind(self) -> None:
        quote = self._need_quote()
        if quote is not None:
            self._edit(lambda ann: editing.cycle_kind(ann, quote.id))

    def action_mark_speaker(self) -> None:
        if self.stale:
            self._edit(lambda ann: ann)
            return
        ann = self.ann
        selection = self.view.selection
        existing = None
        if selection is None:
            existing = editing.mention_at(ann, self.view.cursor)
            if existing is None:
                self._need_selection()
                return
            start, end = existing.start, existing.end
        else:
            start, end = selection.start, selection.end
            existing = next((m for m in ann.mentions if m.start == start and m.end == end), None)
        text = self.document.text
        prefill = existing.entity if existing else " ".join(text[start:end].split())
        choices = [Choice(e, e) for e in self.session.known_entities()]

        def chosen(entity: str | None) -> None:
            if not entity:
                return
            if existing is not None:
                done = self._edit(lambda a: editing.set_entity(a, existing.id, entity))
            else:
                done = self._edit(lambda a: editing.add_mention(a, text, start, end, entity)[0])
            if done:
                self.view.clear_selection()

        title = "Speaker: who is this? (Enter takes the highlighted name)"
        self.app.push_screen(PickerScreen(title, choices, value=prefill, allow_new=True, new_label="new: {}"), chosen)

    def action_mark_cue(self) -> None:
        span = self._need_selection()
        if span is None:
            return
        text = self.document.text
        if self._edit(lambda ann: editing.set_cue(ann, text, span[0], span[1])[0]):
            self.view.clear_selection()

    def action_set_source(self) -> None:
        quote = self._need_quote()
        if quote is None:
            return
        ann = self.ann
        text = self.document.text
        mentions = editing.mentions_nearest_first(ann, self.view.cursor)
        if not mentions:
            self.notify("Mark the speaker first (select the name, press s).", severity="warning")
            return
        choices = [
            Choice(
                f"{m.entity}",
                m.id,
                search=text[m.start : m.end],
                hint=f"“{' '.join(text[m.start : m.end].split())}” {m.id}",
            )
            for m in mentions
        ]
        choices.append(Choice("(no source)", "", search="none unlink"))

        def chosen(mention_id: str | None) -> None:
            if mention_id is None:
                return
            self._edit(lambda a: editing.set_source(a, quote.id, mention_id or None))

        self.app.push_screen(PickerScreen(f"Source of quote {quote.id}", choices), chosen)

    def action_stance(self, number: int) -> None:
        quote = self._need_quote()
        if quote is None:
            return
        config = self.session.project.config
        labels = config.stance_labels
        if number == 0:
            self._edit(lambda ann: editing.set_stance(ann, quote.id, None))
            return
        if number > len(labels):
            self.notify(f"There are only {len(labels)} stance labels: {', '.join(labels)}.", severity="warning")
            return
        label = labels[number - 1]
        self._edit(lambda ann: editing.set_stance(ann, quote.id, label, config.default_target))

    def action_set_target(self) -> None:
        quote = self._need_quote()
        if quote is None:
            return
        choices = [Choice(t, t) for t in self.session.known_targets()]
        choices.append(Choice("(no target)", "", search="none clear"))

        def chosen(target: str | None) -> None:
            if target is not None:
                self._edit(lambda ann: editing.set_target(ann, quote.id, target or None))

        self.app.push_screen(
            PickerScreen(f"Target of quote {quote.id}", choices, allow_new=True, new_label="new target: {}"), chosen
        )

    def action_doc_stance(self) -> None:
        config = self.session.project.config
        current = self.ann.doc_stance
        target = current.target if current and current.target else config.default_target
        choices = [Choice(label, label, hint=f"→ {target}" if target else "") for label in config.stance_labels]
        choices.append(Choice("(no document stance)", "", search="none clear"))

        def chosen(stance: str | None) -> None:
            if stance is not None:
                self._edit(lambda ann: editing.set_doc_stance(ann, stance or None, target if stance else None))

        self.app.push_screen(PickerScreen("Stance of the whole document", choices), chosen)

    def action_delete(self) -> None:
        if self.stale:
            sha = self.document.text_sha256
            if self._edit(lambda ann: editing.discard_stale(ann, sha), allow_stale=True):
                self.notify("Stale spans discarded; annotate the new text (u brings them back).")
            return
        cursor = self.view.cursor
        self._edit(lambda ann: editing.delete_at(ann, cursor))

    def _item_under_cursor(self) -> str | None:
        ann = self.ann
        mention = editing.mention_at(ann, self.view.cursor)
        if mention is not None:
            return mention.id
        quote = editing.quote_at(ann, self.view.cursor)
        if quote is not None:
            return quote.id
        self.notify("No suggestion under the cursor.", severity="warning")
        return None

    def action_accept(self) -> None:
        if self.stale:
            self._reanchor()
            return
        item = self._item_under_cursor()
        if item is not None:
            self._edit(lambda ann: editing.accept(ann, item))

    def action_reject(self) -> None:
        item = self._item_under_cursor()
        if item is not None:
            self._edit(lambda ann: editing.reject(ann, item))

    def _reanchor(self) -> None:
        document = self.document
        dropped = 0

        def change(ann: DocAnnotation) -> DocAnnotation:
            nonlocal dropped
            new, dropped = editing.reanchor(ann, document.text, document.text_sha256)
            return new

        if self._edit(change, allow_stale=True):
            lost = f"; {dropped} that no longer fit the text were dropped" if dropped else ""
            self.notify(f"Spans kept at their offsets on the new text{lost}: check them (u takes this back).")

    def action_accept_all(self) -> None:
        self._edit(editing.accept_all)

    def action_undo(self) -> None:
        self._history_step(self.session.undo)

    def action_redo(self) -> None:
        self._history_step(self.session.redo)

    def _history_step(self, step: Callable[[Document], DocAnnotation]) -> None:
        try:
            step(self.document)
        except CorpusError as exc:
            self.notify(str(exc), severity="warning")
            return
        except OSError as exc:
            self.notify(f"Could not save: {exc}.", severity="error", timeout=15)
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

    def saved_changed(self) -> None:
        self._update_title()

    # ------------------------------------------------------------------ palette hooks

    def apply_external(self, new: DocAnnotation) -> None:
        """Save an annotation computed elsewhere (a suggestion run) as one undo step."""
        self._edit(lambda ann: new, allow_stale=True)
