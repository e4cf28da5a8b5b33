"""The real ``corpus-tui`` in a pseudo-terminal, read as a byte stream.

Pilot runs the app in the test's own process; faults like ``kill -9`` or a file-size limit
need a process of their own. What the annotator sees is found in the stream: Textual
re-sends a line only when it changes, so the title's save state is the last one sent.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

EXE = Path(sys.executable).with_name("corpus-tui")
COLS, ROWS = 140, 40
KEYS = {"escape": b"\x1b", "enter": b"\r", "ctrl+q": b"\x11"}
#: how the title says the save state (``SaveState``), as bytes on the wire
SAVED, SAVING, NOT_SAVED = "saved ·".encode(), "saving…".encode(), b"NOT SAVED"


class Tui:
    """``corpus-tui --project ROOT --annotator NAME`` with a pty as its terminal."""

    def __init__(self, root: Path, annotator: str, preexec: Callable[[], None] | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "LINES": str(ROWS), "COLUMNS": str(COLS)}
        env.pop("TEXTUAL", None)
        env.pop("CORPUS_TUI_FORCE_TUI", None)
        self.proc = subprocess.Popen(
            [str(EXE), "--project", str(root), "--annotator", annotator],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
            preexec_fn=preexec,
        )
        os.close(slave)
        self.output = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the process has ended and the pty is closed
            return False
        self.output += data
        return bool(data)

    def wait_for(self, needle: bytes, after: int = 0, timeout: float = 30.0) -> int:
        """The offset of ``needle`` in the output from ``after`` on, waiting for it."""
        deadline = time.monotonic() + timeout
        while (found := self.output.find(needle, after)) < 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (not self._read(min(remaining, 0.5)) and self.proc.poll() is not None):
                tail = bytes(self.output[-600:])
                raise AssertionError(
                    f"{needle!r} did not appear (exit status {self.proc.poll()}); output tail: {tail!r}"
                )
        return found

    def settle(self, quiet: float = 0.2) -> None:
        """Read until the output is quiet for ``quiet`` seconds."""
        while self._read(quiet):
            pass

    def press(self, key: str) -> int:
        """Send a key; returns the output offset before it (what follows is its response)."""
        self.settle(0.0)
        mark = len(self.output)
        os.write(self.master, KEYS.get(key, key.encode()))
        return mark

    def save_state(self) -> bytes | None:
        """What the title says last: SAVED, SAVING or NOT_SAVED."""
        found = {marker: self.output.rfind(marker) for marker in (SAVED, SAVING, NOT_SAVED)}
        marker, where = max(found.items(), key=lambda item: item[1])
        return marker if where >= 0 else None

    def open_first_document(self) -> None:
        self.wait_for(b"documents done")
        self.settle()
        self.press("enter")
        self.wait_for("quotes ·".encode())
        self.settle()

    def kill9(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def wait_exit(self, timeout: float = 15.0) -> int:
        """The exit status, after reading everything the process wrote."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        status = self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        while self._read(0.05):
            pass
        return status

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        os.close(self.master)
