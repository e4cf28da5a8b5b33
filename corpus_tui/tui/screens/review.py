"""The review of ``corpus-tui adjudicate``: one dispute at a time, and gold in Annotate.

The Review screen shows where a dispute is, each annotator's version side by side, and
what gold holds; a number key takes that version into gold (``0``: none of them).
``e``/``enter`` opens the document's gold in the normal Annotate screen on the same
session (``GoldAnnotateScreen``), so anything the versions do not offer can be fixed with
the usual keys. What gold holds is read from gold itself, so a restart resumes where the
review stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from msgspec.structs import replace
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Status
from corpus_tui.review.adjudication import (
    Decision,
    Dispute,
    DocReview,
    DocStanceDispute,
    decision,
    take_doc_stance,
    take_version,
    undecided,
)
from corpus_tui.tui.keymap import ADJUDICATE
from corpus_tui.tui.screens.annotate import AnnotateScreen
from corpus_tui.tui.session import Session
from corpus_tui.tui.widgets.dispute_card import context_text, gold_state_text, stance_text, version_text


@dataclass(frozen=True)
class Item:
    """One thing to decide: a disputed quote or the document's stance."""

    doc: int  # index into the reviews (and the session's documents)
    number: int  # position among the document's items, from 0
    dispute: Dispute | DocStanceDispute


def review_items(reviews: Sequence[DocReview]) -> list[Item]:
    return [Item(doc, number, d) for doc, review in enumerate(reviews) for number, d in enumerate(review.items)]


def open_disputes_message(review: DocReview, gold: DocAnnotation) -> str | None:
    """Why gold may not be marked done yet (None: every dispute is decided)."""
    left = undecided(review, gold)
    if not left:
        return None
    total = len(review.items)
    return (
        f"Gold of {review.doc_id} is not done: {len(left)} of {total} disputes are still open. "
        "Decide each (a card's number, 0 for none), then d."
    )


