"""The Annotate screen's editing keys: marking spans, linking them, stances, suggestions.

A mixin of ``AnnotateScreen`` (Textual finds ``action_*`` methods on the screen's class),
kept apart so the screen module holds the layout, the moves and the documents, and this
one every change to the annotation. Each key becomes one call of ``corpus_tui.core.editing``
through ``_edit``, which records the undo step and schedules the save; a refused edit is a
notice, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from corpus_tui.core import editing
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Quote
from corpus_tui.tui.screens.pickers import Choice, PickerScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from corpus_tui.core.model import Document
    from corpus_tui.tui.session import Session
    from corpus_tui.tui.widgets.article_view import ArticleView

    _Host = Screen[None]
else:
    _Host = object


class MarkingActions(_Host):
    """Needs of its screen: the session, the document and its annotation, the view."""

    if TYPE_CHECKING:
        session: Session
        document: Document
        ann: DocAnnotation
        stale: bool
        view: ArticleView

        def _refresh_annotation(self) -> None: ...

        def _current_quote(self) -> Quote | None: ...

    # ------------------------------------------------------------------ helpers

    def _edit(self, change: Callable[[DocAnnotation], DocAnnotation], *, allow_stale: bool = False) -> bool:
        """Apply one edit through the session (undo step + save); a refusal becomes a notice."""
        if self.stale and not allow_stale:
            self.notify(
                "This annotation is stale: press a to keep its spans on the new text, or x to discard them.",
                severity="warning",
            )
            return False
        try:
            self.session.apply(self.document, change(self.ann))
        except CorpusError as exc:
            self.notify(str(exc), severity="warning", markup=False)
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

    # ------------------------------------------------------------------ spans

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
        mentions = editing.mentions_nearest_first(ann, text, quote.start, quote.end)
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

    # ------------------------------------------------------------------ stances

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
            self.notify(
                f"There are only {len(labels)} stance labels: {', '.join(labels)}.", severity="warning", markup=False
            )
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

    # ------------------------------------------------------------------ deleting, suggestions, stale spans

    def action_delete(self) -> None:
        if self.stale:
            sha = self.document.text_sha256
            if self._edit(lambda ann: editing.discard_stale(ann, sha), allow_stale=True):
                self.notify("Stale spans discarded; annotate the new text (u brings them back).")
            return
        cursor = self.view.cursor
        self._edit(lambda ann: editing.delete_at(ann, cursor))

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

    def action_accept_all(self) -> None:
        self._edit(editing.accept_all)

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
