"""What follows the cursor (the title's place, the panel's ▶) and what an edit repaints,
read off the rendered screen: these paint only the lines that change, so a stale line
would show here."""

from __future__ import annotations

from pathlib import Path

from corpus_tui.core.model import DocAnnotation, Quote, text_sha256

from .helpers import make_project, open_document, running, screen_text, write_journal

SENTENCE = 'Then Kim said: "talks would continue despite growing concern over the deal." '
TEXT = "An opening paragraph without any quotes in it at all.\n" + SENTENCE * 40


def _project(tmp_path: Path):
    project = make_project(tmp_path, {"long": TEXT})
    starts = [i + len('Then Kim said: "') for i in range(len(TEXT)) if TEXT.startswith("Then Kim", i)]
    quotes = tuple(Quote(f"q{n + 1}", s, s + 59, "direct") for n, s in enumerate(starts))
    write_journal(project, "tester", [DocAnnotation("long", text_sha256(TEXT), "tester", rev=1, quotes=quotes)])
    return project


def _header(app) -> str:
    return screen_text(app).splitlines()[0]


async def test_title_place_and_panel_marker_follow_the_cursor(tmp_path: Path) -> None:
    async with running(_project(tmp_path), size=(100, 30)) as (app, pilot):
        screen = await open_document(app, pilot)
        assert "· 0%" in _header(app)
        await pilot.press("G")  # the last token: the header says where the cursor is
        await pilot.pause()
        assert "· 99%" in _header(app) and "0%" not in _header(app).replace("99%", "")
        last = screen.ann.quotes[-1]
        assert f"▶ [{last.id}]" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        shown = screen_text(app)
        assert "· 0%" in shown.splitlines()[0] and "▶" not in shown  # no quote in the first paragraph
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        current = screen._current_quote()
        assert current is not None and f"▶ [{current.id}]" in screen_text(app)


async def test_inserting_a_quote_shifts_the_panel_rows_on_screen(tmp_path: Path) -> None:
    async with running(_project(tmp_path), size=(100, 30)) as (app, pilot):
        screen = await open_document(app, pilot)
        before = screen_text(app)
        assert "40 quotes" in before and "[q1]" in before
        await pilot.press("right", "shift+right", "q")  # "opening" becomes q41, first in the panel
        await pilot.pause()
        after = screen_text(app)
        assert "41 quotes" in after and "▶ [q41]" in after and "«opening»" in after
        _assert_panel_shows_its_lines(app, screen)
        await pilot.press("u")
        await pilot.pause()
        assert screen_text(app) == before
        await pilot.resize_terminal(130, 34)  # rows painted for the old width must not come back
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause(0.1)
        _assert_panel_shows_its_lines(app, screen)
        assert f"▶ [{screen.ann.quotes[-1].id}]" in screen_text(app)


def _assert_panel_shows_its_lines(app, screen) -> None:
    shown = screen_text(app).splitlines()[1:-1]
    rows = [line.split("▏", 1)[1].rstrip() for line in shown if "▏" in line]
    expected = [line.strip() for line in screen.panel.plain_lines()]
    expected += [""] * (len(rows) - len(expected))
    bad = [(r, e) for r, e in zip(rows, expected, strict=True) if not e.startswith(r.strip().rstrip("…"))]
    assert not bad, bad
    room = screen.panel.content_region.width - 2  # the rule and the margin take two cells
    cut = [r for r, e in zip(rows, screen.panel.plain_lines(), strict=False) if len(e) > room]
    assert cut and all(len(r) == room + 1 and r.endswith("…") for r in cut), (room, cut)  # cut at this width
