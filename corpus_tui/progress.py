"""Progress for long work: a bar on a terminal, plain lines otherwise (CI logs, pipes).

Kept free of Rich and Textual so every command can use it without slowing start-up.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], total: int | None, label: str, stream: TextIO | None = None) -> Iterator[T]:
    """Yield ``items`` while reporting how far along they are on ``stream`` (stderr)."""
    out = stream if stream is not None else sys.stderr
    tty = out.isatty()
    done = 0
    last_report = 0.0
    next_percent = 10
    for item in items:
        yield item
        done += 1
        if tty:
            now = time.monotonic()
            if now - last_report >= 0.1 or (total is not None and done == total):
                last_report = now
                out.write("\r" + _bar(label, done, total))
                out.flush()
        elif total:
            percent = done * 100 // total
            if percent >= next_percent or done == total:
                out.write(f"{label}: {done}/{total} ({percent}%)\n")
                out.flush()
                next_percent = (percent // 10 + 1) * 10
    if tty:
        out.write("\r" + _bar(label, done, total) + "\n")
        out.flush()
    elif not total:
        out.write(f"{label}: {done} done\n")
        out.flush()


def _bar(label: str, done: int, total: int | None, width: int = 30) -> str:
    if not total:
        return f"{label}: {done}"
    filled = width * done // total
    return f"{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
