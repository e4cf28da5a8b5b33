"""A one-line title bar that looks like Textual's Header and repaints only itself.

The Annotate screen's title says where the cursor is, so it changes every few lines of
cursor movement. Through ``Screen.sub_title`` and ``Header`` that repaints the whole screen
(header, article, panel, footer) and then lays it out again in a second frame (Header
updates its title from an async watcher with a layout): ~15 ms twice. Here the title is a
reactive of this widget, whose size never changes, so a new title repaints one line in the
frame that moved the cursor.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static


class TitleBar(Widget):
    """Icon on the left, ``title — sub_title`` centred (as the app formats titles)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    TitleBar > .title-bar--icon {
        dock: left;
        width: 8;
        padding: 0 1;
        content-align: left middle;
    }
    TitleBar > .title-bar--icon:hover {
        background: $foreground 10%;
    }
    TitleBar > .title-bar--text {
        width: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    TitleBar > .title-bar--space {
        dock: right;
        width: 10;
        padding: 0 1;
    }
    """

    title: reactive[str] = reactive("", repaint=False)
    sub_title: reactive[str] = reactive("", repaint=False)

    def __init__(self, icon: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.icon = icon

    def compose(self) -> ComposeResult:
        yield Static(self.icon, classes="title-bar--icon")
        yield Static(classes="title-bar--text")
        yield Static(classes="title-bar--space")

    def on_mount(self) -> None:
        self.query_one(".title-bar--icon").tooltip = "Open the command palette"
        self._show()

    def watch_title(self) -> None:
        self._show()

    def watch_sub_title(self) -> None:
        self._show()

    @property
    def shown(self) -> str:
        """The title as the annotator reads it (the app adds NOT SAVED, see ``format_title``)."""
        return self.app.format_title(self.title, self.sub_title).plain

    def _show(self) -> None:
        if self.is_mounted:
            text = self.query_one(".title-bar--text", Static)
            text.update(self.app.format_title(self.title, self.sub_title), layout=False)

    async def on_click(self, event: events.Click) -> None:
        """The icon opens the command palette, as the Header's does."""
        if event.widget is not None and event.widget.has_class("title-bar--icon"):
            event.stop()
            await self.run_action("app.command_palette")
