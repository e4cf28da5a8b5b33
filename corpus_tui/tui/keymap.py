"""Every key binding of both apps (annotation and adjudication), each defined once.

One registry, so that the ids a user writes in ``[keys]`` of corpus-tui.toml can be checked
before any screen is drawn, and a typo is a sentence instead of a key that silently does
nothing. Ids are ``<where>.<action>``: ``app`` (everywhere), ``corpus`` and ``list`` (the
Corpus screen and its table), ``annotate``, ``adjudicate``, and the modal screens
(``help``, ``picker``, ``prompt``, ``text``, ``agreement``, ``unsaved``). The screens and widgets take
their ``BINDINGS`` from here; the Help screen and the footer show these same objects, so
whatever is rebound shows up there as it works.

The flat ids of earlier versions (``mark_quote``, ``quit``, ``adjudicate_take_1``) still
work, with a notice that names the new ones: configs written from the old README keep
their keys.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from textual.binding import Binding

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import CONFIG_NAME, Project


def _b(
    key: str,
    action: str,
    description: str,
    id: str,
    tooltip: str = "",
    *,
    show: bool = False,
    priority: bool = False,
) -> Binding:
    return Binding(key, action, description, show=show, id=id, tooltip=tooltip, priority=priority)


# --------------------------------------------------------------------------- everywhere

QUIT = _b("ctrl+q", "quit", "Quit", "app.quit", "quit (everything is already saved)", priority=True)
HELP = _b("question_mark", "help", "Help", "app.help", "this help", show=True)
#: Textual adds its own ctrl+p binding (without an id) unless the app has one for this action;
#: ours has an id, so the palette key can be rebound too
PALETTE = _b(
    "ctrl+p",
    "command_palette",
    "palette",
    "app.command_palette",
    "command palette: stats, suggest, export, push, agreement",
    priority=True,
)
APP: list[Binding] = [QUIT, HELP, PALETTE]

# --------------------------------------------------------------------------- the Corpus screen

CORPUS: list[Binding] = [
    _b("enter", "open", "Open", "corpus.open", "open the document under the cursor", show=True),
    _b("slash", "filter", "Filter", "corpus.filter", "filter documents by id or status", show=True),
    _b("escape", "clear_filter", "Clear filter", "corpus.clear_filter", "clear the filter", show=True),
]
DOCUMENT_LIST: list[Binding] = [
    _b("up,k", "move(-1)", "up", "list.up"),
    _b("down,j", "move(1)", "down", "list.down"),
    _b("pageup", "page(-1)", "page up", "list.page_up"),
    _b("pagedown", "page(1)", "page down", "list.page_down"),
    _b("home,g", "edge(0)", "first", "list.first"),
    _b("end,G", "edge(1)", "last", "list.last"),
    _b("enter", "choose", "Open", "list.open", "open the document under the cursor", show=True),
]

# --------------------------------------------------------------------------- the Annotate screen

_STANCE_TIP = "stance label N of the quote (see [labels])"
ANNOTATE: list[Binding] = [
    _b("left,h", "token(-1)", "token", "annotate.cursor_left", "previous token"),
    _b("right,l", "token(1)", "token", "annotate.cursor_right", "next token"),
    _b("up,k", "lines(-1)", "line", "annotate.cursor_up", "line up"),
    _b("down,j", "lines(1)", "line", "annotate.cursor_down", "line down"),
    _b("left_parenthesis", "sentence(-1)", "sentence", "annotate.prev_sentence", "previous sentence"),
    _b("right_parenthesis", "sentence(1)", "sentence", "annotate.next_sentence", "next sentence"),
    _b("home,g", "edge(0)", "start", "annotate.doc_start", "start of the article"),
    _b("end,G", "edge(1)", "end", "annotate.doc_end", "end of the article"),
    _b("pageup", "page(-1)", "page up", "annotate.page_up", "page up"),
    _b("pagedown", "page(1)", "page down", "annotate.page_down", "page down"),
    _b("shift+left", "extend(-1)", "extend", "annotate.select_left", "extend the selection by a token to the left"),
    _b("shift+right", "extend(1)", "extend", "annotate.select_right", "extend the selection by a token to the right"),
    _b("v", "visual", "select", "annotate.select_start", "start a selection at the cursor (moves extend it)"),
    _b("escape", "escape", "back", "annotate.back", "clear the selection; with none, back to the Corpus screen"),
    _b(
        "quotation_mark",
        "quotation",
        "quotation",
        "annotate.select_quotation",
        "select the quotation around the cursor",
        show=True,
    ),
    _b("slash", "search", "search", "annotate.search", "search: the next match becomes the selection", show=True),
    _b(
        "q",
        "mark_quote",
        "quote",
        "annotate.mark_quote",
        "mark the selection as a quote (direct if in quotation marks)",
        show=True,
    ),
    _b("t", "cycle_kind", "kind", "annotate.cycle_kind", "cycle the kind of the quote: direct, indirect, mixed"),
    _b(
        "s",
        "mark_speaker",
        "speaker",
        "annotate.mark_speaker",
        "mark the selection as a speaker mention (picker)",
        show=True,
    ),
    _b(
        "c",
        "mark_cue",
        "cue",
        "annotate.mark_cue",
        "mark the selection as the cue (speech verb) of its quote",
        show=True,
    ),
    _b(
        "o",
        "set_source",
        "source",
        "annotate.set_source",
        "set the source (speaker) of the quote: mentions nearest first",
        show=True,
    ),
    *[_b(str(n), f"stance({n})", f"stance {n}", f"annotate.stance_{n}", _STANCE_TIP) for n in range(1, 10)],
    _b("0", "stance(0)", "no stance", "annotate.stance_clear", "clear the stance of the quote"),
    _b("T", "set_target", "target", "annotate.set_target", "set the target of the quote (picker, or type a new one)"),
    _b("D", "doc_stance", "doc stance", "annotate.doc_stance", "set the stance of the whole document"),
    _b("tab", "jump(1)", "next", "annotate.next_annotation", "jump to the next annotation"),
    _b("shift+tab", "jump(-1)", "prev", "annotate.prev_annotation", "jump to the previous annotation"),
    _b("x,delete", "delete", "delete", "annotate.delete", "delete the annotation under the cursor"),
    _b("a", "accept", "accept", "annotate.accept", "accept the suggestion under the cursor (stale: keep spans)"),
    _b("r", "reject", "reject", "annotate.reject", "reject the suggestion under the cursor"),
    _b("A", "accept_all", "accept all", "annotate.accept_all", "accept every suggestion in this document"),
    _b("u,ctrl+z", "undo", "undo", "annotate.undo", "undo (per document, unlimited)", show=True),
    _b("ctrl+y", "redo", "redo", "annotate.redo", "redo"),
    _b("n", "document(1)", "next doc", "annotate.next_document", "next document"),
    _b("p", "document(-1)", "prev doc", "annotate.prev_document", "previous document"),
    _b("d", "done", "done", "annotate.mark_done", "mark done and open the next document", show=True),
    _b("f", "flag", "flag", "annotate.mark_flagged", "flag the document (needs a second look)"),
]

# --------------------------------------------------------------------------- adjudicate

#: the footer shows "1…N take" for the first number key (see AdjudicateApp.get_key_display)
TAKE_FIRST = "adjudicate.take_1"
_TAKE_TIP = "take the version on the card with that number (cards are numbered 1…N, one per annotator)"
ADJUDICATE: list[Binding] = [
    *[_b(str(n), f"take({n})", "take", f"adjudicate.take_{n}", _TAKE_TIP, show=n == 1) for n in range(1, 10)],
    _b("0", "take(0)", "none", "adjudicate.take_none", "take none of the versions (no quote in gold)", show=True),
    _b("n", "move(1)", "next", "adjudicate.next", "next dispute", show=True),
    _b("p", "move(-1)", "previous", "adjudicate.previous", "previous dispute", show=True),
    _b("N", "move_document(1)", "next doc", "adjudicate.next_document", "next document"),
    _b("P", "move_document(-1)", "prev doc", "adjudicate.previous_document", "previous document"),
    _b(
        "enter,e", "edit", "edit gold", "adjudicate.edit", "edit this document's gold with the Annotate keys", show=True
    ),
    _b(
        "d",
        "done",
        "gold done",
        "adjudicate.done",
        "mark this document's gold done and go to the next (refused while a dispute is open)",
        show=True,
    ),
]
#: the review is a session one finishes, so its footer shows how to leave; its palette has
#: only Textual's own commands
ADJUDICATE_APP: list[Binding] = [
    replace(QUIT, show=True),
    HELP,
    replace(PALETTE, tooltip="command palette (theme, keys, screenshot)"),
]
#: what some Annotate keys do differently on gold inside adjudicate (the help says so)
_GOLD_TOOLTIPS = {
    "annotate.back": "clear the selection; with none, back to the review",
    "annotate.mark_done": "mark gold done and open the next disputed document (refused while disputes are open)",
    "annotate.next_document": "next disputed document",
    "annotate.prev_document": "previous disputed document",
}
GOLD_ANNOTATE: list[Binding] = [
    replace(b, tooltip=_GOLD_TOOLTIPS[b.id]) if b.id in _GOLD_TOOLTIPS else b for b in ANNOTATE
]

# --------------------------------------------------------------------------- modal screens

HELP_SCREEN: list[Binding] = [_b("escape,question_mark,q", "close", "Close help", "help.close", show=True)]
PICKER: list[Binding] = [
    _b("escape", "cancel", "Cancel", "picker.cancel", show=True),
    _b("down", "move(1)", "Down", "picker.down", priority=True),
    _b("up", "move(-1)", "Up", "picker.up", priority=True),
]
PROMPT: list[Binding] = [_b("escape", "cancel", "Cancel", "prompt.cancel", show=True)]
TEXT: list[Binding] = [
    _b("escape", "close", "Close", "text.close", show=True),
    _b("q", "close", "Close", "text.close_q"),
]
AGREEMENT: list[Binding] = [
    _b("escape", "close", "Close", "agreement.close", show=True),
    _b("q", "close", "Close", "agreement.close_q"),
]
#: ctrl+q with unsaved edits: losing them takes a deliberate key (shift+q), never a reflex
UNSAVED: list[Binding] = [
    _b("r", "retry", "Retry", "unsaved.retry", "retry saving now (quits when it works)", show=True),
    _b("Q", "quit_anyway", "Quit anyway", "unsaved.quit_anyway", "quit anyway: these edits are lost", show=True),
    _b("escape", "stay", "Stay", "unsaved.stay", "stay: saving is retried every 2 s and with each change", show=True),
]

# --------------------------------------------------------------------------- the user's [keys]

#: every binding, in the order "did you mean" prefers when two share an action name
ALL: list[Binding] = [
    *APP,
    *CORPUS,
    *DOCUMENT_LIST,
    *ANNOTATE,
    *ADJUDICATE,
    *HELP_SCREEN,
    *PICKER,
    *PROMPT,
    *TEXT,
    *AGREEMENT,
    *UNSAVED,
]
#: every id a user may rebind
BINDING_IDS: tuple[str, ...] = tuple(dict.fromkeys(b.id for b in ALL if b.id))
#: the flat ids of earlier versions → today's
LEGACY_IDS: dict[str, str] = {
    "quit": "app.quit",
    "help": "app.help",
    "palette": "app.command_palette",
    **{b.id.removeprefix("annotate."): b.id for b in ANNOTATE if b.id},
    **{b.id.replace("adjudicate.", "adjudicate_"): b.id for b in ADJUDICATE if b.id},
}


@dataclass(frozen=True)
class UserKeymap:
    """``[keys]`` checked and translated: binding id → keys, and what to tell the user."""

    keys: dict[str, str]
    #: one sentence per problem that does not stop the app (old ids)
    notices: tuple[str, ...] = ()


def resolve_keymap(keys: Mapping[str, str], source: str) -> UserKeymap:
    """Check ``[keys]`` against the registry; an unknown id is one sentence with the
    nearest known id (``source`` names the file). Old flat ids are translated, with a notice."""
    for name in keys:
        if name not in LEGACY_IDS and name not in BINDING_IDS:
            raise CorpusError(f"{source}: [keys] names no key binding {name!r}{_did_you_mean(name)}")
    old = {name: LEGACY_IDS[name] for name in keys if name not in BINDING_IDS}
    # the new id wins when a config gives both
    resolved = {**{new: keys[name] for name, new in old.items()}, **{n: v for n, v in keys.items() if n not in old}}
    notices: tuple[str, ...] = ()
    if old:
        renamed = ", ".join(f"{name} → {new}" for name, new in old.items())
        notices = (f"{source}: [keys] uses old binding ids ({renamed}); they still work, but write the new ones.",)
    return UserKeymap(resolved, notices)


def user_keymap(project: Project) -> UserKeymap:
    """The project's ``[keys]``, checked: what both apps apply, and what the launcher checks
    before Textual takes over the terminal (so a typo is an error message, not a screen)."""
    return resolve_keymap(project.config.keys, str(project.root / CONFIG_NAME))


def _did_you_mean(name: str) -> str:
    """``; did you mean 'annotate.mark_quote'?`` for the closest id, else a hint at the form.
    A typo usually misses the screen part, so the part after the dot is compared too."""
    by_action: dict[str, str] = {}
    for binding_id in BINDING_IDS:
        by_action.setdefault(binding_id.rpartition(".")[2], binding_id)
    whole = difflib.get_close_matches(name, BINDING_IDS, n=1, cutoff=0.75)
    if whole:
        return f"; did you mean {whole[0]!r}?"
    action = difflib.get_close_matches(name.rpartition(".")[2], list(by_action), n=1, cutoff=0.6)
    if action:
        return f"; did you mean {by_action[action[0]]!r}?"
    return " (binding ids look like 'annotate.mark_quote': the screen, a dot, the action)."
