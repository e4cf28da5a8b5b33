"""Held-out scores: the rules, the trained model and both, on the same unseen documents.

Each is what ``corpus-tui suggest`` would write for those documents (suggestions merged
into an empty annotation), scored by ``review.evaluation`` against gold, so the three
columns of ``train``'s report mean exactly what ``evaluate`` means. Stance is scored as
the classifier alone on the gold quotes (accuracy), and through the threshold: how many
quotes get a suggested stance and how often it is right.

The stance threshold is chosen on the validation documents' gold quotes: the lowest
probability at which the stances at least that sure were right at least
``stance_precision`` of the time (over at least three of them). None when no
probability gets there: then no stance is ever suggested, rather than a guess. The
threshold for quotes only the model finds is chosen the same way on the validation
documents (right: it shares half its tokens with a gold quote; ``quote_precision``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus_tui.core.model import DocAnnotation, Quote
from corpus_tui.review.evaluation import Evaluation, evaluate_document
from corpus_tui.review.matching import TokenIndex, match_quotes
from corpus_tui.suggest.merge import merge_suggestions
from corpus_tui.suggest.names import NameSpellings
from corpus_tui.suggest.pipeline import LoadedModel, document_target, suggestions_for_doc
from corpus_tui.suggest.stance import stance_probabilities
from corpus_tui.suggest.trained import TrainedInfo
from corpus_tui.train.gold import Pair

#: the fewest held-out stances a threshold may rest on
MIN_STANCES = 3
SOURCES: tuple[str, ...] = ("rules", "model", "both")


@dataclass
class StanceScores:
    """The classifier on gold quotes, and what passing the threshold leaves."""

    quotes: int = 0
    accuracy: float = 0.0
    threshold: float | None = None
    suggested: int = 0
    suggested_right: int = 0


@dataclass
class HeldOut:
    documents: int = 0
    evaluations: dict[str, Evaluation] = field(default_factory=lambda: {s: Evaluation() for s in SOURCES})
    stance: StanceScores = field(default_factory=StanceScores)

    def to_dict(self) -> dict[str, Any]:
        stance = self.stance
        return {
            "documents": self.documents,
            **{source: ev.to_dict()["scores"] for source, ev in self.evaluations.items()},
            "stance": {
                "quotes": stance.quotes,
                "accuracy": round(stance.accuracy, 4),
                "threshold": stance.threshold,
                "suggested": stance.suggested,
                "suggested_right": stance.suggested_right,
            },
        }


def choose_threshold(sure_right: list[tuple[float, bool]], precision: float) -> float | None:
    """The lowest probability whose judgements at least as sure are right ``precision`` of the time."""
    chosen = None
    right = 0
    for count, (probability, correct) in enumerate(sorted(sure_right, key=lambda x: -x[0]), 1):
        right += correct
        if count >= MIN_STANCES and right / count >= precision:
            chosen = probability
    return None if chosen is None else round(chosen, 4)


def added_quote_judgements(
    nlp: Any, name: str, pairs: list[Pair], spellings: NameSpellings
) -> list[tuple[float, bool]]:
    """(probability, whether it matches a gold quote) for each quote only the model finds
    on ``pairs``: what ``quote_threshold`` is chosen from."""
    model = LoadedModel(name, nlp, True, trained=TrainedInfo(name, None, ()))
    judged = []
    for (document, gold), doc in zip(pairs, nlp.pipe(d.text for d, _ in pairs), strict=True):
        rules = suggestions_for_doc(doc, model, spellings)  # quote_threshold None: the rules' quotes
        index = TokenIndex(document.text)
        for s in suggestions_for_doc(doc, model, spellings, rules=False):
            if any(r.start < s.end and s.start < r.end for r in rules):
                continue
            found = [Quote("p", s.start, s.end)]
            judged.append((s.score or 0.0, bool(match_quotes(gold.quotes, found, index))))
    return judged


def stance_judgements(nlp: Any, items: list[tuple[str, str]]) -> list[tuple[float, bool]]:
    """(probability of the chosen label, whether it is gold's) for each stance item."""
    judged = []
    for cats, (_, gold) in zip(stance_probabilities(nlp, [text for text, _ in items]), items, strict=True):
        label, probability = max(cats.items(), key=lambda item: (item[1], item[0]))
        judged.append((probability, label == gold))
    return judged


def stance_scores(nlp: Any, items: list[tuple[str, str]], threshold: float | None) -> StanceScores:
    judged = stance_judgements(nlp, items) if items else []
    passed = [right for probability, right in judged if threshold is not None and probability >= threshold]
    return StanceScores(
        quotes=len(judged),
        accuracy=sum(right for _, right in judged) / len(judged) if judged else 0.0,
        threshold=threshold,
        suggested=len(passed),
        suggested_right=sum(passed),
    )


def score_held_out(
    nlp: Any, info: TrainedInfo, pairs: list[Pair], spellings: NameSpellings, n_process: int, target: str | None
) -> HeldOut:
    """Rules, model and both on ``pairs`` (documents parsed once by the trained pipeline)."""
    trained = LoadedModel(info.name, nlp, True, trained=info)
    rules = LoadedModel(info.name, nlp, True)
    held = HeldOut(documents=len(pairs))
    parsed = nlp.pipe((d.text for d, _ in pairs), n_process=n_process, batch_size=16)
    for (document, gold), doc in zip(pairs, parsed, strict=True):
        doc_target = document_target(gold, target)
        runs = {
            "rules": suggestions_for_doc(doc, rules, spellings),
            "model": suggestions_for_doc(doc, trained, spellings, doc_target, rules=False),
            "both": suggestions_for_doc(doc, trained, spellings, doc_target),
        }
        for source, found in runs.items():
            pred = merge_suggestions(DocAnnotation.empty(document, source), found)
            evaluate_document(held.evaluations[source], document, gold, pred)
    return held
