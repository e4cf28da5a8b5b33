"""Gold annotations as spaCy training examples.

Spans: every gold quote under its kind's label, every cue as ``CUE`` and every source
mention as ``SPEAKER`` (a mention that is nobody's source is not what the model should
propose), all in one span group, since a cue or a speaker often lies inside its quote
(a parenthetical "said"). Offsets snap outward to token boundaries.

Candidates: the span categorizer labels the spans the span finder proposes, which at
prediction time are its likely starts paired with its likely ends. Training shows it
the same kind of pairs built from the gold boundaries (every gold start with every gold
end within ``max_length`` tokens), so it learns which pairing is a quote, a cue, a
speaker or nothing, before the finder has learnt anything.

Stance: one example per gold quote with a stance, the text ``trained.stance_text`` builds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from corpus_tui.suggest.trained import CANDIDATES_KEY, CUE, KIND_LABELS, SPANS_KEY, SPEAKER, stance_text
from corpus_tui.train.gold import Pair


def reference_doc(nlp: Any, pair: Pair) -> Any:
    """The document's tokens with its gold spans (labelled, and as the finder's targets)."""
    document, ann = pair
    doc = nlp.make_doc(document.text)
    wanted: list[tuple[int, int, str]] = []
    sources = {q.source for q in ann.quotes if q.source is not None}
    for q in ann.quotes:
        wanted.append((q.start, q.end, KIND_LABELS.get(q.kind, KIND_LABELS["indirect"])))
        if q.cue is not None:
            wanted.append((q.cue[0], q.cue[1], CUE))
    wanted += [(m.start, m.end, SPEAKER) for m in ann.mentions if m.id in sources]
    spans = {}
    for start, end, label in wanted:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans[(span.start, span.end, label)] = span
    ordered = [spans[key] for key in sorted(spans)]
    doc.spans[SPANS_KEY] = ordered
    doc.spans[CANDIDATES_KEY] = [doc[s.start : s.end] for s in ordered]
    return doc


def span_examples(nlp: Any, pairs: Iterable[Pair], max_length: int) -> list[Any]:
    """Examples for the finder and the categorizer, candidates set (see above)."""
    from spacy.training import Example

    examples = []
    for pair in pairs:
        reference = reference_doc(nlp, pair)
        predicted = nlp.make_doc(pair[0].text)
        starts = sorted({s.start for s in reference.spans[SPANS_KEY]})
        ends = sorted({s.end for s in reference.spans[SPANS_KEY]})
        predicted.spans[CANDIDATES_KEY] = [predicted[a:b] for a in starts for b in ends if 0 < b - a <= max_length]
        examples.append(Example(predicted, reference))
    return examples


def stance_items(pairs: Iterable[Pair]) -> list[tuple[str, str]]:
    """(text the classifier reads, gold label) for every gold quote with a stance."""
    items = []
    for document, ann in pairs:
        for q in ann.quotes:
            if q.stance is not None:
                items.append((stance_text(document.text, q.start, q.end, ann.speaker_of(q), q.target), q.stance))
    return items


def stance_examples(nlp: Any, items: list[tuple[str, str]], labels: tuple[str, ...]) -> list[Any]:
    from spacy.training import Example

    return [
        Example.from_dict(nlp.make_doc(text), {"cats": {label: float(label == gold) for label in labels}})
        for text, gold in items
    ]
