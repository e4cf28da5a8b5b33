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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import is_stale, read_journal
from corpus_tui.core.model import DocAnnotation, Document, Origin, Quote, Status
from corpus_tui.core.project import GOLD, Project, check_annotator_name
from corpus_tui.review.agreement_report import Agreement, AgreementReport, Figure, StanceFigure
from corpus_tui.review.matching import PRF, TokenIndex, match_quotes, token_overlap
from corpus_tui.review.reliability import cohen_kappa, krippendorff_alpha, pairwise_observed

#: statuses that mean a person has worked on the document (todo/skipped do not)
ANNOTATED_STATUSES = frozenset({Status.IN_PROGRESS, Status.DONE, Status.FLAGGED})
MIN_OVERLAP = 0.5


# --------------------------------------------------------------------------- loading


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


class _Indexes(dict[str, TokenIndex]):
    """Token indexes of the documents, each built on first use and shared by every pair."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        super().__init__()
        self.documents = documents

    def __missing__(self, doc_id: str) -> TokenIndex:
        index = self[doc_id] = TokenIndex(self.documents[doc_id].text)
        return index


def compute_agreement(project: Project, annotators: list[str] | None = None) -> AgreementReport:
    """Agreement per pair of annotators and overall (default: every journal but gold)."""
    names = resolve_annotators(project, annotators)
    data = load_annotated(project, names)
    indexes = _Indexes(data.documents)
    pairs: list[Agreement] = []
    pooled = _Tally()
    for first, second in combinations(names, 2):
        tally = _Tally()
        for doc_id in data.shared((first, second)):
            _compare_documents(
                data.by_annotator[first][doc_id], data.by_annotator[second][doc_id], indexes[doc_id], tally
            )
        pairs.append(_agreement((first, second), tally, _kappa_figure(tally.stance_pairs), tally.documents))
        pooled.add(tally)
    if len(names) == 2:
        overall = Agreement(tuple(names), *_fields(pairs[0]))
    else:
        stance, multi_annotated = _stance_of_all(data, names, indexes)
        overall = _agreement(tuple(names), pooled, stance, multi_annotated)
    return AgreementReport(annotators=names, pairs=pairs, overall=overall, stale=data.stale, warnings=data.warnings)


def _stance_of_all(data: Annotated, names: list[str], indexes: _Indexes) -> tuple[StanceFigure, int]:
    """Krippendorff's alpha over the quotes that several annotators marked alike (aligned
    across all of them, not pair by pair), and how many documents two or more annotated."""
    units: list[dict[str, str]] = []
    multi_annotated = 0
    for doc_id in data.documents:
        present = data.annotators_of(doc_id, names)
        if len(present) < 2:
            continue
        multi_annotated += 1
        quotes = {n: judged_quotes(data.by_annotator[n][doc_id]) for n in present}
        for group in align_quotes(quotes, indexes[doc_id]):
            unit = {n: q.stance for n, q in group.items() if q.stance is not None}
            if len(unit) >= 2:
                units.append(unit)
    alpha = krippendorff_alpha(units, names)
    return StanceFigure("krippendorff_alpha", alpha, pairwise_observed(units), len(units)), multi_annotated


def _kappa_figure(pairs: Sequence[tuple[str, str]]) -> StanceFigure:
    observed = sum(a == b for a, b in pairs) / len(pairs) if pairs else None
    return StanceFigure("cohen_kappa", cohen_kappa(pairs), observed, len(pairs))


def _agreement(names: tuple[str, ...], tally: _Tally, stance: StanceFigure, documents: int) -> Agreement:
    speaker = Figure(tally.speaker_agree / tally.speaker_items if tally.speaker_items else None, tally.speaker_items)
    return Agreement(names, documents, tally.exact, tally.overlap, speaker, tally.cues, stance)


def _fields(a: Agreement) -> tuple[Any, ...]:
    return (a.documents, a.quotes_exact, a.quotes_overlap, a.speaker, a.cues, a.stance)
