"""Adjudication: turn several annotators' versions of a document into one gold version.

Why this shape: a reviewer's time should go only to what annotators disagree on. So the
quotes of all annotators are aligned (≥50% shared tokens, as ``agree`` matches them);
a quote every annotator marked identically (span, kind, speaker entity, cue, stance,
target) is *agreed* and goes to gold without review; every other aligned group is a
*dispute* showing each annotator's version. Taking a version copies that quote, with the
speaker mention it uses (re-numbered, so gold is a valid annotation on its own), into the
gold journal and replaces whatever gold had in its place.

Whether a dispute is decided is read from gold itself, never kept aside, so it survives a
restart and counts edits made with the Annotate keys: gold holds one of the versions
(*taken*), or a quote of its own that aligns with them (*edited*), or, when the reviewer
took none, gold's ``rejected`` list holds every version's span (``type: quote``), or for
the document stance a ``{"type": "doc_stance", "start": 0, "end": 0}`` entry (*left out*).

Pure functions over records (no Textual): the TUI and the tests drive the same code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from msgspec.structs import replace

from corpus_tui.core.editing import EditError, next_id
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import (
    DocAnnotation,
    DocStance,
    Document,
    Mention,
    Origin,
    Quote,
    Rejected,
    RejectedType,
    Status,
)
from corpus_tui.core.project import GOLD, Project
from corpus_tui.review.agreement import MIN_OVERLAP, align_quotes, judged_quotes, load_annotated, resolve_annotators
from corpus_tui.review.matching import TokenIndex, token_overlap

#: the fields of a quote version that must be equal for annotators to agree
FIELDS: tuple[str, ...] = ("span", "kind", "speaker", "cue", "stance", "target")
#: what gold's ``rejected`` list holds when the reviewer took none of the document stances
DOC_STANCE_LEFT_OUT = Rejected(RejectedType.DOC_STANCE, 0, 0)


@dataclass(frozen=True)
class Version:
    """One annotator's version of a quote, with the speaker mention it uses."""

    annotator: str
    quote: Quote
    mention: Mention | None

    @property
    def speaker(self) -> str | None:
        return self.mention.entity if self.mention is not None else None

    def value(self, name: str) -> Any:
        q = self.quote
        if name == "span":
            return (q.start, q.end)
        if name == "speaker":
            return self.speaker
        return getattr(q, name)

    @property
    def key(self) -> tuple[Any, ...]:
        return tuple(self.value(f) for f in FIELDS)


@dataclass(frozen=True)
class Dispute:
    """An aligned group of quotes the annotators do not all agree on."""

    annotators: tuple[str, ...]  # every annotator of the document, in display order
    versions: Mapping[str, Version]  # those who marked this quote
    differences: tuple[str, ...]  # "missing" and/or names from FIELDS
    #: (start, end, entity) of the document's speaker mentions that every annotator marked:
    #: agreed items of gold, which taking a version (or none) here must never remove
    agreed_mentions: frozenset[tuple[int, int, str]] = frozenset()

    @property
    def start(self) -> int:
        return min(v.quote.start for v in self.versions.values())

    @property
    def end(self) -> int:
        return max(v.quote.end for v in self.versions.values())

    def version(self, annotator: str) -> Version | None:
        return self.versions.get(annotator)


@dataclass(frozen=True)
class DocStanceDispute:
    """The annotators gave the document different overall stances (None: gave none)."""

    versions: Mapping[str, DocStance | None]


@dataclass
class DocReview:
    """Everything about one document annotated by two or more of the annotators."""

    document: Document
    annotations: dict[str, DocAnnotation]
    agreed: list[Version] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    agreed_mentions: list[Mention] = field(default_factory=list)
    doc_stance: DocStance | None = None
    doc_stance_dispute: DocStanceDispute | None = None

    @property
    def doc_id(self) -> str:
        return self.document.id

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(self.annotations)

    @property
    def disputed(self) -> bool:
        return bool(self.disputes) or self.doc_stance_dispute is not None

    @property
    def items(self) -> list[Dispute | DocStanceDispute]:
        """Everything to decide, in review order: the quotes, then the document stance."""
        items: list[Dispute | DocStanceDispute] = list(self.disputes)
        if self.doc_stance_dispute is not None:
            items.append(self.doc_stance_dispute)
        return items

    @cached_property
    def index(self) -> TokenIndex:
        return TokenIndex(self.document.text)


@dataclass(frozen=True)
class Decision:
    """What gold holds for one dispute (see the module docstring)."""

    taken: tuple[str, ...] = ()  # annotators whose version gold holds
    edited: bool = False  # gold holds something of its own there
    left_out: bool = False  # the reviewer took none of the versions

    @property
    def decided(self) -> bool:
        return bool(self.taken) or self.edited or self.left_out


# --------------------------------------------------------------------------- finding


