"""Inter-annotator agreement between journals: quote spans, speakers, cues and stance.

Why these figures: a quote-attribution corpus is only as good as its annotators agree on
*where* quotes are (span F1, exact and by token overlap, with the same matching as
``evaluate``), *who* says them (speaker entity on matched quotes), the speech verb (cue F1,
counted per quote as ``evaluate`` does: a cue agrees only as the cue of a matched quote)
and the stance (chance-corrected, because three labels agree by luck a third of the time).
Every figure carries the number of items it rests on: a kappa over five quotes is noise.

Only documents that both annotators worked on (status in_progress, done or flagged) and
whose text has not changed since (not stale) count. Suggestions never accepted by the
annotator are not their judgement, so they are left out, as export leaves them out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Document, Origin, Quote, Status
from corpus_tui.core.project import GOLD, Project, check_annotator_name
from corpus_tui.core.store import is_stale, read_journal
from corpus_tui.review.matching import PRF, TokenIndex, match_quotes, token_overlap

#: statuses that mean a person has worked on the document (todo/skipped do not)
ANNOTATED_STATUSES = frozenset({Status.IN_PROGRESS, Status.DONE, Status.FLAGGED})
MIN_OVERLAP = 0.5


# --------------------------------------------------------------------------- loading


def parse_annotator_list(value: str | None) -> list[str] | None:
    """``--annotators A,B`` as a list (None when the option was not given)."""
    if value is None:
        return None
    return list(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))


def resolve_annotators(project: Project, annotators: Sequence[str] | None, what: str = "Agreement") -> list[str]:
    """The annotators to compare: the given ones (checked), else every journal but gold.
    ``what`` names the command in the messages."""
    available = project.annotators()
    if annotators is None:
        names = [a for a in available if a != GOLD]
        if len(names) < 2:
            found = ", ".join(names) if names else "none"
            raise CorpusError(
                f"{what} needs the journals of at least two annotators, but this project has {found} (besides gold)."
            )
        return names
    names = list(dict.fromkeys(annotators))
    for name in names:
        check_annotator_name(name)
        if name not in available:
            raise CorpusError(
                f"There is no journal for annotator {name!r} in this project "
                f"(journals: {', '.join(available) if available else 'none'})."
            )
    if len(names) < 2:
        raise CorpusError(f"{what} needs at least two annotators: give them as --annotators A,B.")
    return names


@dataclass
class Annotated:
    """Each annotator's worked-on, non-stale annotations of documents in the project."""

    documents: dict[str, Document]
    by_annotator: dict[str, dict[str, DocAnnotation]]
    stale: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def shared(self, names: Sequence[str]) -> list[str]:
        """Documents annotated by all of ``names``, in project order."""
        return [d for d in self.documents if all(d in self.by_annotator[n] for n in names)]

    def annotators_of(self, doc_id: str, names: Sequence[str]) -> list[str]:
        return [n for n in names if doc_id in self.by_annotator[n]]


def load_annotated(project: Project, annotators: Sequence[str]) -> Annotated:
    documents = project.document_map()
    result = Annotated(documents=documents, by_annotator={})
    for name in annotators:
        contents = read_journal(project.journal_path(name))
        result.warnings.extend(contents.warnings)
        kept: dict[str, DocAnnotation] = {}
        stale = 0
        for doc_id, ann in contents.latest.items():
            doc = documents.get(doc_id)
            if doc is None or ann.status not in ANNOTATED_STATUSES:
                continue
            if is_stale(ann, doc):
                stale += 1
                continue
            kept[doc_id] = ann
        result.by_annotator[name] = kept
        result.stale[name] = stale
    return result


def judged_quotes(ann: DocAnnotation) -> tuple[Quote, ...]:
    """The quotes a person stands behind (never-accepted suggestions are not)."""
    return tuple(q for q in ann.quotes if q.origin != Origin.SUGGESTED)


# --------------------------------------------------------------------------- alignment


