"""Annotate a seed article end to end with the real keymap, then read the journal back."""

from __future__ import annotations

from textual.widgets import Static

from corpus_tui.core.project import Project
from corpus_tui.tui.screens.corpus import CorpusScreen

from .helpers import latest, open_document, running, search, write_journal


async def test_annotate_seed_article_end_to_end(seed_project: Project) -> None:
    document = seed_project.documents()[0]
    text = document.text
    async with running(seed_project, "tester") as (app, pilot):
        screen = await open_document(app, pilot)
        assert screen.document.id == document.id
        assert "tester" in screen.title_bar.title and "1/2" in screen.title_bar.sub_title

        await search(pilot, "similar fashion")  # `/`: the match becomes the selection
        await pilot.press("quotation_mark")  # `"`: the whole quotation around the cursor
        selection = screen.view.selection
        q_start = text.index("In a similar fashion")
        q_end = text.index('," US National') + 1
        assert (selection.start, selection.end) == (q_start, q_end)
        await pilot.press("q")
        await pilot.pause()

        await search(pilot, "John Kirby")
        await pilot.press("s")  # speaker picker prefilled with the selection
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("o")  # the source picker: nearest mention first
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2")  # stance 2 = against, with the default target
        await pilot.pause()
        assert screen.ann.quotes[0].stance == "against"
        await pilot.press("u")
        await pilot.pause()
        assert screen.ann.quotes[0].stance is None
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.ann.quotes[0].stance == "against"
        await pilot.press("d")  # done, and on to the next document
        await pilot.pause()
        assert screen.document.id == seed_project.documents()[1].id
    _check_journal(seed_project, q_start, q_end)


def _check_journal(seed_project: Project, q_start: int, q_end: int) -> None:
    """The end-to-end walk as the journal holds it: one line per change."""
    document = seed_project.documents()[0]
    record = latest(seed_project, "tester")[document.id].to_dict()
    k_start = document.text.index("John Kirby")
    assert record["status"] == "done"
    assert record["annotator"] == "tester"
    assert record["text_sha256"] == document.text_sha256
    assert record["mentions"] == [
        {"id": "m1", "start": k_start, "end": k_start + len("John Kirby"), "entity": "John Kirby", "origin": "manual"}
    ]
    assert record["quotes"] == [
        {
            "id": "q1",
            "start": q_start,
            "end": q_end,
            "kind": "direct",
            "source": "m1",
            "cue": None,
            "stance": "against",
            "target": "Russia–North Korea defense cooperation",
            "origin": "manual",
        }
    ]
    # every change was its own journal line: quote, mention, source, stance, undo, redo, done
    lines = seed_project.journal_path("tester").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7


async def test_cue_kind_delete_and_tab(seed_project: Project) -> None:
    document = seed_project.documents()[0]
    text = document.text
    async with running(seed_project, "tester") as (app, pilot):
        screen = await open_document(app, pilot)
        await search(pilot, "Kirby also said that")
        await pilot.press("escape")  # clears the selection, stays on the screen
        assert screen.view.selection is None and app.screen is screen
        # select "Russia providing ... programs" token by token with shift+right
        await search(pilot, "Russia providing")
        for _ in range(10):
            await pilot.press("shift+right")
        selected = text[screen.view.selection.start : screen.view.selection.end]
        assert selected.startswith("Russia providing support") and selected.endswith("missile programs")
        await pilot.press("q")
        await pilot.pause()
        assert screen.ann.quotes[0].kind == "indirect"
        await pilot.press("t")
        await pilot.pause()
        assert screen.ann.quotes[0].kind == "mixed"
        await pilot.press("g")
        await search(pilot, "also said")
        await pilot.press("escape", "right")  # the cursor on "said"
        await pilot.press("shift+right")  # selects the token under the cursor
        await pilot.press("c")
        await pilot.pause()
        said = text.index("said that", text.index("Kirby also"))
        assert screen.ann.quotes[0].cue == (said, said + 4)
        await pilot.press("g")
        await pilot.press("tab")
        assert screen.view.cursor == said  # the cue comes first
        await pilot.press("tab")
        assert screen.view.cursor == screen.ann.quotes[0].start
        await pilot.press("x")  # deletes the quote under the cursor
        await pilot.pause()
        assert screen.ann.quotes == ()
        await pilot.press("u")
        await pilot.pause()
        assert len(screen.ann.quotes) == 1

    assert len(latest(seed_project, "tester")[document.id].quotes) == 1


async def test_done_on_last_document_returns_with_summary(seed_project: Project) -> None:
    async with running(seed_project, "tester") as (app, pilot):
        screen = await open_document(app, pilot, index=0)
        await pilot.press("n")
        assert screen.index == 1 and "2/2" in screen.title_bar.sub_title
        await pilot.press("p", "f")  # back to the first, flag it
        await pilot.pause()
        assert screen.index == 0 and screen.ann.status == "flagged"
        await pilot.press("n")
        assert screen.index == 1
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
        messages = [n.message for n in app._notifications]
        assert any("2 document(s): 1 done, 1 flagged." in m for m in messages), messages
        assert app.screen.table.current == 1  # the list kept its place
        progress = app.screen.query_one("#progress-label", Static)
        assert str(progress.content).startswith("1 of 2 documents done ")  # counts the edit even before its fsync
    assert latest(seed_project, "tester")[seed_project.documents()[1].id].status == "done"


async def test_c_gives_the_cue_to_the_quote_it_attributes(seed_project: Project) -> None:
    from msgspec.structs import replace

    document = seed_project.documents()[1]
    text = document.text
    gold = latest(seed_project, "gold")[document.id]
    said = text.index("said", text.index('seeking," he said'))
    first, second = (q for q in gold.quotes if q.start < said + 60 and q.end > said - 200)
    assert first.cue == (said, said + 4) and first.end < said < second.start
    # the tester's copy of gold without that cue
    quotes = tuple(replace(q, cue=None) if q.id == first.id else q for q in gold.quotes)
    write_journal(seed_project, "tester", [replace(gold, annotator="tester", quotes=quotes)])
    async with running(seed_project, "tester") as (app, pilot):
        screen = await open_document(app, pilot, index=1)
        await search(pilot, "he said.")
        await pilot.press("escape", "right", "shift+right")  # select "said"
        await pilot.press("c")
        await pilot.pause()
        assert screen.ann.quote(first.id).cue == (said, said + 4)
        assert screen.ann.quote(second.id).cue == second.cue  # the next quote keeps its own
    saved = latest(seed_project, "tester")[document.id]
    assert saved.quote(first.id).cue == (said, said + 4)
