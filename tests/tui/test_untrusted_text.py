"""Article text is untrusted: markup, escapes, tabs, wide and combining characters, RTL
and a 1 MB single line must show literally and keep offsets exact."""

from __future__ import annotations

import time
from pathlib import Path

from corpus_tui.tui.textlayout import TextIndex, display_text

from .helpers import latest, make_project, open_document, running, search

NASTY = (
    "Markup [bold red]x[/] and [link=http://evil]y[/link] stay text. ANSI \x1b[31mred\x1b[0m and a bell \x07.\n"
    "Tab\there, emoji 😀👍 wide 漢字, combining e\u0301 and n\u0303, RTL שלום עולם مرحبا.\n"
    'After all that, Ada said "the offsets are right" loudly.'
)


def _line_text(view, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))


async def test_markup_and_escapes_show_literally_with_exact_offsets(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"nasty": NASTY})
    async with running(project, size=(100, 30)) as (app, pilot):
        screen = await open_document(app, pilot)
        view = screen.view
        painted = "".join(_line_text(view, y) for y in range(view.line_count))
        assert "[bold red]x[/]" in painted and "[link=http://evil]y[/link]" in painted
        assert "\x1b" not in painted and "\x07" not in painted
        assert "␛[31mred␛[0m" in painted  # escapes are visible placeholders, not commands
        assert "😀👍" in painted and "e\u0301" in painted and "שלום" in painted
        for y in range(view.line_count):
            strip = view.render_line(y)
            assert strip.cell_length == view.scrollable_content_region.width  # wrapped by cell width
        # offsets after the wide, combining and control characters are still exact
        await search(pilot, "the offsets")
        await pilot.press("quotation_mark", "q")
        await pilot.pause()
    quote = latest(project, "tester")["nasty"].quotes[0]
    assert NASTY[quote.start : quote.end] == "the offsets are right"
    assert quote.kind == "direct"


async def test_one_megabyte_single_line(tmp_path: Path) -> None:
    words = "alpha beta gamma delta 漢字 " * 40_000
    text = words[:500_000] + ' Bob said "needle in the haystack" today. ' + words[:500_000]
    assert "\n" not in text and len(text) > 1_000_000
    project = make_project(tmp_path, {"huge": text})
    async with running(project, size=(120, 30)) as (app, pilot):
        started = time.perf_counter()
        screen = await open_document(app, pilot)
        assert time.perf_counter() - started < 10
        view = screen.view
        assert view.line_count > 5_000
        await search(pilot, "needle in")
        await pilot.press("quotation_mark", "q")
        await pilot.pause()
        line = view.line_of(view.cursor)
        y = line - view.scroll_offset.y
        assert 0 <= y < view.scrollable_content_region.height  # scrolled to the hit
        assert "needle" in _line_text(view, y)
        await pilot.press("G")
        assert view.cursor == view.index.token_starts[-1]
    quote = latest(project, "tester")["huge"].quotes[0]
    assert text[quote.start : quote.end] == "needle in the haystack"


def test_display_text_keeps_length_and_removes_controls() -> None:
    raw = "a\x1b[2Jb\tc\x9bd\u202eevil\u200bz\x00"
    shown = display_text(raw)
    assert len(shown) == len(raw)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert "\u202e" not in shown and "\u200b" not in shown


def test_wrap_is_by_cell_width_and_covers_every_character() -> None:
    text = "漢字漢字漢字 abc 😀😀😀😀 e\u0301e\u0301e\u0301 " * 5 + "\n\nlast"
    index = TextIndex(text)
    starts, ends = index.wrap(9)
    from corpus_tui.tui.textlayout import char_cells

    covered = []
    for s, e in zip(starts, ends):
        cells = sum(char_cells(c) for c in index.display[s:e].rstrip(" "))
        assert cells <= 9
        covered.extend(range(s, e))
    newlines = {i for i, c in enumerate(text) if c == "\n"}
    assert sorted(set(covered) | newlines) == list(range(len(text)))
