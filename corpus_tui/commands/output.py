"""How commands speak to the terminal: through streams that cannot carry an escape sequence.

Names, labels, ids, notes and file names in reports come from configs, journals and
imports that someone else may have written. Rather than remembering to clean each of
them at every ``print``, the CLI runs with ``sys.stdout`` and ``sys.stderr`` replaced by a
``SafeStream`` (``safe_output``): every character that could drive or reorder the terminal
is shown visibly (``core.text.terminal_safe``), line breaks and tabs of the layout kept.
Only our own escape codes (the rich progress bar) go to the ``terminal_stream`` underneath.
"""

from __future__ import annotations

import io
import json
import sys
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from corpus_tui.core.errors import ConfigWarning
from corpus_tui.core.text import escape_unsafe, terminal_safe

PROG = "corpus-tui"
#: what a report's layout may hold besides printable text
LAYOUT = "\n\t"


class SafeStream(io.TextIOBase):
    """A text stream that writes ``terminal_safe`` text to the stream it wraps."""

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(terminal_safe(text, keep=LAYOUT))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.raw.encoding


@contextmanager
def safe_output() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` as ``SafeStream``s for the duration (restored after,
    so a caller's own streams, a test's captured ones, are left as they were)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def terminal_stream(stream: TextIO) -> TextIO:
    """The stream under a ``SafeStream``: for output whose escape codes are ours (the
    progress bar), with every piece of data in it made ``terminal_safe`` by the caller."""
    return stream.raw if isinstance(stream, SafeStream) else stream


def json_text(value: Any) -> str:
    """``--json`` output: JSON escapes C0 controls itself; C1 controls, DEL, bidi and
    zero-width characters are written as ``\\uXXXX`` too, so the document stays valid and
    exact, non-ASCII text stays readable, and no raw control character reaches a terminal."""
    return escape_unsafe(json.dumps(value, indent=2, ensure_ascii=False), keep="\n")


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