class ReviewScreen(Screen[None]):
    """One dispute at a time: where it is, each annotator's version, what gold holds."""

    BINDINGS: ClassVar[list[BindingType]] = list(ADJUDICATE)

    #: the dispute on screen (an index into ``items``); setting it shows it, even unchanged,
    #: so a decision that stays on the last dispute repaints it
    position: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, session: Session, reviews: Sequence[DocReview]) -> None:
        super().__init__()
        self.session = session
        self.reviews = list(reviews)
        self.items = review_items(self.reviews)
        self.annotators = list(dict.fromkeys(n for r in self.reviews for n in r.annotators))
        #: per document: the gold it was computed from and its undecided count
        self._open: dict[int, tuple[DocAnnotation, int]] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="⚖")
        with VerticalScroll(id="review-body"):
            yield Static(id="where")
            yield Static(id="context")
            yield Static(id="differs")
            with Horizontal(id="versions"):
                for number in range(1, len(self.annotators) + 1):
                    yield Static(id=f"version-{number}", classes="version")
            yield Static(id="gold-state")
        yield Footer()

    def on_mount(self) -> None:
        if not self.items:
            self.query_one("#where", Static).update(Text("No disagreements: there is nothing to review."))
            return
        if self.decided_count() == len(self.items):
            self.notify(self.complete_message(), title="Adjudication", timeout=10)
        # resume where the review stopped: at the first dispute gold holds no decision for
        self.position = next((i for i, item in enumerate(self.items) if not self.resolved(item)), 0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With nothing to review, the review keys do nothing (quit and help still work)."""
        return bool(self.items) or action not in {"take", "move", "move_document", "done", "edit"}

    # ------------------------------------------------------------------ state

    @property
    def item(self) -> Item:
        return self.items[self.position]

    @property
    def review(self) -> DocReview:
        return self.reviews[self.item.doc]

    @property
    def document(self) -> Document:
        return self.review.document

    @property
    def gold(self) -> DocAnnotation:
        return self.session.annotation(self.document)

    def decision(self, item: Item) -> Decision:
        """What gold holds for ``item`` (read from gold itself, so it survives a restart)."""
        review = self.reviews[item.doc]
        return decision(review, self.session.annotation(review.document), item.dispute)

    def resolved(self, item: Item) -> bool:
        return self.decision(item).decided

    def open_in(self, doc: int) -> int:
        """How many disputes of document ``doc`` are undecided (cached per gold version)."""
        review = self.reviews[doc]
        gold = self.session.annotation(review.document)
        cached = self._open.get(doc)
        if cached is None or cached[0] is not gold:
            cached = self._open[doc] = (gold, len(undecided(review, gold)))
        return cached[1]

    def decided_count(self) -> int:
        """Disputes decided over all documents."""
        return len(self.items) - sum(self.open_in(doc) for doc in range(len(self.reviews)))

    def complete_message(self) -> str:
        return (
            f"All {len(self.items)} disputes are decided: gold is complete and everything is saved "
            f"({self.session.journal.path.name}). ctrl+q is safe."
        )

    # ------------------------------------------------------------------ drawing

    def watch_position(self) -> None:
        self.show()

    def show(self) -> None:
        """Paint the dispute at ``position``: where it is, the cards, what gold holds."""
        item, review = self.item, self.review
        doc_items = sum(1 for i in self.items if i.doc == item.doc)
        # the progress first: a narrow header cuts the end, and the id is shown below anyway
        self.title = "adjudicate"
        self.sub_title = (
            f"{self.decided_count()} of {len(self.items)} disputes decided · "
            f"doc {item.doc + 1}/{len(self.reviews)} · dispute {item.number + 1}/{doc_items} · "
            f"gold {self.gold.status}"
        )
        where = Text()
        where.append(f"{self.document.id}", style="bold")
        where.append(f"  annotators: {', '.join(review.annotators)}  ·  ")
        where.append(f"{self.open_in(item.doc)} of {doc_items} undecided in this document", style="italic")
        self.query_one("#where", Static).update(where)
        number_of = {name: n for n, name in enumerate(review.annotators, 1)}
        if isinstance(item.dispute, Dispute):
            state = self._show_quote(item.dispute, number_of)
        else:
            state = self._show_doc_stance(item.dispute, number_of)
        self.query_one("#gold-state", Static).update(state)

    def _cards(self, number_of: dict[str, int]) -> list[tuple[Static, str]]:
        """The cards of this document's annotators (the others' are hidden), with their names."""
        cards = []
        for index, name in enumerate(self.annotators, 1):
            card = self.query_one(f"#version-{index}", Static)
            card.display = name in number_of
            if name in number_of:
                cards.append((card, name))
        return cards

    def _show_quote(self, dispute: Dispute, number_of: dict[str, int]) -> Text:
        text = self.document.text
        context = self.query_one("#context", Static)
        context.display = True
        context.update(context_text(text, dispute.start, dispute.end))
        differs = "marked by only some annotators" if "missing" in dispute.differences else ""
        fields = [f for f in dispute.differences if f != "missing"]
        if fields:
            differs = "; ".join(filter(None, [differs, "differs in " + ", ".join(fields)]))
        self.query_one("#differs", Static).update(Text(f"Quote: {differs}", style="bold"))
        decided = self.decision(self.item)
        for card, name in self._cards(number_of):
            card.set_class(name in decided.taken, "in-gold")
            version = dispute.version(name)
            card.update(version_text(number_of[name], name, version, name in decided.taken, dispute.differences, text))
        return gold_state_text(decided, number_of, "quote")

    def _show_doc_stance(self, dispute: DocStanceDispute, number_of: dict[str, int]) -> Text:
        self.query_one("#context", Static).display = False  # a document stance has no place
        self.query_one("#differs", Static).update(Text("Document stance: the annotators differ", style="bold"))
        current = self.gold.doc_stance
        for card, name in self._cards(number_of):
            stance = dispute.versions.get(name)
            in_gold = stance is not None and current == stance
            card.set_class(in_gold, "in-gold")
            card.update(stance_text(number_of[name], name, stance, in_gold))
        state = gold_state_text(self.decision(self.item), number_of, "document stance")
        if current is not None:
            state.append(f"  (gold: {current.stance})")
        return state

    # ------------------------------------------------------------------ actions

    def action_take(self, number: int) -> None:
        review = self.review
        if number > len(review.annotators):
            self.notify(f"There are only {len(review.annotators)} versions here.", severity="warning")
            return
        name = review.annotators[number - 1] if number else None
        dispute = self.item.dispute
        was_complete = self.decided_count() == len(self.items)
        try:
            if isinstance(dispute, Dispute):
                new = take_version(self.gold, dispute, name)
            else:
                new = take_doc_stance(self.gold, dispute, name)
            message = f"Gold takes {name}'s version." if name else "Gold keeps none of the versions here."
            if new.status != Status.DONE and not undecided(review, new):
                new = replace(new, status=Status.DONE)
                message += " Every dispute of this document is decided: gold is done."
            self.session.apply(self.document, new)
        except CorpusError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(message, markup=False)
        if not was_complete and self.decided_count() == len(self.items):
            self.notify(self.complete_message(), title="Adjudication", timeout=15, markup=False)
        self.position = min(self.position + 1, len(self.items) - 1)

    def action_move(self, step: int) -> None:
        target = self.position + step
        if not 0 <= target < len(self.items):
            self.notify("That was the last dispute." if step > 0 else "This is the first dispute.")
            return
        self.position = target

    def action_move_document(self, step: int) -> None:
        doc = self.item.doc + step
        if not 0 <= doc < len(self.reviews):
            self.notify("That was the last document." if step > 0 else "This is the first document.")
            return
        self.position = next(i for i, item in enumerate(self.items) if item.doc == doc)

    def action_done(self) -> None:
        gold = self.gold
        refusal = open_disputes_message(self.review, gold)
        if refusal:
            self.notify(refusal, severity="warning", timeout=8, markup=False)
            return
        try:
            if gold.status != Status.DONE:
                self.session.apply(self.document, replace(gold, status=Status.DONE))
        except CorpusError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Gold of {self.document.id} is done.", markup=False)
        if self.item.doc + 1 < len(self.reviews):
            self.action_move_document(1)
        else:
            self.show()

    def action_edit(self) -> None:
        screen = GoldAnnotateScreen(self.session, self.reviews, self.item.doc)

        def back(_: None) -> None:
            if screen.index == self.item.doc:
                self.show()  # gold may have changed
            else:  # the reviewer moved on with n/p/d in Annotate
                self.position = next(i for i, item in enumerate(self.items) if item.doc == screen.index)

        self.app.push_screen(screen, back)
        if isinstance(self.item.dispute, Dispute):
            start = self.item.dispute.start
            # put the cursor on the disputed quote once the Annotate screen has laid out
            self.app.call_after_refresh(lambda: screen.view.move_to(start) if screen.is_mounted else None)


class GoldAnnotateScreen(AnnotateScreen):
    """The Annotate screen on gold (``e``), whose ``d`` is refused while disputes are open."""

    def __init__(self, session: Session, reviews: Sequence[DocReview], index: int) -> None:
        super().__init__(session, index)
        self.reviews = reviews

    def action_done(self) -> None:
        refusal = open_disputes_message(self.reviews[self.index], self.ann)
        if refusal:
            self.notify(refusal, severity="warning", timeout=8, markup=False)
            return
        super().action_done()
