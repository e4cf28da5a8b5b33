"""What the TUI shows of untrusted strings: never markup, never a character that drives the terminal.

Names, labels, targets, notes, ids and messages come from configs, journals and imports
that someone else may have written. Three layers, one table (``core.text.terminal_safe``):

- widgets build their text with ``plain`` (a Rich ``Text``, never markup) or call
  ``terminal_safe`` where they paint Segments, so widths are measured on what is shown;
- ``SafeTextApp`` cleans what every screen hands to the app: titles (``format_title``, which
  Textual's Header and our TitleBar both call) and notifications (``notify``);
- ``TerminalSafeFilter``, a line filter on every painted line of every widget (Textual's
  own Input, OptionList, Toast, Header included), is the net for a string that reached a
  widget some other way: it cannot be forgotten, as it sees every Segment before the driver.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.app import App
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

from corpus_tui.core.text import terminal_safe


def plain(text: str, style: str = "", *, lines: bool = False) -> Text:
    """``text`` as a Rich ``Text`` with its control characters visible; ``lines``: a block of
    several lines (its line breaks kept), else one line (a line break shows as ␊)."""
    return Text(terminal_safe(text, keep="\n" if lines else ""), style=style)


class TerminalSafeFilter(LineFilter):
    """Shows any character ``terminal_safe`` replaces that is still in a painted line.

    Such a character was measured as zero cells wide and is painted as one, so the line is
    cut back to the width it was laid out for (the rare hostile line loses its last cells,
    the layout around it stays intact).
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.control or segment.text.isprintable() for segment in segments):
            return segments
        width = Segment.get_line_length(segments)  # (a control segment, Textual's own, is kept)
        shown = [s if s.control else Segment(terminal_safe(s.text), s.style) for s in segments]
        return list(Segment.adjust_line_length(shown, width))


_FILTER = TerminalSafeFilter()


class SafeTextApp(App[int]):
    """An App whose titles, notifications and painted lines show untrusted text safely."""

    def __init__(self) -> None:
        super().__init__()
        # A crash report goes to sys.stderr, which the CLI makes safe (commands.output): in
        # plain text, so its colour codes are not shown as ␛[…] all over the traceback.
        self.error_console = Console(markup=False, highlight=False, stderr=True, color_system=None)

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), _FILTER]

    def format_title(self, title: str, sub_title: str) -> Content:
        return super().format_title(terminal_safe(title), terminal_safe(sub_title))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of every screen comes here (``Widget.notify`` calls the app's):
        a message may quote a file name, a label or an exception about a journal."""
        super().notify(
            terminal_safe(message, keep="\n"),
            title=terminal_safe(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )
