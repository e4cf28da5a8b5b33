"""Editing operations: pure functions from one DocAnnotation to the next.

The TUI translates keys into these calls and nothing else changes an annotation, so the
rules (no overlapping quotes, a cue belongs to a quote, touching a suggestion accepts
it, deleting one rejects it) live in one place and are tested without Textual. Each
function returns a new record or raises EditError with a sentence for the status bar.

This module is also the TUI's one door to the domain's editing side: it re-exports the
span lookups (core.spans), the text helpers its keys use (core.text) and the undo
History (core.history), so a screen imports ``editing`` and nothing else for an edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec.structs import replace

from corpus_tui.core.errors import EditError
from corpus_tui.core.history import History
from corpus_tui.core.model import (
    KINDS,
    DocAnnotation,
    DocStance,
    Kind,
    Mention,
    Origin,
    Quote,
    Rejected,
    RejectedType,
    Status,
)
from corpus_tui.core.spans import (
    known_entities,
    mention_at,
    mentions_nearest_first,
    next_id,
    quote_at,
    quote_for_cue,
    quote_near,
)
from corpus_tui.core.text import enclosing_quotation, find_text, strip_quote_marks

__all__ = [
    "EditError",
    "History",
    "accept",
    "accept_all",
    "add_mention",
    "add_quote",
    "cycle_kind",
    "delete_at",
    "delete_cue",
    "delete_mention",
    "delete_quote",
    "discard_stale",
    "enclosing_quotation",
    "find_text",
    "known_entities",
    "mention_at",
    "mentions_nearest_first",
    "next_id",
    "quote_at",
    "quote_for_cue",
    "quote_near",
    "reanchor",
    "reject",
    "set_cue",
    "set_doc_stance",
    "set_entity",
    "set_source",
    "set_stance",
    "set_status",
    "set_target",
]


# --------------------------------------------------------------------------- a changed text


def discard_stale(ann: DocAnnotation, text_sha256: str) -> DocAnnotation:
    """Start over on a changed text: drop every offset-bearing span (they point into the old
    text) but keep what does not depend on offsets (document stance, note, status)."""
    return replace(ann, text_sha256=text_sha256, mentions=(), quotes=(), rejected=())


def reanchor(ann: DocAnnotation, text: str, text_sha256: str) -> tuple[DocAnnotation, int]:
    """Adopt a changed text while keeping the spans at their offsets, for an annotator who
    knows the change left them in place (a typo fixed after the last quote, a line added at
    the end). The journal has no copy of the old text, so offsets cannot be moved for the
    annotator; they see the kept spans at once and ``u`` takes the choice back. Spans that
    no longer fit (past the end) are dropped, with links to dropped mentions and cues.
    Returns the annotation and how many quotes and mentions were dropped."""
    n = len(text)
    mentions = tuple(m for m in ann.mentions if m.end <= n)
    kept = {m.id for m in mentions}
    quotes = tuple(
        replace(
            q,
            source=q.source if q.source in kept else None,
            cue=q.cue if q.cue is None or q.cue[1] <= n else None,
        )
        for q in ann.quotes
        if q.end <= n
    )
    rejected = tuple(r for r in ann.rejected if r.end <= n)
    dropped = len(ann.quotes) - len(quotes) + len(ann.mentions) - len(mentions)
    return replace(ann, text_sha256=text_sha256, mentions=mentions, quotes=quotes, rejected=rejected), dropped


# --------------------------------------------------------------------------- spans


def _check_span(text_len: int, start: int, end: int, what: str) -> None:
    if not 0 <= start < end <= text_len:
        raise EditError(f"Select some text first: the {what} would be empty or outside the article.")


def add_quote(
    ann: DocAnnotation, text: str, start: int, end: int, kind: str | None = None, target: str | None = None
) -> tuple[DocAnnotation, Quote]:
    """Mark [start, end) as a quote; ``direct`` when quotation marks bound it, else ``indirect``."""
    start, end, bounded = strip_quote_marks(text, start, end)
    _check_span(len(text), start, end, "quote")
    for q in ann.quotes:
        if start < q.end and q.start < end:
            raise EditError(f"That overlaps quote {q.id}; quotes may not overlap (delete it or select less).")
    if kind is None:
        kind = Kind.DIRECT if bounded else Kind.INDIRECT
    if kind not in KINDS:
        raise EditError(f"Unknown quote kind {kind!r}.")
    quote = Quote(id=next_id("q", ann), start=start, end=end, kind=kind, target=target)
    quotes = tuple(sorted((*ann.quotes, quote), key=lambda q: q.start))
    return _touch(replace(ann, quotes=quotes)), quote


def add_mention(ann: DocAnnotation, text: str, start: int, end: int, entity: str) -> tuple[DocAnnotation, Mention]:
    """Mark [start, end) as a speaker mention referring to ``entity``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    _check_span(len(text), start, end, "speaker mention")
    entity = " ".join(entity.split())
    if not entity:
        raise EditError("A speaker needs a name (the entity it refers to).")
    for m in ann.mentions:
        if m.start == start and m.end == end:
            raise EditError(f"That span is already speaker mention {m.id} ({m.entity}).")
    mention = Mention(id=next_id("m", ann), start=start, end=end, entity=entity)
    mentions = tuple(sorted((*ann.mentions, mention), key=lambda m: m.start))
    return _touch(replace(ann, mentions=mentions)), mention


