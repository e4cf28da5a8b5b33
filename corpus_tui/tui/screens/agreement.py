"""The Agreement screen (command palette → Agreement): the figures of ``agree`` as a table.

A DataTable built from the report's rows, not the CLI's text: with three annotators the
text is wider than most terminals and wraps into nonsense. The row labels stay put while
the columns (one per pair, then overall) scroll sideways with ←/→. Every cell and label is
a ``Text`` made by ``plain``, never markup: annotator names and journal warnings come from files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from corpus_tui.tui.keymap import AGREEMENT
from corpus_tui.tui.safe_text import plain

if TYPE_CHECKING:
    from corpus_tui.review.agreement import AgreementReport


class AgreementScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    AgreementScreen { align: center middle; }
    AgreementScreen > Vertical {
        width: 100%; height: auto; max-height: 95%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    AgreementScreen Label { text-style: bold; margin: 0 0 1 0; }
    AgreementScreen DataTable { height: auto; max-height: 12; scrollbar-size-horizontal: 1; }
    AgreementScreen #agreement-notes { height: auto; margin: 1 0 0 0; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = list(AGREEMENT)

    def __init__(self, report: AgreementReport) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.report.title))
            yield DataTable(id="agreement-table", cursor_type="column", zebra_stripes=True, fixed_columns=1)
            notes = [*self.report.notes(), "←/→ move between the columns (they scroll sideways), escape closes."]
            yield Static(plain("\n".join(notes), lines=True), id="agreement-notes")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text(""), key="figure")
        for column in self.report.columns:
            table.add_column(plain(column.label, style="bold"))
        for label, cells in self.report.rows():
            table.add_row(plain(label, style="bold"), *(plain(cell) for cell in cells))
        table.move_cursor(column=1)  # on the first pair, not on the labels
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
