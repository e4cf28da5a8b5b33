"""Direct quotes: quotation-mark pairs that stand as sentences, with their attribution.

A quotation counts when it is (part of) a sentence, not a scare-quoted fragment inside
one, and gets the speech verb after or before it (``attribution``). A part without a
verb of its own shares the cue and speaker of its chain (a quote continued over
paragraphs), else of the quote before it in the paragraph ('"A," he said. "B."'), else,
standing alone as a paragraph, the previous speaker's. Spans exclude the marks.
"""

from __future__ import annotations

from corpus_tui.core.model import Kind
from corpus_tui.suggest.attribution import attribution_after, attribution_before, cue_speaker, intro_of
from corpus_tui.suggest.parsed import Found, ParsedText
from corpus_tui.suggest.quotes import ALL_MARKS, MarkSpan, Paragraph


def direct_quotes(text: ParsedText) -> list[Found]:
    """Sentence-level quotations with their attribution, or sharing another's (see above)."""
    found: list[Found] = []
    chains: list[int] = []  # which continued quote each belongs to
    paras: list[int] = []
    alone: list[bool] = []
    chain_id = -1
    for mark in text.marks:
        para = text.para_of(mark.open)
        if para is None or para.role != "body":
            continue
        if not mark.double and len(text.mark_text(mark).split()) < 3:
            continue
        if mark.chain == 0:
            chain_id += 1
        if not _sentence_level(text, mark, para):
            continue
        verb = attribution_after(text, mark, para)
        if verb is None:
            verb = attribution_before(text, mark, para)
        item = Found(mark.start, mark.end, Kind.DIRECT, verb, None)
        if verb is not None:
            item.speaker = cue_speaker(text, verb)
            item.intro = intro_of(text, verb)
        found.append(item)
        chains.append(chain_id)
        paras.append(para.start)
        alone.append(_stands_alone(text, mark, para))
    return _shared_attributions(found, chains, paras, alone)


def _shared_attributions(found: list[Found], chains: list[int], paras: list[int], alone: list[bool]) -> list[Found]:
    """Quotes without a verb take a donor (same chain, else earlier in the paragraph) or the
    previous speaker (a quote paragraph of its own); the others are dropped."""
    kept: list[Found] = []
    for index, item in enumerate(found):
        if item.verb is None:
            donor = next(
                (j for j, other in enumerate(found) if chains[j] == chains[index] and other.verb is not None), None
            )
            if donor is None:
                donor = next(
                    (j for j in range(index - 1, -1, -1) if paras[j] == paras[index] and found[j].verb is not None),
                    None,
                )
            if donor is not None:
                item.donor = found[donor]
            elif alone[index] and kept:
                item.previous_speaker = True
            else:
                continue
        kept.append(item)
    for index, item in enumerate(kept):
        if item.donor is not None:
            item.verb, item.speaker = item.donor.verb, item.donor.speaker
        elif item.previous_speaker:
            previous = [d for d in kept[:index] if d.speaker is not None]
            if previous:
                item.speaker = previous[-1].speaker
    return kept


def _sentence_level(text: ParsedText, mark: MarkSpan, para: Paragraph) -> bool:
    """A quotation that stands as (part of) a sentence, not a fragment inside one."""
    if mark.chain > 0 or mark.open <= para.body_start:
        return True
    prefix = text.text[para.body_start : mark.open].rstrip()
    if not prefix:
        return True
    last = prefix[-1]
    if last in ".!?:;—–" or prefix.endswith("--") or last in ALL_MARKS:
        return True
    if last == ",":
        # "..., saying, "..." / "Kirby said, "...": a speech verb right before the comma
        window = text.tokens_between(max(para.body_start, mark.open - 60), mark.open)
        return any(text.is_speech_verb(text.doc[i], strict=True) for i in window)
    return False


def _stands_alone(text: ParsedText, mark: MarkSpan, para: Paragraph) -> bool:
    before = text.text[para.body_start : mark.open].strip()
    after = text.text[(mark.close + 1) if mark.close is not None else mark.end : para.end].strip()
    return not before and all(ch in ".,;:!?" for ch in after)
