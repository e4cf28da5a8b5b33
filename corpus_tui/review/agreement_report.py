"""The agreement figures as a report: per pair and overall, as JSON, as a table, with notes.

``AgreementReport.rows`` is shared by the CLI's plain-text table (``format_table``) and
the TUI's Agreement screen, so both show the same cells; ``to_dict`` is ``agree --json``.
Every figure carries the number of items it rests on: a kappa over five quotes is noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus_tui.core.text import terminal_safe
from corpus_tui.review.matching import PRF


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
        """The column's heading (names from journal files: ``terminal_safe``)."""
        return terminal_safe("–".join(self.annotators)) if len(self.annotators) == 2 else "overall"

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
                + ", ".join(f"{terminal_safe(k)} {v}" for k, v in sorted(stale.items()))
                + "."
            )
        if not self.overall.documents:
            out.append("No document is annotated by two of these annotators yet.")
        return out

    @property
    def title(self) -> str:
        return f"Agreement between {terminal_safe(', '.join(self.annotators))}"

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
