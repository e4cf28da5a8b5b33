"""Shared suggestions: the suggester's journal seen through each annotator's own.

``corpus-tui suggest --annotator bot`` writes suggestions once, under the suggester
annotator (``[suggest] annotator``, default ``bot``); every human annotator then sees them
in their own view until they decide on them. ``overlay`` makes that view: the annotator's
own annotation plus the suggester's *suggested* spans that the annotator has not already
covered or rejected. A suggester's spans of another origin, and other humans' journals,
never appear this way.

How the session uses it (the journal format does not change):

1. On opening a document, the view is ``overlay(own, bot)`` — ``own`` the annotator's
   latest record (or ``DocAnnotation.empty``), ``bot`` the suggester's (None if none).
2. Nothing is saved for merely looking. The first edit saves the overlaid record with the
   edit, so from then on the suggestions are in the annotator's own journal (still
   ``suggested``: export, agree and evaluate leave them out until accepted). Accepting is
   editing that record: ``accept`` turns the quote, its speaker and cue into ``accepted``.
3. Re-opening overlays again; spans already copied cover the suggester's, so nothing is
   added twice (``overlay`` is idempotent), and a rejected span stays away because the
   annotator's ``rejected`` lists it.
"""

from __future__ import annotations

from msgspec.structs import replace

from corpus_tui.core.model import DocAnnotation, Mention, Origin, Quote, RejectedType
from corpus_tui.core.spans import highest_number

SUGGESTED = Origin.SUGGESTED


def overlay(own: DocAnnotation, bot: DocAnnotation | None) -> DocAnnotation:
    """``own`` with ``bot``'s suggested spans added as suggestions, where ``own`` has none.

    A suggested quote is added unless it overlaps one of ``own``'s quotes or ``own``
    rejected its span; its speaker mention comes with it (``own``'s mention there if
    ``own`` has one overlapping it; none if ``own`` rejected it), and its cue unless
    rejected. A suggested mention of no quote is added on the same terms. Ids are renumbered
    after ``own``'s, so they never collide. A ``bot`` of another text (stale) adds nothing.
    """
    if bot is None or bot.text_sha256 != own.text_sha256:
        return own
    rejected = {(r.type, r.start, r.end) for r in own.rejected}
    ids = _Ids(own)
    mentions: list[Mention] = list(own.mentions)
    added_mentions: dict[str, str | None] = {}  # bot mention id -> id in the view

    def mention_for(m: Mention) -> str | None:
        if m.id not in added_mentions:
            mine = next((x for x in mentions if x.start < m.end and m.start < x.end), None)
            if mine is not None:
                added_mentions[m.id] = mine.id
            elif (RejectedType.MENTION, m.start, m.end) in rejected:
                added_mentions[m.id] = None
            else:
                mentions.append(replace(m, id=ids.new("m"), origin=SUGGESTED))
                added_mentions[m.id] = mentions[-1].id
        return added_mentions[m.id]

    quotes: list[Quote] = list(own.quotes)
    for q in sorted(bot.quotes, key=lambda q: (q.start, q.end)):
        if q.origin != SUGGESTED or (RejectedType.QUOTE, q.start, q.end) in rejected:
            continue
        if any(x.start < q.end and q.start < x.end for x in own.quotes):
            continue
        source = bot.mention(q.source)
        cue = q.cue if q.cue is not None and (RejectedType.CUE, *q.cue) not in rejected else None
        quotes.append(
            replace(
                q,
                id=ids.new("q"),
                source=mention_for(source) if source is not None else None,
                cue=cue,
                origin=SUGGESTED,
            )
        )
    sources = {q.source for q in bot.quotes}
    for m in bot.mentions:
        if m.origin == SUGGESTED and m.id not in sources:
            mention_for(m)
    if len(quotes) == len(own.quotes) and len(mentions) == len(own.mentions):
        return own
    return replace(
        own,
        quotes=tuple(sorted(quotes, key=lambda q: (q.start, q.end))),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
    )


class _Ids:
    """Fresh ids after the highest of ``own``'s, one counter per prefix."""

    def __init__(self, own: DocAnnotation) -> None:
        self.last = {"q": highest_number("q", own), "m": highest_number("m", own)}

    def new(self, prefix: str) -> str:
        self.last[prefix] += 1
        return f"{prefix}{self.last[prefix]}"
