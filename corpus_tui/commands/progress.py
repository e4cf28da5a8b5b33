"""Progress for long work: a ``rich.progress`` bar on a terminal, plain lines otherwise (CI logs, pipes).

Rich comes with Textual, so it costs no dependency; it is imported only when a bar is
actually drawn, so commands that never show one start as fast as before.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO, TypeVar

from corpus_tui.commands.output import terminal_stream
from corpus_tui.core.text import terminal_safe

T = TypeVar("T")


class Tracker(Protocol):
    """What long-running library code accepts to report progress (``progress`` is one)."""

    def __call__(self, items: Iterable[T], total: int | None, label: str) -> Iterator[T]: ...


def progress(items: Iterable[T], total: int | None, label: str, stream: TextIO | None = None) -> Iterator[T]:
    """Yield ``items`` while reporting how far along they are on ``stream`` (stderr)."""
    out = stream if stream is not None else sys.stderr
    if out.isatty():
        yield from _rich_bar(items, total, label, out)
    else:
        yield from _plain_lines(items, total, label, out)


def _rich_bar(items: Iterable[T], total: int | None, label: str, out: TextIO) -> Iterator[T]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    # the bar's escape codes are ours, so it draws on the terminal under the safe stream; the
    # label is the only text in it that a caller passes, shown as it is, never as markup
    columns = [TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TaskProgressColumn()]
    columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(file=terminal_stream(out)), transient=False) as bar:
        task = bar.add_task(terminal_safe(label), total=total)
        for item in items:
            yield item
            bar.advance(task)


def _plain_lines(items: Iterable[T], total: int | None, label: str, out: TextIO) -> Iterator[T]:
    """A line per tenth of the work (a log stays short whatever the size)."""
    done = 0
    next_percent = 10
    for item in items:
        yield item
        done += 1
        if total:
            percent = done * 100 // total
            if percent >= next_percent or done == total:
                out.write(f"{label}: {done}/{total} ({percent}%)\n")
                out.flush()
                next_percent = (percent // 10 + 1) * 10
    if not total:
        out.write(f"{label}: {done} done\n")
        out.flush()