def set_entity(ann: DocAnnotation, mention_id: str, entity: str) -> DocAnnotation:
    entity = " ".join(entity.split())
    if not entity:
        raise EditError("A speaker needs a name (the entity it refers to).")
    return _touch(_replace_mention(ann, mention_id, entity=entity))


def set_cue(ann: DocAnnotation, text: str, start: int, end: int) -> tuple[DocAnnotation, Quote]:
    """Make [start, end) the cue (speech verb) of the quote it belongs to (``quote_for_cue``)."""
    _check_span(len(text), start, end, "cue")
    quote = quote_for_cue(ann, text, start, end)
    if quote is None:
        raise EditError("There is no quote for this cue: mark the quote first.")
    return _touch(_replace_quote(ann, quote.id, cue=(start, end))), quote


def set_source(ann: DocAnnotation, quote_id: str, mention_id: str | None) -> DocAnnotation:
    if mention_id is not None and ann.mention(mention_id) is None:
        raise EditError(f"There is no speaker mention {mention_id}.")
    return _touch(_replace_quote(ann, quote_id, source=mention_id))


def cycle_kind(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    quote = _quote(ann, quote_id)
    kind = KINDS[(KINDS.index(quote.kind) + 1) % len(KINDS)] if quote.kind in KINDS else KINDS[0]
    return _touch(_replace_quote(ann, quote_id, kind=kind))


def set_stance(
    ann: DocAnnotation, quote_id: str, stance: str | None, default_target: str | None = None
) -> DocAnnotation:
    """Set (or clear with None) a quote's stance; a first stance takes the default target."""
    quote = _quote(ann, quote_id)
    target = quote.target
    if stance is not None and target is None:
        target = default_target
    return _touch(_replace_quote(ann, quote_id, stance=stance, target=target))


def set_target(ann: DocAnnotation, quote_id: str, target: str | None) -> DocAnnotation:
    target = " ".join(target.split()) if target else None
    return _touch(_replace_quote(ann, quote_id, target=target or None))


def set_doc_stance(ann: DocAnnotation, stance: str | None, target: str | None = None) -> DocAnnotation:
    doc_stance = DocStance(stance=stance, target=target) if stance is not None else None
    return _touch(replace(ann, doc_stance=doc_stance))


def set_status(ann: DocAnnotation, status: str) -> DocAnnotation:
    return replace(ann, status=status)


def delete_quote(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    """Delete a quote; deleting a suggestion rejects it so it is not suggested again."""
    quote = _quote(ann, quote_id)
    if quote.origin == Origin.SUGGESTED:
        return reject(ann, quote_id)
    return _touch(replace(ann, quotes=tuple(q for q in ann.quotes if q.id != quote_id)))


def delete_mention(ann: DocAnnotation, mention_id: str) -> DocAnnotation:
    """Delete a mention and unlink the quotes it was the source of."""
    mention = ann.mention(mention_id)
    if mention is None:
        raise EditError(f"There is no speaker mention {mention_id}.")
    if mention.origin == Origin.SUGGESTED:
        return reject(ann, mention_id)
    return _touch(_without_mention(ann, mention_id))


def delete_cue(ann: DocAnnotation, quote_id: str) -> DocAnnotation:
    quote = _quote(ann, quote_id)
    if quote.cue is None:
        raise EditError(f"Quote {quote_id} has no cue.")
    return _touch(_replace_quote(ann, quote_id, cue=None))


def delete_at(ann: DocAnnotation, offset: int) -> DocAnnotation:
    """What ``x`` does: delete the mention, else the cue, else the quote under ``offset``."""
    mention = mention_at(ann, offset)
    if mention is not None:
        return delete_mention(ann, mention.id)
    for q in ann.quotes:
        if q.cue is not None and q.cue[0] <= offset < q.cue[1]:
            return delete_cue(ann, q.id)
    quote = quote_at(ann, offset)
    if quote is not None:
        return delete_quote(ann, quote.id)
    raise EditError("Nothing to delete under the cursor.")


# --------------------------------------------------------------------------- suggestions


def accept(ann: DocAnnotation, item_id: str) -> DocAnnotation:
    """Accept a suggested quote (with its suggested source mention) or mention."""
    if ann.quote(item_id) is not None:
        quote = _quote(ann, item_id)
        ann = _replace_quote(ann, item_id, origin=_accepted(quote.origin))
        source = ann.mention(quote.source)
        if source is not None:
            ann = _replace_mention(ann, source.id, origin=_accepted(source.origin))
        return _touch(ann)
    mention = ann.mention(item_id)
    if mention is None:
        raise EditError(f"There is no annotation {item_id}.")
    return _touch(_replace_mention(ann, item_id, origin=_accepted(mention.origin)))


def reject(ann: DocAnnotation, item_id: str) -> DocAnnotation:
    """Reject a suggestion: remove it and remember its span so ``suggest`` skips it."""
    quote = ann.quote(item_id)
    if quote is not None:
        if quote.origin != Origin.SUGGESTED:
            raise EditError(f"Quote {item_id} is not a suggestion (delete it with x).")
        rejected = [Rejected(RejectedType.QUOTE, quote.start, quote.end)]
        if quote.cue is not None:
            rejected.append(Rejected(RejectedType.CUE, quote.cue[0], quote.cue[1]))
        ann = replace(ann, quotes=tuple(q for q in ann.quotes if q.id != item_id))
        source = ann.mention(quote.source)
        if source is not None and source.origin == Origin.SUGGESTED and not _is_source(ann, source.id):
            rejected.append(Rejected(RejectedType.MENTION, source.start, source.end))
            ann = _without_mention(ann, source.id)
        return _touch(replace(ann, rejected=_merge_rejected(ann.rejected, rejected)))
    mention = ann.mention(item_id)
    if mention is None:
        raise EditError(f"There is no annotation {item_id}.")
    if mention.origin != Origin.SUGGESTED:
        raise EditError(f"Speaker mention {item_id} is not a suggestion (delete it with x).")
    ann = _without_mention(ann, item_id)
    rejected = [Rejected(RejectedType.MENTION, mention.start, mention.end)]
    return _touch(replace(ann, rejected=_merge_rejected(ann.rejected, rejected)))


def accept_all(ann: DocAnnotation) -> DocAnnotation:
    quotes = tuple(replace(q, origin=_accepted(q.origin)) for q in ann.quotes)
    mentions = tuple(replace(m, origin=_accepted(m.origin)) for m in ann.mentions)
    return _touch(replace(ann, quotes=quotes, mentions=mentions))


# --------------------------------------------------------------------------- internals


def _touch(ann: DocAnnotation) -> DocAnnotation:
    """Any edit of a fresh document starts it."""
    return replace(ann, status=Status.IN_PROGRESS) if ann.status == Status.TODO else ann


def _accepted(origin: str) -> str:
    return Origin.ACCEPTED if origin == Origin.SUGGESTED else origin


def _quote(ann: DocAnnotation, quote_id: str) -> Quote:
    quote = ann.quote(quote_id)
    if quote is None:
        raise EditError(f"There is no quote {quote_id}.")
    return quote


def _replace_quote(ann: DocAnnotation, quote_id: str, **changes: object) -> DocAnnotation:
    quote = _quote(ann, quote_id)
    if quote.origin == Origin.SUGGESTED and "origin" not in changes:
        changes["origin"] = Origin.ACCEPTED  # a suggestion a person edits becomes theirs
    new = replace(quote, **changes)  # type: ignore[arg-type]
    return replace(ann, quotes=tuple(new if q.id == quote_id else q for q in ann.quotes))


def _replace_mention(ann: DocAnnotation, mention_id: str, **changes: object) -> DocAnnotation:
    mention = ann.mention(mention_id)
    if mention is None:
        raise EditError(f"There is no speaker mention {mention_id}.")
    if mention.origin == Origin.SUGGESTED and "origin" not in changes:
        changes["origin"] = Origin.ACCEPTED
    new = replace(mention, **changes)  # type: ignore[arg-type]
    return replace(ann, mentions=tuple(new if m.id == mention_id else m for m in ann.mentions))


def _without_mention(ann: DocAnnotation, mention_id: str) -> DocAnnotation:
    quotes = tuple(replace(q, source=None) if q.source == mention_id else q for q in ann.quotes)
    mentions = tuple(m for m in ann.mentions if m.id != mention_id)
    return replace(ann, quotes=quotes, mentions=mentions)


def _is_source(ann: DocAnnotation, mention_id: str) -> bool:
    return any(q.source == mention_id for q in ann.quotes)


def _merge_rejected(existing: Sequence[Rejected], new: Iterable[Rejected]) -> tuple[Rejected, ...]:
    return tuple(dict.fromkeys((*existing, *new)))
