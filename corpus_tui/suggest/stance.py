"""Suggested stances: a trained model's stance classifier, trusted above its held-out threshold.

The rules never guess a stance. A model trained by ``corpus-tui train`` carries a
``textcat`` over what ``trained.stance_text`` builds (target, speaker, quote, context) and
the lowest probability at which its stances were right often enough on held-out gold
(``TrainedInfo.stance_threshold``); below it, or without a threshold, the quote is
suggested without a stance, so an annotator is never handed a coin toss to confirm.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from corpus_tui.suggest.speech import Suggestion
from corpus_tui.suggest.trained import STANCE, TrainedInfo, stance_text


def stance_probabilities(nlp: Any, texts: list[str]) -> list[dict[str, float]]:
    """The stance classifier's label probabilities for each text (what training scores too)."""
    pipe = nlp.get_pipe(STANCE)
    return [dict(doc.cats) for doc in pipe.pipe(nlp.make_doc(t) for t in texts)]


def with_stances(
    nlp: Any, info: TrainedInfo, text: str, suggestions: list[Suggestion], target: str | None
) -> list[Suggestion]:
    """``suggestions`` with the stance (toward ``target``) the model is sure enough of."""
    if info.stance_threshold is None or STANCE not in nlp.component_names or not suggestions:
        return suggestions
    texts = [stance_text(text, s.start, s.end, s.entity, target) for s in suggestions]
    result = []
    for suggestion, cats in zip(suggestions, stance_probabilities(nlp, texts), strict=True):
        label, probability = max(cats.items(), key=lambda item: (item[1], item[0]))
        if probability >= info.stance_threshold:
            suggestion = replace(suggestion, stance=label, target=target)
        result.append(suggestion)
    return result