def align_quotes(
    quotes: Mapping[str, Sequence[Quote]], index: TokenIndex, min_overlap: float = MIN_OVERLAP
) -> list[dict[str, Quote]]:
    """Group the quotes of several annotators that mark the same thing, at most one each.

    Pairs sharing at least ``min_overlap`` of their tokens are joined best overlap first
    (greedy, deterministic), as ``match_quotes`` does for two; a join that would put two
    quotes of one annotator in a group is skipped. Quotes nobody else marked are groups
    of one. Sorted by position. O(quotes²) per document at worst.
    """
    nodes = sorted(((name, q) for name, qs in quotes.items() for q in qs), key=lambda n: (n[1].start, n[1].end))
    candidates: list[tuple[float, int, int]] = []
    # sweep by start: only quotes that begin before this one ends can overlap it, and an
    # annotator's own quotes never overlap, so this is near-linear on real documents
    for i, (na, qa) in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            nb, qb = nodes[j]
            if qb.start >= qa.end:
                break
            if na == nb:
                continue
            score = token_overlap(index, (qa.start, qa.end), (qb.start, qb.end))
            if score >= min_overlap:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    parent = list(range(len(nodes)))
    members: dict[int, set[str]] = {i: {nodes[i][0]} for i in range(len(nodes))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in candidates:
        ri, rj = find(i), find(j)
        if ri != rj and not (members[ri] & members[rj]):
            parent[rj] = ri
            members[ri] |= members.pop(rj)
    groups: dict[int, dict[str, Quote]] = {}
    for i, (name, q) in enumerate(nodes):
        groups.setdefault(find(i), {})[name] = q
    return sorted(groups.values(), key=lambda g: min((q.start, q.end) for q in g.values()))


# --------------------------------------------------------------------------- statistics


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two coders' labels; None when undefined (no items, or chance
    agreement is 1 because both used one and the same label throughout)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Sequence[Mapping[str, str]], annotators: Sequence[str]) -> float | None:
    """Krippendorff's alpha (nominal) via the ``krippendorff`` package; units are
    {annotator: label} with missing annotators left out. None when undefined."""
    pairable = [u for u in units if len(u) >= 2]
    if not pairable:
        return None
    labels = sorted({v for u in pairable for v in u.values()})
    if len(labels) < 2:
        return None
    import krippendorff  # lazily: numpy is not needed for the rest of the CLI

    code = {label: float(i) for i, label in enumerate(labels)}
    nan = float("nan")
    data = [[code[u[a]] if a in u else nan for u in pairable] for a in annotators]
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _pairwise_observed(units: Sequence[Mapping[str, str]]) -> float | None:
    """Share of agreeing pairs of labels within units (percent agreement, pooled)."""
    agree = total = 0
    for u in units:
        values = list(u.values())
        for a, b in combinations(values, 2):
            total += 1
            agree += a == b
    return agree / total if total else None


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class Figure:
    """A proportion with the number of items it rests on (None: no items)."""

    value: float | None
    items: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": _round(self.value), "items": self.items}


@dataclass(frozen=True)
class StanceFigure:
    """Chance-corrected agreement on stance labels of matched quotes."""

    measure: str  # "cohen_kappa" | "krippendorff_alpha"
    value: float | None
    observed: float | None
    items: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "value": _round(self.value),
            "observed": _round(self.observed),
            "items": self.items,
        }


@dataclass(frozen=True)
class Agreement:
    """The figures of one pair of annotators, or pooled over all pairs (``overall``)."""

    annotators: tuple[str, ...]
    documents: int
    quotes_exact: PRF
    quotes_overlap: PRF
    speaker: Figure
    cues: PRF
    stance: StanceFigure

    @property
    def label(self) -> str:
        return "–".join(self.annotators) if len(self.annotators) == 2 else "overall"

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "documents": self.documents,
            "quotes_exact": self.quotes_exact.to_dict(),
            "quotes_overlap": self.quotes_overlap.to_dict(),
            "speaker": self.speaker.to_dict(),
            "cues": self.cues.to_dict(),
            "stance": self.stance.to_dict(),
        }


