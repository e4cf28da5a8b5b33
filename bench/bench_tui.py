"""Key-to-frame latency of the annotation TUI, measured the way a person feels it.

``corpus-tui`` runs in a real pseudo-terminal (160×45, TERM=xterm-256color). For each
action the key's bytes are written and we wait until the output falls quiet for 30 ms;
the latency is the time from the write to the last byte of the frame (the quiet wait is
not counted). Pilot is not used: its press/pause harness adds a fixed 60–80 ms.

Budgets (DESIGN.md): keystroke median ≤ 16 ms, p95 ≤ 33 ms; scroll p95 ≤ 50 ms;
first usable Corpus screen on a 10,000-document project ≤ 1.5 s.

    .venv/bin/python bench/bench_tui.py [--quick]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import random
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).with_name("corpus-tui")
QUIET = 0.030
COLS, ROWS = 160, 45

KEYS = {
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "pagedown": b"\x1b[6~",
    "shift+right": b"\x1b[1;2C",
    "escape": b"\x1b",
    "enter": b"\r",
}

_WORDS_TEXT = (
    "the minister said talks would continue despite growing concern over defense cooperation between both "
    "countries officials warned sanctions could follow if the arms deal went ahead analysts noted"
)
WORDS = tuple(_WORDS_TEXT.split())


# --------------------------------------------------------------------------- projects


def _config(documents: str) -> str:
    return (
        '[project]\nname = "bench"\n'
        f'documents = ["{documents}"]\nannotations = "annotations"\n'
        '[labels]\nstance = ["favor", "against", "neutral"]\ntargets = ["the deal"]\n'
    )


def make_article_project(root: Path, chars: int = 100_000, spans: int = 1_000) -> Path:
    """One article of ``chars`` characters whose journal holds ``spans`` quotes + mentions.
    The first paragraph has no spans, so a span can be created and undone there."""
    from corpus_tui.core.model import DocAnnotation, Mention, Quote, text_sha256

    rng = random.Random(7)
    pieces: list[str] = []
    quotes: list[Quote] = []
    mentions: list[Mention] = []
    length = 0

    def add(text: str) -> int:
        nonlocal length
        start = length
        pieces.append(text)
        length += len(text)
        return start

    intro = " ".join(rng.choice(WORDS) for _ in range(400)) + ".\n"
    add(intro)
    pairs = spans // 2
    while length < chars:
        if len(quotes) < pairs:
            speaker = f"Speaker{len(quotes) % 40}"
            start = add("Then ")
            m_start = start + len("Then ")
            add(speaker + ' said: "')
            q_start = length
            add(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))))
            q_end = length
            add('." ')
            n = len(quotes) + 1
            mentions.append(Mention(f"m{n}", m_start, m_start + len(speaker), speaker))
            quotes.append(Quote(f"q{n}", q_start, q_end, "direct", source=f"m{n}", stance="against", target="the deal"))
        else:
            add(" ".join(rng.choice(WORDS) for _ in range(12)) + ". ")
        if rng.random() < 0.15:
            add("\n")
    text = "".join(pieces)[:chars]
    quotes = [q for q in quotes if q.end <= len(text)]
    mentions = [m for m in mentions if m.end <= len(text)]
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "corpus" / "article.txt").write_text(text, encoding="utf-8")
    (root / "corpus-tui.toml").write_text(_config("corpus/*.txt"), encoding="utf-8")
    ann = DocAnnotation(
        doc_id="article",
        text_sha256=text_sha256(text),
        annotator="bench",
        rev=1,
        status="in_progress",
        mentions=tuple(mentions),
        quotes=tuple(quotes),
    )
    (root / "annotations" / "bench.jsonl").write_text(json.dumps(ann.to_dict()) + "\n", encoding="utf-8")
    return root


def make_big_project(root: Path, documents: int) -> Path:
    """``documents`` short articles in one JSONL file; a fifth of them annotated."""
    from corpus_tui.core.model import DocAnnotation, text_sha256

    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    rng = random.Random(3)
    with (
        (root / "corpus" / "docs.jsonl").open("w", encoding="utf-8") as out,
        (root / "annotations" / "bench.jsonl").open("w", encoding="utf-8") as journal,
    ):
        for i in range(documents):
            text = " ".join(rng.choice(WORDS) for _ in range(150))
            out.write(json.dumps({"id": f"doc{i:05d}", "text": text, "meta": {}}) + "\n")
            if i % 5 == 0:
                ann = DocAnnotation(f"doc{i:05d}", text_sha256(text), "bench", rev=1, status="done")
                journal.write(json.dumps(ann.to_dict()) + "\n")
    (root / "corpus-tui.toml").write_text(_config("corpus/*.jsonl"), encoding="utf-8")
    return root


# --------------------------------------------------------------------------- the terminal


class Terminal:
    """corpus-tui in a pseudo-terminal, with a reader that knows when output goes quiet."""

    def __init__(self, project: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "LINES": str(ROWS),
            "COLUMNS": str(COLS),
        }
        env.pop("TEXTUAL", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [str(EXE), "--project", str(project), "--annotator", "bench"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.buffer = bytearray()

    def wait_for(self, needle: bytes, timeout: float = 30.0) -> float:
        """Seconds from start until ``needle`` has appeared in the output."""
        deadline = time.perf_counter() + timeout
        while needle not in self.buffer:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{needle!r} did not appear; output tail: {bytes(self.buffer[-400:])!r}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                self.buffer += os.read(self.master, 65536)
        return time.perf_counter() - self.started

    def settle(self, quiet: float = 0.3) -> None:
        self._drain(quiet)

    def _drain(self, quiet: float, first_wait: float = 0.0) -> float | None:
        """Read until ``quiet`` seconds pass without bytes; the time of the last byte.
        ``first_wait`` allows a slow first byte (a frame that takes longer than the gap)."""
        last: float | None = None
        while True:
            ready, _, _ = select.select([self.master], [], [], quiet if last is not None else max(quiet, first_wait))
            if not ready:
                return last
            data = os.read(self.master, 65536)
            if not data:
                return last
            last = time.perf_counter()
            self.buffer += data
            if len(self.buffer) > 1 << 20:
                del self.buffer[: len(self.buffer) - (1 << 16)]

    def press(self, key: str) -> float | None:
        """Write a key; seconds until its frame was fully written (None: nothing was drawn)."""
        sent = time.perf_counter()
        os.write(self.master, KEYS.get(key, key.encode()))
        last = self._drain(QUIET, first_wait=1.0)
        return None if last is None else last - sent

    def close(self) -> None:
        try:
            os.write(self.master, b"\x11")  # ctrl+q
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=5)
        os.close(self.master)


# --------------------------------------------------------------------------- measuring


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


Step = Callable[[int], None]


def sample(action: Callable[[], float | None], samples: int, setup: Step | None = None, teardown: Step | None = None):
    """Milliseconds of ``samples`` presses that drew a frame (at most 3 × samples tries)."""
    values: list[float] = []
    attempts = 0
    while len(values) < samples and attempts < samples * 3:
        attempts += 1
        if setup is not None:
            setup(len(values))
        latency = action()
        if latency is not None:
            values.append(latency * 1000)
        if teardown is not None:
            teardown(len(values))
    return values


def measure_keys(project: Path, samples: int) -> dict[str, list[float]]:
    term = Terminal(project)
    try:
        term.wait_for(b"documents done")
        term.settle()
        term.press("enter")
        term.wait_for(b"quotes \xc2\xb7")
        term.settle()

        def home(quiet: float = 0.1) -> None:
            term.press("g")
            term.settle(quiet)

        def page_setup(i: int) -> None:
            if i and i % 10 == 0:
                home()

        results = {"cursor right": sample(lambda: term.press("right"), samples)}
        home()
        results["cursor down"] = sample(lambda: term.press("down"), samples)
        home()
        results["scroll pagedown"] = sample(lambda: term.press("pagedown"), samples, setup=page_setup)
        home()

        def extend_setup(i: int) -> None:
            if i and i % 15 == 0:
                term.press("escape")  # clears the selection (escape without one would leave the screen)
                home(quiet=0.05)

        results["extend selection"] = sample(lambda: term.press("shift+right"), samples, setup=extend_setup)
        term.press("escape")
        home()

        def create_setup(_: int) -> None:
            term.press("right")
            term.press("shift+right")
            term.settle(0.05)

        def create_teardown(_: int) -> None:
            term.press("u")
            term.settle(0.05)

        results["create span (q)"] = sample(
            lambda: term.press("q"), samples, setup=create_setup, teardown=create_teardown
        )
        return results
    finally:
        term.close()


def measure_startup(project: Path, runs: int) -> list[float]:
    values = []
    for _ in range(runs):
        term = Terminal(project)
        try:
            values.append(term.wait_for(b"documents done") * 1000)
            term.settle(0.2)
        finally:
            term.close()
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples and a smaller corpus (a smoke run)")
    parser.add_argument("--samples", type=int, default=None)
    args = parser.parse_args(argv)
    samples = args.samples or (30 if args.quick else 60)
    documents = 2_000 if args.quick else 10_000
    if not EXE.exists():
        print(f"{EXE} not found: install the package into this interpreter's environment.", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="bench-tui-"))
    try:
        article = make_article_project(tmp / "article")
        keys = measure_keys(article, samples)
        big = make_big_project(tmp / "big", documents)
        startup = measure_startup(big, 3 if args.quick else 5)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"corpus-tui in a {COLS}x{ROWS} pty; 100,000-character article, 1,000 spans; quiet gap {QUIET * 1000:.0f} ms")
    print(f"{'action':<22}{'n':>4}{'median ms':>11}{'p95 ms':>9}   budget (median / p95)   ok")
    failed = False
    for name, values in keys.items():
        if not values:
            print(f"{name:<22}   0   (no frames observed)")
            failed = True
            continue
        median, p95 = statistics.median(values), percentile(values, 0.95)
        scroll = name.startswith("scroll")
        p95_budget = 50 if scroll else 33
        ok = p95 <= p95_budget and (scroll or median <= 16)  # a scroll repaints every line: p95 budget only
        failed |= not ok
        budget = f"{'-' if scroll else '≤ 16'} / ≤ {p95_budget}"
        print(f"{name:<22}{len(values):>4}{median:>11.1f}{p95:>9.1f}   {budget:<22}{'yes' if ok else 'NO'}")
    median = statistics.median(startup)
    ok = median <= 1500
    failed |= not ok
    verdict = "yes" if ok else "NO"
    budget = f"≤ 1500 ({documents:,} docs)"
    print(f"{'first Corpus screen':<22}{len(startup):>4}{median:>11.0f}{max(startup):>9.0f}   {budget:<22}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