def review_document(document: Document, annotations: Mapping[str, DocAnnotation]) -> DocReview:
    """Split the annotators' quotes of one document into agreed items and disputes."""
    names = tuple(annotations)
    review = DocReview(document=document, annotations=dict(annotations))
    # speaker mentions that every annotator marked alike, even if no quote uses them
    first, *others = (annotations[n] for n in names)
    others_keys = [{(o.start, o.end, o.entity) for o in other.mentions} for other in others]
    for m in first.mentions:
        if m.origin != Origin.SUGGESTED and all((m.start, m.end, m.entity) in keys for keys in others_keys):
            review.agreed_mentions.append(m)
    agreed_mentions = frozenset((m.start, m.end, m.entity) for m in review.agreed_mentions)
    quotes = {n: judged_quotes(annotations[n]) for n in names}
    for group in align_quotes(quotes, review.index):
        versions = {n: Version(n, group[n], annotations[n].mention(group[n].source)) for n in names if n in group}
        differences = [] if len(versions) == len(names) else ["missing"]
        for name in FIELDS:
            if len({v.value(name) for v in versions.values()}) > 1:
                differences.append(name)
        if differences:
            review.disputes.append(Dispute(names, versions, tuple(differences), agreed_mentions))
        else:
            review.agreed.append(versions[names[0]])
    stances = {n: annotations[n].doc_stance for n in names}
    if len(set(stances.values())) == 1:
        review.doc_stance = stances[names[0]]
    else:
        review.doc_stance_dispute = DocStanceDispute(stances)
    return review


def find_reviews(project: Project, annotators: Sequence[str] | None = None) -> tuple[list[DocReview], list[str]]:
    """Reviews of every document annotated by at least two of the annotators (default:
    every journal but gold), in project order, and the warnings to show: the journals' read
    warnings and the stale annotations left out. Gold is what adjudication writes, so it
    is never one of the annotators."""
    if annotators is not None and GOLD in annotators:
        others = [a for a in project.annotators() if a != GOLD]
        example = ",".join(others[:2]) if len(others) >= 2 else "A,B"
        raise CorpusError(
            f"{GOLD} is the journal adjudicate writes, so it cannot be one of the annotators it compares: "
            f"name the others (--annotators {example})."
        )
    names = resolve_annotators(project, annotators, what="adjudicate")
    data = load_annotated(project, names)
    reviews = []
    for doc_id, document in data.documents.items():
        present = data.annotators_of(doc_id, names)
        if len(present) >= 2:
            reviews.append(review_document(document, {n: data.by_annotator[n][doc_id] for n in present}))
    warnings = list(data.warnings)
    for name, count in data.stale.items():
        if count:
            warnings.append(
                f"{name}: {count} document{'s' if count > 1 else ''} left out as stale "
                f"({'their' if count > 1 else 'its'} text changed since {name} annotated "
                f"{'them' if count > 1 else 'it'}; annotate again to adjudicate)."
            )
    return reviews, warnings


# --------------------------------------------------------------------------- building gold


def auto_gold(review: DocReview) -> DocAnnotation:
    """Gold made of the agreed items alone: done when nothing is disputed, else in progress."""
    gold = DocAnnotation(
        doc_id=review.doc_id,
        text_sha256=review.document.text_sha256,
        annotator=GOLD,
        status=Status.IN_PROGRESS if review.disputed else Status.DONE,
        doc_stance=review.doc_stance,
    )
    for version in review.agreed:
        gold = _insert(gold, version)
    for mention in review.agreed_mentions:
        gold, _ = _carry_mention(gold, mention)
    return gold


def take_version(gold: DocAnnotation, dispute: Dispute, annotator: str | None) -> DocAnnotation:
    """Put ``annotator``'s version of a disputed quote into gold (None: no quote at all,
    recorded as the versions' spans in gold's ``rejected`` list).

    Whatever gold has where any version lies is replaced, so taking another version
    later, or taking one that overlaps an earlier choice, never leaves overlapping quotes.
    """
    chosen = None
    if annotator is not None:
        chosen = dispute.version(annotator)
        if chosen is None:
            raise EditError(f"{annotator} did not mark this quote; take another version or none.")
    spans = _spans(dispute)
    removed = [q for q in gold.quotes if any(q.start < e and s < q.end for s, e in spans)]
    gold = _without_quotes(gold, removed, keep=dispute.agreed_mentions)
    mine = {Rejected(RejectedType.QUOTE, s, e) for s, e in spans}
    rejected = tuple(r for r in gold.rejected if r not in mine)
    if chosen is not None:
        gold = _insert(replace(gold, rejected=rejected), chosen)
    else:
        gold = replace(gold, rejected=(*rejected, *sorted(mine, key=lambda r: (r.start, r.end))))
    return replace(gold, status=Status.IN_PROGRESS) if gold.status == Status.TODO else gold


