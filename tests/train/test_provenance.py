"""A suggestion's provenance: one quote per place from rules and model, ``by``/``score`` in
the journal only when set, and suggested stances scored by ``evaluate``."""

from __future__ import annotations

from corpus_tui.core.journal_reader import journal_line
from corpus_tui.core.model import DocAnnotation, Document, Quote
from corpus_tui.review.evaluation import Evaluation, evaluate_document
from corpus_tui.suggest.parsed import Found
from corpus_tui.suggest.trained import combine


def found(start: int, end: int, by: str = "rules", score: float | None = None) -> Found:
    return Found(start, end, "indirect", None, None, by=by, score=score)


def test_a_quote_both_find_is_the_rules_with_the_models_score_and_the_rest_is_added():
    rules = [found(0, 40), found(100, 140)]
    model = [found(5, 38, "m", 0.9), found(60, 90, "m", 0.7)]
    merged = combine(rules, model, threshold=0.6)
    assert [(f.start, f.end, f.by, f.score) for f in merged] == [
        (0, 40, "rules", 0.9),
        (60, 90, "m", 0.7),
        (100, 140, "rules", None),
    ]
    # below the threshold chosen on the tuning documents, or without one, the model adds nothing
    assert [f.by for f in combine(rules, model, threshold=0.8)] == ["rules", "rules"]
    assert [f.by for f in combine(rules, model, threshold=None)] == ["rules", "rules"]


def test_by_and_score_are_written_only_when_set():
    plain = Quote("q1", 0, 5)
    assert b'"by"' not in journal_line(DocAnnotation("d", "0" * 64, "a", quotes=(plain,)))
    marked = Quote("q1", 0, 5, origin="suggested", by="news", score=0.875)
    line = journal_line(DocAnnotation("d", "0" * 64, "a", quotes=(marked,)))
    assert line.endswith(
        b'"origin":"suggested","by":"news","score":0.875}],"doc_stance":null,"note":"","rejected":[]}\n'
    )
    assert Quote.from_dict(marked.to_dict()) == marked


def test_evaluate_counts_a_suggested_stance_right_only_on_a_matched_quote_with_golds_label():
    text = "Ana said the plan was good. Ben said the plan was bad. Cy said it rained."
    doc = Document("d", text)

    parts = ("the plan was good", "the plan was bad", "it rained")

    def ann(name: str, stances: tuple[str | None, ...]) -> DocAnnotation:
        quotes = tuple(
            Quote(f"q{i}", text.index(part), text.index(part) + len(part), stance=stance)
            for i, (part, stance) in enumerate(zip(parts, stances, strict=True), 1)
        )
        return DocAnnotation("d", doc.text_sha256, name, quotes=quotes)

    gold = ann("gold", ("favor", "against", "neutral"))
    pred = ann("m", ("favor", "favor", None))
    ev = Evaluation()
    evaluate_document(ev, doc, gold, pred)
    stance = ev.to_dict()["scores"]["stance"]["all"]
    assert (stance["tp"], stance["n_pred"], stance["n_gold"]) == (1, 2, 3)


def test_accepting_a_suggestion_keeps_its_stance_and_provenance():
    from corpus_tui.core.editing import accept

    text = "Ana said the plan was good."
    doc = Document("d", text)
    start = text.index("the plan")
    suggested = Quote(
        "q1", start, len(text) - 1, stance="favor", target="the plan", origin="suggested", by="news", score=0.9
    )
    accepted = accept(DocAnnotation("d", doc.text_sha256, "alice", quotes=(suggested,)), "q1").quotes[0]
    assert (accepted.origin, accepted.stance, accepted.target, accepted.by, accepted.score) == (
        "accepted",
        "favor",
        "the plan",
        "news",
        0.9,
    )
