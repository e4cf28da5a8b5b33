"""Chance-corrected agreement on labels: Cohen's kappa for two coders, Krippendorff's alpha for more.

Why chance-corrected: with three stance labels two annotators agree a third of the time
by luck, so raw agreement overstates how well the guidelines work. Both measures are
undefined when there is nothing to compare or only one label in use, and say so (None)
rather than report a number that means nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two coders' labels; None when undefined (no items, or chance
    agreement is 1 because both used one and the same label throughout)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Sequence[Mapping[str, str]], annotators: Sequence[str]) -> float | None:
    """Krippendorff's alpha (nominal) via the ``krippendorff`` package; units are
    {annotator: label} with missing annotators left out. None when undefined."""
    pairable = [u for u in units if len(u) >= 2]
    if not pairable:
        return None
    labels = sorted({v for u in pairable for v in u.values()})
    if len(labels) < 2:
        return None
    import krippendorff  # lazily: numpy is not needed for the rest of the CLI

    code = {label: float(i) for i, label in enumerate(labels)}
    nan = float("nan")
    data = [[code[u[a]] if a in u else nan for u in pairable] for a in annotators]
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def pairwise_observed(units: Sequence[Mapping[str, str]]) -> float | None:
    """Share of agreeing pairs of labels within units (percent agreement, pooled)."""
    agree = total = 0
    for u in units:
        values = list(u.values())
        for a, b in combinations(values, 2):
            total += 1
            agree += a == b
    return agree / total if total else None
