"""``corpus-tui adjudicate``: walk the disagreements and build the gold journal.

Agreed items are written to gold before the app starts (no review needed); the app then
shows one dispute at a time with every annotator's version side by side, and a number key
takes that version into gold (``0``: none of them). ``e``/``enter`` opens the document's
gold version in the normal Annotate screen, on the same session, so anything the versions
do not offer can be fixed with the usual keys; everything is saved at once, as always.

The gold journal is opened (and locked) by ``commands.adjudicate`` before Textual starts, so a
second reviewer gets the store's one-sentence message instead of a flashing screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from msgspec.structs import replace
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Status
from corpus_tui.core.project import Project
from corpus_tui.core.store import Journal
from corpus_tui.review.adjudication import (
    FIELDS,
    Decision,
    Dispute,
    DocReview,
    DocStanceDispute,
    decision,
    take_doc_stance,
    take_version,
    undecided,
)
from corpus_tui.tui.screens.annotate import AnnotateScreen
from corpus_tui.tui.session import Session
from corpus_tui.tui.textlayout import display_text

#: characters of article shown on each side of a dispute
CONTEXT = 240

#: the footer shows "1…N take" on the first number key (see AdjudicateApp.get_key_display)
TAKE_FIRST = "adjudicate_take_1"

ADJUDICATE_BINDINGS: list[BindingType] = [
    *[
        Binding(
            str(n),
            f"take({n})",
            "take",
            show=n == 1,
            id=f"adjudicate_take_{n}",
            tooltip="take the version on the card with that number (cards are numbered 1…N, one per annotator)",
        )
        for n in range(1, 10)
    ],
    Binding("0", "take(0)", "none", id="adjudicate_take_none", tooltip="take none of the versions (no quote in gold)"),
    Binding("n", "move(1)", "next", id="adjudicate_next", tooltip="next dispute"),
    Binding("p", "move(-1)", "previous", id="adjudicate_previous", tooltip="previous dispute"),
    Binding("N", "move_document(1)", "next doc", show=False, id="adjudicate_next_document", tooltip="next document"),
    Binding(
        "P", "move_document(-1)", "prev doc", show=False, id="adjudicate_previous_document", tooltip="previous document"
    ),
    Binding(
        "enter,e", "edit", "edit gold", id="adjudicate_edit", tooltip="edit this document's gold with the Annotate keys"
    ),
    Binding(
        "d",
        "done",
        "gold done",
        id="adjudicate_done",
        tooltip="mark this document's gold done and go to the next (refused while a dispute is open)",
    ),
]

APP_BINDINGS: list[BindingType] = [
    Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="quit (everything is already saved)"),
    Binding("question_mark", "help", "Help", id="help", tooltip="this help"),
]


@dataclass(frozen=True)
class Item:
    """One thing to decide: a disputed quote or the document's stance."""

    doc: int  # index into the reviews (and the session's documents)
    number: int  # position among the document's items, from 0
    dispute: Dispute | DocStanceDispute


def review_items(reviews: Sequence[DocReview]) -> list[Item]:
    return [Item(doc, number, d) for doc, review in enumerate(reviews) for number, d in enumerate(review.items)]


