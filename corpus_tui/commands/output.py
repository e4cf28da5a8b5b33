"""How commands speak to the terminal: warnings on stderr, with the program's name."""

from __future__ import annotations

import sys
from collections.abc import Iterable

PROG = "corpus-tui"


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        print(f"{PROG}: warning: {line}", file=sys.stderr)


def relative(path, root) -> str:
    """``path`` relative to ``root`` when it lies inside it (shorter reports)."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