def take_doc_stance(gold: DocAnnotation, dispute: DocStanceDispute, annotator: str | None) -> DocAnnotation:
    """Give gold ``annotator``'s document stance (None: none of them, recorded in ``rejected``)."""
    rejected = tuple(r for r in gold.rejected if r != DOC_STANCE_LEFT_OUT)
    if annotator is None:
        gold = replace(gold, doc_stance=None, rejected=(*rejected, DOC_STANCE_LEFT_OUT))
    else:
        if annotator not in dispute.versions:
            raise EditError(f"{annotator} did not annotate this document.")
        stance = dispute.versions[annotator]
        if stance is None:
            raise EditError(f"{annotator} gave no document stance; take another version or none.")
        gold = replace(gold, doc_stance=stance, rejected=rejected)
    return replace(gold, status=Status.IN_PROGRESS) if gold.status == Status.TODO else gold


def decision(review: DocReview, gold: DocAnnotation | None, dispute: Dispute | DocStanceDispute) -> Decision:
    """What gold holds for ``dispute`` of ``review``'s document: taken, edited, left out or
    nothing yet. A gold quote counts only if it aligns with a version (the ≥50% token
    overlap that made the dispute), so a neighbouring choice that merely touches it
    decides nothing."""
    if gold is None:
        return Decision()
    if isinstance(dispute, DocStanceDispute):
        if gold.doc_stance is not None:
            taken = tuple(n for n, s in dispute.versions.items() if s == gold.doc_stance)
            return Decision(taken=taken, edited=not taken)
        return Decision(left_out=DOC_STANCE_LEFT_OUT in gold.rejected)
    spans = _spans(dispute)
    present = [
        q
        for q in gold.quotes
        if any(
            q.start < e and s < q.end and token_overlap(review.index, (q.start, q.end), (s, e)) >= MIN_OVERLAP
            for s, e in spans
        )
    ]
    if present:
        keys = {Version(GOLD, q, gold.mention(q.source)).key for q in present}
        taken = tuple(n for n, v in dispute.versions.items() if v.key in keys)
        return Decision(taken=taken, edited=not taken)
    rejected = {(r.start, r.end) for r in gold.rejected if r.type == RejectedType.QUOTE}
    return Decision(left_out=all(span in rejected for span in spans))


def undecided(review: DocReview, gold: DocAnnotation | None) -> list[Dispute | DocStanceDispute]:
    """The document's disputes gold holds no decision for yet."""
    return [d for d in review.items if not decision(review, gold, d).decided]


def write_auto_gold(journal: Any, reviews: Sequence[DocReview]) -> list[DocAnnotation]:
    """Save auto gold for documents that have no gold yet (or only stale gold), in one
    fsync; existing gold is the reviewer's work and is never overwritten here."""
    batch = []
    for review in reviews:
        existing = journal.get(review.doc_id)
        if existing is None or existing.text_sha256 != review.document.text_sha256:
            batch.append(auto_gold(review))
    return journal.save_many(batch) if batch else []


# --------------------------------------------------------------------------- internals


def _spans(dispute: Dispute) -> list[tuple[int, int]]:
    return list(dict.fromkeys((v.quote.start, v.quote.end) for v in dispute.versions.values()))


def _same_mention(a: Mention, b: Mention) -> bool:
    return (a.start, a.end, a.entity) == (b.start, b.end, b.entity)


def _own(origin: str) -> str:
    return Origin.ACCEPTED if origin == Origin.SUGGESTED else origin


def _carry_mention(gold: DocAnnotation, mention: Mention) -> tuple[DocAnnotation, str]:
    """The id of gold's copy of ``mention``, adding the copy (with a fresh id) if needed."""
    for m in gold.mentions:
        if _same_mention(m, mention):
            return gold, m.id
    copy = replace(mention, id=next_id("m", gold), origin=_own(mention.origin))
    mentions = tuple(sorted((*gold.mentions, copy), key=lambda m: (m.start, m.end)))
    return replace(gold, mentions=mentions), copy.id


def _insert(gold: DocAnnotation, version: Version) -> DocAnnotation:
    source = None
    if version.mention is not None:
        gold, source = _carry_mention(gold, version.mention)
    quote = replace(version.quote, id=next_id("q", gold), source=source, origin=_own(version.quote.origin))
    quotes = tuple(sorted((*gold.quotes, quote), key=lambda q: (q.start, q.end)))
    return replace(gold, quotes=quotes)


def _without_quotes(
    gold: DocAnnotation, removed: Sequence[Quote], keep: frozenset[tuple[int, int, str]] = frozenset()
) -> DocAnnotation:
    """Drop quotes, and the mentions only they used (so no speaker brought in with a
    version is left behind), except the mentions in ``keep`` (agreed by every annotator)."""
    if not removed:
        return gold
    gone = {q.id for q in removed}
    quotes = tuple(q for q in gold.quotes if q.id not in gone)
    used = {q.source for q in quotes}
    orphaned = {q.source for q in removed} - used
    mentions = tuple(m for m in gold.mentions if m.id not in orphaned or (m.start, m.end, m.entity) in keep)
    return replace(gold, quotes=quotes, mentions=mentions)
