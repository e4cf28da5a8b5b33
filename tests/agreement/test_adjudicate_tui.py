"""An adjudication walked through with Pilot, and ``adjudicate`` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import asynccontextmanager

import pytest
from msgspec.structs import replace

from corpus_tui.core.errors import JournalLockedError
from corpus_tui.core.model import DocAnnotation, validation_errors
from corpus_tui.review.adjudication import find_reviews, write_auto_gold
from corpus_tui.tui.adjudicate import AdjudicateApp
from corpus_tui.tui.launch import run_adjudicate
from corpus_tui.tui.screens.annotate import AnnotateScreen

from .helpers import annotation, read_gold, write_journal

LABELS = ("favor", "against", "neutral")


@asynccontextmanager
async def reviewing(project, *, auto_gold: bool = True, size: tuple[int, int] = (140, 45)):
    """The review app on the project's gold journal, after writing the agreed items to
    gold as ``adjudicate`` does (``auto_gold=False``: a restart, or nothing to write)."""
    reviews, _ = find_reviews(project)
    with project.open_journal("gold") as journal:
        if auto_gold:
            write_auto_gold(journal, reviews)
        app = AdjudicateApp(project, journal, reviews)
        async with app.run_test(size=size) as pilot:
            yield app, pilot


def quote_rows(ann: DocAnnotation) -> list[tuple]:
    """What gold says about each quote, independent of ids."""
    return [
        (q.start, q.end, q.kind, ann.speaker_of(q), q.cue, q.stance, q.target)
        for q in sorted(ann.quotes, key=lambda q: q.start)
    ]


def latest_gold(project) -> dict[str, DocAnnotation]:
    latest: dict[str, DocAnnotation] = {}
    for record in read_gold(project):
        ann = DocAnnotation.from_dict(record)
        if ann.doc_id not in latest or ann.rev >= latest[ann.doc_id].rev:
            latest[ann.doc_id] = ann
    return latest


@pytest.fixture
def no_gold(seed_pair):
    seed_pair.journal_path("gold").unlink()
    return seed_pair


async def test_walk_the_disputes_and_take_versions(no_gold):
    project = no_gold
    alice = project.read_annotations("alice")
    first, second = list(project.document_map())
    async with reviewing(project) as (app, pilot):
        screen = app.screen
        assert type(screen).__name__ == "ReviewScreen"
        assert "differs in stance" in str(screen.query_one("#differs").render())
        assert "against" in str(screen.query_one("#version-1").render())
        assert "neutral" in str(screen.query_one("#version-2").render())
        # the disputes in order: stance, cue, span, missing (alice only), speaker
        await pilot.press("2")  # bob's stance (neutral)
        await pilot.press("1")  # alice's cue
        await pilot.press("2")  # bob's shorter span
        assert "did not mark this quote" in str(screen.query_one("#version-2").render())
        await pilot.press("2")  # bob has no version of this one: refused, nothing changes
        await pilot.pause()
        assert screen.position == 3
        await pilot.press("0")  # leave q8 out of gold
        await pilot.press("1")  # alice's speaker; the last dispute stays on screen
        await pilot.pause()
        assert "decided: gold holds version 1 alice" in str(screen.query_one("#gold-state").render())
        assert "gold done" in screen.sub_title
        await pilot.press("p")
        await pilot.pause()
        assert "gold leaves this quote out" in str(screen.query_one("#gold-state").render())
        await pilot.press("ctrl+q")
    gold = latest_gold(project)
    # expected: alice's article with bob's stance on q2 and span on q4, q8 left out
    a = alice[first]
    quotes = list(a.quotes)
    quotes[1] = replace(quotes[1], stance="neutral")
    quotes[3] = replace(quotes[3], end=quotes[3].end - 8)
    del quotes[7]
    expected = replace(a, quotes=tuple(quotes))
    assert quote_rows(gold[first]) == quote_rows(expected)
    assert gold[first].status == "done"  # every dispute decided
    assert gold[first].annotator == "gold"
    # the agreed article went to gold without review, identical to both annotators'
    assert quote_rows(gold[second]) == quote_rows(alice[second])
    assert gold[second].status == "done"
    docs = project.document_map()
    for doc_id, ann in gold.items():
        assert validation_errors(ann, docs[doc_id], LABELS) == []


async def test_edit_gold_with_the_annotate_keymap(no_gold):
    project = no_gold
    reviews, _ = find_reviews(project)
    async with reviewing(project) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        assert app.screen.session.annotator == "gold"
        assert app.screen.view.cursor == reviews[0].disputes[0].start  # on the disputed quote
        await pilot.press("f")  # the Annotate screen's flag key, on the gold journal
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        assert "gold flagged" in app.screen.sub_title
    first = next(iter(project.document_map()))
    assert latest_gold(project)[first].status == "flagged"


def test_a_locked_gold_journal_is_refused_before_the_app_starts(no_gold, monkeypatch):
    monkeypatch.setenv("CORPUS_TUI_FORCE_TUI", "1")
    with no_gold.open_journal("gold"), pytest.raises(JournalLockedError):
        run_adjudicate(no_gold.root, ["alice", "bob"])


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CORPUS_TUI_FORCE_TUI"}
    return subprocess.run(
        [sys.executable, "-m", "corpus_tui", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_adjudicate_without_disagreements_writes_gold_and_needs_no_terminal(tiny):
    write_journal(tiny, "alice", [annotation("alice")])
    write_journal(tiny, "bob", [annotation("bob")])
    result = run_cli("adjudicate", "--project", str(tiny.root))
    assert result.returncode == 0, result.stderr
    assert "No disagreements" in result.stdout
    (record,) = read_gold(tiny)
    assert record["status"] == "done" and len(record["quotes"]) == 4


def test_adjudicate_with_disagreements_needs_a_terminal(no_gold):
    result = run_cli("adjudicate", "--project", str(no_gold.root))
    assert result.returncode == 1
    assert "needs an interactive terminal" in result.stderr
    assert "Traceback" not in result.stderr
    assert not no_gold.journal_path("gold").exists()  # nothing written before the refusal


def test_adjudicate_with_an_unknown_annotator(no_gold):
    result = run_cli("adjudicate", "--project", str(no_gold.root), "--annotators", "alice,zed")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "corpus-tui: There is no journal for annotator 'zed' in this project (journals: alice, bob)."
    )


async def test_article_text_is_never_markup_and_document_stance_is_adjudicated(tmp_path):
    from corpus_tui.core.model import DocStance

    from .helpers import TEXT, make_project

    hostile = "Russia [bold]is[/bold] a \x1b[2Jthreat"
    text = TEXT.replace("Russia is a threat", hostile)
    project = make_project(tmp_path / "p", {"doc1": text})
    alice = replace(annotation("alice", [{"part": hostile}, {}, {}, {}], text=text), doc_stance=DocStance("against"))
    bob = annotation("bob", [{"part": hostile, "stance": "neutral"}, {}, {}, {}], text=text)
    write_journal(project, "alice", [alice])
    write_journal(project, "bob", [replace(bob, doc_stance=DocStance("neutral"))])
    async with reviewing(project, size=(120, 40)) as (app, pilot):
        screen = app.screen
        card = str(screen.query_one("#version-1").render())
        assert "[bold]is[/bold]" in card  # shown as typed, not interpreted
        assert "\x1b" not in card and "\x1b" not in str(screen.query_one("#context").render())
        await pilot.press("2")  # bob's stance on the quote
        await pilot.pause()
        assert "Document stance" in str(screen.query_one("#differs").render())
        await pilot.press("1")  # alice's document stance
        await pilot.pause()
    gold = latest_gold(project)["doc1"]
    assert gold.doc_stance == DocStance("against")
    assert gold.status == "done"
    assert [q.stance for q in gold.quotes] == ["neutral", "favor", "favor", "neutral"]
    assert validation_errors(gold, project.document_map()["doc1"], LABELS) == []


async def test_nothing_to_review_is_said_and_keys_do_nothing(tiny):
    write_journal(tiny, "alice", [annotation("alice")])
    write_journal(tiny, "bob", [annotation("bob")])
    async with reviewing(tiny, auto_gold=False) as (app, pilot):
        await pilot.press("1", "n", "e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        assert "nothing to review" in str(app.screen.query_one("#where").render())
    assert not tiny.journal_path("gold").exists() or read_gold(tiny) == []


async def test_taking_none_after_a_version_keeps_the_agreed_speaker_mentions(no_gold):
    project = no_gold
    reviews, _ = find_reviews(project)
    first = reviews[0]
    dispute = first.disputes[0]
    (mention,) = {v.mention for v in dispute.versions.values()}  # both marked the same speaker
    agreed = {(m.start, m.end, m.entity) for m in first.agreed_mentions}
    assert (mention.start, mention.end, mention.entity) in agreed
    async with reviewing(project) as (_app, pilot):
        await pilot.press("1", "p", "0")
        await pilot.pause()
    gold = latest_gold(project)[first.doc_id]
    assert not any(q.start == dispute.start for q in gold.quotes)  # the quote is left out
    assert agreed <= {(m.start, m.end, m.entity) for m in gold.mentions}  # its speaker is not


def where(screen) -> str:
    return str(screen.query_one("#where").render())


async def test_decisions_are_read_back_from_gold_after_a_restart(no_gold):
    project = no_gold
    reviews, _ = find_reviews(project)
    async with reviewing(project) as (app, pilot):
        screen = app.screen
        await pilot.press("1", "p")  # take alice's stance, back to it
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("1")  # Annotate: stance 1 (favor), which neither annotator gave
        await pilot.press("escape")
        await pilot.pause()
        assert "of its own" in str(screen.query_one("#gold-state").render())
        await pilot.press("n", "0")  # leave the cue dispute's quote out of gold
        await pilot.pause()
        assert "3 of 5 undecided" in where(screen)
        await pilot.press("ctrl+q")
    first = reviews[0].doc_id
    gold = latest_gold(project)[first]
    assert gold.status == "in_progress"
    assert {r.type for r in gold.rejected} == {"quote"}  # the "none" is in the journal
    reviews, _ = find_reviews(project)
    async with reviewing(project, auto_gold=False) as (app, pilot):
        screen = app.screen
        await pilot.pause()
        assert "3 of 5 undecided" in where(screen)  # edited and left out both count
        assert [screen.resolved(i) for i in screen.items] == [True, True, False, False, False]


async def test_done_is_refused_while_disputes_are_open(no_gold):
    project = no_gold
    reviews, _ = find_reviews(project)
    first = reviews[0].doc_id
    async with reviewing(project) as (app, pilot):
        screen = app.screen
        await pilot.press("2", "d")  # one of five decided
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("4 of 5 disputes" in m and "still open" in m for m in messages), messages
        assert "gold in_progress" in screen.sub_title and screen.position == 1  # stays put
        # nor from the Annotate keys on gold
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        assert app.session.annotation(reviews[0].document).status == "in_progress"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1", "2", "0", "1")  # the other four: gold marks itself done
        await pilot.pause()
        await pilot.press("d")  # nothing open: allowed (already done)
        await pilot.pause()
    assert latest_gold(project)[first].status == "done"
    assert [r["status"] for r in read_gold(project) if r["doc_id"] == first].count("done") == 1


def test_adjudicate_refuses_gold_as_an_annotator(seed_pair):
    before = seed_pair.journal_path("gold").read_bytes()
    result = run_cli("adjudicate", "--project", str(seed_pair.root), "--annotators", "alice,gold")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("corpus-tui: ") and "gold" in line and "--annotators alice,bob" in line
    assert "Traceback" not in result.stderr
    assert seed_pair.journal_path("gold").read_bytes() == before


def test_adjudicate_messages_name_adjudicate(tmp_path):
    from .helpers import make_project

    project = make_project(tmp_path / "p")
    write_journal(project, "alice", [annotation("alice")])
    for args, part in (
        ([], "adjudicate needs the journals of at least two annotators"),
        (["--annotators", "alice"], "adjudicate needs at least two annotators"),
    ):
        result = run_cli("adjudicate", "--project", str(project.root), *args)
        assert result.returncode == 1
        (line,) = result.stderr.strip().splitlines()
        assert part in line and "Agreement" not in line, line
    write_journal(project, "bob", [annotation("bob", [{"stance": "neutral"}, {}, {}, {}])])
    result = run_cli("adjudicate", "--project", str(project.root))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("corpus-tui: adjudicate needs an interactive terminal")
    assert result.stderr.count("corpus-tui") == 2  # the prefix, and 'corpus-tui agree' as the way out


def shown(app) -> str:
    """Everything on screen as plain text."""
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=app.size.width, record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


async def test_progress_over_all_documents_resume_and_the_last_decision(tmp_path):
    from .helpers import TEXT, make_project

    # two disputed documents: doc1 with two disputes, doc2 with one
    project = make_project(tmp_path / "p", {"doc1": TEXT, "doc2": TEXT})
    alice = [annotation("alice"), annotation("alice", doc_id="doc2")]
    bob = [
        annotation("bob", [{"stance": "neutral"}, {"stance": "against"}, {}, {}]),
        annotation("bob", [{}, {}, {"stance": "neutral"}, {}], doc_id="doc2"),
    ]
    write_journal(project, "alice", alice)
    write_journal(project, "bob", bob)
    async with reviewing(project) as (app, pilot):
        screen = app.screen
        assert "0 of 3 disputes decided" in screen.sub_title
        await pilot.press("1", "2")  # doc1 decided (done), now on doc2
        await pilot.pause()
        assert "2 of 3 disputes decided" in screen.sub_title and screen.item.doc == 1
        assert not any("All 3 disputes" in n.message for n in app._notifications)
    async with reviewing(project, auto_gold=False) as (app, pilot):
        screen = app.screen
        await pilot.pause()
        assert screen.position == 2  # resumes at the first undecided dispute
        assert "2 of 3 disputes decided" in screen.sub_title
        await pilot.press("0")
        await pilot.pause()
        assert "3 of 3 disputes decided" in screen.sub_title
        (last,) = [n.message for n in app._notifications if "All 3 disputes" in n.message]
        assert "gold is complete" in last and "saved" in last and "ctrl+q" in last
    assert {d: g.status for d, g in latest_gold(project).items()} == {"doc1": "done", "doc2": "done"}


async def test_footer_and_help_speak_of_cards_and_the_review(tmp_path):
    from .helpers import make_project

    project = make_project(tmp_path / "p")
    write_journal(project, "alice", [annotation("alice")])
    write_journal(project, "bob", [annotation("bob", [{"stance": "neutral"}, {}, {}, {}])])
    write_journal(project, "carol", [annotation("carol")])
    async with reviewing(project, size=(120, 40)) as (app, pilot):
        await pilot.pause()
        footer = shown(app).splitlines()[-1]
        assert "1…3 take" in footer and "take 1" not in footer, footer
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = shown(app)
        assert "1…9" in help_text and "the card with that number" in help_text
        assert "back to the review" in help_text and "Corpus screen" not in help_text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = shown(app)
        assert "back to the review" in help_text and "Corpus screen" not in help_text
        tooltips = {b.id: b.tooltip for _, bindings in app.screen.sections for b in bindings}
        assert "refused while disputes are open" in tooltips["annotate.mark_done"]  # d on gold, further down


def test_adjudicate_mentions_the_stale_documents_it_leaves_out(tmp_path):
    from .helpers import TEXT, make_project

    project = make_project(tmp_path / "p", {"doc1": TEXT, "doc2": TEXT})
    alice_stale = replace(annotation("alice", doc_id="doc2"), text_sha256="0" * 64)
    write_journal(project, "alice", [annotation("alice"), alice_stale])
    write_journal(project, "bob", [annotation("bob"), annotation("bob", doc_id="doc2")])
    result = run_cli("adjudicate", "--project", str(project.root))
    assert result.returncode == 0, result.stderr
    assert "No disagreements: 1 document(s) agree" in result.stdout
    assert "alice: 1 document left out as stale" in result.stderr, result.stderr


def test_adjudicate_refuses_a_misspelt_key_binding_before_writing_gold(no_gold):
    config = no_gold.root / "corpus-tui.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[keys]\n"adjudicate.tkae_1" = "a"\n', encoding="utf-8")
    result = run_cli("adjudicate", "--project", str(no_gold.root))
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.endswith("names no key binding 'adjudicate.tkae_1'; did you mean 'adjudicate.take_1'?"), line
    assert not no_gold.journal_path("gold").exists()


async def test_review_keys_rebound_in_keys(no_gold):
    config = no_gold.root / "corpus-tui.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[keys.adjudicate]\nnext = "j"\n', encoding="utf-8")
    from corpus_tui.core.project import Project

    project = Project.load(no_gold.root)
    async with reviewing(project) as (app, pilot):
        screen = app.screen
        await pilot.press("n")  # no longer bound
        await pilot.pause()
        assert screen.position == 0
        await pilot.press("j")
        await pilot.pause()
        assert screen.position == 1
