"""The training loop: epochs over the training documents, the best epoch kept.

After each epoch the span components are scored on the validation documents (quote
spans, mean of exact and >=50 % overlap F1, model alone) and the stance classifier on
their gold quotes (accuracy); each keeps the weights of its best epoch. Training stops
after ``max_epochs``, after ``patience`` epochs without a better span score, or when
``max_minutes`` have passed (checked after every batch, so the bound holds to a batch).
With the same seed and settings the run is repeatable: the weights start from
``fix_random_seed(seed)`` and batches are shuffled by a ``random.Random(seed)`` (a time
bound that cuts a run short can of course cut two runs at different points).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from corpus_tui.core.model import DocAnnotation, Quote
from corpus_tui.review.evaluation import Evaluation, evaluate_document
from corpus_tui.suggest.trained import FINDER, LABEL_KINDS, SPANCAT, STANCE, model_quotes, predicted_spans
from corpus_tui.train.gold import Pair
from corpus_tui.train.settings import TrainSettings

Track = Callable[[Iterable[Any], int | None, str], Iterator[Any]]


@dataclass
class LoopResult:
    """How the loop went: epochs run, the kept ones and their validation scores, and why it stopped."""

    epochs: int = 0
    best_epoch: int = 0
    span_score: float = 0.0
    stance_epoch: int = 0
    stance_accuracy: float = 0.0
    seconds: float = 0.0
    stopped_by: str = "max_epochs"
    history: list[tuple[int, float, float]] = field(default_factory=list)


def span_docs(nlp: Any, texts: list[str]) -> list[Any]:
    """Documents through the span components only (no parse: they need none)."""
    docs = [nlp.make_doc(text) for text in texts]
    for name in (FINDER, SPANCAT):
        docs = list(nlp.get_pipe(name).pipe(docs))
    return docs


def span_score(nlp: Any, pairs: list[Pair]) -> float:
    """Mean of exact and overlap F1 of the model's quote spans on ``pairs``."""
    ev = Evaluation()
    for (document, gold), doc in zip(pairs, span_docs(nlp, [d.text for d, _ in pairs]), strict=True):
        quotes = tuple(
            Quote(f"q{i}", p.start, p.end, LABEL_KINDS[p.label])
            for i, p in enumerate(model_quotes(predicted_spans(doc)))
        )
        pred = DocAnnotation(doc_id=document.id, text_sha256=document.text_sha256, annotator="model", quotes=quotes)
        evaluate_document(ev, document, gold, pred)
    scores = ev.to_dict()["scores"]
    return (scores["exact"]["all"]["f1"] + scores["overlap"]["all"]["f1"]) / 2


def stance_accuracy(nlp: Any, items: list[tuple[str, str]]) -> float:
    if not items:
        return 0.0
    docs = nlp.get_pipe(STANCE).pipe(nlp.make_doc(text) for text, _ in items)
    right = sum(max(doc.cats, key=doc.cats.get) == gold for doc, (_, gold) in zip(docs, items, strict=True))
    return right / len(items)


def train_loop(
    nlp: Any,
    span_examples: list[Any],
    stance_examples: list[Any],
    validation: list[Pair],
    validation_stance: list[tuple[str, str]],
    settings: TrainSettings,
    track: Track | None = None,
) -> LoopResult:
    """Train the span components and the stance classifier (already initialized) in place."""
    from spacy.util import minibatch

    rng = random.Random(settings.seed)
    optimizer = nlp.create_optimizer()
    deadline = None if settings.max_minutes is None else time.monotonic() + settings.max_minutes * 60
    result = LoopResult()
    best_spans: dict[str, bytes] = {}
    best_stance = b""
    started = time.monotonic()
    epochs: Iterable[int] = range(1, settings.max_epochs + 1)
    for epoch in track(epochs, settings.max_epochs, "train") if track is not None else epochs:
        order = list(range(len(span_examples)))
        rng.shuffle(order)
        out_of_time = False
        for batch in minibatch([span_examples[i] for i in order], settings.batch_size):
            for name in (FINDER, SPANCAT):
                nlp.get_pipe(name).update(batch, drop=settings.dropout, sgd=optimizer)
            if deadline is not None and time.monotonic() > deadline:
                out_of_time = True
                break
        stance_order = list(stance_examples)
        rng.shuffle(stance_order)
        for batch in minibatch(stance_order, 8):
            nlp.get_pipe(STANCE).update(batch, drop=0.2, sgd=optimizer)
        result.epochs = epoch
        spans, stance = span_score(nlp, validation), stance_accuracy(nlp, validation_stance)
        result.history.append((epoch, round(spans, 4), round(stance, 4)))
        if spans > result.span_score or not best_spans:
            result.best_epoch, result.span_score = epoch, spans
            best_spans = {name: nlp.get_pipe(name).model.to_bytes() for name in (FINDER, SPANCAT)}
        if stance > result.stance_accuracy or not best_stance:
            result.stance_epoch, result.stance_accuracy = epoch, stance
            best_stance = nlp.get_pipe(STANCE).model.to_bytes()
        if out_of_time:
            result.stopped_by = "max_minutes"
            break
        if epoch - result.best_epoch >= settings.patience:
            result.stopped_by = "patience"
            break
    for name, weights in best_spans.items():
        nlp.get_pipe(name).model.from_bytes(weights)
    if best_stance:
        nlp.get_pipe(STANCE).model.from_bytes(best_stance)
    result.seconds = time.monotonic() - started
    return result
