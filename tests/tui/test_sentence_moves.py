"""``(`` and ``)`` move by sentence as core.text segments them: an abbreviation is no end."""

from __future__ import annotations

from pathlib import Path

from .helpers import make_project, open_document, running

TEXT = "Dr. Smith said the talks failed. Mr. Lee agreed with Dr. Smith on Jan. 5. Then they left."


async def test_next_sentence_goes_past_dr_to_the_next_real_sentence(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"doc": TEXT})
    async with running(project) as (app, pilot):
        screen = await open_document(app, pilot)
        assert screen.view.cursor == 0
        await pilot.press("right_parenthesis")
        assert screen.view.cursor == TEXT.index("Mr. Lee")
        await pilot.press("right_parenthesis")
        assert screen.view.cursor == TEXT.index("Then")
        await pilot.press("left_parenthesis")
        assert screen.view.cursor == TEXT.index("Mr. Lee")
        await pilot.press("left_parenthesis")
        assert screen.view.cursor == 0
