"""The side panel: the document's quotes with speaker, kind, stance and target.

It follows the cursor (the quote the quote keys would act on is marked ▶) and shows a
window of quotes around it. It paints through the Line API from lines of Segments built
only when the annotation or the current quote changes, so following the cursor costs a
few dozen short lines, however many quotes the article has. Names come from annotators
and articles, so nothing here is parsed as markup, and every name, label and id goes
through ``terminal_safe`` (article text through ``display_text``) before it is measured.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from corpus_tui.core.model import DocAnnotation, Kind, Origin, Quote
from corpus_tui.core.text import terminal_safe
from corpus_tui.tui.textlayout import display_text

_KIND_MARK = {Kind.DIRECT: "“”", Kind.INDIRECT: "≈ ", Kind.MIXED: "“≈"}
BOLD = Style(bold=True)
DIM = Style(dim=True)
ITALIC = Style(italic=True)
RULE = Style(color="blue")

Line = list[tuple[str, Style | None]]
_MAX_CACHED_STRIPS = 2000
#: seconds after a new window before its neighbours are painted ahead: after the frame has gone out
PREFETCH_DELAY = 0.03


class QuotePanel(Widget):
    """``show`` replaces the content; ``follow`` moves the ▶ marker to another quote."""

    DEFAULT_CSS = """
    QuotePanel {
        width: 36%;
        min-width: 30;
        max-width: 56;
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ann: DocAnnotation | None = None
        self.text = ""
        self.stale = False
        self.current: str | None = None
        self._lines: list[Line] | None = None
        self._first = 0  # the first quote of the window; it moves only when the current quote leaves it
        self._base: Style | None = None
        self._styles: dict[Style | None, Style] = {}
        #: painted rows by their content: when a quote is inserted or the window pages, most
        #: rows show a quote painted before (shifted, or the same row again), so only the new
        #: rows are painted; dropped on a new size or theme
        self._strips: dict[tuple[tuple[str, Style | None], ...], Strip] = {}
        self._rows = 1  # quotes in the window
        self._sized_for: Size | None = None  # the size the lines and painted rows are for
        self._prefetch_pending = False
        self._prefetched: tuple[DocAnnotation | None, int] | None = None  # (annotation, window) painted ahead

    def show(self, ann: DocAnnotation | None, text: str, *, stale: bool = False, current: str | None = None) -> None:
        self.ann, self.text, self.stale, self.current = ann, text, stale, current
        self._update()

    def follow(self, quote_id: str | None) -> None:
        if quote_id != self.current:
            self.current = quote_id
            self._update()

    def _update(self) -> None:
        """Rebuild the lines and repaint only those that differ (usually the two ▶ rows)."""
        old = self._lines
        self._lines = None
        height = self.content_region.height
        if old is None or not self.is_mounted or height <= 0:
            self.refresh()
            return
        new = self._build()
        rows = max(len(old), len(new))
        blank: Line = []  # rows past the last line are painted blank
        width = self.size.width
        run = None  # first row of the current stretch of changed rows: one refresh per stretch
        for y in range(rows + 1):
            same = y == rows or (old[y] if y < len(old) else blank) == (new[y] if y < len(new) else blank)
            if not same and run is None:
                run = y
            elif same and run is not None:
                self.refresh(Region(0, run, width, y - run))
                run = None

    def on_resize(self) -> None:
        size = self.content_region.size
        if size == self._sized_for:
            return  # the Resize that follows mounting: keep what was painted at this size
        self._sized_for = size
        self._lines = None
        self._base = None
        self._styles.clear()
        self._strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._styles.clear()
        self._strips.clear()

    def plain_lines(self) -> list[str]:
        """The panel's text, line by line (what tests and screen readers see)."""
        return ["".join(t for t, _ in line) for line in self._build()]

    def _style(self, style: Style | None) -> Style:
        combined = self._styles.get(style)
        if combined is None:
            if self._base is None:
                self._base = self.rich_style
            combined = self._styles[style] = self._base + style if style else self._base
        return combined

    def render_line(self, y: int) -> Strip:
        lines = self._build()
        key = tuple(lines[y]) if y < len(lines) else ()
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > _MAX_CACHED_STRIPS:
                self._strips.clear()
            strip = self._strips[key] = self._paint(key)
        return strip

    def _paint(self, line: tuple[tuple[str, Style | None], ...]) -> Strip:
        # the left rule and the margin are painted here rather than by CSS border/padding:
        # Textual's per-line border/padding pass doubles the cost of repainting the panel
        width = self.content_region.width - 2
        base = self._style(None)
        rule = Segment("▏ ", self._style(RULE))
        if not line:
            return Strip([rule, Segment(" " * max(width, 0), base)])
        strip = Strip([Segment(text, self._style(style)) for text, style in line])
        if strip.cell_length > width:
            strip = strip.crop(0, max(width - 1, 0))
            strip = Strip([*strip, Segment("…", base)])
        return Strip([rule, *strip.extend_cell_length(width, base)])

    # -- building

    def _build(self) -> list[Line]:
        if self._lines is None:
            first = self._first
            if self._sized_for is None:
                self._sized_for = self.content_region.size
            self._lines, self._first = self._make_lines(*self._page_size(), self.current, first)
            done = self._prefetched
            if done is None or done[0] is not self.ann or done[1] != self._first:
                self._schedule_prefetch()
        return self._lines

    def _page_size(self) -> tuple[int, int]:
        return max(self.content_region.height, 1), max(self.content_region.width - 2, 10)

    # -- painting the neighbouring pages ahead

    def _schedule_prefetch(self) -> None:
        if not self._prefetch_pending and self.is_mounted:
            self._prefetch_pending = True
            self.set_timer(PREFETCH_DELAY, self._prefetch)

    def _prefetch(self) -> None:
        """Paint the rows of the pages before and after the window while the app is idle,
        so that the cursor crossing into them (a whole panel of new rows) finds them painted."""
        self._prefetch_pending = False
        ann = self.ann
        if ann is None or self.stale or not ann.quotes or not self.is_mounted or self.content_region.height <= 0:
            return
        self._prefetched = (ann, self._first)
        height, width = self._page_size()
        rows = self._rows
        quotes = ann.quotes
        for index in (self._first, self._first + rows, self._first + rows + 1, self._first - 1, self._first - 2):
            if 0 <= index < len(quotes):
                lines, _ = self._make_lines(height, width, quotes[index].id, self._first)
                for line in lines:
                    key = tuple(line)
                    if key not in self._strips:
                        self._strips[key] = self._paint(key)

    # -- building

    def _make_lines(self, height: int, width: int, current: str | None, first: int) -> tuple[list[Line], int]:
        """The panel's lines with ``current`` marked and the window that shows it (the
        window stays at ``first`` while the current quote is in it)."""
        ann = self.ann
        if ann is None:
            return [], first
        if self.stale:
            message = (
                f"The article changed after this was annotated; its {len(ann.quotes)} quote(s) and "
                f"{len(ann.mentions)} speaker mention(s) point into the old text, so they are not shown."
            )
            red = Style(color="red")
            lines: list[Line] = [[("STALE", Style(bold=True, reverse=True, color="red"))]]
            lines += [[(chunk, red)] for chunk in _wrap(message, width)]
            lines += [
                [],
                [("a  keep them at their offsets (check them after)", BOLD)],
                [("x  discard them and start over", BOLD)],
                [("u  undo either", BOLD)],
            ]
            return lines, first
        lines = [[(f"{len(ann.quotes)} quotes · {len(ann.mentions)} speakers · {ann.status}", BOLD)]]
        if ann.doc_stance is not None:
            stance, target = ann.doc_stance.stance, ann.doc_stance.target
            lines.append([("document: ", DIM), (terminal_safe(stance), BOLD), (_arrow(target), None)])
        if not ann.quotes:
            lines += [[], [("No quotes yet: select text", DIM)], [('(" / v / shift+→) and press q.', DIM)]]
            return lines, first
        quotes = ann.quotes
        rows = max((height - len(lines) - 2) // 3, 1)
        self._rows = rows
        index = next((i for i, q in enumerate(quotes) if q.id == current), None)
        first = min(first, max(len(quotes) - rows, 0))
        if index is not None and index >= first + rows:  # paged, not centred: fewer full repaints
            first = max(0, min(index - 1, len(quotes) - rows))
        elif index is not None and index < first:
            first = max(0, index - rows + 2)
        lines.append([(f"  ↑ {first} more", DIM)] if first > 0 else [])
        for q in quotes[first : first + rows]:
            lines += self._quote_lines(ann, q, q.id == current)
        rest = len(quotes) - first - rows
        if rest > 0:
            lines.append([(f"  ↓ {rest} more", DIM)])
        return lines, first

    def _quote_lines(self, ann: DocAnnotation, q: Quote, here: bool) -> list[Line]:
        suggested = q.origin == Origin.SUGGESTED
        head: Line = [
            ("▶ " if here else "  ", BOLD),
            (f"[{terminal_safe(q.id)}]", Style(bold=True, reverse=True) if here else BOLD),
            (f" {_KIND_MARK.get(q.kind, '  ')} {q.kind}", None),
        ]
        if suggested:
            head.append(("  ?suggested", Style(italic=True, color="cyan")))
        elif q.origin == Origin.ACCEPTED:
            head.append(("  ✓accepted", Style(color="green")))
        if q.cue is not None:
            head.append(("  cue:", DIM))
            head.append((display_text(self.text[q.cue[0] : q.cue[1]][:20]), Style(color="magenta", underline=True)))
        snippet = display_text(" ".join(self.text[q.start : min(q.end, q.start + 80)].split()))
        body: Line = [("   «" + snippet + "»", ITALIC if suggested else None)]
        speaker = ann.speaker_of(q)
        who: Line = [("   ", None)]
        who.append(
            (f"⟨{terminal_safe(speaker)}⟩", Style(bold=True, color="yellow")) if speaker else ("⟨no speaker⟩", DIM)
        )
        who.append((" · ", None))
        who.append((terminal_safe(q.stance) if q.stance else "no stance", BOLD if q.stance else DIM))
        if q.target:
            who.append((_arrow(q.target), None))
        return [head, body, who]


def _arrow(target: str | None) -> str:
    """`` → target`` (names and labels come from journals: ``terminal_safe``), or nothing."""
    return f" → {terminal_safe(target)}" if target else ""


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) > width and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
