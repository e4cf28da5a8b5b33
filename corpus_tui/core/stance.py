"""Stances and targets: a digit sets a quote's stance with the document's default target.

About five keys per quote went to stance and target when every quote needed the target
picker. Now a digit gives a quote without a target the document's default target, and the
target picker lists the targets an annotator is likely to want first.

**The document's default target** (there is no edit log, so "last used" is read from the
annotation in reading order, which is the order ``]`` reviews in): the target of the
nearest quote before this one that has a target; else of the nearest after it; else the
document stance's target; else the first target of the config.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec.structs import replace

from corpus_tui.core.changes import quote_or_error, replace_quote, touch
from corpus_tui.core.errors import EditError
from corpus_tui.core.model import DocAnnotation, DocStance
from corpus_tui.core.spans import quote_for_keys


def default_target(ann: DocAnnotation, config_targets: Sequence[str], before: int | None = None) -> str | None:
    """The target a quote starting at ``before`` (None: after every quote) gets by default."""
    edge = before if before is not None else float("inf")
    preceding = [q for q in ann.quotes if q.target and q.start < edge]
    if preceding:
        return max(preceding, key=lambda q: q.start).target
    following = [q for q in ann.quotes if q.target]
    if following:
        return min(following, key=lambda q: q.start).target
    if ann.doc_stance is not None and ann.doc_stance.target:
        return ann.doc_stance.target
    return config_targets[0] if config_targets else None


def target_choices(
    ann: DocAnnotation, others: Iterable[DocAnnotation], config_targets: Sequence[str], before: int | None = None
) -> list[str]:
    """The target picker's order: this document's targets (its default first, then the
    latest in reading order), then the project's (latest saved document first), then the
    config's targets not used yet."""
    here = [default_target(ann, (), before)]
    here += [q.target for q in sorted(ann.quotes, key=lambda q: -q.start)]
    here.append(ann.doc_stance.target if ann.doc_stance is not None else None)
    project: list[str | None] = []
    for other in sorted(others, key=lambda a: a.updated, reverse=True):
        if other.doc_id == ann.doc_id:
            continue
        project += [q.target for q in sorted(other.quotes, key=lambda q: -q.start)]
        project.append(other.doc_stance.target if other.doc_stance is not None else None)
    return list(dict.fromkeys(t for t in (*here, *project, *config_targets) if t))


def set_stance(ann: DocAnnotation, quote_id: str, stance: str | None, default: str | None = None) -> DocAnnotation:
    """Set (or clear with None) a quote's stance; a quote without a target gets ``default``."""
    quote = quote_or_error(ann, quote_id)
    target = quote.target
    if stance is not None and target is None:
        target = default
    return touch(replace_quote(ann, quote_id, stance=stance, target=target))


def stance_key(
    ann: DocAnnotation, text: str, offset: int, number: int, labels: Sequence[str], config_targets: Sequence[str]
) -> DocAnnotation:
    """What digit ``number`` does with the cursor at ``offset``: stance label ``number`` (0
    clears it) on the quote the keys reach (``quote_for_keys``), with the document's default
    target when the quote has none."""
    quote = quote_for_keys(ann, text, offset)
    if quote is None:
        raise EditError("No quote here: put the cursor on a quote or its speaker.")
    if number == 0:
        return set_stance(ann, quote.id, None)
    if not 0 < number <= len(labels):
        raise EditError(f"There are only {len(labels)} stance labels: {', '.join(labels)}.")
    return set_stance(ann, quote.id, labels[number - 1], default_target(ann, config_targets, quote.start))


def set_target(ann: DocAnnotation, quote_id: str, target: str | None) -> DocAnnotation:
    target = " ".join(target.split()) if target else None
    return touch(replace_quote(ann, quote_id, target=target or None))


def set_doc_stance(
    ann: DocAnnotation, stance: str | None, target: str | None = None, config_targets: Sequence[str] = ()
) -> DocAnnotation:
    """Set (or clear with None) the document's stance toward ``target``; without one it keeps
    the target it had, else takes the document's default target."""
    if stance is None:
        return touch(replace(ann, doc_stance=None))
    target = " ".join(target.split()) if target else None
    if target is None:
        current = ann.doc_stance.target if ann.doc_stance is not None else None
        target = current or default_target(ann, config_targets)
    return touch(replace(ann, doc_stance=DocStance(stance=stance, target=target)))
