"""A pipeline trained by ``corpus-tui train``: the names it is built with, and its quotes next to the rules'.

``corpus-tui train`` (``corpus_tui.train``) writes an ordinary spaCy pipeline: the
installed parser pipeline that the rules need, plus a ``span_finder`` (``quote_finder``)
that proposes where quotes, cues and speakers start and end, a ``spancat``
(``quote_spans``) that labels those candidates (``DIRECT``, ``INDIRECT``, ``MIXED``,
``CUE``, ``SPEAKER``) with a probability each, and a ``textcat`` (``stance``, disabled in
the pipe) for stance. Both sides agree on these names through this module, which sits
in ``suggest`` because suggesting reads them; training imports them from here.

How the two sources combine (``combine``): a quote either finds is suggested once; where
they overlap, the rules' span, cue and speaker are kept (their boundaries follow the
guidelines exactly, and the held-out figures in README show they are the more precise)
and the model's probability becomes the suggestion's ``score``. A quote only the model
finds is added, with the model's name as ``by``, when it is as sure as the quotes only
it found on the tuning documents had to be to be right half the time
(``TrainedInfo.quote_threshold``: a weak model adds nothing); its cue is the model's cue span that
``core.spans.quote_for_cue`` gives it (the guidelines' rule for which quote a cue
belongs to), and its speaker is the rules' subject of that cue when the cue is a verb
(attribution stays with the rules), else the model's speaker span nearest the cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpus_tui.core.model import DocAnnotation, Kind, Quote
from corpus_tui.core.spans import quote_for_cue
from corpus_tui.core.text import paragraph_around
from corpus_tui.suggest.attribution import cue_speaker
from corpus_tui.suggest.parsed import Found, ParsedText
from corpus_tui.suggest.speakers import SpeakerSpan, expand_subject

if TYPE_CHECKING:
    from spacy.tokens import Span

FINDER = "quote_finder"
SPANCAT = "quote_spans"
STANCE = "stance"
#: where the span finder leaves its candidates, and where the spancat puts its labelled spans
CANDIDATES_KEY = "quote_candidates"
SPANS_KEY = "quotes"
CUE = "CUE"
SPEAKER = "SPEAKER"
KIND_LABELS: dict[str, str] = {kind.value: kind.value.upper() for kind in Kind}
LABEL_KINDS: dict[str, str] = {label: kind for kind, label in KIND_LABELS.items()}
#: the key of ``nlp.meta`` holding what corpus-tui needs to know of the model
META_KEY = "corpus_tui"


@dataclass(frozen=True)
class TrainedInfo:
    """What a trained pipeline says about itself (``nlp.meta["corpus_tui"]``)."""

    #: the suggestions' ``by``: the model folder's name
    name: str
    #: stance is suggested at or above this probability; None: never (too unsure on held-out gold)
    stance_threshold: float | None
    stance_labels: tuple[str, ...]
    #: a quote only the model finds is suggested at or above this probability; None: never
    quote_threshold: float | None = None
    #: the documents it was trained and tuned on (evaluate leaves them out)
    trained_on: tuple[str, ...] = ()

    @classmethod
    def of(cls, nlp: Any, name: str) -> TrainedInfo | None:
        """The trained model's description, or None for any other pipeline."""
        meta = nlp.meta.get(META_KEY)
        if not isinstance(meta, dict) or SPANCAT not in nlp.component_names:
            return None
        return cls(
            name=name,
            stance_threshold=_probability(meta.get("stance_threshold")),
            stance_labels=tuple(meta.get("stance_labels", ())),
            quote_threshold=_probability(meta.get("quote_threshold")),
            trained_on=tuple(meta.get("trained_on", ())),
        )

    def meta(self) -> dict[str, Any]:
        return {
            "stance_threshold": self.stance_threshold,
            "stance_labels": list(self.stance_labels),
            "quote_threshold": self.quote_threshold,
            "trained_on": list(self.trained_on),
        }


