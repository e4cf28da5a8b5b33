"""The small changes every edit is made of: replace a quote or a mention, drop a mention.

The edit modules (editing, span_edges, stance) build on these so that the rules that hold
for every edit live once: an edit starts a fresh document; a suggestion a person edits
becomes theirs (``accepted``), and so does the suggested speaker mention the edited quote
is linked to, because accepting a quote accepts its links (what ``a`` does); dropping a
mention unlinks the quotes it was the source of.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec.structs import replace

from corpus_tui.core.errors import EditError
from corpus_tui.core.model import DocAnnotation, Mention, Origin, Quote, Rejected, Status


def touch(ann: DocAnnotation) -> DocAnnotation:
    """Any edit of a fresh document starts it."""
    return replace(ann, status=Status.IN_PROGRESS) if ann.status == Status.TODO else ann


def accepted(origin: str) -> str:
    return Origin.ACCEPTED if origin == Origin.SUGGESTED else origin


def quote_or_error(ann: DocAnnotation, quote_id: str) -> Quote:
    quote = ann.quote(quote_id)
    if quote is None:
        raise EditError(f"There is no quote {quote_id}.")
    return quote


def mention_or_error(ann: DocAnnotation, mention_id: str | None) -> Mention:
    mention = ann.mention(mention_id)
    if mention is None:
        raise EditError(f"There is no speaker mention {mention_id}.")
    return mention


def replace_quote(ann: DocAnnotation, quote_id: str, **changes: object) -> DocAnnotation:
    """The quote with ``changes``; a suggestion becomes ``accepted``, with its source mention."""
    quote = quote_or_error(ann, quote_id)
    if quote.origin == Origin.SUGGESTED and "origin" not in changes:
        changes["origin"] = Origin.ACCEPTED  # a suggestion a person edits becomes theirs
    new = replace(quote, **changes)  # type: ignore[arg-type]
    ann = replace(ann, quotes=tuple(new if q.id == quote_id else q for q in ann.quotes))
    source = ann.mention(new.source)
    if new.origin != Origin.SUGGESTED and source is not None and source.origin == Origin.SUGGESTED:
        ann = replace_mention(ann, source.id)  # the speaker of a quote a person stands behind
    return ann


def replace_mention(ann: DocAnnotation, mention_id: str, **changes: object) -> DocAnnotation:
    """The mention with ``changes``; a suggestion becomes ``accepted``."""
    mention = mention_or_error(ann, mention_id)
    if mention.origin == Origin.SUGGESTED and "origin" not in changes:
        changes["origin"] = Origin.ACCEPTED
    new = replace(mention, **changes)  # type: ignore[arg-type]
    return replace(ann, mentions=tuple(new if m.id == mention_id else m for m in ann.mentions))


def without_mention(ann: DocAnnotation, mention_id: str, relink: str | None = None) -> DocAnnotation:
    """``ann`` without the mention; the quotes it was the source of get ``relink`` (or none)."""
    quotes = tuple(replace(q, source=relink) if q.source == mention_id else q for q in ann.quotes)
    mentions = tuple(m for m in ann.mentions if m.id != mention_id)
    return replace(ann, quotes=quotes, mentions=mentions)


def is_source(ann: DocAnnotation, mention_id: str) -> bool:
    return any(q.source == mention_id for q in ann.quotes)


def merge_rejected(existing: Sequence[Rejected], new: Iterable[Rejected]) -> tuple[Rejected, ...]:
    return tuple(dict.fromkeys((*existing, *new)))


def check_span(text_len: int, start: int, end: int, what: str) -> None:
    if not 0 <= start < end <= text_len:
        raise EditError(f"Select some text first: the {what} would be empty or outside the article.")
