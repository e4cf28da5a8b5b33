"""The Corpus screen's document table: a Line API list that paints only the visible rows.

Textual's DataTable measures every cell of every row up front, which takes seconds on
10,000 documents; here a row is built only when it is painted (from the session's
already-read journal), so opening a project costs the same for 100 or 100,000 documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus_tui.core.model import Status
from corpus_tui.core.text import terminal_safe
from corpus_tui.tui.keymap import DOCUMENT_LIST

#: (title, width) of the columns after the document id
COLUMNS: tuple[tuple[str, int], ...] = (("status", 18), ("quotes", 7), ("speakers", 9), ("gold", 5))
STATUS_STYLE = {
    Status.TODO: Style(dim=True),
    Status.IN_PROGRESS: Style(color="yellow"),
    Status.DONE: Style(color="green", bold=True),
    Status.SKIPPED: Style(dim=True, italic=True),
    Status.FLAGGED: Style(color="red", bold=True),
}


SELECTED = Style(bgcolor="blue", color="bright_white", bold=True)
SELECTED_UNFOCUSED = Style(bold=True, underline=True)


class DocumentList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows are positions into ``rows`` (indices of documents); ``cells(doc_index)`` gives the
    values (id, status, quotes, speakers, gold) when a row is painted."""

    BINDINGS: ClassVar[list[BindingType]] = list(DOCUMENT_LIST)
    DEFAULT_CSS = """
    DocumentList { height: 1fr; scrollbar-gutter: stable; }
    """

    #: the row under the cursor; moving it repaints just the two rows (or scrolls)
    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Chosen(Message):
        def __init__(self, doc_index: int) -> None:
            super().__init__()
            self.doc_index = doc_index

    def __init__(self, cells: Callable[[int], tuple[str, str, str, str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cells = cells
        self.rows: list[int] = []
        self.id_width = 12

    def set_rows(self, rows: Sequence[int], id_width: int) -> None:
        self.rows = list(rows)
        self.id_width = max(min(id_width, 60), 8)
        self.cursor = min(self.cursor, max(len(self.rows) - 1, 0))
        self.virtual_size = Size(self.id_width + sum(w for _, w in COLUMNS) + 2, len(self.rows) + 1)
        self.refresh()
        self._follow()

    @property
    def current(self) -> int | None:
        return self.rows[self.cursor] if self.rows else None

    def move_to_document(self, doc_index: int) -> None:
        if doc_index in self.rows:
            self._set_cursor(self.rows.index(doc_index))

    # -- painting

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:  # the header stays put
            header = "document".ljust(self.id_width) + "".join(f" {t:<{w - 1}}" for t, w in COLUMNS)
            return Strip([Segment(header, base + Style(bold=True, underline=True))]).crop_extend(0, width, base)
        row = y - 1 + self.scroll_offset.y
        if row >= len(self.rows):
            return Strip.blank(width, base)
        doc_id, status, quotes, speakers, gold = self.cells(self.rows[row])
        selected = row == self.cursor
        if selected:
            row_style = base + (SELECTED if self.has_focus else SELECTED_UNFOCUSED)
            status_style = gold_style = row_style
        else:
            row_style = base
            status_style = base + STATUS_STYLE.get(status.split(" ")[0], Style())
            gold_style = base + Style(color="green", bold=True)
        doc_text = terminal_safe(doc_id)
        if len(doc_text) > self.id_width - 1:
            doc_text = doc_text[: self.id_width - 2] + "…"
        segments = [
            Segment(doc_text.ljust(self.id_width), row_style),
            Segment(" " + status.ljust(COLUMNS[0][1] - 1), status_style),
            Segment(" " + quotes.ljust(COLUMNS[1][1] - 1), row_style),
            Segment(" " + speakers.ljust(COLUMNS[2][1] - 1), row_style),
            Segment(" " + gold.ljust(COLUMNS[3][1] - 1), gold_style),
        ]
        return Strip(segments).crop_extend(0, width, row_style if selected else base)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- moving

    def _set_cursor(self, row: int) -> None:
        if self.rows:
            self.cursor = min(max(row, 0), len(self.rows) - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._follow():
            self.refresh_lines(old + 1, 1)
            self.refresh_lines(new + 1, 1)

    def _follow(self) -> bool:
        height = self.scrollable_content_region.height - 1
        if height <= 0:
            return False
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
            return True
        if self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
            return True
        return False

    def action_move(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._set_cursor(self.cursor + direction * max(self.scrollable_content_region.height - 2, 1))

    def action_edge(self, end: int) -> None:
        self._set_cursor(len(self.rows) - 1 if end else 0)

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))