@dataclass
class AgreementReport:
    annotators: list[str]
    pairs: list[Agreement]
    overall: Agreement
    stale: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "pairs": [p.to_dict() for p in self.pairs],
            "overall": self.overall.to_dict(),
            "stale_excluded": dict(self.stale),
            "notes": {
                "quotes": "F1 of quote spans; tp = matched, n_gold/n_pred = quotes of the first/second annotator",
                "speaker": "share of overlap-matched quotes with the same speaker entity (items: either names one)",
                "cues": "F1 of cues per quote: tp = overlap-matched quotes with the same cue span; "
                "n_gold/n_pred = quotes with a cue of the first/second annotator",
                "stance": "on overlap-matched quotes that both labelled; kappa for a pair, alpha (nominal) for more",
            },
        }

    @property
    def columns(self) -> list[Agreement]:
        """The table's columns: each pair, then ``overall`` when there is more than one pair."""
        return [*self.pairs, self.overall] if len(self.pairs) > 1 else list(self.pairs)

    def rows(self) -> list[tuple[str, list[str]]]:
        """The table's rows as (label, one cell per column), shared by the CLI table and
        the TUI's Agreement screen, so both show the same figures."""
        columns = self.columns
        return [
            ("documents", [str(c.documents) for c in columns]),
            ("quote spans F1 (exact)", [_prf_cell(c.quotes_exact) for c in columns]),
            ("quote spans F1 (≥50% tokens)", [_prf_cell(c.quotes_overlap) for c in columns]),
            ("speaker agreement", [_figure_cell(c.speaker) for c in columns]),
            ("cue F1", [_prf_cell(c.cues) for c in columns]),
            ("stance (chance-corrected)", [_stance_cell(c.stance) for c in columns]),
        ]

    def notes(self) -> list[str]:
        """What the cells mean, and what was left out."""
        out = [
            "F1 cells: matched (first annotator's / second's count); pooled over pairs in 'overall'.",
            "Speaker and stance: on quotes matched by ≥50% token overlap; n = quotes the figure rests on.",
            "Cue F1: the same cue on a matched quote; every quote with a cue counts (as in evaluate).",
            "κ = Cohen's kappa (two annotators), α = Krippendorff's alpha, nominal (all of them).",
        ]
        stale = {k: v for k, v in self.stale.items() if v}
        if stale:
            out.append(
                "Left out as stale (text changed since annotated): "
                + ", ".join(f"{k} {v}" for k, v in sorted(stale.items()))
                + "."
            )
        if not self.overall.documents:
            out.append("No document is annotated by two of these annotators yet.")
        return out

    @property
    def title(self) -> str:
        return f"Agreement between {', '.join(self.annotators)}"

    def format_table(self) -> str:
        """A plain-text table (the CLI's ``agree``)."""
        rows = self.rows()
        header = ("", [c.label for c in self.columns])
        label_width = max(len(r[0]) for r in (header, *rows))
        widths = [max(len(r[1][i]) for r in (header, *rows)) for i in range(len(header[1]))]

        def line(label: str, cells: list[str]) -> str:
            return "  ".join([label.ljust(label_width), *(c.ljust(w) for c, w in zip(cells, widths))]).rstrip()

        out = [self.title]
        out.append(line(*header))
        out.append(line("-" * label_width, ["-" * w for w in widths]))
        out.extend(line(label, cells) for label, cells in rows)
        out.append("")
        out.extend(self.notes())
        return "\n".join(out)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _prf_cell(prf: PRF) -> str:
    if not prf.n_gold and not prf.n_pred:
        return "n/a (none)"
    return f"{prf.f1:.3f} ({prf.tp} of {prf.n_gold}/{prf.n_pred})"


def _figure_cell(figure: Figure) -> str:
    return f"{_num(figure.value)} (n={figure.items})"


def _stance_cell(figure: StanceFigure) -> str:
    symbol = "κ" if figure.measure == "cohen_kappa" else "α"
    observed = "" if figure.observed is None else f", {figure.observed:.0%} same"
    return f"{symbol} {_num(figure.value)} (n={figure.items}{observed})"


# --------------------------------------------------------------------------- computing


