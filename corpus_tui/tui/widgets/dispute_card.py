"""What the review screen shows of a dispute, as Rich ``Text``: the article around it, one
card per annotator's version, and what gold holds.

Built as ``Text`` pieces, never markup: article text, names and labels come from files,
and ``display_text`` (article) and ``terminal_safe`` (names, labels) make control characters
visible so no file can drive the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from corpus_tui.core.model import DocStance
from corpus_tui.core.text import terminal_safe
from corpus_tui.review.adjudication import FIELDS, Decision, Version
from corpus_tui.tui.textlayout import display_text

#: characters of article shown on each side of a dispute
CONTEXT = 240


def context_text(text: str, start: int, end: int) -> Text:
    """The article around a dispute, the disputed stretch underlined, never as markup."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    out = Text(overflow="fold")
    if left > 0:
        out.append("…")
    out.append(display_text(text[left:start]))
    out.append(display_text(text[start:end]), style="bold underline")
    out.append(display_text(text[end:right]))
    if right < len(text):
        out.append("…")
    return out


def _card_head(number: int, name: str, in_gold: bool) -> Text:
    out = Text()
    out.append(f"{number}  {terminal_safe(name)}", style="bold")
    if in_gold:
        out.append("  ✓ in gold", style="bold")
    out.append("\n")
    return out


def version_text(
    number: int, name: str, version: Version | None, in_gold: bool, differences: Sequence[str], text: str
) -> Text:
    """One annotator's version of a quote as a small card; the fields that differ are highlighted."""
    out = _card_head(number, name, in_gold)
    if version is None:
        out.append("did not mark this quote", style="italic")
        return out
    quote = version.quote
    values = {
        "span": f"[{quote.start}, {quote.end}) “{display_text(text[quote.start : quote.end])}”",
        "kind": quote.kind,
        "speaker": terminal_safe(version.speaker or "—"),
        "cue": display_text(text[quote.cue[0] : quote.cue[1]]) if quote.cue else "—",
        "stance": terminal_safe(quote.stance or "—"),
        "target": terminal_safe(quote.target or "—"),
    }
    for field in FIELDS:
        out.append(f"{field:<8}", style="dim")
        out.append(values[field], style="reverse" if field in differences else "")
        out.append("\n")
    out.rstrip()
    return out


def stance_text(number: int, name: str, stance: DocStance | None, in_gold: bool) -> Text:
    """One annotator's stance of the whole document as a card."""
    out = _card_head(number, name, in_gold)
    out.append("stance  ")
    out.append(terminal_safe(stance.stance) if stance else "—", style="reverse")
    out.append(f"\ntarget  {terminal_safe(stance.target) if stance and stance.target else '—'}")
    return out


def gold_state_text(decided: Decision, number_of: Mapping[str, int], what: str) -> Text:
    """What gold holds for a dispute about ``what`` (a quote, the document stance)."""
    if decided.taken:
        who = ", ".join(f"{number_of[n]} {terminal_safe(n)}" for n in decided.taken)
        return Text(f"decided: gold holds version {who}", style="bold")
    if decided.edited:
        return Text(f"decided: gold holds a {what} of its own here (edited): e shows it", style="bold")
    if decided.left_out:
        return Text(f"decided: gold leaves this {what} out (none of the versions)", style="bold")
    return Text(f"undecided: press a card's number to take its version, 0 to leave the {what} out")
