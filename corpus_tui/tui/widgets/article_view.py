"""The article with its spans: a Line API scroll view that paints only what is visible.

Why not a TextArea or a Static: a 100,000-character article with 1,000 spans must answer a
keystroke in a frame. Here the text is wrapped once per width into (start, end) offset
pairs, the spans are flattened once per edit into sorted style boundaries, and a line is
painted by two bisects. Painted lines are cached by (line, edit version); a cursor move
repaints only the lines it leaves and enters.

The text is untrusted: it is painted as Segments of ``display_text`` (one display
character per article character, control characters replaced by visible placeholders),
never parsed as markup, so offsets stay exact and no article can drive the terminal.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus_tui.core.model import DocAnnotation
from corpus_tui.tui.textlayout import TextIndex, char_cells
from corpus_tui.tui.theme import SPAN_TEXT_STYLES, span_css
from corpus_tui.tui.widgets.spans import LAYER_ORDER, flatten_spans, reflatten, span_layers

_MAX_CACHED_LINES = 4000


@dataclass(frozen=True)
class Selection:
    start: int
    end: int


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one document; the screen owns the annotation and tells the view what changed.

    ``cursor`` is a reactive: the screen watches it, and a watcher runs when the cursor is
    set, so the quote panel and the title follow the cursor in the frame that shows it
    moving (a posted message would reach the screen only after that frame went out, and
    what follows the cursor would come a frame late). It does not repaint the view: a
    move repaints just the lines the old and new cursor touch.
    """

    #: one class per span kind, the selection and the cursor; their rules come from
    #: tui/theme.py: a theme recolours them through the ``span-*`` variables, a user's CSS
    #: can restyle the classes themselves (the text styles are a second cue for 16 colours)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--{span}" for span in SPAN_TEXT_STYLES),
        "article-view--cursor",
    }
    DEFAULT_CSS = f"""
    ArticleView {{
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 0;
    }}
    ArticleView > .article-view--cursor {{
        text-style: reverse bold;
    }}
    {span_css("ArticleView", "article-view")}
    """

    cursor: reactive[int] = reactive(0, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.index = TextIndex("")
        self.selection: Selection | None = None
        self.anchor: int | None = None
        self.visual = False
        self.version = 0
        self._goal_cell: int | None = None
        self._line_starts: list[int] = [0]
        self._line_ends: list[int] = [0]
        self._wrap_width = 0
        self._bounds: list[int] = [0]
        self._masks: list[int] = [0]
        #: resolved once per style change (theme, CSS, focus), not per line: the base
        #: style, each layer's style (by bit), the overlays, and each mask's combination
        self._palette: _Palette | None = None
        self._styles: dict[int, Style] = {}
        #: painted lines (without cursor/selection) by line number; entries of lines an
        #: edit touches are dropped, everything is dropped on a new width, document or style
        self._cache: dict[int, list[Segment]] = {}
        self._spans: set[tuple[int, int, str]] = set()

    # ------------------------------------------------------------------ content

    @property
    def text(self) -> str:
        return self.index.text

    def set_document(self, text: str, ann: DocAnnotation | None, cursor: int = 0) -> None:
        self.index = TextIndex(text)
        self._wrap_width = 0
        self._cache.clear()
        self.selection = None
        self.anchor = None
        self.visual = False
        self.cursor = min(max(cursor, 0), len(text))
        self.set_annotation(ann, partial=False)
        self._rewrap()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_cursor_into_view()

    def set_annotation(self, ann: DocAnnotation | None, *, partial: bool = True) -> None:
        """Adopt a new version of the annotation (``None``: show no spans, e.g. stale).

        Only the lines covered by spans that appeared or disappeared are repainted, so
        marking a quote costs a few lines, not a screen.
        """
        layers = span_layers(ann)
        new_spans = set(layers)
        changed = new_spans ^ self._spans
        self._spans = new_spans
        small = partial and len(changed) <= 64
        flat = reflatten(self._bounds, self._masks, layers, changed) if small else None
        self._bounds, self._masks = flat if flat is not None else flatten_spans(layers)
        self.version += 1
        if not small or not self._line_starts or self._wrap_width == 0:
            self._cache.clear()
            self.refresh()
            return
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        for start, end, _ in changed:
            first, last = self.line_of(start), self.line_of(max(end - 1, start))
            for line in range(first, last + 1):
                self._cache.pop(line, None)
            lo, hi = max(first, top), min(last, top + height - 1)
            if lo <= hi:
                self.refresh(Region(0, lo - top, self.size.width, hi - lo + 1))

    # ------------------------------------------------------------------ geometry

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_of(self, offset: int) -> int:
        return max(bisect_right(self._line_starts, offset) - 1, 0)

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _rewrap(self) -> None:
        width = self._content_width()
        if width == self._wrap_width:
            return
        self._wrap_width = width
        # a one-cell margin on the left (painted here: CSS padding costs a pass per line) and
        # one cell on the right for a cursor at the end of a line
        self._line_starts, self._line_ends = self.index.wrap(width - 2)
        self._cache.clear()
        self.virtual_size = Size(width, len(self._line_starts))
        self.refresh()

    def on_resize(self) -> None:
        if self.size.width and self._content_width() != self._wrap_width:
            self._rewrap()
            self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        """A theme or CSS change (or focus): resolve the styles again, repaint every line."""
        super().notify_style_update()
        self._palette = None
        self._styles.clear()
        self._cache.clear()

    # ------------------------------------------------------------------ painting

    @property
    def palette(self) -> _Palette:
        if self._palette is None:
            style = self.get_component_rich_style
            self._palette = _Palette(
                base=self.rich_style,
                layers=tuple(style(f"article-view--{layer}", partial=True) for layer in LAYER_ORDER),
                selection=style("article-view--selection", partial=True),
                cursor=style("article-view--cursor", partial=True),
            )
        return self._palette

    def _style_for(self, mask: int) -> Style:
        style = self._styles.get(mask)
        if style is None:
            palette = self.palette
            layers = [layer for n, layer in enumerate(palette.layers) if mask & (1 << n)]
            style = self._styles[mask] = Style.chain(palette.base, *layers) if layers else palette.base
        return style

    def _line_segments(self, line: int) -> list[Segment]:
        key = line
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        start, end = self._line_starts[line], self._line_ends[line]
        display = self.index.display
        bounds, masks = self._bounds, self._masks
        i = bisect_right(bounds, start) - 1
        segments: list[Segment] = []
        pos = start
        while pos < end:
            piece_end = bounds[i + 1] if i + 1 < len(bounds) else end
            piece_end = min(piece_end, end)
            segments.append(Segment(display[pos:piece_end], self._style_for(masks[i])))
            pos = piece_end
            i += 1
        if len(self._cache) > _MAX_CACHED_LINES:
            self._cache.clear()
        self._cache[key] = segments
        return segments

    def _overlay(self, line: int, segments: list[Segment]) -> list[Segment]:
        """Paint the selection and the cursor over a cached line (only lines that have them)."""
        start, end = self._line_starts[line], self._line_ends[line]
        palette = self.palette
        marks: list[tuple[int, int, Style]] = []
        sel = self.selection
        if sel is not None and sel.start < end and start < sel.end:
            marks.append((max(sel.start, start), min(sel.end, end), palette.selection))
        cursor_here = start <= self.cursor < end
        if cursor_here:
            marks.append((self.cursor, self.cursor + 1, palette.cursor))
        result = segments
        for m_start, m_end, m_style in marks:
            result = _restyle(result, start, m_start, m_end, m_style)
        if not cursor_here and self.line_of(self.cursor) == line and self.cursor >= end:
            result = [*result, Segment(" ", palette.base + palette.cursor)]
        return result

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + self.scroll_offset.y
        base = self.palette.base
        if line >= len(self._line_starts) or self._wrap_width == 0:
            return Strip.blank(width, base)
        segments = self._line_segments(line)
        if self._touches_overlay(line):
            segments = self._overlay(line, segments)
        return Strip([Segment(" ", base), *segments]).crop_extend(0, width, base)

    def _touches_overlay(self, line: int) -> bool:
        start, end = self._line_starts[line], self._line_ends[line]
        sel = self.selection
        if sel is not None and sel.start <= end and start < sel.end:
            return True
        return self.line_of(self.cursor) == line

    # ------------------------------------------------------------------ cursor and selection

    def _lines_of(self, offsets: list[int | None], selection: Selection | None) -> tuple[int, int]:
        lines = [self.line_of(o) for o in offsets if o is not None]
        if selection is not None:
            lines += [self.line_of(selection.start), self.line_of(max(selection.end - 1, selection.start))]
        return min(lines), max(lines)

    def _changed(self, old_cursor: int, old_selection: Selection | None) -> None:
        """Repaint just the lines the old and new cursor/selection touch."""
        first_a, last_a = self._lines_of([old_cursor], old_selection)
        first_b, last_b = self._lines_of([self.cursor], self.selection)
        scrolled = self._scroll_cursor_into_view()
        if not scrolled:
            top = self.scroll_offset.y
            height = self.scrollable_content_region.height
            for first, last in ((first_a, last_a), (first_b, last_b)):
                lo, hi = max(first, top), min(last, top + height - 1)
                if lo <= hi:
                    self.refresh(Region(0, lo - top, self.size.width, hi - lo + 1))

    def _scroll_cursor_into_view(self) -> bool:
        height = self.scrollable_content_region.height
        if height <= 0:
            return False
        line = self.line_of(self.cursor)
        top = self.scroll_offset.y
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
            return True
        if line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)
            return True
        return False

    def _cover(self, a: int, b: int) -> Selection:
        lo, hi = min(a, b), max(a, b)
        return Selection(self.index.token_start(lo), max(self.index.token_end(hi), self.index.token_end(lo)))

    def move_to(self, offset: int, *, extend: bool = False, keep_goal: bool = False) -> None:
        old_cursor, old_selection = self.cursor, self.selection
        self.cursor = min(max(offset, 0), len(self.text))
        if not keep_goal:
            self._goal_cell = None
        if extend or self.visual:
            if self.anchor is None:
                self.anchor = old_cursor
            self.selection = self._cover(self.anchor, self.cursor)
        elif self.selection is not None:
            self.selection = None
            self.anchor = None
        self._changed(old_cursor, old_selection)

    def select(self, start: int, end: int, cursor: int | None = None) -> None:
        """Select exactly [start, end) (search hits, quotations) with the cursor at ``cursor``."""
        old_cursor, old_selection = self.cursor, self.selection
        self.selection = Selection(start, end) if start < end else None
        self.anchor = None
        self.visual = False
        self.cursor = start if cursor is None else cursor
        self._changed(old_cursor, old_selection)

    def clear_selection(self) -> bool:
        """Drop the selection; False when there was none (escape then means "back")."""
        if self.selection is None and not self.visual:
            return False
        old_cursor, old_selection = self.cursor, self.selection
        self.selection = None
        self.anchor = None
        self.visual = False
        self._changed(old_cursor, old_selection)
        return True

    def start_visual(self) -> None:
        old_cursor, old_selection = self.cursor, self.selection
        self.visual = True
        self.anchor = self.cursor
        self.selection = self._cover(self.cursor, self.cursor)
        self._changed(old_cursor, old_selection)

    def extend(self, direction: int) -> None:
        """shift+left/right: the first press selects the token under the cursor."""
        if self.selection is None:
            self.anchor = self.cursor
            if direction > 0:
                self.move_to(self.cursor, extend=True)
                return
        elif self.anchor is None:  # an exact selection (search, quotation) grows from its ends
            if direction > 0:
                self.anchor = self.selection.start
                self.cursor = self.index.token_start(max(self.selection.end - 1, self.selection.start))
            else:
                self.anchor = max(self.selection.end - 1, self.selection.start)
                self.cursor = self.selection.start
        target = self.index.next_token(self.cursor) if direction > 0 else self.index.prev_token(self.cursor)
        self.move_to(target, extend=True)

    # ------------------------------------------------------------------ moves

    def cell_column(self, offset: int) -> int:
        start = self._line_starts[self.line_of(offset)]
        return sum(char_cells(c) for c in self.index.display[start:offset])

    def offset_at_cell(self, line: int, cell: int) -> int:
        start, end = self._line_starts[line], self._line_ends[line]
        used = 0
        for pos in range(start, end):
            used += char_cells(self.index.display[pos])
            if used > cell:
                return pos
        return max(end - 1, start) if end > start else start

    def move_lines(self, delta: int) -> None:
        line = self.line_of(self.cursor)
        target = min(max(line + delta, 0), self.line_count - 1)
        if self._goal_cell is None:
            self._goal_cell = self.cell_column(self.cursor)
        if target == line:
            offset = 0 if delta < 0 else len(self.text)
            self.move_to(offset)
            return
        self.move_to(self.offset_at_cell(target, self._goal_cell), keep_goal=True)

    def page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        line = self.line_of(self.cursor)
        top = self.scroll_offset.y
        self.scroll_to(y=max(top + direction * height, 0), animate=False, immediate=True)
        self.move_lines(min(max(line + direction * height, 0), self.line_count - 1) - line)


def _restyle(segments: list[Segment], line_start: int, start: int, end: int, style: Style) -> list[Segment]:
    """Add ``style`` to the characters [start, end) of a line whose first character is ``line_start``."""
    result: list[Segment] = []
    pos = line_start
    for segment in segments:
        text = segment.text
        seg_end = pos + len(text)
        if seg_end <= start or pos >= end:
            result.append(segment)
        else:
            cut_a, cut_b = max(start - pos, 0), min(end - pos, len(text))
            base = segment.style or Style()
            if cut_a:
                result.append(Segment(text[:cut_a], segment.style))
            result.append(Segment(text[cut_a:cut_b], base + style))
            if cut_b < len(text):
                result.append(Segment(text[cut_b:], segment.style))
        pos = seg_end
    return result


@dataclass(frozen=True)
class _Palette:
    """The view's styles resolved from CSS: the text, each span layer (by bit), overlays."""

    base: Style
    layers: tuple[Style, ...]
    selection: Style
    cursor: Style
