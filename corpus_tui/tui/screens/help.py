"""The Help screen: every key of the screen below it, generated from its bindings.

Generated, not written by hand, from the keymap registry's bindings and the keymap the app
applied, so a rebinding in ``[keys]`` of corpus-tui.toml shows up here exactly as it works.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from corpus_tui.tui.keymap import HELP_SCREEN
from corpus_tui.tui.safe_text import plain


def key_names(keys: str) -> str:
    """``"left,h"`` → ``"← / h"``; ``"ctrl+z"`` → ``"ctrl+z"``."""
    shown = []
    for key in keys.split(","):
        key = key.strip()
        *modifiers, last = key.split("+") if key != "+" else ["+"]
        shown.append("+".join([*modifiers, format_key(last)]))
    return " / ".join(shown)


def binding_rows(bindings: Sequence[Binding], keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(keys, description) for every binding, with the keymap's overrides applied; bindings
    that share a description (the nine stance keys) are merged into one row."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        description = binding.tooltip or binding.description or binding.action
        rows.setdefault(description, []).append(key_names(keys))
    return [(_join_keys(keys), description) for description, keys in rows.items()]


def _join_keys(keys: list[str]) -> str:
    """``1 / 2 / … / 9`` as ``1…9`` (a run of three or more digits), else joined with ``/``."""
    if len(keys) >= 3 and all(len(k) == 1 and k.isdigit() for k in keys):
        numbers = [int(k) for k in keys]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{keys[0]}…{keys[-1]}"
    return " / ".join(keys)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 98%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(HELP_SCREEN)

    def __init__(
        self, title: str, sections: Sequence[tuple[str, Sequence[Binding]]], keymap: Mapping[str, str]
    ) -> None:
        super().__init__()
        self.title_text = title
        self.sections = sections
        #: binding id → keys, as the app applied it
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        keymap = self.keymap
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        table.add_column("keys", style="bold", no_wrap=True, ratio=1)
        table.add_column("does", ratio=3)
        for name, bindings in self.sections:
            table.add_row(plain(name, style="bold underline"), "")
            for keys, description in binding_rows(bindings, keymap):  # keys may come from [keys]
                table.add_row(plain(keys), plain(description))
            table.add_row("", "")
        with VerticalScroll():
            yield Static(plain(self.title_text, style="bold"))  # it lists the config's stance labels
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
