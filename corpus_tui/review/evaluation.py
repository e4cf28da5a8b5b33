"""How well one journal (a system) matches another (gold): what ``corpus-tui evaluate`` reports.

Scores, per quote kind and micro-averaged over all kinds:
- quote spans, exact and with >= 50 % token overlap (``matching.match_quotes``, the same
  matcher ``agree`` uses, so the two commands mean the same thing by "match");
- cues: a matched quote (overlap) whose cue span equals gold's, over quotes with a cue;
- speakers: a matched quote whose speaker entity equals gold's, over quotes with a
  speaker; plus attribution accuracy on matched direct quotes (the quality bar);
- stances: a matched quote whose stance equals gold's, over quotes with a stance (a
  trained model suggests them; precision is how often a suggested stance is right).
A pair is counted under the gold quote's kind; unmatched predictions under their own.
Only documents in both journals whose text is unchanged (not stale) are compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import KINDS, DocAnnotation, Document, Kind, Quote
from corpus_tui.core.project import Project
from corpus_tui.core.text import terminal_safe
from corpus_tui.review.matching import PRF, TokenIndex, match_quotes

METRICS: tuple[str, ...] = ("exact", "overlap", "cue", "speaker", "stance")
ALL = "all"


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> PRF:
        return PRF(self.tp, self.n_pred, self.n_gold)


@dataclass
class Evaluation:
    """Counts per metric and kind (``all`` = micro-average), and direct attribution."""

    documents: int = 0
    skipped_stale: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {m: {k: Counts() for k in (*KINDS, ALL)} for m in METRICS}
    )
    direct_attributed: int = 0
    direct_matched: int = 0

    @property
    def attribution_accuracy(self) -> float:
        return self.direct_attributed / self.direct_matched if self.direct_matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "skipped_stale": self.skipped_stale,
            "scores": {
                metric: {kind: c.prf().to_dict() for kind, c in by_kind.items()}
                for metric, by_kind in self.counts.items()
            },
            "direct_attribution": {
                "accuracy": round(self.attribution_accuracy, 4),
                "correct": self.direct_attributed,
                "matched": self.direct_matched,
            },
        }


def _by_kind(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    groups: dict[str, list[Quote]] = {k: [] for k in KINDS}
    for q in quotes:
        groups.setdefault(q.kind, []).append(q)
    return groups


def _count(ev: Evaluation, metric: str, kind: str, tp: int, n_pred: int, n_gold: int) -> None:
    ev.counts[metric].setdefault(kind, Counts()).add(tp, n_pred, n_gold)
    ev.counts[metric][ALL].add(tp, n_pred, n_gold)


def evaluate_document(ev: Evaluation, document: Document, gold: DocAnnotation, pred: DocAnnotation) -> None:
    index = TokenIndex(document.text)
    gold_kinds, pred_kinds = _by_kind(gold.quotes), _by_kind(pred.quotes)
    for kind in sorted(set(gold_kinds) | set(pred_kinds)):
        g, p = gold_kinds.get(kind, []), pred_kinds.get(kind, [])
        _count(ev, "exact", kind, len(match_quotes(g, p)), len(p), len(g))
    # overlap, cues and speakers pair quotes regardless of kind (a right span with the
    # wrong kind still has a right speaker); each pair counts under gold's kind
    pairs = match_quotes(gold.quotes, pred.quotes, index)
    matched_pred = {id(p) for _, p in pairs}
    for kind in KINDS:
        kind_pairs = [(g, p) for g, p in pairs if g.kind == kind]
        n_gold = sum(1 for q in gold.quotes if q.kind == kind)
        n_pred = len(kind_pairs) + sum(1 for q in pred.quotes if q.kind == kind and id(q) not in matched_pred)
        _count(ev, "overlap", kind, len(kind_pairs), n_pred, n_gold)
        gold_cues = sum(1 for q in gold.quotes if q.kind == kind and q.cue is not None)
        pred_cues = sum(1 for g, p in kind_pairs if p.cue is not None) + sum(
            1 for q in pred.quotes if q.kind == kind and id(q) not in matched_pred and q.cue is not None
        )
        cue_tp = sum(
            1 for g, p in kind_pairs if g.cue is not None and p.cue is not None and tuple(g.cue) == tuple(p.cue)
        )
        _count(ev, "cue", kind, cue_tp, pred_cues, gold_cues)
        gold_spk = sum(1 for q in gold.quotes if q.kind == kind and gold.speaker_of(q))
        pred_spk = sum(1 for g, p in kind_pairs if pred.speaker_of(p)) + sum(
            1 for q in pred.quotes if q.kind == kind and id(q) not in matched_pred and pred.speaker_of(q)
        )
        spk_tp = sum(
            1 for g, p in kind_pairs if gold.speaker_of(g) and _same_entity(gold.speaker_of(g), pred.speaker_of(p))
        )
        _count(ev, "speaker", kind, spk_tp, pred_spk, gold_spk)
        _count_stances(ev, kind, gold, pred, kind_pairs, matched_pred)
        if kind == Kind.DIRECT:
            ev.direct_matched += len(kind_pairs)
            ev.direct_attributed += sum(
                1 for g, p in kind_pairs if _same_entity(gold.speaker_of(g), pred.speaker_of(p))
            )


def _count_stances(
    ev: Evaluation,
    kind: str,
    gold: DocAnnotation,
    pred: DocAnnotation,
    pairs: list[tuple[Quote, Quote]],
    matched_pred: set[int],
) -> None:
    n_gold = sum(1 for q in gold.quotes if q.kind == kind and q.stance is not None)
    n_pred = sum(1 for _, p in pairs if p.stance is not None) + sum(
        1 for q in pred.quotes if q.kind == kind and id(q) not in matched_pred and q.stance is not None
    )
    tp = sum(1 for g, p in pairs if g.stance is not None and g.stance == p.stance)
    _count(ev, "stance", kind, tp, n_pred, n_gold)


def _same_entity(a: str | None, b: str | None) -> bool:
    """Entity names compared as people type them: case and spacing do not matter."""
    if a is None or b is None:
        return a is b
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def evaluate_project(project: Project, gold_name: str, pred_name: str) -> Evaluation:
    annotators = project.annotators()
    for name in (gold_name, pred_name):
        if name not in annotators:
            known = ", ".join(annotators) or "none"
            raise CorpusError(f"No journal for annotator {name!r} in {project.annotations_dir} (known: {known}).")

    gold, pred = project.read_annotations(gold_name), project.read_annotations(pred_name)
    documents = project.document_map()
    triples = [(documents[i], gold[i], pred[i]) for i in sorted(set(gold) & set(pred)) if i in documents]
    return evaluate_triples(triples)


def evaluate_triples(triples: Iterable[tuple[Document, DocAnnotation, DocAnnotation]]) -> Evaluation:
    """Scores over (document, gold, prediction) triples, stale ones skipped (a journal's, or
    suggestions made in memory by ``evaluate --model``)."""
    from corpus_tui.core.journal_reader import is_stale

    ev = Evaluation()
    for document, gold, pred in triples:
        if is_stale(gold, document) or is_stale(pred, document):
            ev.skipped_stale.append(document.id)
            continue
        ev.documents += 1
        evaluate_document(ev, document, gold, pred)
    return ev


def format_evaluation(ev: Evaluation, gold_name: str, pred_name: str) -> str:
    """The report of ``evaluate``; names and document ids are ``terminal_safe`` (they come from files)."""
    lines = [f"{terminal_safe(pred_name)} against {terminal_safe(gold_name)}: {ev.documents} document(s)"]
    if ev.skipped_stale:
        lines.append(f"skipped (stale): {terminal_safe(', '.join(ev.skipped_stale))}")
    header = f"{'metric':<8} {'kind':<9} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"
    lines += ["", header, "-" * len(header)]
    for metric in METRICS:
        for kind in (*KINDS, ALL):
            c = ev.counts[metric][kind].prf()
            if kind != ALL and not (c.n_gold or c.n_pred):
                continue
            lines.append(
                f"{metric:<8} {kind:<9} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} "
                f"{c.tp:>5} {c.n_pred:>5} {c.n_gold:>5}"
            )
    lines.append("")
    lines.append(
        f"speaker attribution on matched direct quotes: {ev.attribution_accuracy:.3f} "
        f"({ev.direct_attributed}/{ev.direct_matched})"
    )
    return "\n".join(lines)
