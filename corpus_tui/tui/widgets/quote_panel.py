"""The side panel: the document's quotes with speaker, kind, stance and target.

It follows the cursor (the quote the quote keys would act on is marked ▶) and shows only
a window of quotes around it, so painting costs the panel's height, not the number of
quotes. Names come from annotators and articles, so everything is plain ``Text``.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from corpus_tui.model import DocAnnotation, Quote

_KIND_MARK = {"direct": "“”", "indirect": "≈ ", "mixed": "“≈"}


class QuotePanel(Widget):
    """Shows one annotation's quotes; ``show`` replaces the content, ``follow`` the current quote."""

    DEFAULT_CSS = """
    QuotePanel {
        width: 44;
        height: 1fr;
        border-left: vkey $primary;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    QuotePanel.-stale {
        text-wrap: wrap;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ann: DocAnnotation | None = None
        self.text = ""
        self.stale = False
        self.current: str | None = None

    def show(self, ann: DocAnnotation | None, text: str, *, stale: bool = False, current: str | None = None) -> None:
        self.ann, self.text, self.stale, self.current = ann, text, stale, current
        self.set_class(stale, "-stale")
        self.refresh()

    def follow(self, quote_id: str | None) -> None:
        if quote_id != self.current:
            self.current = quote_id
            self.refresh()

    def render(self) -> Text:
        ann = self.ann
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        if ann is None:
            return out
        if self.stale:
            out.append("STALE\n", style="bold reverse red")
            out.append(
                f"The article changed after this was annotated; its {len(ann.quotes)} quote(s) and "
                f"{len(ann.mentions)} speaker mention(s) point into the old text, so they are not shown.\n\n",
                style="red",
            )
            out.append("x  discard them and start over\nu  undo that\n", style="bold")
            out.no_wrap = False
            return out
        counts = f"{len(ann.quotes)} quote(s) · {len(ann.mentions)} speaker(s) · {ann.status}"
        out.append(counts + "\n", style="bold")
        if ann.doc_stance is not None:
            out.append("document: ", style="dim")
            out.append(ann.doc_stance.stance, style="bold")
            if ann.doc_stance.target:
                out.append(" → " + ann.doc_stance.target)
            out.append("\n")
        if not ann.quotes:
            out.append('\nNo quotes yet: select text (" / v / shift+→) and press q.', style="dim")
            return out
        rows = max((self.size.height - 2) // 3, 1)
        quotes = ann.quotes
        index = next((i for i, q in enumerate(quotes) if q.id == self.current), None)
        if index is None:
            index = 0
        first = max(0, min(index - rows // 2, len(quotes) - rows))
        if first > 0:
            out.append(f"  ↑ {first} more\n", style="dim")
        for q in quotes[first : first + rows]:
            self._quote_rows(out, ann, q)
        rest = len(quotes) - first - rows
        if rest > 0:
            out.append(f"  ↓ {rest} more", style="dim")
        return out

    def _quote_rows(self, out: Text, ann: DocAnnotation, q: Quote) -> None:
        here = q.id == self.current
        suggested = q.origin == "suggested"
        out.append("▶ " if here else "  ", style="bold")
        out.append(f"[{q.id}]", style="bold reverse" if here else "bold")
        out.append(f" {_KIND_MARK.get(q.kind, '  ')} {q.kind}")
        if suggested:
            out.append("  ?suggested", style="italic cyan")
        elif q.origin == "accepted":
            out.append("  ✓accepted", style="green")
        out.append("\n")
        snippet = " ".join(self.text[q.start : min(q.end, q.start + 80)].split())
        out.append("   «" + _printable(snippet) + "»\n", style="italic" if suggested else "")
        speaker = ann.speaker_of(q)
        out.append("   ")
        if speaker:
            out.append(f"⟨{speaker}⟩", style="bold yellow")
        else:
            out.append("⟨no speaker⟩", style="dim")
        out.append(" · ")
        out.append(q.stance or "no stance", style="bold" if q.stance else "dim")
        if q.target:
            out.append(" → " + q.target)
        out.append("\n")


def _printable(text: str) -> str:
    from corpus_tui.tui.textlayout import display_text

    return display_text(text)
