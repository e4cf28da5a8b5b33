"""Agreement figures on small cases counted by hand, and one cross-checked independently."""

from __future__ import annotations

import math

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.review.agreement import compute_agreement
from corpus_tui.review.reliability import cohen_kappa, krippendorff_alpha

from .helpers import TEXT, annotation, independent_alpha, independent_kappa, make_project, write_journal


def pair(project, alice_quotes=None, bob_quotes=None):
    write_journal(project, "alice", [annotation("alice", alice_quotes)])
    write_journal(project, "bob", [annotation("bob", bob_quotes)])
    report = compute_agreement(project)
    assert [p.annotators for p in report.pairs] == [("alice", "bob")]
    return report.pairs[0], report


def test_identical_annotations_agree_perfectly(tiny):
    p, report = pair(tiny)
    assert p.documents == 1
    assert (p.quotes_exact.tp, p.quotes_exact.n_gold, p.quotes_exact.n_pred) == (4, 4, 4)
    assert p.quotes_exact.f1 == 1.0 and p.quotes_overlap.f1 == 1.0
    assert (p.speaker.value, p.speaker.items) == (1.0, 4)
    assert p.cues.f1 == 1.0 and p.cues.tp == 4
    assert (p.stance.measure, p.stance.value, p.stance.items) == ("cohen_kappa", 1.0, 4)
    assert report.overall.stance.value == 1.0  # two annotators: overall is the pair


def test_disjoint_annotations_share_nothing(tiny):
    # alice marks only the first two quotes, bob only the last two
    p, _ = pair(tiny, [{}, {}, {"skip": True}, {"skip": True}], [{"skip": True}, {"skip": True}, {}, {}])
    assert (p.quotes_exact.tp, p.quotes_exact.n_gold, p.quotes_exact.n_pred) == (0, 2, 2)
    assert p.quotes_exact.f1 == 0.0 and p.quotes_overlap.f1 == 0.0
    assert p.cues.f1 == 0.0
    # nothing matched: speaker and stance rest on no items and are undefined, not 0 or 1
    assert (p.speaker.value, p.speaker.items) == (None, 0)
    assert (p.stance.value, p.stance.items) == (None, 0)


def test_partly_overlapping_spans(tiny):
    bob = [
        {"part": "Russia is a threat."},  # 4 of 5 tokens shared: overlap match, not exact
        {},  # exact
        {"part": "that talks went well"},  # 3 of 4 tokens: overlap match
        {"part": "comment"},  # 1 of 3 tokens ("No", "comment", ","): no match
    ]
    p, _ = pair(tiny, None, bob)
    # exact: 1 of 4 on each side -> P = R = F1 = 0.25
    assert (p.quotes_exact.tp, p.quotes_exact.n_gold, p.quotes_exact.n_pred) == (1, 4, 4)
    assert p.quotes_exact.f1 == pytest.approx(0.25)
    # overlap: 3 of 4 -> 0.75
    assert p.quotes_overlap.tp == 3
    assert p.quotes_overlap.f1 == pytest.approx(0.75)
    # a cue agrees only on matched quotes (as in evaluate): the 3 matched quotes have the
    # same cues, the fourth quote's cue is each annotator's alone -> 3 of 4/4 = 0.75
    assert (p.cues.tp, p.cues.n_gold, p.cues.n_pred) == (3, 4, 4)
    assert p.cues.f1 == pytest.approx(0.75)
    # speaker and stance rest on the 3 matched quotes only
    assert (p.speaker.value, p.speaker.items) == (1.0, 3)
    assert (p.stance.value, p.stance.items) == (1.0, 3)


def test_different_stance_and_speaker(tiny):
    # pairs: (favor, favor), (against, against), (neutral, against), (favor, neutral)
    alice = [{"stance": "favor"}, {"stance": "against"}, {"stance": "neutral"}, {"stance": "favor"}]
    bob = [{"stance": "favor"}, {"stance": "against"}, {"stance": "against"}, {"stance": "neutral", "entity": "Biden"}]
    p, _ = pair(tiny, alice, bob)
    # p_o = 2/4; alice favor 2, against 1, neutral 1; bob favor 1, against 2, neutral 1
    # p_e = (2*1 + 1*2 + 1*1) / 16 = 5/16; kappa = (1/2 - 5/16) / (1 - 5/16) = 3/11
    assert p.stance.value == pytest.approx(3 / 11)
    assert p.stance.observed == pytest.approx(0.5)
    assert p.stance.items == 4
    assert (p.speaker.value, p.speaker.items) == (0.75, 4)
    assert p.quotes_exact.f1 == 1.0


def test_a_quote_labelled_by_one_side_only_is_not_a_stance_item(tiny):
    p, _ = pair(tiny, None, [{}, {"stance": None}, {}, {}])
    assert p.stance.items == 3


def test_suggestions_stale_and_untouched_documents_are_left_out(tmp_path):
    other = "Putin said nothing new. Kim noted the weather."
    project = make_project(tmp_path / "p", {"doc1": TEXT, "doc2": TEXT + " More.", "doc3": other})
    alice = [
        annotation("alice"),
        annotation("alice", doc_id="doc2", text=TEXT + " More."),
        annotation("alice", doc_id="doc3", text=TEXT, status="done"),  # hash of another text: stale
    ]
    bob = [
        # a never-accepted suggestion is not bob's judgement: 3 quotes count, not 4
        annotation("bob", [{}, {}, {}, {"origin": "suggested"}]),
        annotation("bob", doc_id="doc2", text=TEXT + " More.", status="todo"),  # not started
        annotation("bob", doc_id="doc3", text=TEXT),
    ]
    write_journal(project, "alice", alice)
    write_journal(project, "bob", bob)
    report = compute_agreement(project)
    p = report.pairs[0]
    assert p.documents == 1
    assert (p.quotes_exact.tp, p.quotes_exact.n_gold, p.quotes_exact.n_pred) == (3, 4, 3)
    assert report.stale == {"alice": 1, "bob": 1}
    assert "Left out as stale" in report.format_table()