@dataclass
class _Tally:
    documents: int = 0
    exact: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    overlap: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    cues: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    speaker_items: int = 0
    speaker_agree: int = 0
    stance_pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: _Tally) -> None:
        self.documents = max(self.documents, other.documents)
        self.exact += other.exact
        self.overlap += other.overlap
        self.cues += other.cues
        self.speaker_items += other.speaker_items
        self.speaker_agree += other.speaker_agree
        self.stance_pairs.extend(other.stance_pairs)


def _compare_documents(a: DocAnnotation, b: DocAnnotation, index: TokenIndex, tally: _Tally) -> None:
    qa, qb = judged_quotes(a), judged_quotes(b)
    tally.documents += 1
    tally.exact += PRF(len(match_quotes(qa, qb)), len(qb), len(qa))
    matched = match_quotes(qa, qb, index, MIN_OVERLAP)
    tally.overlap += PRF(len(matched), len(qb), len(qa))
    # a cue agrees as the cue of the same (overlap-matched) quote, as evaluate counts it;
    # every quote with a cue counts on its annotator's side
    same_cue = sum(1 for x, y in matched if x.cue is not None and x.cue == y.cue)
    tally.cues += PRF(same_cue, sum(q.cue is not None for q in qb), sum(q.cue is not None for q in qa))
    for x, y in matched:
        sx, sy = a.speaker_of(x), b.speaker_of(y)
        if sx is not None or sy is not None:
            tally.speaker_items += 1
            tally.speaker_agree += sx == sy
        if x.stance is not None and y.stance is not None:
            tally.stance_pairs.append((x.stance, y.stance))


def compute_agreement(project: Project, annotators: list[str] | None = None) -> AgreementReport:
    """Agreement per pair of annotators and overall (default: every journal but gold)."""
    names = resolve_annotators(project, annotators)
    data = load_annotated(project, names)
    indexes: dict[str, TokenIndex] = {}

    def index_of(doc_id: str) -> TokenIndex:
        if doc_id not in indexes:
            indexes[doc_id] = TokenIndex(data.documents[doc_id].text)
        return indexes[doc_id]

    pairs: list[Agreement] = []
    pooled = _Tally()
    for first, second in combinations(names, 2):
        tally = _Tally()
        for doc_id in data.shared((first, second)):
            _compare_documents(
                data.by_annotator[first][doc_id], data.by_annotator[second][doc_id], index_of(doc_id), tally
            )
        pairs.append(_agreement((first, second), tally, _kappa_figure(tally.stance_pairs), tally.documents))
        pooled.add(tally)

    if len(names) == 2:
        overall = Agreement(tuple(names), *_fields(pairs[0]))
    else:
        units: list[dict[str, str]] = []
        multi_annotated = 0
        for doc_id in data.documents:
            present = data.annotators_of(doc_id, names)
            if len(present) < 2:
                continue
            multi_annotated += 1
            quotes = {n: judged_quotes(data.by_annotator[n][doc_id]) for n in present}
            for group in align_quotes(quotes, index_of(doc_id)):
                unit = {n: q.stance for n, q in group.items() if q.stance is not None}
                if len(unit) >= 2:
                    units.append(unit)
        stance = StanceFigure(
            "krippendorff_alpha", krippendorff_alpha(units, names), _pairwise_observed(units), len(units)
        )
        overall = _agreement(tuple(names), pooled, stance, multi_annotated)
    return AgreementReport(annotators=names, pairs=pairs, overall=overall, stale=data.stale, warnings=data.warnings)


def _kappa_figure(pairs: Sequence[tuple[str, str]]) -> StanceFigure:
    observed = sum(a == b for a, b in pairs) / len(pairs) if pairs else None
    return StanceFigure("cohen_kappa", cohen_kappa(pairs), observed, len(pairs))


def _agreement(names: tuple[str, ...], tally: _Tally, stance: StanceFigure, documents: int) -> Agreement:
    speaker = Figure(tally.speaker_agree / tally.speaker_items if tally.speaker_items else None, tally.speaker_items)
    return Agreement(names, documents, tally.exact, tally.overlap, speaker, tally.cues, stance)


def _fields(a: Agreement) -> tuple[Any, ...]:
    return (a.documents, a.quotes_exact, a.quotes_overlap, a.speaker, a.cues, a.stance)
