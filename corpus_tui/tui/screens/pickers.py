"""Modal pickers: type to filter, up/down to choose, Enter to take, escape to cancel.

One generic picker serves speakers/entities, source mentions, targets and stances, so
they all behave the same. A picker that allows new values offers the typed text as a new
choice, so an unknown speaker or target never needs another dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from corpus_tui.core.text import terminal_safe
from corpus_tui.tui.keymap import PICKER, PROMPT, TEXT
from corpus_tui.tui.safe_text import plain


@dataclass(frozen=True)
class Choice:
    """One entry: what is shown, what is returned, and the words filtering searches."""

    label: str
    value: str
    search: str = ""
    hint: str = ""


class PickerScreen(ModalScreen[str | None]):
    """Returns the chosen value, or None when cancelled."""

    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PickerScreen Label { width: 100%; text-style: bold; }
    PickerScreen OptionList { height: auto; max-height: 16; border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(PICKER)

    def __init__(
        self,
        title: str,
        choices: list[Choice],
        *,
        value: str = "",
        allow_new: bool = False,
        new_label: str = "new: {}",
        placeholder: str = "type to filter",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.initial = value
        self.allow_new = allow_new
        self.new_label = new_label
        self.placeholder = placeholder
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.title_text))
            yield Input(value=self.initial, placeholder=self.placeholder, id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self._refilter(self.initial)
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refilter(event.value)

    def _refilter(self, typed: str) -> None:
        words = typed.casefold().split()
        wanted = " ".join(typed.split())
        exact: list[Choice] = []
        matches: list[Choice] = []
        for choice in self.choices:
            haystack = f"{choice.label} {choice.value} {choice.search}".casefold()
            if wanted and choice.value.casefold() == wanted.casefold():
                exact.append(choice)
            elif all(w in haystack for w in words):
                matches.append(choice)
        options: list[Option] = []
        self.shown = []
        for choice in (*exact, *matches):
            label = plain(choice.label)
            if choice.hint:
                label.append("  " + terminal_safe(choice.hint), style="dim")
            options.append(Option(label))
            self.shown.append(choice.value)
        if self.allow_new and wanted and not exact:
            options.append(Option(plain(self.new_label.format(wanted), style="italic")))
            self.shown.append(wanted)
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        if options:
            option_list.highlighted = 0

    def action_move(self, delta: int) -> None:
        option_list = self.query_one(OptionList)
        if not self.shown:
            return
        current = option_list.highlighted or 0
        option_list.highlighted = min(max(current + delta, 0), len(self.shown) - 1)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.shown):
            self.dismiss(self.shown[highlighted])
        elif self.allow_new and " ".join(event.value.split()):
            self.dismiss(" ".join(event.value.split()))
        else:
            self.app.bell()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """Asks for one line of text (search, repository id, output folder)."""

    DEFAULT_CSS = """
    PromptScreen { align: center bottom; }
    PromptScreen > Vertical {
        width: 80; max-width: 95%; height: auto;
        border: round $accent; background: $surface; padding: 0 1; margin-bottom: 2;
    }
    PromptScreen Label { text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(PROMPT)

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.initial = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.title_text))
            yield Input(value=self.initial, placeholder=self.placeholder, select_on_focus=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """Shows a block of plain text (stats, agreement) until escape or q."""

    DEFAULT_CSS = """
    TextScreen { align: center middle; }
    TextScreen > Vertical {
        width: 100; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    TextScreen VerticalScroll { height: auto; max-height: 40; }
    TextScreen Label { text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(TEXT)

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.title_text))
            with VerticalScroll():
                yield Static(plain(self.body, lines=True))

    def action_close(self) -> None:
        self.dismiss(None)