class ReviewScreen(Screen[None]):
    """One dispute at a time: where it is, each annotator's version, what gold holds."""

    BINDINGS: ClassVar[list[BindingType]] = ADJUDICATE_BINDINGS

    def __init__(self, session: Session, reviews: Sequence[DocReview]) -> None:
        super().__init__()
        self.session = session
        self.reviews = list(reviews)
        self.items = review_items(self.reviews)
        self.position = 0
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
        # resume where the review stopped: at the first dispute gold holds no decision for
        self.position = next((i for i, item in enumerate(self.items) if not self.resolved(item)), 0)
        if self.decided_count() == len(self.items):
            self.notify(self.complete_message(), title="Adjudication", timeout=10)
        self.show()

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

    def show(self) -> None:
        item, review, gold = self.item, self.review, self.gold
        text = self.document.text
        doc_items = [i for i in self.items if i.doc == item.doc]
        open_items = self.open_in(item.doc)
        # the progress first: a narrow header cuts the end, and the id is shown below anyway
        self.title = "adjudicate"
        self.sub_title = (
            f"{self.decided_count()} of {len(self.items)} disputes decided · "
            f"doc {item.doc + 1}/{len(self.reviews)} · dispute {item.number + 1}/{len(doc_items)} · "
            f"gold {gold.status}"
        )
        where = Text()
        where.append(f"{self.document.id}", style="bold")
        where.append(f"  annotators: {', '.join(review.annotators)}  ·  ")
        where.append(f"{open_items} of {len(doc_items)} undecided in this document", style="italic")
        self.query_one("#where", Static).update(where)
        number_of = {name: n for n, name in enumerate(review.annotators, 1)}
        if isinstance(item.dispute, Dispute):
            dispute = item.dispute
            context = self.query_one("#context", Static)
            context.display = True
            context.update(context_text(text, dispute.start, dispute.end))
            differs = "marked by only some annotators" if "missing" in dispute.differences else ""
            fields = [f for f in dispute.differences if f != "missing"]
            if fields:
                differs = "; ".join(filter(None, [differs, "differs in " + ", ".join(fields)]))
            self.query_one("#differs", Static).update(Text(f"Quote: {differs}", style="bold"))
            decided = self.decision(item)
            taken = decided.taken
            for index, name in enumerate(self.annotators, 1):
                panel = self.query_one(f"#version-{index}", Static)
                panel.display = name in number_of
                if name in number_of:
                    version = dispute.version(name)
                    panel.set_class(name in taken, "in-gold")
                    panel.update(version_text(number_of[name], name, version, name in taken, dispute.differences, text))
            state = self._gold_state_text(decided, number_of, "quote")
        else:
            self.query_one("#context", Static).display = False  # a document stance has no place
            self.query_one("#differs", Static).update(Text("Document stance: the annotators differ", style="bold"))
            versions = item.dispute.versions
            for index, name in enumerate(self.annotators, 1):
                panel = self.query_one(f"#version-{index}", Static)
                panel.display = name in number_of
                if name in number_of:
                    stance = versions.get(name)
                    in_gold = stance is not None and gold.doc_stance == stance
                    panel.set_class(in_gold, "in-gold")
                    body = Text()
                    body.append(f"{number_of[name]}  {name}", style="bold")
                    if in_gold:
                        body.append("  ✓ in gold", style="bold")
                    body.append("\nstance  ")
                    body.append(stance.stance if stance else "—", style="reverse")
                    body.append(f"\ntarget  {stance.target if stance and stance.target else '—'}")
                    panel.update(body)
            current = gold.doc_stance
            state = self._gold_state_text(self.decision(item), number_of, "document stance")
            if current is not None:
                state.append(f"  (gold: {current.stance})")
        self.query_one("#gold-state", Static).update(state)

    def _gold_state_text(self, decided: Decision, number_of: dict[str, int], what: str) -> Text:
        if decided.taken:
            who = ", ".join(f"{number_of[n]} {n}" for n in decided.taken)
            return Text(f"decided: gold holds version {who}", style="bold")
        if decided.edited:
            return Text(f"decided: gold holds a {what} of its own here (edited): e shows it", style="bold")
        if decided.left_out:
            return Text(f"decided: gold leaves this {what} out (none of the versions)", style="bold")
        return Text(f"undecided: press a card's number to take its version, 0 to leave the {what} out")

    # ------------------------------------------------------------------ actions

    def action_take(self, number: int) -> None:
        item, review = self.item, self.review
        gold = self.gold
        was_complete = self.decided_count() == len(self.items)
        try:
            if number == 0:
                if isinstance(item.dispute, Dispute):
                    new = take_version(gold, item.dispute, None)
                else:
                    new = take_doc_stance(gold, item.dispute, None)
                message = "Gold keeps none of the versions here."
            else:
                if number > len(review.annotators):
                    self.notify(f"There are only {len(review.annotators)} versions here.", severity="warning")
                    return
                name = review.annotators[number - 1]
                if isinstance(item.dispute, Dispute):
                    new = take_version(gold, item.dispute, name)
                else:
                    new = take_doc_stance(gold, item.dispute, name)
                message = f"Gold takes {name}'s version."
            if new.status != Status.DONE and not undecided(review, new):
                new = replace(new, status=Status.DONE)
                message += " Every dispute of this document is decided: gold is done."
            self.session.apply(self.document, new)
        except CorpusError as exc:
            self.notify(str(exc), severity="warning")
            return
        except OSError as exc:
            self.notify(f"Could not save: {exc}. Your last choice is not on disk.", severity="error", timeout=15)
            return
        self.notify(message)
        if not was_complete and self.decided_count() == len(self.items):
            self.notify(self.complete_message(), title="Adjudication", timeout=15)
        if self.position + 1 < len(self.items):
            self.position += 1
        self.show()

    def action_move(self, step: int) -> None:
        target = self.position + step
        if not 0 <= target < len(self.items):
            self.notify("That was the last dispute." if step > 0 else "This is the first dispute.")
            return
        self.position = target
        self.show()

    def action_move_document(self, step: int) -> None:
        doc = self.item.doc + step
        if not 0 <= doc < len(self.reviews):
            self.notify("That was the last document." if step > 0 else "This is the first document.")
            return
        self.position = next(i for i, item in enumerate(self.items) if item.doc == doc)
        self.show()

    def action_done(self) -> None:
        gold = self.gold
        refusal = open_disputes_message(self.review, gold)
        if refusal:
            self.notify(refusal, severity="warning", timeout=8)
            return
        try:
            if gold.status != Status.DONE:
                self.session.apply(self.document, replace(gold, status=Status.DONE))
        except (CorpusError, OSError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Gold of {self.document.id} is done.")
        if self.item.doc + 1 < len(self.reviews):
            self.action_move_document(1)
        else:
            self.show()

    def action_edit(self) -> None:
        screen = GoldAnnotateScreen(self.session, self.reviews, self.item.doc)

        def back(_: None) -> None:
            if screen.index != self.item.doc:  # the reviewer moved on with n/p/d in Annotate
                self.position = next(i for i, item in enumerate(self.items) if item.doc == screen.index)
            self.show()

        self.app.push_screen(screen, back)
        if isinstance(self.item.dispute, Dispute):
            start = self.item.dispute.start
            # put the cursor on the disputed quote once the Annotate screen has laid out
            self.app.call_after_refresh(lambda: screen.view.move_to(start) if screen.is_mounted else None)


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


class GoldAnnotateScreen(AnnotateScreen):
    """The Annotate screen on gold (``e``), whose ``d`` is refused while disputes are open."""

    def __init__(self, session: Session, reviews: Sequence[DocReview], index: int) -> None:
        super().__init__(session, index)
        self.reviews = reviews

    def action_done(self) -> None:
        refusal = open_disputes_message(self.reviews[self.index], self.ann)
        if refusal:
            self.notify(refusal, severity="warning", timeout=8)
            return
        super().action_done()


def context_text(text: str, start: int, end: int) -> Text:
    """The article around a dispute, the disputed stretch underlined, never as markup."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    out = Text(overflow="fold")
    if left > 0:
        out.append("…")
    out.append(display_text(text[left:start]))
    out.append(display_text(text[start:end]), style="bold underline")
    out.append(display_text(text[end:right]))
    if right < len(text):
        out.append("…")
    return out


def version_text(number: int, name: str, version, in_gold: bool, differences: Sequence[str], text: str) -> Text:
    """One annotator's version as a small card; the fields that differ are highlighted."""
    out = Text()
    out.append(f"{number}  {name}", style="bold")
    if in_gold:
        out.append("  ✓ in gold", style="bold")
    out.append("\n")
    if version is None:
        out.append("did not mark this quote", style="italic")
        return out
    quote = version.quote
    values = {
        "span": f"[{quote.start}, {quote.end}) “{display_text(text[quote.start : quote.end])}”",
        "kind": quote.kind,
        "speaker": version.speaker or "—",
        "cue": display_text(text[quote.cue[0] : quote.cue[1]]) if quote.cue else "—",
        "stance": quote.stance or "—",
        "target": quote.target or "—",
    }
    for field in FIELDS:
        out.append(f"{field:<8}", style="dim")
        out.append(values[field], style="reverse" if field in differences else "")
        out.append("\n")
    out.rstrip()
    return out


class AdjudicateApp(App[int]):
    CSS_PATH: ClassVar[list[str]] = ["app.tcss", "adjudicate.tcss"]
    TITLE = "corpus-tui adjudicate"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self, project: Project, journal: Journal, reviews: Sequence[DocReview], *, warnings: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.reviews = [r for r in reviews if r.disputed]
        self.session = Session(project, journal, [r.document for r in self.reviews])
        self.startup_warnings = list(warnings)

    def on_mount(self) -> None:
        if self.session.project.config.keys:
            self.set_keymap(dict(self.session.project.config.keys))
        self.push_screen(ReviewScreen(self.session, self.reviews))
        for warning in self.startup_warnings:
            self.notify(warning, title="adjudicate", severity="warning", timeout=15)

    def get_key_display(self, binding: Binding) -> str:
        """The footer's first number key stands for all of them: ``1…N take``, N the cards."""
        if binding.id == TAKE_FIRST and binding.key == "1":
            count = len(self.screen.annotators) if isinstance(self.screen, ReviewScreen) else 0
            if count > 1:
                return f"1…{min(count, 9)}"
        return super().get_key_display(binding)

    def action_help(self) -> None:
        from corpus_tui.tui.screens.help import HelpScreen

        annotate = gold_annotate_bindings()
        if isinstance(self.screen, AnnotateScreen):
            sections = [("Annotate (gold)", annotate)]
        else:
            sections = [("Adjudicate", ADJUDICATE_BINDINGS), ("Annotate gold (e)", annotate)]
        sections.append(("Everywhere", APP_BINDINGS))
        self.push_screen(HelpScreen("corpus-tui adjudicate — keys", sections))


#: what some Annotate keys do differently on gold inside adjudicate (the help says so)
GOLD_ANNOTATE_TOOLTIPS = {
    "back": "clear the selection; with none, back to the review",
    "mark_done": "mark gold done and open the next disputed document (refused while disputes are open)",
    "next_document": "next disputed document",
    "prev_document": "previous disputed document",
}


def gold_annotate_bindings() -> list[BindingType]:
    from dataclasses import replace as replace_binding

    from corpus_tui.tui.screens.annotate import ANNOTATE_BINDINGS

    return [
        replace_binding(b, tooltip=GOLD_ANNOTATE_TOOLTIPS[b.id])
        if isinstance(b, Binding) and b.id in GOLD_ANNOTATE_TOOLTIPS
        else b
        for b in ANNOTATE_BINDINGS
    ]


def review_disputes(project: Project, journal: Journal, disputed: list[DocReview], warnings: list[str]) -> int:
    """The review app on the (locked) gold journal; what ``commands.adjudicate`` calls."""
    result = AdjudicateApp(project, journal, disputed, warnings=warnings).run()
    return result if isinstance(result, int) else 0
