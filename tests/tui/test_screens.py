"""Corpus screen, pickers, keymap, help, stale annotations and the command palette."""

from __future__ import annotations

from pathlib import Path

from corpus_tui.core.model import DocAnnotation, Mention, Quote, text_sha256
from corpus_tui.tui.screens.annotate import AnnotateScreen
from corpus_tui.tui.screens.corpus import CorpusScreen
from corpus_tui.tui.screens.help import HelpScreen
from corpus_tui.tui.screens.pickers import PickerScreen, TextScreen

from .helpers import latest, make_project, open_document, running, screen_text, search, write_journal

DOCS = {
    "alpha": 'The minister said: "We will sign the deal." Officials agreed.',
    "beta": "Nothing is quoted here. Anatoly Antonov said talks would go on.",
    "gamma": '"No comment," said the spokesman.',
}


def _row_cells(screen: CorpusScreen) -> list[tuple[str, ...]]:
    return [screen.cells(i) for i in screen.table.rows]


async def test_corpus_filter_open_and_return(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    async with running(project) as (app, pilot):
        corpus = app.screen
        assert isinstance(corpus, CorpusScreen)
        assert [c[0] for c in _row_cells(corpus)] == ["alpha", "beta", "gamma"]
        await pilot.press("slash", "g", "a", "m", "enter")
        await pilot.pause()
        assert [c[0] for c in _row_cells(corpus)] == ["gamma"]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen) and screen.document.id == "gamma"
        await pilot.press("g", "quotation_mark", "q")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is corpus
        assert _row_cells(corpus)[0][:3] == ("gamma", "in_progress", "1")
        await pilot.press("escape")  # clears the filter; the cursor stays on gamma
        await pilot.pause()
        assert [c[0] for c in _row_cells(corpus)] == ["alpha", "beta", "gamma"]
        await pilot.press("slash", "i", "n", "space", "p", "r", "o", "g", "r", "e", "s", "s", "enter")
        await pilot.pause()
        assert [c[0] for c in _row_cells(corpus)] == ["gamma"]  # filter by status
    assert latest(project, "tester")["gamma"].quotes[0].kind == "direct"


