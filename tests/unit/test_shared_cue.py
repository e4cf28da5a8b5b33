"""One cue on several quotes: an interrupted quotation's two parts share their speech verb.

Regression (bug 2): giving "said" to the second part of ``"…," said Beth Amory, …, "and
that pushes…"`` could not leave it on the first. Editing, validation, evaluate and agree
must all take one cue on two quotes as normal (the export has its own test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.core import editing
from corpus_tui.core.editing import EditError
from corpus_tui.core.model import DocAnnotation, Document, Mention, Quote, validation_errors
from corpus_tui.core.project import init_project
from corpus_tui.review.agreement import compute_agreement
from corpus_tui.review.evaluation import evaluate_project

TEXT = (
    '"Later start times sound simple," said Beth Amory, a parent of two at Lincoln High, '
    '"and that pushes every practice past dark."\n'
    '"It is time to decide," Antonov said. "Maintaining this is no longer possible."\n'
    '"We will wait," Kirby said on Monday, "and see," Antonov replied.'
)


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def quotes_of(*parts: str, sources: tuple[str | None, ...] | None = None) -> DocAnnotation:
    sources = sources or (None,) * len(parts)
    quotes = tuple(Quote(f"q{i}", *at(p), "direct", s) for i, (p, s) in enumerate(zip(parts, sources), 1))
    antonov = TEXT.index("Antonov replied")
    mentions = (
        Mention("m1", *at("Beth Amory"), "Beth Amory"),
        Mention("m2", *at("Kirby"), "John Kirby"),
        Mention("m3", antonov, antonov + len("Antonov"), "Anatoly Antonov"),
    )
    return DocAnnotation("d", "x", "alice", quotes=quotes, mentions=mentions)


FIRST, SECOND = "Later start times sound simple,", "and that pushes every practice past dark."


def test_the_cue_of_an_interrupted_quote_goes_to_both_parts() -> None:
    ann, quote = editing.set_cue(quotes_of(FIRST, SECOND), TEXT, *at("said"))
    assert quote.id == "q1"
    assert ann.quote("q1").cue == ann.quote("q2").cue == at("said")
    assert validation_errors(ann, None) == []


def test_giving_the_cue_to_the_second_part_leaves_it_on_the_first() -> None:
    ann, _ = editing.set_cue(quotes_of(FIRST, SECOND), TEXT, *at("said"), quote_id="q1")
    ann = editing.delete_cue(ann, "q2")  # the second part without it, as an annotator may find it
    ann, quote = editing.set_cue(ann, TEXT, *at("said"), quote_id="q2")
    assert quote.id == "q2"
    assert ann.quote("q1").cue == ann.quote("q2").cue == at("said")


def test_marking_a_quote_own_cue_again_shares_it_across_a_sentence_end() -> None:
    said = TEXT.index("said.")
    ann = quotes_of("It is time to decide,", "Maintaining this is no longer possible.")
    ann, quote = editing.set_cue(ann, TEXT, said, said + 4)
    assert quote.id == "q1" and ann.quote("q2").cue is None  # a sentence end: not at once
    ann, quote = editing.set_cue(ann, TEXT, said, said + 4)
    assert quote.id == "q2" and ann.quote("q1").cue == ann.quote("q2").cue == (said, said + 4)
    with pytest.raises(EditError, match="already the cue of quote q1"):
        editing.set_cue(ann, TEXT, said, said + 4)


def test_a_part_with_a_speech_verb_or_speaker_of_its_own_does_not_share() -> None:
    kirby = TEXT.index("said on")
    ann = quotes_of("We will wait,", "and see,")
    ann, _ = editing.set_cue(ann, TEXT, kirby, kirby + 4)
    assert ann.quote("q2").cue is None  # "Antonov replied" after it is its own attribution
    ann = quotes_of("We will wait,", "and see,", sources=("m2", "m3"))
    ann = editing.set_cue(ann, TEXT, kirby, kirby + 4)[0]
    assert ann.quote("q2").cue is None


def test_x_on_a_shared_cue_removes_it_from_every_quote() -> None:
    ann, _ = editing.set_cue(quotes_of(FIRST, SECOND), TEXT, *at("said"))
    ann = editing.delete_at(ann, TEXT.index("said"))
    assert ann.quote("q1").cue is None and ann.quote("q2").cue is None


def test_evaluate_and_agree_count_a_shared_cue_for_each_quote(tmp_path: Path) -> None:
    project = init_project(tmp_path / "p")
    (project.root / "corpus" / "amory.txt").write_text(TEXT, encoding="utf-8")
    document = Document("amory", TEXT)
    ann = quotes_of(FIRST, SECOND, sources=("m1", "m1"))
    ann = editing.set_cue(ann, TEXT, *at("said"))[0]
    for name in ("gold", "alice", "bob"):
        record = DocAnnotation(
            "amory", document.text_sha256, name, status="done", quotes=ann.quotes, mentions=ann.mentions
        )
        assert validation_errors(record, document) == []
        with project.open_journal(name) as journal:
            journal.save(record)
    evaluation = evaluate_project(project, "gold", "alice").counts["cue"]["all"].prf()
    assert (evaluation.tp, evaluation.n_pred, evaluation.n_gold, evaluation.f1) == (2, 2, 2, 1.0)
    agreement = compute_agreement(project, ["alice", "bob"]).overall
    assert (agreement.cues.tp, agreement.cues.n_gold, agreement.cues.f1) == (2, 2, 1.0)


@pytest.mark.parametrize("root", ["", "tests/data/review_articles"], ids=["seeds", "review_articles"])
def test_marking_each_gold_cue_once_gives_every_quote_its_own(root: str) -> None:
    """From the gold without cues, ``c`` on each speech verb (a second time for a quotation
    interrupted by a sentence end) gives back every cue of the gold, shared ones included."""
    from msgspec.structs import replace

    from corpus_tui.core.project import GOLD, Project

    project = Project.load(Path(__file__).resolve().parents[2] / root)
    documents = project.document_map()
    for doc_id, gold in project.read_annotations(GOLD).items():
        text = documents[doc_id].text
        ann = replace(gold, quotes=tuple(replace(q, cue=None) for q in gold.quotes))
        for cue in sorted({q.cue for q in gold.quotes if q.cue is not None}):
            ann = editing.set_cue(ann, text, *cue)[0]
            if any(q.cue == cue for q in gold.quotes if ann.quote(q.id).cue != cue):
                ann = editing.set_cue(ann, text, *cue)[0]
        assert [q.cue for q in ann.quotes] == [q.cue for q in gold.quotes], doc_id