def test_kappa_matches_a_textbook_case_and_an_independent_implementation():
    # Wikipedia's worked example: 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: kappa 0.4
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    a = ["favor", "against", "neutral", "favor", "against", "against", "neutral", "favor"]
    b = ["favor", "against", "against", "neutral", "against", "favor", "neutral", "favor"]
    assert cohen_kappa(list(zip(a, b))) == pytest.approx(independent_kappa(a, b))
    # undefined, not a number, when everybody used one label
    assert cohen_kappa([("neutral", "neutral")] * 3) is None
    assert cohen_kappa([]) is None


def test_alpha_matches_krippendorffs_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal data with
    # missing values, 4 coders x 12 units: alpha = 0.743
    rows = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    units = [{c: str(rows[c][u]) for c in rows if rows[c][u] is not None} for u in range(12)]
    assert krippendorff_alpha(units, list(rows)) == pytest.approx(0.743, abs=5e-4)
    assert independent_alpha([list(u.values()) for u in units]) == pytest.approx(0.743, abs=5e-4)


def test_three_annotators_give_pairs_and_alpha_cross_checked(tiny):
    write_journal(tiny, "alice", [annotation("alice")])  # against, favor, favor, neutral
    write_journal(tiny, "bob", [annotation("bob", [{}, {"stance": "against"}, {}, {}])])
    write_journal(tiny, "carol", [annotation("carol", [{"stance": "neutral"}, {}, {}, {"skip": True}])])
    write_journal(tiny, "gold", [annotation("gold")])  # gold is never an annotator by default
    report = compute_agreement(tiny)
    assert report.annotators == ["alice", "bob", "carol"]
    assert [p.label for p in report.pairs] == ["alice–bob", "alice–carol", "bob–carol"]
    assert report.overall.stance.measure == "krippendorff_alpha"
    units = [["against", "against", "neutral"], ["favor", "against", "favor"], ["favor"] * 3, ["neutral"] * 2]
    assert report.overall.stance.items == 4
    assert report.overall.stance.value == pytest.approx(independent_alpha(units))
    # pooled over pairs (alice-bob, alice-carol, bob-carol): first 4+4+4 quotes, second 4+3+3; 4+3+3 matched
    overall = report.overall.quotes_exact
    assert (overall.tp, overall.n_gold, overall.n_pred) == (10, 12, 10)
    assert report.pairs[1].stance.value == pytest.approx(
        independent_kappa(["against", "favor", "favor"], ["neutral", "favor", "favor"])
    )
    table = report.format_table()
    assert "overall" in table and "α" in table and "κ" in table
    assert not math.isnan(report.overall.stance.value)


def test_explicit_annotators_and_gold(tiny):
    write_journal(tiny, "alice", [annotation("alice")])
    write_journal(tiny, "gold", [annotation("gold", [{}, {}, {}, {"skip": True}])])
    report = compute_agreement(tiny, ["alice", "gold"])
    assert report.pairs[0].quotes_exact.tp == 3
    data = report.to_dict()
    assert data["pairs"][0]["annotators"] == ["alice", "gold"]
    assert data["overall"]["stance"]["measure"] == "cohen_kappa"


@pytest.mark.parametrize(
    ("journals", "names", "message"),
    [
        (["alice"], None, "at least two annotators"),
        (["alice", "gold"], None, "at least two annotators"),
        (["alice", "bob"], ["alice"], "at least two annotators"),
        (["alice", "bob"], ["alice", "zed"], "no journal for annotator 'zed'"),
        (["alice", "bob"], ["alice", "../x"], "not a valid annotator name"),
    ],
)
def test_bad_annotator_lists_are_one_clear_error(tiny, journals, names, message):
    for name in journals:
        write_journal(tiny, name, [annotation(name)])
    with pytest.raises(CorpusError, match=message):
        compute_agreement(tiny, names)


def test_no_shared_document_says_so(tmp_path):
    project = make_project(tmp_path / "p", {"doc1": TEXT, "doc2": TEXT + " More."})
    write_journal(project, "alice", [annotation("alice")])
    write_journal(project, "bob", [annotation("bob", doc_id="doc2", text=TEXT + " More.")])
    report = compute_agreement(project)
    assert report.pairs[0].documents == 0
    assert "No document is annotated by two of these annotators yet." in report.format_table()


def test_agreement_and_adjudication_import_without_textual_or_rich():
    import subprocess
    import sys

    code = (
        "import sys, corpus_tui.review.agreement, corpus_tui.review.adjudication, corpus_tui.review.stats\n"
        "heavy = ('textual', 'rich', 'corpus_tui.tui', 'spacy', 'datasets', 'krippendorff')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_a_cue_agrees_only_as_the_cue_of_the_same_quote(tiny):
    from .helpers import span

    # both mark both "said"s as cues, but bob gives each to the other quote: the same set of
    # cue spans, no cue agreement at all
    bob = [{"cue": span(TEXT, "said", 1)}, {"cue": span(TEXT, "said", 0)}, {}, {}]
    p, _ = pair(tiny, None, bob)
    assert (p.cues.tp, p.cues.n_gold, p.cues.n_pred) == (2, 4, 4)
    assert p.cues.f1 == pytest.approx(0.5)
    assert p.quotes_exact.f1 == 1.0
