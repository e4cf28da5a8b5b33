"""The bundled gold annotations follow the span rules of CONTRIBUTING.md, mechanically.

The suggester is scored against this gold with exact span match, so a stray space or a
quotation mark inside a direct quote's span would silently cost it points."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.core.model import validation_errors
from corpus_tui.core.project import GOLD, Project

REPO = Path(__file__).resolve().parents[2]
#: the second gold set: articles written for the tests, where the suggester is imperfect
REVIEW_ARTICLES = REPO / "tests" / "data" / "review_articles"
MARKS = '"“”'
SEED_CUES = {"said", "told", "added", "adding", "saying", "described", "underscored", "noted", "accused", "warned"}


class GoldSet(list):
    """(text, gold annotation) per article of one project, with that project's config."""

    def __init__(self, root: Path) -> None:
        project = Project.load(root)
        documents = project.document_map()
        annotations = project.read_annotations(GOLD)
        assert sorted(annotations) == sorted(documents)  # every article has gold
        for doc_id, ann in annotations.items():
            assert validation_errors(ann, documents[doc_id], project.config.stance_labels) == []
            assert ann.status == "done" and ann.annotator == GOLD
        super().__init__((documents[d].text, a) for d, a in sorted(annotations.items()))
        self.config = project.config
        self.seeds = root == REPO


@pytest.fixture(scope="module", params=[REPO, REVIEW_ARTICLES], ids=["seeds", "review_articles"])
def gold(request: pytest.FixtureRequest) -> GoldSet:
    return GoldSet(request.param)


def test_spans_have_no_outer_white_space_or_stray_punctuation(gold) -> None:
    for text, ann in gold:
        for span in (*ann.quotes, *ann.mentions):
            covered = text[span.start : span.end]
            assert covered == covered.strip(), covered
            assert not covered.startswith((",", ".", ";", ":")), covered


def test_direct_quotes_are_exactly_the_content_between_the_marks(gold) -> None:
    for text, ann in gold:
        for q in ann.quotes:
            if q.kind != "direct":
                continue
            assert text[q.start - 1] in MARKS and text[q.end] in MARKS, text[q.start - 1 : q.end + 1]
            assert not any(mark in text[q.start : q.end] for mark in MARKS)


def test_mixed_quotes_contain_a_quoted_fragment_and_indirect_ones_none(gold) -> None:
    for text, ann in gold:
        for q in ann.quotes:
            covered = text[q.start : q.end]
            marks = sum(covered.count(m) for m in MARKS)
            if q.kind == "mixed":
                assert marks == 2, covered
            elif q.kind == "indirect":
                assert marks == 0, covered
                assert not covered.endswith("."), "the sentence-final period is excluded"
                assert not covered.startswith("that "), "the complementiser is excluded"


def test_every_quote_has_source_cue_stance_and_the_document_target(gold) -> None:
    """One target per article, from the config (the seeds have one), on every quote and
    the document stance; the cue is the one-word speech verb."""
    for text, ann in gold:
        assert ann.doc_stance is not None and ann.doc_stance.target in gold.config.targets
        for q in ann.quotes:
            assert q.source is not None and ann.mention(q.source) is not None
            cue = text[q.cue[0] : q.cue[1]] if q.cue is not None else ""
            assert cue.isalpha() and cue.islower() and (cue in SEED_CUES or not gold.seeds), cue
            assert q.stance in ("favor", "against", "neutral") and q.target == ann.doc_stance.target


def test_mentions_and_entities(gold) -> None:
    entities = set()
    for text, ann in gold:
        for m in ann.mentions:
            covered = text[m.start : m.end]
            assert not covered.lower().startswith(("the ", "a ", "an ")), covered
            entities.add(m.entity)
        used = {q.source for q in ann.quotes}
        assert used == {m.id for m in ann.mentions}, "only speakers are marked"
    if not gold.seeds:
        return  # the review articles have their own people
    assert entities == {
        "John Kirby",
        "Anatoly Antonov",
        "Vladimir Putin",
        "Kim Jong Un",
        "Russia",
        "United States",
        "North Korea and Russia",
    }


def test_headlines_captions_and_datelines_are_not_quoted(gold) -> None:
    for text, ann in gold:
        for q in ann.quotes:
            covered = text[q.start : q.end]
            assert "(Yonhap)" not in covered and "WASHINGTON" not in covered and "is seen" not in covered