async def test_speaker_picker_offers_entities_of_other_journals(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    beta = DOCS["beta"]
    start = beta.index("Anatoly")
    write_journal(
        project,
        "alice",
        [
            DocAnnotation(
                "beta",
                text_sha256(beta),
                "alice",
                rev=1,
                mentions=(Mention("m1", start, start + len("Anatoly Antonov"), "Anatoly Antonov"),),
            )
        ],
    )
    async with running(project) as (app, pilot):
        screen = await open_document(app, pilot, index=1)
        await search(pilot, "Antonov")
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker.shown[0] == "Anatoly Antonov"  # the known entity comes before "new: Antonov"
        assert picker.shown[-1] == "Antonov"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.ann.mentions[0].entity == "Anatoly Antonov"
        # a brand-new name: type it over the prefill
        await search(pilot, "Nothing")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Nobody", "enter")
        await pilot.pause()
        assert sorted(m.entity for m in screen.ann.mentions) == ["Anatoly Antonov", "Nobody"]
        # the target picker takes a typed target; D sets the document stance
        await search(pilot, "talks would go on")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        await pilot.press(*"peace", "space", *"talks", "enter")
        await pilot.pause()
        assert screen.ann.quotes[0].target == "peace talks"
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("down", "enter")  # favor, against → against
        await pilot.pause()
        assert screen.ann.doc_stance.stance == "against"
        assert screen.ann.doc_stance.target == "the deal"
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.shown[0] == "m1"  # "Antonov" is nearer to the quote than "Nothing"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
    saved = latest(project, "tester")["beta"]
    assert {m.entity for m in saved.mentions} == {"Anatoly Antonov", "Nobody"}
    assert saved.doc_stance is not None and saved.doc_stance.stance == "against"


async def test_keymap_rebinding_and_help(tmp_path: Path) -> None:
    # the three TOML spellings of an id: dotted, quoted, and a [keys.<screen>] table
    keys = '[keys]\nannotate.mark_quote = "m"\n"annotate.mark_cue" = "C"\n[keys.app]\nhelp = "f1"\n'
    project = make_project(tmp_path, DOCS, extra=keys)
    async with running(project) as (app, pilot):
        screen = await open_document(app, pilot)
        await search(pilot, "We will sign")
        await pilot.press("q")  # no longer bound
        await pilot.pause()
        assert screen.ann.quotes == ()
        await pilot.press("m")
        await pilot.pause()
        assert len(screen.ann.quotes) == 1
        await search(pilot, "said")
        await pilot.press("C")
        await pilot.pause()
        assert screen.ann.quotes[0].cue is not None
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = dict((d, k) for k, d in _help_rows(help_screen))
        assert rows["mark the selection as a quote (direct if in quotation marks)"] == "m"
        assert rows["select the quotation around the cursor"] == '"'
        assert rows["undo (per document, unlimited)"] == "u / ctrl+z"
        assert rows["this help"] == "f1"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert not [n for n in app._notifications if "old binding ids" in n.message]


async def test_old_flat_binding_ids_still_work_with_a_notice(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS, extra='[keys]\nmark_quote = "m"\nhelp = "f1"\n')
    async with running(project) as (app, pilot):
        (notice,) = [n for n in app._notifications if "old binding ids" in n.message]
        assert "mark_quote → annotate.mark_quote" in notice.message and "help → app.help" in notice.message
        assert not notice.markup  # "[keys]" is shown as written
        screen = await open_document(app, pilot)
        await search(pilot, "We will sign")
        await pilot.press("m")
        await pilot.pause()
        assert len(screen.ann.quotes) == 1
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_palette_key_can_be_rebound_and_the_footer_shows_it(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    project = make_project(tmp_path, DOCS, extra='[keys]\n"app.command_palette" = "f2"\n')
    async with running(project) as (app, pilot):
        assert "f2 palette" in screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


def _help_rows(screen: HelpScreen) -> list[tuple[str, str]]:
    from corpus_tui.tui.screens.help import binding_rows

    rows = []
    for _, bindings in screen.sections:
        rows += binding_rows(bindings, screen.keymap)
    return rows


async def test_stale_annotation_is_shown_stale_and_only_deletable(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    old = DocAnnotation(
        "alpha",
        text_sha256("an older version of the text"),
        "tester",
        rev=3,
        status="in_progress",
        quotes=(Quote("q1", 0, 12, "direct"),),
    )
    write_journal(project, "tester", [old])
    async with running(project) as (app, pilot):
        corpus = app.screen
        assert corpus.cells(0)[1] == "in_progress (stale)"
        screen = await open_document(app, pilot)
        assert screen.stale and "STALE" in screen.title_bar.sub_title
        assert screen.view._masks == [0]  # no span painted at offsets meant for another text
        assert screen.panel.plain_lines()[0] == "STALE"
        await pilot.press("g", "shift+right", "q")
        await pilot.pause()
        assert latest(project, "tester")["alpha"].rev == 3  # refused, nothing written
        await pilot.press("x")
        await pilot.pause()
        assert not screen.stale and screen.ann.quotes == ()
        await pilot.press("u")
        await pilot.pause()
        assert screen.stale
    saved = latest(project, "tester")["alpha"]
    assert saved.rev == 5 and saved.quotes == old.quotes  # discard, then undo: both journalled


async def test_stale_annotation_re_anchored_keeps_the_spans_that_fit(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    text = DOCS["alpha"]  # 'The minister said: "We will sign the deal." Officials agreed.'
    q1 = Quote("q1", text.index("We"), text.index('."'), "direct", source="m1", cue=(13, 17), stance="favor")
    beyond = Quote("q2", len(text) + 5, len(text) + 20, "indirect", source="m2")
    old = DocAnnotation(
        "alpha",
        text_sha256(text + " A sentence that was cut later."),
        "tester",
        rev=2,
        status="in_progress",
        mentions=(Mention("m1", 4, 12, "the minister"), Mention("m2", len(text) + 1, len(text) + 4, "Someone")),
        quotes=(q1, beyond),
    )
    write_journal(project, "tester", [old])
    async with running(project) as (app, pilot):
        screen = await open_document(app, pilot)
        assert screen.stale
        assert "a  keep them at their offsets (check them after)" in screen.panel.plain_lines()
        await pilot.press("a")
        await pilot.pause()
        assert not screen.stale and "STALE" not in screen.title_bar.sub_title
        assert screen.ann.quotes == (q1,) and [m.id for m in screen.ann.mentions] == ["m1"]
        messages = [n.message for n in app._notifications]
        assert any("2 that no longer fit the text were dropped" in m for m in messages), messages
        assert screen.view._masks != [0]  # the kept spans are painted again
    saved = latest(project, "tester")["alpha"]
    assert saved.text_sha256 == text_sha256(text) and saved.quotes == (q1,) and saved.rev == 3


async def test_palette_stats(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    async with running(project) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Stats")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, TextScreen)
        assert "Project tiny: 3 document(s)" in app.screen.body


async def test_palette_suggest_this_document(seed_project) -> None:
    """The palette runs the real spaCy suggester in a worker and saves its spans."""
    async with running(seed_project) as (app, pilot):
        screen = await open_document(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Suggest")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(300):
            await pilot.pause(0.1)
            if screen.ann.quotes:
                break
        assert screen.ann.quotes, [n.message for n in app._notifications]
        assert all(q.origin == "suggested" for q in screen.ann.quotes)
        await pilot.press("A")  # accept all
        await pilot.pause()
        assert all(q.origin == "accepted" for q in screen.ann.quotes)
    saved = latest(seed_project, "tester")[screen.document.id]
    assert saved.quotes and all(q.origin == "accepted" for q in saved.quotes)


async def test_palette_agreement(seed_project) -> None:
    document = seed_project.documents()[0]
    gold = latest(seed_project, "gold")[document.id]
    for name in ("alice", "bob"):
        write_journal(seed_project, name, [gold.__class__.from_dict({**gold.to_dict(), "annotator": name})])
    async with running(seed_project) as (app, pilot):
        screen = await _open_agreement(app, pilot)
        assert screen.report.annotators == ["alice", "bob"]
        assert "alice–bob" in screen_text(app)


async def test_palette_export_dataset(seed_project) -> None:
    async with running(seed_project) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"out", "enter")  # the folder, relative to the project
        messages: list[str] = []
        for _ in range(600):
            await pilot.pause(0.1)
            messages = [n.message for n in app._notifications]
            if any(n.title == "Export" or n.severity == "error" for n in app._notifications):
                break
        assert (seed_project.root / "out" / "README.md").is_file(), messages


async def test_visual_selection_accept_and_reject_suggestions(tmp_path: Path) -> None:
    text = DOCS["alpha"]
    minister = text.index("minister"), text.index("minister") + len("minister")
    deal = text.index("We will"), text.index('."')
    officials = text.index("Officials"), text.index("Officials") + len("Officials")
    suggested = DocAnnotation(
        "alpha",
        text_sha256(text),
        "bot",
        rev=1,
        mentions=(
            Mention("m1", *minister, "The minister", origin="suggested"),
            Mention("m2", *officials, "Officials", origin="suggested"),
        ),
        quotes=(Quote("q1", *deal, "direct", source="m1", origin="suggested"),),
    )
    project = make_project(tmp_path, DOCS)
    write_journal(project, "tester", [suggested.__class__.from_dict({**suggested.to_dict(), "annotator": "tester"})])
    async with running(project) as (app, pilot):
        screen = await open_document(app, pilot)
        await pilot.press("v", "l", "l")  # visual selection over three tokens
        selection = screen.view.selection
        assert text[selection.start : selection.end] == "The minister said"
        await pilot.press("escape")
        assert screen.view.selection is None and app.screen is screen
        await pilot.press("g", "tab", "tab")  # m1, then q1
        assert screen.view.cursor == deal[0]
        await pilot.press("a")  # accepts the quote and its suggested speaker
        await pilot.pause()
        assert screen.ann.quote("q1").origin == "accepted" and screen.ann.mention("m1").origin == "accepted"
        await pilot.press("tab")
        assert screen.view.cursor == officials[0]
        await pilot.press("r")  # rejects the suggested mention: gone, and remembered
        await pilot.pause()
        assert screen.ann.mention("m2") is None
    saved = latest(project, "tester")["alpha"]
    assert [r.to_dict() for r in saved.rejected] == [{"type": "mention", "start": officials[0], "end": officials[1]}]


async def test_torn_journal_line_is_a_notification(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    text = DOCS["beta"]
    write_journal(project, "tester", [DocAnnotation("beta", text_sha256(text), "tester", rev=1, status="flagged")])
    with project.journal_path("tester").open("a", encoding="utf-8") as out:
        out.write('{"doc_id": "beta", "rev": 2, "sta')  # a crash mid-write
    async with running(project) as (app, _pilot):
        messages = [n.message for n in app._notifications]
        assert any("last line is incomplete" in m for m in messages), messages
        assert app.screen.cells(1)[1] == "flagged"  # the earlier save is intact


def _gold(doc_id: str, status: str) -> DocAnnotation:
    return DocAnnotation(doc_id, text_sha256(DOCS[doc_id]), "gold", rev=1, status=status)


async def test_corpus_marks_gold_done_and_gold_in_progress_apart(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    write_journal(project, "gold", [_gold("alpha", "done"), _gold("beta", "in_progress")])
    async with running(project) as (app, _pilot):
        corpus = app.screen
        assert [c[4] for c in _row_cells(corpus)] == ["✓", "…", ""]
        text = screen_text(app)
        assert "✓ gold done" in text and "… gold in progress" in text  # the marks are explained


async def test_corpus_of_the_gold_journal_follows_its_own_edits(tmp_path: Path) -> None:
    project = make_project(tmp_path, DOCS)
    write_journal(project, "gold", [_gold("beta", "in_progress")])
    async with running(project, "gold") as (app, pilot):
        corpus = app.screen
        assert [c[4] for c in _row_cells(corpus)] == ["", "…", ""]
        await open_document(app, pilot)  # alpha
        await pilot.press("d")  # done, opens beta
        await pilot.pause()
        await pilot.press("d")  # done, opens gamma
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is corpus
        assert [c[4] for c in _row_cells(corpus)] == ["✓", "✓", ""]


async def _open_agreement(app, pilot):
    from corpus_tui.tui.screens.agreement import AgreementScreen

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Agreement")
    await pilot.pause(0.3)
    await pilot.press("enter")
    for _ in range(100):
        await pilot.pause(0.1)
        if isinstance(app.screen, AgreementScreen):
            break
    assert isinstance(app.screen, AgreementScreen), [n.message for n in app._notifications]
    return app.screen


def _three_annotators(seed_project) -> None:
    from msgspec.structs import replace

    document = seed_project.documents()[0]
    gold = latest(seed_project, "gold")[document.id]
    for name in ("alice", "bob", "carol"):
        quotes = gold.quotes if name != "bob" else (replace(gold.quotes[0], stance="favor"), *gold.quotes[1:])
        write_journal(seed_project, name, [replace(gold, annotator=name, quotes=quotes)])


async def test_palette_agreement_is_a_table_at_100_and_160_columns(seed_project) -> None:
    from textual.widgets import DataTable

    from corpus_tui.review.agreement import compute_agreement

    _three_annotators(seed_project)
    report = compute_agreement(seed_project)
    for size in ((100, 30), (160, 45)):
        async with running(seed_project, size=size) as (app, pilot):
            screen = await _open_agreement(app, pilot)
            table = screen.query_one(DataTable)
            labels = [str(c.label) for c in table.columns.values()]
            assert labels == ["", "alice–bob", "alice–carol", "bob–carol", "overall"]
            cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            assert cells == [[label, *row] for label, row in report.rows()]
            text = screen_text(app)
            lines = text.splitlines()
            assert all(len(line.rstrip()) <= size[0] for line in lines)
            # one table row per figure: no cell wraps onto a second line
            stance_line = next(line for line in lines if "stance (chance-corrected)" in line)
            assert "κ 0." in stance_line
            if size[0] >= 160:
                assert "α 0." in text  # everything in view, overall included
            else:
                assert "α 0." not in text  # the columns scroll sideways, the labels stay
                await pilot.press("right", "right", "right")  # the column cursor onto 'overall'
                await pilot.pause()
                text = screen_text(app)
                assert "α 0." in text and "stance (chance-corrected)" in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, CorpusScreen)