def _probability(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def stance_text(text: str, start: int, end: int, speaker: str | None, target: str | None) -> str:
    """What the stance classifier reads for a quote: the target, the speaker, the quote and
    the rest of its paragraph (stance is who says what about what, in context; this input
    measured best on the validation articles, CONTRIBUTING has the figures)."""
    para_start, para_end = paragraph_around(text, start)
    context = f"{text[para_start:start]} … {text[end:para_end]}".strip()
    return f"{target or ''} || {speaker or ''} || {text[start:end]} || {context}"


@dataclass(frozen=True)
class Predicted:
    """One labelled span of the model, in characters."""

    start: int
    end: int
    label: str
    score: float
    root: int  # token index of the span's syntactic head


def predicted_spans(doc: Any) -> list[Predicted]:
    """The spancat's spans of a processed document, best first."""
    group = doc.spans.get(SPANS_KEY)
    if group is None or len(group) == 0:
        return []
    scores = group.attrs.get("scores", [1.0] * len(group))
    spans = [_predicted(span, float(score)) for span, score in zip(group, scores, strict=True)]
    return sorted(spans, key=lambda p: (-p.score, p.start, p.end))


def _predicted(span: Span, score: float) -> Predicted:
    return Predicted(span.start_char, span.end_char, span.label_, score, span.root.i)


def model_quotes(spans: list[Predicted]) -> list[Predicted]:
    """The quote spans, most probable first, without overlaps (quotes may not overlap)."""
    kept: list[Predicted] = []
    for p in spans:
        if p.label in LABEL_KINDS and all(p.end <= k.start or k.end <= p.start for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


def model_found(text: ParsedText, by: str) -> list[Found]:
    """The model's quotes as the rules' ``Found`` items, with cue and speaker (see above)."""
    spans = predicted_spans(text.doc)
    quotes = model_quotes(spans)
    cue_of = _cues(text.text, quotes, [p for p in spans if p.label == CUE])
    speakers = [p for p in spans if p.label == SPEAKER]
    found = []
    for index, quote in enumerate(quotes):
        cue = cue_of.get(index)
        verb = text.token_at(cue.start) if cue is not None else None
        speaker = _speaker(text, quote, cue, verb, speakers)
        item = Found(quote.start, quote.end, LABEL_KINDS[quote.label], verb, speaker, by=by, score=quote.score)
        if cue is not None:
            item.cue_last = text.token_at(cue.end - 1)
        found.append(item)
    return found


def _cues(text: str, quotes: list[Predicted], cues: list[Predicted]) -> dict[int, Predicted]:
    """The most probable cue the guidelines' rule gives each quote."""
    ann = DocAnnotation(
        doc_id="",
        text_sha256="",
        annotator="",
        quotes=tuple(Quote(str(i), q.start, q.end) for i, q in enumerate(quotes)),
    )
    cue_of: dict[int, Predicted] = {}
    for cue in cues:  # best first: the first cue a quote gets is its most probable
        owner = quote_for_cue(ann, text, cue.start, cue.end)
        if owner is not None:
            cue_of.setdefault(int(owner.id), cue)
    return cue_of


def _speaker(
    text: ParsedText, quote: Predicted, cue: Predicted | None, verb: int | None, speakers: list[Predicted]
) -> SpeakerSpan | None:
    if verb is not None and text.parsed and text.doc[verb].pos_ in {"VERB", "AUX"}:
        found = cue_speaker(text, verb)
        if found is not None:
            return found
    anchor = cue.start if cue is not None else quote.start
    para = text.para_of(anchor)
    near = [
        s
        for s in speakers
        if para is not None and para.start <= s.start < para.end and not (quote.start <= s.start < quote.end)
    ]
    if not near:
        return None
    best = min(near, key=lambda s: (abs(s.start - anchor), -s.score))
    if text.parsed:
        return expand_subject(text.doc[best.root])
    kind = "pronoun" if text.text[best.start : best.end].lower() in {"he", "she", "they", "it", "we", "i"} else "name"
    return SpeakerSpan(best.start, best.end, text.text[best.start : best.end], kind)


def combine(rules: list[Found], model: list[Found], threshold: float | None) -> list[Found]:
    """One quote per place: the rules' where both found one (with the model's score), the
    model's where only it did and it is at least ``threshold`` sure (None: never); in text order."""
    kept = list(rules)
    for item in model:
        overlapping = [r for r in rules if r.start < item.end and item.start < r.end]
        if not overlapping:
            if threshold is not None and (item.score or 0.0) >= threshold:
                kept.append(item)
            continue
        best = max(overlapping, key=lambda r: min(r.end, item.end) - max(r.start, item.start))
        best.score = max(best.score or 0.0, item.score or 0.0)
    return sorted(kept, key=lambda f: (f.start, f.end))
