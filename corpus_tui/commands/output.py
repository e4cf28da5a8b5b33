"""How commands speak to the terminal: warnings on stderr, with the program's name."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable
from typing import TextIO

from corpus_tui.core.errors import ConfigWarning

PROG = "corpus-tui"


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        print(f"{PROG}: warning: {line}", file=sys.stderr)


def show_config_warnings() -> None:
    """Show every ``ConfigWarning`` (an unknown key in corpus-tui.toml) as a warning line, each
    once per command however often the command loads the project; other warnings keep
    Python's own display."""
    warnings.showwarning = _show
    warnings.filterwarnings("once", category=ConfigWarning)


_python_show = warnings.showwarning  # as it was when corpus-tui started


def _show(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    if issubclass(category, ConfigWarning):
        warn([str(message)])
    else:
        _python_show(message, category, filename, lineno, file, line)


def relative(path, root) -> str:
    """``path`` relative to ``root`` when it lies inside it (shorter reports)."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
